#pragma once

#include <string>

#include "bpm/diagnostic.h"

namespace bpm {

/// How to reach an OpenAI-compatible chat service (Ollama, llama.cpp's server, LM Studio, vLLM,
/// hosted services).
struct ai_settings {
    /// Where the API lives, without "/chat/completions" ("http://localhost:11434/v1").
    std::string base_url;
    /// The model to ask ("llama3.1").
    std::string model;
    /// Sent as a bearer token when not empty (and send_api_key), and only to base_url's host;
    /// never written to a file, a log or a message.
    std::string api_key;
    /// False to send no key although one is set (such as OPENAI_API_KEY, set for other tools): for
    /// a service that needs none, such as one on the local network over plain http://.
    bool send_api_key = true;
    /// Longest wait for the service to connect, or to send the next piece of its answer.
    double timeout_seconds = 60;
    /// How many times a busy (HTTP 429) or failing (HTTP 5xx) service is asked again.
    int max_retries = 2;
    /// Wait before the first retry, doubled for each further one; tests shorten it.
    long retry_delay_ms = 1000;
    /// Longest wait before a retry; a Retry-After from the service longer than this or than
    /// timeout_seconds gives up instead.
    long max_retry_delay_ms = 20000;

    /// True when a URL and a model are set, so the assistant may use the service.
    bool configured() const { return !base_url.empty() && !model.empty(); }
};

/// Settings from BPMAP_AI_URL, BPMAP_AI_MODEL, BPMAP_API_KEY (or else OPENAI_API_KEY) and
/// BPMAP_AI_TIMEOUT (seconds), with send_api_key as given. Unset variables leave the settings
/// unconfigured; a variable set to something unusable is a failure naming it.
result<ai_settings> ai_settings_from_environment(bool send_api_key = true);

/// Whether the settings can be used: an http or https URL with a host and without a user name
/// or password, a model, a timeout of at most an hour, at most 10 retries, and no API key sent
/// where the URL would carry it in the clear (sends_in_the_clear).
result<> validate_ai_settings(const ai_settings& s);

/// True when requests carry the API key: one is set, and send_api_key.
inline bool sends_api_key(const ai_settings& s) { return s.send_api_key && !s.api_key.empty(); }

/// True when the URL is plain http:// to a host other than this computer (127.0.0.0/8, ::1,
/// localhost), so that anyone on the way can read what is sent.
bool sends_in_the_clear(const ai_settings& s);

/// True when the URL's host is this computer (127.0.0.0/8, ::1, localhost): reached directly,
/// never through a proxy, so that a key sent over plain http:// stays on this computer.
bool is_local_service(const ai_settings& s);

/// "localhost:11434": the host (and port, when the URL gives one) the settings talk to.
std::string ai_host(const ai_settings& s);

/// "The AI assistant at localhost:11434": the service, named for the user without the key.
std::string describe_ai_service(const ai_settings& s);

/// The address requests are sent to: the base URL with "/chat/completions" appended, unless it
/// already ends that way.
std::string chat_completions_url(const ai_settings& s);

}  // namespace bpm
