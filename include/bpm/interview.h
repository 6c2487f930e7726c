#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bpm/history.h"
#include "bpm/model.h"

namespace bpm {

/// What a message of the assistant is for, so a face can style it. Two kinds are no text to show
/// but requests the face answers. A free_question's text is a question the user asked, for the
/// face to answer with the language model (the open question stays open; show the answer, then
/// repeat_question()). A summary_request's text is the id of the persona the user wants a summary
/// of: the face writes it (the offline template_summary, or with the language model) and answers
/// with provide_summary, summary_failed or summary_cancelled; the interview waits until then. A
/// save_request (no text) comes when the user says they are done: the face saves the map (Save, or
/// Save As for a map never saved) and answers with map_saved or map_not_saved, so the closing
/// message never claims a save that did not happen.
enum class message_kind { question, info, error, summary, free_question, summary_request, save_request };

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

/// A persona or stage name as the assistant says it inside a sentence: on one line, without the
/// full stop or other closing mark it was typed with ("a sales manager." gives "a sales manager"),
/// which would clash with the sentence's own punctuation. An ellipsis stays.
std::string name_in_sentence(std::string_view name);

/// Whether the face shows the document beside the conversation (the GUI) or not (a terminal);
/// the review step's wording, and how it says to change a pain point's category, depend on it.
enum class interview_face { beside_document, terminal };

/// The guided conversation of the spec (Phases 1-6) as a state machine over a document's
/// history: every answer becomes one undoable step, and each turn reads the document again, so
/// fields filled elsewhere are not asked for.
class interview {
public:
    /// An interview editing the document behind h, which must outlive it.
    explicit interview(history& h, interview_face face = interview_face::beside_document);

    /// Says an AI assistant answers free questions and may write summaries, named as the user
    /// sees it ("The AI assistant at example.com"); "" means offline.
    void set_ai_assistant(std::string name) { ai_name_ = std::move(name); }

    /// The welcome, then an offer to continue an unfinished persona or the first question.
    std::vector<message> start();
    /// Continues the interview for a persona of the document at its first open question.
    std::vector<message> continue_persona(const std::string& persona_id);
    /// Starts defining a new persona.
    std::vector<message> new_persona();

    /// Takes one answer or command (back, skip, undo, redo, help, status) and replies. With an AI
    /// assistant set, a question for the AI comes back as one free_question message, answering
    /// nothing: text starting with "ask:", or ending in '?' with more than one word when the open
    /// question offers choices or, for a free-text question, when it starts with a question word
    /// ("what", "how"...). Sent again right away, the same text is taken as the answer. Without an
    /// AI assistant, only "ask:" is special: it says the AI assistant is off and asks again. A yes
    /// to the summary offer comes back as one summary_request message.
    std::vector<message> answer(std::string_view text);

    /// Answers a summary_request with the summary written by source (as template_summary or
    /// write_ai_summary gives it): stores it as the persona's (one undo step), shows it and asks
    /// the next question. When the map changed meanwhile so that the offer no longer stands,
    /// stores nothing and says so.
    std::vector<message> provide_summary(std::string text, summary_source source);
    /// Answers a summary_request the AI assistant could not write (why: "the service timed
    /// out"): stores the offline summary instead, saying why, as provide_summary does.
    std::vector<message> summary_failed(std::string_view why);
    /// Answers a summary_request the user stopped the AI assistant writing: as summary_failed.
    std::vector<message> summary_cancelled();

    /// Answers a save_request: the map is saved at where (a file path). Gives the closing message
    /// and says where.
    std::vector<message> map_saved(std::string_view where);
    /// Answers a save_request the face could not carry out (why: "choose File > Save to keep it",
    /// or the save's error): the closing message says the map is not saved yet, and why.
    std::vector<message> map_not_saved(std::string_view why);

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
    bool take_summary_request(std::vector<message>& out);
    void store_summary(std::string text, summary_source source, std::vector<message>& out);
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
    /// The category each pain point got, and how to change it.
    message filed_pain_points() const;

    history& history_;
    interview_face face_;
    std::string ai_name_;  // "" when offline

    step step_ = step::none;
    std::string stage_id_;
    std::string persona_id_;
    std::string resume_id_;           // the persona offered by "Continue mapping X?"
    std::vector<position> asked_;     // questions answered or skipped, for back
    std::deque<position> forced_;     // questions to ask even though filled (back, adjust)
    std::set<position> skipped_;
    bool custom_stages_ = false;      // "custom" chosen; the count comes next
    bool summary_answered_ = false;
    bool summary_requested_ = false;  // a summary_request waits for its answer
    bool review_answered_ = false;
    bool adjusting_ = false;          // "adjust" chosen; which part comes next
    bool another_answered_ = false;
    bool busy_ = false;               // inside answer(): our own edits are not news
    std::string last_free_question_;  // sent to the AI just now; sent again, it is an answer
};

}  // namespace bpm
