#pragma once
// The AI service as the editor uses it: one call at a time, run on a worker thread so the
// window never waits, its streamed pieces and its result handed back on the UI thread.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <wx/event.h>

#include "ai_preferences.h"
#include "bpm/ai_client.h"

/// Runs calls to the configured AI service off the UI thread. Stopping is immediate for the
/// user: the call's result arrives as cancelled, which is no error to show.
class AiService : public wxEvtHandler {
public:
    AiService() = default;
    /// Stops the running call and waits for its thread; results not yet delivered are dropped.
    ~AiService() override;
    AiService(const AiService&) = delete;
    AiService& operator=(const AiService&) = delete;

    /// Uses these preferences for the calls started from now on.
    void SetPreferences(const AiPreferences& prefs);
    const AiPreferences& Preferences() const { return m_prefs; }
    /// True when switched on and usable.
    bool Active() const { return m_prefs.Active(); }
    /// "The AI assistant at localhost:11434".
    wxString Describe() const;

    /// True from Run until its result has been delivered.
    bool Busy() const { return m_busy; }
    /// Asks the running call to stop; its result arrives as cancelled.
    void Stop();

    /// Called on the UI thread when a call starts or its result has been delivered.
    std::function<void()> onBusyChanged;

    /// Runs work(client, on_token, cancel) on a worker thread. Each piece it passes to on_token
    /// reaches onToken, and its result reaches done, both on the UI thread. False (and nothing
    /// runs) when inactive or another call is running.
    template <class T>
    bool Run(std::function<bpm::result<T>(const bpm::ai_client&, const bpm::token_callback&, const bpm::cancel_token&)>
                 work,
             std::function<void(const std::string&)> onToken, std::function<void(bpm::result<T>)> done) {
        return Start([this, work = std::move(work), onToken = std::move(onToken), done = std::move(done)](
                         const bpm::ai_client& client, const bpm::cancel_token& cancel) mutable {
            const bpm::token_callback forward = [this, onToken](std::string_view piece) {
                if (onToken) CallAfter([onToken, text = std::string(piece)] { onToken(text); });
            };
            auto result = std::make_shared<bpm::result<T>>(work(client, forward, cancel));
            CallAfter([this, done, result] {
                Finish();
                if (done) done(std::move(*result));
            });
        });
    }

private:
    bool Start(std::function<void(const bpm::ai_client&, const bpm::cancel_token&)> job);
    void Finish();

    AiPreferences m_prefs;
    // Shared with the worker, which may still be reading them when new preferences arrive.
    std::shared_ptr<const bpm::ai_client> m_client;
    std::shared_ptr<bpm::cancel_token> m_cancel;
    std::thread m_worker;
    bool m_busy = false;
};
