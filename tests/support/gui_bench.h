#pragma once
// What the GUI benchmarks (run by hand under Xvfb) share.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <thread>

#include <wx/app.h>
#include <wx/config.h>
#include <wx/event.h>
#include <wx/evtloop.h>
#include <wx/fileconf.h>
#include <wx/sstream.h>
#include <wx/window.h>

#include "app.h"
#include "doc_manager.h"
#include "main_frame.h"
#include "prompts.h"
#include "test_support.h"

namespace bpm::test {

using clock_type = std::chrono::steady_clock;

/// A duration in milliseconds.
inline double Ms(clock_type::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// Lets queued events and repaints run.
inline void Settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

/// The editor as the GUI benchmarks start it: its settings in memory, its recovery copies in a
/// folder of its own (never the user's), and an active event loop for Pending and Dispatch. At
/// the end it closes its maps and its window asking nothing.
class BenchEditor {
public:
    explicit BenchEditor(char** argv) {
        ::setenv("XDG_STATE_HOME", m_state.path().c_str(), 1);
        wxApp::SetInstance(new BpmApp);
        int argc = 1;
        if (!wxEntryStart(argc, argv)) return;
        m_entered = true;
        wxStringInputStream nothing(wxString{});
        delete wxConfigBase::Set(new wxFileConfig(nothing));
        if (!wxTheApp->CallOnInit()) return;
        m_loop = std::make_unique<wxGUIEventLoop>();
        wxEventLoopBase::SetActive(m_loop.get());
        Frame().SetSize(1280, 800);
        m_started = true;
    }
    ~BenchEditor() {
        if (m_started) {
            TheDocManager().SetPrompts(Prompts::Unattended());
            TheDocManager().CloseDocuments(true);
            Frame().Close(true);
            Settle();
            wxEventLoopBase::SetActive(nullptr);
            m_loop.reset();
            wxTheApp->OnExit();
        }
        if (m_entered) wxEntryCleanup();
    }
    BenchEditor(const BenchEditor&) = delete;
    BenchEditor& operator=(const BenchEditor&) = delete;

    /// False when the application could not start.
    explicit operator bool() const { return m_started; }
    /// The editor's window.
    MainFrame& Frame() const { return *static_cast<BpmApp*>(wxTheApp)->GetMainFrame(); }

private:
    temp_dir m_state;
    std::unique_ptr<wxGUIEventLoop> m_loop;
    bool m_entered = false;
    bool m_started = false;
};

/// CPU time the process has used so far, in milliseconds.
inline double CpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

/// What one user action cost, from its event until the editor was idle again.
struct ActionCost {
    double wallMs = 0;
    double cpuMs = 0;
};

/// Presses a key on the focused control as wxGTK delivers it: the char hook first (which the
/// parents and the frame see too), then key down, then char, each only when the one before was
/// not handled.
inline void Press(wxWindow& focus, int key, int modifiers = wxMOD_NONE) {
    wxKeyEvent down(wxEVT_KEY_DOWN);
    down.m_keyCode = key;
    down.m_controlDown = (modifiers & wxMOD_CONTROL) != 0;
    down.m_shiftDown = (modifiers & wxMOD_SHIFT) != 0;
    down.m_altDown = (modifiers & wxMOD_ALT) != 0;
    if (key >= WXK_SPACE && key < WXK_DELETE) down.m_uniChar = static_cast<wxChar>(key);
    down.SetEventObject(&focus);
    wxKeyEvent hook(wxEVT_CHAR_HOOK, down);
    if (focus.HandleWindowEvent(hook) && !hook.IsNextEventAllowed()) return;
    if (focus.HandleWindowEvent(down)) return;
    wxKeyEvent typed(wxEVT_CHAR, down);
    focus.HandleWindowEvent(typed);
}

/// Runs the event loop (an active one must be set) until it has had nothing to do for a while
/// longer than a frame, so that repaints the frame clock schedules count; returns what the work
/// took from start until the last of it ended.
inline ActionCost RunToIdle(clock_type::time_point start, double startCpuMs) {
    constexpr auto quiet = std::chrono::milliseconds(40);
    auto last = clock_type::now();
    double lastCpu = CpuMs();
    while (clock_type::now() - last < quiet) {
        bool worked = false;
        if (wxTheApp->HasPendingEvents()) {
            wxTheApp->ProcessPendingEvents();
            worked = true;
        }
        while (wxTheApp->Pending()) {
            wxTheApp->Dispatch();
            worked = true;
        }
        if (worked) {
            last = clock_type::now();
            lastCpu = CpuMs();
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    return {Ms(last - start), lastCpu - startCpuMs};
}

/// Runs action (which sends the user's events) and the event loop until the editor is idle again.
template <class Action>
ActionCost Measure(Action&& action) {
    const auto start = clock_type::now();
    const double cpu = CpuMs();
    action();
    return RunToIdle(start, cpu);
}

}  // namespace bpm::test
