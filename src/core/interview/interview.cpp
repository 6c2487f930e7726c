#include "bpm/interview.h"

#include <algorithm>

#include "bpm/answers.h"
#include "bpm/duration.h"
#include "bpm/summary.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

message info(std::string text) { return message{message_kind::info, std::move(text), {}, {}}; }
message error(std::string text) { return message{message_kind::error, std::move(text), {}, {}}; }

// Yes or no, also as the number of the choice offered ("1. Yes / 2. No").
std::optional<bool> yes_no_answer(std::string_view text) {
    const std::string_view t = trim(text);
    if (t == "1") return true;
    if (t == "2") return false;
    return parse_yes_no(t);
}

bool is_command(const std::string& a, const char* english, const std::string& translated) {
    return a == english || a == ascii_lower(translated);
}

}  // namespace

interview::interview(history& h, interview_face face) : history_(h), face_(face) {}

// ---- where the conversation goes next -------------------------------------------------------

const persona* interview::current_persona() const {
    return persona_id_.empty() ? nullptr : history_.doc().persona_by_id(persona_id_);
}

const stage* interview::find_stage(const std::string& stage_id) const {
    const persona* p = current_persona();
    return p ? p->stage_by_id(stage_id) : nullptr;
}

std::vector<interview::position> interview::sequence() const {
    const persona* p = current_persona();
    if (!p) return {{step::persona_name, {}}};
    std::vector<position> seq = {{step::persona_name, {}}, {step::pain_points, {}}, {step::stage_approach, {}},
                                 {step::stage_count, {}}};
    for (const stage& s : p->stages) seq.push_back({step::stage_name, s.id});
    for (const stage& s : p->stages)
        for (step q : {step::buyer_actions, step::duration, step::key_influencers}) seq.push_back({q, s.id});
    for (const stage& s : p->stages)
        for (step q : {step::seller_actions, step::content_type, step::key_message}) seq.push_back({q, s.id});
    for (step q : {step::summary_offer, step::review, step::adjust_choice, step::another}) seq.push_back({q, {}});
    return seq;
}

std::optional<stage_field> interview::field_of(step s) {
    switch (s) {
        case step::stage_name: return stage_field::name;
        case step::buyer_actions: return stage_field::buyer_actions;
        case step::duration: return stage_field::duration;
        case step::key_influencers: return stage_field::key_influencers;
        case step::seller_actions: return stage_field::seller_actions;
        case step::content_type: return stage_field::content_type;
        case step::key_message: return stage_field::key_message;
        default: return std::nullopt;
    }
}

bool interview::exists(const position& p) const {
    if (p.stage_id.empty()) return p.what == step::persona_name || current_persona() != nullptr;
    return find_stage(p.stage_id) != nullptr;
}

bool interview::needs_asking(const position& p) const {
    const persona* per = current_persona();
    if (p.what == step::persona_name) return !per || trim(per->name).empty();
    if (!per || skipped_.count(p)) return false;
    switch (p.what) {
        case step::pain_points: return per->pain_points.empty();
        case step::stage_approach: return per->stages.empty() && !custom_stages_;
        case step::stage_count: return per->stages.empty() && custom_stages_;
        case step::summary_offer: return !summary_answered_;
        case step::review: return !review_answered_;
        case step::adjust_choice: return adjusting_;
        case step::another: return !another_answered_;
        default: break;
    }
    const stage* s = find_stage(p.stage_id);
    const auto field = field_of(p.what);
    if (!s || !field) return false;
    const std::string& text = s->field(*field);
    if (*field == stage_field::name)
        return trim(text).empty() || text == placeholder_stage_name(per->find_stage(s->id));
    return trim(text).empty();
}

void interview::advance(std::vector<message>& out) {
    while (!forced_.empty() && !exists(forced_.front())) forced_.pop_front();
    go_to(forced_.empty() ? first_open() : forced_.front(), out, true);
}

interview::position interview::first_open() const {
    for (const position& p : sequence())
        if (needs_asking(p)) return p;
    return {};
}

void interview::go_to(const position& next, std::vector<message>& out, bool announce) {
    const interview_phase before = phase();
    const std::string before_stage = stage_id_;
    step_ = next.what;
    stage_id_ = next.stage_id;
    summary_requested_ = false;
    const persona* p = current_persona();
    if (announce && p) {
        const std::string name = name_in_sentence(p->name);
        const interview_phase now = phase();
        const stage* s = find_stage(stage_id_);
        if (now == interview_phase::seller_alignment && before != now)
            // TRANSLATORS: {1} is the persona's name, which may be plural or end in s ("Head of Sales
            // Operations"): no possessive
            out.push_back(info(format(_("Excellent. Now that we have the stages defined, let's align your Seller "
                                        "Actions and Content Strategy with each buying stage of {1}."),
                                      name)));
        if (s && (step_ == step::buyer_actions || step_ == step::duration || step_ == step::key_influencers) &&
            (before_stage != stage_id_ || before != now))
            out.push_back(info(format(_("Let's focus on the {1} stage for {2}."), name_in_sentence(s->name), name)));
        if (step_ == step::review)
            out.push_back(info(face_ == interview_face::terminal
                                   ? format(_("We have now completed the comprehensive buying process mapping for "
                                              "{1}. Please review the details below to ensure accuracy and "
                                              "completeness."),
                                            name)
                                   // TRANSLATORS: Persona, Buying Stages and Summary are the names of tabs in
                                   // the main window; the panes around them can be moved, so no side is named
                                   : format(_("We have now completed the comprehensive buying process mapping for "
                                              "{1}. Please review all the details on the Persona, Buying Stages and "
                                              "Summary tabs to ensure accuracy and completeness."),
                                            name)));
        if (step_ == step::review && face_ == interview_face::terminal) out.push_back(status());
        // The review is behind us here (the user is satisfied, or skipped it), and "done" saves.
        if (step_ == step::another) out.push_back(info(_("I'll save the map when we're done.")));
    }
    ask(out);
}

void interview::ask(std::vector<message>& out) const {
    if (step_ == step::finished || step_ == step::none) return;
    out.push_back(question());
}

std::vector<message> interview::repeat_question() const {
    std::vector<message> out;
    ask(out);
    return out;
}

void interview::reset_persona_state() {
    asked_.clear();
    forced_.clear();
    skipped_.clear();
    custom_stages_ = false;
    summary_answered_ = false;
    summary_requested_ = false;
    review_answered_ = false;
    adjusting_ = false;
    another_answered_ = false;
}

void interview::begin_persona(const std::string& persona_id) {
    reset_persona_state();
    persona_id_ = persona_id;
    const persona* p = current_persona();
    // A persona that already has a summary was offered one before.
    summary_answered_ = p && p->summary.has_value();
}

// ---- starting ------------------------------------------------------------------------------

std::vector<message> interview::start() {
    std::vector<message> out;
    out.push_back(info(_("Hello! Welcome to the Buyer Persona Buying Process Mapping tool. This guided experience "
                         "will help us deeply understand your buyer personas' journeys – from their initial problem "
                         "awareness to their final purchase decision. By mapping these stages, we can align your "
                         "sales and marketing efforts to deliver the right message at the right time, ultimately "
                         "improving engagement and conversions.")));
    out.push_back(info(_("We'll cover key aspects such as what your buyers are doing at each stage, who influences "
                         "them, and what content and seller actions are most effective. This tailored approach helps "
                         "ensure your strategy is highly relevant and impactful.")));
    // Offer the unfinished persona touched last: that is where the user most likely stopped.
    const persona* open = nullptr;
    for (const persona& p : history_.doc().personas)
        if (p.status == persona_status::in_progress && (!open || p.last_updated_at > open->last_updated_at))
            open = &p;
    if (open) {
        resume_id_ = open->id;
        step_ = step::resume_offer;
        stage_id_.clear();
        ask(out);
    } else {
        for (message& m : new_persona()) out.push_back(std::move(m));
    }
    return out;
}

std::vector<message> interview::continue_persona(const std::string& persona_id) {
    std::vector<message> out;
    if (history_.doc().find_persona(persona_id) == npos) {
        out.push_back(error(_("That persona is no longer in the map.")));
        for (message& m : new_persona()) out.push_back(std::move(m));
        return out;
    }
    begin_persona(persona_id);
    step_ = step::none;
    out.push_back(info(format(_("Let's continue mapping {1}."), name_in_sentence(current_persona()->name))));
    advance(out);
    return out;
}

std::vector<message> interview::new_persona() {
    std::vector<message> out;
    begin_persona({});
    go_to({step::persona_name, {}}, out, false);
    return out;
}

// ---- answers -------------------------------------------------------------------------------

std::vector<message> interview::answer(std::string_view text) {
    if (step_ == step::none) return start();
    std::vector<message> out;
    busy_ = true;
    handle_answer(text, out);
    busy_ = false;
    return out;
}

void interview::handle_answer(std::string_view raw, std::vector<message>& out) {
    if (!is_valid_utf8(raw)) {
        out.push_back(error(_("That answer is not valid UTF-8 text. Please type it again.")));
        ask(out);
        return;
    }
    if (raw.size() > max_field_bytes) {
        out.push_back(error(format(_("That answer is {1} KB long; a field holds at most {2} KB."),
                                   std::to_string(raw.size() / 1024), std::to_string(max_field_bytes / 1024))));
        ask(out);
        return;
    }
    const std::string clean = strip_xml_invalid_chars(trim(raw));
    const std::string a = ascii_lower(clean);
    if (is_command(a, "back", _("back"))) return command_back(out);
    if (is_command(a, "skip", _("skip"))) return command_skip(out);
    if (is_command(a, "undo", _("undo"))) return command_undo(false, out);
    if (is_command(a, "redo", _("redo"))) return command_undo(true, out);
    if (is_command(a, "help", _("help")) || a == "?") {
        out.push_back(help());
        ask(out);
        return;
    }
    if (is_command(a, "status", _("status"))) {
        out.push_back(status());
        ask(out);
        return;
    }
    if (route_free_question(clean, out)) return;

    // The open question may have been answered or removed elsewhere since it was asked.
    if (step_ != step::finished && step_ != step::resume_offer && !exists({step_, stage_id_})) {
        out.push_back(error(_("The map changed and that question no longer applies.")));
        advance(out);
        return;
    }

    switch (step_) {
        case step::resume_offer: return answer_resume_offer(clean, out);
        case step::persona_name: return answer_persona_name(clean, out);
        case step::pain_points: return answer_pain_points(clean, out);
        case step::stage_approach: return answer_stage_approach(clean, out);
        case step::stage_count: return answer_stage_count(clean, out);
        case step::summary_offer: return answer_summary_offer(clean, out);
        case step::review: return answer_review(clean, out);
        case step::adjust_choice: return answer_adjust_choice(clean, out);
        case step::another: return answer_another(clean, out);
        case step::finished:
            if (parse_option(clean, {{"new", "new persona", "add new persona", "another", _("Add New Persona")}})) {
                for (message& m : new_persona()) out.push_back(std::move(m));
            } else {
                out.push_back(info(_("We're done for today. Type 'new' to define another persona.")));
            }
            return;
        case step::none: return;
        default: return answer_stage_field(clean, out);
    }
}

void interview::answered() {
    const position p{step_, stage_id_};
    if (!forced_.empty() && forced_.front() == p) forced_.pop_front();
    skipped_.erase(p);
    asked_.push_back(p);
}

void interview::answer_resume_offer(std::string_view text, std::vector<message>& out) {
    const auto yes = yes_no_answer(text);
    if (!yes) {
        out.push_back(error(_("Please answer yes or no.")));
        return ask(out);
    }
    for (message& m : *yes ? continue_persona(resume_id_) : new_persona()) out.push_back(std::move(m));
}

void interview::answer_persona_name(std::string_view text, std::vector<message>& out) {
    if (text.empty()) {
        out.push_back(error(_("A persona needs a name. For example, 'Marketing Director'.")));
        return ask(out);
    }
    const document& doc = history_.doc();
    for (const persona& other : doc.personas)
        if (other.id != persona_id_ && other.name == text) {
            out.push_back(error(format(
                _("There is already a persona called {1} in this map. Please give this one a different name."),
                name_in_sentence(other.name))));
            return ask(out);
        }
    if (current_persona()) {
        history_.submit(set_persona_field(persona_id_, persona_field::name, std::string(text)));
    } else {
        persona p;
        p.id = doc.new_persona_id();
        p.name = std::string(text);
        const std::string id = p.id;
        history_.submit(insert_persona(doc.personas.size(), std::move(p)));
        persona_id_ = id;
    }
    answered();
    advance(out);
}

void interview::answer_pain_points(std::string_view text, std::vector<message>& out) {
    const std::vector<pain_point> points = parse_pain_points(text);
    if (points.empty()) {
        out.push_back(error(_("Please name at least one pain point (several separated by ';'), or type 'skip'.")));
        return ask(out);
    }
    const persona& p = *current_persona();
    batch edits(history_, format(_("Edit Pain Points of {1}"), p.name));
    for (std::size_t i = p.pain_points.size(); i-- > 0;) edits.submit(remove_pain_point(persona_id_, i));
    for (std::size_t i = 0; i < points.size(); ++i) edits.submit(insert_pain_point(persona_id_, i, points[i]));
    edits.push();
    answered();
    out.push_back(filed_pain_points());
    advance(out);
}

void interview::replace_stages(const std::string& label, const std::vector<std::string>& names) {
    const persona& p = *current_persona();
    std::vector<std::string> old;
    for (const stage& s : p.stages) old.push_back(s.id);
    batch edits(history_, label);
    // New stages first, so their ids never repeat the ones being replaced.
    for (const std::string& name : names) {
        stage s;
        s.id = edits.doc().new_stage_id();
        s.name = name;
        edits.submit(insert_stage(persona_id_, current_persona()->stages.size(), std::move(s)));
    }
    for (const std::string& id : old) edits.submit(remove_stage(persona_id_, id));
    edits.push();
}

void interview::answer_stage_approach(std::string_view text, std::vector<message>& out) {
    const auto option = parse_option(text, {{"standard", "standard stages", "std", "s", "default", _("Standard")},
                                            {"custom", "customize", "customise", "customized", "customised",
                                             "custom stages", "c", _("Customize")}});
    if (!option) {
        out.push_back(error(_("Please answer 'standard' for Awareness, Consideration and Decision, or 'custom' "
                              "to name your own stages.")));
        return ask(out);
    }
    const persona& p = *current_persona();
    if (*option == 0) {
        custom_stages_ = false;
        if (p.stages.empty())
            apply_standard_stages(history_, persona_id_);
        else
            replace_stages(_("Apply Standard Stages"), standard_stage_names());
        answered();
        out.push_back(info(_("Great. We'll pre-fill the stages with Awareness, Consideration, and Decision. For each "
                             "stage, we'll define what the buyer is doing, the typical duration, and key "
                             "influencers.")));
    } else {
        custom_stages_ = true;
        answered();
        // Answering again after stages exist: the count replaces them.
        if (!p.stages.empty()) forced_.push_front({step::stage_count, {}});
    }
    advance(out);
}

void interview::answer_stage_count(std::string_view text, std::vector<message>& out) {
    const auto count = parse_count(text);
    if (!count) {
        out.push_back(error(_("Please give the number of stages as a number from 1 to 12, such as 4.")));
        return ask(out);
    }
    if (*count < 1 || *count > 12) {
        out.push_back(error(format(_("{1} is out of range: a buying journey here has from 1 to 12 stages."),
                                   std::to_string(*count))));
        return ask(out);
    }
    std::vector<std::string> names;
    for (int i = 0; i < *count; ++i) names.push_back(placeholder_stage_name(static_cast<std::size_t>(i)));
    replace_stages(_("Add Custom Stages"), names);
    answered();
    out.push_back(info(format(_n("Okay, let's name this stage.", "Okay, let's name each of these {1} stages.",
                                 static_cast<unsigned long>(*count)),
                              std::to_string(*count))));
    advance(out);
}

void interview::answer_stage_field(std::string_view text, std::vector<message>& out) {
    const auto field = field_of(step_);
    if (!field) return;
    if (text.empty()) {
        out.push_back(error(_("Please type an answer, or 'skip' to leave this field empty for now.")));
        return ask(out);
    }
    history_.submit(set_stage_field(persona_id_, stage_id_, *field, std::string(text)));
    if (*field == stage_field::duration && !parse_duration(text))
        out.push_back(info(format(_("I'll keep '{1}' as you wrote it. I could not read it as a length of time, so "
                                    "it won't count towards the length of the whole cycle."),
                                  std::string(text))));
    answered();
    advance(out);
}

void interview::answer_summary_offer(std::string_view text, std::vector<message>& out) {
    const auto yes = yes_no_answer(text);
    if (!yes) {
        out.push_back(error(_("Please answer yes or no.")));
        return ask(out);
    }
    if (*yes) {
        // The face writes it, offline or with the AI; the offer stays open until it answers.
        summary_requested_ = true;
        out.push_back(message{message_kind::summary_request, persona_id_, {}, {}});
        return;
    }
    summary_answered_ = true;
    answered();
    advance(out);
}

std::vector<message> interview::provide_summary(std::string text, summary_source source) {
    std::vector<message> out;
    busy_ = true;
    if (take_summary_request(out)) store_summary(std::move(text), source, out);
    busy_ = false;
    return out;
}

std::vector<message> interview::summary_failed(std::string_view why) {
    std::vector<message> out;
    busy_ = true;
    if (take_summary_request(out)) {
        out.push_back(error(format(_("{1} could not write the summary: {2}. Here is the offline summary instead."),
                                   ai_name_, std::string(why))));
        store_summary(template_summary(*current_persona()), summary_source::template_text, out);
    }
    busy_ = false;
    return out;
}

std::vector<message> interview::summary_cancelled() {
    // TRANSLATORS: why the AI wrote no summary: the user stopped it
    return summary_failed(_("you stopped it"));
}

bool interview::take_summary_request(std::vector<message>& out) {
    // An edit meanwhile (the persona deleted, a field emptied) may have moved the interview on.
    const bool waiting = summary_requested_ && step_ == step::summary_offer && current_persona();
    summary_requested_ = false;
    if (!waiting) {
        out.push_back(error(_("The map changed while the summary was written, so it was not stored.")));
        ask(out);
    }
    return waiting;
}

void interview::store_summary(std::string text, summary_source source, std::vector<message>& out) {
    summary_answered_ = true;
    answered();
    out.push_back(info(format(_("Here's a summary for {1}:"), name_in_sentence(current_persona()->name))));
    out.push_back(message{message_kind::summary, text, {}, {}});
    out.push_back(info(_("This summary can be used as a foundation for your marketing and sales playbooks.")));
    history_.submit(set_summary(persona_id_, persona_summary{std::move(text), source, history_.now()}));
    advance(out);
}

void interview::answer_review(std::string_view text, std::vector<message>& out) {
    const auto option = parse_option(text, {{"satisfied", "yes", "y", "ok", "okay", "good", "looks good", "fine",
                                             "done", _("Satisfied")},
                                            {"adjust", "adjustments", "adjust it", "change", "edit", "no", "n",
                                             "make adjustments", _("Adjust")}});
    if (!option) {
        out.push_back(error(_("Please answer 'satisfied', or 'adjust' to change something.")));
        return ask(out);
    }
    review_answered_ = true;
    adjusting_ = *option == 1;
    // Satisfied is the persona finished: the list and the dashboard say so at once, not only
    // after the next question (another persona, or done) is answered.
    if (!adjusting_) history_.submit(set_status(persona_id_, persona_status::completed));
    answered();
    advance(out);
}

void interview::answer_adjust_choice(std::string_view text, std::vector<message>& out) {
    const auto option =
        parse_option(text, {{"name", "persona name", "persona", _("Persona name")},
                            {"pain points", "pains", "pain", _("Pain points")},
                            {"stages", "stage names", "names", _("Stage names")},
                            {"buyer", "buyer side", "buyer actions", _("Buyer actions, durations and influencers")},
                            {"seller", "seller side", "seller actions", "content",
                             _("Seller actions, content and key messages")}});
    if (!option) {
        out.push_back(error(_("Please pick one of the parts listed, by name or number.")));
        return ask(out);
    }
    const persona& p = *current_persona();
    adjusting_ = false;
    review_answered_ = false;
    summary_answered_ = false;
    answered();
    std::vector<position> part;
    if (*option == 0) part.push_back({step::persona_name, {}});
    if (*option == 1) part.push_back({step::pain_points, {}});
    if (*option >= 2 && p.stages.empty()) part.push_back({custom_stages_ ? step::stage_count : step::stage_approach, {}});
    for (const stage& s : p.stages) {
        if (*option == 2) part.push_back({step::stage_name, s.id});
        if (*option == 3)
            for (step q : {step::buyer_actions, step::duration, step::key_influencers}) part.push_back({q, s.id});
        if (*option == 4)
            for (step q : {step::seller_actions, step::content_type, step::key_message}) part.push_back({q, s.id});
    }
    for (const position& q : part) skipped_.erase(q);
    forced_.insert(forced_.begin(), part.begin(), part.end());
    out.push_back(info(_("Let's go through that again. Type a new answer, or 'skip' to keep the one you gave.")));
    advance(out);
}

void interview::answer_another(std::string_view text, std::vector<message>& out) {
    const auto option = parse_option(
        text, {{"new", "new persona", "add new persona", "another", "another persona", "yes", "y", _("Add New Persona")},
               {"done", "finish", "finished", "no", "n", "that's all", "we're done", _("Done")}});
    if (!option) {
        out.push_back(error(_("Please answer 'new' to define another persona, or 'done'.")));
        return ask(out);
    }
    history_.submit(set_status(persona_id_, persona_status::completed));
    another_answered_ = true;
    answered();
    if (*option == 0) {
        for (message& m : new_persona()) out.push_back(std::move(m));
        return;
    }
    step_ = step::finished;
    stage_id_.clear();
    // The face saves, then says how that went through map_saved or map_not_saved.
    out.push_back(message{message_kind::save_request, {}, {}, {}});
}

std::vector<message> interview::map_saved(std::string_view where) {
    return {info(_("Fantastic! All your defined buyer persona buying processes have been saved and are accessible in "
                   "your strategy dashboard. They are now ready to be used for aligning your marketing campaigns and "
                   "sales efforts.")),
            // TRANSLATORS: {1} is the path of the map file
            info(format(_("Saved to {1}."), std::string(where)))};
}

std::vector<message> interview::map_not_saved(std::string_view why) {
    // TRANSLATORS: {1} says why the map is not saved or what to do, "choose File > Save to keep it"
    return {info(format(_("All your defined buyer persona buying processes are in your strategy dashboard, ready to be "
                          "used for aligning your marketing campaigns and sales efforts. The map is not saved yet: {1}."),
                        std::string(why)))};
}

}  // namespace bpm
