#pragma once

#include <string>

#include <wx/panel.h>

#include "bpm_document.h"
#include "editing_context.h"

class wxButton;
class wxStaticText;
class wxStaticTextBase;
class wxTextCtrl;

/// The summary of the selected persona's journey (read-only) and the button that writes it
/// from the map, as the spec's Phase 5. It shows the context's selected persona.
class SummaryPanel : public wxPanel {
public:
    SummaryPanel(wxWindow* parent, EditingContext& context);

    /// Writes the template summary of the shown persona, as one undo step.
    bool Generate();
    /// The summary text control, for tests.
    wxTextCtrl* GetText() const { return m_text; }

private:
    void OnNotice(const EditingContext::Notice& notice);
    const bpm::persona* Persona() const;
    void ShowSummary();
    void OnChanges(const bpm::change_set& changes);

    wxStaticTextBase* m_heading = nullptr;
    wxStaticText* m_source = nullptr;
    wxTextCtrl* m_text = nullptr;
    wxButton* m_generate = nullptr;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::string m_personaId;
};
