#pragma once
// The one place where core text (std::string, always UTF-8) and wxString meet.

#include <string>
#include <string_view>
#include <type_traits>

#include <wx/string.h>

#include "bpm/i18n.h"

/// Core text as a wxString.
inline wxString ToWx(std::string_view utf8) { return wxString::FromUTF8(utf8.data(), utf8.size()); }

/// A wxString as core text.
inline std::string ToUtf8(const wxString& text) {
    const wxScopedCharBuffer bytes = text.utf8_str();
    return std::string(bytes.data(), bytes.length());
}

namespace wx_string_detail {

inline std::string TextArg(const wxString& text) { return ToUtf8(text); }
inline std::string TextArg(const std::string& text) { return text; }
inline std::string TextArg(std::string_view text) { return std::string(text); }
inline std::string TextArg(const char* text) { return text; }
template <class Number, std::enable_if_t<std::is_integral_v<Number>, int> = 0>
std::string TextArg(Number n) {
    return std::to_string(n);
}

}  // namespace wx_string_detail

/// A translated pattern with {1}, {2}, ... filled in by text or whole numbers: the catalogue's one
/// placeholder syntax, the same as the core's bpm::format, so translators may reorder them.
template <class... Args>
wxString FormatText(const wxString& pattern, const Args&... args) {
    return ToWx(bpm::format(ToUtf8(pattern), {std::string_view(wx_string_detail::TextArg(args))...}));
}
