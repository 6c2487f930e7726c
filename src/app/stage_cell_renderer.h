#pragma once

#include <wx/arrstr.h>
#include <wx/generic/gridctrl.h>
#include <wx/grid.h>

/// Draws a stage cell with word wrap; an empty cell shows a faint hint of what belongs there
/// (grey italic) so a new row explains itself. Drawing and measuring wrap the same way, so an
/// auto-sized row always fits its text.
class StageCellRenderer : public wxGridCellStringRenderer {
public:
    explicit StageCellRenderer(const wxString& hint) : m_hint(hint) {}

    void Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row, int col,
              bool isSelected) override;
    wxSize GetBestSize(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col) override;
    int GetBestHeight(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int width) override;
    int GetBestWidth(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int height) override;
    wxGridCellRenderer* Clone() const override { return new StageCellRenderer(m_hint); }

    /// Breaks text into lines no wider than width in dc's font: at line breaks, then at spaces,
    /// and inside a word only when the word alone is wider than the line.
    static wxArrayString WrapLines(wxDC& dc, const wxString& text, int width);

private:
    /// The text to show (the hint for an empty cell), with dc's font set for it.
    wxString PrepareText(wxGrid& grid, const wxGridCellAttr& attr, wxDC& dc, int row, int col) const;

    wxString m_hint;
};
