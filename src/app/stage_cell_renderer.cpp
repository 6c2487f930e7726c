#include "stage_cell_renderer.h"

#include <algorithm>

#include <wx/dc.h>
#include <wx/settings.h>

#include "bpm_document.h"
#include "comments_ui.h"
#include "conflicts_ui.h"
#include "stage_grid_table.h"

namespace {

// Room between the grid lines and the text, in pixels.
constexpr int margin_x = 4;
constexpr int margin_y = 3;
// Where wxGrid puts text inside that room, as its own cells do.
constexpr int text_offset = 1;

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
    const auto* table = dynamic_cast<const StageGridTable*>(grid.GetTable());
    const bool conflicted = table && table->HasConflict(row, col);
    if (conflicted && !isSelected) DrawConflictBackground(dc, rect);
    SetTextColoursAndFont(grid, attr, dc, isSelected);
    const bool empty = grid.GetTable()->IsEmptyCell(row, col);
    const wxString text = PrepareText(grid, attr, dc, row, col);
    if (empty && !isSelected) dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    wxRect inner = rect;
    inner.Deflate(margin_x, margin_y);
    // Line by line at the height GetBestHeight counts, as wxGrid::DrawTextRectangle places
    // left- and top-aligned text but without measuring every line again.
    {
        wxDCClipper clip(dc, inner);
        const int step = m_widths->LineHeight(dc);
        int y = inner.y + text_offset;
        for (const wxString& line : WrapWords(text, inner.width, m_widths->For(dc))) {
            if (y > inner.GetBottom()) break;
            if (!line.empty()) dc.DrawText(line, inner.x + text_offset, y);
            y += step;
        }
    }
    if (conflicted) DrawConflictCorner(dc, rect);
    if (table && table->GetDocument() &&
        OpenCommentsOnCell(table->GetDocument()->Model(), table->GetPersonaId(), table->GetStageId(row),
                           StageGridTable::FieldOf(col)) > 0)
        DrawCommentMarker(dc, rect);
}

wxSize StageCellRenderer::GetBestSize(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col) {
    const int height = dc.GetCharHeight() + 2 * margin_y;
    return {GetBestWidth(grid, attr, dc, row, col, height), height};
}

int StageCellRenderer::GetBestHeight(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int width) {
    const wxString text = PrepareText(grid, attr, dc, row, col);
    // Draw() gets the cell without its one-pixel grid line; wrap for that same width.
    const int inner = width - (grid.GridLinesEnabled() ? 1 : 0) - 2 * margin_x;
    const wxArrayString lines = WrapWords(text, inner, m_widths->For(dc));
    return static_cast<int>(lines.size()) * m_widths->LineHeight(dc) + 2 * margin_y + 2 * text_offset;
}

int StageCellRenderer::GetBestWidth(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int) {
    const wxString text = PrepareText(grid, attr, dc, row, col);
    int widest = 0;
    for (const wxString& line : wxSplit(text, '\n', '\0')) widest = std::max(widest, dc.GetTextExtent(line).x);
    return widest + 2 * margin_x;
}
