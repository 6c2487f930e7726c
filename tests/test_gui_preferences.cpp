// Drives the AI Assistant page of the Preferences window: what is saved where, what is refused,
// and Test Connection against a fake Chat Completions server on 127.0.0.1.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <wx/bookctrl.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include "ai_preferences.h"
#include "fake_ai_server.h"
#include "autosaver.h"
#include "gui_fixture.h"

using namespace gui_test;
using namespace std::chrono_literals;
using test::fake_ai_server;

namespace {

// Sets an environment variable (or unsets it, for nullptr) until the end of the scope.
class scoped_env {
public:
    scoped_env(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            setenv(name, value, 1);
        else
            unsetenv(name);
    }
    ~scoped_env() {
        if (m_old)
            setenv(m_name, m_old->c_str(), 1);
        else
            unsetenv(m_name);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

// No AI service in the environment, an empty settings store, and the page in a window of its own
// once opened.
struct page {
    std::vector<std::unique_ptr<scoped_env>> env;
    wxStringInputStream nothing{wxString()};
    wxFileConfig config{nothing};
    std::vector<AiPreferences> applied;
    wxFrame* frame = nullptr;
    AiPreferencesPanel* panel = nullptr;

    page() {
        for (const char* name : {"BPMAP_AI_URL", "BPMAP_AI_MODEL", "BPMAP_API_KEY", "OPENAI_API_KEY", "BPMAP_AI_TIMEOUT"})
            env.push_back(std::make_unique<scoped_env>(name, nullptr));
    }
    ~page() { close(); }

    // Opens the page, which reads the store and the environment as they are now.
    AiPreferencesPanel& open() {
        close();
        frame = new wxFrame(nullptr, wxID_ANY, "AI Assistant");
        panel = new AiPreferencesPanel(frame, config, [this](const AiPreferences& prefs) { applied.push_back(prefs); });
        frame->SetClientSize(panel->GetBestSize());
        frame->Show();
        Pump();
        return *panel;
    }
    void close() {
        if (!frame) return;
        panel->Destroy();  // at once, before the store and the callback go
        frame->Destroy();
        frame = nullptr;
        panel = nullptr;
        Pump();
    }
};

void Type(wxTextCtrl* field, const wxString& text) {
    field->SetValue(text);
    Pump();
}

void Tick(wxCheckBox* box, bool on) {
    box->SetValue(on);
    wxCommandEvent event(wxEVT_CHECKBOX, box->GetId());
    event.SetInt(on);
    event.SetEventObject(box);
    box->ProcessWindowEvent(event);
    Pump();
}

void Spin(wxSpinCtrl* spin, int value) {
    spin->SetValue(value);
    wxSpinEvent event(wxEVT_SPINCTRL, spin->GetId());
    event.SetPosition(value);
    event.SetEventObject(spin);
    spin->ProcessWindowEvent(event);
    Pump();
}

// Clicks without letting queued events run, so what the click did at once can be seen.
void Click(wxButton* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
}

// A message line's text as one line, however it was wrapped.
wxString Text(const wxStaticText* line) {
    wxString text = line->GetLabel();
    text.Replace("\n", " ");
    return text;
}

// Switches the service on and types its settings in.
void SetUp(AiPreferencesPanel& p, const std::string& url, const std::string& model, const std::string& key) {
    Tick(p.GetEnableBox(), true);
    Type(p.GetUrlField(), ToWx(url));
    Type(p.GetModelField(), ToWx(model));
    Type(p.GetKeyField(), ToWx(key));
}

// Lets events run until the connection test has shown its outcome; false when it took too long.
bool WaitForTest(const AiPreferencesPanel& p) {
    return WaitFor([&p] { return !p.IsTesting(); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(preferences)

BOOST_FIXTURE_TEST_CASE(with_nothing_saved_and_nothing_in_the_environment_no_service_is_used, page) {
    const AiPreferences prefs = LoadAiPreferences(config);
    BOOST_TEST(!prefs.enabled);
    BOOST_TEST(!prefs.settings.configured());
    BOOST_TEST(!prefs.Active());

    AiPreferencesPanel& p = open();
    BOOST_TEST(!p.GetEnableBox()->GetValue());
    BOOST_TEST(p.GetUrlField()->IsEmpty());
    BOOST_TEST(!p.GetUrlField()->IsEnabled());
    BOOST_TEST(p.GetUrlField()->GetHint() == "http://localhost:11434/v1");
    BOOST_TEST(p.GetModelField()->GetHint() == "llama3.1");
    BOOST_TEST(p.GetKeyField()->HasFlag(wxTE_PASSWORD));
    BOOST_TEST(p.GetTimeoutField()->GetValue() == 60);
    BOOST_TEST(p.GetTimeoutField()->GetMin() == 5);
    BOOST_TEST(p.GetTimeoutField()->GetMax() == 3600);
    BOOST_TEST(bool(p.CheckPreferences()));
    BOOST_TEST(Text(p.GetProblemLine()).empty());
    BOOST_TEST(!p.GetTestButton()->IsEnabled());
    // Looking is no choice: nothing is saved until the user changes something.
    BOOST_TEST(config.GetNumberOfEntries(true) == 0u);
    BOOST_TEST(applied.empty());
}

BOOST_FIXTURE_TEST_CASE(a_service_set_up_in_the_environment_is_on_until_switched_off, page) {
    scoped_env url("BPMAP_AI_URL", "http://localhost:11434/v1"), model("BPMAP_AI_MODEL", "llama3.1"),
        timeout("BPMAP_AI_TIMEOUT", "30");
    const AiPreferences prefs = LoadAiPreferences(config);
    BOOST_TEST(prefs.enabled);
    BOOST_TEST(prefs.settings.base_url == "http://localhost:11434/v1");
    BOOST_TEST(prefs.settings.model == "llama3.1");
    BOOST_TEST(prefs.settings.timeout_seconds == 30);
    BOOST_TEST(prefs.Active());

    AiPreferencesPanel& p = open();
    BOOST_TEST(p.GetEnableBox()->GetValue());
    BOOST_TEST(p.GetUrlField()->GetValue() == "http://localhost:11434/v1");
    BOOST_TEST(p.GetTimeoutField()->GetValue() == 30);
    BOOST_TEST(p.GetTestButton()->IsEnabled());
    Tick(p.GetEnableBox(), false);
    BOOST_TEST(!LoadAiPreferences(config).enabled);
    BOOST_TEST_REQUIRE(applied.size() == 1u);
    BOOST_TEST(!applied.back().enabled);
    BOOST_TEST(!applied.back().Active());
    BOOST_TEST(!p.GetUrlField()->IsEnabled());
}

BOOST_FIXTURE_TEST_CASE(a_service_set_up_wrongly_in_the_environment_is_ignored, page) {
    {
        scoped_env url("BPMAP_AI_URL", "http://localhost:11434/v1");
        BOOST_TEST(!LoadAiPreferences(config).enabled);
        BOOST_TEST(LoadAiPreferences(config).settings.base_url.empty());
    }
    scoped_env url("BPMAP_AI_URL", "http://localhost:11434/v1"), model("BPMAP_AI_MODEL", "llama3.1"),
        timeout("BPMAP_AI_TIMEOUT", "soon");
    const AiPreferences prefs = LoadAiPreferences(config);
    BOOST_TEST(!prefs.enabled);
    BOOST_TEST(!prefs.settings.configured());
}

BOOST_FIXTURE_TEST_CASE(settings_typed_into_the_page_are_saved_and_load_back, page) {
    AiPreferencesPanel& p = open();
    Tick(p.GetEnableBox(), true);
    BOOST_TEST(p.GetUrlField()->IsEnabled());
    BOOST_TEST(Text(p.GetProblemLine()) == "Not saved: no AI service URL is set.");
    BOOST_TEST(!config.HasEntry("/AI/Enabled"));
    Type(p.GetUrlField(), "http://localhost:11434/v1");
    Type(p.GetModelField(), "llama3.1");
    Type(p.GetKeyField(), "sk-test-1234");
    Spin(p.GetTimeoutField(), 120);
    BOOST_TEST(Text(p.GetProblemLine()).empty());

    const AiPreferences saved = LoadAiPreferences(config);
    BOOST_TEST(saved.enabled);
    BOOST_TEST(saved.settings.base_url == "http://localhost:11434/v1");
    BOOST_TEST(saved.settings.model == "llama3.1");
    BOOST_TEST(saved.settings.api_key == "sk-test-1234");
    BOOST_TEST(saved.settings.timeout_seconds == 120);
    BOOST_TEST(saved.Active());
    BOOST_TEST(config.Read("/AI/APIKey", wxString()) == "sk-test-1234");
    BOOST_TEST_REQUIRE(!applied.empty());
    BOOST_TEST(applied.back().settings.timeout_seconds == 120);
    BOOST_TEST(applied.back().Active());

    AiPreferencesPanel& again = open();
    BOOST_TEST(again.GetEnableBox()->GetValue());
    BOOST_TEST(again.GetUrlField()->GetValue() == "http://localhost:11434/v1");
    BOOST_TEST(again.GetModelField()->GetValue() == "llama3.1");
    BOOST_TEST(again.GetKeyField()->GetValue() == "sk-test-1234");
    BOOST_TEST(again.GetTimeoutField()->GetValue() == 120);
}

BOOST_FIXTURE_TEST_CASE(saved_values_are_read_back_as_written, page) {
    AiPreferences prefs;
    prefs.enabled = true;
    prefs.settings.base_url = "https://ai.example.com/v1";
    prefs.settings.model = "gpt-4o-mini";
    prefs.settings.api_key = "sk-$HOME-and-\\$PATH";
    prefs.settings.timeout_seconds = 90;
    SaveAiPreferences(config, prefs);
    const AiPreferences loaded = LoadAiPreferences(config);
    BOOST_TEST(loaded.enabled);
    BOOST_TEST(loaded.settings.base_url == prefs.settings.base_url);
    BOOST_TEST(loaded.settings.model == prefs.settings.model);
    // The store expands environment variables unless told not to; a key is no such thing.
    BOOST_TEST(loaded.settings.api_key == prefs.settings.api_key);
    BOOST_TEST(loaded.settings.timeout_seconds == 90);
    BOOST_TEST(config.IsExpandingEnvVars());
}

BOOST_FIXTURE_TEST_CASE(the_environments_key_is_never_copied_into_the_settings, page) {
    scoped_env key("BPMAP_API_KEY", "sk-from-the-environment");
    AiPreferences prefs;
    prefs.enabled = true;
    prefs.settings.base_url = "https://ai.example.com/v1";
    prefs.settings.model = "gpt-4o-mini";
    prefs.settings.api_key = "sk-from-the-environment";
    SaveAiPreferences(config, prefs);
    BOOST_TEST(!config.HasEntry("/AI/APIKey"));
    BOOST_TEST(LoadAiPreferences(config).settings.api_key == "sk-from-the-environment");
    prefs.settings.api_key = "sk-own";
    SaveAiPreferences(config, prefs);
    BOOST_TEST(config.Read("/AI/APIKey", wxString()) == "sk-own");
    prefs.settings.api_key.clear();
    SaveAiPreferences(config, prefs);
    BOOST_TEST(!config.HasEntry("/AI/APIKey"));
    BOOST_TEST(LoadAiPreferences(config).settings.api_key == "sk-from-the-environment");

    // The page shows the environment's key as an empty field, which goes on using it.
    AiPreferencesPanel& p = open();
    BOOST_TEST(p.GetKeyField()->IsEmpty());
    BOOST_TEST(p.GetPreferences().settings.api_key == "sk-from-the-environment");
    Type(p.GetKeyField(), "sk-from-the-environment");
    BOOST_TEST(!config.HasEntry("/AI/APIKey"));
    Type(p.GetKeyField(), "sk-own");
    BOOST_TEST(config.Read("/AI/APIKey", wxString()) == "sk-own");
    BOOST_TEST(applied.back().settings.api_key == "sk-own");
    Type(p.GetKeyField(), "");
    BOOST_TEST(!config.HasEntry("/AI/APIKey"));
    BOOST_TEST(applied.back().settings.api_key == "sk-from-the-environment");
}

BOOST_FIXTURE_TEST_CASE(an_invalid_url_says_why_and_is_not_saved, page) {
    AiPreferencesPanel& p = open();
    SetUp(p, "http://localhost:11434/v1", "llama3.1", "");
    const std::size_t before = applied.size();
    Type(p.GetUrlField(), "ftp://x");
    BOOST_TEST(Text(p.GetProblemLine()) == "Not saved: the AI service URL must start with http:// or https://.");
    BOOST_TEST(p.GetProblemLine()->GetForegroundColour() == *wxRED);
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://localhost:11434/v1");
    BOOST_TEST(applied.size() == before);
    BOOST_TEST(!p.Apply());
    BOOST_TEST(!p.Validate());
    BOOST_TEST(!p.GetTestButton()->IsEnabled());
    Type(p.GetUrlField(), "http://user:secret@localhost:11434/v1");
    BOOST_TEST(Text(p.GetProblemLine()).Contains("must not contain a user name or password"));
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://localhost:11434/v1");

    // Switching a broken service off is saved; the broken URL is not.
    Tick(p.GetEnableBox(), false);
    BOOST_TEST(!LoadAiPreferences(config).enabled);
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://localhost:11434/v1");
    BOOST_TEST(applied.size() == before + 1);
    BOOST_TEST(!applied.back().enabled);
    BOOST_TEST(p.Validate());
}

BOOST_FIXTURE_TEST_CASE(test_connection_names_the_host_and_model_that_answered, page) {
    fake_ai_server server;
    server.script(test::completion_reply("OK"));
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "");
    Click(p.GetTestButton());
    BOOST_TEST(p.IsTesting());
    BOOST_TEST(!p.GetTestButton()->IsEnabled());
    BOOST_TEST(Text(p.GetTestLine()) == "Testing...");
    BOOST_TEST_REQUIRE(WaitForTest(p));

    const wxString line = Text(p.GetTestLine());
    BOOST_TEST(line.StartsWith(wxString::Format("Connected to 127.0.0.1:%d: model test-model answered in ", server.port())),
               line);
    BOOST_TEST(line.EndsWith(" ms"));
    BOOST_TEST(p.GetTestButton()->IsEnabled());
    const std::vector<test::recorded_request> requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].path == "/v1/chat/completions");
    BOOST_TEST(!requests[0].has_header("authorization"));
    const nlohmann::json body = nlohmann::json::parse(requests[0].body);
    BOOST_TEST(body["model"] == "test-model");
    BOOST_TEST(body["messages"].size() == 1u);
    BOOST_TEST(body["messages"][0]["content"].get<std::string>().find("OK") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(test_connection_reads_a_streamed_answer_and_sends_the_key, page) {
    fake_ai_server server;
    server.script(test::stream_reply({"O", "K"}));
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "sk-typed-key");
    Click(p.GetTestButton());
    BOOST_TEST_REQUIRE(WaitForTest(p));
    BOOST_TEST(Text(p.GetTestLine()).StartsWith("Connected to 127.0.0.1:"), Text(p.GetTestLine()));
    BOOST_TEST_REQUIRE(server.requests().size() == 1u);
    BOOST_TEST(server.requests()[0].header("authorization") == "Bearer sk-typed-key");
    BOOST_TEST(nlohmann::json::parse(server.requests()[0].body)["stream"] == true);
}

BOOST_FIXTURE_TEST_CASE(test_connection_uses_the_environments_key_when_the_field_is_empty, page) {
    scoped_env key("OPENAI_API_KEY", "sk-from-the-environment");
    fake_ai_server server;
    server.script(test::completion_reply("OK"));
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "");
    Click(p.GetTestButton());
    BOOST_TEST_REQUIRE(WaitForTest(p));
    BOOST_TEST_REQUIRE(server.requests().size() == 1u);
    BOOST_TEST(server.requests()[0].header("authorization") == "Bearer sk-from-the-environment");
}

BOOST_FIXTURE_TEST_CASE(a_refused_key_shows_the_services_own_message, page) {
    fake_ai_server server;
    server.script(test::error_reply(401, "Invalid API key"));
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "sk-secret-0123456789");
    Click(p.GetTestButton());
    BOOST_TEST_REQUIRE(WaitForTest(p));
    const wxString line = Text(p.GetTestLine());
    BOOST_TEST(line.StartsWith("The test failed: "), line);
    BOOST_TEST(line.Contains("HTTP 401"), line);
    BOOST_TEST(line.Contains("Invalid API key"), line);
    BOOST_TEST(!line.Contains("sk-secret"));
    BOOST_TEST(p.GetTestLine()->GetForegroundColour() == *wxRED);
    // A test asks once: a refusal is not worth asking again.
    BOOST_TEST(server.requests().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(test_connection_says_when_nothing_listens, page) {
    AiPreferencesPanel& p = open();
    SetUp(p, "http://127.0.0.1:" + std::to_string(test::closed_port()) + "/v1", "test-model", "");
    Click(p.GetTestButton());
    BOOST_TEST_REQUIRE(WaitForTest(p));
    const wxString line = Text(p.GetTestLine());
    BOOST_TEST(line.StartsWith("The test failed: could not connect to the AI service at 127.0.0.1:"), line);
    // Changing a setting clears an outcome that no longer applies.
    Type(p.GetModelField(), "other-model");
    BOOST_TEST(Text(p.GetTestLine()).empty());
}

BOOST_FIXTURE_TEST_CASE(closing_the_page_during_a_test_stops_it_at_once, page) {
    fake_ai_server server;
    // A reply a minute away: closing that waited for it would return after the server began
    // answering; closing that stops the test returns before, with no answer begun.
    test::fake_response slow = test::completion_reply("OK");
    slow.delay = 60s;
    server.script(slow);
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "");
    Click(p.GetTestButton());
    BOOST_TEST(p.IsTesting());
    BOOST_TEST_REQUIRE(WaitFor([&server] { return server.requests().size() == 1u; }, 60s));
    close();
    BOOST_TEST(server.responses_begun() == 0u);
}

BOOST_FIXTURE_TEST_CASE(the_preferences_window_has_the_ai_page_and_saves_its_changes, page) {
    wxConfigBase& settings = *wxConfigBase::Get();
    settings.DeleteGroup("/AI");
    std::vector<AiPreferences> received;
    ShowPreferences(&Frame(), [&received](const AiPreferences& prefs) { received.push_back(prefs); }, [](int) {});
    Pump();
    wxDialog* window = nullptr;
    for (wxWindow* top : wxTopLevelWindows)
        if (auto* dialog = dynamic_cast<wxDialog*>(top); dialog && dialog->GetTitle() == "Preferences") window = dialog;
    BOOST_TEST_REQUIRE(window != nullptr);
    BOOST_TEST(window->IsShown());
    auto* book = FindChild<wxBookCtrlBase>(window);
    BOOST_TEST_REQUIRE(book != nullptr);
    BOOST_TEST(book->GetPageCount() == 2u);
    BOOST_TEST(book->GetPageText(0) == "General");
    BOOST_TEST(book->GetPageText(1) == "AI Assistant");
    auto* ai = FindChild<AiPreferencesPanel>(window);
    BOOST_TEST_REQUIRE(ai != nullptr);

    SetUp(*ai, "http://localhost:11434/v1", "llama3.1", "");
    BOOST_TEST_REQUIRE(!received.empty());
    BOOST_TEST(received.back().Active());
    BOOST_TEST(LoadAiPreferences(settings).settings.model == "llama3.1");
    window->Destroy();
    Pump();
    settings.DeleteGroup("/AI");
}

BOOST_FIXTURE_TEST_CASE(the_general_page_sets_how_often_recovery_copies_are_written, page) {
    wxConfigBase& settings = *wxConfigBase::Get();
    BOOST_TEST(LoadAutosaveMinutes(settings) == 1);  // once a minute unless chosen otherwise
    Command(wxID_PREFERENCES);
    wxDialog* window = nullptr;
    for (wxWindow* top : wxTopLevelWindows)
        if (auto* dialog = dynamic_cast<wxDialog*>(top); dialog && dialog->GetTitle() == "Preferences") window = dialog;
    BOOST_TEST_REQUIRE(window != nullptr);
    auto* minutes = FindChild<wxSpinCtrl>(window);  // the General page comes first
    BOOST_TEST_REQUIRE(minutes != nullptr);
    BOOST_TEST(minutes->GetValue() == 1);
    for (int value : {5, 0, 1}) {
        minutes->SetValue(value);
        wxSpinEvent changed(wxEVT_SPINCTRL, minutes->GetId());
        changed.SetEventObject(minutes);
        changed.SetPosition(value);
        minutes->ProcessWindowEvent(changed);
        BOOST_TEST(LoadAutosaveMinutes(settings) == value);
        BOOST_TEST(TheDocManager().GetAutosaver()->GetInterval().count() == value * 60);
    }
    window->Destroy();
    Pump();
}

BOOST_FIXTURE_TEST_CASE(plain_http_to_another_computer_is_warned_about_and_refuses_a_key, page) {
    AiPreferencesPanel& p = open();
    SetUp(p, "http://localhost:11434/v1", "llama3.1", "sk-typed-key");
    BOOST_TEST(!p.GetUrlWarning()->IsShown());
    BOOST_TEST(Text(p.GetProblemLine()).empty());

    Type(p.GetUrlField(), "http://192.168.1.5:11434/v1");
    BOOST_TEST(p.GetUrlWarning()->IsShown());
    BOOST_TEST(Text(p.GetUrlWarning()).Contains("not encrypted"));
    BOOST_TEST(Text(p.GetUrlWarning()).Contains("Use https://"));
    BOOST_TEST(Text(p.GetProblemLine()).Contains("the API key would travel unencrypted to 192.168.1.5:11434"));
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://localhost:11434/v1");

    // Without a key the service may be used, still with the warning.
    Type(p.GetKeyField(), "");
    BOOST_TEST(p.GetUrlWarning()->IsShown());
    BOOST_TEST(Text(p.GetProblemLine()).empty());
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://192.168.1.5:11434/v1");

    Type(p.GetUrlField(), "https://192.168.1.5/v1");
    BOOST_TEST(!p.GetUrlWarning()->IsShown());
}

BOOST_FIXTURE_TEST_CASE(a_service_on_the_network_can_be_used_without_the_environments_key, page) {
    // OPENAI_API_KEY is set for other tools; the service on the local network needs no key.
    scoped_env key("OPENAI_API_KEY", "sk-for-other-tools");
    AiPreferencesPanel& p = open();
    BOOST_TEST(!p.GetNoKeyBox()->GetValue());
    SetUp(p, "http://192.168.1.10:8080/v1", "llama3.1", "");
    BOOST_TEST(Text(p.GetProblemLine()).Contains("the API key would travel unencrypted to 192.168.1.10:8080"));
    BOOST_TEST(Text(p.GetProblemLine()).Contains("send no key if the service needs none"));
    BOOST_TEST(!config.HasEntry("/AI/URL"));

    Tick(p.GetNoKeyBox(), true);
    BOOST_TEST(Text(p.GetProblemLine()).empty(), Text(p.GetProblemLine()));
    BOOST_TEST(!p.GetKeyField()->IsEnabled());
    BOOST_TEST(p.GetUrlWarning()->IsShown());
    BOOST_TEST(config.Read("/AI/URL", wxString()) == "http://192.168.1.10:8080/v1");
    BOOST_TEST(!config.ReadBool("/AI/SendAPIKey", true));
    BOOST_TEST(!config.HasEntry("/AI/APIKey"));
    BOOST_TEST_REQUIRE(!applied.empty());
    BOOST_TEST(applied.back().Active());
    BOOST_TEST(!bpm::sends_api_key(applied.back().settings));

    // Kept for the next start.
    AiPreferencesPanel& again = open();
    BOOST_TEST(again.GetNoKeyBox()->GetValue());
    BOOST_TEST(!again.GetKeyField()->IsEnabled());
    BOOST_TEST(!LoadAiPreferences(config).settings.send_api_key);
}

BOOST_FIXTURE_TEST_CASE(test_connection_sends_no_key_when_told_not_to, page) {
    scoped_env key("OPENAI_API_KEY", "sk-for-other-tools");
    fake_ai_server server;
    server.script(test::completion_reply("OK"));
    AiPreferencesPanel& p = open();
    SetUp(p, server.base_url(), "test-model", "");
    Tick(p.GetNoKeyBox(), true);
    Click(p.GetTestButton());
    BOOST_TEST_REQUIRE(WaitForTest(p));
    BOOST_TEST_REQUIRE(server.requests().size() == 1u);
    BOOST_TEST(!server.requests()[0].has_header("authorization"));
}

BOOST_AUTO_TEST_SUITE_END()
