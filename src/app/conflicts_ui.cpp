#include "conflicts_ui.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/dc.h>
#include <wx/frame.h>
#include <wx/graphics.h>
#include <wx/menu.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include "accessibility.h"
#include "bpm_document.h"
#include "command_ids.h"
#include "persona_form.h"
#include "stage_grid.h"
#include "stage_grid_table.h"
#include "wx_string.h"

namespace {

// A value as the strip shows it: on one line, cut to about max characters, "(empty)" for none.
wxString Shown(const std::string& value, std::size_t max) {
    if (value.empty()) return _("(empty)");
    wxString text = ToWx(value);
    text.Replace("\n", wxString::FromUTF8(" \u21B5 "));
    if (text.length() > max) text = text.Left(max - 1) + wxString::FromUTF8("\u2026");
    return wxString::FromUTF8("\u201C") + text + wxString::FromUTF8("\u201D");
}

bool IsRemoval(const bpm::merge_conflict& c) { return c.removed_by != bpm::conflict_side::none; }

// The persona field a conflict is about, when the persona form shows it.
std::optional<bpm::persona_field> FormField(const bpm::merge_conflict& c) {
    if (c.persona_id.empty() || !c.stage_id.empty() || c.pain_point || IsRemoval(c)) return std::nullopt;
    for (bpm::persona_field f : {bpm::persona_field::name, bpm::persona_field::role, bpm::persona_field::organisation,
                                 bpm::persona_field::segment, bpm::persona_field::success_metric})
        if (bpm::persona_field_conflict_key(f) == c.field) return f;
    return std::nullopt;
}

}  // namespace

wxColour ConflictColour() { return wxColour(0xD9, 0x48, 0x1E); }

void DrawConflictCorner(wxDC& dc, const wxRect& rect) {
    const int side = std::min({rect.height / 2, rect.width / 3, dc.FromDIP(14)});
    if (side < 3) return;
    const wxPoint corner[] = {{rect.GetRight() - side + 1, rect.y}, {rect.GetRight() + 1, rect.y},
                              {rect.GetRight() + 1, rect.y + side}};
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(ConflictColour()));
    dc.DrawPolygon(3, corner);
}

void DrawConflictBackground(wxDC& dc, const wxRect& rect) {
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(0xFF, 0xEE, 0xE8)));
    dc.DrawRectangle(rect);
}

wxString ConflictVersionsText(const bpm::merge_conflict& c, std::size_t max) {
    if (IsRemoval(c)) {
        // TRANSLATORS: a conflict about a persona, stage or pain point one version deleted
        return c.removed_by == bpm::conflict_side::theirs
                   ? _("Theirs deleted it; you changed it, so it is still here.")
                   : _("You deleted it; theirs changed it, so it is still here.");
    }
    // TRANSLATORS: the three versions of a conflicted value: the common one, the user's, the other's
    return FormatText(_("Base: {1}   Mine: {2}   Theirs: {3}"), Shown(c.base, max), Shown(c.ours, max),
                      Shown(c.theirs, max));
}

wxString ConflictCountText(std::size_t count) {
    if (count == 0) return wxString();
    // TRANSLATORS: in the status bar: how many merge conflicts the map still has
    return FormatText(wxPLURAL("{1} conflict", "{1} conflicts", count), wxString::Format("%zu", count));
}

void MarkConflictedText(wxTextCtrl* text, const bpm::merge_conflict* conflict) {
    if (!text) return;
    const bool marked = text->GetToolTip() != nullptr && text->GetBackgroundColour() != wxNullColour &&
                        text->GetBackgroundColour() == wxColour(0xFF, 0xE8, 0xE0);
    if (!conflict) {
        if (marked) {
            text->SetBackgroundColour(wxNullColour);
            text->UnsetToolTip();
            text->Refresh();
        }
        return;
    }
    text->SetBackgroundColour(wxColour(0xFF, 0xE8, 0xE0));
    // TRANSLATORS: tooltip of a field holding a value two versions of the map disagree on
    text->SetToolTip(_("Unresolved conflict (Edit \u25B8 Conflicts):") + "\n" + ConflictVersionsText(*conflict, 200));
    text->Refresh();
}

void DrawConflictBadges(wxGraphicsContext& gc, const bpm::journey_layout& layout, const bpm::document& doc,
                        const std::string& personaId) {
    if (doc.conflicts.empty()) return;
    for (const bpm::stage_region& region : layout.stages) {
        std::size_t count = 0;
        for (const bpm::merge_conflict& c : doc.conflicts)
            if (c.persona_id == personaId && c.stage_id == region.stage_id) ++count;
        if (count == 0) continue;
        // A disc astride the card's top-right corner, with the count, in map units.
        const double r = 9;
        const double cx = region.card.right() - 4, cy = region.card.y + 4;
        gc.SetPen(wxPen(*wxWHITE, 1.5));
        gc.SetBrush(wxBrush(ConflictColour()));
        gc.DrawEllipse(cx - r, cy - r, 2 * r, 2 * r);
        gc.SetFont(wxFont(wxFontInfo(8).Bold().FaceName("DejaVu Sans")), *wxWHITE);
        const wxString label = count > 9 ? wxString("9+") : wxString::Format("%zu", count);
        double w = 0, h = 0;
        gc.GetTextExtent(label, &w, &h);
        gc.DrawText(label, cx - w / 2, cy - h / 2);
    }
}

ConflictBar::ConflictBar(wxWindow* parent, EditingContext& context, const Prompts& prompts, StageGrid* grid,
                         PersonaForm* form)
    : wxPanel(parent, wxID_ANY), m_context(context), m_prompts(prompts), m_grid(grid), m_form(form) {
    SetAccessibleName(this, _("Conflict"));
    SetBackgroundColour(wxColour(0xFF, 0xF1, 0xEB));
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    auto* mark = new wxPanel(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(4, -1)));
    mark->SetBackgroundColour(ConflictColour());
    sizer->Add(mark, 0, wxEXPAND | wxRIGHT, FromDIP(8));
    auto* texts = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_title->SetFont(m_title->GetFont().Bold());
    m_title->SetForegroundColour(wxColour(0x20, 0x20, 0x20));
    m_versions = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_versions->SetForegroundColour(wxColour(0x20, 0x20, 0x20));
    texts->Add(m_title, 0, wxEXPAND);
    texts->Add(m_versions, 0, wxEXPAND | wxTOP, FromDIP(2));
    sizer->Add(texts, 1, wxALIGN_CENTER_VERTICAL | wxTOP | wxBOTTOM, FromDIP(6));
    const auto button = [&](int id, const wxString& label, const wxString& tip) {
        auto* b = new wxButton(this, id, label);
        b->SetToolTip(tip);
        SetAccessibleName(b, wxStripMenuCodes(label));
        sizer->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
        return b;
    };
    // TRANSLATORS: resolves a merge conflict with the value the user's version has
    m_keep = button(ID_CONFLICT_KEEP_MINE, _("&Keep Mine"), _("Keep the value the map shows, dropping theirs"));
    // TRANSLATORS: resolves a merge conflict with the value the other version has
    m_take = button(ID_CONFLICT_TAKE_THEIRS, _("&Take Theirs"), _("Use the other version's value"));
    m_edit = button(ID_CONFLICT_EDIT, _("&Edit..."), _("Type the value that settles the conflict"));
    button(ID_CONFLICT_NEXT, _("&Next"), _("The next conflict (F8)"));
    auto* close = new wxButton(this, wxID_CLOSE, wxString::FromUTF8("\u2715"), wxDefaultPosition, wxDefaultSize,
                               wxBU_EXACTFIT | wxBORDER_NONE);
    close->SetToolTip(_("Hide this strip; the conflict stays until it is resolved"));
    SetAccessibleName(close, _("Hide"));
    sizer->Add(close, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(6));
    SetSizer(sizer);

    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Resolve(bpm::conflict_resolution::keep_mine); }, ID_CONFLICT_KEEP_MINE);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Resolve(bpm::conflict_resolution::take_theirs); }, ID_CONFLICT_TAKE_THEIRS);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Resolve(bpm::conflict_resolution::edited); }, ID_CONFLICT_EDIT);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { GoToNext(1); }, ID_CONFLICT_NEXT);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ShowConflict(bpm::npos); }, wxID_CLOSE);

    // The cell the grid's cursor moves onto, or the form's field that takes the focus, shows its
    // conflict here.
    if (m_grid)
        m_grid->GetGrid()->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
            event.Skip();
            FollowCell(event.GetRow(), event.GetCol());
        });
    if (m_form)
        for (bpm::persona_field f : {bpm::persona_field::name, bpm::persona_field::role, bpm::persona_field::organisation,
                                     bpm::persona_field::segment, bpm::persona_field::success_metric})
            if (wxTextCtrl* text = m_form->GetField(f))
                text->Bind(wxEVT_SET_FOCUS, [this, f](wxFocusEvent& event) {
                    event.Skip();
                    const BpmDocument* doc = m_context.GetDocument();
                    if (!doc) return;
                    const std::size_t i = bpm::find_field_conflict(doc->Model(), m_context.GetPersonaId(), "",
                                                                   bpm::persona_field_conflict_key(f));
                    if (i != bpm::npos) ShowConflict(i);
                });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

std::size_t ConflictBar::Count() const {
    const BpmDocument* doc = m_context.GetDocument();
    return doc ? doc->Model().conflicts.size() : 0;
}

std::size_t ConflictBar::CurrentIndex() const {
    const BpmDocument* doc = m_context.GetDocument();
    if (!doc || !m_current) return bpm::npos;
    const auto& conflicts = doc->Model().conflicts;
    for (std::size_t i = 0; i < conflicts.size(); ++i)
        if (conflicts[i] == *m_current) return i;
    return bpm::npos;
}

void ConflictBar::OnNotice(const EditingContext::Notice& notice) {
    bool conflicts = notice.Has(EditingContext::DocumentChanged);
    if (notice.Has(EditingContext::Edited))
        for (const bpm::change& c : *notice.edits)
            // A deletion (or its undo) may take away or bring back what the shown conflict is about.
            conflicts = conflicts || c.what == bpm::change::kind::conflicts_changed ||
                        c.what == bpm::change::kind::content_replaced || c.what == bpm::change::kind::pain_points ||
                        c.what == bpm::change::kind::comments_changed || c.what == bpm::change::kind::persona_removed ||
                        c.what == bpm::change::kind::persona_added || c.what == bpm::change::kind::stage_removed ||
                        c.what == bpm::change::kind::stage_added;
    if (!conflicts) return;
    const std::size_t current = CurrentIndex();
    // Resolved (or undone away): the strip goes. Brought back by Undo at the grid's cursor: it
    // shows again.
    if (current == bpm::npos && m_grid && m_context.GetPage() == EditingContext::Page::Stages)
        FollowCell(m_grid->GetGrid()->GetGridCursorRow(), m_grid->GetGrid()->GetGridCursorCol());
    else
        ShowConflict(current);
    UpdateCount();
}

void ConflictBar::UpdateCount() {
    const wxString text = ConflictCountText(Count());
    if (text == m_countText) return;
    m_countText = text;
    if (onCountChanged) onCountChanged(text);
}

void ConflictBar::FollowCell(int row, int col) {
    const BpmDocument* doc = m_context.GetDocument();
    if (!doc || !m_grid || row < 0 || col < 0) {
        ShowConflict(CurrentIndex());
        return;
    }
    const std::size_t i = m_grid->GetTable()->ConflictAt(row, col);
    ShowConflict(i != bpm::npos ? i : CurrentIndex());
}

void ConflictBar::ShowConflict(std::size_t index) {
    const BpmDocument* doc = m_context.GetDocument();
    const bool shown = doc && index < doc->Model().conflicts.size();
    if (shown) {
        const bpm::merge_conflict& c = doc->Model().conflicts[index];
        m_current = c;
        const wxString place = ToWx(bpm::conflict_place_title(doc->Model(), c));
        const wxString of = FormatText(_("{1} of {2}"), wxString::Format("%zu", index + 1),
                                       wxString::Format("%zu", doc->Model().conflicts.size()));
        // TRANSLATORS: the strip's headline; {1} is where the conflict is, {2} e.g. "1 of 3"
        // SetLabelText: a name or value may hold "&", which SetLabel would take for a mnemonic.
        if (bpm::conflict_place_gone(doc->Model(), c))
            // TRANSLATORS: the strip's headline for a conflict about a persona, stage, pain point or
            // comment deleted since the merge; {1} is where the conflict was, {2} e.g. "1 of 3"
            m_title->SetLabelText(FormatText(_("Conflict about what is no longer in the map: {1} ({2})"), place, of));
        else
            m_title->SetLabelText(IsRemoval(c) ? FormatText(_("Deleted in one version: {1} ({2})"), place, of)
                                               : FormatText(_("Conflict in {1} ({2})"), place, of));
        m_versions->SetLabelText(ConflictVersionsText(c));
        m_versions->SetToolTip(ConflictVersionsText(c, 2000));
        const bool removal = IsRemoval(c);
        // TRANSLATORS: settles a conflict about something one version deleted by keeping it
        m_keep->SetLabel(removal ? _("&Keep It") : _("&Keep Mine"));
        // TRANSLATORS: settles a conflict about something one version deleted by deleting it
        m_take->SetLabel(removal ? _("&Delete It") : _("&Take Theirs"));
        SetAccessibleName(m_keep, wxStripMenuCodes(m_keep->GetLabel()));
        SetAccessibleName(m_take, wxStripMenuCodes(m_take->GetLabel()));
        m_keep->Enable(CanResolve(bpm::conflict_resolution::keep_mine));
        m_take->Enable(CanResolve(bpm::conflict_resolution::take_theirs));
        m_edit->Enable(CanResolve(bpm::conflict_resolution::edited));
        Layout();
    } else {
        m_current.reset();
    }
    if (shown != m_shown) {
        m_shown = shown;
        if (onShownChanged) onShownChanged(shown);
    }
}

void ConflictBar::GoToNext(int direction) {
    const std::size_t count = Count();
    if (count == 0) return;
    const std::size_t current = CurrentIndex();
    std::size_t next = 0;
    if (current == bpm::npos) next = direction > 0 ? 0 : count - 1;
    else next = direction > 0 ? (current + 1) % count : (current + count - 1) % count;
    const bpm::merge_conflict c = m_context.GetDocument()->Model().conflicts[next];
    GoTo(c);
    ShowConflict(next);
}

void ConflictBar::GoTo(const bpm::merge_conflict& c) {
    m_context.CommitPendingEdits();
    if (c.persona_id.empty()) return;  // the map's own fields: the strip is where they show
    m_context.SelectPersona(c.persona_id);
    if (!c.comment_id.empty()) {
        if (onShowComment) onShowComment(c.comment_id);
        return;
    }
    if (!c.stage_id.empty()) {
        m_context.FocusPage(EditingContext::Page::Stages);
        m_context.SelectStage(c.stage_id);
        // A stage one version deleted is marked in its Stage column.
        const auto field = IsRemoval(c) ? bpm::stage_field::name : bpm::stage_field_from_key(c.field);
        if (field && m_grid) m_grid->GoToField(c.stage_id, *field);
        return;
    }
    if (c.field == "summary") {
        m_context.ShowPage(EditingContext::Page::Summary);
        return;
    }
    m_context.FocusPage(EditingContext::Page::Persona);
    if (const auto field = FormField(c); field && m_form)
        if (wxTextCtrl* text = m_form->GetField(*field)) text->SetFocus();
}

bool ConflictBar::CanResolve(bpm::conflict_resolution how) const {
    const BpmDocument* doc = m_context.GetDocument();
    const std::size_t i = CurrentIndex();
    return doc && m_context.CanEdit() && i != bpm::npos && bpm::can_resolve(doc->Model(), i, how);
}

bool ConflictBar::Resolve(bpm::conflict_resolution how) {
    if (!CanResolve(how)) return false;
    BpmDocument* doc = m_context.GetDocument();
    doc->CommitPendingEdits();
    const std::size_t i = CurrentIndex();
    if (i == bpm::npos) return false;
    const bpm::merge_conflict c = doc->Model().conflicts[i];
    wxString text = ToWx(c.ours);
    if (how == bpm::conflict_resolution::edited) {
        if (!m_prompts.editConflictValue(wxGetTopLevelParent(this), ToWx(bpm::conflict_place_title(doc->Model(), c)), text))
            return false;
        // A blank value clears a field of the map; a comment's text cannot be blank, and says so
        // rather than leave the user wondering why nothing happened.
        const std::string problem = bpm::edited_text_problem(c, ToUtf8(text));
        if (!problem.empty()) {
            m_prompts.inform(wxGetTopLevelParent(this), ToWx(problem));
            return false;
        }
    }
    return doc->Submit(bpm::resolve_conflict(i, how, ToUtf8(text)));
}

void AppendConflictItems(wxMenu& menu) {
    menu.Append(ID_CONFLICT_KEEP_MINE, _("&Keep Mine"));
    menu.Append(ID_CONFLICT_TAKE_THEIRS, _("&Take Theirs"));
    menu.Append(ID_CONFLICT_EDIT, _("&Edit Conflicted Value..."));
    menu.AppendSeparator();
}

void BindConflictCommands(wxFrame& frame, ConflictBar& bar) {
    frame.Bind(wxEVT_MENU, [&bar](wxCommandEvent& event) {
        switch (event.GetId()) {
            case ID_CONFLICT_NEXT: bar.GoToNext(1); break;
            case ID_CONFLICT_PREVIOUS: bar.GoToNext(-1); break;
            case ID_CONFLICT_KEEP_MINE: bar.Resolve(bpm::conflict_resolution::keep_mine); break;
            case ID_CONFLICT_TAKE_THEIRS: bar.Resolve(bpm::conflict_resolution::take_theirs); break;
            case ID_CONFLICT_EDIT: bar.Resolve(bpm::conflict_resolution::edited); break;
        }
    }, ID_CONFLICT_NEXT, ID_CONFLICT_EDIT);
    frame.Bind(wxEVT_UPDATE_UI, [&bar](wxUpdateUIEvent& event) {
        switch (event.GetId()) {
            case ID_CONFLICT_NEXT:
            case ID_CONFLICT_PREVIOUS: event.Enable(bar.Count() > 0); break;
            case ID_CONFLICT_KEEP_MINE: event.Enable(bar.CanResolve(bpm::conflict_resolution::keep_mine)); break;
            case ID_CONFLICT_TAKE_THEIRS: event.Enable(bar.CanResolve(bpm::conflict_resolution::take_theirs)); break;
            case ID_CONFLICT_EDIT: event.Enable(bar.CanResolve(bpm::conflict_resolution::edited)); break;
        }
    }, ID_CONFLICT_NEXT, ID_CONFLICT_EDIT);
}
