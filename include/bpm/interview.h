#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/history.h"
#include "bpm/model.h"

namespace bpm {

/// What a message of the assistant is for, so a face can style it. A free_question is no text
/// to show: its text is a question the user asked, for the face to answer with the language model
/// (the open question stays open; show the answer, then repeat_question()).
enum class message_kind { question, info, error, summary, free_question };

/// An answer offered as a button: what it says, and the answer it sends.
struct choice {
    std::string label;
    std::string answer;

    bool operator==(const choice& o) const { return label == o.label && answer == o.answer; }
};

/// One message of the assistant.
struct message {
    message_kind kind = message_kind::info;
    std::string text;
    /// A secondary line under a question: examples of a good answer, or the current value.
    std::string hint;
    /// Answers offered as buttons (empty for free-text questions).
    std::vector<choice> choices;
};

/// The phases of the spec's conversation.
enum class interview_phase { introduction, persona, stages, seller_alignment, summary, review, finished };

/// "Define buyer persona", the translated title of a phase.
std::string interview_phase_title(interview_phase p);

/// Something that writes a persona's summary better than the offline template, such as an
/// LLM. The interview falls back to the template summary when it fails.
class summary_provider {
public:
    virtual ~summary_provider() = default;
    /// Shown to the user when the provider is used or fails ("the AI assistant at example.com").
    virtual std::string name() const = 0;
    /// The summary of p, or a problem describing why there is none.
    virtual result<std::string> summarise(const persona& p) = 0;
};

/// Whether the face shows the document beside the conversation (the GUI) or not (a terminal);
/// the review step's wording depends on it.
enum class interview_face { beside_document, terminal };

/// The guided conversation of the spec (Phases 1-6) as a state machine over a document's
/// history: every answer becomes one undoable step, and each turn reads the document again, so
/// fields filled elsewhere are not asked for.
class interview {
public:
    /// An interview editing the document behind h, which must outlive it.
    explicit interview(history& h, interview_face face = interview_face::beside_document);

    /// Uses provider (which must outlive the interview) for summaries; nullptr means offline.
    void set_summary_provider(summary_provider* provider) { provider_ = provider; }

    /// The welcome, then an offer to continue an unfinished persona or the first question.
    std::vector<message> start();
    /// Continues the interview for a persona of the document at its first open question.
    std::vector<message> continue_persona(const std::string& persona_id);
    /// Starts defining a new persona.
    std::vector<message> new_persona();

    /// Takes one answer or command (back, skip, undo, redo, help, status) and replies. With a
    /// provider set, a question for the AI comes back as one free_question message, answering
    /// nothing: text starting with "ask:", or ending in '?' with more than one word when the open
    /// question offers choices or, for a free-text question, when it starts with a question word
    /// ("what", "how"...). Sent again right away, the same text is taken as the answer. Without a
    /// provider, only "ask:" is special: it says the AI assistant is off and asks again.
    std::vector<message> answer(std::string_view text);

    /// True when answer(text) would have the summary provider write a summary now, so that a face
    /// can have the provider's text ready (written off its UI thread) before it answers.
    bool would_summarise(std::string_view text) const;

    /// Call when the document changed from elsewhere (the grid, the menu's Undo): if the open
    /// question is answered or gone, replies with the next one; otherwise returns nothing.
    std::vector<message> document_changed();

    /// The question waiting for an answer (kind question), again; nothing once finished.
    std::vector<message> repeat_question() const;

    /// True once the user said they are done.
    bool finished() const { return step_ == step::finished; }
    /// Where the conversation is.
    interview_phase phase() const;
    /// The persona being mapped ("" before it has a name).
    const std::string& persona_id() const { return persona_id_; }
    /// The stage the open question is about ("" when it is about no stage).
    const std::string& stage_id() const { return stage_id_; }
    /// "Phase 3 of 6 · Map buying stages · Awareness (1 of 3)", for a progress line.
    std::string progress_text() const;

private:
    enum class step {
        none,
        resume_offer,
        persona_name,
        pain_points,
        stage_approach,
        stage_count,
        stage_name,
        buyer_actions,
        duration,
        key_influencers,
        seller_actions,
        content_type,
        key_message,
        summary_offer,
        review,
        adjust_choice,
        another,
        finished,
    };
    struct position {
        step what = step::none;
        std::string stage_id;
        bool operator==(const position& o) const { return what == o.what && stage_id == o.stage_id; }
        bool operator<(const position& o) const {
            return what != o.what ? what < o.what : stage_id < o.stage_id;
        }
    };

    static std::optional<stage_field> field_of(step s);
    const persona* current_persona() const;
    const stage* find_stage(const std::string& stage_id) const;
    std::vector<position> sequence() const;
    bool needs_asking(const position& p) const;
    /// The first question of the sequence still needing an answer.
    position first_open() const;
    bool exists(const position& p) const;
    void advance(std::vector<message>& out);
    void go_to(const position& p, std::vector<message>& out, bool announce);
    void ask(std::vector<message>& out) const;
    message question() const;
    std::string current_value() const;
    void begin_persona(const std::string& persona_id);
    void reset_persona_state();

    void handle_answer(std::string_view text, std::vector<message>& out);
    void answered();
    void answer_persona_name(std::string_view text, std::vector<message>& out);
    void answer_pain_points(std::string_view text, std::vector<message>& out);
    void answer_stage_approach(std::string_view text, std::vector<message>& out);
    void answer_stage_count(std::string_view text, std::vector<message>& out);
    void answer_stage_field(std::string_view text, std::vector<message>& out);
    void answer_summary_offer(std::string_view text, std::vector<message>& out);
    void answer_review(std::string_view text, std::vector<message>& out);
    void answer_adjust_choice(std::string_view text, std::vector<message>& out);
    void answer_another(std::string_view text, std::vector<message>& out);
    void answer_resume_offer(std::string_view text, std::vector<message>& out);
    void replace_stages(const std::string& label, const std::vector<std::string>& names);

    void command_back(std::vector<message>& out);
    void command_skip(std::vector<message>& out);
    void command_undo(bool redo, std::vector<message>& out);
    bool route_free_question(const std::string& text, std::vector<message>& out);
    message help() const;
    message status() const;

    history& history_;
    interview_face face_;
    summary_provider* provider_ = nullptr;

    step step_ = step::none;
    std::string stage_id_;
    std::string persona_id_;
    std::string resume_id_;           // the persona offered by "Continue mapping X?"
    std::vector<position> asked_;     // questions answered or skipped, for back
    std::deque<position> forced_;     // questions to ask even though filled (back, adjust)
    std::set<position> skipped_;
    bool custom_stages_ = false;      // "custom" chosen; the count comes next
    bool summary_answered_ = false;
    bool review_answered_ = false;
    bool adjusting_ = false;          // "adjust" chosen; which part comes next
    bool another_answered_ = false;
    bool busy_ = false;               // inside answer(): our own edits are not news
    std::string last_free_question_;  // sent to the AI just now; sent again, it is an answer
};

}  // namespace bpm
