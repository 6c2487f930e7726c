#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include <wx/scrolwin.h>

#include "bpm/edit.h"
#include "bpm_document.h"
#include "editing_context.h"
#include "page_refresh.h"

class PainPointTags;
class wxFlexGridSizer;
class wxStaticText;
class wxTextCtrl;

/// The selected persona's name, profile and pain points (the spec's Phase 2 form). Typing
/// submits persona field edits as you go, which the history merges into one step per field.
/// It shows the context's selected persona.
class PersonaForm : public wxScrolledWindow {
public:
    PersonaForm(wxWindow* parent, EditingContext& context);

    /// The text control of a persona field, for focus and tests.
    wxTextCtrl* GetField(bpm::persona_field field) const;
    PainPointTags* GetPainPoints() const { return m_painPoints; }

private:
    static constexpr std::array<bpm::persona_field, 5> fields = {
        bpm::persona_field::name, bpm::persona_field::role, bpm::persona_field::organisation,
        bpm::persona_field::segment, bpm::persona_field::success_metric};

    void OnNotice(const EditingContext::Notice& notice);
    void ShowPersona(const std::string& personaId);
    const bpm::persona* Persona() const;
    wxTextCtrl* AddField(wxWindow* parent, bpm::persona_field field, const wxString& hint);
    void ShowValues();
    void UpdateStatusLine();
    /// Shows label in text, wrapped to a form formWidth pixels wide.
    void WrapLabel(wxStaticText* text, const wxString& label, int formWidth);
    void OnChanges(const bpm::change_set& changes);

    std::array<wxTextCtrl*, fields.size()> m_fields{};
    wxStaticText* m_status = nullptr;
    // Texts that wrap to the form's width, with their unwrapped labels.
    std::vector<std::pair<wxStaticText*, wxString>> m_wrapped;
    PainPointTags* m_painPoints = nullptr;
    wxFlexGridSizer* m_profile = nullptr;  // role, organisation, segment, success metric
    EditingContext& m_context;
    // The status line counts the stage fields: kept up to date only while the form is in front.
    PageRefresh m_statusRefresh;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::string m_personaId;
    // The field being typed in since it took the focus, whose keystrokes merge into one step.
    wxTextCtrl* m_typingIn = nullptr;
};
