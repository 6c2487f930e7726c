#include "bpm/journey_picture.h"

#include "bpm/drawing_transform.h"
#include "bpm/journey_layout.h"

namespace bpm {

namespace {

// As much room as the editor's window leaves around the map, so cards never touch the edge.
constexpr double margin = 16;

}  // namespace

draw::drawing journey_picture(const persona& p, const draw::text_measurer& m) {
    const journey_layout layout = layout_journey(p, m);
    draw::drawing out;
    out.width = layout.picture.width + 2 * margin;
    out.height = layout.picture.height + 2 * margin;
    out.items.reserve(layout.picture.items.size() + 1);
    out.items.emplace_back(draw::box{{0, 0, out.width, out.height}, {255, 255, 255}});
    draw::embed(out, layout.picture, 1, {margin, margin});
    return out;
}

}  // namespace bpm
