#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/timer.h>

#include "bpm/ai_client.h"
#include "bpm/ai_replies.h"
#include "bpm/interview.h"
#include "bpm_document.h"
#include "editing_context.h"
#include "word_wrap.h"

class AiService;
class wxButton;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;
class wxWrapSizer;
class ChatBubble;


/// The chat assistant side panel: the conversation as bubbles, the offered answers as buttons,
/// and an input box. It drives the core interview over the document's one history, so every
/// answer is an undoable edit that the form and grid show at once, and edits made there are
/// noticed on the interview's next turn. It talks about the context's map (starting over when
/// another map is shown or Revert replaces it), offers to continue the selected persona, and
/// selects the persona and stage the interview turns to.
class ChatPanel : public wxPanel {
public:
    ChatPanel(wxWindow* parent, EditingContext& context);
    ~ChatPanel() override;

    /// Sends an answer as if the user typed it and pressed Enter.
    void SendAnswer(const wxString& text);
    /// Clears the conversation and starts again with the welcome.
    void Restart();
    /// Continues the interview for a persona of the map.
    void ContinuePersona(const std::string& personaId);
    /// Starts defining a new persona.
    void StartNewPersona();

    /// Talks to the AI service through ai (which must outlive the panel) from now on; null keeps
    /// the assistant offline.
    void SetAiService(AiService* ai);
    /// Follows new AI preferences: the indicator, and whether the interview may use the service.
    void AiPreferencesChanged();
    /// Writes a persona's summary with the AI service, streamed into the chat, and stores it as
    /// one undo step; when the service fails, offers the offline summary instead. False when the
    /// service is off or busy.
    bool WriteAiSummary(const std::string& personaId);
    /// Asks the AI service for a stage's seller actions, content type and key message, and offers
    /// them to apply (one undo step) or dismiss. False when the service is off or busy.
    bool SuggestForStage(const std::string& personaId, const std::string& stageId);
    /// Asks the AI service for the persona that interview notes describe, and offers it to add
    /// to the map or dismiss. False when the service is off or busy.
    bool ReadNotes(const wxString& notes);
    /// Stops what the AI service is writing.
    void StopAi();

    /// The interview, for reading its phase and position.
    const bpm::interview* Interview() const { return m_interview.get(); }
    /// Texts of the bubbles shown, oldest first (assistant and user), for tests and accessibility.
    std::vector<wxString> Transcript() const;
    /// The buttons offered for the open question.
    std::vector<wxButton*> ChoiceButtons() const;
    /// The input box.
    wxTextCtrl* Input() const { return m_input; }
    /// The line saying whether the AI service is on, and which.
    wxStaticText* AiIndicator() const { return m_aiIndicator; }
    /// The button that stops the AI service, shown while it writes.
    wxButton* StopButton() const { return m_stop; }

private:
    // A button under the conversation and what it does.
    struct Action {
        wxString label;
        std::function<void()> run;
    };
    void OnNotice(const EditingContext::Notice& notice);
    // Talks about doc from now on (the conversation starts over); null shows no conversation.
    void SetDocument(BpmDocument* doc);
    // The persona selected elsewhere, offered by the Continue button.
    void SetSelectedPersona(const std::string& personaId);
    // Selects the persona and stage the conversation turned to, so the editor shows them.
    void Focus(const std::string& personaId, const std::string& stageId);
    void ShowMessages(const std::vector<bpm::message>& messages);
    void AddBubble(ChatBubble* bubble);
    void RemoveBubble(ChatBubble* bubble);
    void ShowChoices(const std::vector<bpm::choice>& choices);
    void ShowActions(const std::vector<Action>& actions);
    void Answer(const wxString& shown, const wxString& answer);
    void AfterTurn();
    void UpdateHeader();
    void SetProgress(const wxString& text);
    void WrapProgress();
    // How wide bubbles wrap in the log as it is now.
    int BubbleWidth() const;
    // Wraps the bubbles to the log's width again: those wrapped to another width, or all of them
    // once the words' widths were forgotten.
    void RewrapBubbles(bool remeasured = false);
    bool IsScrolledToEnd() const;
    void ScrollToEnd();
    void OnDocumentChanged();
    void OnInputKey(wxKeyEvent& event);
    void OnSend(wxCommandEvent& event);

    // A map is shown and may be edited, so there is a conversation to have.
    bool HasMap() const;
    // Says why a read-only map has no conversation.
    void ShowReadOnlyNote();
    bool AiReady() const;
    const bpm::persona* FindPersona(const std::string& personaId) const;
    // The Continue button applies: the selected persona exists and the AI service is not writing.
    bool CanContinue() const;
    // Adds the bubble the AI service's pieces go into, shown there (and passed to showAlso) a
    // few times a second, and takes the offered answers away until EndStream, which returns it.
    void BeginStream(ChatBubble* bubble, std::function<void(const wxString&)> showAlso);
    void AddStreamPiece(int conversation, const std::string& piece);
    void ShowStreamed();
    ChatBubble* EndStream();
    // Streams a summary of p into a bubble, then hands the result to done.
    bool StreamSummary(const bpm::persona& p, std::function<void(bpm::result<std::string>)> done);
    // Writes the summary the interview asked for: with the AI service when it is on, else the
    // offline one at once.
    void AnswerSummaryRequest(const std::string& personaId);
    // Done: saves the map (Save As for one never saved), then lets the interview say how it went.
    void AnswerSaveRequest();
    // Answers the interview's summary request with written (by source), or why there is none.
    void ProvideSummary(const bpm::result<std::string>& written, bpm::summary_source source);
    void AnswerFreeQuestion(const std::string& question);
    void OfferSuggestion(const std::string& personaId, const std::string& stageId, const bpm::stage_suggestion& s);
    void OfferPersona(bpm::persona p);
    // Ends an offer (applied or dismissed): says so, and shows the open question's answers again.
    void EndOffer(const wxString& outcome);
    void UpdateAiState();
    // Says the call was stopped, or failed: failed is a format with the service ({1}) and the
    // reason ({2}).
    template <class T>
    void ShowAiProblem(const bpm::result<T>& outcome, const wxString& stopped, const wxString& failed);

    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    std::unique_ptr<bpm::interview> m_interview;
    EditingContext::Subscription m_subscription;
    bool m_answering = false;
    bool m_changePending = false;
    std::string m_selectedPersona;
    std::string m_lastFocusPersona, m_lastFocusStage;
    AiService* m_ai = nullptr;
    // Counts conversations, so a late answer from the AI service to an earlier one is dropped.
    int m_conversation = 0;
    ChatBubble* m_stream = nullptr;  // the bubble the AI service is writing into
    std::string m_streamText;
    std::function<void(const wxString&)> m_streamAlso;
    wxTimer m_streamTimer;

    wxString m_progressText;
    int m_progressWidth = 0;
    wxStaticText* m_progress = nullptr;
    wxStaticText* m_aiIndicator = nullptr;
    wxButton* m_stop = nullptr;
    wxButton* m_send = nullptr;
    std::vector<wxButton*> m_conversationButtons;  // Continue, New Persona, Restart
    wxButton* m_continue = nullptr;
    wxButton* m_newPersona = nullptr;
    wxScrolledWindow* m_log = nullptr;
    wxWrapSizer* m_choiceSizer = nullptr;
    wxTextCtrl* m_input = nullptr;
    std::vector<ChatBubble*> m_bubbles;
    // Whether the log was last scrolled to its end, by the reader or by a new message.
    bool m_followingEnd = true;
    // The widths of the words the bubbles wrap, shared by them all.
    std::shared_ptr<TextWidths> m_textWidths = std::make_shared<TextWidths>();
    std::vector<wxButton*> m_choiceButtons;
    std::vector<wxString> m_sent;  // answers typed, for recalling with Up
    std::size_t m_recall = 0;
};
