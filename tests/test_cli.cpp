#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/version.h"
#include "largest_map.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

test::run_result cli(const std::vector<std::string>& args) { return test::run_program(BPM_CLI, args); }

const std::string small = test::sample("small-business-owner.bpm");
const std::string nlyzer = test::sample("nlyzer-b2b-personas.bpm");

}  // namespace

BOOST_AUTO_TEST_CASE(a_json_number_too_large_is_a_located_error_not_an_abort) {
    for (const char* command : {"validate", "convert"}) {
        test::temp_dir dir;
        std::vector<std::string> args = {command, test::data("30-json-number-overflow.json")};
        if (std::string(command) == "convert") args.push_back(dir.file("out.bpm"));
        const test::run_result r = cli(args);
        BOOST_TEST(r.exit_code == 1, command << ": " << r.err);
        BOOST_TEST(r.err.find("30-json-number-overflow.json:1:1: not valid JSON: number overflow") != std::string::npos,
                   r.err);
    }
}

BOOST_AUTO_TEST_CASE(help_and_version) {
    const auto help = cli({"--help"});
    BOOST_TEST(help.exit_code == 0);
    for (const char* cmd : {"validate FILE...", "convert IN OUT", "summary FILE [--persona NAME]",
                            "export FILE [--format md|csv|xlsx|mermaid|pdf|png|svg] -o OUT"})
        BOOST_TEST(help.out.find(cmd) != std::string::npos, cmd);
    BOOST_TEST(cli({"summary", "--help"}).exit_code == 0);
    const auto version = cli({"--version"});
    BOOST_TEST(version.exit_code == 0);
    BOOST_TEST(version.out == std::string("bpmap-cli ") + bpm::version + "\n");
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_with_the_usage_on_stderr) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {}, {"frobnicate"}, {"validate"}, {"convert", small}, {"summary"}, {"summary", small, "--colour", "red"},
             {"summary", small, "--persona"}, {"export", small, "-o", "x.txt"}, {"export", small, "--format", "docx", "-o", "x.docx"},
             {"export", small, "--format", "md"}, {"convert", small, "out.txt"}, {"summary", small, "-x"}}) {
        const auto r = cli(args);
        std::string joined;
        for (const auto& a : args) joined += a + " ";
        BOOST_TEST(r.exit_code == 2, joined);
        BOOST_TEST(r.err.rfind("bpmap-cli: ", 0) == 0u, joined << r.err);
        BOOST_TEST(r.err.find("Usage:") != std::string::npos, joined);
        BOOST_TEST(r.out.empty(), joined);
    }
    BOOST_TEST(cli({"export", small, "--format", "docx", "-o", "x.docx"})
                   .err.find("unknown export format \"docx\": use md, csv, xlsx, mermaid, pdf, png or svg") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(validate_accepts_good_files) {
    const auto r = cli({"validate", small, nlyzer});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == small + ": valid (1 persona, 3 stages)\n" + nlyzer + ": valid (8 personas, 40 stages)\n");
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(validate_says_how_many_comments_are_open_and_still_succeeds) {
    test::temp_dir dir;
    const std::string commented = dir.file("commented.bpm"), all_resolved = dir.file("resolved.bpm");
    document d = test::commented_document();
    BOOST_TEST_REQUIRE(bool(save_bpm(d, commented)));
    for (comment& c : d.comments) c.resolved = true;
    BOOST_TEST_REQUIRE(bool(save_bpm(d, all_resolved)));
    const auto r = cli({"validate", commented, all_resolved, small});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == commented + ": valid (2 personas, 2 stages); 3 open comments\n" + all_resolved +
                            ": valid (2 personas, 2 stages); 0 open comments\n" + small + ": valid (1 persona, 3 stages)\n");
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(validate_prints_file_line_column_for_each_problem) {
    const std::string bad = test::data("many-problems.bpm");
    const std::string latin1 = test::data("latin1.bpm");
    const auto r = cli({"validate", small, bad, latin1, "/nonexistent.bpm"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out == small + ": valid (1 persona, 3 stages)\n");
    BOOST_TEST(r.err.find(bad + ":6:4: status \"done\" is not one of in_progress, completed\n") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(bad + ":17:5: <stage> has no <name> element\n") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(latin1 + ":5:13: invalid UTF-8") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("/nonexistent.bpm:cannot open /nonexistent.bpm") == std::string::npos, r.err);
    BOOST_TEST(r.err.find("/nonexistent.bpm: cannot open /nonexistent.bpm") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(convert_goes_both_ways_without_loss) {
    test::temp_dir dir;
    const std::string json_path = dir.file("map.json"), bpm_path = dir.file("map.bpm");
    auto r = cli({"convert", nlyzer, json_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    r = cli({"convert", json_path, bpm_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(test::slurp(bpm_path) == test::slurp(nlyzer));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(validate_lists_what_a_json_file_keeps_unused_and_what_it_assumed) {
    // Case 18 said "valid" and lost three keys on the way through .bpm; case 13 kept the last of
    // two values without a word.
    const std::string extra = test::data("extra-keys-dropped.json"), twice = test::data("json-duplicate-keys.json");
    const auto r = cli({"validate", extra, twice});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == extra + ": valid (1 persona, 2 stages)\n" + twice + ": valid (1 persona, 1 stage)\n");
    BOOST_TEST(r.err ==
               extra + ":7:7: warning: $.buying_process_mappings[0].persona_goals: kept, not used\n" + extra +
                   ":17:11: warning: $.buying_process_mappings[0].buying_stages[0].emotion_score: kept, not used\n" +
                   extra + ":18:11: warning: $.buying_process_mappings[0].buying_stages[0].touchpoints: kept, not used\n" +
                   twice + ":16:11: warning: $.buying_process_mappings[0].buying_stages[0]: \"key_message\" is given "
                           "twice (first at 15:11); the value given last is kept\n" +
                   twice + ":21:7: warning: $.buying_process_mappings[0]: \"status\" is given twice (first at 19:7); the "
                           "value given last is kept\n");
}

BOOST_AUTO_TEST_CASE(convert_keeps_unknown_json_keys_through_bpm) {
    test::temp_dir dir;
    const std::string bpm_path = dir.file("map.bpm"), json_path = dir.file("map.json"), again = dir.file("again.bpm");
    auto r = cli({"convert", test::data("extra-keys-dropped.json"), bpm_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.find(":7:7: warning: $.buying_process_mappings[0].persona_goals: kept, not used\n") !=
               std::string::npos);
    BOOST_TEST(test::slurp(bpm_path).find("\t\t\t<extension key=\"persona_goals\">[\"Lower CAC by 15%\",\"One dashboard "
                                          "for the board\"]</extension>\n") != std::string::npos);
    r = cli({"convert", bpm_path, json_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const std::string json = test::slurp(json_path);
    BOOST_TEST(json.find("\"emotion_score\": 2,\n") != std::string::npos, json);
    BOOST_TEST(json.find("\"touchpoints\": [\"podcast\",\"LinkedIn\"]\n") != std::string::npos, json);
    BOOST_TEST(json.find("\"persona_goals\": [\"Lower CAC by 15%\",\"One dashboard for the board\"]\n") !=
               std::string::npos, json);
    r = cli({"convert", json_path, again});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(test::slurp(again) == test::slurp(bpm_path));
    // And a .bpm's extensions are listed too.
    r = cli({"validate", again});
    BOOST_TEST(r.err.find(again + ":47:4: warning: <extension> \"persona_goals\": kept, not used\n") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(a_failed_conversion_writes_no_output) {
    test::temp_dir dir;
    const std::string bad_json = dir.file("bad.json"), out = dir.file("out.bpm");
    test::spit(bad_json, R"({"buying_process_mappings": [{"persona_name": ["not", "a", "string"]}]})");
    const auto r = cli({"convert", bad_json, out});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err == bad_json + ":1:31: $.buying_process_mappings[0].persona_name: expected a string, found an array\n");
    BOOST_TEST(!fs::exists(out));

    const std::string existing = dir.file("existing.bpm");
    test::spit(existing, "precious");
    BOOST_TEST(cli({"convert", bad_json, existing}).exit_code == 1);
    BOOST_TEST(test::slurp(existing) == "precious");
}

BOOST_AUTO_TEST_CASE(writing_keeps_a_symbolic_link_and_refuses_a_read_only_file) {
    test::temp_dir dir;
    const std::string json_path = dir.file("map.json");
    BOOST_TEST_REQUIRE(cli({"convert", nlyzer, json_path}).exit_code == 0);
    // A map kept elsewhere and linked in, as a dotfiles or synced-folder setup does.
    fs::create_directory(dir.path() / "shared");
    test::spit(dir.file("shared/map.bpm"), "old");
    fs::create_symlink("shared/map.bpm", dir.path() / "map.bpm");
    auto r = cli({"convert", json_path, dir.file("map.bpm")});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(fs::is_symlink(dir.path() / "map.bpm"));
    BOOST_TEST(test::slurp(dir.file("shared/map.bpm")) == test::slurp(nlyzer));

    const std::string locked = dir.file("locked.bpm");
    test::spit(locked, "precious");
    fs::permissions(locked, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    r = cli({"convert", json_path, locked});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err == "bpmap-cli: cannot write " + locked + ": the file is read-only\n");
    BOOST_TEST(test::slurp(locked) == "precious");
}

BOOST_AUTO_TEST_CASE(the_largest_map_that_loads_converts_both_ways_and_one_byte_more_is_refused) {
    test::temp_dir dir;
    document largest = test::largest_map();
    const std::string compact = dir.file("compact.bpm"), json_path = dir.file("map.json"), bpm_path = dir.file("map.bpm");
    test::spit(compact, test::compact_bpm(largest));
    auto r = cli({"convert", compact, json_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    r = cli({"convert", json_path, bpm_path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const auto back = load_bpm(bpm_path);
    BOOST_TEST_REQUIRE(bool(back), back.error());
    BOOST_TEST((*back.value == largest));

    largest.metadata.title += 'x';
    const std::string over = dir.file("over.bpm");
    test::spit(over, test::compact_bpm(largest));
    r = cli({"validate", over});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.rfind(over + ":1:", 0) == 0u, r.err);
    BOOST_TEST(r.err.find(": the map holds 65 MB of content; the limit is 64 MB, first passed here\n") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(summary_prints_every_persona_or_the_one_asked_for) {
    const auto all = cli({"summary", nlyzer});
    BOOST_TEST(all.exit_code == 0, all.err);
    std::size_t personas = 0;
    for (std::size_t at = all.out.find("Persona: "); at != std::string::npos; at = all.out.find("Persona: ", at + 1))
        ++personas;
    BOOST_TEST(personas == 8u);

    const auto one = cli({"summary", nlyzer, "--persona", "sophie"});
    BOOST_TEST(one.exit_code == 0, one.err);
    BOOST_TEST(one.out.rfind("Persona: Sophie Laurent", 0) == 0u, one.out);
    BOOST_TEST(one.out.find("Whole cycle: ") != std::string::npos);

    const auto exact = cli({"summary", small, "--persona=Small Business Owner"});
    BOOST_TEST(exact.exit_code == 0);
    BOOST_TEST(exact.out.rfind("Persona: Small Business Owner (Budget constraints; ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(an_unknown_or_ambiguous_persona_lists_the_choices) {
    const auto none = cli({"summary", small, "--persona", "Nobody"});
    BOOST_TEST(none.exit_code == 1);
    BOOST_TEST(none.err == "bpmap-cli: no persona named \"Nobody\"; the map has: \"Small Business Owner\"\n");
    const auto many = cli({"summary", nlyzer, "--persona", "director"});
    BOOST_TEST(many.exit_code == 1);
    BOOST_TEST(many.err.find("\"director\" matches more than one persona") != std::string::npos, many.err);
}

BOOST_AUTO_TEST_CASE(export_writes_markdown_and_csv) {
    test::temp_dir dir;
    const std::string md = dir.file("playbook.md"), csv = dir.file("stages.csv");
    BOOST_TEST(cli({"export", nlyzer, "--format", "md", "-o", md}).exit_code == 0);
    const std::string md_text = test::slurp(md);
    BOOST_TEST(md_text.rfind("# NLyzer B2B buyer personas\n", 0) == 0u);
    BOOST_TEST(md_text.find("Maison Éclat") != std::string::npos);

    BOOST_TEST(cli({"export", nlyzer, "--format=csv", "--output", csv}).exit_code == 0);
    const std::string csv_text = test::slurp(csv);
    std::size_t rows = 0;
    for (std::size_t at = csv_text.find("\r\n"); at != std::string::npos; at = csv_text.find("\r\n", at + 2)) ++rows;
    BOOST_TEST(rows == 41u);  // header and 40 stages

    const auto to_stdout = cli({"export", small, "--format", "csv", "-o", "-", "--persona", "small business"});
    BOOST_TEST(to_stdout.exit_code == 0);
    // The byte order mark goes to standard output too: "-o - > file.csv" opens in Excel as well.
    BOOST_TEST(to_stdout.out.rfind("\xEF\xBB\xBFpersona_id,persona_name,", 0) == 0u);
    BOOST_TEST(csv_text.rfind("\xEF\xBB\xBFpersona_id,persona_name,", 0) == 0u);

    // Case 05: a European Excel reads ';'.
    const auto semicolon = cli({"export", small, "--format", "csv", "-o", "-", "--csv-separator", ";"});
    BOOST_TEST(semicolon.exit_code == 0, semicolon.err);
    BOOST_TEST(semicolon.out.rfind("\xEF\xBB\xBFpersona_id;persona_name;", 0) == 0u);
    const auto tab = cli({"export", small, "--format", "csv", "-o", "-", "--csv-separator", "tab"});
    BOOST_TEST(tab.out.rfind("\xEF\xBB\xBFpersona_id\tpersona_name\t", 0) == 0u);
    const auto wrong = cli({"export", small, "--format", "csv", "-o", "-", "--csv-separator", "|"});
    BOOST_TEST(wrong.exit_code == 2);
    BOOST_TEST(wrong.err.find("--csv-separator \"|\": use ',', ';' or tab") != std::string::npos, wrong.err);
    BOOST_TEST(cli({"export", small, "--format", "md", "-o", "-", "--csv-separator", ";"}).exit_code == 2);
}

namespace {

// The names of the parts in a zip file, as its central directory lists them (stored uncompressed).
std::vector<std::string> zip_parts(const std::string& bytes) {
    std::vector<std::string> names;
    for (std::size_t at = bytes.find("PK\x01\x02"); at != std::string::npos && at + 46 <= bytes.size();
         at = bytes.find("PK\x01\x02", at + 46)) {
        const auto u16 = [&](std::size_t k) {
            return std::size_t(static_cast<unsigned char>(bytes[k])) | std::size_t(static_cast<unsigned char>(bytes[k + 1])) << 8;
        };
        names.push_back(bytes.substr(at + 46, u16(at + 28)));
    }
    return names;
}

std::size_t worksheets(const std::string& path) {
    const std::vector<std::string> parts = zip_parts(test::slurp(path));
    return std::count_if(parts.begin(), parts.end(),
                         [](const std::string& p) { return p.rfind("xl/worksheets/sheet", 0) == 0; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(export_writes_an_excel_workbook_to_a_file_and_never_to_standard_output) {
    test::temp_dir dir;
    // The format comes from OUT's extension, or --format; an overview sheet and one per persona.
    const std::string named = dir.file("map.XLSX"), given = dir.file("workbook");
    const auto r = cli({"export", nlyzer, "-o", named});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.empty(), r.err);
    BOOST_TEST(test::slurp(named).rfind("PK\x03\x04", 0) == 0u);
    BOOST_TEST(worksheets(named) == 9u);
    BOOST_TEST(cli({"export", nlyzer, "--format", "xlsx", "-o", given, "--persona", "sophie"}).exit_code == 0);
    BOOST_TEST(worksheets(given) == 2u);

    // With SOURCE_DATE_EPOCH, the same map gives the same bytes.
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    BOOST_TEST(cli({"export", small, "-o", dir.file("a.xlsx")}).exit_code == 0);
    BOOST_TEST(cli({"export", small, "-o", dir.file("b.xlsx")}).exit_code == 0);
    unsetenv("SOURCE_DATE_EPOCH");
    BOOST_TEST(test::slurp(dir.file("a.xlsx")) == test::slurp(dir.file("b.xlsx")));

    // A workbook is binary: never to standard output.
    const auto to_stdout = cli({"export", small, "--format", "xlsx", "-o", "-"});
    BOOST_TEST(to_stdout.exit_code == 2);
    BOOST_TEST(to_stdout.out.empty());
    BOOST_TEST(to_stdout.err.find("an Excel workbook cannot go to standard output: name a file with -o") !=
                   std::string::npos,
               to_stdout.err);
    BOOST_TEST(cli({"export", small, "-o", dir.file("c.xlsx"), "--csv-separator", ";"}).exit_code == 2);

    const auto unwritable = cli({"export", small, "-o", "/nonexistent/dir/out.xlsx"});
    BOOST_TEST(unwritable.exit_code == 1);
    BOOST_TEST(unwritable.err.find("cannot write /nonexistent/dir/out.xlsx") != std::string::npos, unwritable.err);
}

BOOST_AUTO_TEST_CASE(a_text_too_long_for_an_excel_cell_is_cut_and_said_on_stderr) {
    test::temp_dir dir;
    document doc;
    persona p;
    p.id = "persona-1";
    p.name = "Long Talker";
    stage s;
    s.id = "stage-1";
    s.name = "Awareness";
    s.buyer_actions = std::string(40000, 'b');
    p.stages = {s};
    doc.personas = {p};
    const std::string map = dir.file("long.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(doc, map)));
    const auto r = cli({"export", map, "-o", dir.file("long.xlsx")});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err == "bpmap-cli: warning: sheet \"Long Talker\", cell C2 (Buyer Actions): the text has 40000 "
                        "characters, more than the 32767 an Excel cell holds, and is cut short\n");
    BOOST_TEST(worksheets(dir.file("long.xlsx")) == 2u);
}

BOOST_AUTO_TEST_CASE(a_csv_export_converts_back_to_a_map_that_exports_the_same_csv) {
    test::temp_dir dir;
    for (const char* separator : {",", ";", "tab"}) {
        const std::string csv = dir.file("stages.csv"), bpm = dir.file("back.bpm"), json = dir.file("back.json"),
                          again = dir.file("again.csv");
        BOOST_TEST_REQUIRE(cli({"export", nlyzer, "-o", csv, "--csv-separator", separator}).exit_code == 0);
        const auto valid = cli({"validate", csv});
        BOOST_TEST(valid.exit_code == 0, valid.err);
        BOOST_TEST(valid.out == csv + ": valid (8 personas, 40 stages)\n");
        BOOST_TEST(valid.err.empty(), valid.err);
        BOOST_TEST_REQUIRE(cli({"convert", csv, bpm}).exit_code == 0);
        BOOST_TEST_REQUIRE(cli({"convert", csv, json}).exit_code == 0);
        BOOST_TEST((*load_bpm(bpm).value == *load_json(json).value));
        BOOST_TEST_REQUIRE(cli({"export", bpm, "-o", again, "--csv-separator", separator}).exit_code == 0);
        BOOST_TEST(test::slurp(again) == test::slurp(csv), separator);
    }
}

BOOST_AUTO_TEST_CASE(a_csv_file_validates_with_located_warnings_or_is_refused_where_it_breaks) {
    test::temp_dir dir;
    const std::string sheet = dir.file("Emma Rodriguez.csv"), cut = dir.file("cut.csv");
    test::spit(sheet, "\xEF\xBB\xBFPhase;Activities;Notes\r\nAwareness;Reads;x\r\nDecision;Signs\r\n");
    test::spit(cut, "Stage,Buyer actions\nAwareness,\"Reads\nblogs\n");
    const auto r = cli({"validate", sheet, cut});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out == sheet + ": valid (1 persona, 2 stages)\n");
    BOOST_TEST(r.err.find(sheet + ":1:18: warning: column \"Notes\" is not imported") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(cut + ":2:11: this quote opens a cell that is never closed") != std::string::npos, r.err);
    const std::string json = dir.file("emma.json");
    BOOST_TEST_REQUIRE(cli({"convert", sheet, json}).exit_code == 0);
    BOOST_TEST(load_json(json).value->personas[0].name == "Emma Rodriguez");
    BOOST_TEST(cli({"convert", cut, json}).exit_code == 1);
}

BOOST_AUTO_TEST_CASE(csv_layout_and_separator_choose_how_a_sheet_is_read) {
    test::temp_dir dir;
    const std::string sheet = dir.file("sheet.csv"), out = dir.file("out.json");
    // Stages as columns; read as rows, the header row names no stage.
    test::spit(sheet, "Buyer actions;Reads;Signs\nStage;Awareness;Decision\n");
    const auto columns = cli({"convert", sheet, out, "--csv-layout", "columns"});
    BOOST_TEST_REQUIRE(columns.exit_code == 0, columns.err);
    BOOST_TEST(load_json(out).value->personas[0].stages[1].buyer_actions == "Signs");
    const auto rows = cli({"validate", sheet, "--csv-layout=rows", "--csv-separator", ","});
    BOOST_TEST(rows.exit_code == 1);
    BOOST_TEST(rows.err.find(sheet + ":1:1: no column names the stages") != std::string::npos, rows.err);
    const auto semicolon = cli({"validate", sheet, "--csv-layout=rows", "--csv-separator", ";"});
    BOOST_TEST(semicolon.exit_code == 0, semicolon.err);  // the second row is the header row then
    BOOST_TEST(semicolon.err.find(sheet + ":1:1: warning: the rows above the header row (line 2) are left out") !=
                   std::string::npos,
               semicolon.err);
    for (const std::vector<std::string>& wrong :
         {std::vector<std::string>{"validate", sheet, "--csv-layout", "diagonal"},
          {"convert", sheet, out, "--csv-separator", "|"},
          {"validate", small, "--csv-layout", "rows"},
          {"convert", small, out, "--csv-separator", ";"}}) {
        const auto r = cli(wrong);
        BOOST_TEST(r.exit_code == 2, wrong[2] << " " << wrong.back());
        BOOST_TEST(r.err.find("Usage:") != std::string::npos);
    }
    BOOST_TEST(cli({"validate", sheet, "--csv-layout", "diagonal"}).err.find(
                   "--csv-layout \"diagonal\": use rows (a stage per row) or columns (a stage per column)") !=
               std::string::npos);
    BOOST_TEST(cli({"validate", small, "--csv-layout", "rows"}).err.find(
                   "--csv-layout and --csv-separator are for reading .csv and .tsv files") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(io_and_format_errors_exit_1_with_a_message_on_stderr) {
    const auto missing = cli({"summary", "/nonexistent/map.bpm"});
    BOOST_TEST(missing.exit_code == 1);
    BOOST_TEST(missing.err.find("cannot open /nonexistent/map.bpm") != std::string::npos, missing.err);
    BOOST_TEST(missing.out.empty());

    const auto bad = cli({"export", test::data("billion-laughs.bpm"), "--format", "md", "-o", "-"});
    BOOST_TEST(bad.exit_code == 1);
    BOOST_TEST(bad.err.find("billion-laughs.bpm:2:1: DOCTYPE declarations are not allowed") != std::string::npos, bad.err);

    const auto unwritable = cli({"export", small, "--format", "md", "-o", "/nonexistent/dir/out.md"});
    BOOST_TEST(unwritable.exit_code == 1);
    BOOST_TEST(unwritable.err.find("cannot write /nonexistent/dir/out.md") != std::string::npos, unwritable.err);
}

// ---- Mermaid journeys ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_mermaid_journey_converts_to_a_map_that_validates) {
    test::temp_dir dir;
    const std::string mmd = test::data("journey-cfo.mmd"), out = dir.file("cfo.bpm");
    const auto converted = cli({"convert", mmd, out});
    BOOST_TEST_REQUIRE(converted.exit_code == 0, converted.err);
    // What the map has no place for is said, where it is.
    BOOST_TEST(converted.err == mmd + ":8:3: warning: the accessible title (accTitle) is left out: a map has no place "
                                      "for it\n" +
                                    mmd + ":9:3: warning: the accessible description (accDescr) is left out: a map "
                                          "has no place for it\n");
    const auto valid = cli({"validate", out, mmd});
    BOOST_TEST(valid.exit_code == 0, valid.err);
    BOOST_TEST(valid.out == out + ": valid (1 persona, 3 stages)\n" + mmd + ": valid (1 persona, 3 stages)\n");
    const result<document> map = load_bpm(out);
    BOOST_TEST_REQUIRE(bool(map), map.error());
    BOOST_TEST(map.value->personas[0].name == "CFO: buying analytics");
    BOOST_TEST(map.value->personas[0].stages[1].journey.size() == 2u);

    // The first journey of a Markdown file, to JSON.
    const std::string md = test::data("journey-in-readme.md"), json = dir.file("it.json");
    const auto from_md = cli({"convert", md, json});
    BOOST_TEST_REQUIRE(from_md.exit_code == 0, from_md.err);
    BOOST_TEST(from_md.err == md + ":24:1: warning: only the first journey diagram is read: this one is left out\n");
    BOOST_TEST(test::slurp(json).find("\"persona_name\": \"IT manager\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_mermaid_journey_is_refused_with_file_line_column_and_nothing_written) {
    test::temp_dir dir;
    const std::string bad = test::data("journey-bad-scores.mmd"), out = dir.file("out.bpm");
    const auto r = cli({"convert", bad, out});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err == bad + ":4:24: score \"high\" is not a whole number from 1 to 5\n" + bad +
                            ":5:19: score \"7\" is not a whole number from 1 to 5\n" + bad +
                            ":6:23: score \"2.5\" is not a whole number from 1 to 5\n" + bad +
                            ":7:13: Mermaid cannot read ';' here: write #59; for a semicolon\n");
    BOOST_TEST(!fs::exists(out));
    const std::string notes = dir.file("notes.md");
    test::spit(notes, "# Notes\n\nNo diagrams here.\n");
    const auto none = cli({"validate", notes});
    BOOST_TEST(none.exit_code == 1);
    BOOST_TEST(none.err.find(notes + ":1:1: no journey diagram here") == 0u, none.err);
}

BOOST_AUTO_TEST_CASE(export_writes_a_mermaid_journey_per_persona) {
    test::temp_dir dir;
    // One persona: to the file named, or to standard output, chosen by --format or the extension.
    const auto to_stdout = cli({"export", small, "--format", "mermaid", "-o", "-"});
    BOOST_TEST_REQUIRE(to_stdout.exit_code == 0, to_stdout.err);
    BOOST_TEST(to_stdout.out.rfind("journey\n  title ", 0) == 0u, to_stdout.out);
    const std::string one = dir.file("one.mmd");
    BOOST_TEST_REQUIRE(cli({"export", small, "-o", one}).exit_code == 0);
    BOOST_TEST(test::slurp(one) == to_stdout.out);
    // It reads back: the same stages and actions.
    const std::string back = dir.file("back.bpm");
    BOOST_TEST_REQUIRE(cli({"convert", one, back}).exit_code == 0);
    const result<document> original = load_bpm(small), read_back = load_bpm(back);
    BOOST_TEST_REQUIRE(bool(read_back), read_back.error());
    const persona &a = original.value->personas[0], &b = read_back.value->personas[0];
    BOOST_TEST(b.name == a.name);
    BOOST_TEST_REQUIRE(b.stages.size() == a.stages.size());
    for (std::size_t i = 0; i < a.stages.size(); ++i) BOOST_TEST(b.stages[i].name == a.stages[i].name);

    // Several personas: a file each, named after OUT and the persona, their paths printed.
    const auto several = cli({"export", nlyzer, "--format", "mmd", "-o", dir.file("map.mmd")});
    BOOST_TEST_REQUIRE(several.exit_code == 0, several.err);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path()))
        if (entry.path().filename().string().rfind("map-", 0) == 0) {
            ++files;
            BOOST_TEST(several.out.find(entry.path().string() + "\n") != std::string::npos, several.out);
            BOOST_TEST(cli({"validate", entry.path().string()}).exit_code == 0, entry.path());
        }
    BOOST_TEST(files == 8u);
    const auto ambiguous = cli({"export", nlyzer, "--format", "mermaid", "-o", "-"});
    BOOST_TEST(ambiguous.exit_code == 2);
    BOOST_TEST(ambiguous.err.find("a map of several personas gives a Mermaid journey each") != std::string::npos);
    BOOST_TEST(cli({"export", nlyzer, "--format", "mermaid", "-o", "-", "--persona", "sophie"}).exit_code == 0);
}

// ---- the terminal interview ----------------------------------------------------------------

namespace {

test::run_result interview(const std::vector<std::string>& args, const std::string& answers) {
    // A fixed clock makes the saved file depend on the answers alone.
    setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
    std::vector<std::string> all = {"interview"};
    all.insert(all.end(), args.begin(), args.end());
    return test::run_program(BPM_CLI, all, answers);
}

const std::string transcript = test::slurp(test::data("interview-standard.txt"));

}  // namespace

BOOST_AUTO_TEST_CASE(a_piped_transcript_makes_the_same_map_every_time) {
    test::temp_dir dir;
    const auto first = interview({"-o", dir.file("a.bpm")}, transcript);
    BOOST_TEST(first.exit_code == 0, first.err);
    BOOST_TEST(first.out.find("> Marketing Director\n") != std::string::npos);
    BOOST_TEST(first.out.find("Saved to " + dir.file("a.bpm") + ".") != std::string::npos);
    const auto second = interview({"-o", dir.file("b.bpm")}, transcript);
    BOOST_TEST(second.exit_code == 0);
    BOOST_TEST(test::slurp(dir.file("a.bpm")) == test::slurp(dir.file("b.bpm")));

    const auto doc = load_bpm(dir.file("a.bpm"));
    BOOST_REQUIRE(doc);
    BOOST_REQUIRE(doc.value->personas.size() == 1u);
    const persona& p = doc.value->personas[0];
    BOOST_TEST(p.name == "Marketing Director");
    BOOST_TEST(p.pain_points.size() == 3u);
    BOOST_TEST((p.pain_points[2].category == pain_category::support));
    BOOST_REQUIRE(p.stages.size() == 3u);
    BOOST_TEST(p.stages[0].key_influencers == "Peers, analysts and the CFO");
    BOOST_TEST(p.stages[2].seller_actions.empty());
    BOOST_TEST(p.stages[2].content_type == "Pricing sheet");
    BOOST_TEST((p.status == persona_status::completed));
    BOOST_TEST(p.summary.has_value());
    BOOST_TEST(p.last_updated_at == "2027-01-15T08:00:00Z");
    BOOST_TEST(doc.value->metadata.modified_at == "2027-01-15T08:00:00Z");
}

BOOST_AUTO_TEST_CASE(the_end_of_input_saves_what_was_captured_in_progress) {
    test::temp_dir dir;
    const auto r = interview({"--output", dir.file("part.json")}, "Small Business Owner\nBudget constraints\nstandard\nAsks friends");
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("with Small Business Owner left in progress") != std::string::npos);
    const auto doc = load_json(dir.file("part.json"));
    BOOST_REQUIRE(doc);
    const persona& p = doc.value->personas.at(0);
    BOOST_TEST((p.status == persona_status::in_progress));
    BOOST_TEST(p.stages.size() == 3u);
    BOOST_TEST(p.stages[0].buyer_actions == "Asks friends");
}

BOOST_AUTO_TEST_CASE(with_a_file_the_interview_adds_to_it_and_can_resume) {
    test::temp_dir dir;
    fs::copy_file(nlyzer, dir.file("map.bpm"));
    const auto before = load_bpm(dir.file("map.bpm"));
    BOOST_REQUIRE(before);
    // The sample has unfinished personas: declining to continue starts a new one.
    const auto r = interview({dir.file("map.bpm")}, "no\nProcurement Lead\nskip\ncustom\n1\nTender\n");
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("Continue mapping ") != std::string::npos);
    const auto after = load_bpm(dir.file("map.bpm"));
    BOOST_REQUIRE(after);
    BOOST_TEST(after.value->personas.size() == before.value->personas.size() + 1);
    BOOST_TEST(after.value->personas.back().name == "Procurement Lead");
    BOOST_TEST(after.value->personas.back().stages.at(0).name == "Tender");
    for (std::size_t i = 0; i < before.value->personas.size(); ++i)
        BOOST_TEST((after.value->personas[i] == before.value->personas[i]));
}

BOOST_AUTO_TEST_CASE(an_interview_that_cannot_load_or_save_loses_nothing) {
    test::temp_dir dir;
    test::spit(dir.file("bad.bpm"), "<buying-process-map format-version=\"1\">\n<oops>\n");
    const auto bad = interview({dir.file("bad.bpm"), "-o", dir.file("out.bpm")}, transcript);
    BOOST_TEST(bad.exit_code == 1);
    BOOST_TEST(bad.err.find(dir.file("bad.bpm") + ":") != std::string::npos, bad.err);
    BOOST_TEST(!fs::exists(dir.file("out.bpm")));

    // A missing folder is reported before the first question.
    const auto missing = interview({"-o", dir.file("missing/out.bpm")}, transcript);
    BOOST_TEST(missing.exit_code == 1);
    BOOST_TEST(missing.err.find("does not exist or is not writable") != std::string::npos, missing.err);
    BOOST_TEST(missing.out.empty());

    // A save that fails at the end (here a folder sits where the file should go): the answers go
    // to a new rescue file, the user's alone, in the user's state folder.
    fs::create_directory(dir.file("out.bpm"));
    setenv("XDG_STATE_HOME", dir.path().c_str(), 1);
    const auto unwritable = interview({"-o", dir.file("out.bpm")}, transcript);
    const auto again = interview({"-o", dir.file("out.bpm")}, transcript);
    unsetenv("XDG_STATE_HOME");
    BOOST_TEST(unwritable.exit_code == 1);
    // The closing message tells the truth: not saved, and why (read across its wrapped lines).
    std::string said = unwritable.out;
    std::replace(said.begin(), said.end(), '\n', ' ');
    BOOST_TEST(said.find("have been saved") == std::string::npos, said);
    BOOST_TEST(said.find("The map is not saved yet: cannot write " + dir.file("out.bpm")) != std::string::npos, said);
    // No temporary file is left beside the folder that was in the way.
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);
    std::vector<fs::path> rescues;
    for (const auto& entry : fs::directory_iterator(dir.path() / "bpmap")) rescues.push_back(entry.path());
    // Two failed saves, two rescue files: the second never overwrites the first.
    BOOST_TEST_REQUIRE(rescues.size() == 2u);
    for (const fs::path& rescue : rescues) {
        BOOST_TEST(rescue.filename().string().rfind("rescued-out-", 0) == 0u);
        BOOST_TEST(rescue.extension() == ".bpm");
        BOOST_TEST(((fs::status(rescue).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write)));
        BOOST_TEST((unwritable.err + again.err).find("saved to " + rescue.string()) != std::string::npos);
        const auto rescued = load_bpm(rescue.string());
        BOOST_REQUIRE(rescued);
        BOOST_TEST(rescued.value->personas.at(0).name == "Marketing Director");
    }
}

BOOST_AUTO_TEST_CASE(an_interview_on_a_map_near_the_size_limit_keeps_every_answer) {
    // Answers are saved whatever the map's size; a rescue save is never refused for it (issue 13).
    test::temp_dir dir;
    document near = test::largest_map(4, max_field_bytes);
    for (persona& p : near.personas) p.status = persona_status::completed;  // nothing to offer to continue
    test::spit(dir.file("near.bpm"), test::compact_bpm(near));
    fs::create_directory(dir.file("out.bpm"));
    setenv("XDG_STATE_HOME", dir.path().c_str(), 1);
    const auto r = interview({dir.file("near.bpm"), "-o", dir.file("out.bpm")}, transcript);
    unsetenv("XDG_STATE_HOME");
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST_REQUIRE(fs::exists(dir.path() / "bpmap"));
    const auto rescue = fs::directory_iterator(dir.path() / "bpmap")->path();
    BOOST_TEST(r.err.find("your answers were saved to " + rescue.string()) != std::string::npos, r.err);
    const auto rescued = load_bpm(rescue.string());
    BOOST_TEST_REQUIRE(bool(rescued), rescued.error());
    BOOST_TEST(rescued.value->personas.size() == 5u);
    BOOST_TEST(rescued.value->personas.back().name == "Marketing Director");
    BOOST_TEST(rescued.value->personas[3].stages == near.personas[3].stages);

    // At the limit, the answers take the map past it: they are saved all the same, and loading
    // the map then says it holds more than the limit rather than losing them.
    document at = test::largest_map();
    for (persona& p : at.personas) p.status = persona_status::completed;
    test::spit(dir.file("at.bpm"), test::compact_bpm(at));
    const auto saved = interview({dir.file("at.bpm"), "-o", dir.file("past.bpm")}, transcript);
    BOOST_TEST(saved.exit_code == 0, saved.err);
    BOOST_TEST(test::slurp(dir.file("past.bpm")).find("<name>Marketing Director</name>") != std::string::npos);
    const auto past = load_bpm(dir.file("past.bpm"));
    BOOST_TEST_REQUIRE(!past);
    BOOST_TEST(past.error().find("the map holds 65 MB of content; the limit is 64 MB") != std::string::npos, past.error());
}

// bpmap-cli on pipes that stay open, as a terminal does: answers are written one by one while
// what it prints (standard output and error together) is read, so a test can act between two
// questions.
class live_cli {
public:
    explicit live_cli(const std::vector<std::string>& args) {
        BOOST_TEST_REQUIRE(::pipe(to_) == 0);
        BOOST_TEST_REQUIRE(::pipe(from_) == 0);
        pid_ = ::fork();
        BOOST_TEST_REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(to_[0], STDIN_FILENO);
            ::dup2(from_[1], STDOUT_FILENO);
            ::dup2(from_[1], STDERR_FILENO);
            ::close(to_[1]);
            ::close(from_[0]);
            std::vector<char*> argv = {const_cast<char*>(BPM_CLI)};
            for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
            argv.push_back(nullptr);
            ::execv(BPM_CLI, argv.data());
            ::_exit(127);
        }
        ::close(to_[0]);
        ::close(from_[1]);
    }
    ~live_cli() {
        if (pid_ > 0) finish();
    }

    // Types lines (each ending in a newline).
    void type(const std::string& lines) {
        BOOST_TEST_REQUIRE(::write(to_[1], lines.data(), lines.size()) == static_cast<ssize_t>(lines.size()));
    }
    // Reads what it prints until it has shown its prompt count times in all (or has ended).
    void wait_for_prompt(std::size_t count) {
        read_until([&] {
            std::size_t prompts = 0;
            for (std::size_t at = printed.find("> "); at != std::string::npos; at = printed.find("> ", at + 2)) ++prompts;
            return prompts >= count;
        });
    }
    // Reads to its end (so it never writes into a closed pipe) and returns its exit status.
    int finish() {
        ::close(to_[1]);
        read_until([] { return false; });
        ::close(from_[0]);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    pid_t pid() const { return pid_; }

    std::string printed;

private:
    void read_until(const std::function<bool()>& enough) {
        char buffer[4096];
        while (!enough()) {
            const ssize_t n = ::read(from_[0], buffer, sizeof buffer);
            if (n <= 0) return;
            printed.append(buffer, static_cast<std::size_t>(n));
        }
    }

    int to_[2] = {-1, -1};
    int from_[2] = {-1, -1};
    pid_t pid_ = -1;
};

BOOST_AUTO_TEST_CASE(a_terminal_that_goes_away_mid_interview_keeps_the_answers) {
    test::temp_dir dir;
    const std::string out = dir.file("map.bpm");
    for (int signal_number : {SIGTERM, SIGHUP}) {
        fs::remove(out);
        live_cli session({"interview", "-o", out});
        session.type("Procurement Lead\nTender rules are complex\n");
        // Both answers are in once it asks its third question; nothing is saved yet.
        session.wait_for_prompt(3);
        BOOST_TEST(!fs::exists(out));
        ::kill(session.pid(), signal_number);
        BOOST_TEST(session.finish() == 128 + signal_number);
        BOOST_TEST(session.printed.find(signal_number == SIGTERM ? "Stopped by SIGTERM." : "Stopped by SIGHUP.") !=
                   std::string::npos);
        const auto saved = load_bpm(out);
        BOOST_TEST_REQUIRE(bool(saved), saved.error());
        BOOST_TEST(saved.value->personas.at(0).name == "Procurement Lead");
        BOOST_TEST(saved.value->personas.at(0).pain_points.at(0).text == "Tender rules are complex");
    }
}

BOOST_AUTO_TEST_CASE(an_interview_never_overwrites_a_version_saved_while_it_ran) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    fs::copy_file(small, path);
    setenv("XDG_STATE_HOME", dir.path().c_str(), 1);
    live_cli session({"interview", path});
    session.type("Procurement Lead\n");
    session.wait_for_prompt(2);
    // A teammate's sync brings another version of the map meanwhile.
    document theirs = *load_bpm(path).value;
    theirs.metadata.title = "Their version";
    BOOST_TEST_REQUIRE(bool(save_bpm(theirs, path)));
    // The input ends (Ctrl+D): what was captured is saved, but not over their version.
    const int status = session.finish();
    unsetenv("XDG_STATE_HOME");
    BOOST_TEST(status == 1);
    BOOST_TEST(load_bpm(path).value->metadata.title == "Their version");
    // The answers are kept in a rescue file instead.
    std::string said = session.printed;
    std::replace(said.begin(), said.end(), '\n', ' ');
    BOOST_TEST(said.find("changed on disk during the interview, so it was not overwritten") != std::string::npos, said);
    BOOST_TEST_REQUIRE(fs::exists(dir.path() / "bpmap"));
    const auto rescue = fs::directory_iterator(dir.path() / "bpmap")->path();
    BOOST_TEST(load_bpm(rescue.string()).value->personas.back().name == "Procurement Lead");
}

BOOST_AUTO_TEST_CASE(interview_usage_errors) {
    BOOST_TEST(interview({}, "").exit_code == 2);
    BOOST_TEST(interview({small, small}, "").exit_code == 2);
    BOOST_TEST(interview({"-o", "map.txt"}, "").exit_code == 2);
}

namespace {

// bpmap-cli run on a terminal (a pseudo-terminal as its standard input, output and error), with
// progress shown from the first step (BPMAP_PROGRESS_DELAY_MS=0). Each time the terminal shows
// more, seen is called with the process and everything shown so far.
struct terminal_run {
    int status = 0;
    std::string shown;
};

terminal_run on_terminal(const std::vector<std::string>& args,
                         const std::function<void(pid_t, const std::string&)>& seen = {}) {
    std::vector<std::string> full = {BPM_CLI};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (const std::string& a : full) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int terminal = -1;
    const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0) {
        setenv("BPMAP_PROGRESS_DELAY_MS", "0", 1);
        execv(BPM_CLI, argv.data());
        _exit(127);
    }
    terminal_run run;
    // Until the terminal closes; the bound only catches a hang.
    for (int i = 0; i < 1200; ++i) {
        pollfd p = {terminal, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(terminal, buf, sizeof buf);
        if (n <= 0) break;
        run.shown.append(buf, static_cast<std::size_t>(n));
        if (seen) seen(pid, run.shown);
    }
    BOOST_TEST_REQUIRE(waitpid(pid, &run.status, 0) == pid);
    close(terminal);
    return run;
}

// A map of 1,000 personas, as JSON, that takes a while to read and write.
std::string big_json(const test::temp_dir& dir) {
    const std::string path = dir.file("big.json");
    BOOST_TEST_REQUIRE(bool(save_json(test::bench_document(1000, 12), path)));
    return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(on_a_terminal_long_work_shows_a_progress_line_and_without_one_none) {
    test::temp_dir dir;
    const std::string map = big_json(dir);
    const terminal_run run = on_terminal({"convert", map, dir.file("out.json")});
    BOOST_TEST(WIFEXITED(run.status));
    BOOST_TEST(WEXITSTATUS(run.status) == 0, run.shown);
    // One line per part of the work, rewritten in place up to the whole.
    BOOST_TEST(run.shown.find("\rReading " + map + ": 0%") != std::string::npos, run.shown);
    BOOST_TEST(run.shown.find("\rReading " + map + ": 100%") != std::string::npos, run.shown);
    BOOST_TEST(run.shown.find("\rWriting " + dir.file("out.json") + ": 100%") != std::string::npos, run.shown);
    BOOST_TEST(test::slurp(dir.file("out.json")) == test::slurp(map));

    // Reading a .bpm too; what the command prints next starts a line of its own.
    const std::string bpm = dir.file("big.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(*load_json(map).value, bpm)));
    const terminal_run validated = on_terminal({"validate", bpm});
    BOOST_TEST(WEXITSTATUS(validated.status) == 0, validated.shown);
    BOOST_TEST(validated.shown.find("\rReading " + bpm + ": 100%\r\n" + bpm + ": valid (1000 personas, 12000 stages)") !=
                   std::string::npos,
               validated.shown);

    // Piped, standard error tells nothing but problems.
    setenv("BPMAP_PROGRESS_DELAY_MS", "0", 1);
    const auto piped = cli({"convert", map, dir.file("piped.json")});
    unsetenv("BPMAP_PROGRESS_DELAY_MS");
    BOOST_TEST(piped.exit_code == 0);
    BOOST_TEST(piped.err.empty(), piped.err);
}

BOOST_AUTO_TEST_CASE(an_interrupted_excel_export_writes_nothing_and_leaves_no_temporary_file) {
    test::temp_dir dir, scratch;
    const std::string map = big_json(dir);
    const fs::path out_dir = dir.path() / "out";
    fs::create_directory(out_dir);
    const std::string out = (out_dir / "map.xlsx").string();
    // The workbook is written in the temporary folder first, then copied into place.
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string previous_tmpdir = tmpdir ? tmpdir : "";
    setenv("TMPDIR", scratch.path().c_str(), 1);
    bool sent = false;
    const terminal_run run = on_terminal({"export", map, "-o", out}, [&](pid_t pid, const std::string& shown) {
        if (!sent && shown.find("\rWriting ") != std::string::npos) sent = kill(pid, SIGINT) == 0;
    });
    if (tmpdir) setenv("TMPDIR", previous_tmpdir.c_str(), 1);
    else unsetenv("TMPDIR");
    BOOST_TEST_REQUIRE(sent, run.shown);
    BOOST_TEST(WIFEXITED(run.status));
    BOOST_TEST(WEXITSTATUS(run.status) == 128 + SIGINT, run.shown);
    BOOST_TEST(run.shown.find("bpmap-cli: interrupted; " + out + " was not written") != std::string::npos, run.shown);
    BOOST_TEST(fs::is_empty(out_dir));
    BOOST_TEST(fs::is_empty(scratch.path()));
}

BOOST_AUTO_TEST_CASE(an_interrupted_conversion_writes_nothing_and_exits_as_the_signal) {
    test::temp_dir dir;
    const std::string map = big_json(dir);
    const fs::path out_dir = dir.path() / "out";
    fs::create_directory(out_dir);
    const std::string out = (out_dir / "map.json").string();
    for (const char* part : {"Reading ", "Writing "}) {
        bool sent = false;
        // Ctrl+C once the part has begun.
        const terminal_run run = on_terminal({"convert", map, out}, [&](pid_t pid, const std::string& shown) {
            if (!sent && shown.find(std::string("\r") + part) != std::string::npos) sent = kill(pid, SIGINT) == 0;
        });
        BOOST_TEST_REQUIRE(sent, run.shown);
        BOOST_TEST(WIFEXITED(run.status));
        BOOST_TEST(WEXITSTATUS(run.status) == 128 + SIGINT, run.shown);
        BOOST_TEST(run.shown.find("bpmap-cli: interrupted; " + out + " was not written") != std::string::npos, run.shown);
        BOOST_TEST(fs::is_empty(out_dir));
    }
}

BOOST_AUTO_TEST_CASE(diff_exits_0_when_equal_1_when_different_2_when_unreadable) {
    test::temp_dir dir;
    document a = test::rich_document();
    document b = a;
    b.personas[0].stages[0].duration = "3-5 weeks";
    std::swap(b.personas[0].stages[0], b.personas[0].stages[1]);
    b.personas[0].pain_points.erase(b.personas[0].pain_points.begin());
    const std::string old_path = dir.file("old.bpm"), new_path = dir.file("new.json");
    BOOST_TEST_REQUIRE(bool(save_bpm(a, old_path)));
    BOOST_TEST_REQUIRE(bool(save_json(b, new_path)));

    auto r = cli({"diff", old_path, old_path});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.empty());

    // .bpm against .json: only the changes, matched by id, whatever the formats.
    r = cli({"diff", old_path, new_path});
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.out == "- Marketing Director › pain point 'Too expensive'\n"
                        "~ Marketing Director › stage Decision moved before Awareness\n"
                        "Marketing Director › Awareness › Duration: 1-2 weeks → 3-5 weeks\n");

    const std::string bad = test::data("many-problems.bpm");
    r = cli({"diff", old_path, bad});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find(bad + ":6:4: status \"done\" is not one of in_progress, completed\n") != std::string::npos, r.err);
    r = cli({"diff", dir.file("missing.bpm"), old_path});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find(dir.file("missing.bpm") + ": cannot open") == 0u, r.err);

    // /dev/null is the empty map, as diff(1) reads it.
    r = cli({"diff", "/dev/null", small});
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.out.find("+ persona Small Business Owner\n") != std::string::npos, r.out);
    BOOST_TEST(cli({"diff", "/dev/null", "/dev/null"}).exit_code == 0);

    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"diff", old_path}, {"diff", old_path, new_path, small}, {"diff", old_path, new_path, "--format", "xml"},
             {"diff", "--git", old_path}, {"diff", "--textconv", old_path, new_path}, {"git-setup", "now"}}) {
        r = cli(args);
        BOOST_TEST(r.exit_code == 2, args.back());
        BOOST_TEST(r.err.find("Usage:") != std::string::npos, args.back());
    }
    BOOST_TEST(cli({"--help"}).out.find("diff OLD NEW [--format text|json]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pipes_and_dash_for_standard_input_are_read_as_streams) {
    test::temp_dir dir;
    document a = test::rich_document();
    document b = a;
    b.personas[0].stages[0].duration = "3-5 weeks";
    const std::string old_path = dir.file("old.bpm"), new_path = dir.file("new.bpm"), json_path = dir.file("old.json");
    BOOST_TEST_REQUIRE(bool(save_bpm(a, old_path)));
    BOOST_TEST_REQUIRE(bool(save_bpm(b, new_path)));
    BOOST_TEST_REQUIRE(bool(save_json(a, json_path)));
    const std::string change = "Marketing Director › Awareness › Duration: 1-2 weeks → 3-5 weeks\n";
    const auto shell = [](const std::string& script) {
        return test::run_program("/bin/bash", {"-c", script, "bash", BPM_CLI});
    };

    // A shell's <(...) is a pipe named /dev/fd/N, standard input a pipe named /dev/stdin.
    auto r = shell("\"$1\" diff <(cat '" + old_path + "') '" + new_path + "'");
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.out == change);
    r = shell("cat '" + old_path + "' | \"$1\" validate /dev/stdin");
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "/dev/stdin: valid (2 personas, 2 stages)\n");

    // "-" is standard input, a .bpm map or JSON as it starts.
    r = shell("cat '" + old_path + "' | \"$1\" diff - '" + new_path + "'");
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.out == change);
    r = shell("cat '" + json_path + "' | \"$1\" diff '" + new_path + "' -");
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.out == "Marketing Director › Awareness › Duration: 3-5 weeks → 1-2 weeks\n");
    r = test::run_program(BPM_CLI, {"validate", "-", old_path}, test::slurp(json_path));
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("-: valid (2 personas, 2 stages)\n") == 0u, r.out);
    r = shell("cat '" + json_path + "' | \"$1\" convert - '" + dir.file("from-pipe.bpm") + "'");
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto converted = load_bpm(dir.file("from-pipe.bpm"));
    BOOST_TEST_REQUIRE(bool(converted), converted.error());
    BOOST_TEST(converted.value->personas.size() == a.personas.size());
    r = test::run_program(BPM_CLI, {"validate", "-"}, "not a map");
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.rfind("-:1:1: ", 0) == 0u, r.err);

    // Read once: "-" twice is a usage error.
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"validate", "-", "-"}, {"diff", "-", "-"}}) {
        r = cli(args);
        BOOST_TEST(r.exit_code == 2, args[0]);
        BOOST_TEST(r.err.find("- (standard input) can be given once") != std::string::npos, r.err);
    }

    // An endless stream stops at the limit of a map file, said as such.
    r = shell("\"$1\" validate - < /dev/zero");
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err == "-: standard input is larger than the 64 MB limit\n");
    BOOST_TEST(cli({"--help"}).out.find("read a map named - from standard input") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(diff_says_each_file_s_warnings_once) {
    test::temp_dir dir;
    document a = test::rich_document();
    comment gone;
    gone.id = "comment-1";
    gone.persona_id = "persona-gone";
    gone.text = "Still true?";
    comment left = gone;
    left.id = "comment-2";
    left.persona_id = "persona-left";
    a.comments = {gone, left};
    document b = a;
    b.metadata.title = "Q4";
    const std::string old_path = dir.file("old.bpm"), new_path = dir.file("new.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(a, old_path)));
    BOOST_TEST_REQUIRE(bool(save_bpm(b, new_path)));
    const auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    // Each file's warning about each comment on a persona it lacks, once.
    auto r = cli({"diff", old_path, new_path});
    BOOST_TEST(r.exit_code == 1, r.err);
    for (const std::string& path : {old_path, new_path}) BOOST_TEST(count(r.err, path + ":") == 2u, r.err);
    for (const char* persona : {"\"persona-gone\"", "\"persona-left\""}) BOOST_TEST(count(r.err, persona) == 2u, r.err);
    // A file compared with itself is read twice, and said once.
    r = cli({"diff", old_path, old_path});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(count(r.err, "warning: ") == 2u, r.err);
    BOOST_TEST(count(r.err, "\"persona-gone\"") == 1u, r.err);
}

BOOST_AUTO_TEST_CASE(diff_format_json_is_for_tools) {
    test::temp_dir dir;
    document a = test::rich_document();
    document b = a;
    stage trial;
    trial.id = "stage-9";
    trial.name = "Trial";
    b.personas[0].stages.insert(b.personas[0].stages.begin() + 1, trial);
    b.personas[1].name = "Finance Lead";
    const std::string old_path = dir.file("old.bpm"), new_path = dir.file("new.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(a, old_path)));
    BOOST_TEST_REQUIRE(bool(save_bpm(b, new_path)));
    const auto r = cli({"diff", old_path, new_path, "--format", "json"});
    BOOST_TEST(r.exit_code == 1, r.err);
    const auto j = nlohmann::json::parse(r.out);
    BOOST_TEST(j["equal"] == false);
    BOOST_REQUIRE(j["changes"].size() == 2u);
    const auto& added = j["changes"][0];
    BOOST_TEST(added["kind"] == "stage_added");
    BOOST_TEST(added["persona_id"] == "persona-1");
    BOOST_TEST(added["stage_id"] == "stage-9");
    BOOST_TEST(added["new_index"] == 1);
    BOOST_TEST(added["after_id"] == "stage-1");
    BOOST_TEST(added["before_id"] == "stage-2");
    const auto& renamed = j["changes"][1];
    BOOST_TEST(renamed["kind"] == "persona_field");
    BOOST_TEST(renamed["persona_id"] == "p.two_2");
    BOOST_TEST(renamed["field"] == "name");
    BOOST_TEST(renamed["old"] == "   ");
    BOOST_TEST(renamed["new"] == "Finance Lead");

    const auto same = cli({"diff", old_path, old_path, "--format=json"});
    BOOST_TEST(same.exit_code == 0);
    BOOST_TEST(nlohmann::json::parse(same.out) == nlohmann::json::parse(R"({"equal": true, "changes": []})"));
}

BOOST_AUTO_TEST_CASE(diff_for_git_takes_seven_arguments_and_never_stops_git) {
    test::temp_dir dir;
    document a = test::rich_document();
    document b = a;
    b.metadata.title = "Q4";
    const std::string old_path = dir.file("old-copy"), new_path = dir.file("new.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(a, old_path)));
    BOOST_TEST_REQUIRE(bool(save_bpm(b, new_path)));
    // The path's extension names the format: git's temporary copies may have other names.
    const std::string hex(40, 'a');
    auto r = cli({"diff", "--git", "maps/q3.bpm", old_path, hex, "100644", new_path, hex, "100644"});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "diff --bpm a/maps/q3.bpm b/maps/q3.bpm\nMap › Title: Q3 go-to-market <draft> & notes → Q4\n");
    // Added file: old is /dev/null.
    r = cli({"diff", "--git", "new.bpm", "/dev/null", ".", ".", new_path, hex, "100644"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("+ persona Marketing Director (before [p.two_2])\n") != std::string::npos, r.out);
    // A version that is no map (a file with conflict markers) is said in its place; git goes on.
    test::spit(dir.file("conflicted.bpm"), test::slurp(new_path) + "<<<<<<< ours\n");
    r = cli({"diff", "--git", "q3.bpm", old_path, hex, "100644", dir.file("conflicted.bpm"), hex, "100644"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("b/q3.bpm:") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("not a valid map") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(diff_textconv_prints_the_outline_or_the_file_as_it_is) {
    test::temp_dir dir;
    auto r = cli({"diff", "--textconv", small});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("Small Business Owner › Awareness › Duration: 1-2 weeks\n") != std::string::npos, r.out);
    test::spit(dir.file("broken.bpm"), "<<<<<<< ours\n");
    r = cli({"diff", "--textconv", dir.file("broken.bpm")});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "<<<<<<< ours\n");
    BOOST_TEST(r.err.find("is not a valid map") != std::string::npos, r.err);
    BOOST_TEST(cli({"diff", "--textconv", dir.file("missing.bpm")}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(merge_exits_0_when_clean_1_with_conflicts_recorded_2_when_a_version_is_unreadable) {
    test::temp_dir dir;
    const document base = test::rich_document();
    document ours = base, theirs = base;
    ours.personas[0].stages[0].duration = "3-5 weeks";
    theirs.personas[0].stages[0].key_message = "Try it free";
    theirs.metadata.title = "Q4";
    const std::string base_path = dir.file("base.bpm"), ours_path = dir.file("ours.bpm"),
                      theirs_path = dir.file("theirs.json"), out = dir.file("out.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(base, base_path)));
    BOOST_TEST_REQUIRE(bool(save_bpm(ours, ours_path)));
    BOOST_TEST_REQUIRE(bool(save_json(theirs, theirs_path)));

    // Clean: both changes in OUT, nothing said.
    auto r = cli({"merge", base_path, ours_path, theirs_path, "-o", out});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.empty());
    auto merged = load_bpm(out);
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    document expected = ours;
    expected.personas[0].stages[0].key_message = "Try it free";
    expected.metadata.title = "Q4";
    BOOST_TEST((*merged.value == expected));

    // Both changed the duration: OUT (here JSON) keeps ours and records the conflict; exit 1.
    theirs.personas[0].stages[0].duration = "4 weeks";
    BOOST_TEST_REQUIRE(bool(save_json(theirs, theirs_path)));
    const std::string out_json = dir.file("out.json");
    r = cli({"merge", base_path, ours_path, theirs_path, "--output", out_json});
    BOOST_TEST(r.exit_code == 1, r.err);
    BOOST_TEST(r.err == out_json + ": 1 conflict, kept as ours' value and recorded in the map (bpmap-cli validate "
                                   "lists it):\n"
                                   "  Marketing Director › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'\n");
    merged = load_json(out_json);
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    BOOST_TEST(merged.value->personas[0].stages[0].duration == "3-5 weeks");
    BOOST_TEST_REQUIRE(merged.value->conflicts.size() == 1u);
    BOOST_TEST(merged.value->conflicts[0].theirs == "4 weeks");

    // validate lists it, as a warning.
    r = cli({"validate", out_json});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == out_json + ": valid (2 personas, 2 stages), with 1 unresolved conflict\n");
    BOOST_TEST(r.err == out_json + ": warning: unresolved conflict: Marketing Director › Awareness › Duration: ours "
                                   "'3-5 weeks', theirs '4 weeks'\n");
    // ... and diff shows it.
    r = cli({"diff", ours_path, out_json});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out.find("\n! conflict: Marketing Director › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'\n") !=
                   std::string::npos,
               r.out);

    // A version that is no map: located, exit 2, OUT not written.
    const std::string broken = dir.file("broken.bpm"), untouched = dir.file("untouched.bpm");
    test::spit(broken, test::slurp(ours_path) + "<<<<<<< ours\n");
    r = cli({"merge", base_path, ours_path, broken, "-o", untouched});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find(broken + ":") == 0u, r.err);
    BOOST_TEST(!fs::exists(untouched));
    r = cli({"merge", dir.file("missing.bpm"), ours_path, theirs_path, "-o", untouched});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find(dir.file("missing.bpm") + ": cannot open") == 0u, r.err);
    BOOST_TEST(!fs::exists(untouched));

    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"merge", base_path, ours_path}, {"merge", base_path, ours_path, theirs_path, "-o", dir.file("out.txt")},
             {"merge", base_path, ours_path, theirs_path, theirs_path}, {"merge", base_path, ours_path, theirs_path, "-x"}}) {
        r = cli(args);
        BOOST_TEST(r.exit_code == 2, args.back());
        BOOST_TEST(r.err.find("Usage:") != std::string::npos, args.back());
    }
    BOOST_TEST(cli({"--help"}).out.find("merge BASE OURS THEIRS [-o OUT] [--name PATH]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(merge_as_gits_driver_writes_into_ours_and_names_the_map_by_its_path) {
    test::temp_dir dir;
    const document base = test::rich_document();
    document ours = base, theirs = base;
    ours.metadata.title = "Ours";
    theirs.metadata.title = "Theirs";
    theirs.personas[1].status = persona_status::completed;
    // git's temporary copies have names of their own; %P names the map.
    const std::string o = dir.file(".merge_file_O"), a = dir.file(".merge_file_A"), b = dir.file(".merge_file_B");
    BOOST_TEST_REQUIRE(bool(save_bpm(base, o)));
    BOOST_TEST_REQUIRE(bool(save_bpm(ours, a)));
    BOOST_TEST_REQUIRE(bool(save_bpm(theirs, b)));
    auto r = cli({"merge", o, a, b, "--name", "maps/q3 plan.bpm"});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.find("maps/q3 plan.bpm: 1 conflict") == 0u, r.err);
    BOOST_TEST(r.err.find("  Map › Title: ours 'Ours', theirs 'Theirs'\n") != std::string::npos, r.err);
    auto merged = load_bpm(a);
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    BOOST_TEST(merged.value->metadata.title == "Ours");
    BOOST_TEST((merged.value->personas[1].status == persona_status::completed));
    BOOST_TEST(merged.value->conflicts.size() == 1u);

    // A version that is no map leaves %A as it was and names the version.
    const std::string before = test::slurp(a);
    test::spit(b, "<<<<<<< HEAD\n");
    r = cli({"merge", o, a, b, "--name", "q3.bpm"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("q3.bpm (theirs):1:2: not a well-formed XML document") == 0u, r.err);
    BOOST_TEST(test::slurp(a) == before);

    // Both branches added the map: git's base is an empty file, the empty map.
    test::spit(o, "");
    BOOST_TEST_REQUIRE(bool(save_bpm(theirs, b)));
    BOOST_TEST_REQUIRE(bool(save_bpm(ours, a)));
    r = cli({"merge", o, a, b, "--name", "q3.bpm"});
    BOOST_TEST(r.exit_code == 1, r.err);
    merged = load_bpm(a);
    BOOST_TEST_REQUIRE(bool(merged), merged.error());
    BOOST_TEST(merged.value->personas.size() == 2u);
    BOOST_TEST(merged.value->conflicts.size() == 1u);
}
