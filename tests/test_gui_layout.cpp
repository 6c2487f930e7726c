// The editor's layout as a user meets it: nothing GTK complains about, columns that use the
// width they are given however the map came to be, and a status that says when it disagrees
// with the stage fields.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include <wx/stattext.h>

#include "bpm/completeness.h"
#include "support/gui_fixture.h"

using namespace gui_test;

namespace {

// Everything written to standard error (file descriptor 2, where GTK and pixman complain)
// while it lives.
class stderr_capture {
public:
    stderr_capture() {
        std::fflush(stderr);
        m_saved = dup(2);
        const int fd = open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 2);
        close(fd);
    }
    ~stderr_capture() { restore(); }
    // What was written, once the capture ends.
    std::string text() {
        restore();
        return test::slurp(m_path);
    }

private:
    void restore() {
        if (m_saved < 0) return;
        std::fflush(stderr);
        dup2(m_saved, 2);
        close(m_saved);
        m_saved = -1;
    }
    test::temp_dir m_dir;
    std::string m_path = m_dir.file("stderr.txt");
    int m_saved = -1;
};

// The complaints the issue names: GTK's criticals and warnings, pixman's invalid rectangles.
bool complains(const std::string& err) {
    for (const char* sign : {"Gtk-CRITICAL", "Gtk-WARNING", "pixman", "*** BUG ***"})
        if (err.find(sign) != std::string::npos) return true;
    return false;
}

const std::vector<int> every_page = {ID_SHOW_PERSONA, ID_SHOW_STAGES, ID_SHOW_JOURNEY, ID_SHOW_SUMMARY,
                                     ID_SHOW_DASHBOARD};

}  // namespace

BOOST_AUTO_TEST_SUITE(layout)

BOOST_AUTO_TEST_CASE(the_editor_starts_on_every_page_at_every_size_without_a_complaint_on_stderr) {
    for (const char* size : {"1024x700", "1280x800", "1920x1080"}) {
        for (const char* page : {"persona", "stages", "journey", "summary", "dashboard"}) {
            test::temp_dir dir;
            const test::run_result r = test::run_program(
                BPM_APP, {"--screenshot", dir.file("shot.png"), "--size", size, "--page", page,
                          test::sample("nlyzer-b2b-personas.bpm")});
            BOOST_TEST(r.exit_code == 0, size << " " << page);
            BOOST_TEST(!complains(r.err), size << " " << page << ":\n" << r.err);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_new_maps_first_persona_and_every_page_leave_stderr_clean, editor) {
    stderr_capture capture;
    Command(wxID_NEW);
    doc = Context().GetDocument();
    TypeAndEnter("Procurement Lead");
    BOOST_TEST_REQUIRE(doc->Model().personas.size() == 1u);
    for (int size : {0, 1, 2}) {
        const wxSize sizes[] = {{1024, 700}, {1920, 1080}, {1280, 800}};
        Frame().SetSize(sizes[size]);
        for (int page : every_page) Command(page);
        Pump();
    }
    const std::string err = capture.text();
    BOOST_TEST(!complains(err), err);
}

BOOST_FIXTURE_TEST_CASE(the_conversation_shows_its_last_message_whole_at_every_size, editor) {
    // The scroll bar narrows the log, the bubbles wrap taller: the end must stay in view.
    wxWindow* log = wxWindow::FindWindowByName(_("Conversation"), Frame().GetChatPanel());
    BOOST_TEST_REQUIRE(log != nullptr);
    for (const wxSize size : {wxSize(1024, 700), wxSize(1280, 800), wxSize(1920, 1080)}) {
        Frame().SetSize(size);
        Pump();
        wxWindowList& bubbles = log->GetChildren();
        BOOST_TEST_REQUIRE(!bubbles.empty());
        const wxRect last = bubbles.back()->GetRect();
        BOOST_TEST(last.GetBottom() < log->GetClientSize().y, "at " << size.x << "x" << size.y << ": " << last.y << "+" << last.height << " in " << log->GetClientSize().y);
        BOOST_TEST(last.GetTop() >= 0, "at " << size.x << "x" << size.y);
    }
    // A reader who scrolled back to the start keeps reading there when the window changes size.
    Frame().SetSize(1280, 800);
    Pump();
    wxScrollWinEvent top(wxEVT_SCROLLWIN_TOP, 0, wxVERTICAL);
    top.SetEventObject(log);
    log->GetEventHandler()->ProcessEvent(top);
    Pump();
    BOOST_TEST_REQUIRE(log->GetChildren().front()->GetRect().GetTop() >= 0);
    Frame().SetSize(1024, 700);
    Pump();
    BOOST_TEST(log->GetChildren().front()->GetRect().GetTop() >= 0);
    Frame().SetSize(1280, 800);
}

BOOST_FIXTURE_TEST_CASE(scrolling_the_grid_after_an_edit_leaves_stderr_clean, editor) {
    Frame().SetSize(1024, 700);
    Pump();
    stderr_capture capture;
    // Edit a cell and commit it with Enter, as a user does; the editor closes.
    wxTextCtrl* text = OpenCellEditor(0, 1);
    text->ChangeValue("Asks peers");
    wxKeyEvent enter(wxEVT_CHAR_HOOK);
    enter.m_keyCode = WXK_RETURN;
    enter.SetEventObject(text);
    text->ProcessWindowEvent(enter);
    Pump();
    BOOST_TEST(!grid().IsCellEditControlShown());
    // Walk the cursor down the tall rows and back: the grid scrolls each time.
    for (int key : {WXK_DOWN, WXK_DOWN, WXK_DOWN, WXK_DOWN, WXK_UP, WXK_UP, WXK_UP, WXK_UP}) {
        wxKeyEvent down(wxEVT_KEY_DOWN);
        down.m_keyCode = key;
        down.SetEventObject(grid().GetGridWindow());
        grid().GetGridWindow()->ProcessWindowEvent(down);
        Pump();
    }
    BOOST_TEST(shown().stages[0].buyer_actions == "Asks peers");
    const std::string err = capture.text();
    BOOST_TEST(!complains(err), err);
    Frame().SetSize(1280, 800);
}

BOOST_FIXTURE_TEST_CASE(enter_and_tab_that_scroll_the_grid_out_of_an_open_cell_leave_stderr_clean, editor) {
    // Enter and Tab close the cell editor and move the cursor in one key; when the move scrolls
    // the grid, the closed editor must be gone already (GTK complains of a hidden child).
    Frame().SetSize(1024, 700);
    Pump();
    stderr_capture capture;
    const int rows = grid().GetNumberRows();
    for (int row = 0; row + 1 < rows; ++row) {
        wxTextCtrl* text = OpenCellEditor(row, 1);
        text->ChangeValue(wxString::Format("Asks peers %d", row));
        wxKeyEvent enter(wxEVT_CHAR_HOOK);
        enter.m_keyCode = WXK_RETURN;
        enter.SetEventObject(text);
        text->ProcessWindowEvent(enter);
        Pump();
        BOOST_TEST(grid().GetGridCursorRow() == row + 1);
    }
    for (int col = 0; col + 1 < grid().GetNumberCols(); ++col) {
        wxTextCtrl* text = OpenCellEditor(rows - 1, col);
        wxKeyEvent tab(wxEVT_KEY_DOWN);
        tab.m_keyCode = WXK_TAB;
        tab.SetEventObject(text);
        text->ProcessWindowEvent(tab);
        Pump();
        BOOST_TEST(grid().GetGridCursorCol() == col + 1);
    }
    BOOST_TEST(!grid().IsCellEditControlShown());
    BOOST_TEST(shown().stages[0].buyer_actions == "Asks peers 0");
    const std::string err = capture.text();
    BOOST_TEST(!complains(err), err);
    Frame().SetSize(1280, 800);
}

BOOST_FIXTURE_TEST_CASE(keys_go_to_a_control_on_screen_on_the_welcome_card_and_a_new_maps_chat, editor) {
    prompts.answers = {SaveChoice::Discard};
    TheDocManager().CloseDocuments(true);
    Pump();
    // Pages chosen while the map's notebook is hidden must not take the focus: GTK then sends
    // every key to a control never shown, and Ctrl+N on the welcome card did nothing.
    for (int page : every_page) Command(page);
    wxWindow* focus = wxWindow::FindFocus();
    BOOST_TEST((!focus || focus->IsShownOnScreen()), focus->GetName());

    Command(wxID_NEW);
    doc = Context().GetDocument();
    Pump();
    // The empty map asks for its first persona in the Assistant: the answer is typed there.
    BOOST_TEST(wxWindow::FindFocus() == Chat().Input());
}

namespace {

// Columns of at least wx's default width (80 px) that together fill the grid's width.
void check_columns_fill(const wxGrid& g) {
    int total = 0;
    for (int col = 0; col < g.GetNumberCols(); ++col) {
        BOOST_TEST(g.GetColSize(col) >= 80, "column " << col << " is " << g.GetColSize(col) << " px");
        total += g.GetColSize(col);
    }
    const int available = g.GetClientSize().x - g.GetRowLabelSize();
    BOOST_TEST(total >= available - 40, total << " px of columns in " << available << " px");
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_new_maps_grid_columns_fill_the_width_as_a_reopened_maps_do, editor) {
    // As after a start without a file: the welcome card shows while the window takes its size.
    prompts.answers = {SaveChoice::Discard};
    TheDocManager().CloseDocuments(true);
    Pump();
    for (const wxSize& size : {wxSize(1024, 700), wxSize(1280, 800)}) {
        Frame().SetSize(size);
        Pump();
    }
    auto* create = dynamic_cast<wxButton*>(Frame().FindWindow(wxID_NEW));
    BOOST_TEST_REQUIRE(create != nullptr);
    wxCommandEvent click(wxEVT_BUTTON, wxID_NEW);
    click.SetEventObject(create);
    create->ProcessWindowEvent(click);
    Pump();
    doc = Context().GetDocument();
    BOOST_TEST_REQUIRE(doc != nullptr);
    TypeAndEnter("Procurement Lead");
    Command(ID_SHOW_STAGES);
    Pump();
    check_columns_fill(grid());

    const std::string saved = dir.file("new.bpm");
    BOOST_TEST_REQUIRE(doc->OnSaveDocument(ToWx(saved)));
    prompts.answers = {SaveChoice::Discard};
    TheDocManager().CloseDocuments(true);
    doc = wxStaticCast(TheDocManager().CreateDocument(ToWx(saved), wxDOC_SILENT), BpmDocument);
    BOOST_TEST_REQUIRE(doc != nullptr);
    Command(ID_SHOW_STAGES);
    Pump();
    check_columns_fill(grid());
}

namespace {

// Clicks the persona list where row's status badge is, as a user does.
void ClickStatusBadge(std::size_t row) {
    wxVListBox* list = Frame().GetPersonaList()->GetListBox();
    const wxRect item = list->GetItemRect(row);
    // The badge sits at the right of the card's third line.
    for (int x = item.GetRight() - 12; x > item.GetRight() - 40; x -= 4) {
        for (int y = item.GetBottom() - 8; y > item.y + item.height / 2; y -= 3) {
            wxMouseEvent down(wxEVT_LEFT_DOWN);
            down.SetPosition({x, y});
            down.SetEventObject(list);
            const std::string before = Context().GetDocument()->History().undo_label();
            list->ProcessWindowEvent(down);
            wxMouseEvent up(wxEVT_LEFT_UP);
            up.SetPosition({x, y});
            up.SetEventObject(list);
            list->ProcessWindowEvent(up);
            Pump();
            if (Context().GetDocument()->History().undo_label() != before) return;
        }
    }
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_status_that_disagrees_with_the_stages_is_shown_and_settled_in_one_click, editor) {
    // Jennifer Wright has every field filled and is still in progress.
    const std::size_t row = doc->Model().find_persona("persona-5");
    BOOST_TEST_REQUIRE((status_fit_of(doc->Model().personas[row]) == status_fit::in_progress_but_full));
    Command(ID_SHOW_DASHBOARD);
    wxStaticText* totals = nullptr;
    for (wxWindow* w : Frame().GetDashboard()->GetChildren())
        if (auto* t = dynamic_cast<wxStaticText*>(w); t && t->GetLabel().Contains("completed")) totals = t;
    BOOST_TEST_REQUIRE(totals != nullptr);
    BOOST_TEST(totals->GetLabel().Contains("2 statuses disagree with their stage fields"), totals->GetLabel());

    ClickStatusBadge(row);
    BOOST_TEST((doc->Model().personas[row].status == persona_status::completed));
    BOOST_TEST(Context().GetPersonaId() == "persona-5");
    BOOST_TEST(totals->GetLabel().Contains("1 status disagrees"), totals->GetLabel());

    // A stage added to a completed persona makes it incomplete, and the editor says so.
    Command(ID_STAGE_ADD);
    BOOST_TEST((status_fit_of(shown()) == status_fit::completed_with_gaps));
    BOOST_TEST(Frame().GetStatusBar()->GetStatusText(0).Contains("now has empty stage fields"),
               Frame().GetStatusBar()->GetStatusText(0));
    BOOST_TEST(CommandEnabled(ID_PERSONA_SETTLE_STATUS));
    Command(ID_PERSONA_SETTLE_STATUS);
    BOOST_TEST((shown().status == persona_status::in_progress));
    BOOST_TEST(!CommandEnabled(ID_PERSONA_SETTLE_STATUS));
    BOOST_TEST(undo_label() == "Undo Mark Persona In Progress");
    // Settled, the note goes; it also goes when another persona is shown.
    BOOST_TEST(!Frame().GetStatusBar()->GetStatusText(0).Contains("now has empty stage fields"));
    Command(wxID_UNDO);
    Command(wxID_UNDO);
    Command(ID_STAGE_ADD);
    BOOST_TEST(Frame().GetStatusBar()->GetStatusText(0).Contains("now has empty stage fields"));
    Context().SelectPersona(doc->Model().personas[0].id);
    Pump();
    BOOST_TEST(!Frame().GetStatusBar()->GetStatusText(0).Contains("now has empty stage fields"));
}

BOOST_AUTO_TEST_SUITE_END()
