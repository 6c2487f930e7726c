#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "largest_map.h"
#include "test_support.h"

using namespace bpm;
using nlohmann::json;

namespace {

document read_ok(const std::string& text) {
    const auto r = read_json(text);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    return *r.value;
}

// A map that loads, with its warnings as "LINE:COL: message".
struct loaded {
    document doc;
    std::vector<std::string> warnings;
};

loaded read_warned(const std::string& text) {
    auto r = read_json(text);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    loaded out{std::move(*r.value), {}};
    for (const diagnostic& d : r.warnings) out.warnings.push_back(d.to_string());
    return out;
}

// JSON to .bpm to JSON, and .bpm to JSON to .bpm: each reads back equal, and the second round
// writes the same bytes as the first.
void survives_both_ways(const document& d) {
    const std::string json = write_json(d), bpm = write_bpm(d);
    const auto from_bpm = read_bpm(bpm);
    BOOST_TEST_REQUIRE(bool(from_bpm), from_bpm.error());
    BOOST_TEST((*from_bpm.value == d));
    BOOST_TEST(write_json(*from_bpm.value) == json);
    const auto from_json = read_json(json);
    BOOST_TEST_REQUIRE(bool(from_json), from_json.error());
    BOOST_TEST((*from_json.value == d));
    BOOST_TEST(write_bpm(*from_json.value) == bpm);
}

std::string first_problem(const std::string& text) {
    const auto r = read_json(text);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(!r.value.has_value());
    return r.error();
}

}  // namespace

BOOST_AUTO_TEST_CASE(export_uses_the_spec_shape) {
    const json j = json::parse(write_json(test::rich_document()));
    BOOST_TEST_REQUIRE(j.contains("buying_process_mappings"));
    const json& p = j["buying_process_mappings"][0];
    BOOST_TEST(p["persona_id"] == "persona-1");
    BOOST_TEST(p["persona_name"] == "Marketing Director");
    BOOST_TEST(p["persona_pain_points"] ==
               "Too expensive; Wastes time on reports; Workflow is too complex; too many tools; No one answers tickets; "
               "Board pressure; Uncategorised point");
    const json& s = p["buying_stages"][0];
    for (const char* key : {"stage_name", "buyer_actions", "duration", "key_influencers", "seller_actions", "content_type",
                            "key_message"})
        BOOST_TEST(s[key].is_string(), key);
    BOOST_TEST(s["duration"] == "1-2 weeks");
    BOOST_TEST(p["ai_generated_summary"] == "Persona: Marketing Director\nAwareness: …");
    BOOST_TEST(p["status"] == "completed");
    BOOST_TEST(p["last_updated_at"] == "2026-11-02T17:30:05.250+02:00");
    BOOST_TEST(p["created_by"] == "Ana Müller");
    // The extras sit under their own keys.
    BOOST_TEST(p["persona_pain_point_details"][0]["category"] == "financial");
    BOOST_TEST(!p["persona_pain_point_details"][5].contains("category"));
    BOOST_TEST(p["persona_profile"]["organisation"] == "Maison Éclat");
    BOOST_TEST(s["stage_id"] == "stage-1");
    BOOST_TEST(p["summary_source"] == "ai");
    BOOST_TEST(j["document_metadata"]["title"] == "Q3 go-to-market <draft> & notes");
    // A persona without a summary leaves the optional key out, as the spec marks it optional.
    BOOST_TEST(!j["buying_process_mappings"][1].contains("ai_generated_summary"));
}

BOOST_AUTO_TEST_CASE(export_then_import_gives_the_same_document) {
    const document d = test::rich_document();
    BOOST_TEST((read_ok(write_json(d)) == d));
}

BOOST_AUTO_TEST_CASE(json_to_bpm_to_json_is_lossless) {
    const std::string original = test::slurp(test::data("spec-shaped.json"));
    const document imported = read_ok(original);
    const std::string first_export = write_json(imported);
    const auto reloaded = read_bpm(write_bpm(imported));
    BOOST_TEST_REQUIRE(bool(reloaded), reloaded.error());
    BOOST_TEST(write_json(*reloaded.value) == first_export);

    // Every value of the spec's fields comes out as it went in.
    const json in = json::parse(original)["buying_process_mappings"];
    const json out = json::parse(first_export)["buying_process_mappings"];
    for (std::size_t i = 0; i < in.size(); ++i)
        for (const auto& [key, value] : in[i].items()) {
            if (key == "some_future_field") continue;
            BOOST_TEST_REQUIRE(out[i].contains(key), key);
            if (key != "buying_stages") {
                BOOST_TEST(out[i][key] == value, key);
                continue;
            }
            BOOST_TEST_REQUIRE(out[i][key].size() == value.size());
            for (std::size_t k = 0; k < value.size(); ++k)
                for (const auto& [field, text] : value[k].items()) BOOST_TEST(out[i][key][k][field] == text, field);
        }
}

BOOST_AUTO_TEST_CASE(import_keeps_what_it_is_given_and_generates_only_missing_ids) {
    const document d = read_ok(test::slurp(test::data("spec-shaped.json")));
    BOOST_TEST_REQUIRE(d.personas.size() == 2u);
    const persona& a = d.personas[0];
    BOOST_TEST(a.id == "sbo-001");
    BOOST_TEST((a.status == persona_status::completed));
    BOOST_TEST(a.last_updated_at == "2026-10-01T12:00:00Z");
    BOOST_TEST(a.created_by == "Dana");
    BOOST_TEST_REQUIRE(a.pain_points.size() == 2u);
    BOOST_TEST(a.pain_points[1].text == "Lacks IT support");
    BOOST_TEST_REQUIRE(a.summary.has_value());
    BOOST_TEST((a.summary->source == summary_source::ai));
    BOOST_TEST(a.stages[1].key_message == "Affordable");

    const persona& b = d.personas[1];
    BOOST_TEST(b.id == "persona-1");
    BOOST_TEST(a.stages[0].id == "stage-1");
    BOOST_TEST(a.stages[1].id == "stage-2");
    BOOST_TEST(b.stages[0].id == "stage-3");
    BOOST_TEST(b.pain_points.empty());
    BOOST_TEST(!b.summary.has_value());
}

BOOST_AUTO_TEST_CASE(thousands_of_missing_ids_and_pain_points_are_read_in_one_pass) {
    // Each missing id follows the highest in use, repeated pain points are dropped from a string an
    // older tool edited and categories found by text, without searching everything read so far
    // for each one.
    const std::size_t count = 30000;
    std::string stages = "{\"stage_id\": \"stage-41\"}", unique, repeated, details;
    for (std::size_t i = 0; i < 2 * count; ++i) {
        stages += ",{}";
        const std::string text = "point " + std::to_string(i % count);
        if (i < count) unique += (i ? "; " : "") + text;
        repeated += (i ? "; " : "") + text;
        details += std::string(i ? "," : "") + "{\"text\": \"" + text + "\", \"category\": \"process\"}";
    }
    // A's pain points string matches its details (which repeat each point): they are its points as
    // they are. B's string was edited by an older tool: it wins, and the details give categories.
    const document d = read_ok("{\"buying_process_mappings\": [{\"persona_name\": \"A\", \"persona_pain_points\": \"" +
                               repeated + "\", \"persona_pain_point_details\": [" + details + "], \"buying_stages\": [" +
                               stages + "]}, {\"persona_name\": \"B\", \"persona_pain_points\": \"" + unique +
                               "\", \"persona_pain_point_details\": [" + details + "]}]}");
    const persona& a = d.personas.at(0);
    BOOST_TEST(a.id == "persona-1");
    BOOST_TEST_REQUIRE(a.stages.size() == 2 * count + 1);
    BOOST_TEST(a.stages[1].id == "stage-42");
    BOOST_TEST(a.stages.back().id == "stage-" + std::to_string(41 + 2 * count));
    BOOST_TEST(a.pain_points.size() == 2 * count);
    const persona& b = d.personas.at(1);
    BOOST_TEST_REQUIRE(b.pain_points.size() == count);
    BOOST_TEST(b.pain_points.back().text == "point " + std::to_string(count - 1));
    BOOST_TEST((b.pain_points.back().category == pain_category::process));
    BOOST_TEST(d.personas.at(1).id == "persona-2");
}

BOOST_AUTO_TEST_CASE(pain_points_over_a_megabyte_in_all_survive_json) {
    // Each pain point is a field of at most max_field_bytes; the joined string holds them all.
    document d = test::rich_document();
    d.personas[0].pain_points = {{std::string(max_field_bytes, 'a'), pain_category::financial},
                                 {std::string(max_field_bytes, 'b'), pain_category::none}};
    BOOST_TEST((read_ok(write_json(d)) == d));

    // Split from the string alone, a point is still held to the limit.
    const std::string big(max_field_bytes + 1, 'x');
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "persona_pain_points": "short; )" +
                             big + "\"}]}") ==
               "1:52: $.buying_process_mappings[0].persona_pain_points: 1048577 bytes of text, more than the 1 MB limit "
               "for one field");
}

BOOST_AUTO_TEST_CASE(pain_point_categories_follow_the_text_when_an_older_tool_edited_the_string) {
    const document d = read_ok(R"({"buying_process_mappings": [{
        "persona_name": "X",
        "persona_pain_points": "Too slow; Brand new point; Too expensive",
        "persona_pain_point_details": [{"text": "Too expensive", "category": "financial"},
                                       {"text": "Too slow", "category": "productivity"},
                                       {"text": "Dropped point", "category": "support"}]}]})");
    const auto& pp = d.personas[0].pain_points;
    BOOST_TEST_REQUIRE(pp.size() == 3u);
    BOOST_TEST(pp[0].text == "Too slow");
    BOOST_TEST((pp[0].category == pain_category::productivity));
    BOOST_TEST((pp[1].category == pain_category::none));
    BOOST_TEST((pp[2].category == pain_category::financial));
}

BOOST_AUTO_TEST_CASE(malformed_json_is_located) {
    BOOST_TEST(first_problem("{\n  \"buying_process_mappings\": [\n    {\"persona_name\": \"A\",}\n  ]\n}")
                   .rfind("3:26: not valid JSON:", 0) == 0u);
    BOOST_TEST(first_problem("").find("not valid JSON") != std::string::npos);
    BOOST_TEST(first_problem("{\"buying_process_mappings\": [{\"persona_name\": \"Caf\xE9\"}]}") ==
               "1:51: invalid UTF-8 byte sequence; the file must be saved as UTF-8");
    BOOST_TEST(first_problem("{\"buying_process_mappings\": nope}") ==
               "1:30: not valid JSON: syntax error while parsing value - invalid literal");
}

BOOST_AUTO_TEST_CASE(any_number_json_allows_loads_or_gets_a_located_error) {
    // Too large for a double: nlohmann threw it past the parse error handler and the CLI aborted.
    BOOST_TEST(first_problem(test::slurp(test::data("30-json-number-overflow.json"))) ==
               "1:1: not valid JSON: number overflow parsing '1e999'");
    BOOST_TEST(first_problem("{\"buying_process_mappings\": [{\"persona_name\": \"A\", \"x\": -1e400}]}") ==
               "1:57: not valid JSON: number overflow parsing '-1e400'");
    // Large integers and tiny doubles are numbers JSON allows; an unknown key holding one is fine.
    const auto big = read_json("{\"buying_process_mappings\": [{\"persona_name\": \"A\", "
                               "\"x\": 123456789012345678901234567890, \"y\": 1e-400}]}");
    BOOST_TEST(bool(big), big.error());
}

BOOST_AUTO_TEST_CASE(characters_xml_cannot_hold_are_refused_where_they_are) {
    // Found by fuzzing: "\f" in a name loaded, and the .bpm written from it read back without it.
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "store\fmanager"}]})") ==
               "1:31: $.buying_process_mappings[0].persona_name: the character U+000C cannot be kept: a map is saved as "
               "XML, which does not allow it");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{"duration": "\u0000"}]}]})") ==
               "1:71: $.buying_process_mappings[0].buying_stages[0].duration: the character U+0000 cannot be kept: a "
               "map is saved as XML, which does not allow it");
    BOOST_TEST(first_problem("{\"buying_process_mappings\": [], \"document_metadata\": {\"title\": \"\xEF\xBF\xBF\"}}") ==
               "1:55: $.document_metadata.title: the character U+FFFF cannot be kept: a map is saved as XML, which does "
               "not allow it");
    // Tab, line feed and carriage return are text.
    BOOST_TEST(read_ok(R"({"buying_process_mappings": [{"persona_name": "a\tb\nc\rd"}]})").personas.at(0).name ==
               "a\tb\nc\rd");
}

BOOST_AUTO_TEST_CASE(whatever_loads_saves_as_json_and_as_bpm_to_an_equal_document) {
    // The JSON fuzz target's property, over its seeds (tests/fuzz/corpus/json_import: tests/data,
    // the shared cases and the inputs fuzzing found), so the normal suite keeps them too.
    std::size_t loaded = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(BPM_SOURCE_DIR) / "tests/fuzz/corpus/json_import")) {
        const std::string name = entry.path().filename().string();
        const auto doc = read_json(test::slurp(entry.path().string()));
        if (!doc) continue;
        ++loaded;
        const std::string json = write_json(*doc.value);
        const auto again = read_json(json);
        BOOST_TEST_REQUIRE(bool(again), name << ": " << again.error());
        BOOST_TEST((*again.value == *doc.value), name);
        BOOST_TEST(write_json(*again.value) == json, name);
        const auto via_bpm = read_bpm(write_bpm(*doc.value));
        BOOST_TEST_REQUIRE(bool(via_bpm), name << ": " << via_bpm.error());
        BOOST_TEST((*via_bpm.value == *doc.value), name);
    }
    BOOST_TEST(loaded >= 3u);
}

BOOST_AUTO_TEST_CASE(wrong_types_name_their_json_path_and_place) {
    BOOST_TEST(first_problem("\n  7") ==
               "2:3: $: expected an object with \"buying_process_mappings\", or an array of mappings, found a number");
    BOOST_TEST(first_problem("{\"personas\": []}") ==
               "1:1: $: missing \"buying_process_mappings\": this is not a buying process JSON file");
    BOOST_TEST(first_problem("{\"buying_process_mappings\": {}}") ==
               "1:2: $.buying_process_mappings: expected an array, found an object");
    // The lists of conflicts and comments too, rather than leaving them out without a word.
    BOOST_TEST(first_problem("{\"buying_process_mappings\": [],\n \"bpmap_comments\": {\"a\": 1}}") ==
               "2:2: $.bpmap_comments: expected an array, found an object");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": "none"})") ==
               "1:33: $.merge_conflicts: expected an array, found a string");
    BOOST_TEST(bool(read_json(R"({"buying_process_mappings": [], "bpmap_comments": null, "merge_conflicts": []})")));
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": 5}]})") ==
               "1:31: $.buying_process_mappings[0].persona_name: expected a string, found a number");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{"duration": ["2 weeks"]}]}]})") ==
               "1:71: $.buying_process_mappings[0].buying_stages[0].duration: expected a string, found an array");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "status": "maybe"}]})") ==
               "1:52: $.buying_process_mappings[0].status: \"maybe\" is not one of in_progress, completed");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "last_updated_at": "monday"}]})") ==
               "1:52: $.buying_process_mappings[0].last_updated_at: \"monday\" is not an ISO 8601 date and time such as "
               "2026-11-21T09:30:00Z");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_id": "x"}]})") ==
               "1:30: $.buying_process_mappings[0]: missing \"persona_name\"");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "persona_id": "x"},
    {"persona_name": "B", "persona_id": "x"}]})") ==
               "2:27: $.buying_process_mappings[1].persona_id: duplicate id \"x\" (also at "
               "$.buying_process_mappings[0].persona_id)");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [7]})") ==
               "1:30: $.buying_process_mappings[0]: expected an object, found a number");
}

BOOST_AUTO_TEST_CASE(a_flood_of_problems_lists_fifty_and_counts_the_rest) {
    std::string sevens = "7";
    for (int i = 1; i < 100000; ++i) sevens += ",7";
    const auto r = read_json("{\"buying_process_mappings\": [" + sevens + "]}");
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST_REQUIRE(r.problems.size() == max_reported_problems + 1);
    BOOST_TEST(r.problems[49].to_string() == "1:128: $.buying_process_mappings[49]: expected an object, found a number");
    BOOST_TEST(r.problems.back().to_string() == "and 99950 more problems");
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_the_budget_is_refused_where_it_passes_it) {
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    // 256 levels in all are read, wherever they are; the 257th bracket is the error.
    const std::string prefix = "{\"buying_process_mappings\": [], \"notes\": ";
    BOOST_TEST(bool(read_json(prefix + nested(max_json_depth - 1) + "}")));
    BOOST_TEST(first_problem(prefix + nested(max_json_depth) + "}") ==
               "1:" + std::to_string(prefix.size() + max_json_depth) + ": not valid JSON: nested more than 256 levels deep");
    BOOST_TEST(first_problem("{\n\"buying_process_mappings\": [{\"persona_name\": " + nested(300) + "}]}") ==
               "2:299: not valid JSON: nested more than 256 levels deep");
    // Brackets in strings are text.
    const document d = read_ok("{\"buying_process_mappings\": [{\"persona_name\": \"" + nested(300) + "\\\"[\"}]}");
    BOOST_TEST(d.personas.at(0).name == nested(300) + "\"[");
    // 60 MB of nesting under a key the reader does not use (it took 14 s and 2.3 GB when the whole
    // tree was built) stops at the budget.
    BOOST_TEST(first_problem(prefix + nested(30 << 20) + "}").find("nested more than 256 levels deep") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(what_the_reader_does_not_use_is_read_and_let_go) {
    // Unknown keys, whatever they hold, change nothing; a value of the wrong kind is named, its
    // inside not read.
    std::string arrays = "[]";
    for (int i = 1; i < 100000; ++i) arrays += ",[]";
    const document d = read_ok(R"({"buying_process_mappings": [{"persona_name": "A", "notes": {"x": [)" + arrays +
                               R"(]}, "buying_stages": [{"stage_name": "S", "mood": [[1], {"a": 2}]}]}], "extra": [)" +
                               arrays + "]}");
    BOOST_TEST(d.personas.at(0).stages.at(0).name == "S");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": [[[1, 2], {"a": "b"}]]}]})") ==
               "1:31: $.buying_process_mappings[0].persona_name: expected a string, found an array");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": {"a": [1]}}]})") ==
               "1:31: $.buying_process_mappings[0].persona_name: expected a string, found an object");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "persona_profile": [{}]}]})") ==
               "1:52: $.buying_process_mappings[0].persona_profile: expected an object, found an array");
    const auto r = read_json("{\"buying_process_mappings\": [" + arrays + "]}");
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.problems.front().to_string() == "1:30: $.buying_process_mappings[0]: expected an object, found an array");
    BOOST_TEST(r.problems.back().to_string() == "and 99950 more problems");
}

BOOST_AUTO_TEST_CASE(lists_are_read_item_by_item_in_the_files_order) {
    // Stages, details and personas are taken as each ends: their paths count every item, a list
    // given twice counts as its last, and keys may come in any order.
    const document d = read_ok(R"({"document_metadata": {"title": "T"}, "buying_process_mappings": [
        {"buying_stages": [{"stage_name": "old"}], "persona_pain_point_details": [{"text": "old"}],
         "buying_stages": [{"stage_name": "S1"}, {"stage_name": "S2", "stage_id": "stage-9"}],
         "persona_pain_point_details": [{"text": "P1", "category": "financial"}, {"text": "P1"}, {"text": ""}],
         "persona_pain_points": "P1", "persona_name": "A"},
        {"persona_name": "B", "persona_pain_points": "Q"}]})");
    BOOST_TEST(d.metadata.title == "T");
    BOOST_TEST_REQUIRE(d.personas.size() == 2u);
    const persona& a = d.personas[0];
    BOOST_TEST_REQUIRE(a.stages.size() == 2u);
    BOOST_TEST(a.stages[0].name == "S1");
    BOOST_TEST(a.stages[0].id == "stage-10");
    BOOST_TEST_REQUIRE(a.pain_points.size() == 1u);
    BOOST_TEST((a.pain_points[0].category == pain_category::financial));
    BOOST_TEST(d.personas[1].pain_points.at(0).text == "Q");
    BOOST_TEST(d.personas[1].stages.empty());
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A"}, {"persona_name": "B",
        "buying_stages": [{}, 7]}]})") ==
               "2:31: $.buying_process_mappings[1].buying_stages[1]: expected an object, found a number");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "persona_pain_point_details":
        [{"text": "x"}, {"text": "y", "category": "money"}]}]})") ==
               "2:39: $.buying_process_mappings[0].persona_pain_point_details[1].category: \"money\" is not one of "
               "financial, productivity, process, support, other");
}

BOOST_AUTO_TEST_CASE(huge_fields_and_documents_are_refused) {
    const std::string big(max_field_bytes + 1, 'x');
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": ")" + big + "\"}]}") ==
               "1:31: $.buying_process_mappings[0].persona_name: 1048577 bytes of text, more than the 1 MB limit for one "
               "field");
    std::string huge = "{\"buying_process_mappings\": []}";
    huge.append(max_document_bytes, ' ');
    BOOST_TEST(first_problem(huge).find("larger than the 64 MB limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_largest_map_that_loads_from_json_is_saved_as_bpm_and_read_back) {
    const document largest = test::largest_map();
    const document imported = read_ok(test::compact_json(largest));
    BOOST_TEST((imported == largest));
    const std::string bpm_bytes = write_bpm(imported);
    BOOST_TEST(bpm_bytes.size() <= max_document_bytes);
    const auto reloaded = read_bpm(bpm_bytes);
    BOOST_TEST_REQUIRE(bool(reloaded), reloaded.error());
    BOOST_TEST((*reloaded.value == largest));
    // And as JSON, indented, which takes more room than .bpm.
    const std::string json_bytes = write_json(*reloaded.value);
    BOOST_TEST(json_bytes.size() <= max_document_bytes);
    BOOST_TEST((read_ok(json_bytes) == largest));
}

BOOST_AUTO_TEST_CASE(json_over_the_content_limit_is_refused_where_it_passes_it) {
    // Counted in the file's order: here the metadata, after the personas, takes the map over.
    document over = test::largest_map();
    over.metadata.title += 'x';
    const std::string metadata_last = test::compact_json(over);
    // Placed where the metadata's object opens.
    const std::size_t brace = metadata_last.find("\"document_metadata\":{") + std::string("\"document_metadata\":").size();
    BOOST_TEST(first_problem(metadata_last) == "1:" + std::to_string(brace + 1) +
                                                  ": $.document_metadata: the map holds 65 MB of content; the limit is "
                                                  "64 MB, first passed here");
    // With the metadata first, the last persona does.
    const std::size_t meta = metadata_last.find(",\"document_metadata\":");
    const std::string metadata_first = "{" + metadata_last.substr(meta + 1, metadata_last.size() - meta - 2) + "," +
                                       metadata_last.substr(1, meta - 1) + "}";
    BOOST_TEST(first_problem(metadata_first).find(": $.buying_process_mappings[3]: the map holds 65 MB of content; the limit "
                                                  "is 64 MB, first passed here") != std::string::npos);

    // Ids the reader makes up take room too: "stage-123456" where the map had "AbC".
    document without_ids = test::largest_map(4, 1 << 20);
    for (persona& p : without_ids.personas)
        for (stage& s : p.stages) s.id.clear();
    const std::string problem = first_problem(test::compact_json(without_ids));
    BOOST_TEST(problem.rfind("$.buying_process_mappings[", 0) == 0u, problem);  // ids are made once all is read
    BOOST_TEST(problem.find("].buying_stages[") != std::string::npos, problem);
    BOOST_TEST(problem.find("]: the map holds 66 MB of content; the limit is 64 MB") != std::string::npos, problem);
}

BOOST_AUTO_TEST_CASE(the_eight_persona_sample_survives_json) {
    const auto doc = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(doc));
    BOOST_TEST((read_ok(write_json(*doc.value)) == *doc.value));
}

namespace {

// What a progress_fn was told, in order; it asks to stop after `allowed` calls.
struct told_progress {
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::size_t allowed = static_cast<std::size_t>(-1);
    progress_fn fn() {
        return [this](std::size_t done, std::size_t total) {
            calls.emplace_back(done, total);
            return calls.size() < allowed;
        };
    }
    // Rising to total and never past it.
    bool rises_to_the_whole() const {
        for (std::size_t i = 0; i < calls.size(); ++i)
            if (calls[i].first > calls[i].second || (i > 0 && calls[i].first < calls[i - 1].first)) return false;
        return !calls.empty() && calls.back().first == calls.back().second;
    }
};

std::size_t files_in(const std::filesystem::path& folder) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reading_json_tells_its_progress_and_a_cancel_leaves_no_document) {
    const document d = test::bench_document(100, 12);
    const std::string text = write_json(d);
    told_progress told;
    BOOST_TEST_REQUIRE(bool(read_json(text, told.fn())));
    BOOST_TEST(told.rises_to_the_whole());
    // Told as the text is read, every 64 KiB: the personas are read as they are parsed.
    BOOST_TEST(told.calls.size() >= text.size() / (64 * 1024));

    // Cancelled at the start and near the end: no document and nothing to report.
    for (std::size_t allowed : {std::size_t{1}, told.calls.size() - 5}) {
        told_progress stop;
        stop.allowed = allowed;
        const auto cancelled = read_json(text, stop.fn());
        BOOST_TEST(!cancelled);
        BOOST_TEST(cancelled.was_cancelled());
        BOOST_TEST(cancelled.problems.empty());
        BOOST_TEST(stop.calls.size() == allowed);
    }
}

BOOST_AUTO_TEST_CASE(saving_json_tells_its_progress_and_a_cancel_leaves_the_old_file_alone) {
    const document d = test::bench_document(20, 3);
    test::temp_dir dir;
    const std::string path = dir.file("map.json");
    told_progress told;
    BOOST_TEST_REQUIRE(bool(save_json(d, path, told.fn())));
    // Once per persona, then once the text is ready.
    BOOST_TEST(told.calls.size() == d.personas.size() + 1);
    BOOST_TEST(told.rises_to_the_whole());
    BOOST_TEST(test::slurp(path) == write_json(d));

    told_progress stop;
    stop.allowed = 3;
    const auto cancelled = save_json(test::bench_document(20, 4), path, stop.fn());
    BOOST_TEST(cancelled.was_cancelled());
    BOOST_TEST(test::slurp(path) == write_json(d));
    BOOST_TEST(save_json(d, dir.file("new.json"), stop.fn()).was_cancelled());
    BOOST_TEST(files_in(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(journey_tasks_are_read_and_a_bad_one_is_located) {
    const std::string start =
        R"({"buying_process_mappings": [{"persona_name": "P", "buying_stages": [{"stage_name": "S", "journey_tasks": )";
    const std::string path = "$.buying_process_mappings[0].buying_stages[0].journey_tasks";
    const std::pair<std::string, std::string> bad[] = {
        {R"([{"text": "T", "score": 0}])", path + "[0].score: 0 is not a whole number from 1 to 5"},
        {R"([{"text": "T", "score": 2.5}])", path + "[0].score: 2.5 is not a whole number from 1 to 5"},
        {R"([{"text": "T", "score": "3"}])", path + "[0].score: a string is not a whole number from 1 to 5"},
        {R"([{"text": "T"}])", path + "[0]: missing \"score\""},
        {R"([{"score": 1}])", path + "[0]: missing \"text\""},
        {R"([{"text": "T", "score": 1}, {"text": "T", "score": 1, "people": ["A", 2]}])",
         path + "[1].people[1]: expected a string, found a number"},
        {R"([{"text": "T", "score": 1, "people": "A"}])", path + "[0].people: expected an array, found a string"},
        {R"("tasks")", path + ": expected an array, found a string"},
    };
    for (const auto& [tasks, problem] : bad) {
        const auto r = read_json(start + tasks + "}]}]}");
        BOOST_TEST_REQUIRE(!r.problems.empty(), tasks);
        BOOST_TEST(r.problems.front().message == problem, tasks);
        BOOST_TEST(r.problems.front().line == 1u, tasks);  // where the task, or its member, is
    }
    const document d = read_ok(start + R"([{"text": "T", "score": 5, "people": ["A", "B"]}, {"text": "U", "score": 1}])" +
                               "}]}]}");
    BOOST_TEST((d.personas[0].stages[0].journey == std::vector<journey_task>{{"T", 5, {"A", "B"}}, {"U", 1, {}}}));
    // Written back under the stage, with its people even when there are none.
    const json written = json::parse(write_json(d));
    BOOST_TEST(written["buying_process_mappings"][0]["buying_stages"][0]["journey_tasks"] ==
               json::parse(R"([{"text": "T", "score": 5, "people": ["A", "B"]}, {"text": "U", "score": 1, "people": []}])"));
}

BOOST_AUTO_TEST_CASE(merge_conflicts_go_under_their_own_key_and_come_back) {
    document d = test::rich_document();
    merge_conflict duration;
    duration.persona_id = "persona-1";
    duration.stage_id = "stage-1";
    duration.field = "duration";
    duration.base = "1-2 weeks";
    duration.ours = "2 weeks";
    duration.theirs = "3 weeks";
    merge_conflict removed;
    removed.persona_id = "persona-1";
    removed.pain_point = "Too expensive";
    removed.removed_by = conflict_side::theirs;
    d.conflicts = {duration, removed};
    const json j = json::parse(write_json(d));
    BOOST_TEST(j["merge_conflicts"] == json::parse(R"([
        {"persona_id": "persona-1", "stage_id": "stage-1", "field": "duration",
         "base": "1-2 weeks", "ours": "2 weeks", "theirs": "3 weeks"},
        {"persona_id": "persona-1", "pain_point": "Too expensive", "removed_by": "theirs"}])"));
    BOOST_TEST((read_ok(write_json(d)) == d));
    BOOST_TEST(!json::parse(write_json(test::rich_document())).contains("merge_conflicts"));

    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": [{"field": "colour"}]})") ==
               "1:53: $.merge_conflicts[0]: \"colour\" is not a field that a conflict can be about here");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": [{"persona_id": "p", "removed_by": "me"}]})") ==
               "1:73: $.merge_conflicts[0].removed_by: \"me\" is not one of ours, theirs");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": [{"field": "title", "ours": 3}]})") ==
               "1:72: $.merge_conflicts[0].ours: expected a string, found a number");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": [7]})") ==
               "1:53: $.merge_conflicts[0]: expected an object, found a number");
}

BOOST_AUTO_TEST_CASE(comments_go_under_their_own_key_and_come_back_exactly) {
    const document d = test::commented_document();
    const json j = json::parse(write_json(d));
    BOOST_TEST(j["bpmap_comments"][0] == json::parse(R"({
        "id": "comment-0a1b2c3d4e5f", "persona_id": "persona-1", "stage_id": "stage-1", "field": "duration",
        "author": "Ana Müller", "created_at": "2026-11-20T09:15:00Z", "text": "Is 2 weeks realistic?",
        "resolved": false, "replies": [
            {"id": "comment-111111111111", "author": "Ben", "created_at": "2026-11-20T10:00:00Z",
             "text": "Closer to 4 in enterprise."},
            {"id": "comment-222222222222", "author": "", "created_at": "", "text": "Agreed — 3-5 weeks."}]})"));
    BOOST_TEST(j["bpmap_comments"][2]["resolved"] == true);
    BOOST_TEST(j["bpmap_comments"][3]["stage_id"] == "");
    BOOST_TEST(!json::parse(write_json(test::rich_document())).contains("bpmap_comments"));
    survives_both_ways(d);
    // A conflict about a comment's text names the comment.
    document conflicted = d;
    merge_conflict text;
    text.persona_id = "persona-1";
    text.field = "text";
    text.comment_id = "comment-444444444444";
    text.ours = "Title";
    conflicted.conflicts = {text};
    BOOST_TEST(json::parse(write_json(conflicted))["merge_conflicts"][0]["comment_id"] == "comment-444444444444");
    survives_both_ways(conflicted);
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "merge_conflicts": [{"persona_id": "p",
        "comment_id": "c", "field": "role"}]})") == "1:53: $.merge_conflicts[0]: a conflict about a comment is about its text");
}

BOOST_AUTO_TEST_CASE(comments_in_json_are_read_forgivingly_where_nothing_is_lost) {
    // Without ids, each comment and reply gets one; a time written another way is normalised; a
    // comment about a persona the map lacks is kept with a warning.
    const loaded r = read_warned(R"({"buying_process_mappings": [{"persona_id": "p1", "persona_name": "Emma"}],
        "bpmap_comments": [{"persona_id": "p1", "text": "Hi", "created_at": "2026-11-20 09:15",
                            "replies": [{"text": "Yes"}, {"text": "No", "author": "Ben"}]},
                           {"persona_id": "p9", "text": "Who?", "resolved": true}]})");
    BOOST_TEST_REQUIRE(r.doc.comments.size() == 2u);
    const comment& c = r.doc.comments[0];
    BOOST_TEST(is_valid_id(c.id));
    BOOST_TEST(c.created_at == "2026-11-20T09:15:00Z");
    BOOST_TEST_REQUIRE(c.replies.size() == 2u);
    BOOST_TEST(c.replies[1].author == "Ben");
    BOOST_TEST(c.replies[0].id != c.replies[1].id);
    BOOST_TEST(c.replies[0].id != c.id);
    BOOST_TEST(r.doc.comments[1].resolved);
    BOOST_TEST_REQUIRE(r.warnings.size() == 2u);
    BOOST_TEST(r.warnings[1] ==
               "4:28: $.bpmap_comments[1]: a comment about persona \"p9\", which the map does not have: kept as it is");
    survives_both_ways(r.doc);

    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"text": "Hi"}]})") ==
               "1:52: $.bpmap_comments[0]: a comment must name the persona it is about");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"persona_id": "p", "text": "Hi",
        "stage_id": "s", "field": "role"}]})") ==
               "1:52: $.bpmap_comments[0]: \"role\" is not a field that a comment can be about here");
    // A text of white space alone is no text, for a comment and for a reply, as in the editor.
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"persona_id": "p", "text": " \n "}]})") ==
               "1:52: $.bpmap_comments[0]: a comment has no text");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"persona_id": "p", "text": "Hi",
        "replies": [{"text": "Yes"}, {"text": ""}]}]})") == "2:38: $.bpmap_comments[0].replies[1]: a reply has no text");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"persona_id": "p", "text": "Hi",
        "replies": [{"text": "\t"}]}]})") == "2:21: $.bpmap_comments[0].replies[0]: a reply has no text");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"persona_id": "p", "text": "Hi",
        "resolved": "yes"}]})") == "2:9: $.bpmap_comments[0].resolved: expected true or false, found a string");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "bpmap_comments": [{"id": "c", "persona_id": "p",
        "text": "Hi", "replies": [{"id": "c", "text": "again"}]}]})") ==
               "1:53: $.bpmap_comments[0].id: duplicate id \"c\" (also at $.bpmap_comments[0].replies[0].id)");
}

BOOST_AUTO_TEST_CASE(pain_points_given_as_an_array_are_the_persona_s_points) {
    // Case 01: an array of strings reads as if joined by "; ", without a word.
    const loaded l = read_warned(test::slurp(test::data("pain-points-array.json")));
    BOOST_TEST(l.warnings.empty());
    const persona& p = l.doc.personas.at(0);
    BOOST_TEST(p.pain_points_text() ==
               "Rota changes still done on paper; Two systems, neither talks to payroll; Budget approved only once a year");
    BOOST_TEST_REQUIRE(p.pain_points.size() == 3u);
    BOOST_TEST((p.pain_points[0].category == pain_category::none));
    survives_both_ways(l.doc);

    // Objects with a category (in any case), points holding "; ", blanks and nulls, and a repeat.
    const loaded mixed = read_warned(R"({"buying_process_mappings": [{"persona_name": "A", "persona_pain_points": [
        {"text": "Too expensive", "category": "Financial"}, " Slow; clumsy ", "", null, {"text": "Tickets", "category": null},
        "Too expensive"]}]})");
    const auto& pp = mixed.doc.personas.at(0).pain_points;
    BOOST_TEST_REQUIRE(pp.size() == 3u);
    BOOST_TEST(pp[0].text == "Too expensive");
    BOOST_TEST((pp[0].category == pain_category::financial));
    BOOST_TEST(pp[1].text == "Slow; clumsy");
    BOOST_TEST((pp[2].category == pain_category::none));
    BOOST_TEST(mixed.warnings ==
               std::vector<std::string>{"3:9: $.buying_process_mappings[0].persona_pain_points[5]: \"Too expensive\" is "
                                        "given twice: kept once"});
    survives_both_ways(mixed.doc);

    // Categories from the details still apply to points given as strings.
    const loaded with_details = read_warned(R"({"buying_process_mappings": [{"persona_name": "A",
        "persona_pain_points": ["Slow"], "persona_pain_point_details": [{"text": "Slow", "category": "productivity"}]}]})");
    BOOST_TEST((with_details.doc.personas.at(0).pain_points.at(0).category == pain_category::productivity));

    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "persona_pain_points": ["a", 5]}]})") ==
               "1:81: $.buying_process_mappings[0].persona_pain_points[1]: expected a string or an object with "
               "\"text\", found a number");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A",
        "persona_pain_points": [{"text": "a", "category": "budget"}]}]})") ==
               "2:47: $.buying_process_mappings[0].persona_pain_points[0].category: \"budget\" is not one of financial, "
               "productivity, process, support, other");
}

BOOST_AUTO_TEST_CASE(list_like_stage_fields_given_as_arrays_are_joined_with_a_warning) {
    const loaded l = read_warned(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{
        "stage_name": "Awareness",
        "buyer_actions": ["Reads reviews", "Asks peers"],
        "key_influencers": ["CFO", "", null, "Head of IT"],
        "seller_actions": ["Guest article"],
        "content_type": ["Webinar", "Case study", "Pricing sheet"],
        "key_message": ["Set up in a day", "No IT needed"]}]}]})");
    const stage& s = l.doc.personas.at(0).stages.at(0);
    BOOST_TEST(s.buyer_actions == "Reads reviews; Asks peers");
    BOOST_TEST(s.key_influencers == "CFO, Head of IT");
    BOOST_TEST(s.seller_actions == "Guest article");
    BOOST_TEST(s.content_type == "Webinar, Case study, Pricing sheet");
    BOOST_TEST(s.key_message == "Set up in a day; No IT needed");
    const std::string stage_path = "$.buying_process_mappings[0].buying_stages[0]";
    BOOST_TEST(l.warnings == (std::vector<std::string>{
                                 "3:9: " + stage_path + ".buyer_actions: 2 texts given as a list: joined with \"; \"",
                                 "4:9: " + stage_path + ".key_influencers: 2 texts given as a list: joined with \", \"",
                                 "6:9: " + stage_path + ".content_type: 3 texts given as a list: joined with \", \"",
                                 "7:9: " + stage_path + ".key_message: 2 texts given as a list: joined with \"; \""}));
    survives_both_ways(l.doc);

    // A name and a duration are one text each; an item must be text.
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{"stage_name": ["A", "B"]}]}]})") ==
               "1:71: $.buying_process_mappings[0].buying_stages[0].stage_name: expected a string, found an array");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{"key_influencers": ["A", {"name": "B"}]}]}]})") ==
               "1:96: $.buying_process_mappings[0].buying_stages[0].key_influencers[1]: expected a string, found an object");
    // Joined, the items are one field, held to its limit.
    const std::string half(max_field_bytes / 2, 'x');
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "buying_stages": [{"key_message": [")" +
                             half + "\", \"" + half + "\"]}]}]}") ==
               "1:" + std::to_string(91 + half.size()) +
                   ": $.buying_process_mappings[0].buying_stages[0].key_message: 1048578 bytes of text, more than the 1 MB "
                   "limit for one field");
}

BOOST_AUTO_TEST_CASE(timestamps_written_other_ways_are_normalised_with_a_warning_naming_the_assumption) {
    // Case 02: the whole file was refused over these.
    const loaded l = read_warned(test::slurp(test::data("timestamps-other-formats.json")));
    std::vector<std::string> times;
    for (const persona& p : l.doc.personas) times.push_back(p.last_updated_at);
    BOOST_TEST(times == (std::vector<std::string>{"2026-11-20T09:15:00.482913Z", "2026-11-20T09:15:00Z",
                                                  "2026-11-20T00:00:00Z", "2026-11-20T09:15:00+01:00",
                                                  "2026-11-23T08:55:00Z", "2026-11-20T09:15:00Z"}));
    BOOST_TEST(l.warnings ==
               (std::vector<std::string>{
                   "20:7: $.buying_process_mappings[0].last_updated_at: \"2026-11-20T09:15:00.482913\" has no time zone: "
                   "read as UTC, 2026-11-20T09:15:00.482913Z",
                   "40:7: $.buying_process_mappings[1].last_updated_at: \"2026-11-20 09:15:00\" has no time zone: read as "
                   "UTC, 2026-11-20T09:15:00Z",
                   "60:7: $.buying_process_mappings[2].last_updated_at: \"2026-11-20\" is a date without a time: read as "
                   "midnight UTC, 2026-11-20T00:00:00Z",
                   "80:7: $.buying_process_mappings[3].last_updated_at: \"2026-11-20T09:15:00+0100\" read as "
                   "2026-11-20T09:15:00+01:00",
                   "100:7: $.buying_process_mappings[4].last_updated_at: 1795424100 read as seconds since 1970 in UTC: "
                   "2026-11-23T08:55:00Z",
                   "120:7: $.buying_process_mappings[5].last_updated_at: \"2026-11-20T09:15:00z\" read as "
                   "2026-11-20T09:15:00Z"}));
    survives_both_ways(l.doc);

    // Every timestamp of the map is read so: the metadata's and the summary's too, milliseconds
    // and numbers in strings included.
    const loaded others = read_warned(R"({"buying_process_mappings": [{"persona_name": "A", "ai_generated_summary": "S",
        "summary_generated_at": 1795424100482, "last_updated_at": "1795424100"}],
        "document_metadata": {"created_at": "2026-11-20T09:15", "modified_at": "2026-11-20T09:15:00Z"}})");
    BOOST_TEST(others.doc.personas.at(0).summary->generated_at == "2026-11-23T08:55:00.482Z");
    BOOST_TEST(others.doc.personas.at(0).last_updated_at == "2026-11-23T08:55:00Z");
    BOOST_TEST(others.doc.metadata.created_at == "2026-11-20T09:15:00Z");
    BOOST_TEST(others.doc.metadata.modified_at == "2026-11-20T09:15:00Z");
    BOOST_TEST_REQUIRE(others.warnings.size() == 3u);
    BOOST_TEST(others.warnings[0] == "2:9: $.buying_process_mappings[0].summary_generated_at: 1795424100482 read as "
                                     "milliseconds since 1970 in UTC: 2026-11-23T08:55:00.482Z");
    BOOST_TEST(others.warnings[2] == "3:31: $.document_metadata.created_at: \"2026-11-20T09:15\" has no time zone: read as "
                                     "UTC, 2026-11-20T09:15:00Z");
}

BOOST_AUTO_TEST_CASE(what_is_no_timestamp_is_a_located_error_not_kept_as_text) {
    // Kept as text, it would be a timestamp the map cannot sort, compare or save as .bpm.
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A",
      "last_updated_at": "next Tuesday"}]})") ==
               "2:7: $.buying_process_mappings[0].last_updated_at: \"next Tuesday\" is not an ISO 8601 date and time "
               "such as 2026-11-21T09:30:00Z");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "last_updated_at": "2026-13-01"}]})") ==
               "1:52: $.buying_process_mappings[0].last_updated_at: \"2026-13-01\" is not an ISO 8601 date and time "
               "such as 2026-11-21T09:30:00Z");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "last_updated_at": 2026}]})") ==
               "1:52: $.buying_process_mappings[0].last_updated_at: 2026 is not a time: a number is read as seconds "
               "since 1970 (from 100000000, in 1973) or milliseconds (from 100000000000)");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "last_updated_at": true}]})") ==
               "1:52: $.buying_process_mappings[0].last_updated_at: expected a string, found a boolean");
}

BOOST_AUTO_TEST_CASE(status_synonyms_are_read_with_a_warning_where_they_are_a_guess) {
    const loaded l = read_warned(R"({"buying_process_mappings": [
        {"persona_name": "A", "status": "draft"}, {"persona_name": "B", "status": "Done"},
        {"persona_name": "C", "status": "In Progress"}, {"persona_name": "D", "status": "COMPLETED"}]})");
    std::vector<persona_status> statuses;
    for (const persona& p : l.doc.personas) statuses.push_back(p.status);
    BOOST_TEST((statuses == std::vector<persona_status>{persona_status::in_progress, persona_status::completed,
                                                        persona_status::in_progress, persona_status::completed}));
    BOOST_TEST(l.warnings == (std::vector<std::string>{
                                 "2:31: $.buying_process_mappings[0].status: \"draft\" read as in_progress",
                                 "2:73: $.buying_process_mappings[1].status: \"Done\" read as completed"}));
}

BOOST_AUTO_TEST_CASE(a_top_level_array_of_mappings_is_read) {
    const loaded l = read_warned(R"([{"persona_name": "A", "buying_stages": [{"stage_name": "S"}]}, {"persona_name": "B"}])");
    BOOST_TEST_REQUIRE(l.doc.personas.size() == 2u);
    BOOST_TEST(l.doc.personas[0].stages.at(0).name == "S");
    BOOST_TEST(l.doc.personas[1].name == "B");
    BOOST_TEST(l.warnings.empty());
    // Written in the spec's shape.
    BOOST_TEST(json::parse(write_json(l.doc))["buying_process_mappings"].size() == 2u);
    BOOST_TEST(read_warned("[]").doc.personas.empty());
    BOOST_TEST(first_problem(R"([{"persona_name": "A"}, {"persona_name": 7}])") ==
               "1:26: $[1].persona_name: expected a string, found a number");
    BOOST_TEST(first_problem("[7]") == "1:2: $[0]: expected an object, found a number");
}

BOOST_AUTO_TEST_CASE(a_key_given_twice_is_a_located_warning_naming_the_value_kept) {
    // Case 13: the first key_message was dropped without a word, and validate said "valid".
    const loaded l = read_warned(test::slurp(test::data("json-duplicate-keys.json")));
    const persona& p = l.doc.personas.at(0);
    BOOST_TEST(p.stages.at(0).key_message == "Your IT team signs off in a week");
    BOOST_TEST((p.status == persona_status::completed));
    BOOST_TEST(l.warnings ==
               (std::vector<std::string>{"16:11: $.buying_process_mappings[0].buying_stages[0]: \"key_message\" is given "
                                         "twice (first at 15:11); the value given last is kept",
                                         "21:7: $.buying_process_mappings[0]: \"status\" is given twice (first at 19:7); "
                                         "the value given last is kept"}));

    // Lists, the metadata and unknown keys too; the mappings twice is an error, as neither is
    // the one to keep.
    const loaded more = read_warned(R"({"document_metadata": {"title": "A"}, "buying_process_mappings": [{"persona_name": "A",
        "buying_stages": [{"stage_name": "old"}], "buying_stages": [{"stage_name": "new"}], "mood": 1, "mood": [2]}],
        "document_metadata": {"title": "B"}})");
    BOOST_TEST(more.doc.metadata.title == "B");
    BOOST_TEST(more.doc.personas.at(0).stages.at(0).name == "new");
    BOOST_TEST((more.doc.personas.at(0).extensions == std::vector<extension>{{"mood", "[2]"}}));
    BOOST_TEST(more.warnings == (std::vector<std::string>{
                                    "2:51: $.buying_process_mappings[0]: \"buying_stages\" is given twice (first at 2:9); "
                                    "the value given last is kept",
                                    "2:93: $.buying_process_mappings[0].mood: kept, not used",
                                    "2:104: $.buying_process_mappings[0]: \"mood\" is given twice (first at 2:93); the "
                                    "value given last is kept",
                                    "3:9: $: \"document_metadata\" is given twice (first at 1:2); the value given last is "
                                    "kept"}));
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "buying_process_mappings": []})") ==
               "1:33: $: \"buying_process_mappings\" is given twice: put all mappings in one list");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_kept_and_written_back_as_they_came) {
    // Case 18: persona_goals, emotion_score and touchpoints vanished on the way through .bpm.
    const std::string original = test::slurp(test::data("extra-keys-dropped.json"));
    const loaded l = read_warned(original);
    const persona& p = l.doc.personas.at(0);
    BOOST_TEST((p.extensions == std::vector<extension>{{"persona_goals", R"(["Lower CAC by 15%","One dashboard for the board"])"}}));
    BOOST_TEST((p.stages.at(0).extensions ==
                std::vector<extension>{{"emotion_score", "2"}, {"touchpoints", R"(["podcast","LinkedIn"])"}}));
    BOOST_TEST(p.stages.at(1).extensions.empty());
    BOOST_TEST(l.warnings == (std::vector<std::string>{
                                 "7:7: $.buying_process_mappings[0].persona_goals: kept, not used",
                                 "17:11: $.buying_process_mappings[0].buying_stages[0].emotion_score: kept, not used",
                                 "18:11: $.buying_process_mappings[0].buying_stages[0].touchpoints: kept, not used"}));
    survives_both_ways(l.doc);
    // Through .bpm and back, each comes out where it was, with the value it had.
    const json in = json::parse(original)["buying_process_mappings"][0];
    const json out = json::parse(write_json(*read_bpm(write_bpm(l.doc)).value))["buying_process_mappings"][0];
    BOOST_TEST(out["persona_goals"] == in["persona_goals"]);
    BOOST_TEST(out["buying_stages"][0]["emotion_score"] == in["buying_stages"][0]["emotion_score"]);
    BOOST_TEST(out["buying_stages"][0]["touchpoints"] == in["buying_stages"][0]["touchpoints"]);
}

BOOST_AUTO_TEST_CASE(kept_values_are_any_json_exactly_as_written_in_their_order) {
    // Numbers no double holds, escapes as written, every kind of value, at the top, in a persona
    // and in a stage; white space between tokens is all that goes.
    const std::string text = "{\"z_first\": {\"b\": [1, 2.50, -0.0, 1e-400], \"a\": null},\n"
                             " \"buying_process_mappings\": [{\"persona_name\": \"A\", \"big\": 123456789012345678901234567890,\n"
                             "   \"escaped\": \"caf\\u00e9 \\\"quoted\\\" \xEF\xBF\xBE\", \"yes\": true, \"empty\": {},\n"
                             "   \"buying_stages\": [{\"stage_name\": \"S\", \"\": \"empty key\", \"tab\\tkey\": [ ]}]}],\n"
                             " \"a_last\": \"x\"}";
    const loaded l = read_warned(text);
    BOOST_TEST((l.doc.extensions ==
                std::vector<extension>{{"z_first", R"({"b":[1,2.50,-0.0,1e-400],"a":null})"}, {"a_last", "\"x\""}}));
    BOOST_TEST((l.doc.personas.at(0).extensions ==
                std::vector<extension>{{"big", "123456789012345678901234567890"},
                                       {"escaped", R"("caf\u00e9 \"quoted\" \ufffe")"},
                                       {"yes", "true"},
                                       {"empty", "{}"}}));
    BOOST_TEST((l.doc.personas.at(0).stages.at(0).extensions ==
                std::vector<extension>{{"", "\"empty key\""}, {"tab\tkey", "[]"}}));
    survives_both_ways(l.doc);
    const std::string written = write_json(l.doc);
    BOOST_TEST(written.find("\n      \"big\": 123456789012345678901234567890,\n") != std::string::npos, written);
    BOOST_TEST(written.find("\n  \"z_first\": {\"b\":[1,2.50,-0.0,1e-400],\"a\":null},\n  \"a_last\": \"x\"\n}") !=
                   std::string::npos,
               written);
    BOOST_TEST(written.find("\"tab\\tkey\": []") != std::string::npos, written);
}

BOOST_AUTO_TEST_CASE(kept_values_are_held_to_the_limits_of_a_field) {
    const std::string big(max_field_bytes, 'x');
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [{"persona_name": "A", "notes": ")" + big + "\"}]}") ==
               "1:52: $.buying_process_mappings[0].notes: more than 1 MB of JSON, the limit for one field");
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "n\u0001tes": 1})") ==
               "1:33: $.n tes: the character U+0001 cannot be kept: a map is saved as XML, which does not allow it");
    // Just within: the value's quotes and all.
    const std::string fits(max_field_bytes - 2, 'x');
    BOOST_TEST(read_warned(R"({"buying_process_mappings": [], "notes": ")" + fits + "\"}").doc.extensions.at(0).json.size() ==
               max_field_bytes);
    // White space does not count.
    BOOST_TEST(read_warned(R"({"buying_process_mappings": [], "notes": [)" + std::string(2 * max_field_bytes, ' ') + "1]}")
                   .doc.extensions.at(0)
                   .json == "[1]");
}

BOOST_AUTO_TEST_CASE(unknown_keys_where_a_map_cannot_keep_them_are_named) {
    const loaded l = read_warned(R"({"buying_process_mappings": [{"persona_name": "A",
        "persona_profile": {"role": "CMO", "hobby": "golf"},
        "persona_pain_point_details": [{"text": "x", "category": "other", "severity": 3}],
        "persona_pain_points": [{"text": "x", "weight": 2}]}],
        "document_metadata": {"title": "T", "owner": "Ana"}})");
    BOOST_TEST(l.doc.personas.at(0).profile.role == "CMO");
    BOOST_TEST(l.warnings ==
               (std::vector<std::string>{
                   "2:44: $.buying_process_mappings[0].persona_profile: \"hobby\" is not used and cannot be kept here: it "
                   "is left out",
                   "3:75: $.buying_process_mappings[0].persona_pain_point_details[0]: \"severity\" is not used and cannot "
                   "be kept here: it is left out",
                   "4:47: $.buying_process_mappings[0].persona_pain_points[0]: \"weight\" is not used and cannot be kept "
                   "here: it is left out",
                   "5:45: $.document_metadata: \"owner\" is not used and cannot be kept here: it is left out"}));
}

BOOST_AUTO_TEST_CASE(every_case_of_the_issue_saves_and_reloads_equal_both_ways) {
    for (const char* name : {"pain-points-array.json", "timestamps-other-formats.json", "json-duplicate-keys.json",
                             "extra-keys-dropped.json", "spec-shaped.json"}) {
        BOOST_TEST_CONTEXT(name) { survives_both_ways(read_warned(test::slurp(test::data(name))).doc); }
    }
}

BOOST_AUTO_TEST_CASE(a_number_run_into_the_next_token_is_a_syntax_error_where_it_is) {
    // Found by fuzzing: a kept number is told of before the character after it is read as a token,
    // and the value taken to run on into the string after it was read past the end of the text.
    BOOST_TEST(first_problem(R"({"buying_process_mappings": [], "x": 17954"y": 1})") ==
               "1:45: not valid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
    BOOST_TEST(first_problem(test::slurp(std::string(BPM_SOURCE_DIR) +
                                         "/tests/fuzz/corpus/json_import/found-number-then-a-string.json"))
                   .find("not valid JSON") != std::string::npos);
}
