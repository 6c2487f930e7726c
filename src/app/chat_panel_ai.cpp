// The chat panel's side of the AI assistant: what it asks the AI service, the bubbles the answers
// stream into, and the offers (a suggestion, a persona from notes) the user applies or dismisses.
// Calls run on AiService's worker with a copy of the persona; the document is only touched here,
// on the UI thread, once the user accepts.
#include <optional>

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ai_service.h"
#include "bpm/ai_assistant.h"
#include "bpm/summary.h"
#include "chat_bubble.h"
#include "chat_panel.h"
#include "wx_string.h"

void ChatPanel::SetAiService(AiService* ai) {
    m_ai = ai;
    if (m_ai) m_ai->onBusyChanged = [this] { UpdateAiState(); };
    UpdateAiState();
}

void ChatPanel::AiPreferencesChanged() { UpdateAiState(); }

bool ChatPanel::AiReady() const { return m_ai && m_ai->Active() && m_interview; }

void ChatPanel::UpdateAiState() {
    const bool on = m_ai && m_ai->Active();
    // Questions for the AI are only told apart from answers while there is an AI to answer them.
    if (m_interview) m_interview->set_ai_assistant(on ? ToUtf8(m_ai->Describe()) : std::string());
    if (on) {
        const bpm::ai_settings& s = m_ai->Preferences().settings;
        m_aiIndicator->SetLabel(FormatText(_("\u25CF AI assistant: {1} at {2}"), s.model, bpm::ai_host(s)));
        m_aiIndicator->SetForegroundColour(wxColour(0x1E, 0x7B, 0x34));
        m_aiIndicator->SetToolTip(_("Summaries, suggestions, notes and questions go to this AI service. "
                                    "Change it in Edit \u25B8 Preferences."));
    } else {
        m_aiIndicator->SetLabel(_("\u25CB Offline assistant (AI off)"));
        m_aiIndicator->SetForegroundColour(wxColour(0x5F, 0x66, 0x6D));
        m_aiIndicator->SetToolTip(_("Nothing leaves this computer. Switch on an AI service in Edit \u25B8 Preferences."));
    }
    const bool busy = m_ai && m_ai->Busy();
    m_stop->Show(busy);
    m_send->Show(!busy);
    // A read-only map has nothing to answer or continue; Restart says so again.
    const bool editable = HasMap();
    m_input->Enable(!busy && editable);
    m_input->SetHint(m_doc && !editable ? _("The map is read-only: there is nothing to answer")
                                        : _("Type your answer; Enter sends, Shift+Enter starts a new line"));
    m_send->Enable(editable);
    for (wxButton* b : m_conversationButtons)
        b->Enable(b == m_continue ? CanContinue() : !busy && (editable || b != m_newPersona));
    for (wxButton* b : m_choiceButtons) b->Enable(!busy);
    if (busy) m_stop->SetFocus();
    Layout();
}

void ChatPanel::StopAi() {
    if (m_ai) m_ai->Stop();
}

bool ChatPanel::CanContinue() const {
    return HasMap() && !(m_ai && m_ai->Busy()) && FindPersona(m_selectedPersona);
}

const bpm::persona* ChatPanel::FindPersona(const std::string& personaId) const {
    return m_doc ? m_doc->Model().persona_by_id(personaId) : nullptr;
}

template <class T>
void ChatPanel::ShowAiProblem(const bpm::result<T>& outcome, const wxString& stopped, const wxString& failed) {
    const wxString text =
        outcome.was_cancelled() ? stopped : FormatText(failed, m_ai->Describe(), outcome.error());
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::Error, text));
}

namespace {

// The streamed text is shown at most this often: each showing rewraps the whole text, and a
// fast service sends hundreds of pieces a second.
constexpr int stream_refresh_ms = 60;

}  // namespace

void ChatPanel::BeginStream(ChatBubble* bubble, std::function<void(const wxString&)> showAlso) {
    m_stream = bubble;
    m_streamText.clear();
    m_streamAlso = std::move(showAlso);
    AddBubble(bubble);
    // Nothing to choose while the service writes; the offers come back with its result.
    ShowActions({});
    AfterTurn();
}

void ChatPanel::AddStreamPiece(int conversation, const std::string& piece) {
    if (conversation != m_conversation || !m_stream) return;
    m_streamText += piece;
    if (!m_streamTimer.IsRunning()) m_streamTimer.StartOnce(stream_refresh_ms);
}

void ChatPanel::ShowStreamed() {
    if (!m_stream) return;
    const wxString text = ToWx(m_streamText);
    m_stream->SetText(text);
    m_log->FitInside();
    ScrollToEnd();
    if (m_streamAlso) m_streamAlso(text);
}

ChatBubble* ChatPanel::EndStream() {
    m_streamTimer.Stop();
    ChatBubble* bubble = m_stream;
    m_stream = nullptr;
    m_streamAlso = nullptr;
    return bubble;
}

bool ChatPanel::StreamSummary(const bpm::persona& p, std::function<void(bpm::result<std::string>)> done) {
    if (!AiReady() || m_ai->Busy()) return false;
    const int conversation = m_conversation;
    const std::string personaId = p.id;
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::Assistant,
                             FormatText(_("{1} is writing the summary of {2}\u2026"), m_ai->Describe(), p.name)));
    BeginStream(new ChatBubble(m_log, ChatBubble::Role::Summary, _("\u2026")), [this, personaId](const wxString& text) {
        m_context.ShowSummaryDraft(personaId, text);
    });
    const bool started = m_ai->Run<std::string>(
        [copy = p](const bpm::ai_client& client, const bpm::token_callback& onToken, const bpm::cancel_token& cancel) {
            return bpm::write_ai_summary(client, copy, onToken, &cancel);
        },
        [this, conversation](const std::string& piece) { AddStreamPiece(conversation, piece); },
        [this, conversation, personaId, done](bpm::result<std::string> written) {
            if (conversation != m_conversation) return;
            m_context.ShowSummaryDraft(personaId, wxString());
            RemoveBubble(EndStream());
            done(std::move(written));
        });
    if (!started) RemoveBubble(EndStream());
    return started;
}

bool ChatPanel::WriteAiSummary(const std::string& personaId) {
    if (!HasMap()) return false;
    const bpm::persona* p = FindPersona(personaId);
    if (!p) return false;
    return StreamSummary(*p, [this, personaId](bpm::result<std::string> written) {
        const bpm::persona* p = FindPersona(personaId);
        if (!p) return EndOffer(_("The persona was deleted meanwhile, so the summary was not stored."));
        if (written && bpm::store_ai_summary(m_doc->History(), personaId, *written.value)) {
            AddBubble(new ChatBubble(m_log, ChatBubble::Role::Summary, ToWx(*written.value)));
            return EndOffer(FormatText(_("Stored as the summary of {1}. Undo takes it back."), p->name));
        }
        ShowAiProblem(written, _("You stopped the AI assistant; nothing was stored."),
                      // TRANSLATORS: {1} is "The AI assistant at HOST", {2} why it failed
                      _("{1} could not write the summary: {2}"));
        ShowActions({{_("Use the Offline Summary"),
                      [this, personaId] {
                          if (m_doc && bpm::store_template_summary(m_doc->History(), personaId)) {
                              AddBubble(new ChatBubble(m_log, ChatBubble::Role::Summary,
                                                       ToWx(FindPersona(personaId)->summary->text)));
                              EndOffer(_("Stored the offline summary. Undo takes it back."));
                          } else {
                              EndOffer(_("The persona was deleted meanwhile, so the summary was not stored."));
                          }
                      }},
                     {_("Dismiss"), [this] { EndOffer(_("Dismissed; the summary is unchanged.")); }}});
        AfterTurn();
    });
}

void ChatPanel::AnswerSummaryRequest(const std::string& personaId) {
    const bpm::persona* p = FindPersona(personaId);
    const auto fromAi = [this](bpm::result<std::string> written) { ProvideSummary(written, bpm::summary_source::ai); };
    if (p && AiReady() && StreamSummary(*p, fromAi)) return;
    // A persona gone meanwhile gets no summary; the interview says so.
    ProvideSummary(bpm::result<std::string>::success(p ? bpm::template_summary(*p) : std::string()),
                   bpm::summary_source::template_text);
}

void ChatPanel::ProvideSummary(const bpm::result<std::string>& written, bpm::summary_source source) {
    // The summary stored is the interview's own edit, no news to it.
    m_answering = true;
    std::vector<bpm::message> reply;
    if (written)
        reply = m_interview->provide_summary(*written.value, source);
    else if (written.was_cancelled())
        reply = m_interview->summary_cancelled();
    else
        reply = m_interview->summary_failed(written.error());
    m_answering = false;
    ShowMessages(reply);
}

void ChatPanel::AnswerFreeQuestion(const std::string& question) {
    const int conversation = m_conversation;
    const bpm::persona* p = FindPersona(m_interview->persona_id());
    std::optional<bpm::persona> copy;
    if (p) copy = *p;
    std::string open;
    for (const bpm::message& m : m_interview->repeat_question()) open = m.text;
    BeginStream(new ChatBubble(m_log, ChatBubble::Role::Assistant, _("\u2026")), {});
    const bool started = m_ai->Run<std::string>(
        [copy, question, open](const bpm::ai_client& client, const bpm::token_callback& onToken,
                               const bpm::cancel_token& cancel) {
            return bpm::answer_free_question(client, copy ? &*copy : nullptr, question, open, onToken, &cancel);
        },
        [this, conversation](const std::string& piece) { AddStreamPiece(conversation, piece); },
        [this, conversation](bpm::result<std::string> answer) {
            if (conversation != m_conversation) return;
            ChatBubble* bubble = EndStream();
            if (answer) {
                bubble->SetText(ToWx(*answer.value));
            } else {
                RemoveBubble(bubble);
                ShowAiProblem(answer, _("Stopped."),
                              // TRANSLATORS: {1} is "The AI assistant at HOST", {2} why it failed
                              _("{1} could not answer: {2}"));
            }
            ShowMessages(m_interview->repeat_question());
        });
    if (!started) {
        RemoveBubble(EndStream());
        ShowMessages(m_interview->repeat_question());
    }
}

bool ChatPanel::SuggestForStage(const std::string& personaId, const std::string& stageId) {
    if (!HasMap() || !AiReady() || m_ai->Busy()) return false;
    const bpm::persona* p = FindPersona(personaId);
    const bpm::stage* s = p ? p->stage_by_id(stageId) : nullptr;
    if (!s) return false;
    const int conversation = m_conversation;
    const wxString stageName = ToWx(s->name);
    // Nothing streams from a suggestion; the bubble says what is being waited for.
    BeginStream(new ChatBubble(m_log, ChatBubble::Role::Assistant,
                               FormatText(_("Asking the AI assistant at {1} for seller actions, content and a "
                                            "key message for {2}\u2026"),
                                          bpm::ai_host(m_ai->Preferences().settings), stageName)),
                {});
    const bool started = m_ai->Run<bpm::stage_suggestion>(
        [copy = *p, stageId](const bpm::ai_client& client, const bpm::token_callback&, const bpm::cancel_token& cancel) {
            return bpm::suggest_for_stage(client, copy, stageId, &cancel);
        },
        {},
        [this, conversation, personaId, stageId](bpm::result<bpm::stage_suggestion> suggestion) {
            if (conversation != m_conversation) return;
            EndStream();
            if (suggestion) return OfferSuggestion(personaId, stageId, *suggestion.value);
            ShowAiProblem(suggestion, _("Stopped; the stage is unchanged."),
                          // TRANSLATORS: {1} is "The AI assistant at HOST", {2} why it failed
                          _("{1} could not suggest anything: {2}"));
            EndOffer(wxString());
        });
    if (!started) EndStream();
    return started;
}

void ChatPanel::OfferSuggestion(const std::string& personaId, const std::string& stageId,
                                const bpm::stage_suggestion& s) {
    const wxString text = FormatText(_("Seller actions: {1}\nContent type: {2}\nKey message: {3}"),
                                     s.seller_actions, s.content_type, s.key_message);
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::Summary, text,
                             _("Applying replaces these three fields of the stage; Undo takes it back.")));
    ShowActions({{_("Apply Suggestion"),
                  [this, personaId, stageId, s] {
                      const bool applied = m_doc && bpm::apply_suggestion(m_doc->History(), personaId, stageId, s);
                      EndOffer(applied ? _("Applied. Undo takes it back.")
                                       : _("Nothing to apply: the stage is gone or already says this."));
                  }},
                 {_("Dismiss"), [this] { EndOffer(_("Dismissed; the stage is unchanged.")); }}});
    AfterTurn();
    Focus(personaId, stageId);
}

bool ChatPanel::ReadNotes(const wxString& notes) {
    if (!HasMap() || !AiReady() || m_ai->Busy()) return false;
    const std::string text = ToUtf8(notes);
    if (text.size() > bpm::max_notes_bytes) {
        AddBubble(new ChatBubble(m_log, ChatBubble::Role::Error,
                                 FormatText(_("Those notes are {1} KB long; at most {2} KB are read at once."),
                                            text.size() / 1024, bpm::max_notes_bytes / 1024)));
        AfterTurn();
        return false;
    }
    const int conversation = m_conversation;
    BeginStream(new ChatBubble(m_log, ChatBubble::Role::Assistant,
                               FormatText(_("{1} is reading your notes ({2} KB)\u2026"), m_ai->Describe(),
                                          (text.size() + 1023) / 1024)),
                {});
    const bool started = m_ai->Run<bpm::persona>(
        [text](const bpm::ai_client& client, const bpm::token_callback&, const bpm::cancel_token& cancel) {
            return bpm::persona_from_notes(client, text, &cancel);
        },
        {},
        [this, conversation](bpm::result<bpm::persona> read) {
            if (conversation != m_conversation) return;
            EndStream();
            if (read) return OfferPersona(std::move(*read.value));
            ShowAiProblem(read, _("Stopped; the map is unchanged."),
                          // TRANSLATORS: {1} is "The AI assistant at HOST", {2} why it failed
                          _("{1} could not read the notes: {2}"));
            EndOffer(wxString());
        });
    if (!started) EndStream();
    return started;
}

void ChatPanel::OfferPersona(bpm::persona p) {
    wxString text = FormatText(_("From your notes: {1}"), p.name);
    if (!p.pain_points.empty()) {
        wxString pains;
        for (const bpm::pain_point& pp : p.pain_points) pains << (pains.empty() ? "" : "; ") << ToWx(pp.text);
        text << "\n" << FormatText(_("Pain points: {1}"), pains);
    }
    text << "\n" << FormatText(wxPLURAL("{1} buying stage:", "{1} buying stages:", p.stages.size()), p.stages.size());
    for (const bpm::stage& s : p.stages) {
        text << "\n\u2022 " << ToWx(s.name);
        if (!s.duration.empty()) text << " (" << ToWx(s.duration) << ")";
        if (!s.buyer_actions.empty()) text << ": " << ToWx(s.buyer_actions);
    }
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::Summary, text,
                             _("Adding puts this persona at the end of the map; Undo takes it back.")));
    auto offered = std::make_shared<bpm::persona>(std::move(p));
    ShowActions({{_("Add Persona"),
                  [this, offered] {
                      if (!m_doc) return;
                      const std::string id = bpm::add_imported_persona(m_doc->History(), *offered);
                      EndOffer(FormatText(_("Added {1} to the map. Undo takes it back."), FindPersona(id)->name));
                  }},
                 {_("Dismiss"), [this] { EndOffer(_("Dismissed; the map is unchanged.")); }}});
    AfterTurn();
}

void ChatPanel::EndOffer(const wxString& outcome) {
    if (!outcome.empty()) AddBubble(new ChatBubble(m_log, ChatBubble::Role::Assistant, outcome));
    // Back to the interview: its open question's answers are on offer again.
    std::vector<bpm::choice> choices;
    if (m_interview)
        for (const bpm::message& m : m_interview->repeat_question()) choices = m.choices;
    ShowChoices(choices);
    AfterTurn();
}
