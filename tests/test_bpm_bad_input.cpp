#define BOOST_TEST_MODULE bpm_bad_input
#include <boost/test/unit_test.hpp>

#include "bpm/bpm_file.h"
#include "largest_map.h"
#include "test_support.h"

using namespace bpm;

namespace {

// A valid file whose persona element holds `inside`, at line 4 onwards.
std::string with_persona(const std::string& inside) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<buying-process-map format-version=\"1\">\n"
           "\t<personas>\n"
           "\t\t<persona id=\"persona-1\">\n" +
           inside +
           "\t\t</persona>\n"
           "\t</personas>\n"
           "</buying-process-map>\n";
}

const std::string minimal_persona = "\t\t\t<name>P</name>\n\t\t\t<status>in_progress</status>\n";

// Fails, and says so with a first problem that contains `needle` at `line`:`column`.
void expect_problem(const std::string& bytes, const std::string& needle, std::size_t line, std::size_t column) {
    const auto r = read_bpm(bytes);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST_REQUIRE(!r.problems.empty());
    const diagnostic& d = r.problems.front();
    BOOST_TEST(d.message.find(needle) != std::string::npos, "message: " << d.message << "; expected: " << needle);
    BOOST_TEST(d.line == line, d.to_string());
    BOOST_TEST(d.column == column, d.to_string());
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_minimal_document_is_valid) {
    const auto r = read_bpm(with_persona(minimal_persona));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->personas.size() == 1u);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_xml) {
    expect_problem("Persona, Stage\nSmall Business Owner, Awareness\n",
                   "no <buying-process-map> element: this is not a Buying Process Mapper file", 1, 1);
    expect_problem("\n\n  {\"json\": true}", "no <buying-process-map> element", 3, 3);
    expect_problem("", "the file is empty", 1, 1);
    expect_problem("  \n", "the file is empty", 1, 1);
    expect_problem("<?xml version=\"1.0\"?>\n<!-- nothing -->\n", "no <buying-process-map> element", 1, 1);
}

BOOST_AUTO_TEST_CASE(broken_xml_is_located) {
    expect_problem(with_persona("\t\t\t<name>P</nmae>\n"), "not a well-formed XML document", 5, 13);
}

BOOST_AUTO_TEST_CASE(a_different_root_element) {
    expect_problem("<?xml version=\"1.0\"?>\n<html><body/></html>\n", "expected root element <buying-process-map>, found <html>",
                   2, 1);
}

BOOST_AUTO_TEST_CASE(format_version_missing_malformed_or_from_the_future) {
    expect_problem("<buying-process-map><personas/></buying-process-map>", "no format-version attribute", 1, 1);
    expect_problem("<buying-process-map format-version=\"one\"><personas/></buying-process-map>",
                   "not a positive whole number", 1, 1);
    const auto r = load_bpm(test::data("future-version.bpm"));
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.problems.size() == 1u);
    BOOST_TEST(r.error() == "2:1: this file uses format version 7, written by a newer Buying Process Mapper; "
                            "this version reads format 2 and older");
    // A number of any length is read without overflow (19 digits overflowed a signed integer).
    expect_problem("<buying-process-map format-version=\"99999999999999999999999\"><personas/></buying-process-map>",
                   "format version 99999999999999999999999, written by a newer", 1, 1);
    const auto padded = read_bpm("<buying-process-map format-version=\"0000000000000000000001\"><personas/></buying-process-map>");
    BOOST_TEST(bool(padded), padded.error());
    expect_problem("<buying-process-map format-version=\"00\"><personas/></buying-process-map>",
                   "not a positive whole number", 1, 1);
    // What the schema's xs:positiveInteger allows loads: white space around the number, a '+'.
    for (const char* version : {" 1", "1 ", "\t1\n", "+1", " +0001 "}) {
        const auto r = read_bpm(std::string("<buying-process-map format-version=\"") + version +
                                "\"><personas/></buying-process-map>");
        BOOST_TEST(bool(r), version << ": " << r.error());
    }
    expect_problem("<buying-process-map format-version=\"+ 1\"><personas/></buying-process-map>",
                   "not a positive whole number", 1, 1);
    expect_problem("<buying-process-map format-version=\"++1\"><personas/></buying-process-map>",
                   "not a positive whole number", 1, 1);
    expect_problem("<buying-process-map format-version=\" +3 \"><personas/></buying-process-map>",
                   "format version 3, written by a newer", 1, 1);
}

BOOST_AUTO_TEST_CASE(missing_required_elements) {
    expect_problem("<buying-process-map format-version=\"1\"/>", "<buying-process-map> has no <personas> element", 1, 1);
    expect_problem(with_persona("\t\t\t<status>in_progress</status>\n"), "<persona> has no <name> element", 4, 3);
    expect_problem(with_persona("\t\t\t<name>P</name>\n"), "<persona> has no <status> element", 4, 3);
    expect_problem(with_persona(minimal_persona + "\t\t\t<stages><stage id=\"s\"><duration/></stage></stages>\n"),
                   "<stage> has no <name> element", 7, 12);
    expect_problem(with_persona(minimal_persona).replace(with_persona("").find(" id=\"persona-1\""), 15, ""),
                   "<persona> has no id attribute", 4, 3);
}

BOOST_AUTO_TEST_CASE(duplicate_ids_name_the_first_use) {
    const std::string two = "<buying-process-map format-version=\"1\"><personas>\n"
                            "<persona id=\"a\"><name>A</name><status>completed</status></persona>\n"
                            "<persona id=\"a\"><name>B</name><status>completed</status></persona>\n"
                            "</personas></buying-process-map>";
    expect_problem(two, "duplicate id \"a\" (first used on line 2)", 3, 1);
    const std::string stages = "<buying-process-map format-version=\"1\"><personas>\n"
                               "<persona id=\"a\"><name>A</name><status>completed</status>\n"
                               "<stages><stage id=\"s1\"><name>X</name></stage></stages></persona>\n"
                               "<persona id=\"b\"><name>B</name><status>completed</status>\n"
                               "<stages><stage id=\"s1\"><name>Y</name></stage></stages></persona>\n"
                               "</personas></buying-process-map>";
    expect_problem(stages, "duplicate id \"s1\" (first used on line 3)", 5, 9);

    // Among thousands of ids, each a line, every repeat is found and names its first use.
    std::string many = "<buying-process-map format-version=\"1\"><personas>\n"
                       "<persona id=\"a\"><name>A</name><status>completed</status><stages>\n";
    for (int i = 1; i <= 3000; ++i) many += "<stage id=\"s" + std::to_string(i) + "\"><name>X</name></stage>\n";
    for (const int i : {1, 1500, 3000}) many += "<stage id=\"s" + std::to_string(i) + "\"><name>Y</name></stage>\n";
    many += "</stages></persona></personas></buying-process-map>";
    const auto r = read_bpm(many);
    BOOST_TEST_REQUIRE(r.problems.size() == 3u);
    BOOST_TEST(r.problems[0].to_string() == "3003:1: duplicate id \"s1\" (first used on line 3)");
    BOOST_TEST(r.problems[1].to_string() == "3004:1: duplicate id \"s1500\" (first used on line 1502)");
    BOOST_TEST(r.problems[2].to_string() == "3005:1: duplicate id \"s3000\" (first used on line 3002)");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_located_in_characters) {
    const auto r = load_bpm(test::data("latin1.bpm"));
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error() == "5:13: invalid UTF-8 byte sequence; the file must be saved as UTF-8");
    // Columns count characters, not bytes: "é" before the bad byte is one column.
    expect_problem(with_persona("\t\t\t<name>é\xC3</name>\n"), "invalid UTF-8", 5, 11);
    // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
    expect_problem(with_persona("\t\t\t<name>\xC0\xAF</name>\n"), "invalid UTF-8", 5, 10);
    expect_problem(with_persona("\t\t\t<name>\xED\xA0\x80</name>\n"), "invalid UTF-8", 5, 10);
}

BOOST_AUTO_TEST_CASE(characters_xml_does_not_allow_are_refused_where_they_are) {
    // Each would load into text that the saved file cannot carry: invalid UTF-8, or a character
    // the writer leaves out, so the map would not read back as it was.
    const auto surrogate = load_bpm(test::data("charref-surrogate.bpm"));
    BOOST_TEST_REQUIRE(!surrogate);
    BOOST_TEST(surrogate.error() == "1:102: the character reference \"&#xD800;\" stands for no character XML allows");
    const auto beyond = load_bpm(test::data("charref-beyond-10ffff.bpm"));
    BOOST_TEST_REQUIRE(!beyond);
    BOOST_TEST(beyond.error() == "1:102: the character reference \"&#1114112;\" stands for no character XML allows");
    const auto control = load_bpm(test::data("control-char.bpm"));
    BOOST_TEST_REQUIRE(!control);
    BOOST_TEST(control.error() == "1:155: the character U+0008 is not allowed in XML");

    const std::string status = "\t\t\t<status>completed</status>\n";
    expect_problem(with_persona("\t\t\t<name>A&#0;B</name>\n" + status), "\"&#0;\" stands for no character XML allows", 5, 11);
    expect_problem(with_persona("\t\t\t<name>A&#99999999999;</name>\n" + status), "\"&#99999999999;\" stands for no", 5, 11);
    expect_problem(with_persona("\t\t\t<name>\xEF\xBF\xBF</name>\n" + status), "the character U+FFFF is not allowed", 5, 10);
    expect_problem(with_persona("\t\t\t<name><![CDATA[\x01]]></name>\n" + status), "the character U+0001 is not allowed", 5,
                   19);
    // pugixml reads U+0000 as the end of the text: it is named where it is, in a text, in markup
    // or after the root element, where it hid what followed it.
    expect_problem(with_persona(std::string("\t\t\t<name>A\0B</name>\n", 20) + status),
                   "the character U+0000 is not allowed", 5, 11);
    expect_problem(with_persona(std::string("\t\t\t<name\0>A</name>\n", 19) + status),
                   "the character U+0000 is not allowed", 5, 9);
    const std::string after_root = with_persona("\t\t\t<name>A</name>\n" + status) + std::string("\0<<junk", 7);
    const auto nul = read_bpm(after_root);
    BOOST_TEST_REQUIRE(!nul);
    BOOST_TEST(nul.error().find("the character U+0000 is not allowed in XML") != std::string::npos);

    // What XML allows reads as pugixml's default options read it, references that are not one
    // included.
    const auto r = read_bpm(with_persona("\t\t\t<name>&#x41;&#66;&#13;&#x10FFFF;&amp;&lt;&gt;&quot;&apos;&#;&foo;&am</name>\n"
                                         "\t\t\t<status>completed</status>\n"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->personas[0].name == "AB\r\xF4\x8F\xBF\xBF&<>\"'&#;&foo;&am");
}

// The reader scans texts and checks UTF-8 many bytes at a time: what needs a closer look is found
// wherever it sits in a text, and placed where it is.
BOOST_AUTO_TEST_CASE(what_needs_a_closer_look_is_found_at_any_offset) {
    const std::string status = "\t\t\t<status>completed</status>\n";
    for (std::size_t k = 0; k < 40; ++k) {
        BOOST_TEST_CONTEXT("after " << k << " bytes") {
            const std::string before(k, 'a'), after(40 - k, 'b');
            const auto name = [&](const std::string& inside) {
                return with_persona("\t\t\t<name>" + before + inside + after + "</name>\n" + status);
            };
            const auto loaded = read_bpm(name("&amp;\xEF\xBB\xBF\r\n&#xE9;\t\xC3\xA9"));
            BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
            BOOST_TEST(loaded.value->personas[0].name == before + "&\xEF\xBB\xBF\n\xC3\xA9\t\xC3\xA9" + after);
            expect_problem(name("\x01"), "the character U+0001 is not allowed", 5, 10 + k);
            expect_problem(name("\xEF\xBF\xBE"), "the character U+FFFE is not allowed", 5, 10 + k);
            expect_problem(name("&#1;"), "\"&#1;\" stands for no character XML allows", 5, 10 + k);
            expect_problem(name("\xC3"), "invalid UTF-8", 5, 10 + k);
            expect_problem(name("\xE2\x82"), "invalid UTF-8", 5, 10 + k);
            expect_problem(name("\xF0\x9F\x98"), "invalid UTF-8", 5, 10 + k);
            expect_problem(name("\xC3\xA9\xC3\xA9\xED\xA0\x80"), "invalid UTF-8", 5, 12 + k);
            expect_problem(name("\xE2\x80\x94\xF4\x90\x80\x80"), "invalid UTF-8", 5, 11 + k);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_field_over_one_megabyte) {
    const std::string big(max_field_bytes + 1, 'x');
    expect_problem(with_persona("\t\t\t<name>" + big + "</name>\n\t\t\t<status>completed</status>\n"),
                   "<name> holds 1048577 bytes of text, more than the 1 MB limit for one field", 5, 4);
    const std::string just_fits(max_field_bytes, 'x');
    BOOST_TEST(bool(read_bpm(with_persona("\t\t\t<name>" + just_fits + "</name>\n\t\t\t<status>completed</status>\n"))));
}

BOOST_AUTO_TEST_CASE(a_document_over_64_megabytes_is_refused_before_parsing) {
    std::string huge = with_persona(minimal_persona);
    huge.append(max_document_bytes, ' ');
    const auto r = read_bpm(huge);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error().find("larger than the 64 MB limit") != std::string::npos, r.error());

    test::temp_dir dir;
    test::spit(dir.file("huge.bpm"), huge);
    const auto f = load_bpm(dir.file("huge.bpm"));
    BOOST_TEST_REQUIRE(!f);
    BOOST_TEST(f.error().find("larger than the 64 MB limit") != std::string::npos, f.error());
    BOOST_TEST(f.error().find("huge.bpm") != std::string::npos, f.error());
}

BOOST_AUTO_TEST_CASE(a_map_over_the_content_limit_is_refused_where_it_passes_it) {
    // One byte more than the largest map that loads: the limit is passed by the last part read,
    // persona p3, whose own fields are counted after its stages.
    document over = test::largest_map();
    over.metadata.title += 'x';
    BOOST_TEST(content_bytes(over) == max_content_bytes + 1);
    std::string bytes = test::compact_bpm(over);
    BOOST_TEST(bytes.size() < max_document_bytes / 4);
    expect_problem(bytes, "the map holds 65 MB of content; the limit is 64 MB, first passed here", 1,
                   bytes.find("<persona id=\"p3\">") + 1);

    // One element more, however small: an empty stage.
    over = test::largest_map();
    stage extra;
    extra.id = "extra";
    over.personas[0].stages.push_back(extra);
    bytes = test::compact_bpm(over);
    expect_problem(bytes, "the map holds 65 MB of content; the limit is 64 MB", 1, bytes.find("<persona id=\"p3\">") + 1);

    // A file without <metadata> counts it all the same, since the writer writes one.
    over = test::largest_map();
    over.personas[0].name = std::move(over.metadata.title);
    over.metadata.title.clear();
    BOOST_TEST(content_bytes(over) == max_content_bytes);
    bytes = test::compact_bpm(over);
    BOOST_TEST_REQUIRE(bytes.find("<metadata>") == std::string::npos);
    BOOST_TEST(bool(read_bpm(bytes)));
    over.personas[0].name += 'x';
    bytes = test::compact_bpm(over);
    expect_problem(bytes, "the map holds 65 MB of content; the limit is 64 MB", 1, bytes.find("<persona id=\"p3\">") + 1);

    // Four times over, as hostile input might be: refused all the same, saying how much it holds.
    std::string hostile = "<buying-process-map format-version=\"1\"><personas><persona id=\"p\"><name/>"
                          "<status>completed</status><stages>";
    stage typical;
    typical.id = "s1000000";
    const std::size_t count = 4 * max_content_bytes / content_bytes(typical);
    for (std::size_t i = 0; i < count; ++i) hostile += "<stage id=\"s" + std::to_string(1000000 + i) + "\"><name/></stage>";
    hostile += "</stages></persona></personas></buying-process-map>";
    BOOST_TEST(hostile.size() <= max_document_bytes);
    const auto r = read_bpm(hostile);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.problems.size() == 1u);
    BOOST_TEST(r.error().find("the map holds 257 MB of content; the limit is 64 MB") != std::string::npos, r.error());
}

BOOST_AUTO_TEST_CASE(entity_expansion_is_refused_before_it_starts) {
    // Expanding the entities would take gigabytes: the file is refused at its DOCTYPE, line 2,
    // before any entity is read (the ctest timeout catches a reader that expands instead).
    const auto r = load_bpm(test::data("billion-laughs.bpm"));
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error() == "2:1: DOCTYPE declarations are not allowed in .bpm files");
}

BOOST_AUTO_TEST_CASE(external_entities_are_never_read) {
    const auto r = load_bpm(test::data("external-entity.bpm"));
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error().find("DOCTYPE declarations are not allowed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_values_are_reported_with_their_position) {
    expect_problem(with_persona("\t\t\t<name>P</name>\n\t\t\t<status>done</status>\n"),
                   "status \"done\" is not one of in_progress, completed", 6, 4);
    expect_problem(with_persona(minimal_persona + "\t\t\t<pain-points><pain-point category=\"money\">x</pain-point></pain-points>\n"),
                   "category \"money\" is not one of", 7, 17);
    expect_problem(with_persona(minimal_persona + "\t\t\t<last-updated-at>yesterday</last-updated-at>\n"),
                   "<last-updated-at> is \"yesterday\", not an ISO 8601 date and time", 7, 4);
    expect_problem(with_persona(minimal_persona + "\t\t\t<summary>text</summary>\n"), "<summary> has no source attribute",
                   7, 4);
    expect_problem(with_persona(minimal_persona).replace(with_persona("").find("persona-1"), 9, "has space"),
                   "id \"has space\" is not valid", 4, 3);
}

BOOST_AUTO_TEST_CASE(unknown_elements_attributes_and_stray_text_are_refused) {
    expect_problem(with_persona(minimal_persona + "\t\t\t<budget>1</budget>\n"), "unexpected element <budget> inside <persona>",
                   7, 4);
    expect_problem(with_persona(minimal_persona + "\t\t\t<stages>text<stage id=\"s\"><name>A</name></stage></stages>\n"),
                   "unexpected text inside <stages>", 7, 4);
    expect_problem(with_persona("\t\t\t<name>P<b>bold</b></name>\n\t\t\t<status>completed</status>\n"),
                   "unexpected element <b> inside <name>", 5, 11);
    expect_problem(with_persona(minimal_persona + "\t\t\t<name>Q</name>\n"), "<name> appears twice inside <persona>", 7, 4);
    expect_problem(with_persona(minimal_persona + "\t\t\t<profile colour=\"red\"/>\n"), "unexpected attribute \"colour\" on <profile>",
                   7, 4);
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_not_just_the_first) {
    const auto r = load_bpm(test::data("many-problems.bpm"));
    BOOST_TEST_REQUIRE(!r);
    std::vector<std::string> lines;
    for (const diagnostic& d : r.problems) lines.push_back(d.to_string());
    const std::vector<std::string> expected = {
        "6:4: status \"done\" is not one of in_progress, completed",
        "10:6: unexpected element <budget> inside <stage>",
        "14:3: duplicate id \"persona-1\" (first used on line 4)",
        "14:3: <persona> has no <name> element",
        "17:5: duplicate id \"stage-1\" (first used on line 8)",
        "17:5: <stage> has no <name> element",
    };
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_and_windows_line_ends_are_accepted) {
    std::string crlf;
    for (char c : with_persona("\t\t\t<name>P</name>\n\t\t\t<status>completed</status>\n\t\t\t<created-by>a\nb</created-by>\n")) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    const auto r = read_bpm("\xEF\xBB\xBF" + crlf);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->personas[0].created_by == "a\nb");
    expect_problem("\xEF\xBB\xBF<wrong/>", "expected root element", 1, 1);
}

BOOST_AUTO_TEST_CASE(a_missing_file_names_the_path) {
    const auto r = load_bpm("/nonexistent/folder/map.bpm");
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error().find("/nonexistent/folder/map.bpm") != std::string::npos, r.error());
    const auto dir = load_bpm("/tmp");
    BOOST_TEST_REQUIRE(!dir);
    BOOST_TEST(dir.error().find("is a folder") != std::string::npos, dir.error());
}

BOOST_AUTO_TEST_CASE(truncated_files_never_give_half_a_document) {
    const std::string whole = test::slurp(test::sample("small-business-owner.bpm"));
    for (std::size_t cut = 0; cut < whole.size() - 1; cut += 7) {
        const auto r = read_bpm(whole.substr(0, cut));
        BOOST_TEST_REQUIRE(!r, "cut at " << cut);
        BOOST_TEST(!r.value.has_value());
        BOOST_TEST(r.problems.front().line > 0u);
    }
}

BOOST_AUTO_TEST_CASE(a_flood_of_problems_is_cut_short_with_a_count) {
    std::string personas;
    for (int i = 0; i < 60; ++i)
        personas += "<persona id=\"p" + std::to_string(i) + "\"><name>P</name><status>done</status></persona>\n";
    const auto r = read_bpm("<buying-process-map format-version=\"1\"><personas>\n" + personas + "</personas></buying-process-map>");
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST_REQUIRE(r.problems.size() == max_reported_problems + 1);
    BOOST_TEST(r.problems[49].line == 51u);
    BOOST_TEST(r.problems.back().to_string() == "and 10 more problems");
}

BOOST_AUTO_TEST_CASE(a_file_of_a_hundred_thousand_problems_lists_fifty_and_counts_the_rest) {
    // Only the problems listed are placed by line and column, each of which reads the text up to it.
    std::string stray;
    for (int i = 0; i < 100000; ++i) stray += "<stray/>\n";
    const auto r = read_bpm("<buying-process-map format-version=\"1\"><personas>\n" + stray + "</personas></buying-process-map>");
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST_REQUIRE(r.problems.size() == max_reported_problems + 1);
    BOOST_TEST(r.problems[49].to_string() == "51:1: unexpected element <stray> inside <personas>");
    BOOST_TEST(r.problems.back().to_string() == "and 99950 more problems");
}

BOOST_AUTO_TEST_CASE(a_bad_journey_task_is_located) {
    const auto in_stage = [](const std::string& journey) {
        return with_persona(minimal_persona + "\t\t\t<stages>\n\t\t\t\t<stage id=\"s\">\n\t\t\t\t\t<name>S</name>\n" +
                            journey + "\t\t\t\t</stage>\n\t\t\t</stages>\n");
    };
    const std::string task = "\t\t\t\t\t<journey>\n\t\t\t\t\t\t<task";
    expect_problem(in_stage(task + " score=\"6\"><text>T</text></task>\n\t\t\t\t\t</journey>\n"),
                   "score \"6\" is not a whole number from 1 to 5", 11, 7);
    expect_problem(in_stage(task + " score=\"x\"><text>T</text></task>\n\t\t\t\t\t</journey>\n"),
                   "score \"x\" is not a whole number from 1 to 5", 11, 7);
    expect_problem(in_stage(task + "><text>T</text></task>\n\t\t\t\t\t</journey>\n"), "<task> has no score attribute",
                   11, 7);
    expect_problem(in_stage(task + " score=\"1\"><person>A</person></task>\n\t\t\t\t\t</journey>\n"),
                   "<task> has no <text> element", 11, 7);
    expect_problem(in_stage(task + " score=\"1\"><text>T</text><text>U</text></task>\n\t\t\t\t\t</journey>\n"),
                   "<text> appears twice inside <task>", 11, 37);
    expect_problem(in_stage(task + " score=\"1\"><text>T</text><who>U</who></task>\n\t\t\t\t\t</journey>\n"),
                   "unexpected element <who> inside <task>", 11, 37);
    expect_problem(in_stage("\t\t\t\t\t<journey><step/></journey>\n"), "unexpected element <step> inside <journey>", 10,
                   15);
    // The schema's xs:integer: white space, a sign and leading zeros.
    const auto ok = read_bpm(in_stage(task + " score=\" +05 \"><text>T</text></task>\n\t\t\t\t\t</journey>\n"));
    BOOST_TEST_REQUIRE(bool(ok), ok.error());
    BOOST_TEST(ok.value->personas[0].stages[0].journey.at(0).score == 5);
}

namespace {

// A valid file with no personas and the conflict element `conflict` at line 5.
std::string with_conflict(const std::string& conflict) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<buying-process-map format-version=\"1\">\n"
           "\t<personas />\n"
           "\t<conflicts>\n"
           "\t\t" + conflict + "\n"
           "\t</conflicts>\n"
           "</buying-process-map>\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(conflicts_that_cannot_stand_are_located) {
    expect_problem(with_conflict("<conflict persona=\"p\" field=\"colour\" />"),
                   "\"colour\" is not a field that a conflict can be about here", 5, 3);
    expect_problem(with_conflict("<conflict persona=\"p\" stage=\"s\" field=\"status\" />"),
                   "\"status\" is not a field that a conflict can be about here", 5, 3);
    expect_problem(with_conflict("<conflict persona=\"p\" removed-by=\"nobody\" />"),
                   "removed-by \"nobody\" is not one of ours, theirs", 5, 3);
    expect_problem(with_conflict("<conflict persona=\"no spaces\" field=\"name\" />"), "id \"no spaces\" is not valid", 5,
                   3);
    expect_problem(with_conflict("<conflict persona=\"p\" field=\"name\" removed-by=\"ours\" />"),
                   "a conflict about something removed names no field", 5, 3);
    expect_problem(with_conflict("<conflict stage=\"s\" field=\"duration\" />"),
                   "a conflict about a stage or a pain point must name its persona", 5, 3);
    expect_problem(with_conflict("<conflict persona=\"p\" />"),
                   "a conflict names either a field or who removed what it is about", 5, 3);
    expect_problem(with_conflict("<conflict field=\"title\"><mine>x</mine></conflict>"),
                   "unexpected element <mine> inside <conflict>", 5, 27);
    expect_problem(with_conflict("<conflict field=\"title\" colour=\"red\" />"),
                   "unexpected attribute \"colour\" on <conflict>", 5, 3);
    expect_problem(with_conflict("<conflict field=\"title\"><ours>" + std::string(max_field_bytes + 1, 'x') +
                                 "</ours></conflict>"),
                   "holds 1048577 bytes of text", 5, 27);
}

BOOST_AUTO_TEST_CASE(a_conflict_about_a_persona_the_map_no_longer_has_is_kept) {
    const auto r = read_bpm(with_conflict("<conflict persona=\"gone\" stage=\"also-gone\" field=\"duration\">"
                                          "<base>1</base><ours>2</ours><theirs>3</theirs></conflict>"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_REQUIRE(r.value->conflicts.size() == 1u);
    BOOST_TEST(r.value->conflicts[0].stage_id == "also-gone");
    BOOST_TEST(r.value->conflicts[0].theirs == "3");
}

namespace {

// A valid file with one persona (persona-1, stage-1) and the comment elements `comments` from line 14.
std::string with_comments(const std::string& comments) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<buying-process-map format-version=\"1\">\n"
           "\t<personas>\n"
           "\t\t<persona id=\"persona-1\">\n"
           "\t\t\t<name>Emma</name>\n"
           "\t\t\t<status>in_progress</status>\n"
           "\t\t\t<stages>\n"
           "\t\t\t\t<stage id=\"stage-1\">\n"
           "\t\t\t\t\t<name>Awareness</name>\n"
           "\t\t\t\t</stage>\n"
           "\t\t\t</stages>\n"
           "\t\t</persona>\n"
           "\t</personas>\n"
           "\t<comments>\n" +
           comments +
           "\t</comments>\n"
           "</buying-process-map>\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(comments_that_cannot_stand_are_located) {
    expect_problem(with_comments("\t\t<comment id=\"c1\"><text>Hi</text></comment>\n"),
                   "a comment must name the persona it is about", 15, 3);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\" stage=\"stage-1\" field=\"role\">"
                                 "<text>Hi</text></comment>\n"),
                   "\"role\" is not a field that a comment can be about here", 15, 3);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\" />\n"), "a comment has no text", 15, 3);
    // Only white space is no text either, for a comment and for a reply, as in the editor.
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text> \n\t </text></comment>\n"),
                   "a comment has no text", 15, 3);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text>Hi</text>\n"
                                 "\t\t\t<reply id=\"r1\"><text></text></reply>\n"
                                 "\t\t</comment>\n"),
                   "a reply has no text", 16, 4);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text>Hi</text>\n"
                                 "\t\t\t<reply id=\"r1\"><text>  </text></reply>\n"
                                 "\t\t</comment>\n"),
                   "a reply has no text", 16, 4);
    expect_problem(with_comments("\t\t<comment persona=\"persona-1\"><text>Hi</text></comment>\n"),
                   "<comment> has no id attribute", 15, 3);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\" resolved=\"maybe\"><text>Hi</text></comment>\n"),
                   "resolved \"maybe\" is not true or false", 15, 3);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text>Hi</text><colour /></comment>\n"),
                   "unexpected element <colour> inside <comment>", 15, 55);
    // Comments and replies share one set of ids.
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text>Hi</text></comment>\n"
                                 "\t\t<comment id=\"c2\" persona=\"persona-1\"><text>Hi</text>\n"
                                 "\t\t\t<reply id=\"c1\"><text>Yes</text></reply>\n"
                                 "\t\t</comment>\n"),
                   "duplicate id \"c1\" (first used on line 15)", 17, 4);
    expect_problem(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\"><text>Hi</text>\n"
                                 "\t\t\t<reply><text>Yes</text></reply>\n"
                                 "\t\t</comment>\n"),
                   "<reply> has no id attribute", 16, 4);
}

BOOST_AUTO_TEST_CASE(each_fault_of_a_comment_is_said_once) {
    // An empty stage attribute is no stage, as JSON's "": the empty id is the one fault.
    auto r = read_bpm(with_comments("\t\t<comment id=\"\" persona=\"persona-1\" stage=\"\"><text>Hi</text></comment>\n"));
    BOOST_TEST_REQUIRE(r.problems.size() == 1u, r.error());
    BOOST_TEST(r.problems[0].to_string() ==
               "15:3: id \"\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'");
    r = read_bpm(with_comments("\t\t<comment persona=\"persona-1\" stage=\"\"><text>Hi</text></comment>\n"));
    BOOST_TEST_REQUIRE(r.problems.size() == 1u, r.error());
    BOOST_TEST(r.problems[0].to_string() == "15:3: <comment> has no id attribute");
    // No persona: said as such, not also as a bad id or a persona the map lacks.
    r = read_bpm(with_comments("\t\t<comment id=\"c1\" persona=\"\"><text>Hi</text></comment>\n"));
    BOOST_TEST_REQUIRE(r.problems.size() == 1u, r.error());
    BOOST_TEST(r.problems[0].to_string() == "15:3: a comment must name the persona it is about");
    BOOST_TEST(r.warnings.empty());
    // A comment on the persona itself reads back the same without the empty attributes.
    r = read_bpm(with_comments("\t\t<comment id=\"c1\" persona=\"persona-1\" stage=\"\" field=\"\"><text>Hi</text></comment>\n"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->comments[0].stage_id.empty());
}

BOOST_AUTO_TEST_CASE(a_comment_about_what_the_map_no_longer_has_is_kept_with_a_warning) {
    const std::string text = with_comments(
        "\t\t<comment id=\"c1\" persona=\"persona-1\" stage=\"stage-9\" field=\"duration\"><text>Gone?</text></comment>\n"
        "\t\t<comment id=\"c2\" persona=\"persona-7\"><text>Who?</text></comment>\n");
    const auto r = read_bpm(text);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_REQUIRE(r.value->comments.size() == 2u);
    BOOST_TEST(r.value->comments[0].stage_id == "stage-9");
    BOOST_TEST_REQUIRE(r.warnings.size() == 2u);
    BOOST_TEST(r.warnings[0].to_string() ==
               "15:3: a comment about stage \"stage-9\", which Emma does not have: kept as it is");
    BOOST_TEST(r.warnings[1].to_string() ==
               "16:3: a comment about persona \"persona-7\", which the map does not have: kept as it is");
    const auto again = read_bpm(write_bpm(*r.value));
    BOOST_TEST_REQUIRE(bool(again), again.error());
    BOOST_TEST((*again.value == *r.value));
}
