#define BOOST_TEST_MODULE cli_git
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

#include "bpm/bpm_file.h"
#include "test_support.h"

// A git repository in a temporary folder, set up with bpmap-cli git-setup, with a map committed
// twice: what git diff and git log -p show of it; and branches that edit one map, merged by git
// through bpmap-cli's merge driver.

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
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm merge=bpm\n");
    const std::string exe = fs::canonical(BPM_CLI).string();
    BOOST_TEST(repo.git({"config", "--local", "diff.bpm.command"}).out == exe + " diff --git\n");
    BOOST_TEST(repo.git({"config", "--local", "diff.bpm.textconv"}).out == exe + " diff --textconv\n");
    BOOST_TEST(repo.git({"config", "--local", "merge.bpm.driver"}).out == exe + " merge %O %A %B --name %P\n");
    BOOST_TEST(repo.git({"config", "--local", "merge.bpm.name"}).out == "Buying Process Mapper map\n");
    BOOST_TEST(has(r.out, "*.bpm diff=bpm merge=bpm"), r.out);

    // Twice: nothing more is written.
    r = in_folder(repo.dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "Nothing to change: git already compares and merges .bpm files as maps here.\n");
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm merge=bpm\n");
    BOOST_TEST(repo.git({"config", "--local", "--get-all", "diff.bpm.command"}).out == exe + " diff --git\n");

    // A driver named otherwise (an older bpmap-cli elsewhere) is replaced, not added to.
    BOOST_TEST_REQUIRE(repo.git({"config", "--local", "diff.bpm.command", "/old/bpmap-cli diff --git"}).exit_code == 0);
    r = in_folder(repo.dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(repo.git({"config", "--local", "--get-all", "diff.bpm.command"}).out == exe + " diff --git\n");
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.png binary\n*.bpm diff=bpm merge=bpm\n");

    // A repository set up before the merge driver existed gets the part it lacks.
    test::spit(repo.dir.file(".gitattributes"), "*.bpm diff=bpm\n");
    BOOST_TEST_REQUIRE(repo.git({"config", "--local", "--unset", "merge.bpm.driver"}).exit_code == 0);
    r = in_folder(repo.dir.path(), BPM_CLI, {"git-setup"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(test::slurp(repo.dir.file(".gitattributes")) == "*.bpm diff=bpm\n*.bpm merge=bpm\n");
    BOOST_TEST(repo.git({"config", "--local", "merge.bpm.driver"}).out == exe + " merge %O %A %B --name %P\n");
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

namespace {

// A repository with the first version committed on a branch "base", and two branches from it,
// "ours" and "theirs", each with its version of the map committed; "ours" checked out.
struct branches {
    repository repo;

    branches(const document& ours, const document& theirs) {
        BOOST_TEST_REQUIRE(in_folder(repo.dir.path(), BPM_CLI, {"git-setup"}).exit_code == 0);
        repo.commit(first_version(), "base");
        BOOST_TEST_REQUIRE(repo.git({"branch", "base"}).exit_code == 0);
        BOOST_TEST_REQUIRE(repo.git({"checkout", "-q", "-b", "theirs"}).exit_code == 0);
        repo.commit(theirs, "theirs");
        BOOST_TEST_REQUIRE(repo.git({"checkout", "-q", "-b", "ours", "base"}).exit_code == 0);
        repo.commit(ours, "ours");
    }
    test::run_result merge() const { return repo.git({"merge", "--no-edit", "theirs"}); }
    result<document> map() const { return load_bpm(repo.dir.file("map.bpm")); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(git_merge_merges_disjoint_edits_of_one_map) {
    document ours = first_version(), theirs = first_version();
    ours.personas[0].stages[0].duration = "3-5 weeks";
    std::swap(ours.personas[0].stages[1], ours.personas[0].stages[2]);
    theirs.personas[0].stages[0].key_message = "See it in your own shop";
    theirs.personas[1].status = persona_status::completed;
    theirs.metadata.title = "Q4 plan";
    branches b(ours, theirs);
    const auto r = b.merge();
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.out << r.err);
    const auto merged = b.map();
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    document expected = ours;
    expected.personas[0].stages[0].key_message = "See it in your own shop";
    expected.personas[1].status = persona_status::completed;
    expected.metadata.title = "Q4 plan";
    BOOST_TEST((*merged.value == expected));
    // A merge commit, nothing left to resolve.
    BOOST_TEST(b.repo.git({"status", "--porcelain"}).out == "");
    BOOST_TEST(b.repo.git({"rev-list", "--count", "HEAD"}).out == "4\n");
}

BOOST_AUTO_TEST_CASE(git_merge_keeps_a_comment_from_each_branch) {
    const document base = first_version();
    const auto on = [&](const char* id, const char* author, const char* text) {
        comment c;
        c.id = id;
        c.persona_id = base.personas[0].id;
        c.stage_id = base.personas[0].stages[0].id;
        c.field = "duration";
        c.author = author;
        c.created_at = "2026-11-20T09:15:00Z";
        c.text = text;
        return c;
    };
    document ours = base, theirs = base;
    ours.comments = {on("comment-aaaaaaaaaaaa", "Ana", "Is 2 weeks realistic?")};
    theirs.comments = {on("comment-bbbbbbbbbbbb", "Ben", "Closer to 4 in enterprise.")};
    branches b(ours, theirs);
    const auto r = b.merge();
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.out << r.err);
    const auto merged = b.map();
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    document expected = ours;
    expected.comments.push_back(theirs.comments[0]);
    BOOST_TEST((*merged.value == expected));
    BOOST_TEST(b.repo.git({"status", "--porcelain"}).out == "");
    // git log -p shows the comment the merge brought, as people read it.
    const auto log = b.repo.git({"log", "-p", "-1", "--first-parent", "-m"});
    BOOST_TEST(has(log.out, "comment by Ben: 'Closer to 4 in enterprise.'"), log.out);
}

BOOST_AUTO_TEST_CASE(git_merge_reports_overlapping_edits_and_records_them_in_a_valid_map) {
    document ours = first_version(), theirs = first_version();
    ours.personas[0].stages[0].duration = "3-5 weeks";
    theirs.personas[0].stages[0].duration = "6 weeks";
    theirs.personas[0].profile.role = "Head of E-commerce";
    branches b(ours, theirs);
    const auto r = b.merge();
    BOOST_TEST(r.exit_code != 0);
    BOOST_TEST(has(r.out + r.err, "CONFLICT"), r.out << r.err);
    BOOST_TEST(has(r.err, "map.bpm: 1 conflict"), r.err);
    BOOST_TEST(has(b.repo.git({"status", "--porcelain"}).out, "UU map.bpm"));

    // The file in the working tree is a valid map: ours' value, theirs' change elsewhere, the
    // conflict recorded; no conflict markers.
    const std::string file = b.repo.dir.file("map.bpm");
    BOOST_TEST(!has(test::slurp(file), "<<<<<<<"));
    const auto merged = b.map();
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    BOOST_TEST(merged.value->personas[0].stages[0].duration == "3-5 weeks");
    BOOST_TEST(merged.value->personas[0].profile.role == "Head of E-commerce");
    BOOST_TEST_REQUIRE(merged.value->conflicts.size() == 1u);
    BOOST_TEST(merged.value->conflicts[0].theirs == "6 weeks");

    const auto validate = in_folder(b.repo.dir.path(), BPM_CLI, {"validate", "map.bpm"});
    BOOST_TEST(validate.exit_code == 0, validate.err);
    BOOST_TEST(validate.err == "map.bpm: warning: unresolved conflict: Emma Rodriguez › Awareness › Duration: ours "
                               "'3-5 weeks', theirs '6 weeks'\n");

    // Resolved (here by taking theirs) and committed like any conflict.
    document resolved = *merged.value;
    resolved.personas[0].stages[0].duration = "6 weeks";
    resolved.conflicts.clear();
    BOOST_TEST_REQUIRE(bool(save_bpm(resolved, file)));
    BOOST_TEST(b.repo.git({"add", "map.bpm"}).exit_code == 0);
    BOOST_TEST(b.repo.git({"commit", "-q", "--no-edit"}).exit_code == 0);
    BOOST_TEST(b.repo.git({"status", "--porcelain"}).out == "");
}
