#define BOOST_TEST_MODULE cli_git
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

#include "bpm/bpm_file.h"
#include "test_support.h"

// A git repository in a temporary folder, set up with bpmap-cli git-setup, with a map committed
// twice: what git diff and git log -p show of it.

using namespace bpm;
namespace fs = std::filesystem;

namespace {

// git as a user's machine runs it, but blind to the user's own configuration, and with a PATH
// that has no bpmap-cli on it: the driver must be found by its full path.
struct git_environment {
    git_environment() {
        ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
        ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
        ::setenv("PATH", fs::path(BPM_GIT).parent_path().c_str(), 1);
        ::unsetenv("GIT_DIR");
        ::unsetenv("GIT_WORK_TREE");
    }
};
BOOST_TEST_GLOBAL_FIXTURE(git_environment);

// Runs a command with the current folder set to folder, as a user in a terminal would.
test::run_result in_folder(const fs::path& folder, const std::string& program, const std::vector<std::string>& args) {
    const fs::path before = fs::current_path();
    fs::current_path(folder);
    test::run_result r = test::run_program(program, args);
    fs::current_path(before);
    return r;
}

struct repository {
    test::temp_dir dir;

    repository() { BOOST_TEST_REQUIRE(git({"init", "-q"}).exit_code == 0); }
    test::run_result git(std::vector<std::string> args) const {
        args.insert(args.begin(), {"-C", dir.path().string(), "-c", "user.name=Ana", "-c", "user.email=ana@example.com",
                                   "-c", "core.pager=cat"});
        return test::run_program(BPM_GIT, args);
    }
    void commit(const document& d, const std::string& message) const {
        BOOST_TEST_REQUIRE(bool(save_bpm(d, dir.file("map.bpm"))));
        BOOST_TEST_REQUIRE(git({"add", "-A"}).exit_code == 0);
        BOOST_TEST_REQUIRE(git({"commit", "-q", "-m", message}).exit_code == 0);
    }
};

// The first version: Emma with three stages; the second changes a duration, moves Decision
// before Consideration and drops a pain point.
document first_version() {
    document d = test::rich_document();
    d.personas[0].name = "Emma Rodriguez";
    d.personas[0].stages[0].duration = "2-4 weeks";
    stage consideration;
    consideration.id = "stage-3";
    consideration.name = "Consideration";
    d.personas[0].stages.insert(d.personas[0].stages.begin() + 1, consideration);
    return d;
}

document second_version() {
    document d = first_version();
    auto& stages = d.personas[0].stages;
    stages[0].duration = "3-5 weeks";
    std::swap(stages[1], stages[2]);
    d.personas[0].pain_points.erase(d.personas[0].pain_points.begin());
    return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(git_setup_refuses_outside_a_repository) {
    test::temp_dir dir;
    const auto r = in_folder(dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(has(r.err, "bpmap-cli: git-setup must run inside a git repository's working tree"), r.err);
    BOOST_TEST(!fs::exists(dir.path() / ".gitattributes"));
}

BOOST_AUTO_TEST_CASE(git_setup_writes_the_attribute_and_the_drivers_once) {
    repository repo;
    fs::create_directory(repo.dir.path() / "maps");
    test::spit(repo.dir.file(".gitattributes"), "*.png binary");  // no line break at its end
    auto r = in_folder(repo.dir.path() / "maps", BPM_CLI, {"git-setup"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm\n");
    const std::string exe = fs::canonical(BPM_CLI).string();
    BOOST_TEST(repo.git({"config", "--local", "diff.bpm.command"}).out == exe + " diff --git\n");
    BOOST_TEST(repo.git({"config", "--local", "diff.bpm.textconv"}).out == exe + " diff --textconv\n");
    BOOST_TEST(has(r.out, "*.bpm diff=bpm"), r.out);

    // Twice: nothing more is written.
    r = in_folder(repo.dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "Nothing to change: git already compares .bpm files as maps here.\n");
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm\n");
    BOOST_TEST(repo.git({"config", "--local", "--get-all", "diff.bpm.command"}).out == exe + " diff --git\n");

    // A driver named otherwise (an older bpmap-cli elsewhere) is replaced, not added to.
    BOOST_TEST_REQUIRE(repo.git({"config", "--local", "diff.bpm.command", "/old/bpmap-cli diff --git"}).exit_code == 0);
    r = in_folder(repo.dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(repo.git({"config", "--local", "--get-all", "diff.bpm.command"}).out == exe + " diff --git\n");
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm\n");
}

BOOST_AUTO_TEST_CASE(git_diff_and_git_log_show_semantic_changes) {
    repository repo;
    BOOST_TEST_REQUIRE(in_folder(repo.dir.path(), BPM_CLI, {"git-setup"}).exit_code == 0);
    repo.commit(first_version(), "first");
    repo.commit(second_version(), "second");

    // git diff runs the driver: one line a change.
    const auto diff = repo.git({"diff", "HEAD~1", "HEAD"});
    BOOST_TEST_REQUIRE(diff.exit_code == 0, diff.err);
    BOOST_TEST(diff.out == "diff --bpm a/map.bpm b/map.bpm\n"
                           "- Emma Rodriguez › pain point 'Too expensive'\n"
                           "Emma Rodriguez › Awareness › Duration: 2-4 weeks → 3-5 weeks\n"
                           "~ Emma Rodriguez › stage Decision moved before Consideration\n");

    // git log -p (which runs no external driver unless told to) compares the outlines line by line.
    const auto log = repo.git({"log", "-p", "-1"});
    BOOST_TEST_REQUIRE(log.exit_code == 0, log.err);
    BOOST_TEST(has(log.out, "\n-Emma Rodriguez › Awareness › Duration: 2-4 weeks\n+Emma Rodriguez › Awareness › Duration: 3-5 weeks\n"),
               log.out);
    BOOST_TEST(has(log.out, "\n-Emma Rodriguez › pain point 'Too expensive' (Financial)\n"), log.out);
    BOOST_TEST(!has(log.out, "<duration>"), log.out);
    // ... and with --ext-diff, the driver's lines.
    const auto ext = repo.git({"log", "-p", "--ext-diff", "-1"});
    BOOST_TEST(has(ext.out, "~ Emma Rodriguez › stage Decision moved before Consideration\n"), ext.out);

    // A map added in the working tree, staged: every line added.
    BOOST_TEST_REQUIRE(bool(save_bpm(first_version(), repo.dir.file("copy.bpm"))));
    BOOST_TEST_REQUIRE(repo.git({"add", "copy.bpm"}).exit_code == 0);
    const auto added = repo.git({"diff", "--cached"});
    BOOST_TEST(added.exit_code == 0, added.err);
    BOOST_TEST(has(added.out, "diff --bpm a/copy.bpm b/copy.bpm\n+ Map › Title:"), added.out);

    // A map left with conflict markers: git diff says so and goes on to the next file.
    test::spit(repo.dir.file("map.bpm"), test::slurp(repo.dir.file("map.bpm")) + "<<<<<<< ours\n");
    test::spit(repo.dir.file("notes.txt"), "x\n");
    BOOST_TEST_REQUIRE(repo.git({"add", "-N", "notes.txt"}).exit_code == 0);
    const auto broken = repo.git({"diff"});
    BOOST_TEST(broken.exit_code == 0, broken.err);
    BOOST_TEST(has(broken.out, "not a valid map"), broken.out);
    BOOST_TEST(has(broken.out, "+++ b/notes.txt"), broken.out);
}
