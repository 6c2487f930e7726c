#define BOOST_TEST_MODULE file_io
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utime.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

#include "bpm/file_io.h"
#include "bpm/process.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

struct stat stat_of(const std::string& path) {
    struct stat st {};
    ::lstat(path.c_str(), &st);
    return st;
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link) {
    test::temp_dir dir;
    fs::create_directory(dir.path() / "real");
    const std::string target = dir.file("real/map.bpm");
    test::spit(target, "old");
    // A relative link, through a second link, as a dotfiles or synced-folder setup has them.
    fs::create_symlink("real/map.bpm", dir.path() / "first.bpm");
    fs::create_symlink("first.bpm", dir.path() / "map.bpm");
    BOOST_TEST_REQUIRE(bool(write_file_atomic(dir.file("map.bpm"), "new")));
    BOOST_TEST(fs::is_symlink(dir.path() / "map.bpm"));
    BOOST_TEST(fs::is_symlink(dir.path() / "first.bpm"));
    BOOST_TEST(fs::read_symlink(dir.path() / "map.bpm") == fs::path("first.bpm"));
    BOOST_TEST(test::slurp(target) == "new");
    // The temporary file was beside the target, and is gone.
    BOOST_TEST(entries(dir.path() / "real") == 1u);
    BOOST_TEST(entries(dir.path()) == 3u);
}

BOOST_AUTO_TEST_CASE(a_link_to_a_file_not_there_yet_creates_the_target) {
    test::temp_dir dir;
    fs::create_symlink("elsewhere.bpm", dir.path() / "map.bpm");
    BOOST_TEST_REQUIRE(bool(write_file_atomic(dir.file("map.bpm"), "new")));
    BOOST_TEST(fs::is_symlink(dir.path() / "map.bpm"));
    BOOST_TEST(test::slurp(dir.file("elsewhere.bpm")) == "new");
}

BOOST_AUTO_TEST_CASE(saving_a_hard_linked_file_keeps_every_name_on_the_one_file) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "old content");
    fs::create_hard_link(path, dir.path() / "backup-name.bpm");
    const ino_t inode = stat_of(path).st_ino;
    BOOST_TEST_REQUIRE(bool(write_file_atomic(path, "new")));
    BOOST_TEST(stat_of(path).st_ino == inode);
    BOOST_TEST(stat_of(path).st_nlink == 2u);
    BOOST_TEST(test::slurp(dir.file("backup-name.bpm")) == "new");
    BOOST_TEST(entries(dir.path()) == 2u);
}

BOOST_AUTO_TEST_CASE(a_file_without_write_permission_is_refused_and_left_as_it_was) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "old");
    ::chmod(path.c_str(), 0444);
    // Even as root, who could write it: the mode says the owner wants it left alone.
    const result<> written = write_file_atomic(path, "new");
    BOOST_TEST(!bool(written));
    BOOST_TEST(written.error().find(path) != std::string::npos);
    BOOST_TEST(written.error().find("read-only") != std::string::npos);
    BOOST_TEST(test::slurp(path) == "old");
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(mode_owner_group_and_extended_attributes_are_kept) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "old");
    ::chmod(path.c_str(), 0640);
    const bool root = ::geteuid() == 0;
    // As root, the file belongs to someone else, as a user's file that root saves does.
    if (root) BOOST_TEST_REQUIRE(::chown(path.c_str(), 1234, 5678) == 0);
    const bool xattrs = ::setxattr(path.c_str(), "user.bpm.test", "kept", 4, 0) == 0;
    BOOST_TEST_REQUIRE(bool(write_file_atomic(path, "new")));
    const struct stat st = stat_of(path);
    BOOST_TEST((st.st_mode & 07777) == 0640u);
    if (root) {
        BOOST_TEST(st.st_uid == 1234u);
        BOOST_TEST(st.st_gid == 5678u);
    }
    if (xattrs) {
        char value[16] = {};
        BOOST_TEST(::getxattr(path.c_str(), "user.bpm.test", value, sizeof value) == 4);
        BOOST_TEST(std::string(value, 4) == "kept");
    } else {
        BOOST_TEST_MESSAGE("this file system keeps no user extended attributes; that check is skipped");
    }
}

BOOST_AUTO_TEST_CASE(stale_temporary_files_of_an_interrupted_save_are_removed_at_the_next_save) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "old");
    // What a save killed between writing and renaming leaves behind, an hour ago.
    const std::string stale = dir.file(".map.bpm.a1B2c3");
    test::spit(stale, "half a map");
    const struct utimbuf hour_ago {::time(nullptr) - 3600, ::time(nullptr) - 3600};
    ::utime(stale.c_str(), &hour_ago);
    // Another save of the map may be writing this one right now: it is left alone.
    const std::string fresh = dir.file(".map.bpm.Zz9Yy8");
    test::spit(fresh, "being written");
    // Not a temporary file of this map.
    const std::string other = dir.file(".other.bpm.a1B2c3");
    test::spit(other, "someone else's");
    ::utime(other.c_str(), &hour_ago);

    BOOST_TEST_REQUIRE(bool(write_file_atomic(path, "new")));
    BOOST_TEST(!fs::exists(stale));
    BOOST_TEST(fs::exists(fresh));
    BOOST_TEST(fs::exists(other));
    BOOST_TEST(test::slurp(path) == "new");
}

BOOST_AUTO_TEST_CASE(a_new_file_gets_the_usual_permissions) {
    test::temp_dir dir;
    const mode_t mask = ::umask(022);
    BOOST_TEST_REQUIRE(bool(write_file_atomic(dir.file("new.bpm"), "new")));
    ::umask(mask);
    BOOST_TEST((stat_of(dir.file("new.bpm")).st_mode & 07777) == 0644u);
}

BOOST_AUTO_TEST_CASE(a_file_written_in_pieces_replaces_the_old_one_only_when_committed) {
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    test::spit(path, "previous export");
    auto file = atomic_file::open(path);
    BOOST_TEST_REQUIRE(bool(file), file.error());
    BOOST_TEST_REQUIRE(bool(file.value->write("first piece, ")));
    BOOST_TEST_REQUIRE(bool(file.value->write("second piece")));
    BOOST_TEST(test::slurp(path) == "previous export");
    BOOST_TEST_REQUIRE(bool(file.value->commit()));
    BOOST_TEST(test::slurp(path) == "first piece, second piece");
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_file_in_pieces_dropped_before_its_commit_leaves_no_trace) {
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    test::spit(path, "previous export");
    {
        auto file = atomic_file::open(path);
        BOOST_TEST_REQUIRE(bool(file), file.error());
        BOOST_TEST_REQUIRE(bool(file.value->write("half a PDF")));
        BOOST_TEST(entries(dir.path()) == 2u);
    }
    BOOST_TEST(test::slurp(path) == "previous export");
    BOOST_TEST(entries(dir.path()) == 1u);
    {
        auto file = atomic_file::open(dir.file("new.pdf"));
        BOOST_TEST_REQUIRE(bool(file), file.error());
    }
    BOOST_TEST(!fs::exists(dir.file("new.pdf")));
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_stamp_changes_with_the_content_not_with_a_touch) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    BOOST_TEST(!stamp_file(path).exists);
    test::spit(path, "eight personas");
    const file_stamp loaded = stamp_file(path);
    BOOST_TEST(loaded.exists);
    BOOST_TEST(loaded.size == 14u);
    BOOST_TEST((stamp_bytes("eight personas") == loaded));
    // The same bytes written again, or only the time touched: no change.
    BOOST_TEST_REQUIRE(bool(write_file_atomic(path, "eight personas")));
    ::utime(path.c_str(), nullptr);
    BOOST_TEST((stamp_file(path) == loaded));
    // Someone else's edit of the same length is a change.
    test::spit(path, "nine personas!");
    BOOST_TEST((stamp_file(path) != loaded));
    fs::remove(path);
    BOOST_TEST((stamp_file(path) != loaded));
}

BOOST_AUTO_TEST_CASE(a_disk_version_tells_a_change_a_touch_a_deletion_and_a_return) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "mine");
    disk_version version;
    BOOST_TEST((version.check() == disk_state::unchanged));  // nothing remembered yet
    version.remember(path, "mine");
    BOOST_TEST((version.check() == disk_state::unchanged));

    // Touched, and rewritten with the same bytes through a rename: no change.
    ::utime(path.c_str(), nullptr);
    test::spit(dir.file("other"), "mine");
    fs::rename(dir.file("other"), path);
    BOOST_TEST((version.check() == disk_state::unchanged));

    // Same size, other bytes, the times set back to what they were: the inode still tells.
    test::spit(dir.file("other"), "them");
    fs::rename(dir.file("other"), path);
    BOOST_TEST((version.check() == disk_state::changed));
    BOOST_TEST((version.seen() == stamp_bytes("them")));
    BOOST_TEST((version.check() == disk_state::changed));  // and stays so

    fs::remove(path);
    BOOST_TEST((version.check() == disk_state::missing));
    BOOST_TEST(!version.seen().exists);
    test::spit(path, "mine");
    BOOST_TEST((version.check() == disk_state::unchanged));

    // What was written last is the version remembered.
    version.remember(path, "ours now");
    test::spit(path, "ours now");
    BOOST_TEST((version.check() == disk_state::unchanged));
}

BOOST_AUTO_TEST_CASE(a_disk_version_written_over_in_place_sees_the_change) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    test::spit(path, "mine");
    disk_version version;
    version.remember(path, "mine");
    // Written in place, as editors without atomic saves do, with the modification time put back.
    const struct stat before = stat_of(path);
    test::spit(path, "them");
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    ::utimensat(AT_FDCWD, path.c_str(), times, 0);
    BOOST_TEST((version.check() == disk_state::changed));  // the change time still moved
}

namespace {

// Runs fn in a child process whose files may grow to limit bytes at most, as on a nearly full
// disk: a write past it fails (EFBIG, SIGXFSZ ignored) like one on a full disk (ENOSPC).
bool in_a_process_with_little_room(std::size_t limit, const std::function<bool()>& fn) {
    const pid_t child = ::fork();
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        const struct rlimit room {limit, limit};
        ::setrlimit(RLIMIT_FSIZE, &room);
        std::_Exit(fn() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_save_that_runs_out_of_room_leaves_the_previous_file_whole) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    const std::string old(1000, 'o');
    test::spit(path, old);
    const std::string bigger(64 * 1024, 'n');
    BOOST_TEST(in_a_process_with_little_room(4096, [&] {
        const result<> saved = write_file_atomic(path, bigger);
        // Refused, saying what failed and where.
        return !saved && saved.error().find(path) != std::string::npos;
    }));
    BOOST_TEST(test::slurp(path) == old);
    BOOST_TEST(entries(dir.path()) == 1u);  // no temporary file left behind
}

BOOST_AUTO_TEST_CASE(a_process_that_ended_is_gone_even_before_it_is_reaped) {
    BOOST_TEST(!process_gone(::getpid()));
    BOOST_TEST(!process_gone(0));
    const pid_t child = ::fork();
    if (child == 0) std::_Exit(0);
    // Ended, not yet reaped: a zombie, which kill(pid, 0) still finds.
    while (!process_gone(child)) ::usleep(1000);
    BOOST_TEST(::kill(child, 0) == 0);
    ::waitpid(child, nullptr, 0);
    BOOST_TEST(process_gone(child));
    BOOST_TEST(!host_name().empty());
}

BOOST_AUTO_TEST_CASE(a_fifo_is_read_as_a_stream_to_its_end) {
    test::temp_dir dir;
    const std::string fifo = dir.file("pipe");
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string sent(200 * 1024, 'x');  // more than one read of the pipe
    std::thread writer([&] { test::spit(fifo, sent); });
    const result<std::string> read = read_file(fifo, 1 << 20);
    writer.join();
    BOOST_TEST_REQUIRE(bool(read), read.error());
    BOOST_TEST(*read.value == sent);
}

BOOST_AUTO_TEST_CASE(a_stream_past_the_limit_is_refused_after_reading_one_byte_more) {
    // /dev/zero never ends: only the limit stops it.
    const result<std::string> endless = read_file("/dev/zero", 1 << 20);
    BOOST_TEST_REQUIRE(!endless);
    BOOST_TEST(endless.error() == "/dev/zero is larger than the 1 MB limit");

    std::istringstream just_fits(std::string(1 << 20, 'a'));
    const result<std::string> whole = read_stream(just_fits, 1 << 20, "standard input");
    BOOST_TEST_REQUIRE(bool(whole));
    BOOST_TEST(whole.value->size() == std::size_t(1) << 20);
    std::istringstream one_more(std::string((1 << 20) + 1, 'a'));
    const result<std::string> refused = read_stream(one_more, 1 << 20, "standard input");
    BOOST_TEST_REQUIRE(!refused);
    BOOST_TEST(refused.error() == "standard input is larger than the 1 MB limit");
}
