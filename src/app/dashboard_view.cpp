#include "dashboard_view.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>

#include "accessibility.h"
#include "bpm/completeness.h"
#include "command_ids.h"
#include "persona_status_ui.h"
#include "ui_text.h"
#include "wx_string.h"

namespace {

enum Column { col_name, col_segment, col_stages, col_status, col_complete, col_updated };

// Completeness as the bar and percentage the persona list shows, rather than GTK's progress bar.
class CompletenessRenderer : public wxDataViewCustomRenderer {
public:
    CompletenessRenderer() : wxDataViewCustomRenderer("long") {}

    bool SetValue(const wxVariant& value) override {
        m_percent = static_cast<int>(value.GetLong());
        return true;
    }
    bool GetValue(wxVariant& value) const override {
        value = static_cast<long>(m_percent);
        return true;
    }
    wxSize GetSize() const override { return GetView()->FromDIP(wxSize(130, 18)); }
    bool Render(wxRect cell, wxDC* dc, int state) override {
        const bool selected = (state & wxDATAVIEW_CELL_SELECTED) != 0;
        const wxString text = wxString::Format("%d%%", m_percent);
        const int textWidth = dc->GetTextExtent("100%").x;
        const int barHeight = GetView()->FromDIP(6);
        const wxRect bar(cell.x, cell.y + (cell.height - barHeight) / 2, cell.width - textWidth - GetView()->FromDIP(8),
                         barHeight);
        DrawCompletenessBar(*dc, bar, m_percent, selected);
        RenderText(text, bar.GetRight() + GetView()->FromDIP(8) - cell.x, cell, dc, state);
        return true;
    }

private:
    int m_percent = 0;
};

}  // namespace

DashboardView::DashboardView(wxWindow* parent, EditingContext& context)
    : wxPanel(parent, wxID_ANY),
      m_context(context),
      m_tableRefresh(context, EditingContext::Page::Dashboard, [this] { ShowChanges(); }) {
    SetAccessibleName(this, _("Dashboard"));
    const int gap = FromDIP(12);

    auto* title = NewHeading(this, _("Strategy dashboard"), 1.4);
    m_totals = NewNote(this, wxString());

    m_table = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxDV_SINGLE | wxDV_ROW_LINES | wxDV_HORIZ_RULES);
    SetAccessibleName(m_table, _("Personas of this map"));
    m_table->SetMinSize(FromDIP(wxSize(480, 160)));
    m_table->AppendTextColumn(_("Persona"), wxDATAVIEW_CELL_INERT, FromDIP(300), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_table->AppendTextColumn(_("Segment"), wxDATAVIEW_CELL_INERT, FromDIP(150), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_table->AppendTextColumn(_("Stages"), wxDATAVIEW_CELL_INERT, FromDIP(70), wxALIGN_RIGHT, wxDATAVIEW_COL_RESIZABLE);
    m_table->AppendTextColumn(_("Status"), wxDATAVIEW_CELL_INERT, FromDIP(110), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    m_table->AppendColumn(new wxDataViewColumn(_("Completeness"), new CompletenessRenderer, col_complete, FromDIP(150),
                                               wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE),
                          "long");
    m_table->AppendTextColumn(_("Last Updated"), wxDATAVIEW_CELL_INERT, FromDIP(170), wxALIGN_LEFT,
                              wxDATAVIEW_COL_RESIZABLE);

    for (unsigned col = 0; col < m_table->GetColumnCount(); ++col)
        if (col != col_complete) m_table->GetColumn(col)->GetRenderer()->EnableEllipsize(wxELLIPSIZE_END);

    // Wraps onto a second line in a narrow window rather than cutting a button off.
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    const auto button = [&](int id, const wxString& label, const wxString& tip) {
        auto* b = new wxButton(this, id, label);
        b->SetToolTip(tip);
        SetAccessibleName(b, label);
        buttons->Add(b, 0, wxRIGHT | wxBOTTOM, FromDIP(6));
        return b;
    };
    button(ID_PERSONA_EDIT, _("Edit Persona"), _("Open the selected persona's form"));
    button(ID_PERSONA_ADD, _("Add New Persona"), _("Define another buyer persona (Ctrl+Shift+P)"))
        ->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_PLUS, wxART_BUTTON));
    button(ID_PERSONA_FINISH, _("Finish"), _("Mark the selected persona as completed (Ctrl+Shift+F)"))
        ->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_TICK_MARK, wxART_BUTTON));
    button(ID_PERSONA_SETTLE_STATUS, _("Match Status to Stages"),
           _("Reopen a completed persona with empty stage fields, or finish one whose fields are all filled"));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    sizer->AddSpacer(gap / 3);
    sizer->Add(m_totals, 0, wxLEFT | wxRIGHT, gap);
    sizer->AddSpacer(gap);
    sizer->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
    sizer->AddSpacer(gap - FromDIP(6));
    SetSizer(sizer);

    // The columns share the width: the persona's name takes what the others leave, and when
    // there is too little for all of them every column gives up the same share.
    m_table->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        // Hidden pages get a size of nothing first; the columns wait for a real one.
        const int available = m_table->GetClientSize().x - FromDIP(4);
        if (available < FromDIP(300)) return;
        constexpr int preferred[] = {300, 150, 70, 110, 140, 170};
        int total = 0;
        for (int width : preferred) total += FromDIP(width);
        for (unsigned col = 0; col < m_table->GetColumnCount() && col < std::size(preferred); ++col) {
            int width = FromDIP(preferred[col]);
            if (available >= total && col == col_name) width += available - total;
            else if (available < total) width = std::max(FromDIP(40), width * available / total);
            if (m_table->GetColumn(col)->GetWidth() != width) m_table->GetColumn(col)->SetWidth(width);
        }
    });
    m_table->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
        const int row = m_table->GetSelectedRow();
        if (row != wxNOT_FOUND && row < static_cast<int>(m_ids.size()))
            m_context.SelectPersona(m_ids[static_cast<std::size_t>(row)]);
    });
    m_table->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
        wxCommandEvent edit(wxEVT_BUTTON, ID_PERSONA_EDIT);
        edit.SetEventObject(this);
        ProcessWindowEvent(edit);
    });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void DashboardView::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) {
        m_doc = m_context.GetDocument();
        m_rebuild = true;
    } else if (notice.Has(EditingContext::Edited)) {
        NoteChanges(*notice.edits);
    }
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::Edited) ||
        notice.Has(EditingContext::PersonaChanged))
        m_tableRefresh.Request();
    m_tableRefresh.Follow(notice);
    if (notice.Has(EditingContext::FocusRequested) && m_tableRefresh.IsPageShown()) SetFocus();
}

void DashboardView::ShowChanges() {
    if (std::exchange(m_rebuild, false)) {
        Rebuild();
    } else if (!m_changed.empty()) {
        for (std::size_t row = 0; row < m_ids.size(); ++row)
            if (m_changed.count(m_ids[row])) UpdateRow(row);
        UpdateTotals();
    }
    m_changed.clear();
    ShowPersona(m_context.GetPersonaId());
}

void DashboardView::Rebuild() {
    m_table->DeleteAllItems();
    m_ids.clear();
    if (m_doc) {
        for (const bpm::persona& p : m_doc->Model().personas) {
            m_ids.push_back(p.id);
            wxVector<wxVariant> values(6);
            m_table->AppendItem(values);
            UpdateRow(m_ids.size() - 1);
        }
    }
    UpdateTotals();
}

void DashboardView::UpdateRow(std::size_t row) {
    const bpm::persona* found = m_doc->Model().persona_by_id(m_ids[row]);
    if (!found) return;
    const bpm::persona& p = *found;
    const unsigned r = static_cast<unsigned>(row);
    // Only what differs is set: every change notice of the persona lands here.
    const auto set = [&](const wxVariant& value, unsigned col) {
        wxVariant old;
        m_table->GetValue(old, r, col);
        if (old != value) m_table->SetValue(value, r, col);
    };
    set(p.name.empty() ? _("(unnamed persona)") : ToWx(p.name), col_name);
    set(ToWx(p.profile.segment), col_segment);
    set(wxString::Format("%d", static_cast<int>(p.stages.size())), col_stages);
    set(StatusBadgeText(p), col_status);
    set(static_cast<long>(bpm::completeness_percent(p)), col_complete);
    set(p.last_updated_at.empty() ? wxString() : ToWx(bpm::readable_timestamp(p.last_updated_at)), col_updated);
}

void DashboardView::UpdateTotals() {
    if (!m_doc) {
        m_totals->SetLabel(wxString());
        return;
    }
    const auto& personas = m_doc->Model().personas;
    const int total = static_cast<int>(personas.size());
    const int done = static_cast<int>(std::count_if(personas.begin(), personas.end(), [](const bpm::persona& p) {
        return p.status == bpm::persona_status::completed;
    }));
    const int disagreeing = static_cast<int>(std::count_if(personas.begin(), personas.end(), [](const bpm::persona& p) {
        return bpm::status_fit_of(p) != bpm::status_fit::agrees;
    }));
    // TRANSLATORS: e.g. "8 personas, 5 completed"
    wxString totals = FormatText(wxPLURAL("{1} persona, {2} completed", "{1} personas, {2} completed", total), total, done);
    if (disagreeing > 0)
        // TRANSLATORS: the line under "8 personas, 5 completed"; the sign marks the personas in the Status column
        totals << "\n" << wxUniChar(0x26A0) << " "
               << FormatText(wxPLURAL("{1} status disagrees with its stage fields",
                                      "{1} statuses disagree with their stage fields", disagreeing),
                             disagreeing);
    if (m_totals->GetLabel() != totals) m_totals->SetLabel(totals);
}

void DashboardView::ShowPersona(const std::string& personaId) {
    const auto it = std::find(m_ids.begin(), m_ids.end(), personaId);
    if (it == m_ids.end()) {
        m_table->UnselectAll();
        return;
    }
    const int row = static_cast<int>(it - m_ids.begin());
    if (m_table->GetSelectedRow() != row) {
        m_table->SelectRow(static_cast<unsigned>(row));
        // GTK cannot scroll a tree it has not shown yet.
        if (m_table->IsShownOnScreen()) m_table->EnsureVisible(m_table->RowToItem(row));
    }
}

void DashboardView::NoteChanges(const bpm::change_set& changes) {
    for (const bpm::change& c : changes) {
        using kind = bpm::change::kind;
        if (c.what == kind::persona_added || c.what == kind::persona_removed || c.what == kind::persona_moved)
            m_rebuild = true;
        else
            m_changed.insert(c.persona_id);
    }
}
