#pragma once

#include <string>

#include "bpm/diagnostic.h"
#include "bpm/drawing.h"
#include "bpm/progress.h"

namespace bpm {

/// A standalone SVG 1.1 document of a drawing, in its own units: rounded boxes, lines with
/// arrow heads, and text as one <tspan> per laid-out line in DejaVu Sans (or any sans-serif).
/// Lines of text are 1.25 × the font size apart, as text_measurer::line_height has it by default.
/// Tells progress (items written, of all) every thousand items; cancelled through it, no text.
result<std::string> to_svg(const draw::drawing& d, const progress_fn& progress = {});

}  // namespace bpm
