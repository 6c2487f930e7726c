#define BOOST_TEST_MODULE csv_import
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "bpm/csv_table.h"
#include "bpm/map_size.h"
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
