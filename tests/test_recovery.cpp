#define BOOST_TEST_MODULE recovery
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "bpm/bpm_file.h"
#include "bpm/recovery.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

document two_personas() {
    document doc;
    doc.personas.resize(2);
    doc.personas[0].id = "persona-1";
    doc.personas[0].name = "Marketing Director";
    doc.personas[1].id = "persona-2";
    doc.personas[1].name = "CFO";
    return doc;
}

// Writes a copy from a child process that then dies, as a killed editor leaves one.
void write_from_a_process_that_dies(const recovery_folder& folder, const recovery_info& info, const std::string& bytes) {
    const pid_t child = ::fork();
    if (child == 0) {
        const bool ok = bool(folder.write("map-1", info, bytes, 2));
        std::_Exit(ok ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST_REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_copies_of_a_running_editor_are_not_offered_those_of_a_dead_one_are) {
    test::temp_dir dir;
    const recovery_folder folder(dir.path() / "recovery");
    const std::string bytes = write_bpm(two_personas());
    const recovery_info info{dir.file("map.bpm"), "map.bpm", stamp_bytes("what was loaded")};

    BOOST_TEST_REQUIRE(bool(folder.write("map-1", info, bytes, 2)));
    BOOST_TEST(folder.orphans().empty());  // this process runs

    write_from_a_process_that_dies(folder, info, bytes);
    const std::vector<recovery_copy> found = folder.orphans();
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].info.original_path == info.original_path);
    BOOST_TEST(found[0].info.title == "map.bpm");
    BOOST_TEST((found[0].info.original_version == info.original_version));
    BOOST_TEST(found[0].personas == 2u);
    BOOST_TEST(!found[0].written_at.empty());
    const result<document> back = recovery_folder::load(found[0]);
    BOOST_TEST_REQUIRE(bool(back));
    BOOST_TEST((*back.value == two_personas()));

    recovery_folder::discard(found[0]);
    BOOST_TEST(folder.orphans().empty());
    // This process's own copy is still there, and goes when the map is saved or closed.
    BOOST_TEST(std::distance(fs::directory_iterator(folder.folder()), fs::directory_iterator()) == 1);
    folder.remove("map-1");
    BOOST_TEST(fs::is_empty(folder.folder()));
}

BOOST_AUTO_TEST_CASE(copies_are_the_users_alone_and_replace_each_other) {
    test::temp_dir dir;
    const recovery_folder folder(dir.path() / "recovery");
    const recovery_info untitled{"", "Untitled Map", {}};
    BOOST_TEST_REQUIRE(bool(folder.write("map-1", untitled, "first", 0)));
    BOOST_TEST_REQUIRE(bool(folder.write("map-1", untitled, write_bpm(two_personas()), 2)));
    struct stat st {};
    ::stat(folder.folder().c_str(), &st);
    BOOST_TEST((st.st_mode & 0777) == 0700u);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(folder.folder())) {
        ::stat(entry.path().c_str(), &st);
        BOOST_TEST((st.st_mode & 0777) == 0600u);
        ++files;
    }
    BOOST_TEST(files == 1u);
    folder.remove("map-1");
}

BOOST_AUTO_TEST_CASE(broken_or_hostile_copies_are_skipped_or_refused) {
    test::temp_dir dir;
    const fs::path recovery = dir.path() / "recovery";
    fs::create_directories(recovery);
    const std::string map = write_bpm(two_personas());
    test::spit((recovery / "a.bpmrecovery").string(), "{not json\n" + map);
    test::spit((recovery / "b.bpmrecovery").string(), R"({"pid": "seven", "personas": -3})" "\n" + map);
    test::spit((recovery / "c.bpmrecovery").string(), std::string(1 << 20, '{'));
    test::spit((recovery / "d.bpmrecovery").string(), R"({"title": "no line end, no map"})");
    test::spit((recovery / "e.bpmrecovery").string(), "");
    fs::create_directories(recovery / "f.bpmrecovery");
    BOOST_TEST(recovery_folder(recovery).orphans().empty());
    BOOST_TEST(recovery_folder(dir.path() / "nowhere").orphans().empty());

    // A description this program could have written, over a map that is no map: offered, and
    // refused with read_bpm's message when recovered.
    test::spit((recovery / "g.bpmrecovery").string(), R"({"title": "map.bpm", "personas": 2})" "\n<buying-process-map");
    const std::vector<recovery_copy> found = recovery_folder(recovery).orphans();
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(!recovery_folder::load(found[0]));
}

BOOST_AUTO_TEST_CASE(the_state_folder_follows_xdg_state_home) {
    test::temp_dir dir;
    const char* was = std::getenv("XDG_STATE_HOME");
    const std::string saved = was ? was : "";
    ::setenv("XDG_STATE_HOME", dir.path().c_str(), 1);
    BOOST_TEST(user_state_folder() == dir.path() / "bpmap");
    BOOST_TEST(fs::is_directory(dir.path() / "bpmap"));
    if (was) ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
    else ::unsetenv("XDG_STATE_HOME");
}
