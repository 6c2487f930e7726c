#include "chat_panel.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include "accessibility.h"
#include "ai_service.h"
#include "chat_bubble.h"
#include "wx_string.h"

namespace {

ChatBubble::Role RoleOf(bpm::message_kind kind) {
    switch (kind) {
        case bpm::message_kind::question: return ChatBubble::Role::Question;
        case bpm::message_kind::summary: return ChatBubble::Role::Summary;
        case bpm::message_kind::error: return ChatBubble::Role::Error;
        case bpm::message_kind::info:
        // Never shown: Answer hands them to the AI service or the offline summary instead.
        case bpm::message_kind::free_question:
        case bpm::message_kind::summary_request:
        case bpm::message_kind::save_request: break;
    }
    return ChatBubble::Role::Assistant;
}

// Bubbles leave this much of the log's width free, so the two sides read apart.
constexpr int side_margin = 48;

}  // namespace

ChatPanel::ChatPanel(wxWindow* parent, EditingContext& context)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "chat"), m_context(context) {
    SetName(_("Chat assistant"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    m_progress = new wxStaticText(this, wxID_ANY, wxString());
    m_progress->SetFont(m_progress->GetFont().Bold());
    m_progress->SetName(_("Interview progress"));
    sizer->Add(m_progress, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    m_aiIndicator = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxST_ELLIPSIZE_END);
    m_aiIndicator->SetFont(m_aiIndicator->GetFont().Smaller());
    sizer->Add(m_aiIndicator, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        if (GetClientSize().x - FromDIP(16) != m_progressWidth) CallAfter([this] { WrapProgress(); });
    });

    // Wraps onto a second line when the pane is narrow, rather than clipping a button.
    auto* actions = new wxWrapSizer(wxHORIZONTAL);
    m_continue = new wxButton(this, wxID_ANY, _("&Continue"), wxDefaultPosition, wxDefaultSize,
                              wxBU_EXACTFIT);
    m_continue->SetToolTip(_("Continue the interview for the persona selected in the list"));
    SetAccessibleName(m_continue, _("Continue the interview for the selected persona"));
    auto* newPersona = new wxButton(this, wxID_ANY, _("&New Persona"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    newPersona->SetToolTip(_("Start the interview for a new persona"));
    auto* restart = new wxButton(this, wxID_ANY, _("&Restart"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    restart->SetToolTip(_("Clear the conversation and start again from the welcome"));
    actions->Add(m_continue, 0, wxRIGHT | wxBOTTOM, 4);
    actions->Add(newPersona, 0, wxRIGHT | wxBOTTOM, 4);
    actions->Add(restart, 0, wxBOTTOM, 4);
    m_conversationButtons = {m_continue, newPersona, restart};
    m_newPersona = newPersona;
    sizer->Add(actions, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);

    m_log = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxBORDER_THEME);
    m_log->SetName(_("Conversation"));
    m_log->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    // Set, not left to the theme: each new bubble inherits it, where asking GTK for the default
    // font is a style look-up per bubble.
    m_log->SetFont(m_log->GetFont());
    m_log->SetScrollRate(0, 12);
    // Besides saying that the conversation scrolls: GTK's overlay scroll bar faded in and out
    // whenever the log scrolled to its end, redrawing the window at every frame for a second
    // (opening a map, every turn).
    KeepScrollBarsVisible(m_log);
    m_log->SetSizer(new wxBoxSizer(wxVERTICAL));
    sizer->Add(m_log, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);

    m_choiceSizer = new wxWrapSizer(wxHORIZONTAL);
    sizer->Add(m_choiceSizer, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 6);

    auto* inputRow = new wxBoxSizer(wxHORIZONTAL);
    m_input = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(-1, FromDIP(56)),
                             wxTE_MULTILINE | wxTE_WORDWRAP);
    m_input->SetName(_("Your answer"));
    m_send = new wxButton(this, wxID_ANY, _("&Send"));
    // Takes the place of Send while the AI service writes, as the one thing to press then.
    m_stop = new wxButton(this, wxID_ANY, _("S&top"));
    m_stop->SetToolTip(_("Stop the AI assistant (Esc)"));
    m_stop->Hide();
    inputRow->Add(m_input, 1, wxEXPAND | wxRIGHT, 4);
    inputRow->Add(m_send, 0, wxALIGN_BOTTOM);
    inputRow->Add(m_stop, 0, wxALIGN_BOTTOM);
    sizer->Add(inputRow, 0, wxEXPAND | wxALL, 6);
    SetSizer(sizer);

    m_streamTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { ShowStreamed(); });
    m_input->Bind(wxEVT_KEY_DOWN, &ChatPanel::OnInputKey, this);
    m_send->Bind(wxEVT_BUTTON, &ChatPanel::OnSend, this);
    m_stop->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StopAi(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE && m_stop->IsShown()) StopAi();
        else event.Skip();
    });
    m_continue->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!m_selectedPersona.empty()) ContinuePersona(m_selectedPersona);
    });
    newPersona->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StartNewPersona(); });
    restart->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Restart(); });
    m_log->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        CallAfter([this] { RewrapBubbles(); });
    });
    // Whether the reader is at the end of the conversation, as they left it: a log made shorter or
    // narrower (taller bubbles) then still shows its end.
    for (const auto type : {wxEVT_SCROLLWIN_TOP, wxEVT_SCROLLWIN_BOTTOM, wxEVT_SCROLLWIN_LINEUP, wxEVT_SCROLLWIN_LINEDOWN,
                            wxEVT_SCROLLWIN_PAGEUP, wxEVT_SCROLLWIN_PAGEDOWN, wxEVT_SCROLLWIN_THUMBTRACK,
                            wxEVT_SCROLLWIN_THUMBRELEASE})
        m_log->Bind(type, [this](wxScrollWinEvent& event) {
            event.Skip();
            CallAfter([this] { m_followingEnd = IsScrolledToEnd(); });
        });
    // Words measured at another resolution or in another theme's fonts have other widths.
    const auto remeasure = [this](wxEvent& event) {
        event.Skip();
        m_textWidths->Clear();
        RewrapBubbles(true);
    };
    Bind(wxEVT_DPI_CHANGED, remeasure);
    Bind(wxEVT_SYS_COLOUR_CHANGED, remeasure);

    SetDocument(nullptr);
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

ChatPanel::~ChatPanel() = default;

void ChatPanel::OnNotice(const EditingContext::Notice& notice) {
    // Another map, or the same map replaced by Revert: a conversation about the old contents
    // cannot go on.
    if (notice.Has(EditingContext::DocumentChanged)) {
        SetDocument(m_context.GetDocument());
    } else if (notice.Has(EditingContext::ReadOnlyChanged)) {
        // Saved as an editable copy: the conversation can begin.
        Restart();
    } else if (notice.Has(EditingContext::Edited) && !m_answering && !m_changePending) {
        // Our own answers are not news to the interview; anything else is looked at once the
        // edit (a grid paste, an undo from the menu) has finished.
        m_changePending = true;
        CallAfter(&ChatPanel::OnDocumentChanged);
    }
    if (notice.Has(EditingContext::PersonaChanged)) SetSelectedPersona(m_context.GetPersonaId());
}

void ChatPanel::SetDocument(BpmDocument* doc) {
    m_doc = doc;
    Enable(doc != nullptr);
    Restart();
}

void ChatPanel::Restart() {
    ++m_conversation;
    StopAi();
    EndStream();
    // A summary the AI was writing goes with its conversation: its end no longer clears the draft.
    if (!m_context.GetSummaryDraftPersonaId().empty()) m_context.ShowSummaryDraft(std::string(), wxString());
    for (ChatBubble* b : m_bubbles) b->Destroy();
    m_bubbles.clear();
    m_log->GetSizer()->Clear();
    m_lastFocusPersona.clear();
    m_lastFocusStage.clear();
    m_interview = m_doc ? std::make_unique<bpm::interview>(m_doc->History()) : nullptr;
    UpdateAiState();
    if (m_interview && !HasMap()) {
        ShowReadOnlyNote();
    } else if (m_interview) {
        ShowMessages(m_interview->start());
    } else {
        ShowChoices({});
        SetProgress(_("Open or create a map to talk with the assistant."));
    }
}

bool ChatPanel::HasMap() const { return m_doc != nullptr && !m_doc->IsReadOnly(); }

void ChatPanel::ShowReadOnlyNote() {
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::Assistant,
                             _("This map is open read-only, so I cannot fill it in. File \u25B8 Save As saves a copy "
                               "you can edit, and then we can carry on.")));
    ShowChoices({});
    m_log->GetSizer()->AddSpacer(6);
    m_log->FitInside();
    // TRANSLATORS: the assistant's heading while the map shown cannot be changed
    SetProgress(_("Read-only map"));
}

void ChatPanel::ContinuePersona(const std::string& personaId) {
    if (HasMap()) ShowMessages(m_interview->continue_persona(personaId));
}

void ChatPanel::StartNewPersona() {
    if (HasMap()) ShowMessages(m_interview->new_persona());
}

void ChatPanel::SetSelectedPersona(const std::string& personaId) {
    m_selectedPersona = personaId;
    m_continue->Enable(CanContinue());
    if (const bpm::persona* p = FindPersona(personaId))
        m_continue->SetToolTip(FormatText(_("Continue the interview for {1}"), p->name));
}

void ChatPanel::Focus(const std::string& personaId, const std::string& stageId) {
    m_context.SelectPersona(personaId);
    if (stageId.empty()) return;
    m_context.ShowPage(EditingContext::Page::Stages);
    m_context.SelectStage(stageId);
}

void ChatPanel::SendAnswer(const wxString& text) { Answer(text, text); }

void ChatPanel::Answer(const wxString& shown, const wxString& answer) {
    if (!HasMap() || m_stream) return;
    m_doc->CommitPendingEdits();
    AddBubble(new ChatBubble(m_log, ChatBubble::Role::User, shown));
    m_answering = true;
    std::vector<bpm::message> reply = m_interview->answer(ToUtf8(answer));
    m_answering = false;
    if (reply.size() == 1 && reply.front().kind == bpm::message_kind::free_question)
        return AnswerFreeQuestion(reply.front().text);
    if (reply.size() == 1 && reply.front().kind == bpm::message_kind::summary_request)
        return AnswerSummaryRequest(reply.front().text);
    if (reply.size() == 1 && reply.front().kind == bpm::message_kind::save_request) return AnswerSaveRequest();
    ShowMessages(reply);
}

void ChatPanel::AnswerSaveRequest() {
    // The closing message says "saved" only when the map is on disk as it is now.
    const bool saved = m_doc->Save() && !m_doc->IsModified();
    ShowMessages(saved ? m_interview->map_saved(ToUtf8(m_doc->GetFilename()))
                       // TRANSLATORS: ends "The map is not saved yet: ..."
                       : m_interview->map_not_saved(ToUtf8(_("choose File \u25B8 Save to keep it"))));
}

void ChatPanel::ShowMessages(const std::vector<bpm::message>& messages) {
    std::vector<bpm::choice> choices;
    for (const bpm::message& m : messages) {
        AddBubble(new ChatBubble(m_log, RoleOf(m.kind), ToWx(m.text), ToWx(m.hint)));
        if (m.kind == bpm::message_kind::question) choices = m.choices;
    }
    ShowChoices(choices);
    AfterTurn();
}

int ChatPanel::BubbleWidth() const { return std::max(160, m_log->GetClientSize().x - side_margin); }

void ChatPanel::AddBubble(ChatBubble* bubble) {
    bubble->Rewrap(BubbleWidth(), m_textWidths);
    const int side = bubble->GetRole() == ChatBubble::Role::User ? wxALIGN_RIGHT : wxALIGN_LEFT;
    m_log->GetSizer()->Add(bubble, 0, side | wxLEFT | wxRIGHT | wxTOP, 6);
    m_bubbles.push_back(bubble);
}

void ChatPanel::ShowChoices(const std::vector<bpm::choice>& choices) {
    std::vector<Action> actions;
    for (const bpm::choice& c : choices) {
        const wxString label = ToWx(c.label), answer = ToWx(c.answer);
        // The clicked button had the keyboard and is gone with the answer: the next answer is
        // typed in the input, so the keyboard goes back there.
        actions.push_back({label, [this, label, answer] {
                               Answer(label, answer);
                               if (m_input->IsEnabled()) m_input->SetFocus();
                           }});
    }
    ShowActions(actions);
}

void ChatPanel::ShowActions(const std::vector<Action>& actions) {
    for (wxButton* b : m_choiceButtons) b->Destroy();
    m_choiceButtons.clear();
    m_choiceSizer->Clear();
    for (const Action& a : actions) {
        auto* button = new wxButton(this, wxID_ANY, a.label);
        // After the click: the action destroys this button.
        button->Bind(wxEVT_BUTTON, [this, run = a.run](wxCommandEvent&) { CallAfter(run); });
        m_choiceSizer->Add(button, 0, wxRIGHT | wxBOTTOM, 4);
        m_choiceButtons.push_back(button);
    }
    // Tab from the input reaches the choices next.
    if (!m_choiceButtons.empty()) m_choiceButtons.front()->MoveAfterInTabOrder(m_input);
}

void ChatPanel::AfterTurn() {
    m_log->GetSizer()->AddSpacer(6);
    m_log->FitInside();
    Layout();
    ScrollToEnd();
    UpdateHeader();
    const std::string& persona = m_interview->persona_id();
    const std::string& stage = m_interview->stage_id();
    if (!persona.empty() && (persona != m_lastFocusPersona || stage != m_lastFocusStage)) {
        m_lastFocusPersona = persona;
        m_lastFocusStage = stage;
        Focus(persona, stage);
    }
}

void ChatPanel::UpdateHeader() { SetProgress(ToWx(m_interview->progress_text())); }

void ChatPanel::SetProgress(const wxString& text) {
    // Relabelling makes GTK lay the whole window out again; most turns keep the line.
    if (text == m_progressText) return;
    m_progressText = text;
    WrapProgress();
}

void ChatPanel::WrapProgress() {
    // Phase, persona and stage all matter; in a narrow pane the line wraps instead of losing the stage.
    m_progressWidth = GetClientSize().x - FromDIP(16);
    m_progress->SetLabelText(m_progressText);
    if (m_progressWidth > 0) m_progress->Wrap(m_progressWidth);
    Layout();
}

void ChatPanel::RemoveBubble(ChatBubble* bubble) {
    m_bubbles.erase(std::remove(m_bubbles.begin(), m_bubbles.end(), bubble), m_bubbles.end());
    m_log->GetSizer()->Detach(bubble);
    bubble->Destroy();
}

void ChatPanel::RewrapBubbles(bool remeasured) {
    // The log grows taller with every turn; only another width wraps a bubble differently, and
    // rewrapping the whole conversation on every turn grew with its length.
    const int width = BubbleWidth();
    if (!remeasured &&
        std::all_of(m_bubbles.begin(), m_bubbles.end(), [width](ChatBubble* b) { return b->GetWrapWidth() == width; })) {
        if (m_followingEnd) ScrollToEnd();
        return;
    }
    m_log->Freeze();
    for (ChatBubble* b : m_bubbles)
        if (remeasured || b->GetWrapWidth() != width) b->Rewrap(width, m_textWidths);
    m_log->FitInside();
    m_log->Layout();
    m_log->Thaw();
    if (m_followingEnd) ScrollToEnd();
}

bool ChatPanel::IsScrolledToEnd() const {
    int unitX = 1, unitY = 1;
    m_log->GetScrollPixelsPerUnit(&unitX, &unitY);
    const int shownTo = m_log->GetViewStart().y * std::max(unitY, 1) + m_log->GetClientSize().y;
    return shownTo + std::max(unitY, 1) >= m_log->GetVirtualSize().y;
}

void ChatPanel::ScrollToEnd() {
    m_followingEnd = true;
    int x = 0, y = 0;
    m_log->GetVirtualSize(&x, &y);
    int unitX = 1, unitY = 1;
    m_log->GetScrollPixelsPerUnit(&unitX, &unitY);
    m_log->Scroll(0, unitY > 0 ? y / unitY : 0);
}

void ChatPanel::OnDocumentChanged() {
    m_changePending = false;
    if (!m_doc) return;
    const std::vector<bpm::message> reply = m_interview->document_changed();
    if (!reply.empty()) ShowMessages(reply);
    else UpdateHeader();
}

void ChatPanel::OnInputKey(wxKeyEvent& event) {
    const int key = event.GetKeyCode();
    if ((key == WXK_RETURN || key == WXK_NUMPAD_ENTER) && !event.ShiftDown()) {
        wxCommandEvent send;
        OnSend(send);
        return;
    }
    // Up and Down walk through earlier answers while the box holds nothing typed anew.
    const bool showingRecalled = m_recall < m_sent.size() && m_input->GetValue() == m_sent[m_recall];
    if (key == WXK_UP && (m_input->IsEmpty() || showingRecalled) && m_recall > 0) {
        m_input->ChangeValue(m_sent[--m_recall]);
        m_input->SetInsertionPointEnd();
        return;
    }
    if (key == WXK_DOWN && showingRecalled) {
        ++m_recall;
        m_input->ChangeValue(m_recall < m_sent.size() ? m_sent[m_recall] : wxString());
        m_input->SetInsertionPointEnd();
        return;
    }
    event.Skip();
}

void ChatPanel::OnSend(wxCommandEvent&) {
    const wxString text = m_input->GetValue();
    m_input->Clear();
    if (!text.Strip(wxString::both).empty()) m_sent.push_back(text);
    m_recall = m_sent.size();
    SendAnswer(text);
    m_input->SetFocus();
}

std::vector<wxString> ChatPanel::Transcript() const {
    std::vector<wxString> out;
    for (const ChatBubble* b : m_bubbles) out.push_back(b->GetText());
    return out;
}

std::vector<wxButton*> ChatPanel::ChoiceButtons() const { return m_choiceButtons; }
