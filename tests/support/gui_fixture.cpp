#include "gui_fixture.h"

#include <cstdlib>
#include <memory>
#include <thread>

#include <wx/evtloop.h>

#include "bench_document.h"

namespace gui_test {

void Pump() {
    for (int i = 0; i < 3; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

void Command(int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    event.SetEventObject(&Frame());
    Frame().ProcessWindowEvent(event);
    Pump();
}

std::string BigMap() {
    static test::temp_dir dir;
    const std::string path = dir.file("big.bpm");
    if (!std::filesystem::exists(path)) BOOST_REQUIRE(bool(save_bpm(test::bench_document(300, 12), path)));
    return path;
}

bool CommandEnabled(int id) {
    wxUpdateUIEvent event(id);
    event.SetEventObject(&Frame());
    Frame().ProcessWindowEvent(event);
    return !event.GetSetEnabled() || event.GetEnabled();
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        Pump();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

wxTextCtrl* OpenCellEditor(int row, int col) {
    wxGrid& grid = *Frame().GetStageGrid()->GetGrid();
    grid.SetFocus();
    grid.SetGridCursor(row, col);
    grid.EnableCellEditControl();
    BOOST_TEST_REQUIRE(grid.IsCellEditControlShown());
    wxGridCellEditor* editor = grid.GetCellEditor(row, col);
    auto* text = dynamic_cast<wxTextCtrl*>(editor->GetControl());
    editor->DecRef();
    BOOST_TEST_REQUIRE(text != nullptr);
    return text;
}

void Press(wxWindow* target, int key, int modifiers) {
    wxKeyEvent down(wxEVT_KEY_DOWN);
    down.m_keyCode = key;
    down.m_shiftDown = (modifiers & wxMOD_SHIFT) != 0;
    down.m_controlDown = (modifiers & wxMOD_CONTROL) != 0;
    down.SetEventObject(target);
    target->GetEventHandler()->ProcessEvent(down);
    Pump();
}

void TypeAndEnter(const wxString& text) {
    wxTextCtrl* input = Chat().Input();
    input->ChangeValue(text);
    wxKeyEvent enter(wxEVT_KEY_DOWN);
    enter.m_keyCode = WXK_RETURN;
    enter.SetEventObject(input);
    input->GetEventHandler()->ProcessEvent(enter);
    Pump();
}

void Click(const wxString& label) {
    for (wxButton* b : Chat().ChoiceButtons())
        if (b->GetLabel() == label) {
            wxCommandEvent click(wxEVT_BUTTON, b->GetId());
            click.SetEventObject(b);
            b->ProcessWindowEvent(click);
            Pump();
            return;
        }
    BOOST_FAIL("no choice button " << label);
}

bool Said(const wxString& part) {
    for (const wxString& t : Chat().Transcript())
        if (t.Contains(part)) return true;
    return false;
}

// The application, created once for the whole module with its settings in memory only, so
// the tests neither read nor change the user's.
struct gui_app {
    gui_app() {
        wxApp::SetInstance(new BpmApp);
        static char name[] = "test_gui";
        static char* argv[] = {name, nullptr};
        int argc = 1;
        // Recovery copies and rescues go to a folder of the tests' own, never the user's.
        ::setenv("XDG_STATE_HOME", m_state.path().c_str(), 1);
        BOOST_TEST_REQUIRE(wxEntryStart(argc, argv));
        wxStringInputStream nothing(wxString{});
        delete wxConfigBase::Set(new wxFileConfig(nothing));
        BOOST_TEST_REQUIRE(wxTheApp->CallOnInit());
        // What bpmap's main loop is while the tests drive the window: the folder watch and
        // anything else that needs a running loop hooks into it; Pump() runs its events.
        m_loop = std::make_unique<wxGUIEventLoop>();
        wxEventLoopBase::SetActive(m_loop.get());
        Frame().SetSize(1280, 800);
        Pump();
    }
    ~gui_app() {
        TheDocManager().SetPrompts(Prompts::Unattended());
        if (MainFrame* frame = App().GetMainFrame()) {
            // A failed test may leave a map modified; nothing may ask at the end.
            TheDocManager().CloseDocuments(true);
            frame->Close(true);
        }
        Pump();
        wxEventLoopBase::SetActive(nullptr);
        m_loop.reset();
        wxTheApp->OnExit();
        wxEntryCleanup();
    }

    test::temp_dir m_state;
    std::unique_ptr<wxGUIEventLoop> m_loop;
};

BOOST_TEST_GLOBAL_FIXTURE(gui_app);

}  // namespace gui_test
