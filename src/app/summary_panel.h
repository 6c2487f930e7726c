#pragma once

#include <string>

#include <wx/panel.h>

#include "bpm_document.h"
#include "editing_context.h"
#include "page_refresh.h"

class wxBoxSizer;
class wxButton;
class wxStaticBitmap;
class wxStaticText;
class wxStaticTextBase;
class wxTextCtrl;

/// The summary of the selected persona's journey (read-only) and the button that writes it
/// from the map, as the spec's Phase 5. It shows the context's selected persona: a template
/// summary as the map is now, an AI summary as written, with a warning when the persona changed
/// after it was written. It is brought up to date while its page is in front, and as the page
/// comes to the front.
class SummaryPanel : public wxPanel {
public:
    SummaryPanel(wxWindow* parent, EditingContext& context);

    /// Writes the template summary of the shown persona, as one undo step.
    bool Generate();
    /// The summary text control, for tests.
    wxTextCtrl* GetText() const { return m_text; }
    /// The line under the heading that says who wrote the summary, for tests.
    wxStaticText* GetSourceNote() const { return m_source; }
    /// The warning that the summary predates the persona's last changes (hidden when it does not), for tests.
    wxStaticText* GetStaleNote() const { return m_stale; }
    /// The button that writes the summary, for tests.
    wxButton* GetGenerateButton() const { return m_generate; }

private:
    void OnNotice(const EditingContext::Notice& notice);
    const bpm::persona* Persona() const;
    void ShowSummary();
    void WrapNotes();
    void OnChanges(const bpm::change_set& changes);

    wxStaticTextBase* m_heading = nullptr;
    wxStaticText* m_source = nullptr;
    wxBoxSizer* m_staleRow = nullptr;
    wxStaticBitmap* m_staleIcon = nullptr;
    wxStaticText* m_stale = nullptr;
    wxTextCtrl* m_text = nullptr;
    wxButton* m_generate = nullptr;
    // The notes as written, before Wrap broke them into lines for the panel's width, and that width.
    wxString m_sourceNote, m_staleNote;
    int m_wrappedTo = -1;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::string m_personaId;
    PageRefresh m_summaryRefresh;
};
