// Conflicts a merge left in the map: shown where they are (a marked cell, a badge, a count),
// resolved one undoable step at a time, asked about before saving; and the disk strip's Merge.
#include <cstdlib>

#include <wx/checkbox.h>
#include <wx/clipbrd.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include "bpm/conflict_edit.h"
#include "comments_panel.h"
#include "conflicts_ui.h"
#include "disk_change_bar.h"
#include "gui_fixture.h"
#include "pain_point_chip.h"

using namespace gui_test;

namespace {

merge_conflict StageConflict(const std::string& field, std::string ours, std::string theirs) {
    merge_conflict c;
    c.persona_id = "persona-1";
    c.stage_id = "stage-1";
    c.field = field;
    c.base = "1 week";
    c.ours = std::move(ours);
    c.theirs = std::move(theirs);
    return c;
}

// The sample with two conflicts: the duration of Awareness and the role of its first persona.
std::string SampleWithConflicts() {
    document d = *load_bpm(test::sample("nlyzer-b2b-personas.bpm")).value;
    d.conflicts.push_back(StageConflict("duration", d.personas[0].stages[0].duration, "3 weeks"));
    merge_conflict role;
    role.persona_id = "persona-1";
    role.field = "role";
    role.base = "CFO";
    role.ours = d.personas[0].profile.role;
    role.theirs = "Finance Director";
    d.conflicts.push_back(role);
    static test::temp_dir folder;
    const std::string path = folder.file("conflicts-source.bpm");
    BOOST_REQUIRE(bool(save_bpm(d, path)));
    return path;
}

struct conflicted_editor : editor {
    conflicted_editor() : editor(SampleWithConflicts()) {}

    // Records, as a merge would, that both versions changed the category of persona-1's pain
    // point with this text.
    void AddCategoryConflict(const std::string& pain_point) {
        merge_conflict category;
        category.persona_id = "persona-1";
        category.pain_point = pain_point;
        category.field = "category";
        category.ours = "financial";
        category.theirs = "process";
        document with = doc->Model();
        with.conflicts.push_back(category);
        doc->Submit(replace_content(with, "Merge"));
    }
};

ConflictBar& Bar() { return *Frame().GetConflictBar(); }
wxString StatusCount() { return Frame().GetStatusBar()->GetStatusText(2); }

// Presses a key on the focused control as GTK first reports it.
void Press(wxWindow& focused, int keyCode, bool shift = false) {
    focused.SetFocus();
    wxKeyEvent hook(wxEVT_CHAR_HOOK);
    hook.m_keyCode = keyCode;
    hook.m_shiftDown = shift;
    hook.SetEventObject(&focused);
    focused.ProcessWindowEvent(hook);
    Pump();
}

void PressOnConflictBar(int id) {
    wxCommandEvent click(wxEVT_BUTTON, id);
    click.SetEventObject(&Bar());
    Bar().ProcessWindowEvent(click);
    Pump();
}

// Presses a key on a control as it arrives after the frame's hooks (the grid's Delete).
void KeyDown(wxWindow& target, int keyCode) {
    wxKeyEvent down(wxEVT_KEY_DOWN);
    down.m_keyCode = keyCode;
    down.SetEventObject(&target);
    target.ProcessWindowEvent(down);
    Pump();
}

void PutOnClipboard(const wxString& text) {
    wxClipboardLocker lock;
    BOOST_TEST_REQUIRE(!!lock);
    wxTheClipboard->SetData(new wxTextDataObject(text));
}

// The open map with one more conflict, about the text of a comment on the second persona
// (resolved or not), as a merge leaves it.
void AddCommentConflict(BpmDocument& doc, const std::string& commentId, bool resolved) {
    document with = doc.Model();
    comment note;
    note.id = commentId;
    note.persona_id = "persona-2";
    note.author = "Ana";
    note.text = "Mine";
    note.resolved = resolved;
    with.comments = {note};
    merge_conflict text;
    text.persona_id = "persona-2";
    text.comment_id = note.id;
    text.field = "text";
    text.base = "Base";
    text.ours = "Mine";
    text.theirs = "Theirs";
    with.conflicts = {text};
    doc.Submit(replace_content(with, "Merge"));
}

void Activate() {
    wxActivateEvent event(wxEVT_ACTIVATE, true, Frame().GetId());
    event.SetEventObject(&Frame());
    Frame().ProcessWindowEvent(event);
    Pump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conflicts)

BOOST_FIXTURE_TEST_CASE(conflicts_are_marked_and_counted, conflicted_editor) {
    BOOST_TEST(StatusCount() == "2 conflicts");
    auto* table = Frame().GetStageGrid()->GetTable();
    BOOST_TEST(table->HasConflict(0, 2));
    BOOST_TEST(!table->HasConflict(0, 1));
    // F8 from the grid goes to the first conflict: its cell, and the strip shows its versions.
    Press(grid(), WXK_F8);
    BOOST_TEST(grid().GetGridCursorRow() == 0);
    BOOST_TEST(grid().GetGridCursorCol() == 2);
    BOOST_TEST(Bar().CurrentIndex() == 0u);
    BOOST_TEST(Frame().GetAuiManager().GetPane(&Bar()).IsShown());
    // The next one is the persona's role, in the persona form, marked.
    Press(grid(), WXK_F8);
    BOOST_TEST(Bar().CurrentIndex() == 1u);
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Persona));
    wxTextCtrl* role = Frame().GetPersonaForm()->GetField(persona_field::role);
    BOOST_TEST(role->GetToolTip() != nullptr);
    BOOST_TEST(role->GetToolTipText().Contains("Finance Director"));
}

BOOST_FIXTURE_TEST_CASE(keep_mine_and_take_theirs_are_undoable_steps, conflicted_editor) {
    const std::string mine = shown().stages[0].duration;
    Command(ID_CONFLICT_NEXT);
    BOOST_TEST(CommandEnabled(ID_CONFLICT_TAKE_THEIRS));
    Command(ID_CONFLICT_TAKE_THEIRS);
    BOOST_TEST(shown().stages[0].duration == "3 weeks");
    BOOST_TEST(grid().GetCellValue(0, 2) == "3 weeks");
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(StatusCount() == "1 conflict");
    BOOST_TEST(!Frame().GetAuiManager().GetPane(&Bar()).IsShown());
    BOOST_TEST(undo_label() == "Undo Take Theirs for Duration of Awareness");

    Command(wxID_UNDO);
    BOOST_TEST(shown().stages[0].duration == mine);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
    BOOST_TEST(StatusCount() == "2 conflicts");
    BOOST_TEST(Frame().GetStageGrid()->GetTable()->HasConflict(0, 2));
    Command(wxID_REDO);
    BOOST_TEST(shown().stages[0].duration == "3 weeks");
    Command(wxID_UNDO);

    // Undone, the conflict at the grid's cursor shows again; Keep Mine, from the strip's button.
    BOOST_TEST(Bar().CurrentIndex() == 0u);
    PressOnConflictBar(ID_CONFLICT_KEEP_MINE);
    BOOST_TEST(shown().stages[0].duration == mine);
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(!Frame().GetStageGrid()->GetTable()->HasConflict(0, 2));
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(edit_settles_with_the_text_typed, conflicted_editor) {
    Command(ID_CONFLICT_NEXT);
    // Cancelled, nothing changes.
    Command(ID_CONFLICT_EDIT);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
    BOOST_TEST(prompts.offeredConflictText == wxString(ToWx(shown().stages[0].duration)));
    prompts.conflictText = wxString("2 weeks");
    Command(ID_CONFLICT_EDIT);
    BOOST_TEST(shown().stages[0].duration == "2 weeks");
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(undo_label() == "Undo Resolve Duration of Awareness");
}

// The strip says a name or value with "&" as it is ("Founder & CEO"), not as a mnemonic that
// swallows the "&" ("Founder  CEO").
BOOST_FIXTURE_TEST_CASE(the_strip_shows_an_ampersand_as_typed, conflicted_editor) {
    doc->Submit(set_persona_field("persona-1", persona_field::name, "Founder & CEO"));
    Command(ID_CONFLICT_NEXT);
    Command(ID_CONFLICT_NEXT);
    BOOST_TEST_REQUIRE(Bar().CurrentIndex() == 1u);
    wxString title;
    for (wxWindow* child : Bar().GetChildren())
        if (auto* text = dynamic_cast<wxStaticText*>(child); text && title.empty()) title = text->GetLabelText();
    BOOST_TEST(title.Contains("Founder & CEO"), title);
}

// Deleting a stage takes its conflicts along: the count and the save prompt stay right, and undo
// brings them back.
BOOST_FIXTURE_TEST_CASE(deleting_a_stage_takes_its_conflicts_and_undo_brings_them_back, conflicted_editor) {
    grid().SetGridCursor(0, 2);
    Command(ID_STAGE_DELETE);
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(StatusCount() == "1 conflict");
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
    BOOST_TEST(StatusCount() == "2 conflicts");
    BOOST_TEST(Frame().GetStageGrid()->GetTable()->HasConflict(0, 2));
}

// A conflict about a pain point the map does not have (a file written so; deleting one takes its
// conflicts along) says its place is gone, and only Keep Mine (which drops it) is offered.
BOOST_FIXTURE_TEST_CASE(a_conflict_about_what_is_gone_offers_only_keep_mine, conflicted_editor) {
    AddCategoryConflict("A pain point no one has");
    for (int i = 0; i < 3; ++i) Command(ID_CONFLICT_NEXT);
    BOOST_TEST_REQUIRE(Bar().CurrentIndex() == 2u);
    wxString title;
    for (wxWindow* child : Bar().GetChildren())
        if (auto* text = dynamic_cast<wxStaticText*>(child); text && title.empty()) title = text->GetLabelText();
    BOOST_TEST(title.Contains("no longer in the map"), title);
    BOOST_TEST(!CommandEnabled(ID_CONFLICT_TAKE_THEIRS));
    BOOST_TEST(!CommandEnabled(ID_CONFLICT_EDIT));
    BOOST_TEST(!Bar().FindWindow(ID_CONFLICT_TAKE_THEIRS)->IsEnabled());
    BOOST_TEST(CommandEnabled(ID_CONFLICT_KEEP_MINE));
    Command(ID_CONFLICT_KEEP_MINE);
    BOOST_TEST(StatusCount() == "2 conflicts");
}

// A stage one version deleted and the other changed is marked in its row's Stage column, as a
// field conflict is in its cell, and F8 goes there.
BOOST_FIXTURE_TEST_CASE(a_stage_deleted_in_one_version_is_marked_on_its_row, conflicted_editor) {
    merge_conflict removed;
    removed.persona_id = "persona-1";
    removed.stage_id = shown().stages.at(2).id;
    removed.removed_by = conflict_side::theirs;
    document with = doc->Model();
    with.conflicts = {removed};
    doc->Submit(replace_content(with, "Merge"));
    auto* table = Frame().GetStageGrid()->GetTable();
    const int stage = StageGridTable::ColumnOf(stage_field::name);
    BOOST_TEST(table->HasConflict(2, stage));
    BOOST_TEST(!table->HasConflict(1, stage));
    BOOST_TEST(!table->HasConflict(2, StageGridTable::ColumnOf(stage_field::duration)));
    grid().SetGridCursor(0, 0);
    Press(grid(), WXK_F8);
    BOOST_TEST(grid().GetGridCursorRow() == 2);
    BOOST_TEST(grid().GetGridCursorCol() == stage);
    BOOST_TEST(Bar().CurrentIndex() == 0u);
}

// F8 to a conflict about a comment's text shows that comment in the Comments pane, selected.
BOOST_FIXTURE_TEST_CASE(f8_to_a_comment_conflict_shows_the_comment, conflicted_editor) {
    comment note;
    note.id = "comment-0a1b2c3d4e5f";
    AddCommentConflict(*doc, note.id, false);
    Frame().GetAuiManager().GetPane(comments_pane_name).Hide();
    Frame().GetAuiManager().Update();
    Press(grid(), WXK_F8);
    BOOST_TEST(Bar().CurrentIndex() == 0u);
    BOOST_TEST(Context().GetPersonaId() == "persona-2");
    BOOST_TEST(Frame().GetAuiManager().GetPane(comments_pane_name).IsShown());
    BOOST_TEST(Frame().GetCommentsPanel()->GetSelectedId() == note.id);
    BOOST_TEST((Context().GetPage() != EditingContext::Page::Persona));
}

BOOST_FIXTURE_TEST_CASE(typing_into_a_conflicted_cell_settles_it_in_the_same_step, conflicted_editor) {
    wxTextCtrl* text = OpenCellEditor(0, 2);
    text->SetValue("4 weeks");
    grid().DisableCellEditControl();
    Pump();
    BOOST_TEST(shown().stages[0].duration == "4 weeks");
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
    BOOST_TEST(shown().stages[0].duration != "4 weeks");
}

// Paste, Cut and Delete over a conflicted cell settle its conflict in the same step, as typing
// does, and undo brings it back; before, they changed the value and left the conflict open.
BOOST_FIXTURE_TEST_CASE(paste_cut_and_delete_over_a_conflicted_cell_settle_it_in_the_same_step, conflicted_editor) {
    const std::string mine = shown().stages[0].duration;
    auto* table = Frame().GetStageGrid()->GetTable();
    const auto settled = [&](const std::string& value, const char* label) {
        BOOST_TEST(shown().stages[0].duration == value, label);
        BOOST_TEST(doc->Model().conflicts.size() == 1u, label);
        BOOST_TEST(StatusCount() == "1 conflict", label);
        BOOST_TEST(!table->HasConflict(0, 2), label);
        BOOST_TEST(undo_label() == wxString("Undo ") + label);
        Command(wxID_UNDO);
        BOOST_TEST(shown().stages[0].duration == mine, label);
        BOOST_TEST(doc->Model().conflicts.size() == 2u, label);
        BOOST_TEST(StatusCount() == "2 conflicts", label);
        BOOST_TEST(table->HasConflict(0, 2), label);
    };
    grid().SetFocus();
    grid().SetGridCursor(0, 2);
    PutOnClipboard("6 weeks");
    Command(wxID_PASTE);
    settled("6 weeks", "Paste");

    grid().SetGridCursor(0, 2);
    Command(wxID_CUT);
    settled("", "Cut");

    grid().SetGridCursor(0, 2);
    KeyDown(grid(), WXK_DELETE);
    settled("", "Clear Cells");

    // In the persona form: cutting the whole role away settles its conflict too.
    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    wxTextCtrl* role = Frame().GetPersonaForm()->GetField(persona_field::role);
    role->SetFocus();
    role->SelectAll();
    Command(wxID_CUT);
    BOOST_TEST(shown().profile.role.empty());
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(find_field_conflict(doc->Model(), "persona-1", "", "role") == npos);
    Command(wxID_UNDO);
    BOOST_TEST(find_field_conflict(doc->Model(), "persona-1", "", "role") != npos);
}

// Deleting a pain point (Delete on its tag) takes the conflicts about it along, as deleting a
// persona or stage does; undo brings them back.
BOOST_FIXTURE_TEST_CASE(deleting_a_pain_point_takes_its_conflicts_and_undo_brings_them_back, conflicted_editor) {
    const std::string deleted = shown().pain_points.at(0).text;
    AddCategoryConflict(deleted);
    BOOST_TEST(StatusCount() == "3 conflicts");
    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    auto* chip = FindChild<PainPointChip>(Frame().GetPersonaForm());
    BOOST_TEST_REQUIRE(chip != nullptr);
    chip->SetFocus();
    KeyDown(*chip, WXK_DELETE);
    Pump();
    BOOST_TEST(shown().pain_points.at(0).text != deleted);
    BOOST_TEST(doc->Model().conflicts.size() == 2u);
    BOOST_TEST(StatusCount() == "2 conflicts");
    BOOST_TEST(undo_label() == "Undo Delete Pain Point");
    Command(wxID_UNDO);
    BOOST_TEST(shown().pain_points.at(0).text == deleted);
    BOOST_TEST(doc->Model().conflicts.size() == 3u);
    BOOST_TEST(StatusCount() == "3 conflicts");
}

// F8 to a conflict about a resolved comment, while the pane lists open ones only, ticks "Show
// resolved" and selects it; before, it selected nothing and the user could not see the comment.
BOOST_FIXTURE_TEST_CASE(f8_to_a_conflict_about_a_resolved_comment_shows_it, conflicted_editor) {
    AddCommentConflict(*doc, "comment-0a1b2c3d4e5f", true);
    wxCheckBox* showResolved = Frame().GetCommentsPanel()->GetShowResolvedBox();
    const auto tick = [showResolved](bool on) {
        showResolved->SetValue(on);
        wxCommandEvent event(wxEVT_CHECKBOX, showResolved->GetId());
        event.SetEventObject(showResolved);
        showResolved->ProcessWindowEvent(event);
    };
    tick(false);
    BOOST_TEST_REQUIRE(Frame().GetCommentsPanel()->GetListedIds().empty());
    Press(grid(), WXK_F8);
    BOOST_TEST(Bar().CurrentIndex() == 0u);
    BOOST_TEST(showResolved->GetValue());
    BOOST_TEST(Frame().GetCommentsPanel()->GetSelectedId() == "comment-0a1b2c3d4e5f");
    tick(false);  // the pane outlives the map: as the other tests expect it
}

// Edit... with nothing typed clears a field of the map, which is a value like any other; a
// comment cannot be left without text, and the user is told so instead of nothing happening.
BOOST_FIXTURE_TEST_CASE(an_empty_edit_clears_a_field_and_a_comment_says_why_it_cannot, conflicted_editor) {
    Command(ID_CONFLICT_NEXT);
    prompts.conflictText = wxString();
    Command(ID_CONFLICT_EDIT);
    BOOST_TEST(shown().stages[0].duration.empty());
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(prompts.told.empty());

    AddCommentConflict(*doc, "comment-0a1b2c3d4e5f", false);
    Press(grid(), WXK_F8);
    BOOST_TEST_REQUIRE(Bar().CurrentIndex() == 0u);
    BOOST_TEST(CommandEnabled(ID_CONFLICT_EDIT));
    BOOST_TEST(Bar().FindWindow(ID_CONFLICT_EDIT)->IsEnabled());
    prompts.conflictText = wxString(" \n ");
    PressOnConflictBar(ID_CONFLICT_EDIT);
    BOOST_TEST(doc->Model().conflicts.size() == 1u);
    BOOST_TEST(doc->Model().comments.at(0).text == "Mine");
    BOOST_TEST_REQUIRE(prompts.told.size() == 1u);
    BOOST_TEST(prompts.told[0].Contains("cannot be left without text"), prompts.told[0]);
    prompts.conflictText = wxString("Ours, reworded");
    PressOnConflictBar(ID_CONFLICT_EDIT);
    BOOST_TEST(doc->Model().conflicts.empty());
    BOOST_TEST(doc->Model().comments.at(0).text == "Ours, reworded");
}

BOOST_FIXTURE_TEST_CASE(saving_with_conflicts_asks_first, conflicted_editor) {
    doc->Submit(set_stage_field("persona-1", "stage-2", stage_field::duration, "7 weeks"));
    const std::string before = test::slurp(path);
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedAboutConflicts == 1);
    BOOST_TEST(test::slurp(path) == before);
    BOOST_TEST(doc->IsModified());

    prompts.saveWithConflicts = true;
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedAboutConflicts == 2);
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(load_bpm(path).value->conflicts.size() == 2u);  // kept in the file

    // Once all are resolved, saving asks nothing.
    Command(ID_CONFLICT_NEXT);
    Command(ID_CONFLICT_KEEP_MINE);
    Command(ID_CONFLICT_NEXT);
    Command(ID_CONFLICT_KEEP_MINE);
    BOOST_TEST(StatusCount().empty());
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedAboutConflicts == 2);
    BOOST_TEST(load_bpm(path).value->conflicts.empty());
}

BOOST_FIXTURE_TEST_CASE(closing_with_save_asks_about_conflicts_too, conflicted_editor) {
    doc->Submit(set_stage_field("persona-1", "stage-2", stage_field::duration, "7 weeks"));
    prompts.answers = {SaveChoice::Save};
    // Cancelled at the question about conflicts: the map stays open.
    BOOST_TEST(!TheDocManager().CloseDocuments(false));
    BOOST_TEST(prompts.askedAboutConflicts == 1);
    BOOST_TEST(Context().GetDocument() == doc);
}

BOOST_AUTO_TEST_CASE(merge_takes_disjoint_changes_from_disk_as_one_step) {
    editor e;
    const std::string theirsDuration = "11 weeks";
    e.doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Mine"));
    document theirs = *load_bpm(e.path).value;
    theirs.personas[0].stages[0].duration = theirsDuration;
    test::spit(e.path, write_bpm(theirs));
    Activate();
    BOOST_TEST_REQUIRE(DiskBar().HasButtonId(DiskChangeBar::ID_MERGE));
    PressOnDiskBar(DiskChangeBar::ID_MERGE);
    const stage& s = e.doc->Model().personas[0].stages[0];
    BOOST_TEST(s.duration == theirsDuration);
    BOOST_TEST(s.key_message == "Mine");
    BOOST_TEST(e.doc->Model().conflicts.empty());
    BOOST_TEST(DiskBarSays("none conflicted"));
    BOOST_TEST(e.doc->IsModified());
    BOOST_TEST(e.doc->LoadedVersion() == test::slurp(e.path));
    BOOST_TEST(e.undo_label() == "Undo Merge Changes on Disk");

    // Saving writes the merge without asking about a change on disk.
    Command(wxID_SAVE);
    BOOST_TEST(e.prompts.askedToReplace == 0);
    BOOST_TEST(load_bpm(e.path).value->personas[0].stages[0].duration == theirsDuration);
}

BOOST_AUTO_TEST_CASE(merge_with_overlapping_edits_shows_the_conflicts_and_undoes) {
    editor e;
    const std::string base = e.doc->Model().personas[0].stages[0].duration;
    e.doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    document theirs = *load_bpm(e.path).value;
    theirs.personas[0].stages[0].duration = "9 weeks";
    test::spit(e.path, write_bpm(theirs));
    Activate();
    PressOnDiskBar(DiskChangeBar::ID_MERGE);
    BOOST_TEST(e.doc->Model().conflicts.size() == 1u);
    BOOST_TEST(DiskBarSays("1 conflict to resolve"));
    BOOST_TEST(StatusCount() == "1 conflict");
    BOOST_TEST(Frame().GetStageGrid()->GetTable()->HasConflict(0, 2));
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration == "5 weeks");

    Command(ID_CONFLICT_NEXT);
    Command(ID_CONFLICT_TAKE_THEIRS);
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration == "9 weeks");
    Command(wxID_UNDO);  // the resolution
    Command(wxID_UNDO);  // the merge
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(e.doc->Model().conflicts.empty());
    BOOST_TEST(StatusCount().empty());
    // The file is theirs now: the map before the merge is not what it holds.
    BOOST_TEST(e.doc->IsModified());
    Command(wxID_UNDO);
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration == base);
    BOOST_TEST(e.doc->IsModified());
}

// Undoing the merge puts back the version it was merged against, so that the change on disk is
// news again: the strip offers Merge again and Save asks before writing over the file; redoing it
// takes the version on disk as the base again.
BOOST_AUTO_TEST_CASE(undoing_the_merge_makes_the_change_on_disk_news_again) {
    editor e;
    const std::string before = e.doc->LoadedVersion();
    e.doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Mine"));
    document theirs = *load_bpm(e.path).value;
    theirs.personas[0].stages[0].duration = "11 weeks";
    test::spit(e.path, write_bpm(theirs));
    const std::string onDisk = test::slurp(e.path);
    Activate();
    PressOnDiskBar(DiskChangeBar::ID_MERGE);
    BOOST_TEST(e.doc->LoadedVersion() == onDisk);

    Command(wxID_UNDO);
    Pump();
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration != "11 weeks");
    BOOST_TEST(e.doc->LoadedVersion() == before);
    BOOST_TEST(!DiskBarSays("conflict"));
    BOOST_TEST(DiskBar().HasButtonId(DiskChangeBar::ID_MERGE));

    Command(wxID_REDO);
    Pump();
    BOOST_TEST(e.doc->Model().personas[0].stages[0].duration == "11 weeks");
    BOOST_TEST(e.doc->LoadedVersion() == onDisk);

    Command(wxID_UNDO);
    Pump();
    // Saving the map as it was before the merge would drop theirs: it asks, and No keeps the file.
    e.prompts.replaceTheirs = false;
    Command(wxID_SAVE);
    BOOST_TEST(e.prompts.askedToReplace == 1);
    BOOST_TEST(test::slurp(e.path) == onDisk);
}

BOOST_AUTO_TEST_SUITE_END()
