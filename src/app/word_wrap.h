#pragma once

#include <functional>
#include <unordered_map>

#include <wx/arrstr.h>
#include <wx/hashmap.h>
#include <wx/string.h>

class wxDC;
class wxFont;
class wxWindow;

/// The widths of the words a view has drawn, by font, so that wrapping text on every paint, row
/// sizing or chat turn costs a look-up per word rather than a measurement through Pango. Whoever
/// owns one clears it when the resolution or the system's fonts change.
class TextWidths {
public:
    /// Measures text in one font, remembering what it measured; widths in pixels.
    using Measure = std::function<int(const wxString&)>;
    /// A measure for dc's current font, valid while dc keeps that font and this cache lives.
    Measure For(wxDC& dc);
    /// A measure for font as window draws it, valid while window and this cache live.
    Measure For(const wxWindow& window, const wxFont& font);
    /// The height of a line in dc's current font.
    int LineHeight(wxDC& dc);
    /// The height of a line in font as window draws it.
    int LineHeight(const wxWindow& window, const wxFont& font);
    /// Forgets every width measured.
    void Clear() { m_fonts.clear(); }

private:
    struct Font {
        int lineHeight = -1;
        std::unordered_map<wxString, int, wxStringHash, wxStringEqual> widths;
    };
    Font& Of(const wxFont& font);

    // By the font's description, which names its face, style, weight and size.
    std::unordered_map<wxString, Font, wxStringHash, wxStringEqual> m_fonts;
};

/// Breaks text into lines no wider than width pixels as widthOf measures: at line breaks, then
/// at spaces, and inside a word only when the word alone is wider than the line.
wxArrayString WrapWords(const wxString& text, int width, const TextWidths::Measure& widthOf);
/// The same, measuring every piece in dc's current font.
wxArrayString WrapWords(wxDC& dc, const wxString& text, int width);
