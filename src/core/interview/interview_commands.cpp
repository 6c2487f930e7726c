// The commands a user can type at any question (back, skip, undo, redo, ask), and how the
// interview follows changes made elsewhere.
#include "bpm/interview.h"

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

message info(std::string text) { return message{message_kind::info, std::move(text), {}, {}}; }
message error(std::string text) { return message{message_kind::error, std::move(text), {}, {}}; }

// True when the first word of text (in lower case) is one of the space-separated words.
bool starts_with_one_of(std::string_view text, std::string_view words) {
    const std::string_view first = text.substr(0, text.find_first_of(" \t,'"));
    while (!words.empty()) {
        const std::size_t sp = words.find(' ');
        if (words.substr(0, sp) == first && !first.empty()) return true;
        if (sp == std::string_view::npos) break;
        words.remove_prefix(sp + 1);
    }
    return false;
}

}  // namespace

bool interview::route_free_question(const std::string& text, std::vector<message>& out) {
    const std::string lower = ascii_lower(text);
    std::optional<std::string> question;
    for (const std::string& prefix : {std::string("ask:"), ascii_lower(_("ask")) + ":"})
        if (!question && lower.compare(0, prefix.size(), prefix) == 0)
            question = std::string(trim(std::string_view(text).substr(prefix.size())));
    if (!question) {
        // A free-text answer may well end in '?' ("Still losing hours to reports?"), so there it
        // takes a question word too; an answer to choices never does.
        const bool free_text = field_of(step_) || step_ == step::persona_name || step_ == step::pain_points;
        const bool asks = !ai_name_.empty() && text.size() > 1 && text.back() == '?' &&
                          text.find(' ') != std::string::npos &&
                          (!free_text || starts_with_one_of(lower, "what how why which who when where should can could "
                                                                   "would is are do does any") ||
                           // TRANSLATORS: words that start a question, in lower case, separated by spaces
                           starts_with_one_of(lower, ascii_lower(_("what how why which who when where should can could "
                                                                   "would is are do does any"))));
        if (!asks || text == last_free_question_) {
            last_free_question_.clear();
            return false;
        }
        question = text;
    }
    if (question->empty()) {
        out.push_back(error(_("Type your question after 'ask:', such as 'ask: what makes a good key message?'")));
        ask(out);
        return true;
    }
    if (ai_name_.empty()) {
        out.push_back(error(face_ == interview_face::terminal
                                ? _("The AI assistant is off, so I can't answer questions. To switch it on, set "
                                    "BPMAP_AI_URL and BPMAP_AI_MODEL and start the interview with --ai.")
                                : _("The AI assistant is off, so I can't answer questions. You can switch it on in "
                                    "Preferences.")));
        ask(out);
        return true;
    }
    last_free_question_ = text;
    out.push_back(message{message_kind::free_question, std::move(*question), {}, {}});
    return true;
}

void interview::command_back(std::vector<message>& out) {
    while (!asked_.empty() && !exists(asked_.back())) asked_.pop_back();
    if (asked_.empty() || step_ == step::finished) {
        out.push_back(error(_("There is no earlier question to go back to.")));
        return ask(out);
    }
    const position p = asked_.back();
    asked_.pop_back();
    // Asked again even though it is answered; what was entered stays until a new answer replaces it.
    forced_.push_front(p);
    switch (p.what) {
        case step::stage_approach: custom_stages_ = false; break;
        case step::summary_offer: summary_answered_ = false; break;
        case step::review: review_answered_ = false; adjusting_ = false; break;
        case step::adjust_choice: adjusting_ = true; break;
        default: break;
    }
    advance(out);
}

void interview::command_skip(std::vector<message>& out) {
    switch (step_) {
        case step::persona_name:
            out.push_back(error(_("A persona needs a name before we can go on.")));
            return ask(out);
        case step::resume_offer:
            for (message& m : new_persona()) out.push_back(std::move(m));
            return;
        case step::summary_offer: summary_answered_ = true; break;
        case step::review: review_answered_ = true; break;
        case step::adjust_choice: adjusting_ = false; break;
        case step::another:
        case step::finished:
        case step::none:
            out.push_back(error(_("This question can't be skipped.")));
            return ask(out);
        default: break;
    }
    const position p{step_, stage_id_};
    answered();
    skipped_.insert(p);
    advance(out);
}

void interview::command_undo(bool redo, std::vector<message>& out) {
    const std::string what = redo ? history_.redo_description() : history_.undo_description();
    if (!(redo ? history_.redo() : history_.undo())) {
        out.push_back(error(redo ? _("There is nothing to redo.") : _("There is nothing to undo.")));
        return ask(out);
    }
    out.push_back(info(format(redo ? _("Redone: {1}.") : _("Undone: {1}."), what)));
    if (step_ == step::finished) return;
    if (step_ == step::resume_offer) return ask(out);
    advance(out);
}

std::vector<message> interview::document_changed() {
    if (busy_ || step_ == step::none || step_ == step::finished || step_ == step::resume_offer) return {};
    const position current{step_, stage_id_};
    const bool forced_here = !forced_.empty() && forced_.front() == current && exists(current);
    if (forced_here) return {};
    if (first_open() == current) return {};
    std::vector<message> out;
    const stage* s = find_stage(stage_id_);
    const auto field = field_of(step_);
    if (s && field && !needs_asking(current))
        out.push_back(info(
            // TRANSLATORS: {1} is a column of the stage grid ("Buyer Actions"), {2} a stage's name
            format(_("I see the {1} field of the {2} stage is filled in now."), stage_field_title(*field),
                   name_in_sentence(s->name))));
    advance(out);
    return out;
}

}  // namespace bpm
