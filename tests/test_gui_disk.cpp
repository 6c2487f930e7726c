// The editor and the map's file on disk: changes made by someone else (bpmap-cli, a teammate's
// sync) are reloaded or put to the user, never lost and never silently overwritten.
#include <cstdlib>
#include <filesystem>

#include "disk_change_bar.h"
#include "gui_fixture.h"

using namespace gui_test;

namespace {

// Adds a ninth persona to the file as a teammate would, with bpmap-cli's interview: "no" to
// continuing the last persona, then the new one's name; the end of input saves.
void AddPersonaWithCli(const std::string& path) {
    const std::string command =
        "printf 'no\\nProcurement Lead\\n' | '" BPM_CLI "' interview '" + path + "' >/dev/null 2>&1";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    BOOST_TEST_REQUIRE(load_bpm(path).value->personas.size() == 9u);
}

DiskChangeBar& Bar() { return *Frame().GetDiskChangeBar(); }

// Switches back to the editor's window, as a user does after working elsewhere.
void Activate() {
    wxActivateEvent event(wxEVT_ACTIVATE, true, Frame().GetId());
    event.SetEventObject(&Frame());
    Frame().ProcessWindowEvent(event);
    Pump();
}

// Presses one of the bar's buttons, as GTK's info bar reports a click.
void Press(int id) {
    wxCommandEvent click(wxEVT_BUTTON, id);
    click.SetEventObject(&Bar());
    Bar().ProcessWindowEvent(click);
    Pump();
}

bool Says(const wxString& part) { return Bar().GetShownMessage().Contains(part); }

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_change_on_disk_reloads_a_clean_map_and_keeps_the_selection, editor) {
    Context().SelectPersona("persona-3");
    Context().SelectStage(doc->Model().personas[2].stages[1].id);
    Context().ShowPage(EditingContext::Page::JourneyMap);
    const std::string stage = Context().GetStageId();
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_SAVE);
    BOOST_TEST(CommandEnabled(wxID_UNDO));

    AddPersonaWithCli(path);
    Activate();
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(Frame().GetPersonaList()->GetListBox()->GetItemCount() == 9u);
    BOOST_TEST(Context().GetPersonaId() == "persona-3");
    BOOST_TEST(Context().GetStageId() == stage);
    BOOST_TEST((Context().GetPage() == EditingContext::Page::JourneyMap));
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(Says("changed on disk and was reloaded"));
    BOOST_TEST(Says("Undo history starts over"));
    BOOST_TEST(!CommandEnabled(wxID_UNDO));

    // Told once: switching back again changes nothing, and the news stays until dismissed.
    Activate();
    BOOST_TEST(Says("was reloaded"));
    Bar().Dismiss();
    Activate();
    BOOST_TEST(Bar().GetShownMessage().empty());
}

BOOST_FIXTURE_TEST_CASE(the_watcher_sees_a_change_without_switching_windows, editor) {
    AddPersonaWithCli(path);
    // Only the folder watch can tell now: nothing activates the window.
    BOOST_TEST(WaitFor([&] { return doc->Model().personas.size() == 9u; }, std::chrono::seconds(20)));
    BOOST_TEST(Says("was reloaded"));
}

BOOST_FIXTURE_TEST_CASE(the_editors_own_saves_are_no_change_on_disk, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_SAVE);
    Activate();
    WaitFor([] { return false; }, std::chrono::milliseconds(600));  // lets the watch's events arrive
    BOOST_TEST(Bar().GetShownMessage().empty());
    BOOST_TEST(CommandEnabled(wxID_UNDO));  // not reloaded: the history is still there
    BOOST_TEST(prompts.askedToReplace == 0);
}

BOOST_FIXTURE_TEST_CASE(a_change_under_unsaved_edits_asks_and_reload_theirs_takes_the_disk, editor) {
    const std::string loaded = doc->LoadedVersion();
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    AddPersonaWithCli(path);
    Activate();
    // Nothing is lost yet: my map and my edit are there, theirs is on disk, and the version
    // both started from is kept for a merge.
    BOOST_TEST(Says("changed on disk, and you have unsaved changes"));
    BOOST_TEST(Bar().HasButtonId(DiskChangeBar::ID_RELOAD_THEIRS));
    BOOST_TEST(Bar().HasButtonId(DiskChangeBar::ID_KEEP_MINE));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    BOOST_TEST(doc->Model().personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(doc->LoadedVersion() == loaded);

    // Ctrl+S asks; Cancel keeps their ninth persona on disk.
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 1);
    BOOST_TEST(load_bpm(path).value->personas.size() == 9u);

    Press(DiskChangeBar::ID_RELOAD_THEIRS);
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(doc->Model().personas[0].stages[0].duration != "5 weeks");
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(Bar().GetShownMessage().empty());
    BOOST_TEST(doc->LoadedVersion() == test::slurp(path));
}

BOOST_FIXTURE_TEST_CASE(keep_mine_overwrites_at_the_next_save_after_one_question, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    AddPersonaWithCli(path);
    Activate();
    Press(DiskChangeBar::ID_KEEP_MINE);
    BOOST_TEST(Bar().GetShownMessage().empty());
    // Not asked again for the same change.
    Activate();
    BOOST_TEST(Bar().GetShownMessage().empty());
    BOOST_TEST(doc->Model().personas.size() == 8u);

    prompts.replaceTheirs = true;
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 1);
    BOOST_TEST(load_bpm(path).value->personas.size() == 8u);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(!doc->IsModified());

    // A later change by them is news again.
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "6 weeks"));
    AddPersonaWithCli(path);
    Activate();
    BOOST_TEST(Says("you have unsaved changes"));
}

BOOST_FIXTURE_TEST_CASE(text_still_in_a_cell_editor_counts_as_unsaved, editor) {
    OpenCellEditor(0, 2)->SetValue("9 weeks");
    AddPersonaWithCli(path);
    Activate();
    BOOST_TEST(Says("you have unsaved changes"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_file_is_told_and_saving_writes_it_again, editor) {
    std::filesystem::remove(path);
    Activate();
    BOOST_TEST(Says("was deleted or moved on disk"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    // The map is no longer on disk: the title marks it unsaved, Save is there, and closing asks.
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(CommandEnabled(wxID_SAVE));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 0);
    BOOST_TEST(load_bpm(path).value->personas.size() == 8u);
    BOOST_TEST(Bar().GetShownMessage().empty());
}

BOOST_FIXTURE_TEST_CASE(a_file_changed_into_something_unreadable_keeps_the_map, editor) {
    test::spit(path, "<buying-process-map");  // a sync caught half-way
    Activate();
    BOOST_TEST(Says("cannot be read now"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    // Once the sync completes, the map is reloaded.
    const std::string complete = dir.file("incoming.bpm");
    test::spit(complete, test::slurp(test::sample("nlyzer-b2b-personas.bpm")));
    AddPersonaWithCli(complete);
    std::filesystem::rename(complete, path);
    Activate();
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(Says("was reloaded"));
}
