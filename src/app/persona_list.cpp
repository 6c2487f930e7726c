#include "persona_list.h"

#include <algorithm>
#include <optional>

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/dcclient.h>
#include <wx/renderer.h>
#include <wx/settings.h>
#include <wx/sizer.h>

#include "accessibility.h"
#include "bpm/completeness.h"
#include "bpm/edit.h"
#include "command_ids.h"
#include "persona_status_ui.h"
#include "wx_string.h"

/// Draws each persona as a small card: name, segment and stage count, a completeness bar and
/// the status.
class PersonaList::Items : public wxVListBox {
public:
    explicit Items(PersonaList* owner)
        : wxVListBox(owner, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE), m_owner(owner) {
        // Another resolution or theme has other fonts, and rows of another height.
        const auto remeasure = [this](wxEvent& event) {
            event.Skip();
            m_look.reset();
        };
        Bind(wxEVT_DPI_CHANGED, remeasure);
        Bind(wxEVT_SYS_COLOUR_CHANGED, remeasure);
    }

    const bpm::persona* PersonaAt(size_t n) const {
        if (!m_owner->m_doc || n >= m_owner->m_ids.size()) return nullptr;
        return m_owner->m_doc->Model().persona_by_id(m_owner->m_ids[n]);
    }

    void OnDrawItem(wxDC& dc, const wxRect& rect, size_t n) const override {
        const bpm::persona* p = PersonaAt(n);
        if (!p) return;
        const Look& look = GetLook();
        const bool selected = IsSelected(n);
        const wxColour text = selected ? wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT)
                                       : wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOXTEXT);
        const wxColour faint = selected ? text : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
        const wxRect inner = rect.Deflate(FromDIP(10), FromDIP(7));

        dc.SetFont(look.name);
        dc.SetTextForeground(text);
        const wxString name = p->name.empty() ? _("(unnamed persona)") : ToWx(p->name);
        dc.DrawText(wxControl::Ellipsize(name, dc, wxELLIPSIZE_END, inner.width), inner.GetTopLeft());

        dc.SetFont(look.detail);
        dc.SetTextForeground(faint);
        wxString detail = FormatText(wxPLURAL("{1} stage", "{1} stages", p->stages.size()), p->stages.size());
        if (!p->profile.segment.empty()) detail = ToWx(p->profile.segment) + "  " + wxUniChar(0x00B7) + "  " + detail;
        dc.DrawText(wxControl::Ellipsize(detail, dc, wxELLIPSIZE_END, inner.width), inner.x, inner.y + look.second);

        const int third = inner.y + look.third;
        const wxString status = StatusBadgeText(*p);
        const wxRect badgeRect = BadgeRect(dc, rect, *p);
        const wxSize badge = badgeRect.GetSize();
        const int barWidth = std::max(FromDIP(40), inner.width - badge.x - FromDIP(52));
        const int percent = bpm::completeness_percent(*p);
        const wxRect bar(inner.x, third + (badge.y - FromDIP(6)) / 2, barWidth, FromDIP(6));
        DrawCompletenessBar(dc, bar, percent, selected);
        dc.SetTextForeground(faint);
        dc.DrawText(wxString::Format("%d%%", percent), bar.GetRight() + FromDIP(6), third + (badge.y - look.detailHeight) / 2);
        DrawStatusBadge(dc, badgeRect.GetTopLeft(), status, *p, selected);
    }

    /// Where row rect draws p's status badge, in dc's coordinates.
    wxRect BadgeRect(wxDC& dc, const wxRect& rect, const bpm::persona& p) const {
        const Look& look = GetLook();
        const wxRect inner = rect.Deflate(FromDIP(10), FromDIP(7));
        dc.SetFont(look.detail);
        const wxSize badge = MeasureStatusBadge(dc, StatusBadgeText(p));
        return {wxPoint(inner.GetRight() - badge.x, inner.y + look.third), badge};
    }

    /// The persona whose status badge is at point (client coordinates), or nullptr.
    const bpm::persona* BadgeAt(const wxPoint& point) {
        const int n = VirtualHitTest(point.y);
        const bpm::persona* p = n == wxNOT_FOUND ? nullptr : PersonaAt(static_cast<size_t>(n));
        if (!p) return nullptr;
        wxClientDC dc(this);
        return BadgeRect(dc, GetItemRect(static_cast<size_t>(n)), *p).Contains(point) ? p : nullptr;
    }

    wxCoord OnMeasureItem(size_t) const override { return GetLook().rowHeight; }

    void OnDrawSeparator(wxDC& dc, wxRect& rect, size_t) const override {
        dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_3DLIGHT)));
        dc.DrawLine(rect.GetBottomLeft(), rect.GetBottomRight());
    }

private:
    // The fonts of a row and where its lines go, the same for every row.
    struct Look {
        wxFont name, detail;
        int second = 0, third = 0;  // tops of the second and third line
        int detailHeight = 0;
        int rowHeight = 0;
    };

    // Looked up once: GTK answers what a list's default font is by styling a widget, which cost
    // more than drawing the row, and the list asks for every row on every scroll and resize.
    const Look& GetLook() const {
        if (m_look) return *m_look;
        Look look;
        look.name = GetFont().Bold();
        look.detail = GetFont().Smaller();
        wxClientDC dc(const_cast<Items*>(this));
        dc.SetFont(look.name);
        look.second = dc.GetCharHeight() + FromDIP(2);
        dc.SetFont(look.detail);
        look.detailHeight = dc.GetCharHeight();
        look.third = look.second + look.detailHeight + FromDIP(6);
        look.rowHeight = look.third + MeasureStatusBadge(dc, "X").y + FromDIP(14);
        return *(m_look = look);
    }

    PersonaList* m_owner;
    mutable std::optional<Look> m_look;
};

wxVListBox* PersonaList::GetListBox() const { return m_list; }

PersonaList::PersonaList(wxWindow* parent, EditingContext& context) : wxPanel(parent, wxID_ANY), m_context(context) {
    SetAccessibleName(this, _("Personas"));
    m_list = new Items(this);
    SetAccessibleName(m_list, _("Persona list"));
    m_list->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(this, ID_PERSONA_ADD, _("Add Persona"));
    add->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_PLUS, wxART_BUTTON));
    add->SetToolTip(_("Add a new persona with the standard stages (Ctrl+Shift+P)"));
    auto* remove = new wxButton(this, ID_PERSONA_DELETE, _("Delete"));
    remove->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_DELETE, wxART_BUTTON));
    remove->SetToolTip(_("Delete the selected persona"));
    SetAccessibleName(add, _("Add Persona"));
    SetAccessibleName(remove, _("Delete Persona"));
    buttons->Add(add, 1, wxRIGHT, FromDIP(6));
    buttons->Add(remove, 0);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetSizer(sizer);

    // A red badge marks a status that disagrees with the stage fields: one click settles it.
    m_list->Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& event) {
        event.Skip();
        const bpm::persona* p = m_list->BadgeAt(event.GetPosition());
        if (!p || bpm::status_fit_of(*p) == bpm::status_fit::agrees || !m_context.CanEdit()) return;
        const std::string id = p->id;
        const bpm::persona_status settled = bpm::settled_status(*p);
        m_context.SelectPersona(id);
        m_context.CommitPendingEdits();
        m_doc->Submit(bpm::set_status(id, settled));
        m_list->UnsetToolTip();  // it told how to settle what is now settled
    });
    m_list->Bind(wxEVT_MOTION, [this](wxMouseEvent& event) {
        event.Skip();
        const bpm::persona* p = m_list->BadgeAt(event.GetPosition());
        wxString tip;
        if (p && bpm::status_fit_of(*p) != bpm::status_fit::agrees)
            tip = StatusDisagreement(*p) + "\n" +
                  (bpm::settled_status(*p) == bpm::persona_status::completed ? _("Click to mark it completed.")
                                                                            : _("Click to mark it in progress."));
        if (m_list->GetToolTipText() != tip) m_list->SetToolTip(tip);
    });
    m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
        const int n = event.GetSelection();
        if (n >= 0 && n < static_cast<int>(m_ids.size())) m_context.SelectPersona(m_ids[static_cast<std::size_t>(n)]);
    });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void PersonaList::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) {
        m_doc = m_context.GetDocument();
        Rebuild();
    } else if (notice.Has(EditingContext::Edited)) {
        OnChanges(*notice.edits);
    }
    if (notice.Has(EditingContext::PersonaChanged)) ShowPersona(m_context.GetPersonaId());
}

PersonaList::Shown PersonaList::ShownOf(const bpm::persona& p) {
    return {p.name, p.profile.segment, p.stages.size(), bpm::completeness_percent(p), p.status};
}

void PersonaList::Rebuild() {
    m_ids.clear();
    m_shown.clear();
    if (m_doc) {
        for (const bpm::persona& p : m_doc->Model().personas) {
            m_ids.push_back(p.id);
            m_shown.push_back(ShownOf(p));
        }
    }
    m_list->SetItemCount(m_ids.size());
    m_list->Refresh();
}

void PersonaList::ShowPersona(const std::string& personaId) {
    const auto it = std::find(m_ids.begin(), m_ids.end(), personaId);
    const int n = it == m_ids.end() ? wxNOT_FOUND : static_cast<int>(it - m_ids.begin());
    if (m_list->GetSelection() != n) m_list->SetSelection(n);
}

void PersonaList::OnChanges(const bpm::change_set& changes) {
    const int selected = m_list->GetSelection();
    const std::string selectedId =
        selected >= 0 && selected < static_cast<int>(m_ids.size()) ? m_ids[static_cast<std::size_t>(selected)] : std::string();
    bool structural = false;
    for (const bpm::change& c : changes) {
        using kind = bpm::change::kind;
        if (c.what == kind::persona_added || c.what == kind::persona_removed || c.what == kind::persona_moved) structural = true;
    }
    if (structural) {
        Rebuild();
        ShowPersona(selectedId);
        return;
    }
    // Most edits change nothing the list shows (a stage's text, when the field was filled
    // before); repainting only rows that differ keeps typing in the grid cheap.
    for (std::size_t row = 0; row < m_ids.size(); ++row) {
        const bool named = std::any_of(changes.begin(), changes.end(),
                                       [&](const bpm::change& c) { return c.persona_id == m_ids[row]; });
        if (!named) continue;
        const bpm::persona* p = m_doc->Model().persona_by_id(m_ids[row]);
        if (!p) continue;
        Shown now = ShownOf(*p);
        if (now == m_shown[row]) continue;
        m_shown[row] = std::move(now);
        m_list->RefreshRow(row);
    }
}
