// Drives the chat side panel, a new map's first interview and the keyboard through the real window.
#include "gui_fixture.h"

using namespace gui_test;

BOOST_FIXTURE_TEST_CASE(a_short_interview_in_the_chat_fills_the_form_and_grid, editor) {
    // The sample has unfinished personas; the assistant offers the last one touched.
    BOOST_TEST(Said("Continue mapping Lisa Chang"));
    BOOST_TEST(Chat().ChoiceButtons().size() == 2u);
    Click("No");
    const std::size_t before = doc->Model().personas.size();
    TypeAndEnter("Procurement Lead");
    BOOST_TEST(doc->Model().personas.size() == before + 1);
    BOOST_TEST(Context().GetPersonaId() == doc->Model().personas.back().id);
    BOOST_TEST(Chat().Input()->IsEmpty());
    TypeAndEnter("Tender rules are complex; budget cuts");
    BOOST_TEST(shown().pain_points.size() == 2u);
    Click("Standard");
    BOOST_TEST(grid().GetNumberRows() == 3);
    // The clicked choice is gone; the next answer is typed where the keyboard now is.
    BOOST_TEST(wxWindow::FindFocus() == Chat().Input());
    BOOST_TEST(grid().GetCellValue(1, 0) == "Consideration");
    TypeAndEnter("Reads tender portals");
    BOOST_TEST(grid().GetCellValue(0, 1) == "Reads tender portals");
    BOOST_TEST(undo_label() == "Undo Edit Buyer Actions of Awareness");
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(Chat().Interview()->progress_text().find("Awareness (1 of 3)") != std::string::npos);

    // Undo from the menu is the same history: the cell empties and the question comes back.
    Command(wxID_UNDO);
    BOOST_TEST(grid().GetCellValue(0, 1).empty());
    BOOST_TEST(Chat().Transcript().back().Contains("primary buyer actions"));

    // A cell typed in the grid is noticed: the assistant moves on instead of asking for it.
    doc->Submit(set_stage_field(shown().id, shown().stages[0].id, stage_field::buyer_actions, "Typed in the grid"));
    Pump();
    BOOST_TEST(Said("I see the Buyer Actions field of the Awareness stage is filled in now."));
    BOOST_TEST(Chat().Transcript().back().Contains("typical duration"));
}

BOOST_FIXTURE_TEST_CASE(the_chat_continues_the_selected_persona, editor) {
    Context().SelectPersona("persona-5");
    Chat().ContinuePersona(Context().GetPersonaId());
    Pump();
    BOOST_TEST(Said("Let's continue mapping " + ToWx(shown().name)));
    BOOST_TEST(Chat().Interview()->persona_id() == "persona-5");
}

BOOST_FIXTURE_TEST_CASE(a_new_map_is_empty_and_the_assistant_asks_for_the_first_persona, editor) {
    Command(wxID_NEW);
    auto* fresh = Context().GetDocument();
    BOOST_TEST_REQUIRE(fresh != nullptr);
    BOOST_TEST(fresh != doc);
    doc = fresh;
    BOOST_TEST(doc->Model().personas.empty());
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(Frame().GetTitle() == "Untitled Map - Buying Process Mapper");
    BOOST_TEST(!Frame().GetStageGrid()->IsShownOnScreen());
    BOOST_TEST(Chat().Transcript().back().Contains("What is the name of this persona?"));

    TypeAndEnter("Procurement Lead");
    BOOST_TEST_REQUIRE(doc->Model().personas.size() == 1u);
    BOOST_TEST(shown().name == "Procurement Lead");
    BOOST_TEST((Frame().GetStageGrid()->IsShownOnScreen() || Frame().GetPersonaForm()->IsShownOnScreen()));
    BOOST_TEST(undo_label() == "Undo Add Persona Procurement Lead");
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().personas.empty());
    BOOST_TEST(!Frame().GetStageGrid()->IsShownOnScreen());
}

// ---- the keyboard ------------------------------------------------------------------------

namespace {

int AcceleratorKey(int id) {
    wxMenuItem* item = Frame().GetMenuBar()->FindItem(id);
    if (!item) return 0;
    std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
    return accel ? accel->GetKeyCode() : 0;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(f6_moves_the_focus_from_panel_to_panel, editor) {
    BOOST_TEST(AcceleratorKey(ID_FOCUS_NEXT_PANEL) == WXK_F6);
    BOOST_TEST(AcceleratorKey(ID_FOCUS_PREVIOUS_PANEL) == WXK_F6);
    Frame().FocusPanel(MainFrame::Panel::Personas);
    Pump();
    BOOST_TEST(wxWindow::FindFocus() == Frame().GetPersonaList()->GetListBox());
    Command(ID_FOCUS_NEXT_PANEL);
    BOOST_TEST(grid().IsDescendant(wxWindow::FindFocus()));
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Main));
    Command(ID_FOCUS_NEXT_PANEL);
    BOOST_TEST(wxWindow::FindFocus() == Chat().Input());
    Command(ID_FOCUS_NEXT_PANEL);
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Personas));
    Command(ID_FOCUS_PREVIOUS_PANEL);
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Assistant));
}

BOOST_FIXTURE_TEST_CASE(the_assistant_command_brings_back_a_closed_assistant, editor) {
    BOOST_TEST(AcceleratorKey(ID_SHOW_ASSISTANT) == 'A');
    wxAuiManager& aui = Frame().GetAuiManager();
    aui.GetPane("chat").Hide();
    aui.Update();
    Command(ID_SHOW_ASSISTANT);
    BOOST_TEST(aui.GetPane("chat").IsShown());
    BOOST_TEST(wxWindow::FindFocus() == Chat().Input());
    // From inside the assistant the same command closes it and gives the focus back to the map.
    Command(ID_SHOW_ASSISTANT);
    BOOST_TEST(!aui.GetPane("chat").IsShown());
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Main));
    aui.GetPane("chat").Show();
    aui.Update();
}

BOOST_FIXTURE_TEST_CASE(tab_walks_the_grid_row_by_row_and_leaves_it_after_the_last_cell, editor) {
    grid().SetFocus();
    grid().SetGridCursor(0, 5);
    Press(&grid(), WXK_TAB);
    BOOST_TEST(grid().GetGridCursorCol() == 6);
    Press(&grid(), WXK_TAB);
    BOOST_TEST(grid().GetGridCursorRow() == 1);
    BOOST_TEST(grid().GetGridCursorCol() == 0);
    Press(&grid(), WXK_TAB, wxMOD_SHIFT);
    BOOST_TEST(grid().GetGridCursorRow() == 0);
    BOOST_TEST(grid().GetGridCursorCol() == 6);
    // Hidden columns are stepped over.
    Frame().GetStageGrid()->SetColumnShown(2, false);
    grid().SetGridCursor(0, 1);
    Press(&grid(), WXK_TAB);
    BOOST_TEST(grid().GetGridCursorCol() == 3);
    Frame().GetStageGrid()->ResetColumns();
    // Past the last cell the focus moves on to the next panel; before the first, to the previous.
    const int last = grid().GetNumberRows() - 1;
    grid().SetGridCursor(last, 6);
    Press(&grid(), WXK_TAB);
    BOOST_TEST(grid().GetGridCursorRow() == last);
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Assistant));
    grid().SetFocus();
    grid().SetGridCursor(0, 0);
    Press(&grid(), WXK_TAB, wxMOD_SHIFT);
    BOOST_TEST((Frame().GetFocusedPanel() == MainFrame::Panel::Personas));
}

BOOST_FIXTURE_TEST_CASE(the_main_commands_have_keys, editor) {
    for (int id : std::initializer_list<int>{wxID_NEW, wxID_OPEN, wxID_SAVE, wxID_UNDO, wxID_REDO, ID_PERSONA_ADD, ID_STAGE_ADD, ID_STAGE_INSERT,
                   ID_STAGE_DELETE, ID_STAGE_MOVE_UP, ID_STAGE_MOVE_DOWN, ID_SHOW_STAGES, ID_KEYBOARD_HELP})
        BOOST_TEST(AcceleratorKey(id) != 0, "menu command " << id << " has no key");
}

BOOST_FIXTURE_TEST_CASE(done_in_the_chat_saves_the_map_and_says_where, editor) {
    Click("Yes");  // continue Lisa Chang, whose stages are all filled in
    TypeAndEnter("no");  // no summary
    TypeAndEnter("satisfied");
    Click("Done");
    BOOST_TEST(Chat().Interview()->finished());
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(!Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(Said("have been saved"));
    BOOST_TEST(Chat().Transcript().back() == "Saved to " + ToWx(path) + ".");
    const auto saved = load_bpm(path);
    BOOST_TEST_REQUIRE(bool(saved));
    BOOST_TEST((saved.value->personas.back().status == persona_status::completed));
}

BOOST_FIXTURE_TEST_CASE(done_in_the_chat_never_claims_a_save_that_failed, editor) {
    namespace fs = std::filesystem;
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    Click("Yes");
    TypeAndEnter("no");
    TypeAndEnter("satisfied");
    Click("Done");
    BOOST_TEST(Chat().Interview()->finished());
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("the file is read-only"));
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(!Said("have been saved"));
    BOOST_TEST(Chat().Transcript().back().Contains("The map is not saved yet: choose File"));
}
