#pragma once

#include "bpm/drawing.h"
#include "bpm/model.h"

namespace bpm {

/// The journey map of a persona as File ▸ Export and bpmap-cli export write it (PNG and SVG): the
/// default layout wrapped with m, on a white ground with 16 units of room on every side.
draw::drawing journey_picture(const persona& p, const draw::text_measurer& m);

}  // namespace bpm
