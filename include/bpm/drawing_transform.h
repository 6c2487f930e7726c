#pragma once

#include "bpm/drawing.h"

// Placing one drawing inside another: the printed pages embed the journey map scaled to the
// printable area, and tests check that nothing is drawn off the page.
namespace bpm::draw {

/// The item scaled about the origin and then moved by offset; font sizes, stroke widths and
/// corner radii scale with it, so the result looks the same, only smaller or larger.
item transformed(const item& it, double scale, point offset);

/// Appends every item of source to target, scaled and moved as by transformed().
void embed(drawing& target, const drawing& source, double scale, point offset);

/// The area an item covers: a box's rectangle, a text's area, a line's end points (with half
/// its width, and its arrow head).
rect bounds(const item& it);

}  // namespace bpm::draw
