#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "bpm/ai_protocol.h"
#include "bpm/ai_settings.h"

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

/// What a call to the AI service came to: a value, a one-line reason it failed, or cancelled.
template <class T>
struct ai_result {
    std::optional<T> value;
    /// Translated, one line, never containing the API key; empty on success and when cancelled.
    std::string error;
    /// True when the call was cancelled, which is no failure to show.
    bool cancelled = false;

    /// A successful result.
    static ai_result success(T v) { return ai_result{std::move(v), {}, false}; }
    /// A failure with this reason.
    static ai_result failure(std::string why) { return ai_result{std::nullopt, std::move(why), false}; }
    /// A cancelled call.
    static ai_result stopped() { return ai_result{std::nullopt, {}, true}; }
    /// The failure or cancellation of another call, passed on.
    template <class U>
    static ai_result like(const ai_result<U>& other) {
        return ai_result{std::nullopt, other.error, other.cancelled};
    }

    explicit operator bool() const { return value.has_value(); }
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
    /// are asked again, up to settings().max_retries times, after a growing wait.
    ai_result<std::string> complete(const chat_request& request, const token_callback& on_token = {},
                                    const cancel_token* cancel = nullptr) const;

private:
    ai_settings settings_;
};

}  // namespace bpm
