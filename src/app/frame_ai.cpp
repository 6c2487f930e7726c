// MainFrame: the AI assistant's commands (Preferences, Suggest, New Persona from Notes, Stop)
// and the service they share with the chat panel.
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include "ai_preferences.h"
#include "autosaver.h"
#include "doc_manager.h"
#include "ai_service.h"
#include "chat_panel.h"
#include "command_ids.h"
#include "main_frame.h"

namespace {

// Commands that need the AI service explain how to switch it on, rather than being greyed out
// without a word.
bool ExplainAiOff(wxWindow* parent) {
    wxMessageDialog ask(parent,
                        _("This needs an AI service, such as Ollama or LM Studio on this computer, or a hosted "
                          "service. Set one up in Preferences?"),
                        _("The AI assistant is off"), wxYES_NO | wxICON_INFORMATION);
    ask.SetYesNoLabels(_("Open &Preferences"), _("Not Now"));
    return ask.ShowModal() == wxID_YES;
}

}  // namespace

void MainFrame::BindAi() {
    m_ai = std::make_unique<AiService>();
    if (wxConfigBase* config = wxConfigBase::Get()) m_ai->SetPreferences(LoadAiPreferences(*config));
    m_chat->SetAiService(m_ai.get());

    const auto openPreferences = [this] {
        ShowPreferences(
            this,
            [this](const AiPreferences& prefs) {
                m_ai->SetPreferences(prefs);
                m_chat->AiPreferencesChanged();
            },
            [this](int minutes) {
                if (Autosaver* autosaver = wxStaticCast(GetDocumentManager(), BpmDocManager)->GetAutosaver())
                    autosaver->SetInterval(std::chrono::minutes(minutes));
            });
    };
    Bind(wxEVT_MENU, [openPreferences](wxCommandEvent&) { openPreferences(); }, wxID_PREFERENCES);
    // The commands that need the service: true when it is on, else explained.
    const auto aiOn = [this, openPreferences] {
        if (!m_context.CanEdit()) return false;
        m_context.CommitPendingEdits();
        if (m_ai->Active()) return true;
        if (ExplainAiOff(this)) openPreferences();
        return false;
    };
    const auto suggest = [this, aiOn](wxCommandEvent&) {
        if (aiOn() && m_chat->SuggestForStage(m_context.GetPersonaId(), m_context.GetStageId()))
            FocusPanel(Panel::Assistant);
    };
    // From the menu bar, the grid's context menu and the grid's Suggest button.
    Bind(wxEVT_MENU, suggest, ID_STAGE_SUGGEST);
    Bind(wxEVT_BUTTON, suggest, ID_STAGE_SUGGEST);
    Bind(wxEVT_MENU, [this, aiOn](wxCommandEvent&) {
        if (!aiOn()) return;
        wxTextEntryDialog notes(this,
                                _("Paste interview notes or a call transcript about one buyer. The AI assistant "
                                  "drafts the persona from them; you see it before anything is added to the map."),
                                _("New Persona from Notes"), wxString(), wxOK | wxCANCEL | wxCENTRE | wxTE_MULTILINE);
        notes.SetSize(FromDIP(wxSize(640, 480)));
        if (notes.ShowModal() == wxID_OK && !notes.GetValue().Strip(wxString::both).empty() &&
            m_chat->ReadNotes(notes.GetValue()))
            FocusPanel(Panel::Assistant);
    }, ID_PERSONA_FROM_NOTES);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { m_ai->Stop(); }, ID_AI_STOP);

    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
        e.Enable(m_context.CanEdit() && !m_ai->Busy() && !m_context.GetStageId().empty());
    }, ID_STAGE_SUGGEST);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_context.CanEdit() && !m_ai->Busy()); },
         ID_PERSONA_FROM_NOTES);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_ai->Busy()); }, ID_AI_STOP);
}
