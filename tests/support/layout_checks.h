#pragma once
// Shared by the layout suites: a measurer whose widths are easy to reason about, and ways to
// read a drawing's text back.

#include <string>
#include <string_view>
#include <vector>

#include "bpm/drawing.h"
#include "bpm/utf8.h"

namespace bpm::test {

/// Every code point is 0.55 em wide, as in a narrow sans; lines are 1.25 em apart.
class fixed_measurer : public draw::text_measurer {
public:
    double width(std::string_view text, const draw::font& f) const override {
        return 0.55 * f.size * static_cast<double>(code_point_count(text));
    }
};

/// The text items of a drawing, in drawing order.
inline std::vector<const draw::text*> texts(const draw::drawing& d) {
    std::vector<const draw::text*> out;
    for (const draw::item& it : d.items)
        if (const auto* t = std::get_if<draw::text>(&it)) out.push_back(t);
    return out;
}

/// Text with every run of white space turned into one space, and none at either end; wrapping
/// turns spaces into line breaks, so texts are compared in this form.
inline std::string collapse_space(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

/// The lines of a text item joined with spaces, white space collapsed.
inline std::string joined(const draw::text& t) {
    std::string all;
    for (const std::string& line : t.lines) all += line + " ";
    return collapse_space(all);
}

/// Every text item of a drawing, each joined as by joined(), separated by " | ".
inline std::string all_text(const draw::drawing& d) {
    std::string out;
    for (const draw::text* t : texts(d)) out += joined(*t) + " | ";
    return out;
}

/// True when inner lies within outer, give or take a rounding error.
inline bool inside(const draw::rect& inner, const draw::rect& outer) {
    const double eps = 1e-6;
    return inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.right() <= outer.right() + eps &&
           inner.bottom() <= outer.bottom() + eps;
}

/// True when two rectangles share more than a rounding error of area.
inline bool overlap(const draw::rect& a, const draw::rect& b) {
    const double eps = 1e-6;
    return a.x < b.right() - eps && b.x < a.right() - eps && a.y < b.bottom() - eps && b.y < a.bottom() - eps;
}

}  // namespace bpm::test
