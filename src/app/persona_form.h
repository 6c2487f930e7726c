#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include <wx/scrolwin.h>

#include "bpm/edit.h"
#include "bpm_document.h"

class PainPointTags;
class wxStaticText;
class wxTextCtrl;

/// The selected persona's name, profile and pain points (the spec's Phase 2 form). Typing
/// submits persona field edits as you go, which the history merges into one step per field.
class PersonaForm : public wxScrolledWindow {
public:
    explicit PersonaForm(wxWindow* parent);

    /// Follows doc's changes (none for null).
    void SetDocument(BpmDocument* doc);
    /// Shows a persona ("" for none).
    void ShowPersona(const std::string& personaId);

    /// The text control of a persona field, for focus and tests.
    wxTextCtrl* GetField(bpm::persona_field field) const;
    PainPointTags* GetPainPoints() const { return m_painPoints; }

private:
    static constexpr std::array<bpm::persona_field, 5> fields = {
        bpm::persona_field::name, bpm::persona_field::role, bpm::persona_field::organisation,
        bpm::persona_field::segment, bpm::persona_field::success_metric};

    const bpm::persona* Persona() const;
    wxTextCtrl* AddField(wxWindow* parent, bpm::persona_field field, const wxString& hint);
    void ShowValues();
    void UpdateStatusLine();
    void OnChanges(const bpm::change_set& changes);

    std::array<wxTextCtrl*, fields.size()> m_fields{};
    wxStaticText* m_status = nullptr;
    // Texts that wrap to the form's width, with their unwrapped labels.
    std::vector<std::pair<wxStaticText*, wxString>> m_wrapped;
    PainPointTags* m_painPoints = nullptr;
    BpmDocument* m_doc = nullptr;
    ChangeSubscription m_subscription;
    std::string m_personaId;
};
