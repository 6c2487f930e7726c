#pragma once

#include <string>

#include "bpm/history.h"
#include "bpm/model.h"

namespace bpm {

/// The offline summary of a persona's journey, in the layout of the spec's Phase 5:
/// "Persona: NAME (PAIN POINTS)", then one line per stage with its six fields,
/// then the length of the whole cycle where durations are understood.
std::string template_summary(const persona& p);

/// Stores the offline summary as the persona's, stamped with the history's clock, as one undo
/// step; false when the persona is gone.
bool store_template_summary(history& h, const std::string& persona_id);

}  // namespace bpm
