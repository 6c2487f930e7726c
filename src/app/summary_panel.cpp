#include "summary_panel.h"

#include <algorithm>

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "accessibility.h"
#include "bpm/summary.h"
#include "command_ids.h"
#include "ui_text.h"
#include "wx_string.h"

namespace {

// Space around the page's contents and between its parts, in DIPs.
constexpr int gap_dip = 12;

}  // namespace

SummaryPanel::SummaryPanel(wxWindow* parent, EditingContext& context)
    : wxPanel(parent, wxID_ANY),
      m_context(context),
      m_summaryRefresh(context, EditingContext::Page::Summary, [this] { ShowSummary(); }) {
    SetAccessibleName(this, _("Summary"));
    const int gap = FromDIP(gap_dip);
    m_heading = NewHeading(this, _("Summary"), 1.4, wxST_ELLIPSIZE_END);
    m_source = NewNote(this, wxString());
    m_generate = new wxButton(this, ID_SUMMARY_GENERATE, _("Generate Summary"));
    m_generate->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_REFRESH, wxART_BUTTON));
    m_generate->SetToolTip(_("Write the summary from the persona and its stages (Ctrl+Shift+G)"));
    SetAccessibleName(m_generate, _("Generate Summary"));
    // The warning is bold text with an icon in the theme's colours, so it shows on dark themes
    // and without colour.
    m_staleIcon = new wxStaticBitmap(this, wxID_ANY, wxArtProvider::GetBitmapBundle(wxART_WARNING, wxART_BUTTON));
    m_stale = new wxStaticText(this, wxID_ANY, wxString());
    m_stale->SetFont(GetFont().Bold());
    m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                            wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
    SetAccessibleName(m_text, _("Summary text"));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_heading, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(m_generate, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    m_staleRow = new wxBoxSizer(wxHORIZONTAL);
    m_staleRow->Add(m_staleIcon, 0, wxRIGHT, gap / 2);
    m_staleRow->Add(m_stale, 1);

    // The notes have lines of their own under the heading and the button, and wrap, so that a
    // long one is never cut off by the button on a narrow window.
    auto* head = new wxBoxSizer(wxVERTICAL);
    head->Add(top, 0, wxEXPAND);
    head->Add(m_source, 0, wxEXPAND | wxTOP, gap / 3);
    head->Add(m_staleRow, 0, wxEXPAND | wxTOP, gap / 2);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(head, 0, wxEXPAND | wxALL, gap);
    sizer->Add(m_text, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(sizer);
    sizer->Show(m_staleRow, false, true);

    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        if (event.GetSize().x != m_wrappedTo) WrapNotes();
        event.Skip();
    });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void SummaryPanel::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) m_doc = m_context.GetDocument();
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::PersonaChanged)) {
        m_personaId = m_context.GetPersonaId();
        m_summaryRefresh.Request();
    } else if (notice.Has(EditingContext::Edited)) {
        OnChanges(*notice.edits);
    } else if (notice.Has(EditingContext::ReadOnlyChanged)) {
        m_summaryRefresh.Request();
    }
    // The AI assistant's summary as it is written, for the persona shown.
    if (notice.Has(EditingContext::SummaryDraftChanged)) m_summaryRefresh.Request();
    m_summaryRefresh.Follow(notice);
    if (notice.Has(EditingContext::FocusRequested) && m_summaryRefresh.IsPageShown()) SetFocus();
}

const bpm::persona* SummaryPanel::Persona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

bool SummaryPanel::Generate() { return m_doc && bpm::store_template_summary(m_doc->History(), m_personaId); }

void SummaryPanel::ShowSummary() {
    const bpm::persona* p = Persona();
    const std::string& draftFor = m_context.GetSummaryDraftPersonaId();
    const bool drafting = p && !draftFor.empty() && draftFor == m_personaId;
    m_generate->Enable(p != nullptr && draftFor.empty() && m_context.CanEdit());
    // A summary written before the persona's last changes is offered to be written again.
    const wxString stale = p && !drafting ? ToWx(bpm::stale_summary_note(*p)) : wxString();
    const wxString action = stale.empty() ? _("Generate Summary") : _("Refresh Summary");
    if (m_generate->GetLabel() != action) {
        m_generate->SetLabel(action);
        SetAccessibleName(m_generate, action);
        m_generate->SetToolTip(stale.empty()
                                   ? _("Write the summary from the persona and its stages (Ctrl+Shift+G)")
                                   : _("Write the summary again from the persona as it is now (Ctrl+Shift+G)"));
    }
    m_staleNote = stale;
    GetSizer()->Show(m_staleRow, !stale.empty(), true);
    if (drafting) {
        m_sourceNote = _("The AI assistant is writing the summary\u2026");
        m_text->ChangeValue(m_context.GetSummaryDraft());
        m_text->ShowPosition(m_text->GetLastPosition());
    } else if (!p) {
        m_heading->SetLabel(_("Summary"));
        m_sourceNote.clear();
        m_text->ChangeValue(wxString());
    } else {
        m_heading->SetLabel(FormatText(_("Summary of {1}"), p->name.empty() ? _("(unnamed persona)") : ToWx(p->name)));
        if (!p->summary) {
            m_sourceNote = _("No summary yet. Generate one once the stages are mapped.");
            m_text->ChangeValue(wxString());
        } else if (bpm::has_ai_summary(*p)) {
            const wxString when = ToWx(bpm::readable_timestamp(p->summary->generated_at));
            m_sourceNote = when.empty() ? _("Written by the AI assistant")
                                        : FormatText(_("Written by the AI assistant on {1}"), when);
            m_text->ChangeValue(ToWx(p->summary->text));
        } else {
            // Rebuilt from the map on every change, as the printout and the exports have it.
            m_sourceNote = _("Generated from the map, and kept up to date with it");
            m_text->ChangeValue(ToWx(bpm::summary_text(*p)));
        }
    }
    WrapNotes();
}

void SummaryPanel::WrapNotes() {
    m_wrappedTo = GetSize().x;
    m_source->SetLabel(m_sourceNote);
    m_stale->SetLabel(m_staleNote);
    const int width = GetClientSize().x - FromDIP(2 * gap_dip);
    if (width > 0) {
        m_source->Wrap(width);
        m_stale->Wrap(std::max(width - m_staleIcon->GetBestSize().x - FromDIP(gap_dip / 2), FromDIP(100)));
    }
    // Wrapping changes how tall the notes are.
    Layout();
}

void SummaryPanel::OnChanges(const bpm::change_set& changes) {
    for (const bpm::change& c : changes) {
        if (c.persona_id == m_personaId && c.what != bpm::change::kind::persona_removed) {
            // Rebuilt from the whole persona and laid out: only while the page shows.
            m_summaryRefresh.Request();
            return;
        }
    }
}
