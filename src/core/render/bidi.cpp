#include "bpm/bidi.h"

#include <fribidi.h>

#include <cstdint>
#include <cstring>

#include "bpm/utf8.h"

namespace bpm::bidi {

namespace {

bool is_rtl_char(char32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF)        // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
           || (cp >= 0xFB1D && cp <= 0xFDFF)     // Hebrew and Arabic presentation forms A
           || (cp >= 0xFE70 && cp <= 0xFEFE)     // Arabic presentation forms B
           || (cp >= 0x10800 && cp <= 0x10FFF)   // historic right-to-left scripts
           || (cp >= 0x1E800 && cp <= 0x1EFFF)   // Adlam, Arabic mathematical symbols
           || cp == 0x200F || cp == 0x202B || cp == 0x202E || cp == 0x2067;  // RLM, RLE, RLO, RLI
}

std::u32string code_points(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = next_code_point(text, i);
        out.push_back(cp == invalid_code_point ? char32_t(0xFFFD) : cp);
    }
    return out;
}

std::vector<FriBidiCharType> types_of(const std::u32string& text) {
    std::vector<FriBidiCharType> types(text.size());
    fribidi_get_bidi_types(reinterpret_cast<const FriBidiChar*>(text.data()), static_cast<FriBidiStrIndex>(text.size()),
                           types.data());
    return types;
}

// Whether the eight bytes from i are ASCII, as most map text is, to pass over them at once.
bool eight_ascii(std::string_view text, std::size_t i) {
    std::uint64_t bytes = 0;
    if (text.size() - i < sizeof bytes) return false;
    std::memcpy(&bytes, text.data() + i, sizeof bytes);
    return (bytes & 0x8080808080808080u) == 0;
}

}  // namespace

bool needs_bidi(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (eight_ascii(text, i)) {
            i += 8;
            continue;
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        if (is_rtl_char(next_multibyte_code_point(text, i))) return true;
    }
    return false;
}

bool is_rtl(std::string_view text) {
    if (!needs_bidi(text)) return false;
    const std::u32string chars = code_points(text);
    const std::vector<FriBidiCharType> types = types_of(chars);
    return fribidi_get_par_direction(types.data(), static_cast<FriBidiStrIndex>(types.size())) == FRIBIDI_PAR_RTL;
}

shaped_line shape(std::string_view text, bool visual) {
    shaped_line out;
    out.text = code_points(text);
    const auto len = static_cast<FriBidiStrIndex>(out.text.size());
    std::u32string drawn = out.text;
    auto* str = reinterpret_cast<FriBidiChar*>(drawn.data());
    std::vector<FriBidiCharType> types = types_of(out.text);
    std::vector<FriBidiBracketType> brackets(out.text.size());
    fribidi_get_bracket_types(str, len, types.data(), brackets.data());
    std::vector<FriBidiLevel> levels(out.text.size());
    FriBidiParType direction = FRIBIDI_PAR_ON;
    std::vector<FriBidiStrIndex> order(out.text.size());
    for (FriBidiStrIndex i = 0; i < len; ++i) order[static_cast<std::size_t>(i)] = i;
    // A level of 0 means FriBidi ran out of memory; the text is then drawn as it is.
    if (len > 0 && fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &direction, levels.data())) {
        std::vector<FriBidiArabicProp> joining(out.text.size());
        fribidi_get_joining_types(str, len, joining.data());
        fribidi_join_arabic(types.data(), len, levels.data(), joining.data());
        fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAGS_ARABIC, levels.data(), len, joining.data(), str);
        // Marks stay before their letter in a right-to-left run (no FRIBIDI_FLAG_REORDER_NSM): an
        // Arabic or Hebrew font draws a mark over the glyph that follows its zero-width advance.
        if (visual && !fribidi_reorder_line(0, types.data(), len, 0, direction, levels.data(),
                                            nullptr, order.data()))
            for (FriBidiStrIndex i = 0; i < len; ++i) order[static_cast<std::size_t>(i)] = i;
    }
    out.chars.reserve(out.text.size());
    for (const FriBidiStrIndex at : order) {
        const auto i = static_cast<std::size_t>(at);
        // A ligature takes the place of its second letter and leaves a filler in its first.
        if (drawn[i] == FRIBIDI_CHAR_FILL && out.text[i] != FRIBIDI_CHAR_FILL) continue;
        shaped_char c{drawn[i], static_cast<std::uint32_t>(i), 1};
        if (i > 0 && drawn[i - 1] == FRIBIDI_CHAR_FILL && out.text[i - 1] != FRIBIDI_CHAR_FILL) {
            c.first -= 1;
            c.count = 2;
        }
        out.chars.push_back(c);
    }
    return out;
}

}  // namespace bpm::bidi
