#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bpm {

/// Byte offset of the first invalid UTF-8 sequence in text, or npos when it is all valid.
/// Overlong forms, surrogates and code points past U+10FFFF count as invalid.
std::size_t find_invalid_utf8(std::string_view text);

/// True when text is valid UTF-8.
inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; }

/// Text with leading and trailing ASCII white space removed.
std::string_view trim(std::string_view text);

/// Text in ASCII lower case; other bytes unchanged.
std::string ascii_lower(std::string_view text);

/// Valid UTF-8 text without the characters XML 1.0 cannot carry (C0 controls other than
/// tab, LF and CR; U+FFFE; U+FFFF).
std::string strip_xml_invalid_chars(std::string_view text);

/// True when text holds a character that strip_xml_invalid_chars removes.
bool has_xml_invalid_chars(std::string_view text);

}  // namespace bpm
