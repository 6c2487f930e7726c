#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bpm {

/// Bytes of the character starting at text[i] (1 for ASCII) when it is valid UTF-8, 0 when it is
/// not: an overlong form, a surrogate, a code point past U+10FFFF or a sequence cut short. Inline,
/// so that parsers can check text as they read it.
inline std::size_t utf8_char_bytes(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    // The well-formed sequences of the Unicode standard's table 3-7: the second byte's range
    // depends on the first, every later byte is 80..BF.
    const auto follows = [&](std::size_t k, unsigned lo, unsigned hi) {
        return k < text.size() && byte(k) >= lo && byte(k) <= hi;
    };
    const unsigned lead = byte(i);
    if (lead < 0x80) return 1;
    if (lead < 0xC2) return 0;
    if (lead < 0xE0) return follows(i + 1, 0x80, 0xBF) ? 2 : 0;
    if (lead < 0xF0) {
        const unsigned lo = lead == 0xE0 ? 0xA0 : 0x80, hi = lead == 0xED ? 0x9F : 0xBF;
        return follows(i + 1, lo, hi) && follows(i + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead < 0xF5) {
        const unsigned lo = lead == 0xF0 ? 0x90 : 0x80, hi = lead == 0xF4 ? 0x8F : 0xBF;
        return follows(i + 1, lo, hi) && follows(i + 2, 0x80, 0xBF) && follows(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

/// Byte offset of the first invalid UTF-8 sequence in text, or npos when it is all valid.
/// Overlong forms, surrogates and code points past U+10FFFF count as invalid.
std::size_t find_invalid_utf8(std::string_view text);

/// True when text is valid UTF-8.
inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; }

/// What next_code_point returns for a byte that does not start a valid UTF-8 sequence.
inline constexpr char32_t invalid_code_point = 0xFFFFFFFF;

/// next_code_point for a text[i] that is not ASCII.
char32_t next_multibyte_code_point(std::string_view text, std::size_t& i);

/// Decodes the code point starting at text[i] and moves i past it; an invalid sequence yields
/// invalid_code_point and moves i one byte on.
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    // Most map text is ASCII; parsers call this once a character.
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    return next_multibyte_code_point(text, i);
}

/// Appends the UTF-8 bytes of a code point (at most U+10FFFF, not a surrogate) to out.
void append_utf8(std::string& out, char32_t cp);

/// Number of characters (code points) in UTF-8 text: every byte that does not continue a sequence.
std::size_t code_point_count(std::string_view text);

/// Byte where the character after the one starting at byte i starts (text.size() after the last).
std::size_t next_char_start(std::string_view text, std::size_t i);

/// Byte where the character that ends before byte end starts (0 at the start of text).
std::size_t previous_char_start(std::string_view text, std::size_t end);

/// "…" (U+2026), the mark of text cut short.
inline constexpr std::string_view ellipsis = "\xE2\x80\xA6";

/// Text when it has at most max_bytes; otherwise its longest start within max_bytes that ends
/// on a character boundary, without trailing white space, followed by "…".
std::string shorten(std::string_view text, std::size_t max_bytes);

/// Text on one line for a message: white space and control characters collapse to single
/// spaces, the text stops before any invalid UTF-8, and it is shortened to max_bytes.
std::string one_line_excerpt(std::string_view text, std::size_t max_bytes);

/// Text with leading and trailing ASCII white space removed.
std::string_view trim(std::string_view text);

/// Text in ASCII lower case; other bytes unchanged.
std::string ascii_lower(std::string_view text);

/// Bytes of the character at text[i] when it is one XML 1.0 cannot carry (a C0 control other
/// than tab, LF and CR; U+FFFE; U+FFFF), 0 when XML can carry it. text is valid UTF-8.
inline std::size_t xml_invalid_char_bytes(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return 1;
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF))
        return 3;
    return 0;
}

/// What a text file's bytes held, as decode_text_file read them.
struct decoded_text {
    /// The encoding the bytes were read in.
    enum class source { utf8, utf16le, utf16be };

    /// The text as UTF-8, without a byte order mark.
    std::string text;
    /// As a byte order mark said, else UTF-8.
    source encoding = source::utf8;
    /// Bytes read as Windows-1252 (from UTF-8) or characters replaced by U+FFFD (from UTF-16).
    std::size_t guessed = 0;
    /// Byte offset in text of the first of those characters.
    std::size_t first_guess = std::string_view::npos;
};

/// The text of a file's bytes as UTF-8, as spreadsheets write it: a UTF-8 byte order mark dropped;
/// UTF-16 with its byte order mark decoded (a lone surrogate or odd last byte as U+FFFD); otherwise
/// UTF-8, where each byte that is not part of a valid sequence is read as Windows-1252, the code page
/// of Excel's plain "CSV" in Western Europe (its five unassigned bytes as U+0081, U+008D, U+008F,
/// U+0090, U+009D). Valid UTF-8 comes back unchanged, without a copy.
decoded_text decode_text_file(std::string bytes);

/// Valid UTF-8 text without the characters XML 1.0 cannot carry (C0 controls other than
/// tab, LF and CR; U+FFFE; U+FFFF).
std::string strip_xml_invalid_chars(std::string_view text);

}  // namespace bpm
