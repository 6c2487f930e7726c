#define BOOST_TEST_MODULE interview
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "bpm/answers.h"
#include "bpm/bpm_file.h"
#include "bpm/interview.h"
#include "bpm/summary.h"
#include "bpm/utf8.h"
#include "test_support.h"

using namespace bpm;
namespace bdata = boost::unit_test::data;

namespace {

// A conversation over its own document, with a fixed clock so documents compare exactly.
struct chat {
    document doc;
    history h{doc};
    interview iv{h};
    std::vector<message> last;

    explicit chat(document start = {}) : doc(std::move(start)) {
        h.set_clock([] { return std::string("2027-03-01T09:00:00Z"); });
        last = iv.start();
    }
    // Sends each answer in turn, answering a summary request at once with the offline summary as
    // the faces do without an AI; keeps the replies to the last one.
    chat& say(std::initializer_list<std::string_view> answers) {
        for (std::string_view a : answers) {
            last = iv.answer(a);
            if (!last.empty() && last.back().kind == message_kind::summary_request)
                last = iv.provide_summary(template_summary(doc.personas.at(doc.find_persona(last.back().text))),
                                          summary_source::template_text);
            // The faces save when asked; this one pretends the save went through.
            if (!last.empty() && last.back().kind == message_kind::save_request) last = iv.map_saved("map.bpm");
        }
        return *this;
    }
    // The question the assistant is waiting on.
    const message& question() const {
        BOOST_REQUIRE(!last.empty());
        BOOST_REQUIRE(last.back().kind == message_kind::question);
        return last.back();
    }
    bool replied(message_kind kind, std::string_view part) const {
        for (const message& m : last)
            if (m.kind == kind && m.text.find(part) != std::string::npos) return true;
        return false;
    }
    const persona& p(std::size_t i = 0) const { return doc.personas.at(i); }
};

const std::initializer_list<std::string_view> standard_answers = {
    "Marketing Director", "Too expensive; wasting too much time", "standard",
    // Awareness, Consideration, Decision: buyer actions, duration, influencers
    "Researching problems", "2 weeks", "Peers", "Comparing vendors", "1-2 months", "CFO", "Negotiating", "3 weeks",
    "CEO",
    // seller actions, content, key message
    "Send case studies", "Blog post", "We understand you", "Demos", "Webinar", "We fit", "Pricing talks",
    "Pricing sheet", "Low risk", "yes", "satisfied", "done"};

}  // namespace

BOOST_AUTO_TEST_CASE(done_asks_the_face_to_save_and_the_closing_message_says_how_that_went) {
    chat c;
    for (auto a = standard_answers.begin(); a + 1 != standard_answers.end(); ++a) c.say({*a});
    const std::vector<message> request = c.iv.answer(*(standard_answers.end() - 1));
    BOOST_TEST(c.iv.finished());
    // Nothing claims a save yet: the only message asks the face to save.
    BOOST_TEST_REQUIRE(request.size() == 1u);
    BOOST_TEST((request[0].kind == message_kind::save_request));

    const std::vector<message> saved = c.iv.map_saved("/maps/team.bpm");
    BOOST_TEST_REQUIRE(saved.size() == 2u);
    BOOST_TEST(saved[0].text.find("Fantastic! All your defined buyer persona buying processes have been saved") == 0u);
    BOOST_TEST(saved[1].text == "Saved to /maps/team.bpm.");

    const std::vector<message> not_saved = c.iv.map_not_saved("choose File > Save to keep it");
    BOOST_TEST_REQUIRE(not_saved.size() == 1u);
    BOOST_TEST(not_saved[0].text.find("have been saved") == std::string::npos);
    BOOST_TEST(not_saved[0].text.find("The map is not saved yet: choose File > Save to keep it.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(welcome_is_followed_directly_by_the_persona_name_question) {
    chat c;
    BOOST_TEST(c.last.size() == 3u);
    BOOST_TEST((c.last[0].kind == message_kind::info));
    BOOST_TEST(c.last[0].text.find("Welcome to the Buyer Persona Buying Process Mapping tool") != std::string::npos);
    BOOST_TEST(c.question().text.find("defining your first buyer persona") != std::string::npos);
    BOOST_TEST((c.iv.phase() == interview_phase::persona));
}

BOOST_AUTO_TEST_CASE(standard_transcript_fills_the_persona_in_the_spec_order) {
    chat c;
    std::vector<std::string> questions;
    for (std::string_view a : standard_answers) {
        if (!c.iv.finished()) questions.push_back(c.question().text);
        c.say({a});
    }
    BOOST_TEST(c.iv.finished());
    BOOST_TEST(c.replied(message_kind::info, "Fantastic!"));
    BOOST_REQUIRE(questions.size() == standard_answers.size());
    BOOST_TEST(questions[1].find("for Marketing Director, what are their primary pain points") != std::string::npos);
    BOOST_TEST(questions[2].find("standard set of stages") != std::string::npos);
    BOOST_TEST(questions[3].find("primary buyer actions") != std::string::npos);
    BOOST_TEST(questions[4].find("typical duration of this stage for Marketing Director") != std::string::npos);
    BOOST_TEST(questions[5].find("at this Awareness stage") != std::string::npos);
    BOOST_TEST(questions[8].find("at this Consideration stage") != std::string::npos);
    BOOST_TEST(questions[12].find("For the Awareness stage (buyer actions of Marketing Director: Researching "
                                  "problems)") != std::string::npos);
    BOOST_TEST(questions[13].find("conveyed to Marketing Director at this Awareness stage") != std::string::npos);
    BOOST_TEST(questions[20].find("Decision stage") != std::string::npos);
    BOOST_TEST(questions[21].find("Would you like me to generate a summary") != std::string::npos);
    BOOST_TEST(questions[22].find("Are you satisfied") != std::string::npos);
    BOOST_TEST(questions[23].find("another buyer persona") != std::string::npos);

    BOOST_REQUIRE(c.doc.personas.size() == 1u);
    const persona& p = c.p();
    BOOST_TEST(p.name == "Marketing Director");
    BOOST_TEST(p.pain_points_text() == "Too expensive; wasting too much time");
    BOOST_TEST((p.pain_points[0].category == pain_category::financial));
    BOOST_TEST((p.pain_points[1].category == pain_category::productivity));
    BOOST_REQUIRE(p.stages.size() == 3u);
    BOOST_TEST(p.stages[0].name == "Awareness");
    BOOST_TEST(p.stages[1].duration == "1-2 months");
    BOOST_TEST(p.stages[2].key_influencers == "CEO");
    BOOST_TEST(p.stages[0].seller_actions == "Send case studies");
    BOOST_TEST(p.stages[1].content_type == "Webinar");
    BOOST_TEST(p.stages[2].key_message == "Low risk");
    BOOST_REQUIRE(p.summary.has_value());
    BOOST_TEST(p.summary->text == template_summary(p));
    BOOST_TEST((p.summary->source == summary_source::template_text));
    BOOST_TEST(p.summary->generated_at == "2027-03-01T09:00:00Z");
    BOOST_TEST((p.status == persona_status::completed));
}

BOOST_AUTO_TEST_CASE(every_answer_is_one_undo_step_and_undoing_all_restores_the_empty_map) {
    chat c;
    c.say(standard_answers);
    // Name, pains, standard stages, 18 stage fields, summary, status: each one step.
    BOOST_TEST(c.h.size() == 23u);
    BOOST_TEST(c.h.undo_label() == "Undo Mark Persona Completed");
    c.h.undo();
    c.h.undo();
    BOOST_TEST(c.h.undo_label() == "Undo Edit Key Message of Decision");
    while (c.h.undo()) {
    }
    BOOST_TEST((c.doc == document{}));
}

BOOST_AUTO_TEST_CASE(the_same_answers_always_make_the_same_document) {
    chat a, b;
    a.say(standard_answers);
    b.say(standard_answers);
    BOOST_TEST(write_bpm(a.doc) == write_bpm(b.doc));
}

BOOST_AUTO_TEST_CASE(custom_stages_ask_how_many_then_each_name) {
    chat c;
    c.say({"Enterprise IT Manager", "Security reviews take months", "customize"});
    BOOST_TEST(c.question().text.find("How many distinct buying stages do you identify for Enterprise IT "
                                      "Manager?") != std::string::npos);
    c.say({"0"});
    BOOST_TEST(c.replied(message_kind::error, "0 is out of range"));
    c.say({"13"});
    BOOST_TEST(c.replied(message_kind::error, "13 is out of range"));
    c.say({"a few"});
    BOOST_TEST(c.replied(message_kind::error, "number from 1 to 12"));
    BOOST_TEST(c.p().stages.empty());
    c.say({"four"});
    BOOST_TEST(c.replied(message_kind::info, "let's name each of these 4 stages"));
    BOOST_TEST(c.p().stages.size() == 4u);
    BOOST_TEST(c.question().text == "What is the name of stage 1 of 4?");
    c.say({"Trigger", "Research", "Proof of concept", "Procurement"});
    BOOST_TEST(c.question().text.find("primary buyer actions") != std::string::npos);
    BOOST_TEST(c.replied(message_kind::info, "Let's focus on the Trigger stage for Enterprise IT Manager."));
    std::vector<std::string> names;
    for (const stage& s : c.p().stages) names.push_back(s.name);
    BOOST_TEST(names == (std::vector<std::string>{"Trigger", "Research", "Proof of concept", "Procurement"}));
    BOOST_TEST(c.iv.progress_text() == "Phase 3 of 6 · Map buying stages · Enterprise IT Manager · Trigger (1 of 4)");
}

BOOST_AUTO_TEST_CASE(two_personas_in_one_conversation) {
    chat c;
    c.say(standard_answers);
    BOOST_REQUIRE(c.iv.finished());
    c.say({"new"});
    BOOST_TEST(c.question().text.find("Let's define another buyer persona") != std::string::npos);
    c.say({"Small Business Owner", "Budget constraints; Lacks IT support", "custom", "1", "Buy"});
    c.say({"Asks a friend", "a week", "Accountant", "Free trial", "Demo video", "Simple", "no", "satisfied", "done"});
    BOOST_TEST(c.iv.finished());
    BOOST_REQUIRE(c.doc.personas.size() == 2u);
    BOOST_TEST(c.p(1).name == "Small Business Owner");
    BOOST_TEST((c.p(1).pain_points[1].category == pain_category::support));
    BOOST_TEST(c.p(1).stages.size() == 1u);
    BOOST_TEST(!c.p(1).summary.has_value());
    BOOST_TEST((c.p(0).status == persona_status::completed));
    BOOST_TEST((c.p(1).status == persona_status::completed));
    BOOST_TEST(c.p(0).stages.front().id != c.p(1).stages.front().id);
}

BOOST_AUTO_TEST_CASE(another_persona_from_the_review_question) {
    chat c;
    std::vector<std::string_view> first(standard_answers.begin(), standard_answers.end() - 1);
    for (std::string_view a : first) c.say({a});
    c.say({"Add New Persona"});
    BOOST_TEST((c.p(0).status == persona_status::completed));
    BOOST_TEST(c.iv.persona_id().empty());
    BOOST_TEST((c.iv.phase() == interview_phase::persona));
}

BOOST_AUTO_TEST_CASE(invalid_answers_are_asked_again_with_a_hint) {
    chat c;
    c.say({"   "});
    BOOST_TEST(c.replied(message_kind::error, "A persona needs a name"));
    BOOST_TEST(c.question().text.find("name of this persona") != std::string::npos);
    BOOST_TEST(c.doc.personas.empty());
    c.say({"skip"});
    BOOST_TEST(c.replied(message_kind::error, "needs a name before we can go on"));
    c.say({"CFO", ";;"});
    BOOST_TEST(c.replied(message_kind::error, "at least one pain point"));
    c.say({"Cost", "maybe"});
    BOOST_TEST(c.replied(message_kind::error, "'standard'"));
    BOOST_TEST(c.question().choices.size() == 2u);
    c.say({"standard", ""});
    BOOST_TEST(c.replied(message_kind::error, "Please type an answer, or 'skip'"));
    BOOST_TEST(c.p().stages[0].buyer_actions.empty());
}

BOOST_AUTO_TEST_CASE(a_second_persona_may_not_take_a_name_in_use) {
    document start;
    persona other;
    other.id = "persona-1";
    other.name = "CFO";
    other.status = persona_status::completed;
    start.personas.push_back(other);
    chat c(start);
    c.say({"CFO"});
    BOOST_TEST(c.replied(message_kind::error, "There is already a persona called CFO"));
    BOOST_TEST(c.doc.personas.size() == 1u);
    c.say({"Controller"});
    BOOST_TEST(c.doc.personas.size() == 2u);
}

BOOST_AUTO_TEST_CASE(back_returns_to_the_previous_question_keeping_the_answer) {
    chat c;
    c.say({"COO", "Slow approvals", "standard", "Reads reports", "back"});
    BOOST_TEST(c.question().text.find("primary buyer actions") != std::string::npos);
    BOOST_TEST(c.question().hint == "Type a new answer, or 'skip' to keep the current one: Reads reports");
    BOOST_TEST(c.p().stages[0].buyer_actions == "Reads reports");
    c.say({"skip"});
    BOOST_TEST(c.p().stages[0].buyer_actions == "Reads reports");
    BOOST_TEST(c.question().text.find("typical duration") != std::string::npos);
    c.say({"back", "Reads analyst reports"});
    BOOST_TEST(c.p().stages[0].buyer_actions == "Reads analyst reports");
    BOOST_TEST(c.question().text.find("typical duration") != std::string::npos);
    // Back over the buyer actions to the stage approach: answering again replaces the stages as one step.
    c.say({"back", "back"});
    BOOST_TEST(c.question().text.find("Do you want to start with a standard set") != std::string::npos);
    const std::size_t steps = c.h.size();
    c.say({"custom"});
    BOOST_TEST(c.question().text.find("How many distinct buying stages") != std::string::npos);
    c.say({"2"});
    BOOST_TEST(c.h.size() == steps + 1);
    BOOST_TEST(c.p().stages.size() == 2u);
    BOOST_TEST(c.p().stages[0].name == "Stage 1");
    BOOST_TEST(c.question().text == "What is the name of stage 1 of 2?");
}

BOOST_AUTO_TEST_CASE(back_at_the_first_question_says_there_is_none) {
    chat c;
    c.say({"back"});
    BOOST_TEST(c.replied(message_kind::error, "no earlier question"));
    BOOST_TEST(c.question().text.find("name of this persona") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(skip_leaves_a_field_empty_and_moves_on_for_good) {
    chat c;
    c.say({"COO", "skip", "standard", "skip", "2 weeks"});
    BOOST_TEST(c.p().pain_points.empty());
    BOOST_TEST(c.p().stages[0].buyer_actions.empty());
    BOOST_TEST(c.p().stages[0].duration == "2 weeks");
    BOOST_TEST(c.question().text.find("key influencers") != std::string::npos);
    c.say({"status"});
    BOOST_TEST(c.replied(message_kind::info, "Pain points: —"));
    BOOST_TEST(c.replied(message_kind::info, "Duration: 2 weeks"));
    BOOST_TEST(c.question().text.find("key influencers") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(undo_and_redo_commands_use_the_documents_history) {
    chat c;
    c.say({"undo"});
    BOOST_TEST(c.replied(message_kind::error, "nothing to undo"));
    c.say({"COO", "Slow approvals", "standard", "Reads reports"});
    c.say({"undo"});
    BOOST_TEST(c.replied(message_kind::info, "Undone: Edit Buyer Actions of Awareness."));
    BOOST_TEST(c.p().stages[0].buyer_actions.empty());
    BOOST_TEST(c.question().text.find("primary buyer actions") != std::string::npos);
    c.say({"redo"});
    BOOST_TEST(c.replied(message_kind::info, "Redone: Edit Buyer Actions of Awareness."));
    BOOST_TEST(c.p().stages[0].buyer_actions == "Reads reports");
    BOOST_TEST(c.question().text.find("typical duration") != std::string::npos);
    c.say({"redo"});
    BOOST_TEST(c.replied(message_kind::error, "nothing to redo"));
    // Undoing the stages brings back the stage question; undoing the name, the name question.
    c.say({"undo", "undo"});
    BOOST_TEST(c.question().text.find("standard set of stages") != std::string::npos);
    c.say({"undo", "undo"});
    BOOST_TEST(c.doc.personas.empty());
    BOOST_TEST(c.question().text.find("name of this persona") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_and_status_change_nothing_and_repeat_the_question) {
    chat c;
    c.say({"COO"});
    const document before = c.doc;
    const std::string q = c.question().text;
    c.say({"help"});
    BOOST_TEST(c.replied(message_kind::info, "back: return to the previous question"));
    BOOST_TEST(c.question().text == q);
    c.say({"STATUS"});
    BOOST_TEST(c.replied(message_kind::info, "Persona: COO"));
    BOOST_TEST(c.replied(message_kind::info, "No buying stages mapped yet."));
    BOOST_TEST(c.question().text == q);
    BOOST_TEST((c.doc == before));
}

BOOST_AUTO_TEST_CASE(fields_filled_elsewhere_are_not_asked) {
    chat c;
    c.say({"COO", "Slow approvals", "standard"});
    const std::string& id0 = c.p().stages[0].id;
    const std::string id1 = c.p().stages[1].id;
    // The grid fills the Awareness duration and all of Consideration's buyer side meanwhile.
    c.h.submit(set_stage_field(c.p().id, id0, stage_field::duration, "1 month"));
    for (stage_field f : {stage_field::buyer_actions, stage_field::duration, stage_field::key_influencers})
        c.h.submit(set_stage_field(c.p().id, id1, f, "from the grid"));
    c.say({"Reads reports"});
    BOOST_TEST(c.question().text.find("key influencers") != std::string::npos);
    BOOST_TEST(c.iv.stage_id() == id0);
    c.say({"Peers"});
    BOOST_TEST(c.replied(message_kind::info, "Let's focus on the Decision stage"));
    BOOST_TEST(c.p().stages[1].buyer_actions == "from the grid");
}

BOOST_AUTO_TEST_CASE(document_changed_moves_past_a_question_answered_elsewhere) {
    chat c;
    c.say({"COO", "Slow approvals", "standard"});
    BOOST_TEST(c.iv.document_changed().empty());
    c.h.submit(set_stage_field(c.p().id, c.p().stages[0].id, stage_field::buyer_actions, "typed in the grid"));
    const std::vector<message> reply = c.iv.document_changed();
    BOOST_REQUIRE(reply.size() == 2u);
    BOOST_TEST(reply[0].text == "I see the Buyer Actions field of the Awareness stage is filled in now.");
    BOOST_TEST(reply[1].text.find("typical duration") != std::string::npos);
    // The open question's stage is deleted elsewhere: the next open question takes its place.
    c.h.submit(remove_stage(c.p().id, c.p().stages[0].id));
    const std::vector<message> after = c.iv.document_changed();
    BOOST_REQUIRE(!after.empty());
    BOOST_TEST(c.iv.stage_id() == c.p().stages[0].id);
    BOOST_TEST(after.back().text.find("primary buyer actions") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unfinished_persona_is_offered_for_resumption) {
    document start;
    {
        chat first;
        first.say({"Marketing Director", "Too expensive", "standard", "Researching problems"});
        start = first.doc;
    }
    chat c(start);
    BOOST_TEST(c.question().text == "Continue mapping Marketing Director?");
    BOOST_TEST(c.question().choices.size() == 2u);
    c.say({"y"});
    BOOST_TEST(c.replied(message_kind::info, "Let's continue mapping Marketing Director."));
    BOOST_TEST(c.question().text.find("typical duration of this stage for Marketing Director") != std::string::npos);
    c.say({"2 weeks"});
    BOOST_TEST(c.p().stages[0].duration == "2 weeks");
    BOOST_TEST(c.doc.personas.size() == 1u);

    chat declined(start);
    declined.say({"no"});
    BOOST_TEST(declined.question().text.find("Let's define another buyer persona") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(continuing_a_complete_persona_goes_to_review) {
    chat first;
    first.say(standard_answers);
    chat c(first.doc);
    // Nothing is unfinished, so nothing is offered for resumption.
    BOOST_TEST(c.question().text.find("Let's define another buyer persona") != std::string::npos);
    const std::vector<message> reply = c.iv.continue_persona(c.p().id);
    BOOST_REQUIRE(!reply.empty());
    BOOST_TEST(reply.back().text.find("Are you satisfied") != std::string::npos);
    BOOST_TEST((c.iv.phase() == interview_phase::review));
}

BOOST_AUTO_TEST_CASE(adjusting_asks_the_chosen_part_again_then_offers_an_updated_summary) {
    chat c;
    std::vector<std::string_view> upto_review(standard_answers.begin(), standard_answers.end() - 2);
    for (std::string_view a : upto_review) c.say({a});
    c.say({"adjust"});
    BOOST_TEST(c.question().text == "What would you like to adjust?");
    BOOST_TEST(c.question().choices.size() == 5u);
    c.say({"pain points"});
    BOOST_TEST(c.question().hint == "Type new pain points, or 'skip' to keep these:\n• Financial: Too expensive\n"
                                    "• Productivity: wasting too much time");
    c.say({"Financial: no budget this year; support: slow answers"});
    BOOST_TEST(c.p().pain_points_text() == "no budget this year; slow answers");
    BOOST_TEST((c.p().pain_points[1].category == pain_category::support));
    BOOST_TEST(c.question().text.find("update the summary") != std::string::npos);
    c.say({"yes"});
    BOOST_TEST(c.p().summary->text.find("no budget this year") != std::string::npos);
    BOOST_TEST(c.question().text.find("Are you satisfied") != std::string::npos);
    c.say({"satisfied", "done"});
    BOOST_TEST(c.iv.finished());
}

namespace {

// Answers everything up to the summary offer of the standard transcript.
void reach_summary_offer(chat& c) {
    for (auto a = standard_answers.begin(); a != standard_answers.end() - 3; ++a) c.say({*a});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_yes_to_the_summary_offer_asks_the_face_for_the_summary_and_waits) {
    chat c;
    reach_summary_offer(c);
    const document before = c.doc;
    const std::vector<message> request = c.iv.answer("  Sure ");
    BOOST_TEST_REQUIRE(request.size() == 1u);
    BOOST_TEST((request[0].kind == message_kind::summary_request));
    BOOST_TEST(request[0].text == c.p().id);
    BOOST_TEST((c.doc == before));
    // Until the face answers, the offer stays open and the interview does not move on.
    BOOST_TEST(c.iv.document_changed().empty());
    BOOST_TEST(c.iv.repeat_question().at(0).text.find("generate a summary") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_a_yes_to_the_summary_offer_requests_a_summary) {
    chat c;
    std::vector<std::string_view> upto_offer(standard_answers.begin(), standard_answers.end() - 3);
    for (std::size_t i = 0; i + 1 < upto_offer.size(); ++i) c.say({upto_offer[i]});
    // The last stage question is open: a yes there is an answer, not a summary request.
    c.last = c.iv.answer("yes");
    BOOST_TEST(c.p().stages.at(2).key_message == "yes");
    BOOST_TEST(c.question().text.find("generate a summary") != std::string::npos);
    for (std::string_view not_yes : {"maybe", "help", "status"}) {
        c.last = c.iv.answer(not_yes);
        BOOST_TEST(c.question().text.find("generate a summary") != std::string::npos);
    }
    c.last = c.iv.answer("no");
    BOOST_TEST(!c.p().summary.has_value());
    BOOST_TEST(c.question().text.find("Are you satisfied") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_provided_summary_is_stored_as_one_undo_step_and_the_review_follows) {
    chat c;
    reach_summary_offer(c);
    c.iv.answer("yes");
    const document before = c.doc;
    const std::size_t steps = c.h.size();
    c.last = c.iv.provide_summary("AI summary of Marketing Director", summary_source::ai);
    BOOST_TEST(c.replied(message_kind::info, "Here's a summary for Marketing Director:"));
    BOOST_TEST(c.replied(message_kind::summary, "AI summary of Marketing Director"));
    BOOST_TEST(c.question().text.find("Are you satisfied") != std::string::npos);
    BOOST_REQUIRE(c.p().summary.has_value());
    BOOST_TEST(c.p().summary->text == "AI summary of Marketing Director");
    BOOST_TEST((c.p().summary->source == summary_source::ai));
    BOOST_TEST(c.p().summary->generated_at == "2027-03-01T09:00:00Z");
    BOOST_TEST(c.h.size() == steps + 1);
    c.h.undo();
    BOOST_TEST((c.doc == before));
}

BOOST_AUTO_TEST_CASE(a_failed_or_stopped_summary_stores_the_offline_one_and_says_why) {
    chat c;
    c.iv.set_ai_assistant("Test AI");
    reach_summary_offer(c);
    c.iv.answer("yes");
    c.last = c.iv.summary_failed("server unreachable");
    BOOST_TEST(c.replied(message_kind::error, "Test AI could not write the summary: server unreachable. Here is the "
                                              "offline summary instead."));
    BOOST_TEST(c.replied(message_kind::summary, template_summary(c.p())));
    BOOST_TEST((c.p().summary->source == summary_source::template_text));
    BOOST_TEST(c.p().summary->text == template_summary(c.p()));
    BOOST_TEST(c.question().text.find("Are you satisfied") != std::string::npos);

    c.say({"back"});
    c.iv.answer("yes");
    c.last = c.iv.summary_cancelled();
    BOOST_TEST(c.replied(message_kind::error, "Test AI could not write the summary: you stopped it."));
    BOOST_TEST(c.question().text.find("Are you satisfied") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_summary_arriving_after_the_map_moved_on_is_not_stored) {
    chat c;
    reach_summary_offer(c);
    c.iv.answer("yes");
    // A field emptied elsewhere meanwhile: the interview asks for it again.
    c.h.submit(set_stage_field(c.p().id, c.p().stages[0].id, stage_field::buyer_actions, ""));
    BOOST_TEST(!c.iv.document_changed().empty());
    c.last = c.iv.provide_summary("Late summary", summary_source::ai);
    BOOST_TEST(c.replied(message_kind::error, "The map changed while the summary was written, so it was not stored."));
    BOOST_TEST(c.question().text.find("primary buyer actions") != std::string::npos);
    BOOST_TEST(!c.p().summary.has_value());
}

BOOST_AUTO_TEST_CASE(answers_that_cannot_be_stored_are_refused) {
    chat c;
    c.say({"COO", "Slow", "standard"});
    const document before = c.doc;
    c.say({std::string_view("Reads \xC3\x28 reports")});
    BOOST_TEST(c.replied(message_kind::error, "not valid UTF-8"));
    const std::string huge(max_field_bytes + 1, 'x');
    c.say({huge});
    BOOST_TEST(c.replied(message_kind::error, "a field holds at most 1024 KB"));
    BOOST_TEST((c.doc == before));
    c.say({std::string_view("Reads\x01 reports")});
    BOOST_TEST(c.p().stages[0].buyer_actions == "Reads reports");
}

BOOST_AUTO_TEST_CASE(questions_offer_their_choices_as_buttons) {
    chat c;
    c.say({"COO", "Slow"});
    const message& q = c.question();
    BOOST_REQUIRE(q.choices.size() == 2u);
    BOOST_TEST(q.choices[0].label == "Standard");
    BOOST_TEST(q.choices[1].label == "Customize");
    c.say({q.choices[1].answer});
    BOOST_TEST(c.question().text.find("How many") != std::string::npos);
}

// ---- the assistant's words read well with any answer ----------------------------------------

namespace {

// One way of answering every free-text question of the interview.
struct answer_style {
    const char* name;
    std::vector<std::string> pain_points;
    std::string buyer_actions, duration, influencers, seller_actions, content, key_message;

    // Every answer the assistant may quote back.
    std::vector<std::string> answers() const {
        std::vector<std::string> all = pain_points;
        all.insert(all.end(), {buyer_actions, duration, influencers, seller_actions, content, key_message});
        return all;
    }
};

std::ostream& operator<<(std::ostream& o, const answer_style& s) { return o << s.name; }

const std::vector<answer_style> answer_styles = {
    {"verb phrases", {"misses the quarterly forecast", "spends more time in spreadsheets"},
     "misses the quarterly forecast", "takes about two weeks", "asks the CFO", "send case studies",
     "share a webinar recording", "show that forecasts take minutes"},
    {"noun phrases", {"the quarterly forecast", "hours in spreadsheets"}, "the quarterly forecast", "two weeks",
     "the CFO and her peers", "reference calls", "a webinar recording", "forecasts in minutes"},
    {"whole sentences", {"She misses the forecast.", "Her team lives in spreadsheets."}, "She misses the forecast.",
     "It takes two weeks.", "The CFO decides.", "We send case studies.", "We share a webinar recording.",
     "Forecasts take minutes."},
};

// One thing the assistant showed (a message's text or hint), and the answer it replied to.
struct heard {
    std::string after;
    std::string words;
};

// Everything the assistant says in a whole interview answered in one style, sent as the chat
// panel sends it: two custom stages, the summary, an adjustment that asks the buyer side again
// (showing each answer given), then satisfied and done. The summary itself is left out: it is the
// spec's labelled record, not a sentence of the assistant's, and test_export guards its layout.
std::vector<heard> whole_interview(const answer_style& s, const std::string& persona = "Head of Revenue Operations",
                                   const std::string& first_stage = "Forecast review") {
    chat c;
    std::vector<heard> out;
    const auto keep = [&](const std::string& after) {
        for (const message& m : c.last) {
            if (m.kind == message_kind::summary) continue;
            out.push_back({after, m.text});
            if (!m.hint.empty()) out.push_back({after, m.hint});
        }
    };
    keep("");
    std::string pains;
    for (const std::string& p : s.pain_points) pains += (pains.empty() ? "" : "; ") + p;
    // Back from the stage question shows the pain points given; skip keeps them.
    std::vector<std::string> answers = {persona, pains, "back", "skip", "custom", "2", first_stage, "Vendor choice"};
    for (int stage = 0; stage < 2; ++stage) answers.insert(answers.end(), {s.buyer_actions, s.duration, s.influencers});
    for (int stage = 0; stage < 2; ++stage) answers.insert(answers.end(), {s.seller_actions, s.content, s.key_message});
    answers.insert(answers.end(), {"status", "yes", "adjust", "buyer"});
    for (int question = 0; question < 6; ++question) answers.push_back("skip");
    answers.insert(answers.end(), {"no", "satisfied", "done"});
    for (const std::string& a : answers) {
        c.say({a});
        keep(a);
        // Satisfied finishes the persona there and then.
        if (a == "satisfied") BOOST_TEST((c.doc.personas.back().status == persona_status::completed));
    }
    BOOST_TEST(c.iv.finished());
    return out;
}

// An answer as the assistant may quote it inside a sentence: a sentence's last full stop may go.
std::string without_full_stop(std::string a) {
    if (a.size() > 1 && a.back() == '.' && a[a.size() - 2] != '.') a.pop_back();
    return a;
}

bool starts_with(std::string_view text, std::string_view start) { return text.substr(0, start.size()) == start; }

// Where an answer stands in words: after a colon, a quote, a list's "; ", or at the start of a line,
// and never followed by punctuation that doubles its own full stop. Empty when it stands well.
std::string misplaced(const std::string& words, const std::string& answer) {
    const std::string quoted = without_full_stop(answer);
    for (std::size_t at = words.find(quoted); at != std::string::npos; at = words.find(quoted, at + 1)) {
        const std::string_view before = std::string_view(words).substr(0, at);
        const std::string_view mark = before.substr(before.size() < 2 ? 0 : before.size() - 2);
        const bool after_mark = before.empty() || before.back() == '\n' || before.back() == '\'' ||
                                before.back() == '"' || mark == ": " || mark == "; ";
        if (!after_mark) return "spliced into a clause";
        std::string_view rest = std::string_view(words).substr(at + quoted.size());
        if (!starts_with(rest, ".")) continue;
        rest.remove_prefix(1);
        if (!rest.empty() && std::string_view(".,;:)").find(rest.front()) != std::string_view::npos)
            return "its full stop doubled";
    }
    return {};
}

}  // namespace

BOOST_DATA_TEST_CASE(the_assistants_words_read_well_with_any_kind_of_answer, bdata::make(answer_styles), style) {
    const std::vector<heard> said = whole_interview(style);
    for (const heard& h : said) {
        for (const std::string& answer : style.answers()) {
            BOOST_TEST(misplaced(h.words, answer).empty(), misplaced(h.words, answer) << ": " << h.words);
            // Buyer actions are never read on from "where <persona> is".
            BOOST_TEST(h.words.find(" is " + ascii_lower(without_full_stop(answer))) == std::string::npos, h.words);
        }
        // A name may end in s: the persona is never given a possessive.
        BOOST_TEST(h.words.find("Operations's") == std::string::npos, h.words);
        // The chat is a pane the user may dock anywhere; the review names the tabs instead.
        BOOST_TEST(h.words.find("right panel") == std::string::npos, h.words);
        BOOST_TEST(h.words.find("left panel") == std::string::npos, h.words);
        if (h.after == "satisfied") BOOST_TEST(h.words.find("Once you're satisfied") == std::string::npos, h.words);
    }
    const auto heard_exactly = [&](const std::string& words) {
        return std::any_of(said.begin(), said.end(), [&](const heard& h) { return h.words == words; });
    };
    BOOST_TEST(heard_exactly("For the Forecast review stage (buyer actions of Head of Revenue Operations: " +
                             without_full_stop(style.buyer_actions) +
                             "), what are the primary seller actions your team should take?"));
    BOOST_TEST(heard_exactly("Type a new answer, or 'skip' to keep the current one: " + style.buyer_actions));
    BOOST_TEST(heard_exactly("We have now completed the comprehensive buying process mapping for Head of Revenue "
                             "Operations. Please review all the details on the Persona, Buying Stages and Summary tabs "
                             "to ensure accuracy and completeness."));
    BOOST_TEST(heard_exactly("I'll save the map when we're done."));
}

BOOST_AUTO_TEST_CASE(names_are_said_without_the_marks_they_were_typed_with) {
    BOOST_TEST(name_in_sentence("a harried regional sales manager.") == "a harried regional sales manager");
    BOOST_TEST(name_in_sentence("Buyers!?  ") == "Buyers");
    BOOST_TEST(name_in_sentence("Wait and see...") == "Wait and see...");
    BOOST_TEST(name_in_sentence("Ops\nlead.") == "Ops lead");
    BOOST_TEST(name_in_sentence(".") == ".");
}

BOOST_AUTO_TEST_CASE(a_name_typed_as_a_sentence_loses_its_full_stop_where_the_assistant_quotes_it) {
    // "for a harried regional sales manager., what are..." read as a typing slip of ours.
    const std::string persona = "a harried regional sales manager.";
    const std::string stage = "Forecast review.";
    for (const heard& h : whole_interview(answer_styles[0], persona, stage)) {
        for (const std::string& name : {persona, stage}) {
            for (std::size_t at = h.words.find(name); at != std::string::npos; at = h.words.find(name, at + 1)) {
                const std::size_t end = at + name.size();
                // Its own full stop may only end a sentence: the line, as in the status's
                // "Persona: ..." line, or before a capital.
                const bool ends = end == h.words.size() || h.words[end] == '\n' ||
                                  (h.words[end] == ' ' && end + 1 < h.words.size() &&
                                   std::isupper(static_cast<unsigned char>(h.words[end + 1])));
                BOOST_TEST(ends, h.words);
            }
        }
    }
}

// ---- answer parsing ------------------------------------------------------------------------

namespace {

// Optionals as printable numbers: the value, or -1 for none.
template <class T>
long long shown(const std::optional<T>& v) {
    return v ? static_cast<long long>(*v) : -1;
}

}  // namespace

BOOST_DATA_TEST_CASE(yes_answers, bdata::make({"yes", "Y", "sure", "OK.", "Yes please", "of course!"}), text) {
    BOOST_TEST(shown(parse_yes_no(text)) == 1);
}

BOOST_DATA_TEST_CASE(no_answers, bdata::make({"no", "N", "nope", "Not now", "no thanks"}), text) {
    BOOST_TEST(shown(parse_yes_no(text)) == 0);
}

BOOST_DATA_TEST_CASE(neither_yes_nor_no, bdata::make({"", "maybe", "yess", "n o"}), text) {
    BOOST_TEST(!parse_yes_no(text).has_value());
}

BOOST_DATA_TEST_CASE(counts, bdata::make({"3", "three", "Three.", "3 stages", "four stages", " 12 "}) ^
                                 bdata::make({3, 3, 3, 3, 4, 12}),
                     text, expected) {
    BOOST_TEST(shown(parse_count(text)) == expected);
}

BOOST_DATA_TEST_CASE(not_counts, bdata::make({"", "a few", "3.5", "-2", "3 apples", "thirty"}), text) {
    BOOST_TEST(!parse_count(text).has_value());
}

BOOST_AUTO_TEST_CASE(options_match_by_word_or_number) {
    const auto pick = [](std::string_view a) {
        return parse_option(a, {{"standard", "s"}, {"custom", "customize", "customise"}});
    };
    BOOST_TEST(shown(pick("Standard")) == 0);
    BOOST_TEST(shown(pick("1")) == 0);
    BOOST_TEST(shown(pick("customise")) == 1);
    BOOST_TEST(shown(pick("2")) == 1);
    BOOST_TEST(!pick("3").has_value());
    BOOST_TEST(!pick("standardish").has_value());
}

BOOST_AUTO_TEST_CASE(pain_points_take_explicit_or_guessed_categories) {
    const std::vector<pain_point> points =
        parse_pain_points("Too expensive; wasting too much time; workflow is too complex; lack of proper "
                          "assistance; Other: bad coffee; Financial: no ROI proof; the logo is ugly; Too expensive");
    const std::vector<pain_point> expected = {{"Too expensive", pain_category::financial},
                                              {"wasting too much time", pain_category::productivity},
                                              {"workflow is too complex", pain_category::process},
                                              {"lack of proper assistance", pain_category::support},
                                              {"bad coffee", pain_category::other},
                                              {"no ROI proof", pain_category::financial},
                                              {"the logo is ugly", pain_category::none}};
    BOOST_REQUIRE(points.size() == expected.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        BOOST_TEST(points[i].text == expected[i].text);
        BOOST_TEST(static_cast<int>(points[i].category) == static_cast<int>(expected[i].category), points[i].text);
    }
}

namespace {

// A pain point as filed: its text and category, printable for the data test cases.
struct filed {
    std::string text;
    pain_category category;
};

std::ostream& operator<<(std::ostream& o, const filed& f) {
    const std::string_view category = f.category == pain_category::none ? "none" : pain_category_key(f.category);
    return o << '"' << f.text << "\" as " << category;
}

}  // namespace

BOOST_DATA_TEST_CASE(a_category_is_guessed_only_from_words_that_leave_no_doubt,
                     bdata::make(std::vector<filed>{
                         {"Too expensive", pain_category::financial},
                         {"Licences cost too much", pain_category::financial},
                         {"No budget until next year", pain_category::financial},
                         {"Can't prove ROI to the board", pain_category::financial},
                         // "spend" is time here, not money.
                         {"spend more time in spreadsheets", pain_category::productivity},
                         {"Wasting too much time on manual reporting", pain_category::productivity},
                         {"Reports take too long to build", pain_category::productivity},
                         {"Workflow is too complex", pain_category::process},
                         {"Approvals go through four people", pain_category::process},
                         {"Data is siloed across teams", pain_category::process},
                         {"Lack of proper assistance", pain_category::support},
                         {"Onboarding is left to us", pain_category::support},
                         {"Nobody answers the help desk", pain_category::support},
                         // No category's words: no guess.
                         {"The logo is ugly", pain_category::none},
                         {"She misses the forecast.", pain_category::none},
                         {"Users feel lost", pain_category::none},
                         {"It doesn't help us forecast", pain_category::none},
                         // Words of two categories: no guess either.
                         {"Manual reports cost us hours", pain_category::none},
                         {"Support costs too much", pain_category::none},
                         {"Slow approvals", pain_category::none},
                         {"No real-time visibility", pain_category::none},
                     }),
                     expected) {
    BOOST_TEST(static_cast<int>(guess_pain_category(expected.text)) == static_cast<int>(expected.category),
               expected);
}

BOOST_DATA_TEST_CASE(a_category_named_before_a_colon_is_taken_off_the_text_and_kept,
                     bdata::make({"expensive: licences cost too much", "Financial: no ROI proof",
                                  "PRODUCTIVITY: reports take hours", "support pain: nobody answers tickets",
                                  "Time: never enough of it", "Other: bad coffee", "Process: the tool is costly",
                                  // Not a category: the colon stays and the words are guessed from.
                                  "Note: budget is tight"}) ^
                         bdata::make(std::vector<filed>{{"licences cost too much", pain_category::financial},
                                                        {"no ROI proof", pain_category::financial},
                                                        {"reports take hours", pain_category::productivity},
                                                        {"nobody answers tickets", pain_category::support},
                                                        {"never enough of it", pain_category::productivity},
                                                        {"bad coffee", pain_category::other},
                                                        {"the tool is costly", pain_category::process},
                                                        {"Note: budget is tight", pain_category::financial}}),
                     answer, expected) {
    const std::vector<pain_point> points = parse_pain_points(answer);
    BOOST_TEST_REQUIRE(points.size() == 1u);
    BOOST_TEST(points[0].text == expected.text);
    BOOST_TEST(static_cast<int>(points[0].category) == static_cast<int>(expected.category), expected);
}

BOOST_AUTO_TEST_CASE(the_chat_says_which_category_each_pain_point_got_and_how_to_change_it) {
    chat c;
    c.say({"Marketing Director", "Too expensive; spend more time in spreadsheets; the logo is ugly"});
    BOOST_TEST_REQUIRE(c.last.size() == 2u);
    BOOST_TEST(c.last[0].text ==
               "Here are the categories I gave the pain points:\n"
               "• Financial: Too expensive\n"
               "• Productivity: spend more time in spreadsheets\n"
               "• No category: the logo is ugly\n"
               "To change a category, right-click the pain point's tag on the Persona tab and choose one under "
               "Category, or type 'back' and answer again, starting each pain point with its category, such as "
               "'Financial: too expensive; Other: bad coffee'.");
    BOOST_TEST(c.question().text.find("standard set of stages") != std::string::npos);

    // Doing as it says.
    c.say({"back", "Too expensive; spend more time in spreadsheets; Other: the logo is ugly"});
    BOOST_TEST((c.p().pain_points.at(2) == pain_point{"the logo is ugly", pain_category::other}));
    BOOST_TEST(c.replied(message_kind::info, "• Other: the logo is ugly\n"));

    // A terminal has no tags to right-click.
    document doc;
    history h(doc);
    interview terminal(h, interview_face::terminal);
    terminal.start();
    terminal.answer("CFO");
    const std::vector<message> reply = terminal.answer("expensive: licences cost too much");
    BOOST_TEST_REQUIRE(!reply.empty());
    BOOST_TEST(reply[0].text == "Here is the category I gave the pain point:\n"
                                "• Financial: licences cost too much\n"
                                "To change a category, type 'back' and answer again, starting each pain point with "
                                "its category, such as 'Financial: too expensive; Other: bad coffee'.");
}
