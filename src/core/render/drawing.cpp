#include "bpm/drawing.h"

#include <cmath>
#include <utility>

#include "bpm/bidi.h"
#include "bpm/utf8.h"

namespace bpm::draw {

namespace {

// The longest prefix of word that fits, ending on a code point boundary; at least one code point
// so that wrapping always progresses. Words are short, so a linear scan is fine.
std::size_t fitting_prefix(std::string_view word, double max_width, const font& f, const text_measurer& m) {
    std::size_t fits = next_char_start(word, 0);
    while (fits < word.size()) {
        std::size_t next = next_char_start(word, fits);
        if (m.width(word.substr(0, next), f) > max_width) break;
        fits = next;
    }
    return fits;
}

// Cuts line until it fits with an ellipsis appended.
std::string with_ellipsis(std::string_view line, double max_width, const font& f, const text_measurer& m) {
    std::size_t end = line.size();
    for (;;) {
        std::string candidate(line.substr(0, end));
        while (!candidate.empty() && candidate.back() == ' ') candidate.pop_back();
        candidate += ellipsis;
        if (end == 0 || m.width(candidate, f) <= max_width) return candidate;
        end = previous_char_start(line, end);
    }
}

// Marks the lines from `first` on that would otherwise take another direction than the paragraph.
void keep_paragraph_direction(std::string_view para, std::vector<std::string>& lines, std::size_t first) {
    if (!bidi::needs_bidi(para)) return;
    const bool rtl = bidi::is_rtl(para);
    for (std::size_t i = first; i < lines.size(); ++i)
        if (bidi::is_rtl(lines[i]) != rtl) lines[i].insert(0, rtl ? bidi::rtl_mark : bidi::ltr_mark);
}

// A line of a paragraph being wrapped, word by word, and its width. When the measurer's widths
// of the paragraph add up (text_measurer::advance_units), the line's width is the sum of its
// words' and spaces', each word measured once; else the whole line is measured again.
class growing_line {
public:
    growing_line(std::string_view para, const font& f, const text_measurer& m)
        : f_(f),
          m_(m),
          adds_up_(m.advance_units(para, f).has_value()),
          space_(adds_up_ ? *m.advance_units(" ", f) : 0) {}

    bool empty() const { return text_.empty(); }
    // Whether the line, with word after a space (or word alone when the line is empty), is at
    // most max_width wide.
    bool fits_with(std::string_view word, double max_width) {
        if (!adds_up_) return m_.width(empty() ? std::string(word) : text_ + " " + std::string(word), f_) <= max_width;
        measure(word);
        return advance_width(empty() ? word_units_ : units_ + space_ + word_units_, f_) <= max_width;
    }
    // Whether word alone is wider than max_width.
    bool too_wide(std::string_view word, double max_width) {
        if (!adds_up_) return m_.width(word, f_) > max_width;
        measure(word);
        return advance_width(word_units_, f_) > max_width;
    }
    // Adds the word that fits_with or too_wide was last asked about.
    void add(std::string_view word) {
        units_ = empty() ? word_units_ : units_ + space_ + word_units_;
        if (!empty()) text_ += ' ';
        text_ += word;
    }
    // The line's text; the line is empty again.
    std::string take() { return std::exchange(text_, {}); }

private:
    void measure(std::string_view word) { word_units_ = *m_.advance_units(word, f_); }

    const font& f_;
    const text_measurer& m_;
    bool adds_up_;
    unsigned long space_;
    std::string text_;
    unsigned long units_ = 0;       // the width of text_, when the widths add up
    unsigned long word_units_ = 0;  // the width of the word last measured
};

void wrap_paragraph(std::string_view para, double max_width, const font& f, const text_measurer& m,
                    std::vector<std::string>& out) {
    const std::size_t first = out.size();
    growing_line line(para, f, m);
    std::size_t i = 0;
    bool any = false;
    while (i < para.size()) {
        while (i < para.size() && para[i] == ' ') ++i;
        if (i >= para.size()) break;
        std::size_t end = para.find(' ', i);
        if (end == std::string_view::npos) end = para.size();
        std::string_view word = para.substr(i, end - i);
        i = end;
        any = true;

        if (line.fits_with(word, max_width)) {
            line.add(word);
            continue;
        }
        if (!line.empty()) out.push_back(line.take());
        // A word wider than a whole line is broken where the line ends (at every character when
        // not even one fits, as when max_width is not positive).
        while (!word.empty() && line.too_wide(word, max_width)) {
            std::size_t cut = fitting_prefix(word, max_width, f, m);
            out.emplace_back(word.substr(0, cut));
            word.remove_prefix(cut);
        }
        if (!word.empty()) line.add(word);
    }
    if (!line.empty() || !any) out.push_back(line.take());
    keep_paragraph_direction(para, out, first);
}

}  // namespace

bool rect::overlaps(const rect& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
}

bool rect::contains(point p) const { return p.x >= x && p.x <= right() && p.y >= y && p.y <= bottom(); }

std::vector<std::string> wrap_text(std::string_view text, double max_width, const font& f,
                                   const text_measurer& m, std::size_t max_lines) {
    std::vector<std::string> lines;
    if (text.empty()) return lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
        wrap_paragraph(para, max_width, f, m, lines);
        if (max_lines != 0 && lines.size() > max_lines) break;
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (max_lines != 0 && lines.size() > max_lines) {
        lines.resize(max_lines);
        lines.back() = with_ellipsis(lines.back(), max_width, f, m);
    }
    return lines;
}

align line_alignment(align a, std::string_view line) {
    return a == align::left && bidi::is_rtl(line) ? align::right : a;
}

std::string elide(std::string_view line, double max_width, const font& f, const text_measurer& m) {
    if (m.width(line, f) <= max_width) return std::string(line);
    return with_ellipsis(line, max_width, f, m);
}

std::array<point, 3> arrow_head(const line& l) {
    const double dx = l.to.x - l.from.x;
    const double dy = l.to.y - l.from.y;
    const double len = std::hypot(dx, dy);
    // A zero-length line has no direction; its head points right, as an arrow usually does here.
    const double ux = len > 0 ? dx / len : 1;
    const double uy = len > 0 ? dy / len : 0;
    const double head = 6 + 2 * l.width;
    const double half = 0.45 * head;
    const point base{l.to.x - ux * head, l.to.y - uy * head};
    return {l.to, point{base.x - uy * half, base.y + ux * half}, point{base.x + uy * half, base.y - ux * half}};
}

}  // namespace bpm::draw
