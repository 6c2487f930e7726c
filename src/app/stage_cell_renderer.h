#pragma once

#include <memory>

#include <wx/generic/gridctrl.h>
#include <wx/grid.h>

#include "word_wrap.h"

/// Draws a stage cell with word wrap; an empty cell shows a faint hint of what belongs there
/// (grey italic) so a new row explains itself. Drawing and measuring wrap the same way, so an
/// auto-sized row always fits its text.
class StageCellRenderer : public wxGridCellStringRenderer {
public:
    /// A renderer showing hint in empty cells, measuring words through widths.
    StageCellRenderer(const wxString& hint, std::shared_ptr<TextWidths> widths)
        : m_hint(hint), m_widths(std::move(widths)) {}

    void Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row, int col,
              bool isSelected) override;
    wxSize GetBestSize(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col) override;
    int GetBestHeight(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int width) override;
    int GetBestWidth(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int height) override;
    wxGridCellRenderer* Clone() const override { return new StageCellRenderer(m_hint, m_widths); }

private:
    /// The text to show (the hint for an empty cell), with dc's font set for it.
    wxString PrepareText(wxGrid& grid, const wxGridCellAttr& attr, wxDC& dc, int row, int col) const;

    wxString m_hint;
    std::shared_ptr<TextWidths> m_widths;
};
