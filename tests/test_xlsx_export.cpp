#define BOOST_TEST_MODULE xlsx_export
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "bpm/bpm_file.h"
#include "bpm/duration.h"
#include "bpm/utf8.h"
#include "bpm/xlsx_export.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The workbook as a spreadsheet sees it, read back by tests/support/read_xlsx.py (Python's
// zipfile and xml.etree; every XML part must parse).
json read_back(const std::string& path) {
    const test::run_result r = test::run_program(BPM_PYTHON3, {BPM_READ_XLSX, path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    return json::parse(r.out);
}

const json& sheet(const json& book, std::size_t i) {
    BOOST_TEST_REQUIRE(i < book["sheets"].size());
    return book["sheets"][i];
}

// The text of a string cell, "" for an empty one; fails for a number.
std::string text(const json& ws, const std::string& cell) {
    if (!ws["cells"].contains(cell)) return {};
    const json& c = ws["cells"][cell];
    if (!c.contains("text") && !c.contains("number")) return {};
    BOOST_TEST_REQUIRE(c.contains("text"), ws["name"].get<std::string>() << "!" << cell << " is not a string cell");
    return c["text"].get<std::string>();
}

std::string cell(char column, std::size_t row) { return column + std::to_string(row); }

document saved_and_loaded_sample() {
    result<document> doc = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    return std::move(*doc.value);
}

json export_and_read(const document& doc, const test::temp_dir& dir, std::vector<diagnostic>* warnings = nullptr) {
    const std::string path = dir.file("map.xlsx");
    const result<> saved = save_xlsx(doc, path);
    BOOST_TEST_REQUIRE(bool(saved), saved.error());
    if (warnings) *warnings = saved.warnings;
    else BOOST_TEST(saved.warnings.empty());
    return read_back(path);
}

// Excel's rules for a sheet name.
bool excel_takes(const std::string& name) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < name.size();) {
        const char32_t cp = next_code_point(name, i);
        if (cp == invalid_code_point || cp < 0x20) return false;
        units += cp > 0xFFFF ? 2 : 1;
    }
    return units >= 1 && units <= 31 && name.find_first_of("[]:*?/\\") == std::string::npos && name.front() != '\'' &&
           name.back() != '\'';
}

persona named(std::string name) {
    persona p;
    p.name = std::move(name);
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_sample_reads_back_with_every_stage_field_in_the_specs_column_order) {
    test::temp_dir dir;
    const document doc = saved_and_loaded_sample();
    const json book = export_and_read(doc, dir);
    const std::vector<std::string> names = xlsx_sheet_names(doc);
    BOOST_TEST_REQUIRE(book["sheets"].size() == doc.personas.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) BOOST_TEST(sheet(book, i)["name"] == names[i]);
    BOOST_TEST(names[0] == "Overview");
    BOOST_TEST(names[1] == "Emma Rodriguez — Home Decor");

    const json& overview = sheet(book, 0);
    BOOST_TEST(text(overview, "A1") == "Persona");
    for (std::size_t k = 0; k < doc.personas.size(); ++k) {
        const persona& p = doc.personas[k];
        const json& ws = sheet(book, k + 1);
        BOOST_TEST(text(overview, cell('A', k + 2)) == p.name);
        BOOST_TEST_CONTEXT(p.name) {
            const char columns[] = "BCDEFGH";
            for (std::size_t f = 0; f < all_stage_fields.size(); ++f)
                BOOST_TEST(text(ws, cell(columns[f], 1)) == stage_field_title(all_stage_fields[f]));
            BOOST_TEST(text(ws, "A1") == "#");
            BOOST_TEST_REQUIRE(!p.stages.empty());
            for (std::size_t i = 0; i < p.stages.size(); ++i) {
                BOOST_TEST(ws["cells"][cell('A', i + 2)]["number"] == double(i + 1));
                for (std::size_t f = 0; f < all_stage_fields.size(); ++f)
                    BOOST_TEST(text(ws, cell(columns[f], i + 2)) == p.stages[i].field(all_stage_fields[f]));
            }
            BOOST_TEST(!ws["cells"].contains(cell('A', p.stages.size() + 2)));
            BOOST_TEST(text(ws, "J1") == "Pain points");
            for (std::size_t i = 0; i < p.pain_points.size(); ++i)
                BOOST_TEST(text(ws, cell('J', i + 2)) == p.pain_points[i].text);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_overview_has_a_row_per_persona_and_the_profile_columns_someone_fills) {
    test::temp_dir dir;
    const document doc = test::rich_document();
    const json ws = sheet(export_and_read(doc, dir), 0);
    // Role, organisation, segment and success metric are filled for the first persona only.
    const std::vector<std::string> headers = {"Persona", "Role", "Organisation", "Segment", "Primary success metric",
                                              "Status", "Stages", "Whole cycle", "Pain points"};
    for (std::size_t i = 0; i < headers.size(); ++i) BOOST_TEST(text(ws, cell(char('A' + i), 1)) == headers[i]);
    BOOST_TEST(text(ws, "A2") == "Marketing Director");
    BOOST_TEST(text(ws, "B2") == "VP Marketing");
    BOOST_TEST(text(ws, "C2") == "Maison Éclat");
    BOOST_TEST(text(ws, "F2") == "Completed");
    BOOST_TEST(ws["cells"]["G2"]["number"] == 2.0);
    BOOST_TEST(text(ws, "H2") == format_day_range(*total_duration(doc.personas[0]).known));
    BOOST_TEST(text(ws, "I2") == "Too expensive (Financial)\nWastes time on reports (Productivity)\n"
                                 "Workflow is too complex; too many tools (Process)\nNo one answers tickets (Support)\n"
                                 "Board pressure (Other)\nUncategorised point");
    BOOST_TEST(text(ws, "A3") == "   ");
    BOOST_TEST(text(ws, "F3") == "In progress");
    BOOST_TEST(ws["cells"]["G3"]["number"] == 0.0);
    BOOST_TEST(text(ws, "H3") == "");

    // Without any profile, no profile columns.
    document bare;
    bare.personas = {named("Buyer")};
    const json plain = sheet(export_and_read(bare, dir), 0);
    BOOST_TEST(text(plain, "B1") == "Status");
    BOOST_TEST(text(plain, "E1") == "Pain points");

    // A persona's sheet says when it has no stages, and lists categories beside its pain points.
    const json empty = sheet(export_and_read(doc, dir), 2);
    BOOST_TEST(empty["name"] == "Persona 2");
    BOOST_TEST(text(empty, "B2") == "No buying stages mapped yet.");
    const json first = sheet(export_and_read(doc, dir), 1);
    BOOST_TEST(text(first, "K1") == "Category");
    BOOST_TEST(text(first, "K2") == "Financial");
    BOOST_TEST(text(first, "K7") == "");
}

BOOST_AUTO_TEST_CASE(header_rows_are_bold_and_frozen_text_wraps_and_columns_fit_their_content) {
    test::temp_dir dir;
    const json book = export_and_read(saved_and_loaded_sample(), dir);
    for (const json& ws : book["sheets"]) {
        BOOST_TEST_CONTEXT(ws["name"].get<std::string>()) {
            BOOST_TEST(ws["frozen"]["rows"] == 1);
            BOOST_TEST(ws["frozen"]["columns"] == (ws["name"] == "Overview" ? 1 : 2));
            for (const auto& [ref, c] : ws["cells"].items()) {
                const bool header = ref.size() == 2 && ref[1] == '1';
                BOOST_TEST(c["bold"] == header, ref);
                if (c.contains("text")) BOOST_TEST(c["wrap"] == true, ref);
            }
            // Every column with content has a width of its own, from narrow to wide.
            for (const auto& [ref, c] : ws["cells"].items()) {
                const std::string column = ref.substr(0, ref.find_first_of("0123456789"));
                BOOST_TEST_REQUIRE(ws["widths"].contains(column), ref);
                const double width = ws["widths"][column];
                BOOST_TEST(width >= 6.0);
                BOOST_TEST(width <= 61.0);
            }
        }
    }
    const json& emma = sheet(book, 1);
    // "#" is narrow, a stage name about as wide as the longest, long texts wrap at the widest.
    BOOST_TEST(emma["widths"]["A"] < 8.0);
    BOOST_TEST(emma["widths"]["B"] > 12.0);
    BOOST_TEST(emma["widths"]["B"] < 30.0);
    BOOST_TEST(emma["widths"]["C"] > 59.0);
    // Rows of wrapped text are as tall as their lines, a header row keeps the default height.
    BOOST_TEST(!emma["heights"].contains("1"));
    for (const char* row : {"2", "3", "4", "5", "6"}) {
        BOOST_TEST_REQUIRE(emma["heights"].contains(row), row);
        BOOST_TEST(emma["heights"][row] >= 30.0, row);
    }

    // 15 points a line: lines of their own, lines wrapped at the column's width, at most 409 points.
    test::temp_dir other;
    document doc;
    persona p = named("Heights");
    stage three, wrapped, tall;
    three.name = "one\ntwo\nthree";
    wrapped.name = "short";
    wrapped.buyer_actions = std::string(150, 'w');  // a column of 60 holds it in three lines
    wrapped.duration = "2 weeks";
    tall.name = std::string(100, 'x') + std::string(60, '\n');
    p.stages = {three, wrapped, tall};
    doc.personas = {p};
    const json book_of_heights = export_and_read(doc, other);
    const json& heights = sheet(book_of_heights, 1)["heights"];
    BOOST_TEST(heights["2"] == 45.0);
    BOOST_TEST(heights["3"] == 45.0);
    BOOST_TEST(heights["4"] == 409.0);
}

BOOST_AUTO_TEST_CASE(every_text_is_a_string_cell_never_a_formula) {
    test::temp_dir dir;
    document doc;
    persona p = named("=HYPERLINK(\"http://evil.example\",\"Click\")");
    p.pain_points = {{"+23% faster close", pain_category::none}, {"@SUM(A1:A9)", pain_category::none}};
    stage s;
    s.name = "=1+1";
    s.buyer_actions = "-2";
    s.duration = "3";
    s.key_influencers = "\tTab first";
    s.seller_actions = "\uFF1D1+1";
    s.content_type = "'quoted";
    s.key_message = "=cmd|' /C calc'!A0";
    p.stages = {s};
    doc.personas = {p};
    const json book = export_and_read(doc, dir);
    for (const json& ws : book["sheets"]) BOOST_TEST(ws["formulas"] == 0);
    const json& ws = sheet(book, 1);
    const char columns[] = "BCDEFGH";
    for (std::size_t f = 0; f < all_stage_fields.size(); ++f) {
        BOOST_TEST(ws["cells"][cell(columns[f], 2)]["type"] == "s");
        // As typed: no apostrophe is added, since a string cell is never run.
        BOOST_TEST(text(ws, cell(columns[f], 2)) == s.field(all_stage_fields[f]));
    }
    BOOST_TEST(text(sheet(book, 0), "A2") == p.name);
    BOOST_TEST(text(ws, "J2") == "+23% faster close");
    BOOST_TEST(text(ws, "J3") == "@SUM(A1:A9)");
}

BOOST_AUTO_TEST_CASE(emoji_right_to_left_text_and_control_characters_read_back_as_written) {
    test::temp_dir dir;
    const std::string control = std::string("bell\a, escape\x1b, null ") + '\0' + " and form feed\f";
    document doc;
    doc.metadata.title = "Title with a bell\a and U+FFFF \xEF\xBF\xBF";
    doc.metadata.created_by = "Ana\x01 Müller";
    persona p = named("مدير التسويق 👩‍💼\x07");
    p.pain_points = {{"שיווק יקר מדי", pain_category::financial}};
    stage s;
    s.name = "🚀 Launch 🇫🇷";
    s.buyer_actions = "يبحث عن حلول\nسه‌شنبه";
    s.duration = "1~2 weeks";
    s.key_influencers = control;
    s.seller_actions = "Windows line\r\nbreaks and a lone\rreturn";
    s.content_type = "literal _x0041_ and _x005F_ and _xZZZZ_ stay as typed";
    s.key_message = "  leading and trailing spaces, \uFFFE a noncharacter, \xF0\x9D\x84\x9E  ";
    p.stages = {s};
    doc.personas = {p};
    const json book = export_and_read(doc, dir);
    // Every part parsed (read_xlsx.py fails otherwise); the workbook and the properties included.
    const json& parts = book["parts"];
    for (const char* part : {"xl/workbook.xml", "docProps/core.xml", "xl/sharedStrings.xml"})
        BOOST_TEST((std::find(parts.begin(), parts.end(), part) != parts.end()), part);
    BOOST_TEST(book["properties"]["title"] == "Title with a bell and U+FFFF ");
    BOOST_TEST(book["properties"]["creator"] == "Ana Müller");

    const json& ws = sheet(book, 1);
    BOOST_TEST(ws["name"] == "مدير التسويق 👩‍💼");
    BOOST_TEST(text(sheet(book, 0), "A2") == p.name);
    BOOST_TEST(text(ws, "B2") == s.name);
    BOOST_TEST(text(ws, "C2") == s.buyer_actions);
    BOOST_TEST(text(ws, "E2") == control);
    // Spreadsheets break lines in a cell at LF.
    BOOST_TEST(text(ws, "F2") == "Windows line\nbreaks and a lone\nreturn");
    BOOST_TEST(text(ws, "G2") == s.content_type);
    BOOST_TEST(text(ws, "H2") == s.key_message);
    BOOST_TEST(text(ws, "J2") == "שיווק יקר מדי");

    // Invalid UTF-8, which no loaded map holds, still gives a well-formed file.
    doc.personas[0].stages[0].key_message = "cut \xFF short";
    doc.personas[0].name = "bad \xFF name";
    const json bad = export_and_read(doc, dir);
    BOOST_TEST(text(sheet(bad, 1), "H2") == "cut \uFFFD short");
    BOOST_TEST(sheet(bad, 1)["name"] == "bad name");
}

BOOST_AUTO_TEST_CASE(a_text_longer_than_an_excel_cell_holds_is_cut_with_a_warning) {
    test::temp_dir dir;
    document doc;
    persona p = named("Long");
    stage s;
    s.name = "Fits";
    s.buyer_actions = std::string(xlsx_max_cell_chars, 'a');  // exactly the most a cell holds
    s.key_message = std::string(40000, 'm');
    // Emoji count two: 20,000 of them are 40,000 code units, and none is cut in half.
    for (int i = 0; i < 20000; ++i) s.seller_actions += "😀";
    p.stages = {s};
    p.pain_points = {{std::string(xlsx_max_cell_chars + 1, 'p'), pain_category::none}};
    doc.personas = {p};
    std::vector<diagnostic> warnings;
    const json book = export_and_read(doc, dir, &warnings);
    const json& ws = sheet(book, 1);
    BOOST_TEST(text(ws, "C2") == s.buyer_actions);
    const std::string message = text(ws, "H2");
    BOOST_TEST(message == std::string(xlsx_max_cell_chars - 1, 'm') + "…");
    const std::string seller = text(ws, "F2");
    BOOST_TEST(seller.size() == (xlsx_max_cell_chars - 1) / 2 * 4 + 3);
    BOOST_TEST(seller.substr(seller.size() - 7) == "😀…");
    BOOST_TEST(text(ws, "J2") == std::string(xlsx_max_cell_chars - 1, 'p') + "…");
    // The overview's pain points cell is cut as well: one warning per cut cell, naming it.
    BOOST_TEST(text(sheet(book, 0), "E2").size() == (xlsx_max_cell_chars - 1) + 3);
    BOOST_TEST_REQUIRE(warnings.size() == 4u);
    BOOST_TEST(warnings[0].message ==
               "sheet \"Overview\", cell E2 (Pain points): the text has 32768 characters, more than the 32767 an "
               "Excel cell holds, and is cut short");
    BOOST_TEST(warnings[1].message.find("sheet \"Long\", cell F2 (Seller Actions): the text has 40000 characters") == 0u,
               warnings[1].message);
    BOOST_TEST(warnings[2].message.find("sheet \"Long\", cell H2 (Key Message)") == 0u, warnings[2].message);
    BOOST_TEST(warnings[3].message.find("sheet \"Long\", cell J2 (Pain points)") == 0u, warnings[3].message);

    // Escapes count as what they are written as, so libxlsxwriter takes the cell too.
    bool cut = false;
    const std::string controls = xlsx_cell_text(std::string(5000, '\x01'), &cut);
    BOOST_TEST(cut);
    BOOST_TEST(controls == [] {
        std::string expected;
        for (std::size_t i = 0; i < (xlsx_max_cell_chars - 1) / 7; ++i) expected += "_x0001_";
        return expected + "…";
    }());
}

BOOST_AUTO_TEST_CASE(sheet_names_follow_excels_rules) {
    document doc;
    for (const char* name :
         {"Emma Rodriguez — Home Decor E-commerce Director", "Sales/Ops: [EMEA] *lead*?", "'Quoted'", "  ", "",
          "history", "OVERVIEW", "Buyer", "buyer", "BUYER", "Émile", "ÉMILE", "Σίσυφος", "ΣΊΣΥΦΟΣ",
          "A name of exactly thirty-one ch", "A name of exactly thirty-one ch", "Line\nbreak\ttab",
          "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "Chief Revenue Officer — Enterprise Software"})
        doc.personas.push_back(named(name));
    const std::vector<std::string> names = xlsx_sheet_names(doc);
    const std::vector<std::string> expected = {
        "Overview",
        "Emma Rodriguez — Home Decor",  // cut at a word, without the dash
        "Sales-Ops- (EMEA) -lead--",
        "Quoted",
        "Persona 4",
        "Persona 5",
        "history (2)",  // Excel keeps "History"
        "OVERVIEW (2)",
        "Buyer",
        "buyer (2)",
        "BUYER (3)",
        "Émile",
        "ÉMILE (2)",
        "Σίσυφος",
        "ΣΊΣΥΦΟΣ (2)",
        "A name of exactly thirty-one ch",
        "A name of exactly thirty-on (2)",
        "Line break tab",
        "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",  // 15 emoji are 30 code units
        "Chief Revenue Officer",
    };
    BOOST_TEST(names == expected, boost::test_tools::per_element());
    std::set<std::string> seen;
    for (const std::string& name : names) {
        BOOST_TEST(excel_takes(name), name);
        BOOST_TEST(seen.insert(name).second, name);
    }
}

BOOST_AUTO_TEST_CASE(a_cancelled_or_failed_export_leaves_the_old_file_and_no_temporary_one) {
    test::temp_dir dir, scratch;
    const fs::path out_dir = dir.path() / "out";
    fs::create_directory(out_dir);
    const std::string path = (out_dir / "map.xlsx").string();
    test::spit(path, "the earlier export");
    // libxlsxwriter's working files and ours go to the temporary folder.
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string previous_tmpdir = tmpdir ? tmpdir : "";
    setenv("TMPDIR", scratch.path().c_str(), 1);
    const document doc = saved_and_loaded_sample();

    std::vector<std::size_t> told;
    BOOST_TEST_REQUIRE(bool(save_xlsx(doc, dir.file("whole.xlsx"), {}, [&](std::size_t done, std::size_t total) {
        BOOST_TEST(total == 1000u);
        BOOST_TEST((told.empty() || done >= told.back()));
        told.push_back(done);
        return true;
    })));
    BOOST_TEST(told.back() == 1000u);
    BOOST_TEST(told.size() >= doc.personas.size() + 2);
    BOOST_TEST(fs::is_empty(scratch.path()));

    // Cancelled at each point it tells, from the first sheet to the last byte copied.
    for (std::size_t stop = 0; stop < told.size(); ++stop) {
        std::size_t calls = 0;
        const result<> r = save_xlsx(doc, path, {}, [&](std::size_t, std::size_t) { return calls++ < stop; });
        BOOST_TEST(r.was_cancelled(), stop);
        BOOST_TEST(r.problems.empty());
        BOOST_TEST(test::slurp(path) == "the earlier export");
        BOOST_TEST(std::distance(fs::directory_iterator(out_dir), fs::directory_iterator()) == 1);
        BOOST_TEST(fs::is_empty(scratch.path()), stop);
    }

    // A folder that does not exist, and one that cannot be written.
    const result<> nowhere = save_xlsx(doc, (out_dir / "missing" / "map.xlsx").string());
    BOOST_TEST(!nowhere);
    BOOST_TEST(nowhere.error().find((out_dir / "missing").string()) != std::string::npos, nowhere.error());
    if (geteuid() != 0) {
        fs::permissions(out_dir, fs::perms::owner_read | fs::perms::owner_exec);
        const result<> refused = save_xlsx(doc, path);
        fs::permissions(out_dir, fs::perms::owner_all);
        BOOST_TEST(!refused);
        BOOST_TEST(refused.error().find(path) != std::string::npos, refused.error());
        BOOST_TEST(test::slurp(path) == "the earlier export");
    }
    BOOST_TEST(fs::is_empty(scratch.path()));

    // Without a temporary folder to put the workbook together in.
    setenv("TMPDIR", (dir.path() / "no such folder").c_str(), 1);
    const result<> no_scratch = save_xlsx(doc, path);
    BOOST_TEST(!no_scratch);
    BOOST_TEST(no_scratch.error().find("temporary folder") != std::string::npos, no_scratch.error());
    BOOST_TEST(test::slurp(path) == "the earlier export");
    BOOST_TEST(std::distance(fs::directory_iterator(out_dir), fs::directory_iterator()) == 1);
    if (tmpdir) setenv("TMPDIR", previous_tmpdir.c_str(), 1);
    else unsetenv("TMPDIR");
}

BOOST_AUTO_TEST_CASE(the_same_map_and_creation_time_give_the_same_bytes) {
    test::temp_dir dir;
    const document doc = test::rich_document();
    xlsx_options options;
    options.created_at = "2026-11-21T09:30:00Z";
    BOOST_TEST_REQUIRE(bool(save_xlsx(doc, dir.file("a.xlsx"), options)));
    BOOST_TEST_REQUIRE(bool(save_xlsx(doc, dir.file("b.xlsx"), options)));
    BOOST_TEST(test::slurp(dir.file("a.xlsx")) == test::slurp(dir.file("b.xlsx")));
    const json book = read_back(dir.file("a.xlsx"));
    BOOST_TEST(book["properties"]["created"] == "2026-11-21T09:30:00Z");
    BOOST_TEST(book["properties"]["title"] == "Q3 go-to-market <draft> & notes");
    BOOST_TEST(book["properties"]["creator"] == "Ana Müller");
}
