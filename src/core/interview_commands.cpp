// The commands a user can type at any question (back, skip, undo, redo) and how the interview
// follows changes made elsewhere.
#include "bpm/interview.h"

#include "bpm/tr.h"

namespace bpm {

namespace {

message info(std::string text) { return message{message_kind::info, std::move(text), {}, {}}; }
message error(std::string text) { return message{message_kind::error, std::move(text), {}, {}}; }

}  // namespace

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
        out.push_back(info(format(_("I see {1} of {2} is filled in now."), stage_field_title(*field), s->name)));
    advance(out);
    return out;
}

}  // namespace bpm
