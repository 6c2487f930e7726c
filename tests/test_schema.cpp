#define BOOST_TEST_MODULE schema
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

const std::string schema = std::string(BPM_SOURCE_DIR) + "/resources/schema/bpm-2.xsd";

test::run_result xmllint(const std::string& file) {
    return test::run_program(BPM_XMLLINT, {"--noout", "--nonet", "--schema", schema, file});
}

void expect_valid(const std::string& file) {
    const auto r = xmllint(file);
    BOOST_TEST(r.exit_code == 0, file << ": " << r.err);
    BOOST_TEST(r.err.find("validates") != std::string::npos, r.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_sample_validates_against_the_schema) {
    std::size_t samples = 0;
    for (const auto& entry : fs::directory_iterator(std::string(BPM_SOURCE_DIR) + "/resources/samples")) {
        if (entry.path().extension() != ".bpm") continue;
        expect_valid(entry.path().string());
        ++samples;
    }
    BOOST_TEST(samples >= 2u);
}

BOOST_AUTO_TEST_CASE(every_file_the_writer_produces_validates) {
    test::temp_dir dir;
    document empty;
    document conflicted = test::rich_document();
    merge_conflict duration;
    duration.persona_id = "persona-1";
    duration.stage_id = "stage-1";
    duration.field = "duration";
    duration.ours = "2 weeks";
    merge_conflict category;
    category.persona_id = "persona-1";
    category.pain_point = "Too expensive";
    category.field = "category";
    merge_conflict removed;
    removed.persona_id = "persona-1";
    removed.removed_by = conflict_side::theirs;
    conflicted.conflicts = {duration, category, removed};
    document awkward = test::rich_document();
    awkward.personas[0].stages[0].key_message = std::string("control \x01 chars \x1F dropped") + "\xEF\xBF\xBE";
    document extended = test::rich_document();
    extended.extensions = {{"source", R"({"tool":"crm-sync"})"}, {"notes", "[]"}};
    extended.personas[0].extensions = {{"persona_goals", R"(["Lower CAC by 15%"])"}};
    extended.personas[1].extensions = {{"persona_goals", "null"}};
    extended.personas[0].stages[0].extensions = {{"emotion_score", "2"}, {"touchpoints", R"(["podcast"])"}};
    extended.personas[0].stages[1].extensions = {{"emotion_score", "-1"}};
    const std::pair<const char*, document> documents[] = {
        {"empty.bpm", empty},
        {"rich.bpm", test::rich_document()},
        {"awkward.bpm", awkward},
        {"extended.bpm", extended},
        {"bench.bpm", test::bench_document(5, 12)},
        {"conflicted.bpm", conflicted},
        {"commented.bpm", test::commented_document()},
    };
    for (const auto& [name, doc] : documents) {
        const std::string path = dir.file(name);
        BOOST_TEST_REQUIRE(bool(save_bpm(doc, path)), name);
        expect_valid(path);
    }
}

BOOST_AUTO_TEST_CASE(the_schema_rejects_what_the_reader_rejects) {
    test::temp_dir dir;
    const std::string bad[] = {
        // duplicate stage ids across personas
        "<buying-process-map format-version=\"1\"><personas>"
        "<persona id=\"a\"><name>A</name><status>completed</status><stages><stage id=\"s\"><name>X</name></stage></stages></persona>"
        "<persona id=\"b\"><name>B</name><status>completed</status><stages><stage id=\"s\"><name>Y</name></stage></stages></persona>"
        "</personas></buying-process-map>",
        // unknown status
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><name>A</name><status>done</status></persona>"
        "</personas></buying-process-map>",
        // missing name
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><status>completed</status></persona>"
        "</personas></buying-process-map>",
        // bad timestamp
        "<buying-process-map format-version=\"1\"><metadata><created-at>today</created-at></metadata><personas/>"
        "</buying-process-map>",
        // a journey task's score past Mermaid's 1 to 5, and one without its text
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><name>A</name><status>completed</status>"
        "<stages><stage id=\"s\"><name>X</name><journey><task score=\"6\"><text>T</text></task></journey></stage>"
        "</stages></persona></personas></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><name>A</name><status>completed</status>"
        "<stages><stage id=\"s\"><name>X</name><journey><task score=\"2\"><person>P</person></task></journey>"
        "</stage></stages></persona></personas></buying-process-map>",
        // a conflict about a field no conflict is about
        "<buying-process-map format-version=\"1\"><personas/><conflicts><conflict field=\"colour\"/></conflicts>"
        "</buying-process-map>",
        // a conflict removed by neither side
        "<buying-process-map format-version=\"1\"><personas/><conflicts><conflict persona=\"p\" removed-by=\"both\"/>"
        "</conflicts></buying-process-map>",
        // an extension's key given twice, in the map, a persona, a stage
        "<buying-process-map format-version=\"1\"><personas/><extension key=\"a\">1</extension>"
        "<extension key=\"a\">2</extension></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><name>A</name><status>completed</status>"
        "<extension key=\"x\">1</extension><extension key=\"x\">1</extension></persona></personas></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas><persona id=\"a\"><name>A</name><status>completed</status>"
        "<stages><stage id=\"s\"><name>X</name><extension key=\"x\">1</extension><extension key=\"x\">1</extension>"
        "</stage></stages></persona></personas></buying-process-map>",
        // a comment without its persona, without its text, with a field no comment is about, and two
        // comments (or a comment and a reply) under one id
        "<buying-process-map format-version=\"1\"><personas/><comments><comment id=\"c\"><text>T</text></comment>"
        "</comments></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas/><comments><comment id=\"c\" persona=\"p\"/>"
        "</comments></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas/><comments><comment id=\"c\" persona=\"p\" field=\"colour\">"
        "<text>T</text></comment></comments></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas/><comments><comment id=\"c\" persona=\"p\"><text>T</text>"
        "</comment><comment id=\"c\" persona=\"p\"><text>U</text></comment></comments></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas/><comments><comment id=\"c\" persona=\"p\"><text>T</text>"
        "<reply id=\"c\"><text>U</text></reply></comment></comments></buying-process-map>",
        // an extension without a key
        "<buying-process-map format-version=\"1\"><personas/><extension>1</extension></buying-process-map>",
        "<buying-process-map format-version=\"3\"><personas/></buying-process-map>",
    };
    int i = 0;
    for (const std::string& text : bad) {
        const std::string path = dir.file("bad" + std::to_string(i++) + ".bpm");
        test::spit(path, text);
        BOOST_TEST(xmllint(path).exit_code != 0, text);
        BOOST_TEST(!read_bpm(text), text);
    }
}
