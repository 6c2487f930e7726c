#define BOOST_TEST_MODULE lock_file
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bpm/lock_file.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

std::string this_host() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

// Someone else, on this host, in a process that is running: a child that waits to be killed.
struct other_editor {
    pid_t pid = ::fork();
    lock_owner owner;

    other_editor() {
        if (pid == 0) {
            ::pause();
            ::_exit(0);
        }
        owner = {"Bea Other", "bea", this_host(), "21.11.2026 09:06", "", pid};
    }
    ~other_editor() { quit(); }
    // Ends the process and reaps it, so its id names no process (a zombie still answers kill).
    void quit() {
        if (pid <= 0) return;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        pid = 0;
    }
};

// A process id that no process has: a child that has exited and been reaped.
long long dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

// Lets the test's temporary folder be removed again after a test took its write permission.
struct restore_mode {
    fs::path path;
    ~restore_mode() { fs::permissions(path, fs::perms::owner_all); }
};

struct map_in_a_folder {
    test::temp_dir dir;
    std::string map = dir.file("map.bpm");
    std::string lock = dir.file(".~lock.map.bpm#");
    lock_owner me = current_lock_owner();

    map_in_a_folder() { test::spit(map, "<map/>"); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_lock_file_sits_beside_the_map_named_as_libreoffice_names_it) {
    test::temp_dir dir;
    test::spit(dir.file("map.bpm"), "");
    BOOST_TEST(lock_file_path(dir.file("map.bpm")) == dir.file(".~lock.map.bpm#"));
    // Every way to the file finds one lock: beside the file a symbolic link leads to.
    fs::create_directory(dir.path() / "real");
    test::spit(dir.file("real/target.bpm"), "");
    fs::create_symlink("real/target.bpm", dir.path() / "link.bpm");
    BOOST_TEST(lock_file_path(dir.file("link.bpm")) == dir.file("real/.~lock.target.bpm#"));
}

BOOST_AUTO_TEST_CASE(an_entry_keeps_libreoffices_fields_in_order_with_the_process_id_added_last) {
    const lock_owner owner{"Ana Müller", "ana", "kestrel", "21.11.2026 09:06", "", 4242};
    BOOST_TEST(format_lock_entry(owner) == "Ana Müller,ana,kestrel,21.11.2026 09:06,,4242;");
    const std::optional<lock_owner> back = parse_lock_entry(format_lock_entry(owner));
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->name == owner.name);
    BOOST_TEST(back->login == owner.login);
    BOOST_TEST(back->host == owner.host);
    BOOST_TEST(back->since == owner.since);
    BOOST_TEST(back->pid == 4242);
}

BOOST_AUTO_TEST_CASE(commas_semicolons_and_backslashes_in_a_field_are_escaped_as_libreoffice_does) {
    const lock_owner owner{"Smith, Jo; \\ops", "jo", "host;1", "21.11.2026 09:06", "file:///a,b", 7};
    const std::string entry = format_lock_entry(owner);
    BOOST_TEST(entry == "Smith\\, Jo\\; \\\\ops,jo,host\\;1,21.11.2026 09:06,file:///a\\,b,7;");
    const std::optional<lock_owner> back = parse_lock_entry(entry);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->name == owner.name);
    BOOST_TEST(back->host == owner.host);
    BOOST_TEST(back->settings_url == owner.settings_url);
}

BOOST_AUTO_TEST_CASE(a_lock_libreoffice_wrote_is_read_without_a_process_id) {
    const std::optional<lock_owner> lo =
        parse_lock_entry(",ana,kestrel,21.11.2026 09:06,file:///home/ana/.config/libreoffice/4;");
    BOOST_TEST_REQUIRE(lo.has_value());
    BOOST_TEST(lo->login == "ana");
    BOOST_TEST(lo->settings_url == "file:///home/ana/.config/libreoffice/4");
    BOOST_TEST(lo->pid == 0);
    // Without a process id nobody can tell the lock is stale, even on this host.
    BOOST_TEST(!lock_is_stale({"", "ana", this_host(), "", "", 0}));
}

BOOST_AUTO_TEST_CASE(anything_but_one_entry_is_no_entry) {
    for (const std::string& bad : std::vector<std::string>{"", "garbage", "a,b,c;", "a,b,c,d,e,f,g;", "a,b,c,d,e", "a,b,c,d,e,12x;",
                                  "a\\x,b,c,d,e;", "a,b,c,d,e,;", std::string("\xC3\x28,b,c,d,e,1;"),
                                  std::string(5000, 'x') + ",b,c,d,e,1;"})
        BOOST_TEST(!parse_lock_entry(bad).has_value(), bad.substr(0, 40));
    // Line breaks and control characters never reach a message.
    const std::optional<lock_owner> odd = parse_lock_entry("Eve\nline\x07two,eve,h,t,,1;\nrest");
    BOOST_TEST_REQUIRE(odd.has_value());
    BOOST_TEST(odd->name == "Eve line two");
}

BOOST_AUTO_TEST_CASE(the_time_is_libreoffices_local_time_and_reads_as_other_timestamps) {
    const std::string now = lock_time_text(std::time(nullptr));
    BOOST_TEST(now.size() == 16u);
    BOOST_TEST(now[2] == '.');
    BOOST_TEST(now[10] == ' ');
    BOOST_TEST(readable_lock_time("21.11.2026 09:06") == "2026-11-21 09:06");
    BOOST_TEST(readable_lock_time("yesterday") == "yesterday");
}

BOOST_AUTO_TEST_CASE(this_process_as_an_owner_has_its_host_and_process_id) {
    const lock_owner me = current_lock_owner();
    BOOST_TEST(me.pid == static_cast<long long>(::getpid()));
    BOOST_TEST(me.host == this_host());
    BOOST_TEST(!me.login.empty());
    BOOST_TEST(readable_lock_time(me.since) != me.since);
}

BOOST_FIXTURE_TEST_CASE(opening_for_editing_creates_the_lock_and_closing_removes_it, map_in_a_folder) {
    {
        lock_attempt mine = acquire_lock(map, me);
        BOOST_TEST_REQUIRE((mine.what == lock_attempt::outcome::locked));
        BOOST_TEST(mine.lock.held());
        BOOST_TEST(test::slurp(lock) == format_lock_entry(me));
        BOOST_TEST(((fs::status(lock).permissions() & fs::perms::others_read) != fs::perms::none));
    }
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_map_someone_holds_is_held_and_names_them, map_in_a_folder) {
    other_editor bea;
    test::spit(lock, format_lock_entry(bea.owner));
    const lock_attempt second = acquire_lock(map, me);
    BOOST_TEST((second.what == lock_attempt::outcome::held));
    BOOST_TEST(!second.lock.held());
    BOOST_TEST(second.holder.name == "Bea Other");
    BOOST_TEST(second.holder.since == "21.11.2026 09:06");
    // Their lock is left as it was, and nobody else's release removes it.
    BOOST_TEST(!release_lock(map, me));
    BOOST_TEST(test::slurp(lock) == format_lock_entry(bea.owner));
}

BOOST_FIXTURE_TEST_CASE(a_lock_whose_process_is_gone_from_this_host_is_removed_quietly, map_in_a_folder) {
    other_editor bea;
    test::spit(lock, format_lock_entry(bea.owner));
    bea.quit();
    const lock_attempt mine = acquire_lock(map, me);
    BOOST_TEST((mine.what == lock_attempt::outcome::locked));
    BOOST_TEST(mine.removed_stale);
    BOOST_TEST(test::slurp(lock) == format_lock_entry(me));
}

BOOST_FIXTURE_TEST_CASE(a_lock_from_another_host_is_never_taken_for_stale, map_in_a_folder) {
    const lock_owner far{"", "cy", "some-other-host.example", "21.11.2026 09:06", "", dead_pid()};
    test::spit(lock, format_lock_entry(far));
    BOOST_TEST(!lock_is_stale(far));
    BOOST_TEST((acquire_lock(map, me).what == lock_attempt::outcome::held));
    BOOST_TEST(lock_is_stale({"", "cy", this_host(), "", "", far.pid}));
}

BOOST_FIXTURE_TEST_CASE(a_lock_that_cannot_be_read_is_held_by_someone_unknown, map_in_a_folder) {
    const auto held_by_unknown = [&] {
        const lock_attempt a = acquire_lock(map, me);
        return a.what == lock_attempt::outcome::held && a.holder.unknown() && !a.lock.held();
    };
    for (const std::string& content : {std::string(), std::string("\xFF\xFE garbage"), std::string(1 << 20, ','),
                                      std::string("no entry here")}) {
        test::spit(lock, content);
        BOOST_TEST(held_by_unknown(), content.substr(0, 20));
        BOOST_TEST(read_lock(map)->unknown());
        // Never removed as stale, and nobody's release removes it.
        BOOST_TEST(!release_lock(map, me));
        BOOST_TEST(fs::exists(lock));
    }
    // Not a file: read without following the link, or waiting for a writer.
    fs::remove(lock);
    fs::create_symlink("/dev/zero", lock);
    BOOST_TEST(held_by_unknown());
    fs::remove(lock);
    BOOST_TEST_REQUIRE(::mkfifo(lock.c_str(), 0600) == 0);
    BOOST_TEST(held_by_unknown());
    fs::remove(lock);
    fs::create_directory(lock);
    BOOST_TEST(held_by_unknown());
}

BOOST_FIXTURE_TEST_CASE(open_anyway_takes_the_lock_over_and_their_release_leaves_it, map_in_a_folder) {
    other_editor bea;
    test::spit(lock, format_lock_entry(bea.owner));
    {
        result<map_lock> taken = take_over_lock(map, me);
        BOOST_TEST_REQUIRE(bool(taken));
        BOOST_TEST(test::slurp(lock) == format_lock_entry(me));
        BOOST_TEST(!release_lock(map, bea.owner));
        BOOST_TEST(fs::exists(lock));
        // Exactly one file beside the map: no temporary left behind.
        BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);
    }
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_lock_taken_over_by_someone_else_stays_when_we_close, map_in_a_folder) {
    lock_attempt mine = acquire_lock(map, me);
    BOOST_TEST_REQUIRE(mine.lock.held());
    other_editor bea;
    test::spit(lock, format_lock_entry(bea.owner));
    mine.lock.release();
    BOOST_TEST(test::slurp(lock) == format_lock_entry(bea.owner));
}

BOOST_FIXTURE_TEST_CASE(a_map_in_a_read_only_folder_opens_without_a_lock_and_says_why, map_in_a_folder) {
    fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
    const restore_mode restore{dir.path()};
    const lock_attempt a = acquire_lock(map, me);
    BOOST_TEST((a.what == lock_attempt::outcome::read_only));
    BOOST_TEST(a.reason == "its folder is read-only");
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_map_without_write_permission_opens_without_a_lock_and_says_why, map_in_a_folder) {
    fs::permissions(map, fs::perms::owner_read | fs::perms::group_read);
    const lock_attempt a = acquire_lock(map, me);
    BOOST_TEST((a.what == lock_attempt::outcome::read_only));
    BOOST_TEST(a.reason == "the file is read-only");
    BOOST_TEST(!fs::exists(lock));
}

BOOST_FIXTURE_TEST_CASE(a_new_file_in_a_writable_folder_can_be_locked_before_it_exists, map_in_a_folder) {
    const std::string copy = dir.file("copy.bpm");
    lock_attempt a = acquire_lock(copy, me);
    BOOST_TEST((a.what == lock_attempt::outcome::locked));
    BOOST_TEST(fs::exists(dir.file(".~lock.copy.bpm#")));
}

BOOST_FIXTURE_TEST_CASE(a_moved_lock_releases_once, map_in_a_folder) {
    lock_attempt a = acquire_lock(map, me);
    map_lock moved = std::move(a.lock);
    BOOST_TEST(!a.lock.held());
    BOOST_TEST(moved.held());
    moved = map_lock();
    BOOST_TEST(!fs::exists(lock));
}
