#pragma once
// Internal to the core: the palette and text helpers that the journey map and the printed pages
// share, so that both read as one design.

#include <string>
#include <utility>
#include <vector>

#include "bpm/drawing.h"
#include "bpm/model.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm::layout {

inline constexpr draw::colour ink{31, 41, 55};
inline constexpr draw::colour muted{90, 99, 114};
inline constexpr draw::colour faint{156, 163, 175};
inline constexpr draw::colour hairline{209, 213, 219};
inline constexpr draw::colour white{255, 255, 255};
inline constexpr draw::colour accent{46, 90, 136};
inline constexpr draw::colour accent_end{38, 140, 120};
// Warnings the reader must not miss, such as a summary older than the map; dark enough for grey print.
inline constexpr draw::colour warning{146, 64, 14};

// Shown in place of an empty field, so that the place of every field stays visible.
inline constexpr const char* empty_mark = "—";

/// share_of_b of the way from colour a to colour b.
inline draw::colour mix(draw::colour a, draw::colour b, double share_of_b) {
    auto channel = [share_of_b](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(x + (y - x) * share_of_b + 0.5);
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), channel(a.a, b.a)};
}

/// Height of n lines in a font.
inline double lines_height(const draw::text_measurer& m, const draw::font& f, std::size_t n) {
    return static_cast<double>(n) * m.line_height(f);
}

/// Adds lines of text whose top-left is (x, y) in a column w wide; returns the height used.
inline double put_text(draw::drawing& d, const draw::text_measurer& m, double x, double y, double w,
                       std::vector<std::string> lines, const draw::font& f, draw::colour c,
                       draw::align a = draw::align::left) {
    if (lines.empty()) return 0;
    const double h = lines_height(m, f, lines.size());
    d.items.push_back(draw::text{{x, y, w, h}, std::move(lines), f, c, a});
    return h;
}

/// A persona's name for headings, or a placeholder when it has none.
inline std::string display_name(const persona& p) {
    const std::string_view name = trim(p.name);
    return name.empty() ? _("Unnamed persona") : std::string(name);
}

}  // namespace bpm::layout
