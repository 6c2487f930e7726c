#define BOOST_TEST_MODULE csv_import
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "bpm/bpm_file.h"
#include "bpm/csv_import.h"
#include "bpm/export_text.h"
#include "bpm/json_format.h"
#include "bpm/map_formats.h"
#include "bpm/map_size.h"
#include "bpm/utf8.h"
#include "test_support.h"

using namespace bpm;

namespace {

using rows = std::vector<std::vector<std::string>>;

// The cells of a table, row by row.
rows cells_of(const csv_table& table) {
    rows out(table.row_count());
    for (std::size_t r = 0; r < table.row_count(); ++r)
        for (std::size_t c = 0; c < table.cell_count(r); ++c) out[r].emplace_back(table.cell(r, c));
    return out;
}

csv_table table_of(std::string_view text, char separator = 0) {
    result<csv_table> t = read_csv_table(text, separator);
    BOOST_TEST_REQUIRE(bool(t), t.error());
    return std::move(*t.value);
}

// The map a CSV text holds, its layout guessed, as a file named "Sheet.csv" would give it.
result<document> import_text(std::string_view text, std::optional<csv_layout> layout = std::nullopt) {
    const csv_table table = table_of(text);
    return import_csv(table, guess_csv_mapping(table, layout), "Sheet");
}

document imported(std::string_view text, std::optional<csv_layout> layout = std::nullopt) {
    result<document> doc = import_text(text, layout);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    return std::move(*doc.value);
}

// Each warning as "LINE:COL: message".
std::vector<std::string> warnings_of(const std::vector<diagnostic>& warnings) {
    std::vector<std::string> out;
    for (const diagnostic& d : warnings) out.push_back(d.to_string());
    return out;
}

bool has_warning(const std::vector<diagnostic>& warnings, const std::string& located_start) {
    for (const diagnostic& d : warnings)
        if (d.to_string().rfind(located_start, 0) == 0) return true;
    return false;
}

// The document as the CSV export can carry it: no metadata, profiles, summaries, creators, update
// times or pain point categories, and the pain points as the spec's "; "-joined column has them (a
// point that holds ";" is two).
document as_csv_carries(document d) {
    d.metadata = {};
    for (persona& p : d.personas) {
        p.profile = {};
        p.summary.reset();
        p.created_by.clear();
        p.last_updated_at.clear();
        p.pain_points = split_pain_points(p.pain_points_text());
    }
    return d;
}

// The CSV export of doc read back, with separator between its cells.
document exported_and_imported(const document& doc, char separator) {
    const std::string csv = *to_csv(doc, {separator}).value;
    const decoded_text text = decode_text_file(csv);
    return imported(text.text);
}

const std::string header = "persona_id,persona_name,persona_pain_points,status,stage_number,stage_id,stage_name,"
                           "buyer_actions,duration,key_influencers,seller_actions,content_type,key_message\r\n";

}  // namespace

// --- Reading cells ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(quoted_cells_hold_separators_line_breaks_and_doubled_quotes) {
    BOOST_TEST((cells_of(table_of("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"\",x\r\n")) ==
                rows{{"a", "b,c", "say \"hi\""}, {"two\nlines", "", "x"}}));
    BOOST_TEST((cells_of(table_of("a,b,\n,,\n")) == rows{{"a", "b", ""}, {"", "", ""}}));
}

BOOST_AUTO_TEST_CASE(rows_end_at_crlf_lf_or_a_lone_cr_and_a_final_break_adds_no_row) {
    for (const char* text : {"a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d"})
        BOOST_TEST((cells_of(table_of(text)) == rows{{"a", "b"}, {"c", "d"}}), text);
    BOOST_TEST((cells_of(table_of("a\n\nb\n\n")) == rows{{"a"}, {""}, {"b"}, {""}}));
    BOOST_TEST(table_of("").row_count() == 0u);
}

BOOST_AUTO_TEST_CASE(the_separator_is_the_one_that_splits_the_header_line_most_outside_quotes) {
    BOOST_TEST(table_of("Stage,Buyer actions,Duration\r\n").separator() == ',');
    BOOST_TEST(table_of("Stage;Buyer actions, notes;Duration\r\n").separator() == ';');
    BOOST_TEST(table_of("Stage\tBuyer actions; notes, more\tDuration\n").separator() == '\t');
    BOOST_TEST(table_of("\"Stage;Phase\",Duration\n").separator() == ',');
    BOOST_TEST(table_of("Stage\nA;B;C;D\n").separator() == ',');  // only the first line counts
    const csv_table excel = table_of("sep=;\r\nStage;Duration\r\nA,1;2\r\n");
    BOOST_TEST(excel.separator() == ';');
    BOOST_TEST((cells_of(excel) == rows{{"Stage", "Duration"}, {"A,1", "2"}}));
    BOOST_TEST(excel.position(0, 0).line == 2u);
    // A separator given is used, and a "sep=" line is then a row as any other.
    BOOST_TEST((cells_of(table_of("sep=;\na;b,c\n", ',')) == rows{{"sep=;"}, {"a;b", "c"}}));
}

BOOST_AUTO_TEST_CASE(a_leading_quote_opens_a_quoted_cell_only_when_it_closes_the_cell) {
    BOOST_TEST((cells_of(table_of("\"a\" b,c\n")) == rows{{"\"a\" b", "c"}}));
    BOOST_TEST((cells_of(table_of("\"Quick win\" pilot;30 days\n", ';')) == rows{{"\"Quick win\" pilot", "30 days"}}));
    BOOST_TEST((cells_of(table_of("a\"b\",c")) == rows{{"a\"b\"", "c"}}));
    BOOST_TEST((cells_of(table_of("\"\",x")) == rows{{"", "x"}}));
    // A quote never closed is text, and the table says where it is.
    const csv_table open = table_of("x,y\n\"open,x\ny,z\n");
    BOOST_TEST((cells_of(open) == rows{{"x", "y"}, {"\"open", "x"}, {"y", "z"}}));
    BOOST_TEST_REQUIRE(open.unclosed_quote().has_value());
    BOOST_TEST(open.unclosed_quote()->line == 2u);
    BOOST_TEST(open.unclosed_quote()->column == 1u);
    BOOST_TEST(!table_of("\"a\" b,c\n\"d\"\n").unclosed_quote());
}

BOOST_AUTO_TEST_CASE(case_16_excel_rows_with_stray_quotes_keep_every_row_and_quote) {
    const csv_table t = table_of(test::slurp(test::data("excel-clipboard-quotes.tsv")), '\t');
    BOOST_TEST_REQUIRE(t.row_count() == 5u);
    BOOST_TEST(t.cell(0, 0) == "\"Quick win\" pilot");
    BOOST_TEST(t.cell(1, 1) == "Asks: \"Must have SSO");
    BOOST_TEST(t.cell(2, 1) == "\"Board wants payback < 6 months");
    BOOST_TEST(t.cell(4, 0) == "Onboarding\n(phase 1)");
    BOOST_TEST(!t.unclosed_quote());
}

BOOST_AUTO_TEST_CASE(cells_know_their_line_and_column_in_characters) {
    const csv_table t = table_of("Stäge,\"two\nlines\",x\r\nÉ,\"é\",z\ry\n");
    BOOST_TEST(t.position(0, 1).line == 1u);
    BOOST_TEST(t.position(0, 1).column == 7u);
    BOOST_TEST(t.position(0, 2).line == 2u);
    BOOST_TEST(t.position(0, 2).column == 8u);
    BOOST_TEST(t.position(1, 2).line == 3u);
    BOOST_TEST(t.position(1, 2).column == 7u);
    BOOST_TEST(t.position(2, 0).line == 4u);
    BOOST_TEST(t.position(2, 5).column == 1u);  // past the row's end: its last cell
}

BOOST_AUTO_TEST_CASE(ragged_rows_keep_their_cells_and_read_empty_past_their_end) {
    const csv_table t = table_of("a,b,c\nd\ne,f,g,h\n");
    BOOST_TEST(t.cell_count(1) == 1u);
    BOOST_TEST(t.column_count() == 4u);
    BOOST_TEST(t.cell(1, 2).empty());
    BOOST_TEST(t.cell(9, 0).empty());
    BOOST_TEST(t.is_blank(1) == false);
    BOOST_TEST(table_of(",,\n").is_blank(0));
}

BOOST_AUTO_TEST_CASE(hostile_text_is_read_in_one_pass) {
    // Each of these would take hours if a cell's end were searched for again from each quote.
    std::string quotes;
    for (int i = 0; i < 200000; ++i) quotes += "\"x,";
    BOOST_TEST(table_of(quotes).cell_count(0) == 200001u);
    BOOST_TEST(table_of(quotes).unclosed_quote().has_value());
    std::string lines;
    for (int i = 0; i < 200000; ++i) lines += "\"\"\"\"x\n";
    BOOST_TEST(table_of(lines).row_count() == 200000u);
    BOOST_TEST(table_of(std::string(3000000, ',')).cell_count(0) == 3000001u);
    BOOST_TEST(table_of(std::string(3000000, '\n')).row_count() == 3000000u);
    BOOST_TEST(!read_csv_table(std::string(max_document_bytes + 1, 'a')));
}

BOOST_AUTO_TEST_CASE(more_cells_than_a_spreadsheet_holds_are_refused_where_they_pass_the_limit) {
    const result<csv_table> separators = read_csv_table(std::string(max_csv_cells, ';'));
    BOOST_TEST_REQUIRE(!separators);
    BOOST_TEST(separators.error() ==
               "1:10000001: more than 10 million cells, more than a spreadsheet holds (Google Sheets' limit)");
    BOOST_TEST(bool(read_csv_table(std::string(max_csv_cells - 1, ';'))));
}

BOOST_AUTO_TEST_CASE(reading_tells_its_progress_and_can_be_cancelled) {
    std::string text = header;
    while (text.size() < 1000000) text += "p,P,,in_progress,1,s,Stage,a,b,c,d,e,f\r\n";
    std::size_t told = 0, last = 0;
    const auto doc = read_csv_table(text, 0, [&](std::size_t done, std::size_t total) {
        ++told;
        last = done;
        return total == text.size();
    });
    BOOST_TEST(bool(doc));
    BOOST_TEST(told > 10u);
    BOOST_TEST(last <= text.size());
    BOOST_TEST(read_csv_table(text, 0, [](std::size_t, std::size_t) { return false; }).was_cancelled());
}

// --- Which column holds what -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(headers_are_named_by_the_spec_our_export_and_common_synonyms) {
    const std::vector<std::pair<const char*, csv_column>> names = {
        {"Stage", csv_column::stage_name},          {"stage_name", csv_column::stage_name},
        {"Phase", csv_column::stage_name},           {"Step", csv_column::stage_name},
        {"Buyer actions", csv_column::buyer_actions}, {"BUYER_ACTIONS", csv_column::buyer_actions},
        {"Activities", csv_column::buyer_actions},   {"Buyer action(s)", csv_column::buyer_actions},
        {"Influencers", csv_column::key_influencers}, {"Stakeholders", csv_column::key_influencers},
        {"key-influencers", csv_column::key_influencers}, {"Seller actions", csv_column::seller_actions},
        {"Sales actions", csv_column::seller_actions}, {"Content", csv_column::content_type},
        {"Assets", csv_column::content_type},        {"Content Type", csv_column::content_type},
        {"Message", csv_column::key_message},        {"Key message", csv_column::key_message},
        {"Persona", csv_column::persona_name},        {"Persona name", csv_column::persona_name},
        {"persona_id", csv_column::persona_id},       {"Pain points", csv_column::pain_points},
        {"persona_pain_points", csv_column::pain_points}, {"Duration", csv_column::duration},
        {"Time", csv_column::duration},               {" time frame ", csv_column::duration},
        {"Status", csv_column::status},               {"#", csv_column::stage_number},
        {"stage_number", csv_column::stage_number},   {"stage_id", csv_column::stage_id},
        {"Company", csv_column::organisation},        {"Primary Success Metric", csv_column::success_metric},
        {"Notes", csv_column::none},                  {"", csv_column::none},
    };
    for (const auto& [header, column] : names)
        BOOST_TEST((csv_column_for_header(header) == column), '"' << header << '"');
    for (const csv_column c : all_csv_columns) BOOST_TEST((csv_column_for_header(csv_column_title(c)) == c));
}

BOOST_AUTO_TEST_CASE(the_guess_finds_the_header_row_and_each_column) {
    const csv_mapping m = guess_csv_mapping(table_of("Stage,Notes,Buyer actions,Content,Content type\n"));
    BOOST_TEST((m.layout == csv_layout::stages_in_rows));
    BOOST_TEST(m.header == 0u);
    const std::vector<csv_column> expected = {csv_column::stage_name, csv_column::none, csv_column::buyer_actions,
                                              csv_column::content_type, csv_column::none};
    BOOST_TEST((m.columns == expected));
    // A title above the headers, as sheets often have.
    const csv_mapping titled = guess_csv_mapping(table_of("Buying journey of ACME,,\n,,\nPhase,Activities,Time\n"));
    BOOST_TEST(titled.header == 2u);
    BOOST_TEST((titled.columns[2] == csv_column::duration));
}

BOOST_AUTO_TEST_CASE(the_transposed_layout_is_found_from_the_first_column_or_chosen) {
    const csv_table t = table_of("Stage,Awareness,Decision\nBuyer actions,Reads,Signs\nDuration,1 week,2 weeks\n");
    const csv_mapping m = guess_csv_mapping(t);
    BOOST_TEST((m.layout == csv_layout::stages_in_columns));
    BOOST_TEST((m.columns == std::vector<csv_column>{csv_column::stage_name, csv_column::buyer_actions,
                                                     csv_column::duration}));
    BOOST_TEST((guess_csv_mapping(t, csv_layout::stages_in_rows).layout == csv_layout::stages_in_rows));
    // Without a header naming the stages, an unnamed first row does.
    const csv_mapping unnamed =
        guess_csv_mapping(table_of(",Awareness,Decision\nActivities,Reads,Signs\nTime,1w,2w\n"));
    BOOST_TEST((unnamed.layout == csv_layout::stages_in_columns));
    BOOST_TEST((unnamed.columns[0] == csv_column::stage_name));
}

// --- The map ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(our_export_reads_back_to_the_same_map_with_each_separator) {
    std::vector<document> maps;
    maps.push_back(*load_bpm(test::sample("nlyzer-b2b-personas.bpm")).value);
    maps.push_back(*load_json(test::data("csv-formula-cells.json")).value);
    maps.push_back(*load_json(test::data("csv-excel-utf8.json")).value);
    BOOST_TEST_REQUIRE(maps[0].personas.size() == 8u);
    // A value that starts with an apostrophe before a sign keeps it: the guard is one more.
    maps[1].personas[0].stages[0].content_type = "'=not a formula";
    maps[1].personas[0].stages[0].duration = "'plain quote";
    for (const document& doc : maps)
        for (const char separator : {',', ';', '\t'}) {
            const document back = exported_and_imported(doc, separator);
            BOOST_TEST((back == as_csv_carries(doc)), doc.personas[0].name << " with '" << separator << "'");
            BOOST_TEST(*to_csv(back, {separator}).value == *to_csv(doc, {separator}).value);
        }
}

BOOST_AUTO_TEST_CASE(the_formula_guard_comes_off_exactly_where_the_export_put_it) {
    const document doc = exported_and_imported(*load_json(test::data("csv-formula-cells.json")).value, ',');
    const stage& s = doc.personas[0].stages[0];
    BOOST_TEST(s.buyer_actions == "-20% DSO target set by the board");
    BOOST_TEST(s.key_influencers == "@controller and the audit partner");
    BOOST_TEST(s.key_message == "+23% faster close in the pilot");
    BOOST_TEST(s.seller_actions.rfind("=HYPERLINK(", 0) == 0u);
    // An apostrophe before anything else is text.
    BOOST_TEST(imported("Stage,Duration\n'Awareness,'2 weeks\n").personas[0].stages[0].name == "'Awareness");
}

BOOST_AUTO_TEST_CASE(rows_go_to_personas_in_order_of_first_appearance) {
    const document doc = imported("Persona,Stage,Pain points\n"
                                  "Emma,Awareness,Too slow; Too dear\n"
                                  "Raj,Research,\n"
                                  ",Shortlist,\n"  // a blank persona cell continues the persona above
                                  "Emma,Decision,Too slow; Too dear\n");
    BOOST_TEST_REQUIRE(doc.personas.size() == 2u);
    BOOST_TEST(doc.personas[0].name == "Emma");
    BOOST_TEST(doc.personas[0].stages.size() == 2u);
    BOOST_TEST(doc.personas[0].stages[1].name == "Decision");
    BOOST_TEST(doc.personas[0].pain_points.size() == 2u);
    BOOST_TEST(doc.personas[1].stages.size() == 2u);
    BOOST_TEST(doc.personas[1].stages[1].name == "Shortlist");
    BOOST_TEST(doc.personas[0].id != doc.personas[1].id);
}

BOOST_AUTO_TEST_CASE(a_persona_cell_given_differently_later_is_a_located_warning) {
    const result<document> doc = import_text("Persona,Status,Stage,Pain points,Role\n"
                                             "Emma,in progress,Awareness,Too slow,CMO\n"
                                             "Emma,done,Decision,Too slow; No budget,CMO\n"
                                             "Emma,,Contract,,CFO\n");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const persona& p = doc.value->personas[0];
    BOOST_TEST((p.status == persona_status::in_progress));
    BOOST_TEST(p.profile.role == "CMO");
    BOOST_TEST(p.pain_points.size() == 2u);  // the new one is added
    BOOST_TEST(has_warning(doc.warnings, "3:6: persona \"Emma\" has another Status at line 2, which is kept"));
    BOOST_TEST(has_warning(doc.warnings, "3:20: persona \"Emma\" has other pain points at line 2; these are added"));
    BOOST_TEST(has_warning(doc.warnings, "4:17: persona \"Emma\" has another Role at line 2"));
    BOOST_TEST(doc.warnings.size() == 3u);
}

BOOST_AUTO_TEST_CASE(without_a_persona_column_the_file_is_one_persona_named_after_it) {
    test::temp_dir dir;
    const std::string path = dir.file("Emma Rodriguez.csv");
    test::spit(path, "Stage,Activities,Time\r\nAwareness,Reads,1 week\r\nDecision,Signs,2 weeks\r\n");
    const result<document> doc = load_csv(path);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST_REQUIRE(doc.value->personas.size() == 1u);
    BOOST_TEST(doc.value->personas[0].name == "Emma Rodriguez");
    BOOST_TEST(doc.value->personas[0].stages[1].duration == "2 weeks");
    BOOST_TEST(doc.warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_european_excel_file_reads_with_its_bom_semicolons_and_crlf) {
    const document doc = imported(decode_text_file("\xEF\xBB\xBFPhase;Aktivit\xC3\xA4ten;Buyer actions;Dauer\r\n"
                                                   "Bewusstsein;x;\"Liest; vergleicht\r\nFachpresse\";2 Wochen\r\n\r\n")
                                      .text);
    const stage& s = doc.personas[0].stages[0];
    BOOST_TEST(s.name == "Bewusstsein");
    BOOST_TEST(s.buyer_actions == "Liest; vergleicht\r\nFachpresse");
}

BOOST_AUTO_TEST_CASE(what_is_left_out_is_a_located_warning) {
    const result<document> doc = import_text("Title of the sheet\n"
                                             "Stage,Notes,Buyer actions,,Content,Content type\n"
                                             "Awareness,note,reads,x,blog,whitepaper,extra\n"
                                             "Decision\n");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.value->personas[0].stages[0].content_type == "blog");
    const std::vector<std::string> expected = {
        "1:1: the rows above the header row (line 2) are left out",
        "2:7: column \"Notes\" is not imported: no field of a map has that name; its cells are left out",
        "2:27: this column has no header; its cells are left out",
        "2:36: column \"Content type\" is not imported: Content Type is read from column \"Content\"; its cells are "
        "left out",
        "3:40: this row has more cells than the header row (6); the cells from here on are left out",
        "4:1: this row has 1 cells and the header row 6: the missing ones are taken as empty",
    };
    BOOST_TEST(warnings_of(doc.warnings) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_transposed_layout_imports_a_stage_per_column) {
    const std::string sheet = "Persona,Emma,Emma,Raj\n"
                              "Stage,Awareness,Decision,Research\n"
                              "Buyer actions,Reads,Signs,Asks\n"
                              "Mood,3,4,5\n"
                              "Duration,1 week,,2 weeks\n";
    const result<document> doc = import_text(sheet);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST_REQUIRE(doc.value->personas.size() == 2u);
    BOOST_TEST(doc.value->personas[0].stages.size() == 2u);
    BOOST_TEST(doc.value->personas[0].stages[1].buyer_actions == "Signs");
    BOOST_TEST(doc.value->personas[1].stages[0].duration == "2 weeks");
    BOOST_TEST(warnings_of(doc.warnings) ==
                   std::vector<std::string>{"4:1: row \"Mood\" is not imported: no field of a map has that name; its "
                                            "cells are left out"},
               boost::test_tools::per_element());
    // Chosen the other way, the second row is the header row and the fields' names are stages.
    const document by_rows = imported(sheet, csv_layout::stages_in_rows);
    BOOST_TEST_REQUIRE(by_rows.personas[0].stages.size() == 3u);
    BOOST_TEST(by_rows.personas[0].stages[2].name == "Duration");
}

BOOST_AUTO_TEST_CASE(a_broken_file_is_refused_where_it_breaks) {
    const result<document> cut = import_text("Stage,Buyer actions\nAwareness,\"Reads\nblogs,2 weeks\n");
    BOOST_TEST_REQUIRE(!cut);
    BOOST_TEST(cut.problems.front().to_string().rfind("2:11: this quote opens a cell that is never closed", 0) == 0u,
               cut.error());
    const result<document> no_stage = import_text("Name,Notes\nA,B\n");
    BOOST_TEST(!no_stage);
    BOOST_TEST(no_stage.error() == "1:1: no column names the stages: the header row needs one named Stage, Stage Name, "
                                   "Phase or Step");
    BOOST_TEST(import_text("").error() == "1:1: the file is empty: it has no header row");
    const result<document> huge = import_text("Stage,Buyer actions\nA," + std::string(max_field_bytes + 1, 'x') + "\n");
    BOOST_TEST(huge.error() == "2:3: 1048577 bytes of text, more than the 1 MB limit for one field");
}

BOOST_AUTO_TEST_CASE(a_map_over_the_content_limit_is_refused_where_it_passes_it) {
    // '&' is written as "&amp;": 15 fields of a megabyte of them are 75 MB of content; reading stops
    // at the thirteenth.
    std::string text = "Stage,Buyer actions\n";
    for (int i = 0; i < 15; ++i) text += "S" + std::to_string(i) + "," + std::string(max_field_bytes - 8, '&') + "\n";
    const result<document> doc = import_text(text);
    BOOST_TEST_REQUIRE(!doc);
    BOOST_TEST(doc.error() == "14:1: the map passes the 64 MB limit on its content here");
}

BOOST_AUTO_TEST_CASE(statuses_ids_numbers_and_times_are_read_or_warned_of) {
    const result<document> doc = import_text(
        "persona_id,Persona,Status,last_updated_at,#,stage_id,Stage\n"
        "emma,Emma,Done,2026-11-20T09:15:00Z,2,s-2,Decision\n"
        "emma,,,,1,s-1,Awareness\n"
        "raj,Raj,maybe,yesterday,one,s-1,Research\n"
        "bad id,Ann,completed,,,,Intro\n");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const document& d = *doc.value;
    BOOST_TEST_REQUIRE(d.personas.size() == 3u);
    BOOST_TEST((d.personas[0].status == persona_status::completed));
    BOOST_TEST(d.personas[0].last_updated_at == "2026-11-20T09:15:00Z");
    BOOST_TEST(d.personas[0].stages[0].name == "Awareness");  // ordered by number
    BOOST_TEST(d.personas[0].stages[0].id == "s-1");
    BOOST_TEST(d.personas[1].stages[0].id != "s-1");
    BOOST_TEST((d.personas[1].status == persona_status::in_progress));
    BOOST_TEST(d.personas[2].id != "bad id");
    BOOST_TEST((d.personas[2].status == persona_status::completed));
    const std::vector<std::string> expected = {
        "4:9: \"maybe\" is not a status (in_progress or completed); the persona is taken as in progress",
        "4:15: \"yesterday\" is not an ISO 8601 date and time such as 2026-11-21T09:30:00Z; it is left out",
        "4:25: \"one\" is not a stage number; the stages of \"Raj\" keep the file's order",
        "4:29: stage id \"s-1\" is taken already, at line 3; another is made",
        "5:1: id \"bad id\" is not valid (use 1 to 128 letters, digits, '-', '_' or '.'); another is made",
    };
    BOOST_TEST(warnings_of(doc.warnings) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(characters_a_map_cannot_keep_are_left_out_with_a_warning) {
    const result<document> doc = import_text("Stage,Buyer actions\nAwareness,Reads\x0C blogs\x01\n");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.value->personas[0].stages[0].buyer_actions == "Reads blogs");
    const std::vector<std::string> expected = {
        "2:11: the character U+000C cannot be kept: a map is saved as XML, which does not allow it; it is left out"};
    BOOST_TEST(warnings_of(doc.warnings) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_million_odd_rows_give_ten_warnings_and_a_count) {
    std::string text = "Stage,Buyer actions,Duration\n";
    for (int i = 0; i < 100000; ++i) text += "S,a,b,extra\n";
    const result<document> doc = import_text(text);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.warnings.size() == 11u);
    BOOST_TEST(doc.warnings.back().to_string() ==
               "12:7: 99990 more warnings like the one at line 2, the first of them here");
}

BOOST_AUTO_TEST_CASE(windows_1252_files_are_read_with_a_located_warning) {
    test::temp_dir dir;
    const std::string path = dir.file("excel.csv");
    test::spit(path, "Stage;Buyer actions\r\nBedarf;Pr\xFC" "ft Vertr\xE4ge \x80 \x96 M\xFCller\r\n");
    const result<document> doc = load_csv(path);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.value->personas[0].stages[0].buyer_actions == "Prüft Verträge € – Müller");
    BOOST_TEST(warnings_of(doc.warnings) ==
                   std::vector<std::string>{"2:10: 5 bytes are not UTF-8, the first here: they are read as "
                                            "Windows-1252; if letters look wrong, save the file as UTF-8 (in Excel: "
                                            "CSV UTF-8)"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(excels_unicode_text_is_read_as_utf16) {
    test::temp_dir dir;
    const std::string path = dir.file("unicode.txt.tsv");
    std::string bytes = "\xFF\xFE";
    for (const char c : std::string("Stage\tDuration\r\nM\xFC" "ller\t2\r\n")) {
        bytes += c;
        bytes += '\0';
    }
    test::spit(path, bytes);
    const result<document> doc = load_csv(path);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.value->personas[0].stages[0].name == "Müller");
    BOOST_TEST(doc.warnings.empty());
}

BOOST_AUTO_TEST_CASE(import_map_reads_csv_and_tsv_and_a_tsv_is_tab_separated) {
    BOOST_TEST(can_import(map_format::csv));
    BOOST_TEST(can_import(map_format::tsv));
    test::temp_dir dir;
    const std::string tsv = dir.file("journey.tsv");
    test::spit(tsv, "Stage\tNotes, a, b, c\nAwareness, early\t1-2 weeks\n");
    const result<document> doc = import_map(tsv, map_format::tsv);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(doc.value->personas[0].stages[0].name == "Awareness, early");
    const std::string csv = dir.file("journey.csv");
    test::spit(csv, ",Awareness,Decision\nBuyer actions,Reads,Signs\nDuration,1 week,2 weeks\n");
    import_options rows;
    rows.csv.layout = csv_layout::stages_in_rows;
    BOOST_TEST(import_map(csv, map_format::csv, {}, rows).error().find("no column names the stages") !=
               std::string::npos);
    BOOST_TEST(import_map(csv, map_format::csv).value->personas[0].stages.size() == 2u);
}

BOOST_AUTO_TEST_CASE(loading_tells_its_progress_and_can_be_cancelled) {
    test::temp_dir dir;
    const std::string path = dir.file("big.csv");
    std::string text = header;
    while (text.size() < 2000000) text += "p,P,,in_progress,,,Stage,a,b,c,d,e,f\r\n";
    test::spit(path, text);
    std::size_t last = 0;
    const result<document> doc = load_csv(path, {}, [&](std::size_t done, std::size_t total) {
        BOOST_TEST(total == 1000u);
        BOOST_TEST(done >= last);
        last = done;
        return true;
    });
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST(last > 900u);
    for (const std::size_t stop_at : {100u, 850u}) {
        const result<document> stopped =
            load_csv(path, {}, [&](std::size_t done, std::size_t) { return done < stop_at; });
        BOOST_TEST(stopped.was_cancelled(), stop_at);
    }
}

BOOST_AUTO_TEST_CASE(every_fuzz_seed_imports_or_is_refused_where_it_breaks) {
    // The CSV fuzz target's property, over its seeds (tests/fuzz/corpus/csv_import), so the normal
    // suite keeps them too.
    std::size_t imported_seeds = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(BPM_SOURCE_DIR) / "tests/fuzz/corpus/csv_import")) {
        const std::string name = entry.path().filename().string();
        const csv_table table = table_of(decode_text_file(test::slurp(entry.path().string())).text);
        const result<document> doc = import_csv(table, guess_csv_mapping(table), "fuzz");
        for (const diagnostic& w : doc.warnings) BOOST_TEST(w.line > 0u, name << ": " << w.message);
        if (!doc) {
            BOOST_TEST(doc.problems.front().line > 0u, name << ": " << doc.error());
            continue;
        }
        ++imported_seeds;
        const auto via_bpm = read_bpm(write_bpm(*doc.value));
        BOOST_TEST_REQUIRE(bool(via_bpm), name << ": " << via_bpm.error());
        BOOST_TEST((*via_bpm.value == *doc.value), name);
        const std::string csv = *to_csv(*doc.value).value;
        BOOST_TEST(*to_csv(exported_and_imported(*doc.value, ',')).value == csv, name);
    }
    BOOST_TEST(imported_seeds >= 6u);
}
