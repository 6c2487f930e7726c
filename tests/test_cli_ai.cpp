#define BOOST_TEST_MODULE cli_ai
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "bpm/bpm_file.h"
#include "bpm/summary.h"
#include "fake_ai_server.h"
#include "test_support.h"

using namespace bpm;
using test::fake_ai_server;

namespace {

const std::string small = test::sample("small-business-owner.bpm");
const std::string nlyzer = test::sample("nlyzer-b2b-personas.bpm");
const std::string secret = "sk-cli-SECRET-42";

// The AI variables the child bpmap-cli inherits, set for one test and cleared after it.
struct ai_environment {
    explicit ai_environment(const std::string& url, const char* timeout = nullptr) {
        setenv("BPMAP_AI_URL", url.c_str(), 1);
        setenv("BPMAP_AI_MODEL", "cli-model", 1);
        setenv("BPMAP_API_KEY", secret.c_str(), 1);
        if (timeout) setenv("BPMAP_AI_TIMEOUT", timeout, 1);
    }
    ~ai_environment() {
        for (const char* name : {"BPMAP_AI_URL", "BPMAP_AI_MODEL", "BPMAP_API_KEY", "BPMAP_AI_TIMEOUT"}) unsetenv(name);
    }
};

test::run_result cli(const std::vector<std::string>& args, const std::string& input = {}) {
    return test::run_program(BPM_CLI, args, input);
}

// A whole interview with one question for the model ("ask: ...") before the summary.
const std::string interview_answers =
    "Marketing Director\nToo expensive\nstandard\nask: what do buyers do first?\nResearching problems\n"
    "2 weeks\nPeers\nComparing vendors\n1-2 months\nCFO\nNegotiating\n3 weeks\nCEO\nSend case studies\n"
    "Blog post\nWe understand you\nDemos\nWebinar\nWe fit\nPricing talks\nPricing sheet\nLow risk\nyes\n"
    "satisfied\ndone\n";

std::string offline_summary(const std::string& path) { return template_summary(load_bpm(path).value->personas.at(0)); }

}  // namespace

BOOST_AUTO_TEST_CASE(summary_ai_prints_what_the_model_writes) {
    fake_ai_server server;
    server.script(test::stream_reply({"Persona: Small Business Owner ", "(Budget constraints)\n", "Awareness: …"}));
    ai_environment env(server.base_url());
    const auto r = cli({"summary", small, "--ai"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty(), r.err);
    BOOST_TEST(r.out == "Persona: Small Business Owner (Budget constraints)\nAwareness: …\n");
    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    const auto body = nlohmann::json::parse(requests[0].body);
    BOOST_TEST(body["model"] == "cli-model");
    BOOST_TEST(body["stream"] == true);
    BOOST_TEST(requests[0].header("authorization") == "Bearer " + secret);
    BOOST_TEST(requests[0].body.find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(summary_ai_falls_back_to_the_offline_summary_with_a_warning) {
    fake_ai_server server;
    server.script(test::error_reply(401, "bad key " + secret));
    ai_environment env(server.base_url());
    const auto r = cli({"summary", small, "--ai"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == offline_summary(small));
    BOOST_TEST(r.err == "bpmap-cli: the AI could not write the summary of Small Business Owner: the AI service at "
                        "127.0.0.1:" + std::to_string(server.port()) +
                            " refused the API key (HTTP 401): bad key [API key]; printing the offline summary "
                            "instead\n");
}

BOOST_AUTO_TEST_CASE(after_one_failure_the_other_personas_are_summarised_offline_without_waiting) {
    ai_environment env("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/v1");
    const auto r = cli({"summary", nlyzer, "--ai"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == test::run_program(BPM_CLI, {"summary", nlyzer}).out);
    BOOST_TEST(r.err.find("printing offline summaries from here on") != std::string::npos, r.err);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

BOOST_AUTO_TEST_CASE(summary_ai_without_settings_says_so_and_goes_on_offline) {
    const auto r = cli({"summary", small, "--ai"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == offline_summary(small));
    BOOST_TEST(r.err == "bpmap-cli: --ai: the AI assistant is not set up (set BPMAP_AI_URL and BPMAP_AI_MODEL); going "
                        "on without it\n");

    ai_environment env("http://localhost:11434/v1", "never");
    const auto bad = cli({"summary", small, "--ai"});
    BOOST_TEST(bad.exit_code == 0);
    BOOST_TEST(bad.err.find("BPMAP_AI_TIMEOUT must be a number of seconds") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(no_api_key_sends_none_and_lets_a_service_on_the_network_be_used) {
    // A key in the environment would travel in the clear to a service on the network: refused,
    // and the warning says how to go on without it.
    {
        ai_environment env("http://192.168.1.10:8080/v1");
        const auto refused = cli({"summary", small, "--ai"});
        BOOST_TEST(refused.exit_code == 0);
        BOOST_TEST(refused.out == offline_summary(small));
        BOOST_TEST(refused.err == "bpmap-cli: --ai: the API key would travel unencrypted to 192.168.1.10:8080: use an "
                                  "https:// URL for a service on another computer (plain http:// is only for this "
                                  "computer), or send no key if the service needs none (--no-api-key sends none); "
                                  "going on without the AI assistant\n");
    }
    // With --no-api-key the requests carry none (the fake service is on this computer, where a
    // key would have been sent).
    fake_ai_server server;
    server.script(test::completion_reply("Written without a key"));
    ai_environment env(server.base_url());
    const auto r = test::run_program(BPM_CLI, {"summary", small, "--ai", "--no-api-key"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty(), r.err);
    BOOST_TEST(r.out == "Written without a key\n");
    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(!requests[0].has_header("authorization"));

    BOOST_TEST(cli({"summary", small, "--no-api-key"}).err.rfind("bpmap-cli: --no-api-key is for --ai\n", 0) == 0u);
    BOOST_TEST(cli({"interview", "--no-api-key"}).exit_code == 2);
    BOOST_TEST(cli({"--help"}).out.find("--no-api-key sends none") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ai_is_a_flag_without_a_value) {
    const auto r = cli({"summary", small, "--ai=yes"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.rfind("bpmap-cli: option --ai takes no value\n", 0) == 0u, r.err);
    BOOST_TEST(cli({"--help"}).out.find("summary FILE [--persona NAME] [--ai [--no-api-key]]") != std::string::npos);
    BOOST_TEST(cli({"export", small, "--format", "md", "-o", "-", "--ai"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(interview_ai_answers_questions_and_writes_the_summary) {
    fake_ai_server server;
    server.script(test::stream_reply({"Buyers research ", "problems first."}));
    server.script(test::stream_reply({"AI summary of the Marketing Director."}));
    ai_environment env(server.base_url());
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    test::temp_dir dir;
    const auto r = cli({"interview", "-o", dir.file("map.bpm"), "--ai"}, interview_answers);
    unsetenv("SOURCE_DATE_EPOCH");
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty(), r.err);
    const std::size_t answer = r.out.find("> ask: what do buyers do first?\n\nBuyers research problems first.\n\n");
    BOOST_TEST(answer != std::string::npos, r.out);
    BOOST_TEST(r.out.find("First, what are the primary buyer actions", answer) != std::string::npos);
    BOOST_TEST(r.out.find("    AI summary of the Marketing Director.") != std::string::npos);

    const auto map = load_bpm(dir.file("map.bpm"));
    BOOST_TEST_REQUIRE(bool(map), map.error());
    const persona& p = map.value->personas.at(0);
    BOOST_TEST(p.stages.at(0).buyer_actions == "Researching problems");
    BOOST_TEST_REQUIRE(p.summary.has_value());
    BOOST_TEST(p.summary->text == "AI summary of the Marketing Director.");
    BOOST_TEST((p.summary->source == summary_source::ai));
    BOOST_TEST(test::slurp(dir.file("map.bpm")).find(secret) == std::string::npos);
    BOOST_TEST(server.requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_key_the_model_echoes_is_neither_printed_nor_stored_in_the_map) {
    fake_ai_server server;
    // The key split between two pieces, as a model writes it token by token.
    server.script(test::stream_reply({"Summary for sk-cli-SEC", "RET-42."}));
    server.script(test::stream_reply({"Buyers research first; your key ", secret, " works."}));
    server.script(test::stream_reply({"Summary written with ", secret.substr(0, 9), secret.substr(9)}));
    ai_environment env(server.base_url());
    const auto printed = cli({"summary", small, "--ai"});
    BOOST_TEST(printed.exit_code == 0, printed.err);
    BOOST_TEST(printed.out == "Summary for [API key].\n");

    test::temp_dir dir;
    const auto r = cli({"interview", "-o", dir.file("map.bpm"), "--ai"}, interview_answers);
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("Buyers research first; your key [API key] works.") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("sk-cli") == std::string::npos, r.out);
    const auto map = load_bpm(dir.file("map.bpm"));
    BOOST_TEST_REQUIRE(bool(map), map.error());
    BOOST_TEST_REQUIRE(map.value->personas.at(0).summary.has_value());
    BOOST_TEST(map.value->personas.at(0).summary->text == "Summary written with [API key]");
    BOOST_TEST(test::slurp(dir.file("map.bpm")).find("sk-cli") == std::string::npos);
}
