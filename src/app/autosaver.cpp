#include "autosaver.h"

#include <wx/app.h>
#include <wx/log.h>

#include "bpm/bpm_file.h"
#include "wx_string.h"

namespace {

// A pause in editing this long is a quiet moment.
constexpr auto quiet = std::chrono::seconds(2);

}  // namespace

Autosaver::Autosaver(EditingContext& context, bpm::recovery_folder folder, std::chrono::seconds interval)
    : m_context(context), m_folder(std::move(folder)), m_interval(interval), m_timer(this) {
    Bind(wxEVT_TIMER, &Autosaver::OnTimer, this);
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& n) { OnContextNotice(n); });
    m_worker = std::thread([this] { Work(); });
    OnContextNotice({EditingContext::DocumentChanged});
}

Autosaver::~Autosaver() {
    m_subscription.Reset();
    m_diskListener.Reset();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_worker.join();
}

void Autosaver::SetInterval(std::chrono::seconds interval) {
    m_interval = interval;
    if (m_interval.count() <= 0) {
        m_timer.Stop();
        RemoveCopy();
    } else if (m_doc) {
        Changed();
    }
}

void Autosaver::OnContextNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged) && m_context.GetDocument() != m_doc) {
        // The map shown before was closed: on purpose (saved, or its changes discarded), unless
        // the program is ending without the user's say.
        if (!m_keepCopies) RemoveCopy();
        m_timer.Stop();
        m_pending = false;
        m_doc = m_context.GetDocument();
        m_diskListener.Reset();
        m_copyWritten = false;
        m_slot = "map-" + std::to_string(++m_slots);
        if (m_doc) m_diskListener = m_doc->OnDiskNotice([this](const BpmDocument::DiskNotice& n) { OnDiskNotice(n); });
    }
    if (m_doc && (notice.Has(EditingContext::Edited) || notice.Has(EditingContext::DocumentChanged))) Changed();
}

void Autosaver::OnDiskNotice(const BpmDocument::DiskNotice&) { Changed(); }

void Autosaver::Changed() {
    if (!m_doc) return;
    if (!m_doc->IsModified()) {
        m_timer.Stop();
        m_pending = false;
        RemoveCopy();
        return;
    }
    if (m_interval.count() <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (!m_pending) m_firstChange = now;
    m_pending = true;
    // Typing that never pauses still gets a copy once an interval.
    if (now - m_firstChange >= m_interval && now - m_lastCopy >= m_interval) {
        m_timer.Stop();
        WriteCopy();
        return;
    }
    m_timer.StartOnce(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(quiet).count()));
}

void Autosaver::OnTimer(wxTimerEvent&) {
    if (!m_pending || !m_doc) return;
    const auto now = std::chrono::steady_clock::now();
    const auto sinceCopy = now - m_lastCopy;
    if (sinceCopy < m_interval && now - m_firstChange < m_interval) {
        // Not yet: at most one copy per interval.
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(m_interval - sinceCopy);
        m_timer.StartOnce(static_cast<int>(std::max<long long>(wait.count(), 1)));
        return;
    }
    WriteCopy();
}

bpm::recovery_info Autosaver::Describe() const {
    bpm::recovery_info info;
    if (m_doc->GetDocumentSaved()) info.original_path = ToUtf8(m_doc->GetFilename());
    info.title = ToUtf8(m_doc->GetUserReadableName());
    info.original_version = m_doc->DiskVersion();
    return info;
}

void Autosaver::WriteCopy() {
    m_pending = false;
    if (!m_doc || !m_doc->IsModified()) return;
    m_doc->CommitPendingEdits();
    std::string bytes = bpm::write_bpm(m_doc->Model());
    m_lastCopy = std::chrono::steady_clock::now();
    m_copyWritten = true;
    Queue([this, slot = m_slot, info = Describe(), bytes = std::move(bytes),
           personas = m_doc->Model().personas.size()] {
        const bpm::result<> written = m_folder.write(slot, info, bytes, personas);
        if (!written) ReportProblem(written.error());
    });
}

bool Autosaver::SaveNow() {
    Drain();
    if (!m_doc || !m_doc->IsModified()) return true;
    m_timer.Stop();
    m_pending = false;
    m_copyWritten = true;
    return bool(m_folder.write(m_slot, Describe(), bpm::write_bpm(m_doc->Model()), m_doc->Model().personas.size()));
}

void Autosaver::ReportProblem(const std::string& problem) {
    wxTheApp->CallAfter([problem = ToWx(problem)] {
        // TRANSLATORS: the status bar; {1} says why the recovery copy could not be written
        wxLogStatus(FormatText(_("Could not write a recovery copy: {1}"), problem));
    });
}

void Autosaver::RemoveCopy() {
    if (!m_copyWritten) return;
    m_copyWritten = false;
    Queue([this, slot = m_slot] { m_folder.remove(slot); });
}

void Autosaver::Queue(std::function<void()> job) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void Autosaver::Drain() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return m_jobs.empty() && !m_busy; });
}

void Autosaver::Work() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
        if (m_jobs.empty()) return;  // stopping, with everything written
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        lock.unlock();
        // A failing write must never end the program, nor leave the queue stuck.
        try {
            job();
        } catch (const std::exception& e) {
            ReportProblem(e.what());
        } catch (...) {
            ReportProblem("unknown error");
        }
        lock.lock();
        m_busy = false;
        m_idle.notify_all();
    }
}
