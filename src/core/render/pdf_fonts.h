#pragma once
// Internal to the PDF export. TrueType metrics read the way libharu reads them, and the choice of
// face for each character, shared by pdf_text_measurer (before the PDF exists) and render_pdf, so
// that measuring and drawing cannot disagree.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
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
/// the same integers into the PDF's width table. The Basic Multilingual Plane is mapped from the
/// (3,1) format 4 character map, as libharu reads it; characters beyond it from the (3,10) format
/// 12 map, when the face has one.
struct face {
    std::string path;
    unsigned index = 0;       // within a .ttc collection
    bool collection = false;  // a .ttc file, which libharu loads by index
    int ascent = 0;
    std::vector<std::uint16_t> glyph_of;         // by BMP code point; 0 when the face has no glyph
    std::vector<std::array<std::uint32_t, 3>> astral;  // past the BMP: first, last code point, first glyph
    std::vector<std::uint16_t> advance;          // by glyph
    std::vector<std::uint32_t> first_component;  // by glyph, one more than glyphs, into components
    std::vector<std::uint16_t> components;       // the glyphs each composite glyph is built from

    std::uint16_t glyph(char32_t cp) const {
        if (cp < glyph_of.size()) return glyph_of[cp];
        for (const auto& [first, last, start] : astral)
            if (cp >= first && cp <= last) {
                const std::uint32_t g = start + (cp - first);
                return g < advance.size() ? static_cast<std::uint16_t>(g) : 0;
            }
        return 0;
    }
    bool has(char32_t cp) const { return glyph(cp) != 0; }
    unsigned width(char32_t cp) const { return advance[glyph(cp)]; }
};

/// Reads a .ttf file, or font `index` of a .ttc collection, checking that libharu can embed it.
result<face> load_face(const std::string& path, unsigned index);

/// Which face of a font_set: regular_face, bold_face, then the fallbacks in the order found.
using face_id = std::uint16_t;
inline constexpr face_id regular_face = 0;
inline constexpr face_id bold_face = 1;

/// The faces of one PDF: DejaVu Sans, optionally its bold, and the fallbacks for characters that
/// DejaVu Sans lacks, found and loaded when first needed (so text that needs none costs nothing,
/// not even fontconfig's start). Safe to use from several threads.
class font_set {
public:
    pdf_font_files files;
    std::vector<std::string> folders;  // searched by name for CJK fonts (where fontconfig is not used)
    face regular;
    std::optional<face> bold;

    /// The face of an id that this set gave out.
    const face& get(face_id id) const {
        if (id == regular_face) return regular;
        if (id == bold_face) return bold ? *bold : regular;
        return fallback(id);
    }
    /// The fallback that draws cp: a loaded one that has it, else files.cjk, else (with
    /// files.system_fallbacks) a CJK font by name in the folders, else the first usable font
    /// fontconfig names for it. Nothing when no installed font can draw it.
    std::optional<face_id> fallback_for(char32_t cp) const;

private:
    const face& fallback(face_id id) const;
    // Loads a candidate once; true when it was loaded now and draws cp.
    bool try_candidate(const std::string& path, unsigned index, char32_t cp) const;

    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<const face>> fallbacks_;  // id - 2
    mutable std::unordered_map<char32_t, face_id> chosen_;       // regular_face: none
    mutable std::set<std::pair<std::string, unsigned>> tried_;
};

/// True for Chinese, Japanese and Korean characters, which fonts-wqy-microhei covers.
bool is_cjk(char32_t cp);

/// The Debian packages whose fonts would draw these characters and that are not installed, to
/// name in a warning: fonts-wqy-microhei, fonts-symbola, fonts-noto-core.
std::vector<std::string> packages_to_install(const std::set<char32_t>& missing);

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

/// How a character is drawn: which face, which character (not the one wanted when no face has
/// it) and its advance in thousandths of an em.
struct glyph_choice {
    face_id face = regular_face;
    char32_t drawn = 0;
    unsigned advance = 0;
};

/// The glyph of a visible character that the main face lacks: in a fallback face, else "?" (else
/// nothing: drawn 0, advance 0).
glyph_choice glyph_elsewhere(const font_set& fonts, face_id main_id, const face& main, char32_t cp);

/// The glyph of a visible character: in the main face when it has it, else glyph_elsewhere.
inline glyph_choice choose_glyph(const font_set& fonts, face_id main_id, const face& main, char32_t cp) {
    if (const std::uint16_t g = main.glyph(cp)) return {main_id, cp, main.advance[g]};
    return glyph_elsewhere(fonts, main_id, main, cp);
}

/// The face that draws text in the bold or regular weight.
inline face_id main_face(const font_set& fonts, bool bold) { return bold && fonts.bold ? bold_face : regular_face; }

/// Calls fn(face_id, drawn, wanted, advance, source) for each character of a line as it is drawn
/// (for_each_shaped_char), as choose_glyph draws it. Invisible characters are skipped.
template <class Fn>
void for_each_glyph(const font_set& fonts, std::string_view text, bool bold, bool visual, Fn&& fn) {
    const face_id main_id = main_face(fonts, bold);
    const face& main = fonts.get(main_id);
    for_each_shaped_char(text, visual, [&](char32_t cp, std::u32string_view source) {
        if (is_invisible(cp)) return;
        const glyph_choice g = choose_glyph(fonts, main_id, main, cp);
        fn(g.face, g.drawn, cp, g.advance, source);
    });
}

}  // namespace bpm::pdf_detail
