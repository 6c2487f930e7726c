#include "ai_service.h"

#include "app.h"

#include "wx_string.h"

AiService::~AiService() {
    Stop();
    if (m_worker.joinable()) m_worker.join();
}

void AiService::SetPreferences(const AiPreferences& prefs) {
    m_prefs = prefs;
    m_client = std::make_shared<const bpm::ai_client>(prefs.settings);
}

wxString AiService::Describe() const { return ToWx(bpm::describe_ai_service(m_prefs.settings)); }

void AiService::Stop() {
    if (m_cancel) m_cancel->cancel();
}

bool AiService::Start(std::function<void(const bpm::ai_client&, const bpm::cancel_token&)> job) {
    if (m_busy || !Active() || !m_client) return false;
    // The previous call has delivered its result, so its thread is ending or ended.
    if (m_worker.joinable()) m_worker.join();
    m_busy = true;
    m_cancel = std::make_shared<bpm::cancel_token>();
    m_worker = std::thread([this, job = std::move(job), client = m_client, cancel = m_cancel] {
        try {
            job(*client, *cancel);
        } catch (...) {
            // The job's result never comes: the call ends here, and the application's handler
            // writes recovery copies and says what went wrong, on the UI thread.
            CallAfter([this, error = std::current_exception()] {
                Finish();
                ReportException(error);
            });
        }
    });
    if (onBusyChanged) onBusyChanged();
    return true;
}

void AiService::Finish() {
    m_busy = false;
    if (m_worker.joinable()) m_worker.join();
    if (onBusyChanged) onBusyChanged();
}
