#include "bpm/utf8.h"

#include <utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace bpm {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
    const char* const data = text.data();
    const std::size_t n = text.size();
    // Bytes of the character at i, which is not ASCII, when it is valid, else 0. Two-byte ones (Latin
    // letters with accents, guillemets) are the most common: checked without a call.
    const auto multibyte = [&](std::size_t i) -> std::size_t {
        const auto lead = static_cast<unsigned char>(data[i]);
        if (lead >= 0xC2 && lead < 0xE0 && i + 1 < n && is_continuation(data[i + 1])) return 2;
        return utf8_char_bytes(text, i);
    };
    std::size_t i = 0;
#if defined(__SSE2__) || defined(_M_X64)
    // Sixteen bytes at a time with SSE2 (every x86-64 processor has it), with no branch that the
    // text decides at each character: a chunk is valid when its continuation bytes (80..BF) are
    // exactly the one to three bytes after each lead (C2..DF, E0..EF, F0..F4, a lead near its end
    // carrying into the next chunk), no other byte is past ASCII, and the byte after E0, ED, F0 or
    // F4 is in the narrower range those allow. Only a chunk that is not UTF-8 is looked at again,
    // character by character. Map text has a character past ASCII every fifty bytes or so, and
    // going from one to the next mispredicted a branch at each: CPU time, medians of 41 rounds,
    // before -> now: the 2.4 MB benchmark map 0.63 -> 0.38 ms, as much CJK text 1.64 -> 0.42 ms,
    // of ASCII 0.08 -> 0.03 ms.
    const auto bytes = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at)); };
    const auto mask = [](__m128i found) { return static_cast<unsigned>(_mm_movemask_epi8(found)); };
    // Bytes of v above `above` and below `below`, compared as signed bytes (80..FF are -128..-1).
    const auto between = [](__m128i v, char above, char below) {
        return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(above)), _mm_cmplt_epi8(v, _mm_set1_epi8(below)));
    };
    const auto is = [](__m128i v, int b) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b))); };
    unsigned carry = 0;  // continuations the previous chunk's leads expect at the start of this one
    while (i + 17 <= n) {
        // Sixty-four bytes of ASCII at once: the branch is taken on runs of markup and English
        // text, and seldom mispredicted where characters past ASCII are frequent.
        if (carry == 0 && i + 65 <= n &&
            mask(_mm_or_si128(_mm_or_si128(bytes(i), bytes(i + 16)), _mm_or_si128(bytes(i + 32), bytes(i + 48)))) == 0) {
            i += 64;
            continue;
        }
        const __m128i v = bytes(i);
        const unsigned continuations = mask(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));  // 80..BF
        const unsigned leads2 = mask(between(v, -63, -32));                           // C2..DF
        unsigned expected = (leads2 << 1) | carry;
        unsigned other = mask(v) & ~(continuations | leads2);
        unsigned narrow = 0;
        // Leads of three and four bytes only where a byte from E0 on is: a branch that Latin text
        // seldom takes and CJK text nearly always does, both well predicted.
        if (mask(_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(-32)), v)) != 0) {
            const __m128i next = bytes(i + 1);  // the byte after each of v's
            const unsigned leads3 = mask(between(v, -33, -16));  // E0..EF
            const unsigned leads4 = mask(between(v, -17, -11));  // F0..F4
            expected |= (leads3 << 1) | (leads3 << 2) | (leads4 << 1) | (leads4 << 2) | (leads4 << 3);
            other &= ~(leads3 | leads4);
            // E0 A0..BF, ED 80..9F, F0 90..BF, F4 80..8F: no overlong forms, surrogates or code
            // points past U+10FFFF.
            narrow = mask(_mm_or_si128(
                _mm_or_si128(_mm_and_si128(is(v, 0xE0), _mm_cmplt_epi8(next, _mm_set1_epi8(-96))),
                             _mm_and_si128(is(v, 0xED), _mm_cmpgt_epi8(next, _mm_set1_epi8(-97)))),
                _mm_or_si128(_mm_and_si128(is(v, 0xF0), _mm_cmplt_epi8(next, _mm_set1_epi8(-112))),
                             _mm_and_si128(is(v, 0xF4), _mm_cmpgt_epi8(next, _mm_set1_epi8(-113))))));
        }
        if ((other | narrow | (continuations ^ (expected & 0xFFFF))) == 0) {
            carry = expected >> 16;
            i += 16;
            continue;
        }
        break;  // not UTF-8 in this chunk: the loop below finds where, character by character
    }
    // From the lead of the character the chunk starts in, when one before it is unfinished.
    if (carry != 0)
        for (--i; is_continuation(data[i]); --i) {
        }
#endif
    while (i < n) {
        // Skip runs of ASCII eight bytes at a time: most map text is ASCII.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, data + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        while (i < n && is_ascii(data[i])) ++i;
        if (i >= n) break;
        const std::size_t bytes = multibyte(i);
        if (bytes == 0) return i;
        i += bytes;
    }
    return std::string_view::npos;
}

char32_t next_multibyte_code_point(std::string_view text, std::size_t& i) {
    const std::size_t bytes = utf8_char_bytes(text, i);
    if (bytes == 0) {
        ++i;
        return invalid_code_point;
    }
    const char* it = text.data() + i;
    const char32_t cp = utf8::unchecked::next(it);
    i += bytes;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    // Most map text is ASCII; the PDF's text is written a character at a time.
    if (cp < 0x80) {
        out += static_cast<char>(cp);
        return;
    }
    utf8::append(cp, std::back_inserter(out));
}

std::size_t code_point_count(std::string_view text) {
    const auto starts = std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); });
    return static_cast<std::size_t>(starts);
}

std::size_t next_char_start(std::string_view text, std::size_t i) {
    ++i;
    while (i < text.size() && is_continuation(text[i])) ++i;
    return i;
}

std::size_t previous_char_start(std::string_view text, std::size_t end) {
    std::size_t i = end;
    while (i > 0) {
        --i;
        if (!is_continuation(text[i])) break;
    }
    return i;
}

std::string shorten(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    // The character that holds byte max_bytes is the first one left out.
    std::string out(text.substr(0, previous_char_start(text, max_bytes + 1)));
    while (!out.empty() && is_space(out.back())) out.pop_back();
    return out.append(ellipsis);
}

std::string one_line_excerpt(std::string_view text, std::size_t max_bytes) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad != std::string_view::npos) text = text.substr(0, bad);
    std::string out;
    bool space = false;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F || c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return shorten(out, max_bytes);
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string strip_xml_invalid_chars(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t n = xml_invalid_char_bytes(text, i)) {
            i += n - 1;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

namespace {

// Windows-1252's characters for the bytes 80..9F (the rest of its upper half is Latin-1's); the
// five bytes it leaves unassigned keep their C1 code points, as the WHATWG Encoding Standard has it.
constexpr char32_t windows_1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80..87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88..8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90..97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98..9F
};

constexpr char32_t replacement_character = 0xFFFD;

void decode_utf16(std::string_view bytes, bool little_endian, decoded_text& out) {
    out.text.reserve(bytes.size() + bytes.size() / 2);
    const auto unit = [&](std::size_t i) -> char32_t {
        const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
        const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
        return static_cast<char32_t>(hi << 8 | lo);
    };
    const auto replace = [&] {
        if (out.guessed++ == 0) out.first_guess = out.text.size();
        append_utf8(out.text, replacement_character);
    };
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        const char32_t u = unit(i);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
            append_utf8(out.text, 0x10000 + ((u - 0xD800) << 10) + (unit(i + 2) - 0xDC00));
            i += 2;
        } else if (u >= 0xD800 && u < 0xE000) {
            replace();
        } else {
            append_utf8(out.text, u);
        }
    }
    if (i < bytes.size()) replace();
}

}  // namespace

decoded_text decode_text_file(std::string bytes) {
    decoded_text out;
    const std::string_view view = bytes;
    if (view.substr(0, 2) == "\xFF\xFE" || view.substr(0, 2) == "\xFE\xFF") {
        const bool little = view[0] == '\xFF';
        out.encoding = little ? decoded_text::source::utf16le : decoded_text::source::utf16be;
        decode_utf16(view.substr(2), little, out);
        return out;
    }
    const std::size_t bom = view.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::size_t bad = find_invalid_utf8(view.substr(bom));
    if (bad == std::string_view::npos) {
        bytes.erase(0, bom);
        out.text = std::move(bytes);
        return out;
    }
    bad += bom;
    out.text.reserve(view.size() + view.size() / 2);
    out.text.append(view.substr(bom, bad - bom));
    for (std::size_t i = bad; i < view.size();) {
        if (const std::size_t n = utf8_char_bytes(view, i)) {
            out.text.append(view.substr(i, n));
            i += n;
            continue;
        }
        if (out.guessed++ == 0) out.first_guess = out.text.size();
        const auto b = static_cast<unsigned char>(view[i++]);
        append_utf8(out.text, b < 0xA0 ? windows_1252_high[b - 0x80] : static_cast<char32_t>(b));
    }
    return out;
}

}  // namespace bpm
