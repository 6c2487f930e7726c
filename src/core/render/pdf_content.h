#pragma once
// Internal to the PDF export. A page's content stream, written operator by operator as libharu
// 2.3.0's HPDF_Page_* functions write it, byte for byte, without what each of those calls costs
// besides (a 512-byte buffer cleared a byte at a time, a memory stream filled a byte at a time, the
// text measured again): together a third of the export's time.

#include <initializer_list>
#include <string>
#include <string_view>

namespace bpm::pdf_detail {

/// The operators of one page, appended to a string. Numbers are PDF points (and 0 to 1 for colour
/// channels) in PDF's own coordinates, y up; each is written as libharu writes it (HPDF_FToA: at
/// most five decimals, clamped to ±32,767). Nothing is checked: the caller keeps operators in
/// their valid order and values in their ranges.
class page_content {
public:
    /// The operators written since the page began.
    std::string_view bytes() const { return out_; }
    /// Starts a new page.
    void clear() { out_.clear(); }

    /// rg and RG: the fill or stroke colour, in RGB.
    void fill_colour(float r, float g, float b) { numbers({r, g, b}, " rg\012"); }
    void stroke_colour(float r, float g, float b) { numbers({r, g, b}, " RG\012"); }
    /// w: the line width.
    void line_width(float width) { numbers({width}, " w\012"); }
    /// q and Q: saves and restores the graphics state.
    void save() { out_ += "q\012"; }
    void restore() { out_ += "Q\012"; }
    /// gs: sets the graphics state of the page's resource `name` (libharu's names need no escapes).
    void graphics_state(std::string_view name) { named(name, " gs\012"); }

    /// m, l, c, h, re: path construction.
    void move_to(float x, float y) { numbers({x, y}, " m\012"); }
    void line_to(float x, float y) { numbers({x, y}, " l\012"); }
    void curve_to(float x1, float y1, float x2, float y2, float x3, float y3) {
        numbers({x1, y1, x2, y2, x3, y3}, " c\012");
    }
    void close_path() { out_ += "h\012"; }
    void rectangle(float x, float y, float width, float height) { numbers({x, y, width, height}, " re\012"); }
    /// f, S, B: paints the path.
    void fill() { out_ += "f\012"; }
    void stroke() { out_ += "S\012"; }
    void fill_stroke() { out_ += "B\012"; }

    /// BT and ET: a text object.
    void begin_text();
    void end_text() { out_ += "ET\012"; }
    /// Tf: the page's font resource `name` at `size` points.
    void font(std::string_view name, float size);
    /// Td and Tj: shows the two-byte codes of the current font with the origin at x, y, as
    /// HPDF_Page_TextOut does (Td moves relative to the line before, in single precision).
    void show(float x, float y, const std::u16string& codes);

private:
    void number(float value);
    void numbers(std::initializer_list<float> values, const char* op);
    void named(std::string_view name, const char* op);

    std::string out_;
    float line_x_ = 0;  // where the text object's current line starts
    float line_y_ = 0;
};

}  // namespace bpm::pdf_detail
