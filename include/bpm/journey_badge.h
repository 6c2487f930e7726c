#pragma once

#include <cstddef>

#include "bpm/drawing.h"

namespace bpm {

/// The badge that tells how many open comments a stage card has: a round-cornered amber label
/// with the count, straddling the card's top-left corner (conflict marks take the top right).
/// The editor draws it over the laid-out map, as it does the selection outline, so that review
/// notes stay out of the exported pictures and pages. Empty when count is 0.
draw::drawing comment_badge(const draw::rect& card, std::size_t count, const draw::text_measurer& m);

}  // namespace bpm
