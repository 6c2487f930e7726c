#include "bpm/utf8.h"

#include <cstdint>
#include <cstring>

namespace bpm {

namespace {

// Length of the valid UTF-8 sequence starting at i, or 0 when it is invalid.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    std::size_t len;
    char32_t cp;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // Skip runs of ASCII eight bytes at a time: most map text is ASCII.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = sequence_length(text, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string_view trim(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
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

namespace {

// Bytes of the XML-invalid character starting at i, or 0 when there is none there.
std::size_t xml_invalid_at(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return 1;
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF))
        return 3;
    return 0;
}

}  // namespace

std::string strip_xml_invalid_chars(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t n = xml_invalid_at(text, i)) {
            i += n - 1;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

bool has_xml_invalid_chars(std::string_view text) {
    // Every field passes through here on save, so look eight bytes at a time for the only bytes
    // that can start a problem: below 0x20, or 0xEF.
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        const std::uint64_t ascii_below_space = (w - ones * 0x20) & ~w & highs;
        const std::uint64_t ef = w ^ (ones * 0xEF);
        const std::uint64_t has_ef = (ef - ones) & ~ef & highs;
        if (!(ascii_below_space | has_ef)) {
            i += 8;
            continue;
        }
        for (std::size_t k = i; k < i + 8; ++k)
            if (xml_invalid_at(text, k)) return true;
        i += 8;
    }
    for (; i < n; ++i)
        if (xml_invalid_at(text, i)) return true;
    return false;
}

}  // namespace bpm
