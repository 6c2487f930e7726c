#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <wx/event.h>
#include <wx/timer.h>

#include "bpm/recovery.h"
#include "bpm_document.h"
#include "editing_context.h"

/// Keeps a recovery copy of the shown map while it has unsaved changes, so that a crash, a kill
/// or a power cut loses at most the last interval's work. After a change it waits for a quiet
/// moment (no edit for two seconds, or one interval of steady typing) and writes at most once per
/// interval: the map is serialised on the UI thread (about 4 ms for 200 personas) and written on
/// a worker thread. The copy goes when the map is saved, reloaded, or closed without saving on
/// purpose; it stays when the program ends otherwise.
class Autosaver : public wxEvtHandler {
public:
    /// Copies go into folder; interval 0 writes none.
    Autosaver(EditingContext& context, bpm::recovery_folder folder, std::chrono::seconds interval);
    /// Finishes the writes queued.
    ~Autosaver() override;

    /// How long to wait at least between two copies; 0 turns autosave off (and removes the copy).
    void SetInterval(std::chrono::seconds interval);
    std::chrono::seconds GetInterval() const { return m_interval; }
    /// Whether the shown map has changes that are not in its file.
    bool HasUnsavedChanges() const { return m_doc && m_doc->IsModified(); }
    /// Writes the shown map's copy now, on this thread, if it has unsaved changes; returns once it
    /// is on disk (before a crash is reported, on SIGTERM). False when a copy could not be written.
    bool SaveNow();
    /// While keep holds, copies stay when maps are closed: the program is ending without the
    /// user's choice (a signal, an error), and the next start offers them.
    void KeepCopies(bool keep = true) { m_keepCopies = keep; }
    /// The folder the copies go to.
    const bpm::recovery_folder& GetFolder() const { return m_folder; }

private:
    void OnContextNotice(const EditingContext::Notice& notice);
    void OnDiskNotice(const BpmDocument::DiskNotice& notice);
    // After a change: a copy at the next quiet moment, or the copy removed when there is nothing unsaved.
    void Changed();
    void OnTimer(wxTimerEvent& event);
    // Serialises the map and queues the write.
    void WriteCopy();
    bpm::recovery_info Describe() const;
    // Says in the status bar, from any thread, that a copy could not be written.
    static void ReportProblem(const std::string& problem);
    void RemoveCopy();
    void Queue(std::function<void()> job);
    void Work();
    void Drain();

    EditingContext& m_context;
    bpm::recovery_folder m_folder;
    std::chrono::seconds m_interval;
    EditingContext::Subscription m_subscription;
    BpmDocument* m_doc = nullptr;
    BpmDocument::DiskListener m_diskListener;
    // Each map shown gets a slot of its own.
    std::string m_slot;
    int m_slots = 0;
    bool m_copyWritten = false;
    bool m_keepCopies = false;
    wxTimer m_timer;
    std::chrono::steady_clock::time_point m_lastCopy{};
    std::chrono::steady_clock::time_point m_firstChange{};
    bool m_pending = false;

    // The worker: writes and removals in the order queued.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_jobs;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_worker;
};
