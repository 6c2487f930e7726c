#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Right-to-left text for the renderers that place glyphs one after another (PDF): the Unicode
// bidirectional algorithm and Arabic joining, through FriBidi. Layout wraps logical text; each
// laid-out line is shaped for measuring and, for drawing, also put in visual order.
namespace bpm::bidi {

/// The invisible marks that set a line's direction: U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK.
inline constexpr std::string_view ltr_mark = "\xE2\x80\x8E";
inline constexpr std::string_view rtl_mark = "\xE2\x80\x8F";

/// True when the UTF-8 text holds a right-to-left letter (Hebrew, Arabic, Syriac, ...) or a
/// right-to-left control; text without one is drawn as it is, so checking is all it pays.
bool needs_bidi(std::string_view text);

/// True when the first strong character of the UTF-8 text is right-to-left (rule P2 of the
/// bidi algorithm, isolates skipped); text with no strong character is left-to-right.
bool is_rtl(std::string_view text);

/// One character as drawn, and the run of the text's code points it stands for.
struct shaped_char {
    char32_t drawn = 0;       // the presentation form, mirrored bracket or the character itself
    std::uint32_t first = 0;  // index of its first code point in the text
    std::uint32_t count = 1;  // code points it stands for: 2 for a lam-alef ligature
};

/// A line's code points, and its characters as drawn.
struct shaped_line {
    std::u32string text;             // the line's code points, in logical order
    std::vector<shaped_char> chars;  // what to draw
};

/// One line of UTF-8 text as drawn: Arabic letters joined into their presentation forms (lam-alef
/// ligatures included), brackets mirrored in right-to-left runs (bidi controls stay, to be drawn as nothing); in logical
/// order, or in visual order (left to right) when `visual`. Invalid UTF-8 becomes U+FFFD; the
/// paragraph direction is that of the line's first strong character.
shaped_line shape(std::string_view text, bool visual);

}  // namespace bpm::bidi
