// Drives the real editor window: open, edit through the grid, undo and redo, stage rows,
// pasting from a spreadsheet, the unsaved-changes question, load errors and screenshots.
#define BOOST_TEST_MODULE gui
#include <array>
#include <memory>

#include <wx/accel.h>
#include <wx/toolbar.h>

#ifdef __WXGTK__
#include <gdk/gdk.h>
#endif

#include "bpm/json_format.h"
#include "gui_fixture.h"
#include "journey_map_view.h"

using namespace gui_test;

BOOST_FIXTURE_TEST_CASE(opening_a_map_shows_its_personas_and_the_first_personas_stages, editor) {
    BOOST_TEST(Frame().GetTitle() == "map.bpm - Buying Process Mapper");
    BOOST_TEST(Frame().GetPersonaList()->GetIds().size() == 8u);
    BOOST_TEST(Context().GetPersonaId() == "persona-1");
    BOOST_TEST(grid().GetNumberRows() == 5);
    BOOST_TEST(grid().GetNumberCols() == 7);
    BOOST_TEST(grid().GetColLabelValue(0) == "Stage");
    BOOST_TEST(grid().GetColLabelValue(3) == "Key Influencers");
    BOOST_TEST(grid().GetColLabelValue(6) == "Key Message");
    BOOST_TEST(grid().GetCellValue(0, 0) == "Awareness");
    BOOST_TEST(grid().GetCellValue(2, 2) == "30 days");
    BOOST_TEST((grid_rows() == model_rows()));
    // Rows grow to their wrapped text.
    BOOST_TEST(grid().GetRowSize(0) > 2 * grid().GetCharHeight());
    Command(ID_SHOW_DASHBOARD);
    BOOST_TEST(Frame().GetDashboard()->GetTable()->GetItemCount() == 8u);
}

BOOST_FIXTURE_TEST_CASE(selecting_another_persona_shows_its_stages, editor) {
    Context().SelectPersona("persona-2");
    BOOST_TEST(shown().name.find("James Chen") == 0u);
    BOOST_TEST(grid().GetNumberRows() == static_cast<int>(shown().stages.size()));
    BOOST_TEST((grid_rows() == model_rows()));
    BOOST_TEST(Frame().GetPersonaList()->GetListBox()->GetSelection() == 1);
}

namespace {

// Clicks a row of the persona list, as the mouse would.
void ClickPersonaRow(int row) {
    wxVListBox* list = Frame().GetPersonaList()->GetListBox();
    list->SetSelection(row);
    wxCommandEvent click(wxEVT_LISTBOX, list->GetId());
    click.SetEventObject(list);
    click.SetInt(row);
    list->ProcessWindowEvent(click);
    Pump();
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(choosing_a_persona_in_the_list_shows_it_in_every_panel, editor) {
    ClickPersonaRow(2);
    const persona& third = doc->Model().personas[2];
    BOOST_TEST(Context().GetPersonaId() == third.id);
    BOOST_TEST(Frame().GetPersonaForm()->GetField(persona_field::name)->GetValue() == ToWx(third.name));
    BOOST_TEST((grid_rows() == model_rows()));
    BOOST_TEST(grid().GetNumberRows() == static_cast<int>(third.stages.size()));
    auto* resume = wxDynamicCast(wxWindow::FindWindowByLabel("&Continue", &Chat()), wxButton);
    BOOST_TEST_REQUIRE(resume != nullptr);
    BOOST_TEST(resume->GetToolTipText().Contains(ToWx(third.name)));
    // The grid's cursor is on the first stage, and so is the selection the journey map outlines.
    BOOST_TEST(Context().GetStageId() == third.stages.front().id);
    BOOST_TEST(Frame().GetJourneyMap()->GetSelectedStage() == third.stages.front().id);
    // The status line counts its stage fields: every field of the sample is filled.
    const unsigned long fields = bpm::all_stage_fields.size() * third.stages.size();
    BOOST_TEST(Frame().GetStatusBar()->GetStatusText(1) ==
               wxString::Format("100%% complete (%lu of %lu stage fields)", fields, fields));
    // The pages laid out only while in front show the persona as they come to the front.
    Command(ID_SHOW_JOURNEY);
    BOOST_TEST(Frame().GetJourneyMap()->GetLayout().stages.size() == third.stages.size());
    Command(ID_SHOW_SUMMARY);
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->GetValue() == (third.summary ? ToWx(third.summary->text) : wxString()));
    Command(ID_SHOW_DASHBOARD);
    BOOST_TEST(Frame().GetDashboard()->GetTable()->GetSelectedRow() == 2);
}

BOOST_FIXTURE_TEST_CASE(a_persona_chosen_on_another_page_gets_grown_rows_when_the_grid_comes_back, editor) {
    Command(ID_SHOW_PERSONA);
    ClickPersonaRow(1);
    Command(ID_SHOW_STAGES);
    Pump();
    BOOST_TEST(Context().GetPersonaId() == "persona-2");
    for (int row = 0; row < grid().GetNumberRows(); ++row)
        BOOST_TEST(grid().GetRowSize(row) > 2 * grid().GetCharHeight(), "row " << row);
}

BOOST_FIXTURE_TEST_CASE(the_toolbar_names_what_undo_and_redo_would_do, editor) {
    wxToolBar* tools = Frame().GetToolBar();
    BOOST_TEST(tools->GetToolShortHelp(wxID_UNDO) == "Undo");
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    BOOST_TEST(tools->GetToolShortHelp(wxID_UNDO) == "Undo Edit Duration of Awareness");
    BOOST_TEST(tools->GetToolShortHelp(wxID_REDO) == "Redo");
    Command(wxID_UNDO);
    BOOST_TEST(tools->GetToolShortHelp(wxID_UNDO) == "Undo");
    BOOST_TEST(tools->GetToolShortHelp(wxID_REDO) == "Redo Edit Duration of Awareness");
}

BOOST_FIXTURE_TEST_CASE(text_still_in_a_cell_editor_is_saved, editor) {
    wxTextCtrl* text = OpenCellEditor(0, 2);
    // Opened and not typed in, the map is as saved: File > Save has nothing to do.
    BOOST_TEST(!CommandEnabled(wxID_SAVE));
    text->SetValue("9 weeks");
    // The typed text is the map's only change; Save must be there for it, as the user sees it.
    BOOST_TEST(CommandEnabled(wxID_SAVE));
    Command(wxID_SAVE);
    BOOST_TEST(!grid().IsCellEditControlShown());
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "9 weeks");
    BOOST_TEST(!doc->IsModified());
}

BOOST_FIXTURE_TEST_CASE(editing_a_cell_in_the_grid_is_one_undoable_step, editor) {
    wxTextCtrl* text = OpenCellEditor(0, 2);
    text->SetValue("6 weeks");
    grid().DisableCellEditControl();
    Pump();

    BOOST_TEST(shown().stages[0].duration == "6 weeks");
    BOOST_TEST(grid().GetCellValue(0, 2) == "6 weeks");
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(undo_label() == "Undo Edit Duration of Awareness");
    Frame().GetEditMenu()->UpdateUI();
    BOOST_TEST(Frame().GetEditMenu()->GetLabel(wxID_UNDO).StartsWith("Undo Edit Duration of Awareness"));

    Command(wxID_UNDO);
    BOOST_TEST(shown().stages[0].duration == "2-4 weeks");
    BOOST_TEST(grid().GetCellValue(0, 2) == "2-4 weeks");
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(Frame().GetTitle() == "map.bpm - Buying Process Mapper");

    Command(wxID_REDO);
    BOOST_TEST(shown().stages[0].duration == "6 weeks");
    BOOST_TEST(grid().GetCellValue(0, 2) == "6 weeks");
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
}

BOOST_FIXTURE_TEST_CASE(undo_of_a_change_made_elsewhere_shows_in_the_grid, editor) {
    const std::string first = shown().stages[1].id;
    doc->Submit(set_stage_field("persona-1", first, stage_field::key_message, "Changed outside the grid"));
    BOOST_TEST(grid().GetCellValue(1, 6) == "Changed outside the grid");
    Command(wxID_UNDO);
    BOOST_TEST(grid().GetCellValue(1, 6) == ToWx(shown().stages[1].key_message));
    BOOST_TEST((grid_rows() == model_rows()));
}

BOOST_FIXTURE_TEST_CASE(stages_are_added_moved_and_deleted_through_the_grid, editor) {
    StageGrid& stages = *Frame().GetStageGrid();
    const std::vector<std::string> before = model_rows();
    grid().SetGridCursor(4, 0);

    Command(ID_STAGE_ADD);
    BOOST_TEST_REQUIRE(shown().stages.size() == 6u);
    BOOST_TEST(shown().stages[5].name == "Stage 6");
    BOOST_TEST(grid().GetNumberRows() == 6);
    BOOST_TEST(grid().GetGridCursorRow() == 5);
    BOOST_TEST(undo_label().StartsWith("Undo Add Stage"));

    Command(ID_STAGE_MOVE_UP);
    BOOST_TEST(shown().stages[4].name == "Stage 6");
    BOOST_TEST(grid().GetCellValue(4, 0) == "Stage 6");
    BOOST_TEST(grid().GetGridCursorRow() == 4);

    grid().SetGridCursor(0, 0);
    stages.InsertStage();
    BOOST_TEST(shown().stages[0].name == "Stage 1");
    BOOST_TEST((grid_rows() == model_rows()));

    grid().SetGridCursor(1, 0);
    Command(ID_STAGE_DELETE);
    BOOST_TEST(shown().stages.size() == 6u);
    BOOST_TEST(shown().stages[1].name == "Consideration");
    BOOST_TEST((grid_rows() == model_rows()));

    for (int i = 0; i < 4; ++i) Command(wxID_UNDO);
    BOOST_TEST((model_rows() == before));
    BOOST_TEST((grid_rows() == before));
    BOOST_TEST(!doc->IsModified());
    for (int i = 0; i < 4; ++i) Command(wxID_REDO);
    BOOST_TEST((grid_rows() == model_rows()));
    BOOST_TEST(shown().stages.size() == 6u);
}

BOOST_FIXTURE_TEST_CASE(the_move_shortcuts_are_in_the_stage_menu, editor) {
    wxMenuBar* bar = Frame().GetMenuBar();
    wxMenuItem* up = bar->FindItem(ID_STAGE_MOVE_UP);
    BOOST_TEST_REQUIRE(up != nullptr);
    BOOST_TEST(up->GetItemLabel().AfterFirst('\t') == "Alt+Up");
    BOOST_TEST(bar->FindItem(wxID_UNDO)->GetItemLabel().AfterFirst('\t') == "Ctrl+Z");
    BOOST_TEST(bar->FindItem(wxID_REDO)->GetItemLabel().AfterFirst('\t') == "Ctrl+Shift+Z");
}

BOOST_FIXTURE_TEST_CASE(pasting_spreadsheet_cells_fills_the_block_as_one_step, editor) {
    const std::vector<std::string> before = model_rows();
    grid().SetGridCursor(1, 1);
    BOOST_TEST_REQUIRE(Frame().GetStageGrid()->PasteText("Reads reviews\t1 week\nAsks peers\t\"2\nweeks\"\n"));
    BOOST_TEST(shown().stages[1].buyer_actions == "Reads reviews");
    BOOST_TEST(shown().stages[1].duration == "1 week");
    BOOST_TEST(shown().stages[2].buyer_actions == "Asks peers");
    BOOST_TEST(shown().stages[2].duration == "2\nweeks");
    BOOST_TEST(shown().stages[1].key_influencers == "IT lead, buying team lead, CFO");
    BOOST_TEST((grid_rows() == model_rows()));
    BOOST_TEST(undo_label() == "Undo Paste");
    Command(wxID_UNDO);
    BOOST_TEST((model_rows() == before));
    BOOST_TEST((grid_rows() == before));
}

BOOST_FIXTURE_TEST_CASE(pasting_past_the_last_row_adds_stages, editor) {
    grid().SetFocus();
    grid().SetGridCursor(4, 0);
    {
        wxClipboardLocker lock;
        BOOST_TEST_REQUIRE(!!lock);
        wxTheClipboard->SetData(new wxTextDataObject("Retention\tUses it daily\nAdvocacy\tRefers peers\n"));
    }
    Command(wxID_PASTE);
    BOOST_TEST_REQUIRE(shown().stages.size() == 6u);
    BOOST_TEST(shown().stages[4].name == "Retention");
    BOOST_TEST(shown().stages[5].name == "Advocacy");
    BOOST_TEST(shown().stages[5].buyer_actions == "Refers peers");
    BOOST_TEST(grid().GetNumberRows() == 6);
    BOOST_TEST((grid_rows() == model_rows()));
    Command(wxID_UNDO);
    BOOST_TEST(shown().stages.size() == 5u);
    BOOST_TEST(grid().GetNumberRows() == 5);
}

BOOST_FIXTURE_TEST_CASE(copying_cells_puts_tab_separated_text_on_the_clipboard, editor) {
    grid().SelectBlock(0, 0, 1, 2);
    Frame().GetStageGrid()->Copy();
    wxTextDataObject data;
    {
        wxClipboardLocker lock;
        BOOST_TEST_REQUIRE(wxTheClipboard->GetData(data));
    }
    const CellBlock block = ParseTabSeparated(ToUtf8(data.GetText()));
    BOOST_TEST_REQUIRE(block.size() == 2u);
    BOOST_TEST((block[0] == std::vector<std::string>{"Awareness", shown().stages[0].buyer_actions, "2-4 weeks"}));
    BOOST_TEST(block[1][0] == "Consideration");
}

BOOST_FIXTURE_TEST_CASE(typing_in_the_persona_form_edits_the_persona, editor) {
    Context().ShowPage(EditingContext::Page::Persona);
    wxTextCtrl* role = Frame().GetPersonaForm()->GetField(persona_field::role);
    role->SetValue("Head of E-commerce");
    BOOST_TEST(shown().profile.role == "Head of E-commerce");
    BOOST_TEST(undo_label() == "Undo Edit Role of Emma Rodriguez \xE2\x80\x94 Home Decor E-commerce Director");
    doc->Submit(set_persona_field("persona-1", persona_field::role, "Changed elsewhere"));
    BOOST_TEST(role->GetValue() == "Changed elsewhere");
    Command(wxID_UNDO);  // a change made elsewhere is a step of its own, not more typing
    BOOST_TEST(role->GetValue() == "Head of E-commerce");
    Command(wxID_UNDO);
    BOOST_TEST(role->GetValue() == "E-commerce Director");
}

BOOST_FIXTURE_TEST_CASE(typing_on_in_one_persona_field_is_one_undo_step, editor) {
    Context().ShowPage(EditingContext::Page::Persona);
    wxTextCtrl* role = Frame().GetPersonaForm()->GetField(persona_field::role);
    for (const char* text : {"H", "He", "Head"}) role->SetValue(text);
    BOOST_TEST(shown().profile.role == "Head");
    Command(wxID_UNDO);
    BOOST_TEST(role->GetValue() == "E-commerce Director");
    BOOST_TEST(!doc->History().can_undo());
}

BOOST_FIXTURE_TEST_CASE(coming_back_to_a_persona_field_starts_a_new_undo_step, editor) {
    Context().ShowPage(EditingContext::Page::Persona);
    wxTextCtrl* role = Frame().GetPersonaForm()->GetField(persona_field::role);
    for (const char* text : {"H", "He", "Head"}) role->SetValue(text);
    // The focus leaves the field (the toolkit sends this when another control takes it).
    wxFocusEvent left(wxEVT_KILL_FOCUS, role->GetId());
    left.SetEventObject(role);
    role->GetEventHandler()->ProcessEvent(left);
    for (const char* text : {"Head ", "Head o", "Head of"}) role->SetValue(text);
    Command(wxID_UNDO);
    BOOST_TEST(role->GetValue() == "Head");
    Command(wxID_UNDO);
    BOOST_TEST(role->GetValue() == "E-commerce Director");
}

BOOST_FIXTURE_TEST_CASE(generate_summary_and_finish_are_undoable_edits, editor) {
    Context().SelectPersona("persona-5");
    BOOST_TEST((shown().status == persona_status::in_progress));
    Command(ID_SUMMARY_GENERATE);
    BOOST_TEST_REQUIRE(shown().summary.has_value());
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->GetValue().StartsWith("Persona: Jennifer Wright"));
    Command(ID_PERSONA_FINISH);
    BOOST_TEST((shown().status == persona_status::completed));
    BOOST_TEST(undo_label() == "Undo Mark Persona Completed");
    Command(wxID_UNDO);
    Command(wxID_UNDO);
    BOOST_TEST((shown().status == persona_status::in_progress));
    BOOST_TEST(!shown().summary.has_value());
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->GetValue().empty());
}

BOOST_FIXTURE_TEST_CASE(adding_and_deleting_personas_moves_the_selection, editor) {
    Command(ID_PERSONA_ADD);
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(doc->Model().personas[1].name == "New Persona");
    BOOST_TEST(shown().name == "New Persona");
    BOOST_TEST(shown().stages.size() == 3u);
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Persona));
    BOOST_TEST(Frame().GetPersonaList()->GetListBox()->GetSelection() == 1);
    Command(ID_PERSONA_DELETE);
    BOOST_TEST(doc->Model().personas.size() == 8u);
    BOOST_TEST(Context().GetPersonaId() == "persona-2");
    Command(wxID_UNDO);
    BOOST_TEST(Context().GetPersonaId() == shown().id);
    BOOST_TEST(shown().name == "New Persona");
}

BOOST_FIXTURE_TEST_CASE(closing_with_unsaved_changes_asks_and_cancel_keeps_the_map, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    prompts.answers = {SaveChoice::Cancel};
    Command(wxID_CLOSE);
    BOOST_TEST(prompts.asked == 1);
    BOOST_TEST(Context().GetDocument() == doc);
    BOOST_TEST(shown().stages[0].duration == "5 weeks");

    // Quitting asks too, and Cancel keeps the window.
    prompts.answers = {SaveChoice::Cancel};
    BOOST_TEST(!Frame().Close(false));
    BOOST_TEST(prompts.asked == 2);
    BOOST_TEST(Context().GetDocument() == doc);

    prompts.answers = {SaveChoice::Discard};
    Command(wxID_CLOSE);
    BOOST_TEST(prompts.asked == 3);
    BOOST_TEST(Context().GetDocument() == nullptr);
    BOOST_TEST(Frame().GetTitle() == "Buying Process Mapper");
    const result<document> onDisk = load_bpm(path);
    BOOST_TEST(onDisk.value->personas[0].stages[0].duration == "2-4 weeks");
}

BOOST_FIXTURE_TEST_CASE(choosing_save_writes_the_file_before_closing, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    prompts.answers = {SaveChoice::Save};
    Command(wxID_CLOSE);
    BOOST_TEST(prompts.asked == 1);
    BOOST_TEST(Context().GetDocument() == nullptr);
    const result<document> onDisk = load_bpm(path);
    BOOST_TEST_REQUIRE(bool(onDisk));
    BOOST_TEST(onDisk.value->personas[0].stages[0].duration == "5 weeks");
}

BOOST_FIXTURE_TEST_CASE(saving_makes_the_map_clean_and_undo_makes_it_modified_again, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_SAVE);
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(!Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "5 weeks");
    Command(wxID_UNDO);
    BOOST_TEST(doc->IsModified());
    Command(wxID_REDO);
    BOOST_TEST(!doc->IsModified());
}

BOOST_FIXTURE_TEST_CASE(revert_goes_back_to_the_saved_file, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_REVERT);
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(shown().stages[0].duration == "2-4 weeks");
    BOOST_TEST(grid().GetCellValue(0, 2) == "2-4 weeks");
    BOOST_TEST(Frame().GetTitle() == "map.bpm - Buying Process Mapper");
    BOOST_TEST(undo_label() == "Undo");
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "7 weeks"));
    BOOST_TEST(grid().GetCellValue(0, 2) == "7 weeks");
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
}

BOOST_FIXTURE_TEST_CASE(revert_keeps_the_selected_persona_and_stage_and_every_panel_listening, editor) {
    const std::vector<wxString> fresh = Chat().Transcript();
    TypeAndEnter("What is a buying stage?");
    BOOST_TEST(Chat().Transcript().size() > fresh.size());
    Context().SelectPersona("persona-3");
    grid().SetGridCursor(2, 0);
    Pump();
    const std::string stage = shown().stages[2].id;
    BOOST_TEST(Context().GetStageId() == stage);
    Command(ID_PERSONA_ADD);
    BOOST_TEST(doc->Model().personas.size() == 9u);
    Context().SelectPersona("persona-3");
    grid().SetGridCursor(2, 0);
    Pump();
    Command(wxID_REVERT);
    BOOST_TEST(doc->Model().personas.size() == 8u);
    BOOST_TEST(Frame().GetPersonaList()->GetIds().size() == 8u);
    BOOST_TEST(Context().GetPersonaId() == "persona-3");
    BOOST_TEST(Context().GetStageId() == stage);
    BOOST_TEST(grid().GetGridCursorRow() == 2);
    BOOST_TEST(Frame().GetJourneyMap()->GetSelectedStage() == stage);
    // The conversation starts over: the old one was about contents that are gone.
    BOOST_TEST((Chat().Transcript() == fresh));

    // Every panel still hears the one history, those laid out only while in front as they come to it.
    doc->Submit(set_persona_field("persona-3", persona_field::name, "Renamed after revert"));
    BOOST_TEST(Frame().GetPersonaForm()->GetField(persona_field::name)->GetValue() == "Renamed after revert");
    Command(ID_SHOW_SUMMARY);
    BOOST_TEST(Frame().GetSummaryPanel()->GetText()->IsEmpty() == !shown().summary.has_value());
    Command(ID_SHOW_DASHBOARD);
    BOOST_TEST_REQUIRE(Frame().GetDashboard()->GetTable()->GetItemCount() == 8u);
    wxVariant name;
    Frame().GetDashboard()->GetTable()->GetValue(name, 2, 0);
    BOOST_TEST(name.GetString() == "Renamed after revert");
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
}

BOOST_FIXTURE_TEST_CASE(a_revert_that_drops_the_selected_persona_selects_the_first, editor) {
    Command(ID_PERSONA_ADD);
    const std::string added = Context().GetPersonaId();
    BOOST_TEST(added != "persona-1");
    Command(wxID_REVERT);
    BOOST_TEST(Context().GetPersonaId() == "persona-1");
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Stages));
    BOOST_TEST((grid_rows() == model_rows()));
}

BOOST_FIXTURE_TEST_CASE(a_file_that_cannot_be_read_leaves_the_open_map_untouched, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    BOOST_TEST(TheDocManager().CreateDocument(ToWx(test::data("many-problems.bpm")), wxDOC_SILENT) == nullptr);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].StartsWith("Could not open \"many-problems.bpm\"."));
    // Each problem with its place, filled into the catalogue's {1}-style pattern.
    BOOST_TEST(prompts.problems[0].Contains("Line 6, column 4: status \"done\" is not one of in_progress, completed"));
    BOOST_TEST(prompts.problems[0].Contains("Line 10, column 6: unexpected element <budget> inside <stage>"));
    BOOST_TEST(prompts.asked == 0);
    BOOST_TEST(Context().GetDocument() == doc);
    BOOST_TEST(shown().stages[0].duration == "5 weeks");
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
}

namespace {

// What shows the map: the document, its contents and whether it has unsaved changes.
void ExpectStillShown(BpmDocument* doc, const std::string& contents) {
    BOOST_TEST(Context().GetDocument() == doc);
    BOOST_TEST(TheDocManager().GetDocuments().GetCount() == 1u);
    BOOST_TEST(write_bpm(doc->Model()) == contents);
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(cancelling_the_opening_of_a_big_map_keeps_the_map_shown_untouched, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    const std::string contents = write_bpm(doc->Model());
    const std::string big = BigMap();
    const std::filesystem::path lock = std::filesystem::path(big).parent_path() / ".~lock.big.bpm#";
    // File > Open Recent, which opens as File > Open and the command line do once they have the
    // file (GTK's file chooser gives no file it has not shown).
    TheDocManager().AddFileToHistory(ToWx(big));
    {
        cancel_progress cancel;
        Command(wxID_FILE1);
        BOOST_TEST(cancel.seen);
    }
    TheDocManager().RemoveFileFromHistory(0);
    ExpectStillShown(doc, contents);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(prompts.asked == 0);  // the map shown was never about to close
    BOOST_TEST(!std::filesystem::exists(lock));
    // Not cancelled, it opens.
    prompts.answers = {SaveChoice::Discard};
    auto* opened = TheDocManager().CreateDocument(ToWx(big), wxDOC_SILENT);
    BOOST_TEST_REQUIRE(opened != nullptr);
    doc = wxStaticCast(opened, BpmDocument);
    BOOST_TEST(doc->Model().personas.size() == 300u);
}

BOOST_AUTO_TEST_CASE(cancelling_the_revert_of_a_big_map_keeps_the_changes) {
    editor e(BigMap());
    e.doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    const std::string contents = write_bpm(e.doc->Model());
    const wxString undo = e.undo_label();
    {
        cancel_progress cancel;
        Command(wxID_REVERT);
        BOOST_TEST(cancel.seen);
    }
    ExpectStillShown(e.doc, contents);
    BOOST_TEST(e.undo_label() == undo);
    BOOST_TEST(e.prompts.problems.empty());
}

BOOST_FIXTURE_TEST_CASE(opening_another_map_asks_about_the_changes_to_this_one, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    prompts.answers = {SaveChoice::Cancel};
    BOOST_TEST(TheDocManager().CreateDocument(ToWx(test::sample("small-business-owner.bpm")), wxDOC_SILENT) == nullptr);
    BOOST_TEST(Context().GetDocument() == doc);
    prompts.answers = {SaveChoice::Discard};
    auto* other = TheDocManager().CreateDocument(ToWx(test::sample("small-business-owner.bpm")), wxDOC_SILENT);
    BOOST_TEST_REQUIRE(other != nullptr);
    BOOST_TEST(Context().GetDocument() == other);
    BOOST_TEST(TheDocManager().GetDocuments().GetCount() == 1u);
    doc = wxStaticCast(other, BpmDocument);
}

BOOST_FIXTURE_TEST_CASE(hidden_columns_are_remembered, editor) {
    StageGrid& stages = *Frame().GetStageGrid();
    stages.SetColumnShown(2, false);
    BOOST_TEST(!grid().IsColShown(2));
    BOOST_TEST(wxConfigBase::Get()->Read("/StageGrid/HiddenColumns", wxString()) == "duration");
    stages.SetColumnShown(0, false);
    BOOST_TEST(grid().IsColShown(0));
    stages.ResetColumns();
    BOOST_TEST(grid().IsColShown(2));
    BOOST_TEST(wxConfigBase::Get()->Read("/StageGrid/HiddenColumns", wxString()).empty());
}

BOOST_FIXTURE_TEST_CASE(the_pane_layout_is_remembered_and_new_panes_keep_their_place, editor) {
    wxAuiManager& aui = Frame().GetAuiManager();
    aui.GetPane("personas").Hide();
    aui.Update();
    Frame().SaveLayout();
    const wxString saved = wxConfigBase::Get()->Read("/Layout/Perspective", wxString());
    BOOST_TEST(saved.Contains("name=personas;"));
    aui.GetPane("personas").Show();
    aui.Update();
    // A perspective from before the persona list existed: the list keeps its default place.
    wxString old = saved;
    old.Replace("name=personas;", "name=gone;");
    wxConfigBase::Get()->Write("/Layout/Perspective", old);
    Frame().RestoreLayout();
    BOOST_TEST(aui.GetPane("personas").IsShown());
    wxConfigBase::Get()->Write("/Layout/Perspective", saved);
    Frame().RestoreLayout();
    BOOST_TEST(!aui.GetPane("personas").IsShown());
    wxConfigBase::Get()->DeleteEntry("/Layout/Perspective");
    aui.GetPane("personas").Show();
    aui.Update();
}

BOOST_FIXTURE_TEST_CASE(delete_empties_the_selected_cells_as_one_step, editor) {
    grid().SelectBlock(0, 1, 1, 2);
    Frame().GetStageGrid()->ClearCells();
    BOOST_TEST(shown().stages[0].buyer_actions.empty());
    BOOST_TEST(shown().stages[1].duration.empty());
    BOOST_TEST(shown().stages[0].key_influencers.empty() == false);
    BOOST_TEST(grid().GetCellValue(1, 2).empty());
    BOOST_TEST(undo_label() == "Undo Clear Cells");
    Command(wxID_UNDO);
    BOOST_TEST(shown().stages[1].duration == "3-4 weeks");
}

BOOST_AUTO_TEST_CASE(tab_separated_text_round_trips) {
    const CellBlock block = {{"a", "b\tc"}, {"say \"hi\"", "two\nlines"}};
    BOOST_TEST((ParseTabSeparated(FormatTabSeparated(block)) == block));
    BOOST_TEST((ParseTabSeparated("x\ty\r\nz\r\n") == CellBlock{{"x", "y"}, {"z"}}));
    BOOST_TEST(ParseTabSeparated("").empty());
}

BOOST_AUTO_TEST_CASE(the_screenshot_option_saves_a_picture_of_the_window) {
    test::temp_dir dir;
    const std::string png = dir.file("shot.png");
    const test::run_result r = test::run_program(
        BPM_APP, {"--screenshot", png, "--size", "1024x700", test::sample("nlyzer-b2b-personas.bpm")});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    wxImage image;
    BOOST_TEST_REQUIRE(image.LoadFile(ToWx(png), wxBITMAP_TYPE_PNG));
    BOOST_TEST(image.GetWidth() == 1024);
    BOOST_TEST(image.GetHeight() == 700);
    std::set<unsigned long> colours;
    const unsigned char* rgb = image.GetData();
    for (int i = 0; i < image.GetWidth() * image.GetHeight(); i += 7)
        colours.insert((rgb[3 * i] << 16) | (rgb[3 * i + 1] << 8) | rgb[3 * i + 2]);
    // A blank or single-colour window has a handful of colours; text and widgets have hundreds.
    BOOST_TEST(colours.size() > 200u);
}

BOOST_AUTO_TEST_CASE(the_screenshot_option_fails_on_a_broken_file) {
    test::temp_dir dir;
    const test::run_result r =
        test::run_program(BPM_APP, {"--screenshot", dir.file("shot.png"), test::data("many-problems.bpm")});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.find("Could not open") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(saving_never_silently_replaces_a_version_someone_saved_meanwhile, editor) {
    // A teammate (or bpmap-cli interview) adds a ninth persona to the file while the map is open.
    document theirs = *load_bpm(path).value;
    persona ninth;
    ninth.id = theirs.new_persona_id();
    ninth.name = "Procurement Lead";
    theirs.personas.push_back(ninth);
    BOOST_TEST_REQUIRE(bool(save_bpm(theirs, path)));

    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_SAVE);
    // Asked, and Cancel keeps their file and my changes.
    BOOST_TEST(prompts.askedToReplace == 1);
    BOOST_TEST(load_bpm(path).value->personas.size() == 9u);
    BOOST_TEST(doc->IsModified());

    // Replacing is the user's choice, and then the next save is plain again.
    prompts.replaceTheirs = true;
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 2);
    BOOST_TEST(load_bpm(path).value->personas.size() == 8u);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(!doc->IsModified());
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "6 weeks"));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 2);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "6 weeks");

    // Moved away or deleted meanwhile: nobody's version is lost, so the save just puts it back.
    std::filesystem::rename(path, path + ".moved");
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "7 weeks"));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 2);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "7 weeks");
}

namespace {

// Presses a key with modifiers on the focused control, as GTK first reports it: a char hook
// event sent to that control, which travels up to the window; hardwareKey is the raw key code
// GTK reports with it, where a test needs one.
bool PressOn(wxWindow& focused, int keyCode, bool ctrl, bool alt, bool shift, wxUint32 hardwareKey = 0) {
    focused.SetFocus();
    wxKeyEvent hook(wxEVT_CHAR_HOOK);
    hook.m_keyCode = keyCode;
    hook.m_rawFlags = hardwareKey;
    hook.m_controlDown = ctrl;
    hook.m_altDown = alt;
    hook.m_shiftDown = shift;
    hook.SetEventObject(&focused);
    focused.ProcessWindowEvent(hook);
    Pump();
    // A key the hook does not take goes on to the control; one it takes stops there.
    return !hook.GetSkipped();
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(view_persona_list_shows_and_hides_the_list, editor) {
    wxAuiPaneInfo& pane = Frame().GetAuiManager().GetPane("personas");
    wxVListBox* list = Frame().GetPersonaList()->GetListBox();
    // Ctrl+0 from the grid goes to the list; from the list, it hides it.
    BOOST_TEST(PressOn(*grid().GetGridWindow(), '0', true, false, false));
    BOOST_TEST(pane.IsShown());
    BOOST_TEST(wxWindow::FindFocus() == list);
    BOOST_TEST(PressOn(*list, '0', true, false, false));
    BOOST_TEST(!pane.IsShown());
    // Its menu item is a check item that does what its tick says.
    wxMenu* view = Frame().GetMenuBar()->GetMenu(static_cast<size_t>(Frame().GetMenuBar()->FindMenu("View")));
    wxCommandEvent click(wxEVT_MENU, ID_SHOW_PERSONA_LIST);
    click.SetEventObject(view);
    click.SetInt(1);
    Frame().ProcessWindowEvent(click);
    Pump();
    BOOST_TEST(pane.IsShown());
    click.SetInt(0);
    Frame().ProcessWindowEvent(click);
    Pump();
    BOOST_TEST(!pane.IsShown());
    Command(ID_SHOW_PERSONA_LIST);
    BOOST_TEST(pane.IsShown());
}

#if defined(__WXGTK__)
BOOST_FIXTURE_TEST_CASE(ctrl_shift_0_reaches_actual_size_though_gtk_reports_the_key_as_a_parenthesis, editor) {
    // A US keyboard's Ctrl+Shift+0 arrives as ')' with the hardware code of the 0 key.
    GdkKeymapKey* keys = nullptr;
    gint count = 0;
    BOOST_TEST_REQUIRE(gdk_keymap_get_entries_for_keyval(gdk_keymap_get_for_display(gdk_display_get_default()),
                                                         GDK_KEY_0, &keys, &count));
    const guint zeroKey = keys[0].keycode;
    g_free(keys);
    Command(ID_SHOW_JOURNEY);
    JourneyMapView& map = *Frame().GetJourneyMap();
    map.SetZoom(2.0);
    BOOST_TEST(PressOn(map, ')', true, false, true, zeroKey));
    BOOST_TEST(map.GetZoom() == 1.0);
}
#endif

BOOST_FIXTURE_TEST_CASE(ctrl_shift_a_brings_back_a_closed_assistant_even_from_a_text_field, editor) {
    Frame().GetAuiManager().GetPane("chat").Hide();
    Frame().GetAuiManager().Update();
    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    wxTextCtrl& name = *Frame().GetPersonaForm()->GetField(persona_field::name);
    // GTK's text fields take Ctrl+Shift+A for themselves (unselect): the window's key goes first.
    BOOST_TEST(PressOn(name, 'A', true, false, true));
    BOOST_TEST(Frame().GetAuiManager().GetPane("chat").IsShown());
    BOOST_TEST(wxWindow::FindFocus() == Chat().Input());
}

BOOST_FIXTURE_TEST_CASE(the_stage_menus_keys_act_on_the_stage_from_the_grid, editor) {
    const std::vector<std::string> before = model_rows();
    wxGrid& g = grid();
    g.SetGridCursor(1, 2);
    // Alt+Up moves the stage, not just the cursor.
    BOOST_TEST(PressOn(*g.GetGridWindow(), WXK_UP, false, true, false));
    BOOST_TEST(model_rows()[0] == before[1]);
    BOOST_TEST(model_rows()[1] == before[0]);
    // Ctrl+Delete deletes the stage instead of opening the cell editor to delete a word.
    BOOST_TEST(PressOn(*g.GetGridWindow(), WXK_DELETE, true, false, false));
    BOOST_TEST(!g.IsCellEditControlShown());
    BOOST_TEST(model_rows().size() == before.size() - 1);
}

BOOST_FIXTURE_TEST_CASE(keys_a_text_field_needs_stay_with_it, editor) {
    const std::size_t stages = shown().stages.size();
    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    wxTextCtrl& name = *Frame().GetPersonaForm()->GetField(persona_field::name);
    // Ctrl+Delete deletes a word there, Ctrl+A selects its text: never a stage, never the grid.
    BOOST_TEST(!PressOn(name, WXK_DELETE, true, false, false));
    BOOST_TEST(!PressOn(name, 'A', true, false, false));
    BOOST_TEST(shown().stages.size() == stages);
    // In the grid's cell editor too.
    Context().ShowPage(EditingContext::Page::Stages);
    Pump();
    wxTextCtrl* cell = OpenCellEditor(0, 2);
    BOOST_TEST(!PressOn(*cell, WXK_DELETE, true, false, false));
    BOOST_TEST(shown().stages.size() == stages);
}

BOOST_AUTO_TEST_CASE(help_and_version_need_no_display) {
    for (const char* option : {"--help", "--version", "-h"}) {
        const std::string command = std::string("env -u DISPLAY -u WAYLAND_DISPLAY '" BPM_APP "' ") + option + " 2>&1";
        FILE* pipe = ::popen(command.c_str(), "r");
        BOOST_TEST_REQUIRE(pipe != nullptr);
        std::string out;
        char buffer[512];
        while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
        const int status = ::pclose(pipe);
        BOOST_TEST(status == 0, option << ": " << out);
        BOOST_TEST(out.find(std::string(option) == "--version" ? "bpmap " : "--screenshot") != std::string::npos, out);
        BOOST_TEST(out.find("Unable to initialize") == std::string::npos, out);
    }
}

// Case 16: rows copied from Excel where a cell starts with a quote that is not a CSV quote
// ("Quick win" pilot, an unclosed "Board wants…): the quotes are text and every row stays a row.
BOOST_AUTO_TEST_CASE(ctrl_v_of_excel_rows_with_stray_quotes_keeps_every_row_and_quote) {
    test::temp_dir dir;
    const std::string map = dir.file("target.bpm");
    BOOST_TEST_REQUIRE(bool(bpm::save_bpm(*bpm::load_json(test::data("excel-clipboard-quotes.target.json")).value, map)));
    editor ed(map);
    {
        wxClipboardLocker lock;
        wxTheClipboard->SetData(new wxTextDataObject(wxString::FromUTF8(test::slurp(test::data("excel-clipboard-quotes.tsv")))));
    }
    ed.grid().SetGridCursor(0, 0);
    ed.grid().GetGridWindow()->SetFocus();
    BOOST_TEST(PressOn(*ed.grid().GetGridWindow(), 'V', true, false, false));
    const persona& p = ed.shown();
    BOOST_TEST_REQUIRE(p.stages.size() == 5u);
    const std::vector<std::array<std::string, 3>> expected = {
        {"\"Quick win\" pilot", "Runs a 30-day pilot", "30 days"},
        {"Shortlist", "Asks: \"Must have SSO", "2 weeks"},
        {"Consensus", "\"Board wants payback < 6 months", "1 quarter"},
        {"Contract", "Legal review", "3 weeks"},
        {"Onboarding\n(phase 1)", "Kick-off", "1 week"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST(p.stages[i].name == expected[i][0]);
        BOOST_TEST(p.stages[i].buyer_actions == expected[i][1]);
        BOOST_TEST(p.stages[i].duration == expected[i][2]);
    }
    BOOST_TEST(ed.undo_label() == "Undo Paste");
}

BOOST_AUTO_TEST_CASE(a_quote_opens_a_quoted_cell_only_when_it_closes_the_cell) {
    BOOST_TEST((ParseTabSeparated("\"a\" b\tc\n") == CellBlock{{"\"a\" b", "c"}}));
    BOOST_TEST((ParseTabSeparated("\"open\tx\ny\tz\n") == CellBlock{{"\"open", "x"}, {"y", "z"}}));
    BOOST_TEST((ParseTabSeparated("\"two\nlines\"\tx\r\n") == CellBlock{{"two\nlines", "x"}}));
    BOOST_TEST((ParseTabSeparated("\"say \"\"hi\"\"\"") == CellBlock{{"say \"hi\""}}));
    BOOST_TEST((ParseTabSeparated("\"\"\tx") == CellBlock{{"", "x"}}));
    BOOST_TEST((ParseTabSeparated("\"") == CellBlock{{"\""}}));
    BOOST_TEST((ParseTabSeparated("a\"b\"\tc") == CellBlock{{"a\"b\"", "c"}}));
}

BOOST_FIXTURE_TEST_CASE(ctrl_v_in_an_open_cell_editor_pastes_a_block_into_the_cells, editor) {
    {
        wxClipboardLocker lock;
        wxTheClipboard->SetData(new wxTextDataObject("2 weeks\tCFO\n3 weeks\tCTO\n"));
    }
    wxTextCtrl* cell = OpenCellEditor(0, 2);
    BOOST_TEST(PressOn(*cell, 'V', true, false, false));
    BOOST_TEST(!grid().IsCellEditControlShown());
    BOOST_TEST(shown().stages[0].duration == "2 weeks");
    BOOST_TEST(shown().stages[0].key_influencers == "CFO");
    BOOST_TEST(shown().stages[1].duration == "3 weeks");
    BOOST_TEST(shown().stages[1].key_influencers == "CTO");
    BOOST_TEST(undo_label() == "Undo Paste");
    // Edit > Paste from an open editor, the same.
    {
        wxClipboardLocker lock;
        wxTheClipboard->SetData(new wxTextDataObject("5 weeks\tCEO\n"));
    }
    OpenCellEditor(0, 2);
    Command(wxID_PASTE);
    BOOST_TEST(!grid().IsCellEditControlShown());
    BOOST_TEST(shown().stages[0].key_influencers == "CEO");

    // One cell's text is the editor's to paste, at the caret.
    {
        wxClipboardLocker lock;
        wxTheClipboard->SetData(new wxTextDataObject("4 weeks"));
    }
    cell = OpenCellEditor(0, 2);
    BOOST_TEST(!PressOn(*cell, 'V', true, false, false));
    BOOST_TEST(grid().IsCellEditControlShown());
}

BOOST_FIXTURE_TEST_CASE(ctrl_enter_in_a_cell_puts_a_line_break_at_the_caret_and_enter_keeps_the_text, editor) {
    wxTextCtrl* cell = OpenCellEditor(0, 1);
    cell->ChangeValue("Asks peers");
    cell->SetInsertionPointEnd();
    BOOST_TEST(PressOn(*cell, WXK_RETURN, true, false, false));
    cell->WriteText("Reads analyst reports");
    // The caret, not the end: a break typed in the middle stays there.
    cell->SetInsertionPoint(4);
    BOOST_TEST(PressOn(*cell, WXK_RETURN, true, false, false));
    BOOST_TEST(PressOn(*cell, WXK_RETURN, false, false, false));
    BOOST_TEST(!grid().IsCellEditControlShown());
    BOOST_TEST(shown().stages[0].buyer_actions == "Asks\n peers\nReads analyst reports");
    BOOST_TEST(grid().GetGridCursorRow() == 1);  // Enter moves on, as in a spreadsheet
}

namespace {

struct menu_key {
    int flags, keyCode, id;
    wxString label;
};

// Every key the menu bar lists (Help > Keyboard Shortcuts shows the same).
void CollectKeys(const wxMenu* menu, std::vector<menu_key>& keys) {
    for (const wxMenuItem* item : menu->GetMenuItems()) {
        if (item->IsSubMenu()) {
            CollectKeys(item->GetSubMenu(), keys);
            continue;
        }
        const std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
        if (accel) keys.push_back({accel->GetFlags(), accel->GetKeyCode(), item->GetId(), item->GetItemLabelText()});
    }
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(every_menu_key_reaches_its_command_from_every_control, editor) {
    std::vector<menu_key> keys;
    const wxMenuBar* bar = Frame().GetMenuBar();
    for (size_t i = 0; i < bar->GetMenuCount(); ++i) CollectKeys(bar->GetMenu(i), keys);
    BOOST_TEST(keys.size() >= 30u);

    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    wxTextCtrl* field = Frame().GetPersonaForm()->GetField(persona_field::name);
    Context().ShowPage(EditingContext::Page::Stages);
    Pump();
    wxTextCtrl* cellEditor = OpenCellEditor(0, 2);
    struct place {
        const char* name;
        wxWindow* window;
        bool text;
    };
    const place places[] = {
        {"grid", grid().GetGridWindow(), false},
        {"cell editor", cellEditor, true},
        {"persona field", field, true},
        {"chat input", Chat().Input(), true},
        {"journey map", Frame().GetJourneyMap(), false},
        {"persona list", Frame().GetPersonaList()->GetListBox(), false},
    };
    const auto textKey = [](const menu_key& k) {
        if (k.flags == wxACCEL_CTRL)
            return std::string("ACXVZY").find(char(k.keyCode)) != std::string::npos || k.keyCode == WXK_DELETE;
        return k.flags == (wxACCEL_CTRL | wxACCEL_SHIFT) && k.keyCode == 'Z';
    };
    for (const place& at : places)
        for (const menu_key& k : keys) {
            wxKeyEvent key(wxEVT_CHAR_HOOK);
            key.m_keyCode = k.keyCode;
            key.m_controlDown = (k.flags & wxACCEL_CTRL) != 0;
            key.m_altDown = (k.flags & wxACCEL_ALT) != 0;
            key.m_shiftDown = (k.flags & wxACCEL_SHIFT) != 0;
            const int expected = at.text && textKey(k) ? int(wxID_NONE) : k.id;
            BOOST_TEST(Frame().CommandForKey(key, at.window) == expected, at.name << ": " << k.label);
        }
    grid().DisableCellEditControl();
}
