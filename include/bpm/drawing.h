#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// A renderer-neutral display list: layout code (journey map, printed pages) produces drawings in
// abstract units, and each renderer (wxGraphicsContext on screen and paper, libharu for PDF, SVG)
// draws the same items. That is how the screen, the printer and the PDF always agree.
namespace bpm::draw {

/// A position; y grows downwards.
struct point {
    double x = 0;
    double y = 0;
};

/// An axis-aligned rectangle; (x, y) is its top-left corner.
struct rect {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;

    double right() const { return x + w; }
    double bottom() const { return y + h; }
    /// True when the two rectangles share interior area (touching edges do not count).
    bool overlaps(const rect& o) const;
    /// True when p lies inside or on the edge.
    bool contains(point p) const;
};

/// An sRGB colour with alpha.
struct colour {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    std::uint8_t a = 255;

    bool transparent() const { return a == 0; }
    bool operator==(const colour& o) const { return r == o.r && g == o.g && b == o.b && a == o.a; }
    bool operator!=(const colour& o) const { return !(*this == o); }
};

/// The one typeface family of a drawing (DejaVu Sans or the platform's sans), in two weights.
struct font {
    double size = 10;  // in drawing units
    bool bold = false;

    bool operator==(const font& o) const { return size == o.size && bold == o.bold; }
};

/// Measures text for layout; each renderer supplies its own so wrapping matches what it draws.
class text_measurer {
public:
    virtual ~text_measurer() = default;
    /// Width of one line of UTF-8 text in drawing units.
    virtual double width(std::string_view text, const font& f) const = 0;
    /// Distance between the baselines of two lines.
    virtual double line_height(const font& f) const { return f.size * 1.25; }
    /// For a measurer whose widths are sums of whole advances per character (no kerning, no
    /// shaping): text's width in thousandths of f.size, so that width(text, f) is
    /// advance_width(units, f) and the units of text cut between characters add up to those of
    /// the whole. Nothing when text's width is no such sum (text that is shaped), and by default.
    virtual std::optional<unsigned long> advance_units(std::string_view /*text*/, const font& /*f*/) const {
        return std::nullopt;
    }
};

/// The width in drawing units of `units` thousandths of f.size (see text_measurer::advance_units).
inline double advance_width(unsigned long units, const font& f) { return static_cast<double>(units) * f.size / 1000.0; }

/// A filled and/or stroked rectangle, optionally with rounded corners.
struct box {
    rect area;
    colour fill{0, 0, 0, 0};
    colour stroke{0, 0, 0, 0};
    double stroke_width = 1;
    double corner_radius = 0;
};

/// A straight line, optionally ending in an arrow head at `to`.
struct line {
    point from;
    point to;
    colour stroke;
    double width = 1;
    bool arrow_head = false;
};

/// How each line of a text sits in its area. `left` is where the line's reading starts: a
/// right-to-left line (see line_alignment) aligned `left` sits at the right.
enum class align { left, centre, right };

/// Lines of text already wrapped by the layout, in logical order (renderers that place glyphs one
/// by one reorder each line, see bidi.h); the first line's top is at area.y.
struct text {
    rect area;
    std::vector<std::string> lines;
    font face;
    colour ink;
    align alignment = align::left;
};

/// One thing to draw.
using item = std::variant<box, line, text>;

/// A list of items drawn in order over a canvas of the given size.
struct drawing {
    double width = 0;
    double height = 0;
    std::vector<item> items;
};

/// Wraps text into lines no wider than max_width, breaking at spaces (or inside a word that is
/// wider than the whole line) and at '\n'. When more than max_lines would be needed, the last
/// kept line ends with an ellipsis; max_lines == 0 means no limit. A line whose own first strong
/// character would give it another direction than its paragraph's starts with an invisible
/// direction mark (bidi::ltr_mark or rtl_mark), so that every renderer orders and aligns it as
/// part of its paragraph.
std::vector<std::string> wrap_text(std::string_view text, double max_width, const font& f,
                                   const text_measurer& m, std::size_t max_lines = 0);

/// Where `line`, one of the text's lines, sits: left or right as the text's alignment says, with
/// `left` turned to `right` when the line reads right to left (its first strong character is
/// right-to-left, as in a Hebrew or Arabic paragraph).
align line_alignment(align a, std::string_view line);

/// Shortens one line to fit max_width, ending it with an ellipsis when anything is cut.
std::string elide(std::string_view line, double max_width, const font& f, const text_measurer& m);

/// The triangle of a line's arrow head (tip at `to`, then the two back corners), so that every
/// renderer draws the same head: 6 + 2 × width long, 0.9 × its length wide.
std::array<point, 3> arrow_head(const line& l);

}  // namespace bpm::draw
