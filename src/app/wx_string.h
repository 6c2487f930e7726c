#pragma once
// The one place where core text (std::string, always UTF-8) and wxString meet.

#include <string>
#include <string_view>

#include <wx/string.h>

/// Core text as a wxString.
inline wxString ToWx(std::string_view utf8) { return wxString::FromUTF8(utf8.data(), utf8.size()); }

/// A wxString as core text.
inline std::string ToUtf8(const wxString& text) {
    const wxScopedCharBuffer bytes = text.utf8_str();
    return std::string(bytes.data(), bytes.length());
}
