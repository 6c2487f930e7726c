// Lock files and read-only maps through the real window: a second editor sees the first one's
// lock, a crashed editor's lock goes quietly, and a read-only map refuses every edit while it
// still exports, prints and copies.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>


#include "bpm/lock_file.h"
#include "disk_change_bar.h"
#include "gui_fixture.h"
#include "pain_point_tags.h"

extern char** environ;

using namespace gui_test;
namespace fs = std::filesystem;

namespace {


std::string this_host() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

// A process that waits to be killed, holding a map's lock as another editor on this host would.
struct other_holder {
    pid_t pid = ::fork();
    lock_owner owner;

    explicit other_holder(const std::string& map) {
        if (pid == 0) {
            ::pause();
            ::_exit(0);
        }
        owner = {"Bea Other", "bea", this_host(), "21.11.2026 09:06", "", pid};
        test::spit(lock_file_path(map), format_lock_entry(owner));
    }
    ~other_holder() {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
};

// The real bpmap, started on a map under the same display, with settings of its own.
struct running_editor {
    test::temp_dir home;
    pid_t pid = 0;

    explicit running_editor(const std::string& map) {
        std::vector<std::string> env{"HOME=" + home.path().string(), "XDG_CONFIG_HOME=" + home.file("config")};
        for (char** e = environ; *e; ++e)
            if (std::strncmp(*e, "HOME=", 5) != 0 && std::strncmp(*e, "XDG_CONFIG_HOME=", 16) != 0) env.push_back(*e);
        std::vector<char*> envp;
        for (std::string& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        std::string program = BPM_APP;
        std::string file = map;
        char* argv[] = {program.data(), file.data(), nullptr};
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const std::string log = home.file("bpmap.log");
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, envp.data()) != 0) pid = 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~running_editor() { crash(); }
    // Ends it as a crash would, and reaps it: its lock stays behind, its process is gone.
    void crash() {
        if (pid <= 0) return;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        pid = 0;
    }
};

// A copy of the sample in a folder of its own, not yet open; whatever opened it is closed at the end.
struct map_file {
    test::temp_dir dir;
    std::string path = dir.file("map.bpm");
    std::string lock = lock_file_path(path);
    scripted_prompts prompts;

    map_file() {
        test::spit(path, test::slurp(test::sample("nlyzer-b2b-personas.bpm")));
        prompts.install();
    }
    ~map_file() {
        prompts.answers = {SaveChoice::Discard, SaveChoice::Discard};
        TheDocManager().CloseDocuments(true);
        Pump();
        // A test may have taken the folder's or the file's write permission.
        fs::permissions(dir.path(), fs::perms::owner_all);
    }
    BpmDocument* open() {
        auto* doc = wxDynamicCast(TheDocManager().CreateDocument(ToWx(path), wxDOC_SILENT), BpmDocument);
        Pump();
        return doc;
    }
    static void close() {
        TheDocManager().CloseDocuments(true);
        Pump();
    }
};

// A map open read-only because another editor (a live process on this host) holds it.
struct read_only_map : map_file {
    other_holder bea{path};
    BpmDocument* doc = nullptr;

    read_only_map() {
        prompts.lockChoice = LockChoice::ReadOnly;
        doc = open();
        BOOST_TEST_REQUIRE(doc != nullptr);
        BOOST_TEST_REQUIRE(doc->IsReadOnly());
        Context().ShowPage(EditingContext::Page::Stages);
        Pump();
    }
    std::string saved() const { return write_bpm(doc->Model()); }
};

void Key(wxWindow& target, wxEventType type, int code) {
    wxKeyEvent key(type);
    key.m_keyCode = code;
    key.m_uniChar = static_cast<wxChar>(code);
    key.SetEventObject(&target);
    target.ProcessWindowEvent(key);
    Pump();
}

wxString ClipboardText() {
    wxTextDataObject data;
    wxClipboardLocker lock;
    if (!lock || !wxTheClipboard->GetData(data)) return {};
    return data.GetText();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lock_files)

BOOST_FIXTURE_TEST_CASE(a_map_open_in_another_running_editor_opens_read_only_and_names_who_holds_it, map_file) {
    running_editor first(path);
    BOOST_TEST_REQUIRE(first.pid > 0);
    // Started is not yet open: the other editor has the map once its lock is there and written
    // (it is created first, then filled, so a look in between finds it empty).
    BOOST_TEST_REQUIRE(WaitFor([&] { return fs::exists(lock) && parse_lock_entry(test::slurp(lock)); },
                               std::chrono::seconds(60)));
    const std::string theirs = test::slurp(lock);
    BOOST_TEST(parse_lock_entry(theirs)->pid == first.pid);

    prompts.lockChoice = LockChoice::ReadOnly;
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST_REQUIRE(prompts.lockedBy.size() == 1u);
    const lock_owner me = current_lock_owner();
    BOOST_TEST(prompts.lockedBy[0].first.Contains(ToWx(me.login + "@" + me.host)), prompts.lockedBy[0].first);
    BOOST_TEST(prompts.lockedBy[0].second == ToWx(readable_lock_time(parse_lock_entry(theirs)->since)));
    BOOST_TEST(doc->IsReadOnly());
    BOOST_TEST(Frame().GetTitle().Contains("map.bpm (Read-Only)"), Frame().GetTitle());
    // The strip says who edits it, and how to get an editable copy.
    BOOST_TEST(DiskBarSays("\"map.bpm\" is open read-only: " + prompts.lockedBy[0].first + " is editing it. File "
                           "\u25B8 Save As"),
               DiskBarMessage());
    BOOST_TEST(test::slurp(lock) == theirs);
    close();
    BOOST_TEST(test::slurp(lock) == theirs);

    // The other editor crashes: its lock is stale, and the next open takes the map quietly.
    first.crash();
    doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(prompts.lockedBy.size() == 1u);
    BOOST_TEST(!doc->IsReadOnly());
    BOOST_TEST(!Frame().GetTitle().Contains("Read-Only"));
    BOOST_TEST(parse_lock_entry(test::slurp(lock))->pid == static_cast<long long>(::getpid()));
    close();
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_lock_left_by_a_crashed_editor_on_this_host_is_removed_quietly, map_file) {
    {
        other_holder gone(path);
    }  // killed and reaped: the lock names a process that no longer exists
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(prompts.lockedBy.empty());
    BOOST_TEST(DiskBarMessage().empty());
    BOOST_TEST(!doc->IsReadOnly());
    BOOST_TEST(parse_lock_entry(test::slurp(lock))->same_process(current_lock_owner()));
}

BOOST_FIXTURE_TEST_CASE(opening_a_map_locks_it_and_closing_removes_the_lock, map_file) {
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(!doc->IsReadOnly());
    BOOST_TEST(parse_lock_entry(test::slurp(lock))->same_process(current_lock_owner()));
    close();
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(the_real_editor_removes_its_lock_when_it_exits, map_file) {
    const test::run_result r = test::run_program(BPM_APP, {"--screenshot", dir.file("shot.png"), path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(fs::exists(dir.file("shot.png")));
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(cancel_leaves_the_map_closed_and_the_lock_theirs, map_file) {
    other_holder bea(path);
    prompts.lockChoice = LockChoice::Cancel;
    BOOST_TEST(open() == nullptr);
    BOOST_TEST(prompts.lockedBy.size() == 1u);
    BOOST_TEST(prompts.lockedBy[0].first == "Bea Other (logged in as bea@" + ToWx(this_host()) + ")");
    BOOST_TEST(prompts.lockedBy[0].second == "2026-11-21 09:06");
    BOOST_TEST(Context().GetDocument() == nullptr);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(test::slurp(lock) == format_lock_entry(bea.owner));
}

BOOST_FIXTURE_TEST_CASE(open_anyway_takes_the_lock_over, map_file) {
    other_holder bea(path);
    prompts.lockChoice = LockChoice::Anyway;
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(!doc->IsReadOnly());
    BOOST_TEST(parse_lock_entry(test::slurp(lock))->same_process(current_lock_owner()));
    BOOST_TEST(doc->Submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "5 weeks")));
    // Their editor, closing, leaves it alone; ours removes it.
    BOOST_TEST(!release_lock(path, bea.owner));
    close();
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_map_in_a_read_only_folder_opens_read_only_without_a_lock_and_says_why, map_file) {
    fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(doc->IsReadOnly());
    BOOST_TEST(!fs::exists(lock));
    BOOST_TEST(prompts.lockedBy.empty());
    BOOST_TEST(DiskBarSays("\"map.bpm\" is open read-only: its folder is read-only."), DiskBarMessage());
    BOOST_TEST(Frame().GetTitle().Contains("(Read-Only)"));
}

BOOST_FIXTURE_TEST_CASE(a_map_without_write_permission_opens_read_only_and_says_why, map_file) {
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    BpmDocument* doc = open();
    BOOST_TEST_REQUIRE(doc != nullptr);
    BOOST_TEST(doc->IsReadOnly());
    BOOST_TEST(!fs::exists(lock));
    BOOST_TEST(DiskBarSays("the file is read-only"), DiskBarMessage());
}

BOOST_FIXTURE_TEST_CASE(a_read_only_map_disables_and_refuses_every_edit_command, read_only_map) {
    const std::string before = saved();
    Frame().GetStageGrid()->GetGrid()->SetFocus();
    Frame().GetStageGrid()->GetGrid()->SetGridCursor(0, 1);
    {
        wxClipboardLocker lock;
        wxTheClipboard->SetData(new wxTextDataObject("pasted\tcells"));
    }
    const int edits[] = {ID_PERSONA_ADD,   ID_PERSONA_DELETE,  ID_PERSONA_MOVE_DOWN, ID_PERSONA_FINISH,
                         ID_SUMMARY_GENERATE, ID_STAGE_ADD,    ID_STAGE_INSERT,      ID_STAGE_DELETE,
                         ID_STAGE_MOVE_DOWN, ID_STAGE_SUGGEST, ID_PERSONA_FROM_NOTES, wxID_CUT,
                         wxID_PASTE,       wxID_UNDO,          wxID_REDO,            wxID_SAVE};
    for (int id : edits) BOOST_TEST(!CommandEnabled(id), "command " << id << " is enabled");
    // Chosen anyway (a key, a stale menu): nothing changes, and nothing asks.
    for (int id : edits) Command(id);
    BOOST_TEST(saved() == before);
    BOOST_TEST(!doc->IsModified());
    BOOST_TEST(prompts.asked == 0);
    BOOST_TEST(test::slurp(path) == test::slurp(test::sample("nlyzer-b2b-personas.bpm")));
    // Showing a persona's form is no edit.
    BOOST_TEST(CommandEnabled(ID_PERSONA_EDIT));
}

BOOST_FIXTURE_TEST_CASE(a_read_only_maps_grid_opens_no_cell_editor_for_any_key, read_only_map) {
    const std::string before = saved();
    wxGrid& grid = *Frame().GetStageGrid()->GetGrid();
    grid.SetFocus();
    grid.SetGridCursor(0, 1);
    // Typing into a cell opens its editor on a map that may be edited (see the Save As test).
    Key(grid, wxEVT_CHAR, 'x');
    BOOST_TEST(!grid.IsCellEditControlShown());
    grid.EnableCellEditControl();
    BOOST_TEST(!grid.IsCellEditControlShown());
    grid.SelectBlock(0, 1, 1, 2);
    Key(grid, wxEVT_KEY_DOWN, WXK_DELETE);
    BOOST_TEST(saved() == before);
    // The stage buttons beside the grid are off too.
    for (int id : {ID_STAGE_ADD, ID_STAGE_INSERT, ID_STAGE_DELETE}) {
        auto* button = wxDynamicCast(Frame().GetStageGrid()->FindWindow(id), wxButton);
        BOOST_TEST_REQUIRE(button != nullptr);
        button->UpdateWindowUI();
        BOOST_TEST(!button->IsEnabled());
    }
}

BOOST_FIXTURE_TEST_CASE(a_read_only_maps_form_pain_points_and_chat_take_no_answers, read_only_map) {
    const std::string before = saved();
    PersonaForm& form = *Frame().GetPersonaForm();
    BOOST_TEST(!form.GetField(persona_field::name)->IsEditable());
    BOOST_TEST(!form.GetPainPoints()->GetEntry()->IsShown());
    BOOST_TEST(!Chat().Input()->IsEnabled());
    BOOST_TEST(Chat().ChoiceButtons().empty());
    BOOST_TEST(Said("open read-only"));
    Chat().SendAnswer("Marketing Director");
    BOOST_TEST(saved() == before);
    Command(ID_SHOW_SUMMARY);
    BOOST_TEST(!Frame().GetSummaryPanel()->FindWindow(ID_SUMMARY_GENERATE)->IsEnabled());
}

BOOST_FIXTURE_TEST_CASE(a_read_only_map_still_exports_prints_and_copies, read_only_map) {
    for (int id : {int(ID_EXPORT_PDF), int(ID_EXPORT_PNG), int(ID_EXPORT_SVG), int(wxID_PRINT), int(wxID_PREVIEW),
                   int(wxID_SAVEAS)})
        BOOST_TEST(CommandEnabled(id), "command " << id << " is disabled");

    wxGrid& grid = *Frame().GetStageGrid()->GetGrid();
    grid.SetFocus();
    grid.SetGridCursor(0, 0);
    BOOST_TEST(CommandEnabled(wxID_COPY));
    Command(wxID_COPY);
    BOOST_TEST((ParseTabSeparated(ToUtf8(ClipboardText())) == CellBlock{{doc->Model().personas[0].stages[0].name}}));

    // The PDF's options are accepted as they come; the file is the one chosen.
    accept_dialogs accept;
    prompts.savePath = ToWx(dir.file("map.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(accept.shown >= 1);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(test::slurp(dir.file("map.pdf")).substr(0, 5) == "%PDF-");
}

BOOST_FIXTURE_TEST_CASE(save_as_makes_an_editable_copy_locked_at_its_new_place, read_only_map) {
    // Not over the map someone else is editing.
    prompts.savePath = ToWx(path);
    Command(wxID_SAVEAS);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("Bea Other (logged in as bea@"), prompts.problems[0]);
    BOOST_TEST(doc->IsReadOnly());
    BOOST_TEST(test::slurp(lock) == format_lock_entry(bea.owner));

    // The strip's own Save As button, as the user finds it.
    BOOST_TEST(DiskBar().HasButtonId(wxID_SAVEAS));
    const std::string copy = dir.file("copy.bpm");
    prompts.savePath = ToWx(copy);
    PressOnDiskBar(wxID_SAVEAS);
    BOOST_TEST(prompts.problems.size() == 1u);
    BOOST_TEST(!doc->IsReadOnly());
    BOOST_TEST(DiskBarMessage().empty());
    BOOST_TEST(doc->GetFilename() == ToWx(copy));
    BOOST_TEST(Frame().GetTitle().StartsWith("copy.bpm - "), Frame().GetTitle());
    BOOST_TEST(load_bpm(copy).value->personas.size() == doc->Model().personas.size());
    BOOST_TEST(parse_lock_entry(test::slurp(lock_file_path(copy)))->same_process(current_lock_owner()));
    BOOST_TEST(test::slurp(lock) == format_lock_entry(bea.owner));

    // Everything edits again: menus, the grid's keys, the chat.
    BOOST_TEST(CommandEnabled(ID_STAGE_ADD));
    wxGrid& grid = *Frame().GetStageGrid()->GetGrid();
    grid.SetFocus();
    grid.SetGridCursor(0, 1);
    Key(grid, wxEVT_CHAR, 'x');
    BOOST_TEST(grid.IsCellEditControlShown());
    grid.DisableCellEditControl();
    BOOST_TEST(Chat().Input()->IsEnabled());
    BOOST_TEST(Frame().GetPersonaForm()->GetField(persona_field::name)->IsEditable());
    const std::size_t stages = Context().GetPersona()->stages.size();
    Command(ID_STAGE_ADD);
    BOOST_TEST(Context().GetPersona()->stages.size() == stages + 1);
    close();
    BOOST_TEST(!fs::exists(lock_file_path(copy)));
}

BOOST_AUTO_TEST_SUITE_END()
