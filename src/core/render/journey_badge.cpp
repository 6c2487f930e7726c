#include "bpm/journey_badge.h"

#include <algorithm>
#include <string>

namespace bpm {

draw::drawing comment_badge(const draw::rect& card, std::size_t count, const draw::text_measurer& m) {
    draw::drawing d;
    if (count == 0) return d;
    const std::string label = count > 99 ? std::string("99+") : std::to_string(count);
    const draw::font face{11, true};
    const double height = 18;
    const double width = std::max(height, m.width(label, face) + 12);
    // Half outside the card, so it reads as a note pinned on it rather than part of its text.
    const draw::rect area{card.x - width / 2 + 6, card.y - height / 2, width, height};
    d.items.emplace_back(draw::box{area, {0xF5, 0xA6, 0x23, 255}, {0xB9, 0x77, 0x0E, 255}, 1, height / 2});
    const double line = m.line_height(face);
    d.items.emplace_back(draw::text{{area.x, area.y + (height - line) / 2, area.w, line}, {label}, face,
                                    {0x3B, 0x25, 0x00, 255}, draw::align::centre});
    d.width = area.right();
    d.height = area.bottom();
    return d;
}

}  // namespace bpm
