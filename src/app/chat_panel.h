#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "bpm/interview.h"
#include "bpm_document.h"

class wxButton;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;
class wxWrapSizer;
class ChatBubble;

/// The chat assistant side panel: the conversation as bubbles, the offered answers as buttons,
/// and an input box. It drives the core interview over the document's one history, so every
/// answer is an undoable edit that the form and grid show at once, and edits made there are
/// noticed on the interview's next turn.
class ChatPanel : public wxPanel {
public:
    explicit ChatPanel(wxWindow* parent);
    ~ChatPanel() override;

    /// Talks about doc from now on (the conversation starts over); null shows no conversation.
    void SetDocument(BpmDocument* doc);
    BpmDocument* GetDocument() const { return m_doc; }

    /// Sends an answer as if the user typed it and pressed Enter.
    void SendAnswer(const wxString& text);
    /// Clears the conversation and starts again with the welcome.
    void Restart();
    /// Continues the interview for a persona of the map.
    void ContinuePersona(const std::string& personaId);
    /// Starts defining a new persona.
    void StartNewPersona();
    /// The persona selected elsewhere, offered by the Continue button.
    void SetSelectedPersona(const std::string& personaId);

    /// Called when the interview turns to a persona and stage, so the editor can show them.
    std::function<void(const std::string& personaId, const std::string& stageId)> onFocus;
    /// Called when the user says they are done.
    std::function<void()> onFinished;

    /// The interview, for reading its phase and position.
    const bpm::interview* Interview() const { return m_interview.get(); }
    /// Texts of the bubbles shown, oldest first (assistant and user), for tests and accessibility.
    std::vector<wxString> Transcript() const;
    /// The buttons offered for the open question.
    std::vector<wxButton*> ChoiceButtons() const;
    /// The input box.
    wxTextCtrl* Input() const { return m_input; }

private:
    void ShowMessages(const std::vector<bpm::message>& messages);
    void AddBubble(ChatBubble* bubble);
    void ShowChoices(const std::vector<bpm::choice>& choices);
    void Answer(const wxString& shown, const wxString& answer);
    void AfterTurn();
    void UpdateHeader();
    void SetProgress(const wxString& text);
    void WrapProgress();
    void RewrapBubbles();
    void ScrollToEnd();
    void OnDocumentChanged();
    void OnInputKey(wxKeyEvent& event);
    void OnSend(wxCommandEvent& event);

    bool EnsureCurrent();

    BpmDocument* m_doc = nullptr;
    bpm::history* m_history = nullptr;
    std::unique_ptr<bpm::interview> m_interview;
    ChangeSubscription m_subscription;
    bool m_answering = false;
    bool m_changePending = false;
    std::string m_selectedPersona;
    std::string m_lastFocusPersona, m_lastFocusStage;

    wxString m_progressText;
    int m_progressWidth = 0;
    wxStaticText* m_progress = nullptr;
    wxButton* m_continue = nullptr;
    wxScrolledWindow* m_log = nullptr;
    wxWrapSizer* m_choiceSizer = nullptr;
    wxTextCtrl* m_input = nullptr;
    std::vector<ChatBubble*> m_bubbles;
    std::vector<wxButton*> m_choiceButtons;
    std::vector<wxString> m_sent;  // answers typed, for recalling with Up
    std::size_t m_recall = 0;
};
