#include "stage_cell_renderer.h"

#include <algorithm>

#include <wx/dc.h>
#include <wx/settings.h>
#include <wx/tokenzr.h>

namespace {

// Room between the grid lines and the text, in pixels.
constexpr int margin_x = 4;
constexpr int margin_y = 3;

// Appends word to lines, breaking it between characters where it is wider than width.
void BreakLongWord(wxDC& dc, const wxString& word, int width, wxArrayString& lines, wxString& line) {
    wxString piece;
    for (const wxUniChar c : word) {
        if (!piece.empty() && dc.GetTextExtent(piece + c).x > width) {
            lines.push_back(piece);
            piece.clear();
        }
        piece += c;
    }
    line = piece;
}

}  // namespace

wxString StageCellRenderer::PrepareText(wxGrid& grid, const wxGridCellAttr& attr, wxDC& dc, int row, int col) const {
    const wxString value = grid.GetTable()->GetValue(row, col);
    wxFont font = attr.GetFont();
    if (value.empty()) font.MakeItalic();
    dc.SetFont(font);
    return value.empty() ? m_hint : value;
}

void StageCellRenderer::Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row, int col,
                             bool isSelected) {
    wxGridCellRenderer::Draw(grid, attr, dc, rect, row, col, isSelected);
    SetTextColoursAndFont(grid, attr, dc, isSelected);
    const bool empty = grid.GetTable()->IsEmptyCell(row, col);
    const wxString text = PrepareText(grid, attr, dc, row, col);
    if (empty && !isSelected) dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    wxRect inner = rect;
    inner.Deflate(margin_x, margin_y);
    grid.DrawTextRectangle(dc, WrapLines(dc, text, inner.width), inner, wxALIGN_LEFT, wxALIGN_TOP);
}

wxSize StageCellRenderer::GetBestSize(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col) {
    const int height = dc.GetCharHeight() + 2 * margin_y;
    return {GetBestWidth(grid, attr, dc, row, col, height), height};
}

int StageCellRenderer::GetBestHeight(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int width) {
    const wxString text = PrepareText(grid, attr, dc, row, col);
    // Draw() gets the cell without its one-pixel grid line; wrap for that same width.
    const int inner = width - (grid.GridLinesEnabled() ? 1 : 0) - 2 * margin_x;
    const wxArrayString lines = WrapLines(dc, text, inner);
    return static_cast<int>(lines.size()) * dc.GetCharHeight() + 2 * margin_y + 2;
}

int StageCellRenderer::GetBestWidth(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int) {
    const wxString text = PrepareText(grid, attr, dc, row, col);
    int widest = 0;
    for (const wxString& line : wxSplit(text, '\n', '\0')) widest = std::max(widest, dc.GetTextExtent(line).x);
    return widest + 2 * margin_x;
}

wxArrayString StageCellRenderer::WrapLines(wxDC& dc, const wxString& text, int width) {
    width = std::max(width, 1);
    wxArrayString lines;
    const int space = dc.GetTextExtent(" ").x;
    for (const wxString& paragraph : wxSplit(text, '\n', '\0')) {
        wxString line;
        int lineWidth = 0;
        wxStringTokenizer words(paragraph, " ", wxTOKEN_STRTOK);
        while (words.HasMoreTokens()) {
            const wxString word = words.GetNextToken();
            const int wordWidth = dc.GetTextExtent(word).x;
            if (!line.empty() && lineWidth + space + wordWidth <= width) {
                line << ' ' << word;
                lineWidth += space + wordWidth;
                continue;
            }
            if (!line.empty()) lines.push_back(line);
            if (wordWidth > width) {
                BreakLongWord(dc, word, width, lines, line);
                lineWidth = dc.GetTextExtent(line).x;
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
