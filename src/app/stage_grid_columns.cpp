// StageGrid: which columns show and how wide they are, remembered between runs.
#include <algorithm>
#include <utility>

#include <wx/config.h>
#include <wx/dcclient.h>
#include <wx/settings.h>
#include <wx/tokenzr.h>

#include "stage_grid.h"
#include "stage_grid_table.h"
#include "wx_string.h"

namespace {

constexpr int column_count = 7;
// Share of the width each column gets until the user sizes them: the prose columns wide,
// the duration narrow.
constexpr std::array<double, column_count> column_weights = {1.3, 2.0, 0.9, 1.5, 2.0, 1.4, 1.9};
// Narrowest each column gets when fitted, in DIPs: a stage name like "Consideration" fits.
constexpr std::array<int, column_count> min_widths = {120, 110, 80, 110, 110, 110, 110};
constexpr int min_column_width = 80;

const char* const widths_key = "/StageGrid/ColumnWidths";
const char* const hidden_key = "/StageGrid/HiddenColumns";

}  // namespace

bool StageGrid::IsColumnShown(int col) const { return m_grid->IsColShown(col); }

void StageGrid::SetColumnShown(int col, bool shown) {
    // The stage name identifies the row; it stays.
    if (col <= 0 || col >= column_count || shown == IsColumnShown(col)) return;
    CommitPendingEdit();
    if (shown) {
        m_grid->ShowCol(col);
        if (m_grid->GetColSize(col) < min_column_width) ApplyColumnWidths();
    } else {
        m_grid->HideCol(col);
    }
    if (!m_userSizedColumns) FitColumnsToWidth();
    SaveColumns();
    ResizeRowsLater();
}

void StageGrid::ResetColumns() {
    CommitPendingEdit();
    for (int col = 0; col < column_count; ++col)
        if (!m_grid->IsColShown(col)) m_grid->ShowCol(col);
    m_userSizedColumns = false;
    if (wxConfigBase* config = wxConfigBase::Get()) {
        config->DeleteEntry(widths_key);
        config->DeleteEntry(hidden_key);
    }
    FitColumnsToWidth();
    ResizeRowsLater();
}

void StageGrid::FitColumnsToWidth() {
    const int available = m_grid->GetClientSize().x - m_grid->GetRowLabelSize() -
                          wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, m_grid);
    double weights = 0;
    for (int col = 0; col < column_count; ++col)
        if (m_grid->IsColShown(col)) weights += column_weights[static_cast<std::size_t>(col)];
    if (available <= 0 || weights <= 0) return;
    std::array<int, column_count> widths{};
    int total = 0;
    for (int col = 0; col < column_count; ++col) {
        const std::size_t c = static_cast<std::size_t>(col);
        // A header cut to "Key Influe..." is a column too narrow to read; its title sets a floor.
        wxClientDC dc(m_grid);
        dc.SetFont(m_grid->GetLabelFont().Bold());
        const int title = dc.GetTextExtent(m_table->GetColLabelValue(col)).x + FromDIP(24);
        const int floor = std::max(FromDIP(min_widths[c]), title);
        widths[c] = std::max(floor, static_cast<int>(available * column_weights[c] / weights));
        if (m_grid->IsColShown(col)) total += widths[c];
    }
    m_widths = widths;
    ApplyColumnWidths();
}

void StageGrid::ApplyColumnWidths() {
    // wx's column header repaints from a column's left edge to its own right edge on every width
    // change, and asks GTK for a rectangle of negative width when that edge lies past the visible
    // header (pixman: "Invalid rectangle passed"). So the columns first shrink from the left, then
    // take their widths from the right: every column changed then starts near the left edge.
    const int narrow = m_grid->GetColMinimalAcceptableWidth();
    std::array<bool, column_count> change{};
    for (int col = 0; col < column_count; ++col)
        change[static_cast<std::size_t>(col)] =
            m_grid->IsColShown(col) && m_grid->GetColSize(col) != m_widths[static_cast<std::size_t>(col)];
    m_grid->BeginBatch();
    for (int col = 0; col < column_count; ++col)
        if (change[static_cast<std::size_t>(col)]) m_grid->SetColSize(col, narrow);
    for (int col = column_count - 1; col >= 0; --col)
        if (change[static_cast<std::size_t>(col)]) m_grid->SetColSize(col, m_widths[static_cast<std::size_t>(col)]);
    m_grid->EndBatch();
}

void StageGrid::ResizeRowsLater(bool fitColumns) {
    m_fitPending = m_fitPending || fitColumns;
    if (m_rowResizePending) return;
    m_rowResizePending = true;
    CallAfter([this] {
        m_rowResizePending = false;
        if (!CanSizeRows()) {
            m_rowsStale = true;
            return;
        }
        if (std::exchange(m_fitPending, false)) FitColumnsToWidth();
        m_grid->AutoSizeRows(false);
        m_rowsStale = false;
    });
}

bool StageGrid::CanSizeRows() const {
    // A grid on a hidden page has no room: sizing rows then makes wx refresh negative areas.
    return m_grid->IsShownOnScreen() && m_grid->GetGridWindow()->GetClientSize().x > 0;
}

void StageGrid::OnGridSize(wxSizeEvent& event) {
    event.Skip();
    // GTK sends size events when anything in the window is laid out again; only a new width
    // changes the columns. They are fitted once the grid has laid out its header for the new
    // size, which happens after this handler.
    if (m_userSizedColumns || event.GetSize().x == m_fittedWidth) return;
    m_fittedWidth = event.GetSize().x;
    ResizeRowsLater(true);
}

void StageGrid::OnColumnSized(wxGridSizeEvent& event) {
    event.Skip();
    m_userSizedColumns = true;
    for (int col = 0; col < column_count; ++col)
        if (m_grid->IsColShown(col)) m_widths[static_cast<std::size_t>(col)] = m_grid->GetColSize(col);
    SaveColumns();
    ResizeRowsLater();
}

void StageGrid::RestoreColumns() {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    wxStringTokenizer widths(config->Read(widths_key, wxString()), ",");
    std::array<int, column_count> read{};
    int n = 0;
    while (widths.HasMoreTokens() && n < column_count) {
        long value = 0;
        if (!widths.GetNextToken().ToLong(&value) || value < min_column_width / 2) break;
        read[static_cast<std::size_t>(n++)] = static_cast<int>(value);
    }
    if (n == column_count) {
        m_widths = read;
        m_userSizedColumns = true;
        ApplyColumnWidths();
    }
    wxStringTokenizer hidden(config->Read(hidden_key, wxString()), ",");
    while (hidden.HasMoreTokens()) {
        const auto field = bpm::stage_field_from_key(ToUtf8(hidden.GetNextToken()));
        if (field && *field != bpm::stage_field::name) m_grid->HideCol(StageGridTable::ColumnOf(*field));
    }
}

void StageGrid::SaveColumns() const {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    if (m_userSizedColumns) {
        wxString widths;
        for (int col = 0; col < column_count; ++col)
            widths << (col ? "," : "") << m_widths[static_cast<std::size_t>(col)];
        config->Write(widths_key, widths);
    }
    wxString hidden;
    for (int col = 1; col < column_count; ++col)
        if (!m_grid->IsColShown(col))
            hidden << (hidden.empty() ? "" : ",") << ToWx(bpm::stage_field_key(StageGridTable::FieldOf(col)));
    config->Write(hidden_key, hidden);
}
