#define BOOST_TEST_MODULE ai_assistant
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "bpm/ai_assistant.h"
#include "bpm/ai_prompts.h"
#include "bpm/interview.h"
#include "bpm/summary.h"
#include "fake_ai_server.h"
#include "test_support.h"

using namespace bpm;
using test::fake_ai_server;
using json = nlohmann::json;

namespace {

ai_settings settings_for(const fake_ai_server& server) {
    ai_settings s;
    s.base_url = server.base_url();
    s.model = "test-model";
    s.timeout_seconds = 2;
    s.max_retries = 0;
    s.retry_delay_ms = 10;
    return s;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The messages of the n-th request the server received.
json messages_of(const fake_ai_server& server, std::size_t n) {
    return json::parse(server.requests().at(n).body).at("messages");
}

// A map with the rich persona, over a history with a fixed clock.
struct map_fixture {
    document doc = test::rich_document();
    history h{doc};
    map_fixture() { h.set_clock([] { return std::string("2027-03-01T09:00:00Z"); }); }
    const persona& p() const { return doc.personas.at(0); }
};

// Answers the interview up to the summary offer for a persona named Marketing Director.
void answer_up_to_the_summary_offer(interview& iv) {
    iv.start();
    for (std::string_view a : {"Marketing Director", "Too expensive; wasting too much time", "standard",
                               "Researching problems", "2 weeks", "Peers", "Comparing vendors", "1-2 months", "CFO",
                               "Negotiating", "3 weeks", "CEO", "Send case studies", "Blog post", "We understand you",
                               "Demos", "Webinar", "We fit", "Pricing talks", "Pricing sheet", "Low risk"})
        iv.answer(a);
}

bool replied(const std::vector<message>& replies, message_kind kind, const std::string& part) {
    for (const message& m : replies)
        if (m.kind == kind && has(m.text, part)) return true;
    return false;
}

}  // namespace

// ---- the AI summary -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_summary_prompt_holds_every_field_and_the_spec_layout) {
    const persona p = test::rich_document().personas.at(0);
    const chat_request r = summary_request(p);
    BOOST_TEST_REQUIRE(r.messages.size() == 2u);
    BOOST_TEST(r.messages[0].role == "system");
    BOOST_TEST(r.stream);
    const std::string& user = r.messages[1].content;
    for (const char* part :
         {"Persona: <name> (<pain points, separated by semicolons>)",
          "<stage name>: Buyer Actions: <buyer actions>, Duration: <duration>, Influencers: <key influencers>, "
          "Seller Actions: <seller actions>, Content: <content type>, Key Message: <key message>",
          "Persona: Marketing Director", "- Too expensive (financial)", "- Uncategorised point\n", "Role: VP Marketing",
          "Buying stages (2), in order:", "1. Awareness", "   Buyer actions: Researches problems\n     on LinkedIn",
          "   Duration: 1-2 weeks", "   Key influencers: Peers, analysts\n", "   Content type: Blog post, whitepaper",
          "   Key message: Вы теряете время — we save it. 時間を節約", "2. Decision", "   Buyer actions: (not defined yet)"})
        BOOST_TEST(has(user, part), part);
}

namespace {

// What a face does with a summary_request when the AI is on: has the model write it, and hands
// the interview the summary or why there is none.
std::vector<message> answer_with_ai(interview& iv, const history& h, const ai_client& client,
                                    const token_callback& on_token = {}, const cancel_token* cancel = nullptr) {
    const result<std::string> written = write_ai_summary(client, h.doc().personas.at(0), on_token, cancel);
    if (written) return iv.provide_summary(*written.value, summary_source::ai);
    return written.was_cancelled() ? iv.summary_cancelled() : iv.summary_failed(written.error());
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_ai_summary_is_streamed_and_stored_through_the_interview_as_one_undo_step) {
    fake_ai_server server;
    server.script(test::stream_reply({"Persona: Marketing Director ", "(Too expensive)\n", "Awareness: …"}));
    const ai_client client(settings_for(server));
    std::string streamed;
    BOOST_TEST(describe_ai_service(client.settings()) ==
               "The AI assistant at 127.0.0.1:" + std::to_string(server.port()));

    document doc;
    history h(doc);
    h.set_clock([] { return std::string("2027-03-01T09:00:00Z"); });
    interview iv(h);
    iv.set_ai_assistant(describe_ai_service(client.settings()));
    answer_up_to_the_summary_offer(iv);
    const document before = doc;
    const auto request = iv.answer("yes");
    BOOST_TEST_REQUIRE(request.size() == 1u);
    BOOST_TEST((request[0].kind == message_kind::summary_request));
    const auto replies = answer_with_ai(iv, h, client, [&](std::string_view piece) { streamed += piece; });

    const std::string expected = "Persona: Marketing Director (Too expensive)\nAwareness: …";
    BOOST_TEST(streamed == expected);
    BOOST_TEST(replied(replies, message_kind::summary, expected));
    BOOST_TEST_REQUIRE(doc.personas.at(0).summary.has_value());
    BOOST_TEST(doc.personas[0].summary->text == expected);
    BOOST_TEST((doc.personas[0].summary->source == summary_source::ai));
    BOOST_TEST(doc.personas[0].summary->generated_at == "2027-03-01T09:00:00Z");
    BOOST_TEST(has(messages_of(server, 0)[1]["content"].get<std::string>(), "1. Awareness"));
    BOOST_TEST(h.undo());
    BOOST_TEST((doc == before));
}

BOOST_AUTO_TEST_CASE(a_failed_or_stopped_ai_summary_falls_back_to_the_template) {
    fake_ai_server server;
    server.script(test::error_reply(500, "out of memory"));
    const ai_client client(settings_for(server));
    document doc;
    history h(doc);
    interview iv(h);
    iv.set_ai_assistant(describe_ai_service(client.settings()));
    answer_up_to_the_summary_offer(iv);
    iv.answer("yes");
    const auto replies = answer_with_ai(iv, h, client);
    const std::string host = "127.0.0.1:" + std::to_string(server.port());
    BOOST_TEST(replied(replies, message_kind::error,
                       "The AI assistant at " + host + " could not write the summary: the AI service at " + host +
                           " had a server error (HTTP 500): out of memory. Here is the offline summary instead."));
    BOOST_TEST((doc.personas.at(0).summary->source == summary_source::template_text));
    BOOST_TEST(doc.personas[0].summary->text == template_summary(doc.personas[0]));

    cancel_token stopped;
    stopped.cancel();
    iv.answer("back");
    iv.answer("yes");
    const auto again = answer_with_ai(iv, h, client, {}, &stopped);
    BOOST_TEST(replied(again, message_kind::error, "could not write the summary: you stopped it."));
    BOOST_TEST(server.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_ai_summary_written_apart_from_the_interview_is_stored_as_one_step) {
    fake_ai_server server;
    server.script(test::stream_reply({"  Short\x01 summary  "}));
    map_fixture m;
    const auto written = write_ai_summary(ai_client(settings_for(server)), m.p());
    BOOST_TEST_REQUIRE(bool(written), written.error());
    BOOST_TEST(*written.value == "Short summary");
    const document before = m.doc;
    BOOST_TEST(store_ai_summary(m.h, "persona-1", *written.value));
    BOOST_TEST(m.p().summary->text == "Short summary");
    BOOST_TEST((m.p().summary->source == summary_source::ai));
    BOOST_TEST(m.h.undo());
    BOOST_TEST((m.doc == before));
    BOOST_TEST(!store_ai_summary(m.h, "persona-404", "text"));
    BOOST_TEST(!store_ai_summary(m.h, "persona-1", "   "));
}

// ---- suggestions ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_suggestion_prompt_names_the_stage_and_the_json_shape) {
    const persona p = test::rich_document().personas.at(0);
    const chat_request r = suggestion_request(p, p.stages[1]);
    const std::string& user = r.messages.at(1).content;
    BOOST_TEST(has(user, "for the stage \"Decision\" (stage 2 of 2)"));
    BOOST_TEST(has(user, "{\"seller_actions\": \"...\", \"content_type\": \"...\", \"key_message\": \"...\"}"));
    BOOST_TEST(has(user, "Persona: Marketing Director"));
    BOOST_TEST(has(r.messages.at(0).content, "single JSON object and nothing else"));
}

BOOST_AUTO_TEST_CASE(a_suggestion_is_read_from_fenced_json) {
    fake_ai_server server;
    server.script(test::stream_reply({"Here you go:\n```json\n{\"seller_actions\": \"Run a ROI workshop\", ",
                                      "\"content_type\": \"ROI calculator\", \"key_message\": \"Pays for itself\"}\n```"}));
    map_fixture m;
    const auto s = suggest_for_stage(ai_client(settings_for(server)), m.p(), "stage-2");
    BOOST_TEST_REQUIRE(bool(s), s.error());
    BOOST_TEST(s.value->seller_actions == "Run a ROI workshop");
    BOOST_TEST(s.value->content_type == "ROI calculator");
    BOOST_TEST(s.value->key_message == "Pays for itself");
    BOOST_TEST(server.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_unusable_suggestion_is_asked_for_again_with_the_problem) {
    fake_ai_server server;
    server.script(test::completion_reply("{\"seller_actions\": \"Demo\", \"content_type\": \"Video\"}"));
    server.script(test::completion_reply(
        "{\"seller_actions\": \"Demo\", \"content_type\": \"Video\", \"key_message\": \"See it work\"}"));
    map_fixture m;
    const auto s = suggest_for_stage(ai_client(settings_for(server)), m.p(), "stage-1");
    BOOST_TEST_REQUIRE(bool(s), s.error());
    BOOST_TEST(s.value->key_message == "See it work");
    BOOST_TEST_REQUIRE(server.requests().size() == 2u);
    const json second = messages_of(server, 1);
    BOOST_TEST_REQUIRE(second.size() == 4u);
    BOOST_TEST(second[2]["role"] == "assistant");
    BOOST_TEST(second[2]["content"] == "{\"seller_actions\": \"Demo\", \"content_type\": \"Video\"}");
    BOOST_TEST(has(second[3]["content"].get<std::string>(),
                   "That answer could not be used: \"key_message\" is missing or empty."));
}

BOOST_AUTO_TEST_CASE(a_suggestion_unusable_twice_is_a_clear_failure) {
    fake_ai_server server;
    server.script(test::completion_reply("I would suggest a demo."));
    server.script(test::completion_reply("{\"seller_actions\": 3, \"content_type\": \"x\", \"key_message\": \"y\"}"));
    map_fixture m;
    const auto s = suggest_for_stage(ai_client(settings_for(server)), m.p(), "stage-1");
    BOOST_TEST(!s);
    BOOST_TEST(s.error() == "the AI's answer could not be used: \"seller_actions\" must be text, not a number");
    BOOST_TEST(server.requests().size() == 2u);

    const auto gone = suggest_for_stage(ai_client(settings_for(server)), m.p(), "stage-404");
    BOOST_TEST(gone.error() == "that stage is no longer in the map");
    BOOST_TEST(server.requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_accepted_suggestion_is_one_undo_step) {
    map_fixture m;
    const document before = m.doc;
    const stage_suggestion s{"Run a ROI workshop", "ROI calculator", "Pays for itself"};
    BOOST_TEST(apply_suggestion(m.h, "persona-1", "stage-1", s));
    const stage& st = m.p().stages[0];
    BOOST_TEST(st.seller_actions == "Run a ROI workshop");
    BOOST_TEST(st.content_type == "ROI calculator");
    BOOST_TEST(st.key_message == "Pays for itself");
    BOOST_TEST(m.h.undo_description() == "Apply Suggestion for Awareness");
    BOOST_TEST(!apply_suggestion(m.h, "persona-1", "stage-1", s));
    BOOST_TEST(m.h.undo());
    BOOST_TEST((m.doc == before));
    BOOST_TEST(!m.h.can_undo());
    BOOST_TEST(!apply_suggestion(m.h, "persona-1", "stage-404", s));
}

// ---- a persona from notes -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_persona_answer_is_read_into_a_persona) {
    const auto p = persona_from_reply(R"({
        "name": " Procurement Lead ",
        "profile": {"role": "Head of Procurement", "organisation": null, "segment": "Mid-market"},
        "pain_points": [{"text": "Too many vendors", "category": "Process"},
                        {"text": "Budget cuts", "category": ""},
                        {"text": "Too many vendors", "category": "process"}],
        "stages": [{"name": "Tender", "buyer_actions": "Writes the RFP", "duration": "1 month", "extra": 1},
                   {"name": "Award", "key_message": null}],
        "unknown": true})");
    BOOST_TEST_REQUIRE(bool(p), p.error());
    BOOST_TEST(p.value->name == "Procurement Lead");
    BOOST_TEST(p.value->id.empty());
    BOOST_TEST(p.value->profile.role == "Head of Procurement");
    BOOST_TEST(p.value->profile.segment == "Mid-market");
    BOOST_TEST_REQUIRE(p.value->pain_points.size() == 2u);
    BOOST_TEST((p.value->pain_points[0] == pain_point{"Too many vendors", pain_category::process}));
    BOOST_TEST((p.value->pain_points[1] == pain_point{"Budget cuts", pain_category::none}));
    BOOST_TEST_REQUIRE(p.value->stages.size() == 2u);
    BOOST_TEST(p.value->stages[0].buyer_actions == "Writes the RFP");
    BOOST_TEST(p.value->stages[0].duration == "1 month");
    BOOST_TEST(p.value->stages[1].name == "Award");
}

BOOST_AUTO_TEST_CASE(a_persona_answer_of_the_wrong_shape_is_refused_with_a_reason) {
    const std::string huge(max_ai_field_chars + 1, 'x');
    std::string many_stages = R"({"name": "N", "stages": [)";
    for (int i = 0; i < 13; ++i) many_stages += std::string(i ? "," : "") + R"({"name": "S"})";
    many_stages += "]}";
    const std::pair<std::string, std::string> cases[] = {
        {"no JSON here", "the answer holds no JSON object"},
        {"{\"name\": \"a\",}", "the answer is not a valid JSON object"},
        {"{\"name\": \"caf\xC3\"}", "the answer is not valid UTF-8 text"},
        {R"({"pain_points": []})", "\"name\" is missing or empty"},
        {R"({"name": "   "})", "\"name\" is missing or empty"},
        {R"({"name": 42})", "\"name\" must be text, not a number"},
        {R"({"name": "N", "profile": "CFO"})", "\"profile\" must be an object, not text"},
        {R"({"name": "N", "pain_points": "expensive"})", "\"pain_points\" must be a list, not text"},
        {R"({"name": "N", "pain_points": ["expensive"]})", "\"pain_points[0]\" must be an object, not text"},
        {R"({"name": "N", "pain_points": [{"text": "x", "category": "money"}]})",
         "\"pain_points[0].category\" is \"money\", not one of financial, productivity, process, support, other"},
        {R"({"name": "N", "pain_points": [{"category": "other"}]})", "\"pain_points[0].text\" is missing or empty"},
        {R"({"name": "N", "stages": [{"name": "S", "duration": ["2 weeks"]}]})",
         "\"stages[0].duration\" must be text, not a list"},
        {R"({"name": "N", "stages": [{"buyer_actions": "x"}]})", "\"stages[0].name\" is missing or empty"},
        {R"({"name": "N", "stages": [{"name": "S", "key_message": ")" + huge + "\"}]}",
         "\"stages[0].key_message\" is longer than 4000 characters"},
        {"{\"name\": \"" + std::string(max_ai_name_chars + 1, 'n') + "\"}", "\"name\" is longer than 200 characters"},
        {many_stages, "\"stages\" lists 13 stages; at most 12 are allowed"},
    };
    for (const auto& [reply, problem] : cases) {
        const auto p = persona_from_reply(reply);
        BOOST_TEST(!p, reply.substr(0, 80));
        BOOST_TEST(p.error() == problem, reply.substr(0, 80));
    }
}

BOOST_AUTO_TEST_CASE(notes_become_a_persona_and_a_bad_answer_is_asked_for_again) {
    fake_ai_server server;
    server.script(test::stream_reply({"{\"name\": \"CFO\", \"stages\": \"none\"}"}));
    server.script(test::stream_reply({"```json\n{\"name\": \"CFO\", \"pain_points\": [{\"text\": \"Cost\", ",
                                      "\"category\": \"financial\"}], \"stages\": []}\n```"}));
    const std::string notes = "Call with Dana (CFO): worried about cost. Wants payback in a year.";
    const auto p = persona_from_notes(ai_client(settings_for(server)), notes);
    BOOST_TEST_REQUIRE(bool(p), p.error());
    BOOST_TEST(p.value->name == "CFO");
    BOOST_TEST((p.value->pain_points.at(0) == pain_point{"Cost", pain_category::financial}));
    BOOST_TEST_REQUIRE(server.requests().size() == 2u);
    BOOST_TEST(has(messages_of(server, 0)[1]["content"].get<std::string>(), "<<<\n" + notes + "\n>>>"));
    BOOST_TEST(has(messages_of(server, 1)[3]["content"].get<std::string>(),
                   "That answer could not be used: \"stages\" must be a list, not text."));
}

BOOST_AUTO_TEST_CASE(a_key_the_model_writes_in_json_escapes_or_with_a_control_character_is_masked) {
    // The answer is masked as it arrives, but its JSON is decoded after: "\u0073k-..." became
    // the key in the persona's name, and a control character inside the key (here streamed
    // raw, in the JSON of the event), dropped from the field, gave the whole key back.
    const std::string key = "sk-esc-0123456789abcdef";
    fake_ai_server server;
    server.script(test::stream_reply({"{\"name\": \"\\u0073k-esc-0123456789abcdef\", \"profile\": {\"role\": \"sk-e",
                                      "sc\x01-0123456789abcdef\"}, \"pain_points\": [{\"text\": \"Cost \\u0073k-esc-",
                                      "0123456789abcdef\", \"category\": \"financial\"}]}"}));
    server.script(test::completion_reply("{\"seller_actions\": \"sk-esc-012345\\u00367\", \"content_type\": "
                                         "\"\\u0073k-esc-0123456789abcdef\", \"key_message\": \"Mind the key\"}"));
    ai_settings s = settings_for(server);
    s.api_key = key;
    const ai_client client(s);
    const auto p = persona_from_notes(client, "Notes");
    BOOST_TEST_REQUIRE(bool(p), p.error());
    BOOST_TEST(p.value->name == "[API key]");
    BOOST_TEST(p.value->profile.role == "[API key]");
    BOOST_TEST(p.value->pain_points.at(0).text == "Cost [API key]");
    map_fixture m;
    const auto suggestion = suggest_for_stage(client, m.p(), "stage-1");
    BOOST_TEST_REQUIRE(bool(suggestion), suggestion.error());
    BOOST_TEST(suggestion.value->seller_actions == "[API key]67");  // masked as it arrived
    BOOST_TEST(suggestion.value->content_type == "[API key]");
}

BOOST_AUTO_TEST_CASE(notes_that_cannot_be_sent_are_refused_before_any_request) {
    fake_ai_server server;
    const ai_client client(settings_for(server));
    BOOST_TEST(persona_from_notes(client, "Dana \xC3\x28 CFO").error() == "the notes are not valid UTF-8 text");
    BOOST_TEST(persona_from_notes(client, " \n ").error() == "there are no notes to read");
    BOOST_TEST(persona_from_notes(client, std::string(max_notes_bytes + 1, 'n')).error() ==
               "the notes are 101 KB long; at most 100 KB can be read at once");
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_CASE(an_imported_persona_is_added_as_one_step_with_fresh_ids_and_its_own_name) {
    map_fixture m;
    const document before = m.doc;
    persona p = *persona_from_reply(R"({"name": "Marketing Director", "stages": [{"name": "A"}, {"name": "B"}]})").value;
    p.status = persona_status::completed;
    const std::string id = add_imported_persona(m.h, p);
    BOOST_TEST(id == "persona-2");
    const persona& added = m.doc.personas.back();
    BOOST_TEST(added.id == id);
    BOOST_TEST(added.name == "Marketing Director (2)");
    BOOST_TEST((added.status == persona_status::in_progress));
    BOOST_TEST_REQUIRE(added.stages.size() == 2u);
    BOOST_TEST(added.stages[0].id == "stage-3");
    BOOST_TEST(added.stages[1].id == "stage-4");
    BOOST_TEST(m.h.undo_description() == "Add Persona Marketing Director (2)");
    BOOST_TEST(m.h.undo());
    BOOST_TEST((m.doc == before));
}

// ---- free questions -------------------------------------------------------------------------

namespace {

// An interview waiting at the buyer actions of Awareness.
struct conversation {
    document doc;
    history h{doc};
    interview iv{h};
    explicit conversation(bool ai) {
        if (ai) iv.set_ai_assistant("Test AI");
        iv.start();
        for (std::string_view a : {"Marketing Director", "Too expensive", "standard"}) iv.answer(a);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(without_an_ai_assistant_questions_are_answers_as_before_and_ask_says_the_ai_is_off) {
    conversation c(false);
    const auto stored = c.iv.answer("What tools exist for this?");
    BOOST_TEST(c.doc.personas.at(0).stages.at(0).buyer_actions == "What tools exist for this?");
    BOOST_TEST(!replied(stored, message_kind::free_question, ""));

    const document before = c.doc;
    const auto off = c.iv.answer("ask: how long is a typical stage?");
    BOOST_TEST(replied(off, message_kind::error, "The AI assistant is off, so I can't answer questions."));
    BOOST_TEST((off.back().kind == message_kind::question));
    BOOST_TEST((c.doc == before));
}

BOOST_AUTO_TEST_CASE(with_an_ai_assistant_questions_go_to_the_ai_and_leave_the_question_open) {
    conversation c(true);
    const document before = c.doc;
    const auto open = c.iv.repeat_question();

    const auto asked = c.iv.answer("ask: what do buyers do here?");
    BOOST_TEST_REQUIRE(asked.size() == 1u);
    BOOST_TEST((asked[0].kind == message_kind::free_question));
    BOOST_TEST(asked[0].text == "what do buyers do here?");
    BOOST_TEST((c.doc == before));
    BOOST_TEST(c.iv.repeat_question().at(0).text == open.at(0).text);

    const auto question_word = c.iv.answer("What should I write here?");
    BOOST_TEST((question_word.at(0).kind == message_kind::free_question));
    // A rhetorical answer without a question word is an answer; the same question sent twice is too.
    c.iv.answer("Still losing hours to reports?");
    BOOST_TEST(c.doc.personas.at(0).stages.at(0).buyer_actions == "Still losing hours to reports?");
    BOOST_TEST((c.iv.answer("How long does this take?").at(0).kind == message_kind::free_question));
    c.iv.answer("How long does this take?");
    BOOST_TEST(c.doc.personas.at(0).stages.at(0).duration == "How long does this take?");

    BOOST_TEST(replied(c.iv.answer("?"), message_kind::info, "ask: QUESTION: ask the AI assistant"));
    BOOST_TEST(replied(c.iv.answer("ask:"), message_kind::error, "Type your question after 'ask:'"));
}

BOOST_AUTO_TEST_CASE(at_a_question_with_choices_any_question_goes_to_the_ai) {
    document doc;
    history h(doc);
    interview iv(h);
    iv.set_ai_assistant("Test AI");
    iv.start();
    iv.answer("COO");
    iv.answer("Slow");
    const auto asked = iv.answer("Standard or custom for a SaaS startup?");
    BOOST_TEST((asked.at(0).kind == message_kind::free_question));
    BOOST_TEST(doc.personas.at(0).stages.empty());
    iv.answer("standard");
    BOOST_TEST(doc.personas.at(0).stages.size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_free_question_is_answered_with_the_persona_and_the_open_question) {
    fake_ai_server server;
    server.script(test::stream_reply({"Peers and ", "analysts."}));
    map_fixture m;
    std::string streamed;
    const auto a = answer_free_question(ai_client(settings_for(server)), &m.p(), " Who influences them? ",
                                        "Who are the key influencers?", [&](std::string_view p) { streamed += p; });
    BOOST_TEST_REQUIRE(bool(a), a.error());
    BOOST_TEST(*a.value == "Peers and analysts.");
    BOOST_TEST(streamed == "Peers and analysts.");
    const json sent = messages_of(server, 0);
    BOOST_TEST(sent[1]["content"] == "Who influences them?");
    const std::string system = sent[0]["content"];
    BOOST_TEST(has(system, "Persona: Marketing Director"));
    BOOST_TEST(has(system, "The interview is waiting for the answer to: Who are the key influencers?"));
    BOOST_TEST(answer_free_question(ai_client(settings_for(server)), nullptr, "  ", "").error() ==
               "there is no question to answer");
}
