#include "xml_text.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "byte_words.h"

namespace bpm {

namespace {

using namespace byte_words;

// Whether a character reference may stand for cp: the characters of XML 1.0.
bool is_xml_char(std::uint32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

// The first byte from p on that xml_decode looks at: the NUL after the text, '&', a control
// character, or the first byte of U+FFFE or U+FFFF. Every text of a map goes through here: sixteen
// bytes at a time, it took 1.2M instructions rather than 6.2M of a 2.4 MB map's load.
const char* next_special(const char* p) {
#if BPM_BYTE_WORDS_SSE2
    for (;;) {
        const __m128i v = load16(p);
        const __m128i found = _mm_or_si128(bytes16_below_space(v), _mm_or_si128(_mm_cmpeq_epi8(v, splat16('&')),
                                                                                  _mm_cmpeq_epi8(v, splat16(0xEF))));
        if (const unsigned marks = marks16(found)) return p + first_mark16(marks);
        p += 16;
    }
#else
    for (;;) {
        const std::uint64_t w = load8(p);
        const std::uint64_t marks = bytes_below_space(w) | bytes_equal(w, '&') | bytes_equal(w, 0xEF);
        if (marks) return p + first_marked(marks);
        p += 8;
    }
#endif
}

// The code point of the reference at end ('&'), moving end past it; end stays where it is when
// pugixml would not read a reference there. Past U+10FFFF, a code point no character has.
std::uint32_t reference(const char*& end) {
    const char* s = end + 1;
    // memcmp of a constant length is a load and a compare where strncmp was a call, for each of
    // the 24,000 references of the 200 x 12 map: the padding after the parse buffer makes reading
    // past the NUL after the text safe, and a NUL differs from every byte of rest.
    const auto named = [&](std::string_view rest, char c) -> std::uint32_t {
        if (std::memcmp(s, rest.data(), rest.size()) != 0) return 0;
        end = s + rest.size();
        return static_cast<unsigned char>(c);
    };
    switch (*s) {
        case 'a': return s[1] == 'm' ? named("amp;", '&') : named("apos;", '\'');
        case 'l': return named("lt;", '<');
        case 'g': return named("gt;", '>');
        case 'q': return named("quot;", '"');
        case '#': break;
        default: return 0;
    }
    ++s;
    const unsigned base = *s == 'x' ? 16 : 10;
    if (base == 16) ++s;
    const char* const digits = s;
    std::uint32_t cp = 0;
    for (;; ++s) {
        const unsigned c = static_cast<unsigned char>(*s);
        unsigned d = 16;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
        if (d >= base) break;
        if (cp <= 0x10FFFF) cp = cp * base + d;  // no further: it is no character already
    }
    if (s == digits || *s != ';') return 0;
    end = s + 1;
    return cp;
}

}  // namespace

std::string xml_decode(char* v, xml_markup kind, const xml_text_problem& report) {
    const char* p = next_special(v);
    if (*p == '\0') return std::string(v, static_cast<std::size_t>(p - v));  // the usual case
    // Decoded in place, the writes trailing the reads (what references and line ends stand for is
    // never longer), then copied out once: a string sized by strlen and filled with NULs to write
    // into made five loads of the 200 x 12 map 194.6M rather than 192.8M instructions.
    char* w = v + (p - v);
    const char* copied = p;  // the text from here to p is kept as it is
    const auto replace = [&](std::size_t length, std::string_view with) {
        std::memmove(w, copied, static_cast<std::size_t>(p - copied));
        w += p - copied;
        // A reference that stands for nothing is replaced by nothing: with.data() may be null,
        // which memcpy may not be given even for no bytes.
        if (!with.empty()) std::memcpy(w, with.data(), with.size());
        w += with.size();
        p += length;
        copied = p;
    };
    while (*p != '\0') {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '&' && kind != xml_markup::cdata) {
            const char* end = p;
            const std::uint32_t cp = reference(end);
            const auto length = static_cast<std::size_t>(end - p);
            if (length == 0) {
                ++p;  // not a reference: an '&' as it is
            } else if (!is_xml_char(cp)) {
                report(p, format(_("the character reference \"{1}\" stands for no character XML allows"),
                                 one_line_excerpt(std::string_view(p, length), 40)));
                replace(length, {});
            } else if (cp < 0x80) {
                const char ascii = static_cast<char>(cp);
                replace(length, std::string_view(&ascii, 1));
            } else {
                std::string utf8;
                append_utf8(utf8, cp);
                replace(length, utf8);
            }
        } else if (c == '\r') {
            replace(p[1] == '\n' ? 2 : 1, kind == xml_markup::attribute ? " " : "\n");
        } else if (c == '\t' || c == '\n') {
            if (kind == xml_markup::attribute) replace(1, " ");
            else ++p;
        } else {
            // A control character, or EF that may start U+FFFE or U+FFFF: the text is valid UTF-8
            // and NUL-terminated, so the bytes xml_invalid_char_bytes looks at are there.
            const std::size_t bytes = xml_invalid_char_bytes(std::string_view(p, 3), 0);
            if (bytes == 0 || kind == xml_markup::attribute) {
                p += bytes == 0 ? 1 : bytes;
            } else {
                char code[8];
                std::snprintf(code, sizeof code, "%04X", bytes == 1 ? c : p[2] == '\xBE' ? 0xFFFE : 0xFFFF);
                report(p, format(_("the character U+{1} is not allowed in XML"), code));
                replace(bytes, {});
            }
        }
        p = next_special(p);
    }
    std::memmove(w, copied, static_cast<std::size_t>(p - copied));
    w += p - copied;
    *w = '\0';
    return std::string(v, static_cast<std::size_t>(w - v));
}

namespace {

// The first byte of [p, end) that xml_read_plain_text looks at: '<', '&', a control character
// (tab and line feed among them: most texts hold none), or EF, which may start U+FFFE or U+FFFF;
// end when there is none.
const char* next_plain_special(const char* p, const char* end) {
#if BPM_BYTE_WORDS_SSE2
    for (; end - p >= 16; p += 16) {
        const __m128i v = load16(p);
        const __m128i found = _mm_or_si128(
            _mm_or_si128(bytes16_below_space(v), _mm_cmpeq_epi8(v, splat16('&'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, splat16('<')), _mm_cmpeq_epi8(v, splat16(0xEF))));
        if (const unsigned marks = marks16(found)) return p + first_mark16(marks);
    }
#endif
    for (; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == '&' || c == '<' || c == 0xEF) return p;
    }
    return end;
}

}  // namespace

const char* xml_read_plain_text(const char* p, const char* end, std::string& out) {
    const char* const start = p;
    const char* special = next_plain_special(p, end);
    if (special != end && *special == '<') {
        out = std::string(start, special);  // the usual case: a text with nothing to decode, copied once
        return special;
    }
    const void* const lt = std::memchr(special, '<', static_cast<std::size_t>(end - special));
    if (!lt) return nullptr;
    const char* const stop = static_cast<const char*>(lt);
    if (end - stop < 8) return nullptr;  // no room for the end tag that a reference may be read into
    out.clear();
    out.reserve(static_cast<std::size_t>(stop - start));
    for (;;) {
        out.append(p, static_cast<std::size_t>(special - p));
        p = special;
        if (p == stop) return stop;
        const auto c = static_cast<unsigned char>(*p);
        if (c == '&') {
            const char* after = p;
            const std::uint32_t cp = reference(after);
            if (after == p) {
                out += '&';  // not a reference: an '&' as it is, as xml_decode keeps it
                ++p;
            } else if (after > stop || !is_xml_char(cp)) {
                return nullptr;
            } else {
                if (cp < 0x80) out += static_cast<char>(cp);
                else append_utf8(out, cp);
                p = after;
            }
        } else if (c == '\t' || c == '\n') {
            out += static_cast<char>(c);
            ++p;
        } else if (c == 0xEF) {
            if (xml_invalid_char_bytes(std::string_view(p, static_cast<std::size_t>(stop - p)), 0) != 0) return nullptr;
            out += static_cast<char>(c);
            ++p;
        } else {
            return nullptr;  // a carriage return or a control character XML does not allow
        }
        special = next_plain_special(p, stop);
    }
}

}  // namespace bpm
