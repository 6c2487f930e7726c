#pragma once
// Internal to the PDF export. TrueType metrics read the way libharu reads them, and the choice of
// face for each character, shared by pdf_text_measurer (before the PDF exists) and render_pdf, so
// that measuring and drawing cannot disagree.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/bidi.h"
#include "bpm/diagnostic.h"
#include "bpm/pdf_export.h"
#include "bpm/utf8.h"

namespace bpm::pdf_detail {

/// One TrueType face. Widths are thousandths of an em, truncated like libharu's, which writes
/// the same integers into the PDF's width table; only the Basic Multilingual Plane is mapped
/// because libharu's UTF-8 encoder stops there.
struct face {
    std::string path;
    unsigned index = 0;       // within a .ttc collection
    bool collection = false;  // a .ttc file, which libharu loads by index
    int ascent = 0;
    std::vector<std::uint16_t> glyph_of;         // by code point; 0 when the face has no glyph
    std::vector<std::uint16_t> advance;          // by glyph
    std::vector<std::uint32_t> first_component;  // by glyph, one more than glyphs, into components
    std::vector<std::uint16_t> components;       // the glyphs each composite glyph is built from

    bool has(char32_t cp) const { return cp < glyph_of.size() && glyph_of[cp] != 0; }
    unsigned width(char32_t cp) const { return advance[glyph_of[cp]]; }
};

/// Reads a .ttf file, or font `index` of a .ttc collection, checking that libharu can embed it.
result<face> load_face(const std::string& path, unsigned index);

enum class face_id : std::uint8_t { regular, bold, cjk };

/// The faces of one PDF: DejaVu Sans, optionally its bold, optionally a CJK fallback.
struct font_set {
    pdf_font_files files;
    face regular;
    std::optional<face> bold;
    std::optional<face> cjk;

    const face& get(face_id id) const { return id == face_id::bold ? *bold : id == face_id::cjk ? *cjk : regular; }
};

/// True for the scripts whose absence earns the "no CJK font" warning rather than a list.
bool is_cjk(char32_t cp);

/// True for characters that are drawn as nothing and take no room: control characters, bidi
/// marks and controls, zero-width spaces and joiners, variation selectors.
inline bool is_invisible(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/// Calls fn(drawn, source) for each character of a line as drawn (see bidi::shape; in visual
/// order when `visual`), source being the code points it stands for. Text without right-to-left
/// characters is passed through as it is, without shaping's cost.
template <class Fn>
void for_each_shaped_char(std::string_view text, bool visual, Fn&& fn) {
    if (!bidi::needs_bidi(text)) {
        std::size_t i = 0;
        while (i < text.size()) {
            const char32_t cp = next_code_point(text, i);
            fn(cp, std::u32string_view(&cp, 1));
        }
        return;
    }
    const bidi::shaped_line line = bidi::shape(text, visual);
    const std::u32string_view source(line.text);
    for (const bidi::shaped_char& c : line.chars) fn(c.drawn, source.substr(c.first, c.count));
}

/// Calls fn(face_id, drawn, wanted, advance, source) for each character of a line as it is drawn
/// (for_each_shaped_char): in the main face when it has the glyph, else in the CJK fallback, else
/// as "?" (drawn != wanted). Invisible characters are skipped.
template <class Fn>
void for_each_glyph(const font_set& fonts, std::string_view text, bool bold, bool visual, Fn&& fn) {
    const face_id main_id = bold && fonts.bold ? face_id::bold : face_id::regular;
    const face& main = fonts.get(main_id);
    for_each_shaped_char(text, visual, [&](char32_t cp, std::u32string_view source) {
        if (is_invisible(cp)) return;
        if (main.has(cp))
            fn(main_id, cp, cp, main.width(cp), source);
        else if (fonts.cjk && fonts.cjk->has(cp))
            fn(face_id::cjk, cp, cp, fonts.cjk->width(cp), source);
        else if (main.has('?'))
            fn(main_id, char32_t('?'), cp, main.width('?'), source);
        else
            fn(main_id, char32_t(0), cp, 0u, source);
    });
}

}  // namespace bpm::pdf_detail
