#pragma once
// The editor's one way to show long work (opening, exporting, printing a big map): the UI side of
// bpm::progress_fn.

#include <chrono>
#include <memory>

#include <wx/string.h>
#include <wx/utils.h>

#include "bpm/progress.h"

class wxProgressDialog;
class wxWindow;

/// Tells the user how far a piece of work has come and lets them cancel it. Work done within half
/// a second shows only a busy cursor; past that a progress dialog over parent shows a gauge, the
/// time taken and left, and Cancel. The dialog is application-modal: the windows keep painting but
/// take no input until the work ends. BPMAP_PROGRESS_DELAY_MS replaces the half second for tests
/// (bpm::progress_delay).
class WorkProgress {
public:
    /// For work titled title ("Export PDF") that message describes ("Writing \"map.pdf\"...").
    WorkProgress(wxWindow* parent, const wxString& title, const wxString& message);
    ~WorkProgress();
    WorkProgress(const WorkProgress&) = delete;
    WorkProgress& operator=(const WorkProgress&) = delete;

    /// What to give the core: Update.
    bpm::progress_fn Fn() {
        return [this](std::size_t done, std::size_t total) { return Update(done, total); };
    }
    /// Told done of total: shows the dialog once the work has run long enough and moves its gauge;
    /// false once the user pressed Cancel.
    bool Update(std::size_t done, std::size_t total);
    /// What the dialog says from now on, for the next part of the work.
    void SetMessage(const wxString& message);
    /// Whether the user pressed Cancel.
    bool WasCancelled() const { return m_cancelled; }
    /// Closes the dialog before the rest of the work, which tells no progress, runs.
    void Close();

private:
    wxWindow* m_parent;
    wxString m_title;
    wxString m_message;
    bool m_messageChanged = false;
    bool m_cancelled = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_shown;
    std::chrono::milliseconds m_delay;
    std::unique_ptr<wxBusyCursor> m_busy;
    std::unique_ptr<wxProgressDialog> m_dialog;
};
