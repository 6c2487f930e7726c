#define BOOST_TEST_MODULE ai_settings
#include <boost/test/unit_test.hpp>
#include <cstdlib>

#include "bpm/ai_settings.h"

using namespace bpm;

namespace {

// Sets (or with nullptr unsets) the AI variables for one test, and clears them afterwards.
struct environment {
    environment(const char* url, const char* model, const char* key = nullptr, const char* openai_key = nullptr,
                const char* timeout = nullptr) {
        set("BPMAP_AI_URL", url);
        set("BPMAP_AI_MODEL", model);
        set("BPMAP_API_KEY", key);
        set("OPENAI_API_KEY", openai_key);
        set("BPMAP_AI_TIMEOUT", timeout);
    }
    ~environment() {
        for (const char* name : {"BPMAP_AI_URL", "BPMAP_AI_MODEL", "BPMAP_API_KEY", "OPENAI_API_KEY", "BPMAP_AI_TIMEOUT"})
            unsetenv(name);
    }
    static void set(const char* name, const char* value) {
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
};

ai_settings valid() {
    ai_settings s;
    s.base_url = "http://localhost:11434/v1";
    s.model = "llama3.1";
    return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(nothing_set_means_not_configured_and_no_error) {
    environment env(nullptr, nullptr, nullptr, "sk-for-another-tool");
    const auto s = ai_settings_from_environment();
    BOOST_TEST_REQUIRE(bool(s));
    BOOST_TEST(!s.value->configured());
}

BOOST_AUTO_TEST_CASE(the_environment_gives_url_model_key_and_timeout) {
    environment env(" http://localhost:11434/v1 ", "llama3.1", "sk-bpmap", "sk-openai", "12.5");
    const auto s = ai_settings_from_environment();
    BOOST_TEST_REQUIRE(bool(s), s.error());
    BOOST_TEST(s.value->configured());
    BOOST_TEST(s.value->base_url == "http://localhost:11434/v1");
    BOOST_TEST(s.value->model == "llama3.1");
    BOOST_TEST(s.value->api_key == "sk-bpmap");
    BOOST_TEST(s.value->timeout_seconds == 12.5);
}

BOOST_AUTO_TEST_CASE(openai_api_key_is_the_fallback) {
    environment env("https://api.example.com/v1", "gpt-x", "", "sk-openai");
    BOOST_TEST(ai_settings_from_environment().value->api_key == "sk-openai");
}

BOOST_AUTO_TEST_CASE(unusable_variables_are_named) {
    {
        environment env("http://localhost:11434/v1", nullptr);
        BOOST_TEST(ai_settings_from_environment().error() ==
                   "set both BPMAP_AI_URL and BPMAP_AI_MODEL to use the AI assistant, or neither");
    }
    {
        environment env("http://localhost:11434/v1", "m", nullptr, nullptr, "soon");
        BOOST_TEST(ai_settings_from_environment().error() ==
                   "BPMAP_AI_TIMEOUT must be a number of seconds up to 3600, such as 60, not \"soon\"");
    }
    {
        environment env("localhost:11434", "m");
        BOOST_TEST(ai_settings_from_environment().error() == "the AI service URL must start with http:// or https://");
    }
}

BOOST_AUTO_TEST_CASE(validation_explains_each_problem_without_the_key) {
    BOOST_TEST(bool(validate_ai_settings(valid())));
    const auto problem = [](auto change) {
        ai_settings s = valid();
        change(s);
        return validate_ai_settings(s).error();
    };
    BOOST_TEST(problem([](ai_settings& s) { s.base_url.clear(); }) == "no AI service URL is set");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "file:///etc/passwd"; }) ==
               "the AI service URL must start with http:// or https://");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "http://local host/v1"; }) ==
               "the AI service URL must not contain spaces or control characters");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "https://user:sk-secret@example.com/v1"; }) ==
               "the AI service URL must not contain a user name or password; give the API key separately");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "http:///v1"; }) == "the AI service URL has no host name");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "http://localhost:99999/v1"; }) ==
               "the AI service URL has an invalid port number");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "http://localhost:/v1"; }) ==
               "the AI service URL has an invalid port number");
    BOOST_TEST(problem([](ai_settings& s) { s.model = " "; }) == "no AI model is set");
    BOOST_TEST(problem([](ai_settings& s) { s.api_key = "sk-a\r\nX-Evil: 1"; }) ==
               "the API key must not contain spaces or control characters");
    BOOST_TEST(problem([](ai_settings& s) { s.timeout_seconds = 0; }) ==
               "the AI timeout must be more than 0 and at most 3600 seconds");
    BOOST_TEST(problem([](ai_settings& s) { s.max_retries = 11; }) == "the number of AI retries must be from 0 to 10");
    BOOST_TEST(problem([](ai_settings& s) { s.base_url = "HTTPS://[::1]:8443/v1"; }).empty());
}

BOOST_AUTO_TEST_CASE(the_service_is_described_by_host_and_port_only) {
    ai_settings s = valid();
    s.api_key = "sk-secret";
    BOOST_TEST(ai_host(s) == "localhost:11434");
    BOOST_TEST(describe_ai_service(s) == "The AI assistant at localhost:11434");
    s.base_url = "https://api.example.com/v1?key=abc";
    BOOST_TEST(describe_ai_service(s) == "The AI assistant at api.example.com");
    s.base_url = "http://[::1]:8080";
    BOOST_TEST(ai_host(s) == "[::1]:8080");
    s.base_url.clear();
    BOOST_TEST(describe_ai_service(s) == "The AI assistant");
}

BOOST_AUTO_TEST_CASE(the_endpoint_is_the_base_url_with_chat_completions) {
    ai_settings s = valid();
    BOOST_TEST(chat_completions_url(s) == "http://localhost:11434/v1/chat/completions");
    s.base_url = "http://localhost:8080/v1/";
    BOOST_TEST(chat_completions_url(s) == "http://localhost:8080/v1/chat/completions");
    s.base_url = "http://localhost:8080/v1/chat/completions";
    BOOST_TEST(chat_completions_url(s) == "http://localhost:8080/v1/chat/completions");
}

BOOST_AUTO_TEST_CASE(a_key_is_refused_over_plain_http_to_any_host_but_this_computer) {
    const auto with_key = [](const char* url) {
        ai_settings s = valid();
        s.base_url = url;
        s.api_key = "sk-secret";
        return validate_ai_settings(s).error();
    };
    for (const char* local : {"http://localhost:11434/v1", "http://LocalHost/v1", "http://127.0.0.1:8080",
                              "http://127.45.6.254/v1", "http://[::1]:8080/v1", "https://api.example.com/v1",
                              "https://192.0.2.10/v1"})
        BOOST_TEST(with_key(local).empty(), local);
    BOOST_TEST(with_key("http://api.example.com/v1") ==
               "the API key would travel unencrypted to api.example.com: use an https:// URL for a service on "
               "another computer (plain http:// is only for this computer), or send no key if the service needs none");
    // Names that only look like this computer.
    for (const char* remote : {"http://192.168.1.5:11434/v1", "http://127.0.0.1.example.com/v1",
                               "http://localhost.example.com/v1", "http://127.0.0.256/v1", "http://127.0.0/v1",
                               "http://[::2]/v1", "HTTP://10.0.0.1/v1"})
        BOOST_TEST(!with_key(remote).empty(), remote);

    ai_settings keyless = valid();
    keyless.base_url = "http://192.168.1.5:11434/v1";
    BOOST_TEST(bool(validate_ai_settings(keyless)));
    BOOST_TEST(sends_in_the_clear(keyless));
    BOOST_TEST(!sends_in_the_clear(valid()));
    keyless.base_url = "https://192.168.1.5/v1";
    BOOST_TEST(!sends_in_the_clear(keyless));
}

BOOST_AUTO_TEST_CASE(a_key_set_for_other_tools_can_stay_unsent_to_a_service_on_the_network) {
    // OPENAI_API_KEY set for other tools, and a service on the local network that needs no key.
    environment env("http://192.168.1.10:8080/v1", "llama3.1", nullptr, "sk-for-other-tools");
    BOOST_TEST(ai_settings_from_environment().error().find("send no key if the service needs none") !=
               std::string::npos);
    const auto s = ai_settings_from_environment(false);
    BOOST_TEST_REQUIRE(bool(s), s.error());
    BOOST_TEST(!s.value->send_api_key);
    BOOST_TEST(!sends_api_key(*s.value));
    BOOST_TEST(sends_in_the_clear(*s.value));
    BOOST_TEST(bool(validate_ai_settings(*s.value)));
}
