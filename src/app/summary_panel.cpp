#include "summary_panel.h"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "accessibility.h"
#include "bpm/summary.h"
#include "command_ids.h"
#include "ui_text.h"
#include "wx_string.h"

SummaryPanel::SummaryPanel(wxWindow* parent, EditingContext& context) : wxPanel(parent, wxID_ANY), m_context(context) {
    SetAccessibleName(this, _("Summary"));
    const int gap = FromDIP(12);
    m_heading = NewHeading(this, _("Summary"), 1.4, wxST_ELLIPSIZE_END);
    m_source = NewNote(this, wxString());
    m_generate = new wxButton(this, ID_SUMMARY_GENERATE, _("Generate Summary"));
    m_generate->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_REFRESH, wxART_BUTTON));
    m_generate->SetToolTip(_("Write the summary from the persona and its stages (Ctrl+Shift+G)"));
    SetAccessibleName(m_generate, _("Generate Summary"));
    m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                            wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
    SetAccessibleName(m_text, _("Summary text"));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    auto* titles = new wxBoxSizer(wxVERTICAL);
    titles->Add(m_heading, 0, wxEXPAND);
    titles->Add(m_source, 0, wxTOP, gap / 3);
    top->Add(titles, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(m_generate, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, gap);
    sizer->Add(m_text, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(sizer);
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void SummaryPanel::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) m_doc = m_context.GetDocument();
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::PersonaChanged)) {
        m_personaId = m_context.GetPersonaId();
        ShowSummary();
    } else if (notice.Has(EditingContext::Edited)) {
        OnChanges(*notice.edits);
    } else if (notice.Has(EditingContext::ReadOnlyChanged)) {
        ShowSummary();
    }
    // The AI assistant's summary as it is written, for the persona shown.
    if (notice.Has(EditingContext::SummaryDraftChanged)) ShowSummary();
    if (notice.Has(EditingContext::FocusRequested) && m_context.GetPage() == EditingContext::Page::Summary) SetFocus();
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
    if (drafting) {
        m_source->SetLabel(_("The AI assistant is writing the summary\u2026"));
        m_text->ChangeValue(m_context.GetSummaryDraft());
        m_text->ShowPosition(m_text->GetLastPosition());
        Layout();
        return;
    }
    if (!p) {
        m_heading->SetLabel(_("Summary"));
        m_source->SetLabel(wxString());
        m_text->ChangeValue(wxString());
        return;
    }
    m_heading->SetLabel(FormatText(_("Summary of {1}"), p->name.empty() ? _("(unnamed persona)") : ToWx(p->name)));
    if (!p->summary) {
        m_source->SetLabel(_("No summary yet. Generate one once the stages are mapped."));
        m_text->ChangeValue(wxString());
    } else {
        const wxString when = ToWx(bpm::readable_timestamp(p->summary->generated_at));
        wxString source = p->summary->source == bpm::summary_source::ai ? _("Written by the AI assistant")
                                                                        : _("Generated from the map");
        if (!when.empty()) source = FormatText(_("{1} on {2}"), source, when);
        if (p->summary->source == bpm::summary_source::template_text && p->summary->text != bpm::template_summary(*p))
            source << "  " << _("(the map has changed since; generate again to update it)");
        m_source->SetLabel(source);
        m_text->ChangeValue(ToWx(p->summary->text));
    }
    Layout();
}

void SummaryPanel::OnChanges(const bpm::change_set& changes) {
    for (const bpm::change& c : changes) {
        if (c.persona_id == m_personaId && c.what != bpm::change::kind::persona_removed) {
            ShowSummary();
            return;
        }
    }
}
