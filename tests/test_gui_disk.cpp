// The editor and the map's file on disk: changes made by someone else (bpmap-cli, a teammate's
// sync) are reloaded or put to the user, never lost and never silently overwritten.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "ai_preferences.h"
#include "ai_service.h"
#include "autosaver.h"
#include "bpm/lock_file.h"
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


// Switches back to the editor's window, as a user does after working elsewhere.
void Activate() {
    wxActivateEvent event(wxEVT_ACTIVATE, true, Frame().GetId());
    event.SetEventObject(&Frame());
    Frame().ProcessWindowEvent(event);
    Pump();
}


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
    BOOST_TEST(DiskBarSays("changed on disk and was reloaded"));
    BOOST_TEST(DiskBarSays("Undo history starts over"));
    BOOST_TEST(!CommandEnabled(wxID_UNDO));

    // Told once: switching back again changes nothing, and the news stays until dismissed.
    Activate();
    BOOST_TEST(DiskBarSays("was reloaded"));
    DiskBar().Dismiss();
    Activate();
    BOOST_TEST(DiskBar().GetShownMessage().empty());
}

BOOST_FIXTURE_TEST_CASE(the_watcher_sees_a_change_without_switching_windows, editor) {
    AddPersonaWithCli(path);
    // Only the folder watch can tell now: nothing activates the window.
    BOOST_TEST(WaitFor([&] { return doc->Model().personas.size() == 9u; }, std::chrono::seconds(20)));
    BOOST_TEST(DiskBarSays("was reloaded"));
}

BOOST_FIXTURE_TEST_CASE(the_editors_own_saves_are_no_change_on_disk, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    Command(wxID_SAVE);
    Activate();
    WaitFor([] { return false; }, std::chrono::milliseconds(600));  // lets the watch's events arrive
    BOOST_TEST(DiskBar().GetShownMessage().empty());
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
    BOOST_TEST(DiskBarSays("changed on disk, and you have unsaved changes"));
    BOOST_TEST(DiskBar().HasButtonId(DiskChangeBar::ID_RELOAD_THEIRS));
    BOOST_TEST(DiskBar().HasButtonId(DiskChangeBar::ID_KEEP_MINE));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    BOOST_TEST(doc->Model().personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(doc->LoadedVersion() == loaded);

    // Ctrl+S asks; Cancel keeps their ninth persona on disk.
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 1);
    BOOST_TEST(load_bpm(path).value->personas.size() == 9u);

    PressOnDiskBar(DiskChangeBar::ID_RELOAD_THEIRS);
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(doc->Model().personas[0].stages[0].duration != "5 weeks");
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(DiskBar().GetShownMessage().empty());
    BOOST_TEST(doc->LoadedVersion() == test::slurp(path));
}

BOOST_FIXTURE_TEST_CASE(keep_mine_overwrites_at_the_next_save_after_one_question, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    AddPersonaWithCli(path);
    Activate();
    PressOnDiskBar(DiskChangeBar::ID_KEEP_MINE);
    BOOST_TEST(DiskBar().GetShownMessage().empty());
    // Not asked again for the same change.
    Activate();
    BOOST_TEST(DiskBar().GetShownMessage().empty());
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
    BOOST_TEST(DiskBarSays("you have unsaved changes"));
}

BOOST_FIXTURE_TEST_CASE(text_still_in_a_cell_editor_counts_as_unsaved, editor) {
    OpenCellEditor(0, 2)->SetValue("9 weeks");
    AddPersonaWithCli(path);
    Activate();
    BOOST_TEST(DiskBarSays("you have unsaved changes"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_file_is_told_and_saving_writes_it_again, editor) {
    std::filesystem::remove(path);
    Activate();
    BOOST_TEST(DiskBarSays("was deleted or moved on disk"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    // The map is no longer on disk: the title marks it unsaved, Save is there, and closing asks.
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(CommandEnabled(wxID_SAVE));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 0);
    BOOST_TEST(load_bpm(path).value->personas.size() == 8u);
    BOOST_TEST(DiskBar().GetShownMessage().empty());
}

BOOST_FIXTURE_TEST_CASE(a_file_changed_into_something_unreadable_keeps_the_map, editor) {
    test::spit(path, "<buying-process-map");  // a sync caught half-way
    Activate();
    BOOST_TEST(DiskBarSays("cannot be read now"));
    BOOST_TEST(doc->Model().personas.size() == 8u);
    // The map is in its file no more: unsaved, so that Save, autosave and closing all keep it.
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
    BOOST_TEST(CommandEnabled(wxID_SAVE));
    // Once the sync completes, the map is reloaded.
    const std::string complete = dir.file("incoming.bpm");
    test::spit(complete, test::slurp(test::sample("nlyzer-b2b-personas.bpm")));
    AddPersonaWithCli(complete);
    std::filesystem::rename(complete, path);
    Activate();
    BOOST_TEST(doc->Model().personas.size() == 9u);
    BOOST_TEST(DiskBarSays("was reloaded"));
}

// Autosave, recovery and what happens when something goes wrong.
namespace {

Autosaver& Saver() { return *TheDocManager().GetAutosaver(); }
const std::filesystem::path& RecoveryFolder() { return Saver().GetFolder().folder(); }

// The recovery copies in the folder now, of one process (of any with 0).
std::vector<std::string> CopiesOnDisk(pid_t pid = 0) {
    std::vector<std::string> found;
    const std::string mark = "-" + std::to_string(pid) + "-";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(RecoveryFolder(), ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".bpmrecovery" &&
            (pid == 0 || it->path().filename().string().find(mark) != std::string::npos))
            found.push_back(it->path().string());
    return found;
}

// The map a recovery copy holds.
document CopiedMap(const std::string& copy) {
    recovery_copy c;
    c.copy_path = copy;
    result<document> map = recovery_folder::load(c);
    BOOST_TEST_REQUIRE(bool(map));
    return *map.value;
}

// Copies written quickly for the test, and the default put back after it.
struct quick_autosave {
    quick_autosave() { Saver().SetInterval(std::chrono::seconds(1)); }
    ~quick_autosave() { Saver().SetInterval(std::chrono::minutes(1)); }
};

// A copy of doc as an editor that was then killed left it.
void LeaveOrphan(const document& doc, const std::string& original) {
    const pid_t child = ::fork();
    if (child == 0) {
        const bool ok = bool(Saver().GetFolder().write("map-1", {original, "map.bpm", stamp_file(original)},
                                                       write_bpm(doc), doc.personas.size()));
        std::_Exit(ok ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST_REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(an_unsaved_change_gets_a_recovery_copy_that_saving_removes, editor) {
    quick_autosave quick;
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    BOOST_TEST_REQUIRE(WaitFor([] { return CopiesOnDisk().size() == 1u; }, std::chrono::seconds(30)));
    BOOST_TEST((CopiedMap(CopiesOnDisk()[0]) == doc->Model()));
    // Never beside the map, where only the map and its lock are.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        BOOST_TEST((entry.path().filename() == "map.bpm" || entry.path().filename() == ".~lock.map.bpm#"),
                   entry.path().filename());
    Command(wxID_SAVE);
    BOOST_TEST(WaitFor([] { return CopiesOnDisk().empty(); }, std::chrono::seconds(30)));
}

BOOST_FIXTURE_TEST_CASE(closing_without_saving_on_purpose_removes_the_copy, editor) {
    quick_autosave quick;
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    BOOST_TEST_REQUIRE(WaitFor([] { return CopiesOnDisk().size() == 1u; }, std::chrono::seconds(30)));
    prompts.answers = {SaveChoice::Discard};
    Command(wxID_CLOSE);
    BOOST_TEST(!Context().GetDocument());
    BOOST_TEST(WaitFor([] { return CopiesOnDisk().empty(); }, std::chrono::seconds(30)));
}

BOOST_FIXTURE_TEST_CASE(an_exception_in_a_command_writes_a_copy_says_so_and_the_editor_goes_on, editor) {
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    const int id = wxWindow::NewControlId();
    Frame().Bind(wxEVT_MENU, [](wxCommandEvent&) { throw std::runtime_error("injected fault"); }, id);
    // As GTK delivers a menu click.
    wxCommandEvent event(wxEVT_MENU, id);
    event.SetEventObject(&Frame());
    Frame().HandleWindowEvent(event);
    Pump();
    Frame().Unbind(wxEVT_MENU, [](wxCommandEvent&) {}, id);

    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("injected fault"));
    BOOST_TEST(prompts.problems[0].Contains(ToWx(RecoveryFolder().string())));
    BOOST_TEST_REQUIRE(CopiesOnDisk().size() == 1u);
    BOOST_TEST((CopiedMap(CopiesOnDisk()[0]) == doc->Model()));
    // Still running, still editing; the copy goes with the next save.
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "6 weeks"));
    Command(wxID_SAVE);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "6 weeks");
    BOOST_TEST(WaitFor([] { return CopiesOnDisk().empty(); }, std::chrono::seconds(30)));
}

BOOST_FIXTURE_TEST_CASE(an_exception_in_an_ai_worker_writes_a_copy_and_says_so, editor) {
    AiPreferences on;
    on.enabled = true;
    on.settings.base_url = "http://127.0.0.1:9/v1";  // never called: the work throws first
    on.settings.model = "test";
    Frame().GetAiService().SetPreferences(on);
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    const bool started = Frame().GetAiService().Run<std::string>(
        [](const ai_client&, const token_callback&, const cancel_token&) -> result<std::string> {
            throw std::runtime_error("worker fault");
        },
        {}, [](result<std::string>) {});
    BOOST_TEST_REQUIRE(started);
    BOOST_TEST(WaitFor([&] { return !prompts.problems.empty(); }));
    BOOST_TEST(!Frame().GetAiService().Busy());
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("worker fault"));
    BOOST_TEST(CopiesOnDisk().size() == 1u);
    Frame().GetAiService().SetPreferences(AiPreferences{});
}

BOOST_FIXTURE_TEST_CASE(a_copy_left_by_a_killed_editor_is_offered_and_recovered_in_place, editor) {
    document before = doc->Model();
    before.personas[0].stages[0].duration = "5 weeks";
    LeaveOrphan(before, path);
    prompts.recoveryChoices = {{RecoveryChoice::Recover, 0}};
    Command(ID_RECOVER);
    BOOST_TEST_REQUIRE(prompts.offered.size() == 1u);
    BOOST_TEST(prompts.offered[0][0].personas == 8u);
    BOOST_TEST(prompts.offered[0][0].info.original_path == path);
    doc = Context().GetDocument();
    BOOST_TEST((doc->Model() == before));
    // Its file is locked at once, the dead editor's lock taken over quietly.
    const std::optional<lock_owner> holder = read_lock(path);
    BOOST_TEST_REQUIRE(holder.has_value());
    BOOST_TEST(holder->same_process(current_lock_owner()));
    // Modified, titled as its original: saving puts it back in place, without asking.
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*map.bpm"));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.askedToReplace == 0);
    BOOST_TEST((*load_bpm(path).value == before));
    BOOST_TEST(WaitFor([] { return CopiesOnDisk().empty(); }, std::chrono::seconds(30)));
}

BOOST_FIXTURE_TEST_CASE(discard_deletes_a_copy_and_later_keeps_it, editor) {
    LeaveOrphan(doc->Model(), path);
    prompts.recoveryChoices = {{RecoveryChoice::Later, 0}};
    Command(ID_RECOVER);
    BOOST_TEST(prompts.offered.size() == 1u);
    BOOST_TEST(CopiesOnDisk().size() == 1u);
    prompts.recoveryChoices = {{RecoveryChoice::Discard, 0}};
    Command(ID_RECOVER);
    BOOST_TEST(CopiesOnDisk().empty());
    BOOST_TEST(prompts.offered.size() == 2u);
    Command(ID_RECOVER);
    BOOST_TEST(prompts.offered.size() == 2u);  // nothing left to offer: said, not asked
    BOOST_TEST_REQUIRE(prompts.told.size() == 1u);
    BOOST_TEST(prompts.told[0].Contains("no unsaved maps"));
}

BOOST_FIXTURE_TEST_CASE(killing_the_editor_after_an_unsaved_edit_loses_nothing, editor) {
    // A real editor, in its own process on the same display, on a map with no persona yet: the
    // assistant's first question is the persona's name, answered and never saved. Then it is
    // killed as a crash or a power cut would end it.
    const std::string theirs = dir.file("theirs.bpm");
    test::spit(theirs, write_bpm(document{}));
    const pid_t child = ::fork();
    if (child == 0) {
        ::execl(BPM_APP, BPM_APP, "--answer", "Procurement Lead", theirs.c_str(), (char*)nullptr);
        std::_Exit(127);
    }
    const bool copied = WaitFor([child] { return CopiesOnDisk(child).size() == 1u; }, std::chrono::seconds(60));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST_REQUIRE(copied);
    BOOST_TEST(load_bpm(theirs).value->personas.empty());  // never saved
    const document before = CopiedMap(CopiesOnDisk(child)[0]);

    // The next start offers the copy; Recover shows it as it was, titled as its file.
    prompts.recoveryChoices = {{RecoveryChoice::Recover, 0}};
    Command(ID_RECOVER);
    BOOST_TEST_REQUIRE(prompts.offered.size() == 1u);
    BOOST_TEST_REQUIRE(prompts.offered[0].size() == 1u);
    doc = Context().GetDocument();
    BOOST_TEST((doc->Model() == before));
    BOOST_TEST_REQUIRE(doc->Model().personas.size() == 1u);
    BOOST_TEST(doc->Model().personas[0].name == "Procurement Lead");
    BOOST_TEST(doc->GetFilename() == ToWx(theirs));
    BOOST_TEST(doc->IsModified());
    // Its file (still empty on disk) is watched like any other: a teammate's change there is put
    // to the user.
    const std::string command = "printf 'Finance Director\\n' | '" BPM_CLI "' interview '" + theirs + "' >/dev/null 2>&1";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    BOOST_TEST(WaitFor([] { return DiskBarSays("you have unsaved changes"); }, std::chrono::seconds(20)));
}

BOOST_FIXTURE_TEST_CASE(a_save_onto_a_full_disk_keeps_the_old_file_and_the_unsaved_map, editor) {
    const std::string old = test::slurp(path);
    doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks"));
    // Files may grow to 4 KB only while Ctrl+S runs, as on a nearly full disk.
    struct rlimit was {};
    ::getrlimit(RLIMIT_FSIZE, &was);
    const auto ignored = ::signal(SIGXFSZ, SIG_IGN);
    const struct rlimit little {4096, was.rlim_max};
    ::setrlimit(RLIMIT_FSIZE, &little);
    Command(wxID_SAVE);
    ::setrlimit(RLIMIT_FSIZE, &was);
    ::signal(SIGXFSZ, ignored);

    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("Could not save \"map.bpm\""));
    BOOST_TEST(test::slurp(path) == old);
    BOOST_TEST(doc->IsModified());
    BOOST_TEST(Frame().GetTitle().StartsWith("*"));
    // With room again, the same map saves.
    Command(wxID_SAVE);
    BOOST_TEST(load_bpm(path).value->personas[0].stages[0].duration == "5 weeks");
    BOOST_TEST(!doc->IsModified());
}

BOOST_FIXTURE_TEST_CASE(sigterm_writes_the_copies_and_quits_without_asking, editor) {
    // A real editor with autosave off, so that only the signal can write a copy; a ninth persona
    // typed into its assistant and never saved. Then a logout sends SIGTERM.
    const std::string theirs = dir.file("theirs.bpm");
    test::spit(theirs, write_bpm(document{}));
    const std::string home = dir.file("home");
    std::filesystem::create_directories(home);
    test::spit(home + "/.bpmap", "[Recovery]\nAutosaveMinutes=0\n");
    const pid_t child = ::fork();
    if (child == 0) {
        ::setenv("HOME", home.c_str(), 1);
        ::execl(BPM_APP, BPM_APP, "--answer", "Procurement Lead", theirs.c_str(), (char*)nullptr);
        std::_Exit(127);
    }
    // Its lock appears once the map is open, after the signal handlers are in place.
    const std::string lock = dir.file(".~lock.theirs.bpm#");
    const bool opened = WaitFor([&] { return std::filesystem::exists(lock); }, std::chrono::seconds(60));
    ::kill(child, SIGTERM);
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST_REQUIRE(opened);
    // It ended by itself (as a shell reports a signal's end), asked nothing, left no lock behind,
    // and its file untouched.
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 128 + SIGTERM);
    BOOST_TEST(!std::filesystem::exists(lock));
    BOOST_TEST(load_bpm(theirs).value->personas.empty());
    const std::vector<std::string> copies = CopiesOnDisk(child);
    BOOST_TEST_REQUIRE(copies.size() == 1u);
    const document copy = CopiedMap(copies[0]);
    BOOST_TEST_REQUIRE(copy.personas.size() == 1u);
    BOOST_TEST(copy.personas[0].name == "Procurement Lead");
    for (const bpm::recovery_copy& offered : Saver().GetFolder().orphans())
        if (offered.copy_path == copies[0]) bpm::recovery_folder::discard(offered);
}

BOOST_AUTO_TEST_CASE(cancelling_the_reload_of_a_big_changed_map_keeps_it_and_asks) {
    editor e(BigMap());
    const std::string mine = write_bpm(e.doc->Model());
    document theirs = e.doc->Model();
    theirs.personas.pop_back();
    test::spit(e.path, write_bpm(theirs));
    {
        cancel_progress cancel;
        Activate();
        BOOST_TEST(cancel.seen);
    }
    // The map shown stays as it was, and the choice is the user's.
    BOOST_TEST(write_bpm(e.doc->Model()) == mine);
    BOOST_TEST(DiskBarSays("changed on disk; reading it again was cancelled"));
    BOOST_TEST(DiskBar().HasButtonId(DiskChangeBar::ID_RELOAD_THEIRS));
    BOOST_TEST(DiskBar().HasButtonId(DiskChangeBar::ID_KEEP_MINE));
    // Asked once: switching back again does not read it again.
    Activate();
    BOOST_TEST(write_bpm(e.doc->Model()) == mine);

    // Reload Theirs, cancelled again, still asks; let run, it reloads.
    {
        cancel_progress cancel;
        PressOnDiskBar(DiskChangeBar::ID_RELOAD_THEIRS);
        BOOST_TEST(cancel.seen);
    }
    BOOST_TEST(write_bpm(e.doc->Model()) == mine);
    BOOST_TEST(DiskBarSays("reading it again was cancelled"));
    PressOnDiskBar(DiskChangeBar::ID_RELOAD_THEIRS);
    BOOST_TEST(e.doc->Model().personas.size() == theirs.personas.size());
    BOOST_TEST(e.prompts.problems.empty());
}
