#include "work_progress.h"

#include <algorithm>

#include <wx/progdlg.h>

namespace {

// The gauge's steps: fine enough for a smooth bar whatever the work counts in.
constexpr int gauge_range = 1000;

}  // namespace

WorkProgress::WorkProgress(wxWindow* parent, const wxString& title, const wxString& message)
    : m_parent(parent),
      m_title(title),
      m_message(message),
      m_start(std::chrono::steady_clock::now()),
      m_delay(bpm::progress_delay()),
      m_busy(std::make_unique<wxBusyCursor>()) {}

WorkProgress::~WorkProgress() { Close(); }

bool WorkProgress::Update(std::size_t done, std::size_t total) {
    if (m_cancelled) return false;
    const auto now = std::chrono::steady_clock::now();
    if (!m_dialog) {
        if (now - m_start < m_delay) return true;
        // The pointer over Cancel is an arrow.
        m_busy.reset();
        m_dialog = std::make_unique<wxProgressDialog>(
            m_title, m_message, gauge_range, m_parent,
            wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME | wxPD_REMAINING_TIME);
        m_messageChanged = false;
    } else if (now - m_shown < std::chrono::milliseconds(40)) {
        // Each update lets the windows paint; 25 a second are smooth and cost the work little.
        return true;
    }
    m_shown = now;
    // Short of the whole: there the dialog would hide itself, and a next part of the work would
    // have none.
    const double share = total ? static_cast<double>(std::min(done, total)) / static_cast<double>(total) : 0;
    const int value = std::min(gauge_range - 1, static_cast<int>(share * gauge_range));
    m_cancelled = !m_dialog->Update(value, m_messageChanged ? m_message : wxString());
    m_messageChanged = false;
    return !m_cancelled;
}

void WorkProgress::SetMessage(const wxString& message) {
    m_message = message;
    m_messageChanged = true;
}

void WorkProgress::Close() {
    m_dialog.reset();
    m_busy.reset();
}
