#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>

#include "bpm/ai_protocol.h"
#include "bpm/ai_settings.h"
#include "bpm/diagnostic.h"

namespace bpm {

/// Lets another thread stop a call to the AI service at any moment, its retry waits included.
class cancel_token {
public:
    /// Asks the calls watching this token to stop; safe from any thread, any number of times.
    void cancel();
    /// True once cancel was called.
    bool cancelled() const { return flag_.load(); }
    /// Waits up to d, returning early (true) when cancelled.
    bool wait_for(std::chrono::milliseconds d) const;

private:
    std::atomic<bool> flag_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable woken_;
};

/// A client of the OpenAI-compatible Chat Completions protocol (POST {base}/chat/completions),
/// over libcurl. Each call blocks the calling thread until the answer is complete, failed or
/// cancelled, so run it off the UI thread; several threads may call one client at once. TLS
/// certificates are always verified, redirects are never followed, and the API key travels only
/// in the Authorization header to the configured host.
class ai_client {
public:
    /// A client with these settings (checked on each call, so a bad URL is a failure, not a throw).
    explicit ai_client(ai_settings settings) : settings_(std::move(settings)) {}

    /// The settings in use.
    const ai_settings& settings() const { return settings_; }

    /// Sends request and returns the whole answer. Streamed pieces reach on_token on the calling
    /// thread as they arrive (a non-streamed answer arrives as one piece); when the call fails
    /// after some pieces, the caller should discard them. Busy (429) and failing (5xx) services
    /// are asked again, up to settings().max_retries times, after a growing wait. A failure's
    /// reason is translated, one line, and never contains the API key; neither do the answer
    /// and its pieces, where a key the model repeats shows as api_key_placeholder. A cancelled
    /// call is no failure.
    result<std::string> complete(const chat_request& request, const token_callback& on_token = {},
                                 const cancel_token* cancel = nullptr) const;

private:
    ai_settings settings_;
};

}  // namespace bpm
