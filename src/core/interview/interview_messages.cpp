// The interview's wording: its questions, help, status and progress line.
#include "bpm/interview.h"

#include <algorithm>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// An answer quoted inside brackets, as the user wrote it but on one line: a sentence's full stop
// goes, since the bracket closes it ("(...: She misses the forecast)"); an ellipsis stays.
std::string in_brackets(std::string_view answer) {
    std::string s = one_line_excerpt(answer, 120);
    if (s.size() > 1 && s.back() == '.' && s[s.size() - 2] != '.') s.pop_back();
    return s;
}

choice option(std::string label, std::string answer) { return choice{std::move(label), std::move(answer)}; }

// The pain points one a line, each after its category and a colon, where a phrase or a whole
// sentence reads as well (joined with "; ", a sentence's full stop would run into the semicolon).
std::string pain_point_lines(const persona& p, std::string_view lead) {
    std::string out;
    for (const pain_point& point : p.pain_points) {
        if (!out.empty()) out += '\n';
        const std::string category =
            point.category == pain_category::none ? _("No category") : pain_category_title(point.category);
        // TRANSLATORS: a pain point after its category, "Financial: too expensive"
        out += std::string(lead) + format(_("{1}: {2}"), category, one_line_excerpt(point.text, 200));
    }
    return out;
}

}  // namespace

std::string name_in_sentence(std::string_view name) {
    std::string s = one_line_excerpt(name, 200);
    while (s.size() > 1 && std::string_view(".!?;:,").find(s.back()) != std::string_view::npos &&
           !(s.back() == '.' && s[s.size() - 2] == '.'))
        s.pop_back();
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::string interview_phase_title(interview_phase p) {
    switch (p) {
        case interview_phase::introduction: return _("Introduction");
        case interview_phase::persona: return _("Define buyer persona");
        case interview_phase::stages: return _("Map buying stages");
        case interview_phase::seller_alignment: return _("Align seller actions and content");
        case interview_phase::summary: return _("Summary");
        case interview_phase::review: return _("Review and finish");
        case interview_phase::finished: return _("Finished");
    }
    return {};
}

interview_phase interview::phase() const {
    switch (step_) {
        case step::none:
        case step::resume_offer: return interview_phase::introduction;
        case step::persona_name:
        case step::pain_points: return interview_phase::persona;
        case step::stage_approach:
        case step::stage_count:
        case step::stage_name:
        case step::buyer_actions:
        case step::duration:
        case step::key_influencers: return interview_phase::stages;
        case step::seller_actions:
        case step::content_type:
        case step::key_message: return interview_phase::seller_alignment;
        case step::summary_offer: return interview_phase::summary;
        case step::review:
        case step::adjust_choice:
        case step::another: return interview_phase::review;
        case step::finished: return interview_phase::finished;
    }
    return interview_phase::introduction;
}

std::string interview::progress_text() const {
    const interview_phase ph = phase();
    if (ph == interview_phase::finished) return interview_phase_title(ph);
    std::string out = format(_("Phase {1} of 6 · {2}"), std::to_string(static_cast<int>(ph) + 1),
                             interview_phase_title(ph));
    const persona* p = current_persona();
    if (p && !p->name.empty()) out += " · " + one_line_excerpt(p->name, 60);
    const std::size_t i = p ? p->find_stage(stage_id_) : npos;
    if (i != npos)
        // TRANSLATORS: the stage the interview is at: its name, then its position, e.g. "Awareness (1 of 3)"
        out += " · " + format(_("{1} ({2} of {3})"), one_line_excerpt(p->stages[i].name, 60), std::to_string(i + 1),
                              std::to_string(p->stages.size()));
    return out;
}

std::string interview::current_value() const {
    const persona* p = current_persona();
    if (!p) return {};
    if (step_ == step::persona_name) return p->name;
    const stage* s = find_stage(stage_id_);
    const auto field = field_of(step_);
    return s && field ? s->field(*field) : std::string();
}

message interview::question() const {
    message m;
    m.kind = message_kind::question;
    const persona* p = current_persona();
    const std::string name = p ? name_in_sentence(p->name) : std::string();
    const stage* s = find_stage(stage_id_);
    const std::string stage_name = s ? name_in_sentence(s->name) : std::string();
    const std::vector<choice> yes_no = {option(_("Yes"), "yes"), option(_("No"), "no")};
    switch (step_) {
        case step::resume_offer: {
            const std::size_t i = history_.doc().find_persona(resume_id_);
            const persona& r = history_.doc().personas.at(i);
            m.text = format(_("Continue mapping {1}?"), name_in_sentence(r.name));
            m.hint = r.last_updated_at.empty()
                         ? format(_("{1} is not finished yet. Answer no to define a new persona."), name_in_sentence(r.name))
                         : format(_("{1} is not finished yet; it was last changed {2}. Answer no to define a new "
                                    "persona."),
                                  name_in_sentence(r.name), readable_timestamp(r.last_updated_at));
            m.choices = yes_no;
            break;
        }
        case step::persona_name:
            m.text = std::none_of(history_.doc().personas.begin(), history_.doc().personas.end(),
                                  [&](const persona& other) { return other.id != persona_id_; })
                         ? _("Let's begin by defining your first buyer persona. What is the name of this persona? "
                             "For example, 'Small Business Owner,' 'Enterprise IT Manager,' or 'Marketing "
                             "Director.'")
                         : _("Let's define another buyer persona. What is the name of this persona? For example, "
                             "'Small Business Owner,' 'Enterprise IT Manager,' or 'Marketing Director.'");
            break;
        case step::pain_points:
            m.text = format(_("Great! Now, for {1}, what are their primary pain points that your product or service "
                              "helps to solve? Think about the specific challenges, problems, or frustrations they "
                              "experience."),
                            name);
            m.hint = _("These could be financial pain points (e.g., 'too expensive'), productivity pain points "
                       "(e.g., 'wasting too much time'), process pain points (e.g., 'workflow is too complex'), or "
                       "support pain points (e.g., 'lack of proper assistance'). Separate several with ';', and "
                       "start one with its category to choose it yourself: 'Support: slow answers'.");
            break;
        case step::stage_approach:
            m.text = format(_("Now, let's map out the buying stages for {1}. The buyer's journey typically involves "
                              "distinct phases where the buyer's needs and actions evolve. Do you want to start with "
                              "a standard set of stages, such as 'Awareness,' 'Consideration,' and 'Decision,' or "
                              "would you prefer to customize them?"),
                            name);
            m.choices = {option(_("Standard"), "standard"), option(_("Customize"), "custom")};
            break;
        case step::stage_count:
            m.text = format(_("No problem. How many distinct buying stages do you identify for {1}?"), name);
            m.hint = _("A number from 1 to 12.");
            break;
        case step::stage_name: {
            const std::size_t i = p ? p->find_stage(stage_id_) : npos;
            m.text = format(_("What is the name of stage {1} of {2}?"), std::to_string(i + 1),
                            std::to_string(p ? p->stages.size() : 0));
            m.hint = _("For example, 'Problem Identification', 'Vendor Shortlisting' or 'Purchase'.");
            break;
        }
        case step::buyer_actions:
            m.text = format(_("First, what are the primary buyer actions or behaviors at this stage? What is {1} "
                              "doing, learning, or trying to achieve?"),
                            name);
            m.hint = _("For example, in 'Awareness,' they might be researching problems; in 'Consideration,' they "
                       "might be evaluating solutions.");
            break;
        case step::duration:
            m.text = format(_("Next, what is the typical duration of this stage for {1}? (e.g., '1-2 weeks,' '1 "
                              "month,' '3-6 months')"),
                            name);
            break;
        case step::key_influencers:
            m.text = format(_("Finally, who are the key influencers or decision-makers involved at this {1} stage? "
                              "This could be internal stakeholders, external consultants, or specific research "
                              "sources."),
                            stage_name);
            break;
        case step::seller_actions:
            m.text = s && !trim(s->buyer_actions).empty()
                         // TRANSLATORS: {1} is a stage's name, {2} the persona's; {3} is the buyer actions as
                         // the user typed them: a phrase or whole sentences, so it stands after the colon.
                         ? format(_("For the {1} stage (buyer actions of {2}: {3}), what are the primary seller "
                                    "actions your team should take?"),
                                  stage_name, name, in_brackets(s->buyer_actions))
                         : format(_("For the {1} stage, what are the primary seller actions your team should take?"),
                                  stage_name);
            m.hint = _("For example, 'Conduct discovery calls,' 'Provide product demos,' 'Send case studies'.");
            break;
        case step::content_type:
            m.text = format(_("What type of content (e.g., blog post, whitepaper, webinar, demo video, pricing sheet) "
                              "should be conveyed to {1} at this {2} stage?"),
                            name, stage_name);
            break;
        case step::key_message:
            m.text = format(_("What is the key message or desired outcome you want to convey with this content at the "
                              "{1} stage?"),
                            stage_name);
            break;
        case step::summary_offer:
            m.text = p && p->summary
                         ? format(_("Would you like me to update the summary for {1} with your changes?"),
                                  name)
                         : format(_("We've gathered all the details of the buying process for {1}! Would you like "
                                    "me to generate a summary of this persona's journey, highlighting the alignment "
                                    "between their actions, your seller's efforts, and your content at each stage?"),
                                  name);
            m.choices = yes_no;
            break;
        case step::review:
            m.text = _("Are you satisfied with this persona's buying process, or would you like to make any "
                       "adjustments?");
            m.choices = {option(_("Satisfied"), "satisfied"), option(_("Adjust"), "adjust")};
            break;
        case step::adjust_choice:
            m.text = _("What would you like to adjust?");
            if (face_ == interview_face::beside_document)
                // TRANSLATORS: Persona and Buying Stages are the names of tabs in the main window
                m.hint = _("You can also change anything directly on the Persona and Buying Stages tabs.");
            m.choices = {option(_("Persona name"), "name"), option(_("Pain points"), "pain points"),
                         option(_("Stage names"), "stages"),
                         option(_("Buyer actions, durations and influencers"), "buyer"),
                         option(_("Seller actions, content and key messages"), "seller")};
            break;
        case step::another:
            m.text = _("Would you like to define another buyer persona's buying process now, or are we done for "
                       "today?");
            m.choices = {option(_("Add New Persona"), "new"), option(_("Done"), "done")};
            break;
        case step::none:
        case step::finished: break;
    }
    const bool revisiting = !forced_.empty() && forced_.front() == position{step_, stage_id_};
    const std::string value = current_value();
    if (revisiting && step_ == step::pain_points && p && !p->pain_points.empty())
        m.hint = _("Type new pain points, or 'skip' to keep these:") + '\n' + pain_point_lines(*p, "• ");
    else if (revisiting && !trim(value).empty())
        // TRANSLATORS: {1} is the answer given before, as the user typed it: it ends the line
        m.hint = format(_("Type a new answer, or 'skip' to keep the current one: {1}"), one_line_excerpt(value, 160));
    return m;
}

message interview::help() const {
    std::string text = _("Answer in your own words; one answer per message. You can also type:");
    text += '\n';
    text += "• " + _("back: return to the previous question (what you entered stays until you answer again)");
    text += '\n';
    text += "• " + _("skip: leave this question for now and move on");
    text += '\n';
    text += "• " + _("undo, redo: take back or restore the last change to the map");
    text += '\n';
    text += "• " + _("status: show what has been captured so far");
    text += '\n';
    if (!ai_name_.empty()) {
        text += "• " + _("ask: QUESTION: ask the AI assistant; a question ending in '?' works too (send it twice "
                         "to keep it as your answer)");
        text += '\n';
    }
    text += "• " + _("help: show this list");
    return message{message_kind::info, text, {}, {}};
}

message interview::filed_pain_points() const {
    const persona& p = *current_persona();
    std::string text = _n("Here is the category I gave the pain point:",
                          "Here are the categories I gave the pain points:", p.pain_points.size());
    text += '\n' + pain_point_lines(p, "• ") + '\n';
    if (face_ == interview_face::beside_document)
        // TRANSLATORS: Persona is the name of a tab of the main window, Category an item of the menu of a
        // pain point's tag; the categories in the example answer are the translated category titles
        text += _("To change a category, right-click the pain point's tag on the Persona tab and choose one under "
                  "Category, or type 'back' and answer again, starting each pain point with its category, such as "
                  "'Financial: too expensive; Other: bad coffee'.");
    else
        // TRANSLATORS: the categories in the example answer are the translated category titles
        text += _("To change a category, type 'back' and answer again, starting each pain point with its category, "
                  "such as 'Financial: too expensive; Other: bad coffee'.");
    return message{message_kind::info, text, {}, {}};
}

message interview::status() const {
    const persona* p = current_persona();
    if (!p) return message{message_kind::info, _("No persona has been defined yet in this conversation."), {}, {}};
    const auto shown = [](const std::string& v) {
        return trim(v).empty() ? std::string("—") : one_line_excerpt(v, 200);
    };
    std::string text = format(_("Persona: {1}"), p->name);
    if (p->pain_points.empty())
        text += '\n' + format(_("Pain points: {1}"), "—");
    else
        text += '\n' + _("Pain points:") + '\n' + pain_point_lines(*p, "  ");
    for (std::size_t i = 0; i < p->stages.size(); ++i) {
        const stage& s = p->stages[i];
        text += '\n' + format(_("Stage {1}: {2}"), std::to_string(i + 1), shown(s.name));
        for (stage_field f : all_stage_fields)
            if (f != stage_field::name) text += "\n  " + stage_field_title(f) + ": " + shown(s.field(f));
    }
    if (p->stages.empty()) text += '\n' + _("No buying stages mapped yet.");
    text += '\n' + format(_("Summary: {1}"), p->summary ? _("written") : _("not yet"));
    text += '\n' + progress_text();
    return message{message_kind::info, text, {}, {}};
}

}  // namespace bpm
