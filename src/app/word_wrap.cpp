#include "word_wrap.h"

#include <algorithm>

#include <wx/dc.h>
#include <wx/font.h>
#include <wx/tokenzr.h>
#include <wx/window.h>

namespace {

// Past this many words in one font the widths start over, so that the cache stays small however
// much is typed.
constexpr std::size_t max_words = 20000;

// Appends word to lines, breaking it between characters where it is wider than width.
void BreakLongWord(const TextWidths::Measure& widthOf, const wxString& word, int width, wxArrayString& lines,
                   wxString& line) {
    wxString piece;
    for (const wxUniChar c : word) {
        if (!piece.empty() && widthOf(piece + c) > width) {
            lines.push_back(piece);
            piece.clear();
        }
        piece += c;
    }
    line = piece;
}

}  // namespace

TextWidths::Font& TextWidths::Of(const wxFont& font) {
    Font& f = m_fonts[font.GetNativeFontInfoDesc()];
    if (f.widths.size() > max_words) f.widths.clear();
    return f;
}

TextWidths::Measure TextWidths::For(wxDC& dc) {
    return [&dc, &widths = Of(dc.GetFont()).widths](const wxString& text) {
        const auto [at, added] = widths.try_emplace(text, 0);
        if (added) at->second = dc.GetTextExtent(text).x;
        return at->second;
    };
}

TextWidths::Measure TextWidths::For(const wxWindow& window, const wxFont& font) {
    return [&window, font, &widths = Of(font).widths](const wxString& text) {
        const auto [at, added] = widths.try_emplace(text, 0);
        if (added) window.GetTextExtent(text, &at->second, nullptr, nullptr, nullptr, &font);
        return at->second;
    };
}

int TextWidths::LineHeight(wxDC& dc) {
    Font& font = Of(dc.GetFont());
    if (font.lineHeight < 0) font.lineHeight = dc.GetCharHeight();
    return font.lineHeight;
}

int TextWidths::LineHeight(const wxWindow& window, const wxFont& font) {
    Font& f = Of(font);
    if (f.lineHeight < 0) {
        int height = 0, descent = 0, leading = 0;
        window.GetTextExtent("Xg", nullptr, &height, &descent, &leading, &font);
        f.lineHeight = height + leading;
    }
    return f.lineHeight;
}

wxArrayString WrapWords(wxDC& dc, const wxString& text, int width) {
    return WrapWords(text, width, [&dc](const wxString& s) { return dc.GetTextExtent(s).x; });
}

wxArrayString WrapWords(const wxString& text, int width, const TextWidths::Measure& widthOf) {
    width = std::max(width, 1);
    wxArrayString lines;
    const int space = widthOf(" ");
    for (const wxString& paragraph : wxSplit(text, '\n', '\0')) {
        wxString line;
        int lineWidth = 0;
        wxStringTokenizer words(paragraph, " ", wxTOKEN_STRTOK);
        while (words.HasMoreTokens()) {
            const wxString word = words.GetNextToken();
            const int wordWidth = widthOf(word);
            if (!line.empty() && lineWidth + space + wordWidth <= width) {
                line << ' ' << word;
                lineWidth += space + wordWidth;
                continue;
            }
            if (!line.empty()) lines.push_back(line);
            if (wordWidth > width) {
                BreakLongWord(widthOf, word, width, lines, line);
                lineWidth = widthOf(line);
            } else {
                line = word;
                lineWidth = wordWidth;
            }
        }
        lines.push_back(line);
    }
    if (lines.empty()) lines.push_back(wxString());
    return lines;
}
