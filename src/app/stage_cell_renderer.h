#pragma once

#include <functional>
#include <memory>
#include <unordered_map>

#include <wx/arrstr.h>
#include <wx/generic/gridctrl.h>
#include <wx/grid.h>
#include <wx/hashmap.h>

/// The widths of the words the stage grid has drawn, by font, so that wrapping a cell on every
/// paint and every row sizing costs a look-up per word rather than a measurement through Pango.
/// The grid's renderers share one; the grid clears it when the resolution or the system's fonts
/// change.
class CellTextWidths {
public:
    /// Measures text in dc's current font, remembering what it measured.
    using Measure = std::function<int(const wxString&)>;
    /// A measure for dc's current font, valid while dc keeps that font and this cache lives.
    Measure For(wxDC& dc);
    /// The height of a line in dc's current font.
    int LineHeight(wxDC& dc);
    /// Forgets every width measured.
    void Clear() { m_fonts.clear(); }

private:
    struct Font {
        int lineHeight = -1;
        std::unordered_map<wxString, int, wxStringHash, wxStringEqual> widths;
    };
    Font& Of(wxDC& dc);

    // By the font's description, which names its face, style, weight and size.
    std::unordered_map<wxString, Font, wxStringHash, wxStringEqual> m_fonts;
};

/// Draws a stage cell with word wrap; an empty cell shows a faint hint of what belongs there
/// (grey italic) so a new row explains itself. Drawing and measuring wrap the same way, so an
/// auto-sized row always fits its text.
class StageCellRenderer : public wxGridCellStringRenderer {
public:
    /// A renderer showing hint in empty cells, measuring words through widths.
    StageCellRenderer(const wxString& hint, std::shared_ptr<CellTextWidths> widths)
        : m_hint(hint), m_widths(std::move(widths)) {}

    void Draw(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, const wxRect& rect, int row, int col,
              bool isSelected) override;
    wxSize GetBestSize(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col) override;
    int GetBestHeight(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int width) override;
    int GetBestWidth(wxGrid& grid, wxGridCellAttr& attr, wxDC& dc, int row, int col, int height) override;
    wxGridCellRenderer* Clone() const override { return new StageCellRenderer(m_hint, m_widths); }

    /// Breaks text into lines no wider than width in dc's font: at line breaks, then at spaces,
    /// and inside a word only when the word alone is wider than the line.
    static wxArrayString WrapLines(wxDC& dc, const wxString& text, int width);
    /// The same, measuring with widthOf.
    static wxArrayString WrapLines(const wxString& text, int width, const CellTextWidths::Measure& widthOf);

private:
    /// The text to show (the hint for an empty cell), with dc's font set for it.
    wxString PrepareText(wxGrid& grid, const wxGridCellAttr& attr, wxDC& dc, int row, int col) const;

    wxString m_hint;
    std::shared_ptr<CellTextWidths> m_widths;
};
