#include "pdf_content.h"

#include <hpdf.h>
#include <hpdf_utils.h>

#include <utility>

namespace bpm::pdf_detail {

void page_content::number(float value) {
    char buf[HPDF_REAL_LEN + 1];
    const char* end = HPDF_FToA(buf, value, buf + HPDF_REAL_LEN);
    out_.append(buf, static_cast<std::size_t>(end - buf));
}

void page_content::numbers(std::initializer_list<float> values, const char* op) {
    bool first = true;
    for (const float v : values) {
        if (!std::exchange(first, false)) out_ += ' ';
        number(v);
    }
    out_ += op;
}

void page_content::named(std::string_view name, const char* op) {
    out_ += '/';
    out_ += name;
    out_ += op;
}

void page_content::begin_text() {
    out_ += "BT\012";
    line_x_ = line_y_ = 0;
}

void page_content::font(std::string_view name, float size) {
    out_ += '/';
    out_ += name;
    out_ += ' ';
    number(size);
    out_ += " Tf\012";
}

void page_content::show(float x, float y, const std::u16string& codes) {
    // HPDF_Page_TextOut's offset from the line before, with the text matrix unscaled and unrotated.
    const float dx = x - line_x_, dy = y - line_y_;
    numbers({dx, dy}, " Td\012");
    line_x_ += dx;
    line_y_ += dy;
    static constexpr char digits[] = "0123456789ABCDEF";
    out_ += '<';
    for (const char16_t c : codes) {
        out_ += digits[c >> 12 & 0xF];
        out_ += digits[c >> 8 & 0xF];
        out_ += digits[c >> 4 & 0xF];
        out_ += digits[c & 0xF];
    }
    out_ += "> Tj\012";
}

}  // namespace bpm::pdf_detail
