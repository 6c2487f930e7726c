// The editor's AI assistant, driven through the real window against a fake Chat Completions
// server on 127.0.0.1: the indicator, the streamed summary and Stop, free questions, suggestions
// and a persona from notes. Nothing reaches the document until the user accepts.
#include <chrono>

#include <wx/stattext.h>

#include "ai_service.h"
#include "bpm/summary.h"
#include "fake_ai_server.h"
#include "gui_fixture.h"

using namespace gui_test;
using namespace std::chrono_literals;

namespace {

AiService& Ai() { return Frame().GetAiService(); }

void UseAi(const AiPreferences& prefs) {
    Ai().SetPreferences(prefs);
    Chat().AiPreferencesChanged();
}

bool Idle() { return !Ai().Busy(); }

// The sample open in the editor with the AI assistant switched on and talking to a fake server.
struct ai_editor : editor {
    test::fake_ai_server server;

    ai_editor() {
        AiPreferences prefs;
        prefs.enabled = true;
        prefs.settings.base_url = server.base_url();
        prefs.settings.model = "test-model";
        prefs.settings.timeout_seconds = 5;
        prefs.settings.max_retries = 0;
        UseAi(prefs);
    }
    ~ai_editor() {
        Ai().Stop();
        BOOST_TEST(WaitFor(Idle));
        UseAi(AiPreferences{});
    }

    // A persona of the sample whose every stage is filled, without its summary, with the
    // assistant at the summary offer.
    std::string at_summary_offer() {
        std::string id;
        for (const persona& p : doc->Model().personas) {
            bool filled = !p.stages.empty() && !p.pain_points.empty();
            for (const stage& s : p.stages)
                for (stage_field f : all_stage_fields) filled = filled && !s.field(f).empty();
            if (filled) {
                id = p.id;
                break;
            }
        }
        BOOST_TEST_REQUIRE(!id.empty());
        doc->Submit(set_summary(id, std::nullopt));
        Context().SelectPersona(id);
        Chat().ContinuePersona(id);
        Pump();
        BOOST_TEST_REQUIRE((Chat().Interview()->phase() == interview_phase::summary));
        return id;
    }

    const persona& model_persona(const std::string& id) const {
        return doc->Model().personas[doc->Model().find_persona(id)];
    }
    std::string last_request_body() const {
        const auto requests = server.requests();
        return requests.empty() ? std::string() : requests.back().body;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ai_assistant)

BOOST_FIXTURE_TEST_CASE(the_indicator_says_whether_the_ai_is_on_and_which, ai_editor) {
    BOOST_TEST(Chat().AiIndicator()->GetLabel().Contains("test-model"));
    BOOST_TEST(Chat().AiIndicator()->GetLabel().Contains(wxString::Format("127.0.0.1:%d", server.port())));
    UseAi(AiPreferences{});
    BOOST_TEST(Chat().AiIndicator()->GetLabel().Contains("Offline assistant"));
    // Without a service, a question is no question for the AI: the assistant says it is off.
    TypeAndEnter("ask: what is a key message?");
    BOOST_TEST(Said("The AI assistant is off"));
    BOOST_TEST(server.requests().empty());
}

BOOST_FIXTURE_TEST_CASE(the_summary_streams_into_the_chat_and_view_then_is_one_ai_undo_step, ai_editor) {
    const std::string id = at_summary_offer();
    test::fake_response reply = test::stream_reply({"Maya ", "buys ", "slowly."});
    reply.piece_delay = 300ms;
    server.script(reply);
    Context().ShowPage(EditingContext::Page::Summary);
    Click("Yes");

    // While it writes: the text grows in a bubble and in the summary view; Stop replaces Send.
    BOOST_TEST(WaitFor([] { return Said("Maya buys"); }));
    BOOST_TEST(Chat().StopButton()->IsShown());
    BOOST_TEST(!Chat().Input()->IsEnabled());
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->GetValue().StartsWith("Maya buys"));
    BOOST_TEST(!model_persona(id).summary.has_value());

    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(!Chat().StopButton()->IsShown());
    BOOST_TEST(Chat().Input()->IsEnabled());
    BOOST_TEST_REQUIRE(model_persona(id).summary.has_value());
    BOOST_TEST(model_persona(id).summary->text == "Maya buys slowly.");
    BOOST_TEST((model_persona(id).summary->source == summary_source::ai));
    BOOST_TEST(Said("Here's a summary for"));
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->GetValue() == "Maya buys slowly.");
    const std::string body = last_request_body();
    BOOST_TEST(body.find("\"model\":\"test-model\"") != std::string::npos, body);
    BOOST_TEST(body.find(ToUtf8(ToWx(model_persona(id).name))) != std::string::npos);
    BOOST_TEST(body.find("\"stream\":true") != std::string::npos);

    Command(wxID_UNDO);
    BOOST_TEST(!model_persona(id).summary.has_value());
}

BOOST_FIXTURE_TEST_CASE(a_summary_for_a_persona_deleted_meanwhile_is_dropped, ai_editor) {
    const std::string id = at_summary_offer();
    test::fake_response reply = test::stream_reply({"Too ", "late."});
    reply.piece_delay = 300ms;
    server.script(reply);
    Click("Yes");
    BOOST_TEST(WaitFor([] { return Said("Too"); }));
    const std::size_t before = doc->Model().personas.size();
    doc->Submit(remove_persona(id));
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("The map changed while the summary was written"));
    BOOST_TEST(doc->Model().personas.size() == before - 1);
    Command(wxID_UNDO);
    BOOST_TEST_REQUIRE(doc->Model().find_persona(id) != npos);
    BOOST_TEST(!model_persona(id).summary.has_value());
}

BOOST_FIXTURE_TEST_CASE(stop_ends_the_summary_at_once_and_the_offline_one_is_stored, ai_editor) {
    const std::string id = at_summary_offer();
    test::fake_response reply = test::stream_reply({"Slow ", "summary ", "never ", "finished."});
    // The next piece would come in a minute: idle before then means Stop ended the call.
    reply.piece_delay = 60000ms;
    server.script(reply);
    Click("Yes");
    BOOST_TEST(WaitFor([] { return Said("Slow"); }));
    wxCommandEvent click(wxEVT_BUTTON, Chat().StopButton()->GetId());
    click.SetEventObject(Chat().StopButton());
    Chat().StopButton()->ProcessWindowEvent(click);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("you stopped it"));
    BOOST_TEST_REQUIRE(model_persona(id).summary.has_value());
    BOOST_TEST((model_persona(id).summary->source == summary_source::template_text));
    BOOST_TEST(model_persona(id).summary->text == template_summary(model_persona(id)));
}

BOOST_FIXTURE_TEST_CASE(a_failing_service_says_why_and_the_offline_summary_is_offered, ai_editor) {
    const std::string id = at_summary_offer();
    Chat().Restart();
    Pump();
    server.script(test::error_reply(500, "model overloaded"));
    Command(ID_SUMMARY_GENERATE);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("model overloaded"));
    BOOST_TEST(!model_persona(id).summary.has_value());
    Click("Use the Offline Summary");
    BOOST_TEST_REQUIRE(model_persona(id).summary.has_value());
    BOOST_TEST((model_persona(id).summary->source == summary_source::template_text));
    BOOST_TEST(undo_label().Contains("Summary"));
}

BOOST_FIXTURE_TEST_CASE(generate_summary_with_the_ai_stores_it_as_one_step, ai_editor) {
    const std::string id = at_summary_offer();
    server.script(test::stream_reply({"Written ", "by the model."}));
    Command(ID_SUMMARY_GENERATE);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST_REQUIRE(model_persona(id).summary.has_value());
    BOOST_TEST(model_persona(id).summary->text == "Written by the model.");
    BOOST_TEST((model_persona(id).summary->source == summary_source::ai));
    BOOST_TEST(Said("Stored as the summary of"));
    Command(wxID_UNDO);
    BOOST_TEST(!model_persona(id).summary.has_value());
}

BOOST_FIXTURE_TEST_CASE(a_free_question_is_answered_and_the_open_question_asked_again, ai_editor) {
    Click("No");
    TypeAndEnter("Procurement Lead");
    const document before = doc->Model();
    const wxString open = Chat().Transcript().back();
    server.script(test::stream_reply({"Name the ", "pains in ", "their words."}));
    TypeAndEnter("ask: what makes a good pain point?");
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("Name the pains in their words."));
    BOOST_TEST(Chat().Transcript().back() == open);
    BOOST_TEST((doc->Model() == before));
    BOOST_TEST(last_request_body().find("what makes a good pain point?") != std::string::npos);
    BOOST_TEST(last_request_body().find("Procurement Lead") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_suggestion_is_previewed_then_applied_as_one_step_or_dismissed, ai_editor) {
    Context().SelectPersona("persona-1");
    Context().ShowPage(EditingContext::Page::Stages);
    grid().SetGridCursor(0, 0);
    const document before = doc->Model();
    const std::string json = R"({"seller_actions": "Run a webinar", "content_type": "Webinar", "key_message": "Hours back every week"})";
    server.script(test::completion_reply(json));
    Command(ID_STAGE_SUGGEST);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("Run a webinar"));
    BOOST_TEST((doc->Model() == before));
    Click("Apply Suggestion");
    const stage& s = shown().stages[0];
    BOOST_TEST(s.seller_actions == "Run a webinar");
    BOOST_TEST(s.content_type == "Webinar");
    BOOST_TEST(s.key_message == "Hours back every week");
    BOOST_TEST(undo_label().Contains("Apply Suggestion"));
    Command(wxID_UNDO);
    BOOST_TEST((doc->Model() == before));

    // The grid's Suggest button does the same.
    server.script(test::completion_reply(json));
    auto* button = wxDynamicCast(wxWindow::FindWindowById(ID_STAGE_SUGGEST, Frame().GetStageGrid()), wxButton);
    BOOST_TEST_REQUIRE(button != nullptr);
    wxCommandEvent click(wxEVT_BUTTON, ID_STAGE_SUGGEST);
    click.SetEventObject(button);
    button->ProcessWindowEvent(click);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(server.requests().size() == 2u);
    Click("Dismiss");
    BOOST_TEST((doc->Model() == before));
    BOOST_TEST(Said("Dismissed"));
}

BOOST_FIXTURE_TEST_CASE(a_persona_from_notes_is_added_only_when_confirmed, ai_editor) {
    const document before = doc->Model();
    const std::string json = R"({"name": "Procurement Lead", "pain_points": [{"text": "Too many vendors", "category": "process"}],
        "stages": [{"name": "Tender", "buyer_actions": "Writes the RFP", "duration": "1 month"}, {"name": "Award"}]})";
    server.script(test::completion_reply(json));
    BOOST_TEST(Chat().ReadNotes("Call with Dana, head of procurement: too many vendors; tenders take a month."));
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("From your notes: Procurement Lead"));
    BOOST_TEST(Said("Tender (1 month): Writes the RFP"));
    BOOST_TEST((doc->Model() == before));
    BOOST_TEST(last_request_body().find("tenders take a month") != std::string::npos);
    Click("Add Persona");
    BOOST_TEST(doc->Model().personas.size() == before.personas.size() + 1);
    BOOST_TEST(shown().name == "Procurement Lead");
    BOOST_TEST(shown().stages.size() == 2u);
    Command(wxID_UNDO);
    BOOST_TEST((doc->Model() == before));

    server.script(test::completion_reply(json));
    BOOST_TEST(Chat().ReadNotes("Same call again."));
    BOOST_TEST(WaitFor(Idle));
    Click("Dismiss");
    BOOST_TEST((doc->Model() == before));
}

BOOST_FIXTURE_TEST_CASE(an_unreachable_service_gives_one_line_and_changes_nothing, ai_editor) {
    AiPreferences prefs = Ai().Preferences();
    prefs.settings.base_url = "http://127.0.0.1:" + std::to_string(test::closed_port()) + "/v1";
    UseAi(prefs);
    Context().SelectPersona("persona-1");
    grid().SetGridCursor(0, 0);
    const document before = doc->Model();
    Command(ID_STAGE_SUGGEST);
    BOOST_TEST(WaitFor(Idle));
    BOOST_TEST(Said("could not suggest anything"));
    BOOST_TEST((doc->Model() == before));
    BOOST_TEST(Chat().Input()->IsEnabled());
    // The conversation goes on: the open question's answers are offered again.
    BOOST_TEST(!Chat().ChoiceButtons().empty());
}

BOOST_FIXTURE_TEST_CASE(closing_the_map_while_the_ai_writes_stops_it, ai_editor) {
    at_summary_offer();
    test::fake_response reply = test::stream_reply({"Never ", "seen."});
    reply.piece_delay = 3000ms;
    server.script(reply);
    Click("Yes");
    BOOST_TEST(WaitFor([] { return Said("Never"); }));
    prompts.answers = {SaveChoice::Discard};
    TheDocManager().CloseDocuments(true);
    BOOST_TEST(WaitFor(Idle, 2000ms));
    BOOST_TEST(Context().GetDocument() == nullptr);
    BOOST_TEST(Chat().Transcript().empty());
    // Nothing is being written any more: the next map's summary page is not left waiting for it.
    BOOST_TEST(Context().GetSummaryDraftPersonaId().empty());
}

BOOST_AUTO_TEST_SUITE_END()
