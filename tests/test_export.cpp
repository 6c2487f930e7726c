#define BOOST_TEST_MODULE export
#include <boost/test/unit_test.hpp>

#include <functional>

#include "bpm/bpm_file.h"
#include "bpm/export_text.h"
#include "bpm/history.h"
#include "bpm/json_format.h"
#include "bpm/duration.h"
#include "bpm/summary.h"
#include "test_support.h"

using namespace bpm;

namespace {

// A strict RFC 4180 reader, to prove the writer's output parses back to the same fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    bool quoted = false;
    while (i < text.size()) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                i += 2;
            } else if (c == '"') {
                quoted = false;
                ++i;
            } else {
                field += c;
                ++i;
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
            ++i;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            ++i;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            i += 2;
        } else {
            BOOST_TEST_REQUIRE((c != '"' && c != '\r' && c != '\n'), "unquoted special character at byte " << i);
            field += c;
            ++i;
        }
    }
    BOOST_TEST(row.empty());
    BOOST_TEST(field.empty());
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_only_when_needed) {
    BOOST_TEST(csv_field("plain text") == "plain text");
    BOOST_TEST(csv_field("") == "");
    BOOST_TEST(csv_field("a,b") == "\"a,b\"");
    BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
    BOOST_TEST(csv_field("cr\r") == "\"cr\r\"");
    BOOST_TEST(csv_field("Maison Éclat") == "Maison Éclat");
}

// Case 04: cells a spreadsheet would run as formulas ("=HYPERLINK(…)", "+23% faster") get a
// leading apostrophe, which Excel, LibreOffice and Google Sheets show as text.
BOOST_AUTO_TEST_CASE(csv_cells_that_would_run_as_formulas_are_guarded) {
    for (const char* formula : {"=1+2", "+23% faster close", "-20% DSO", "@controller", "\tTab first", "\rCR first",
                                "\uFF1DSUM(A1)", "\uFF0B1", "\uFF0D1", "\uFF20x"})
        BOOST_TEST(csv_field(formula).find("'" + std::string(formula)) <= 1u, formula);
    BOOST_TEST(csv_field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    for (const char* safe : {"plain", "a = b", "2-4 weeks", " =not first", "", "e-mail", "'quoted", "'"})
        BOOST_TEST(csv_field(safe) == safe);
    // A value whose apostrophes come before a sign gets one more, so that an importer taking the
    // guard off gets the value back.
    BOOST_TEST(csv_field("'=x") == "''=x");
    BOOST_TEST(csv_field("''+1") == "'''+1");

    const result<document> doc = load_json(test::data("csv-formula-cells.json"));
    BOOST_TEST_REQUIRE(bool(doc));
    const auto rows = parse_csv(to_csv(*doc.value).value->substr(3));
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[1][7] == "'-20% DSO target set by the board");
    BOOST_TEST(rows[1][9] == "'@controller and the audit partner");
    BOOST_TEST(rows[1][10] == "'=HYPERLINK(\"http://example.invalid/roi?c=\"&B2,\"Open ROI model\")");
    BOOST_TEST(rows[1][12] == "'+23% faster close in the pilot");
    BOOST_TEST(rows[1][6] == "Validation");
}

// Case 05: without a byte order mark Excel read UTF-8 as its code page ("MÃ¼ller"); with ';' a
// European Excel splits the columns.
BOOST_AUTO_TEST_CASE(csv_starts_with_a_byte_order_mark_and_takes_a_separator) {
    const result<document> doc = load_json(test::data("csv-excel-utf8.json"));
    BOOST_TEST_REQUIRE(bool(doc));
    const std::string comma = *to_csv(*doc.value).value;
    BOOST_TEST(comma.rfind("\xEF\xBB\xBFpersona_id,persona_name,", 0) == 0u);
    BOOST_TEST(comma.find("Einkaufsleiterin — Müller & Söhne GmbH") != std::string::npos);
    BOOST_TEST(comma.find("\"Geschäftsführer, Lagerleiter\"") != std::string::npos);

    const std::string semicolon = *to_csv(*doc.value, {';'}).value;
    BOOST_TEST(semicolon.rfind("\xEF\xBB\xBFpersona_id;persona_name;", 0) == 0u);
    BOOST_TEST(semicolon.find(";Geschäftsführer, Lagerleiter;") != std::string::npos);
    BOOST_TEST(semicolon.find(";小売店の店長;") != std::string::npos);
    BOOST_TEST(csv_field("a;b", ';') == "\"a;b\"");
    BOOST_TEST(csv_field("a;b") == "a;b");
}

BOOST_AUTO_TEST_CASE(csv_has_a_row_per_persona_and_stage_that_parses_back) {
    const document d = test::rich_document();
    const std::string csv = *to_csv(d).value;
    BOOST_TEST_REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0u);
    const auto rows = parse_csv(csv.substr(3));
    BOOST_TEST_REQUIRE(rows.size() == 4u);  // header, two stages, one stage-less persona
    const std::vector<std::string> header = {"persona_id", "persona_name", "persona_pain_points", "status",
                                             "stage_number", "stage_id", "stage_name", "buyer_actions", "duration",
                                             "key_influencers", "seller_actions", "content_type", "key_message"};
    BOOST_TEST(rows[0] == header, boost::test_tools::per_element());
    for (const auto& r : rows) BOOST_TEST(r.size() == header.size());
    const stage& s = d.personas[0].stages[0];
    BOOST_TEST(rows[1][1] == "Marketing Director");
    BOOST_TEST(rows[1][4] == "1");
    BOOST_TEST(rows[1][7] == s.buyer_actions);
    BOOST_TEST(rows[1][9] == s.key_influencers);
    BOOST_TEST(rows[1][12] == s.key_message);
    BOOST_TEST(rows[2][6] == "Decision");
    BOOST_TEST(rows[3][0] == "p.two_2");
    BOOST_TEST(rows[3][6] == "");
}

BOOST_AUTO_TEST_CASE(markdown_playbook_reads_stage_by_stage) {
    const std::string md = *to_markdown(test::rich_document()).value;
    BOOST_TEST(md.rfind("# Q3 go-to-market &lt;draft&gt; & notes\n", 0) == 0u);
    BOOST_TEST(md.find("## Marketing Director\n") != std::string::npos);
    BOOST_TEST(md.find("*Completed · last updated 2026-11-02 17:30 +02:00*\n") != std::string::npos);
    BOOST_TEST(md.find("- **Organisation:** Maison Éclat\n") != std::string::npos);
    BOOST_TEST(md.find("- Too expensive *(Financial)*\n") != std::string::npos);
    BOOST_TEST(md.find("**Awareness** (1-2 weeks) → **Decision** (3–6 months)") != std::string::npos);
    BOOST_TEST(md.find("Whole cycle: 3–6.5 months") != std::string::npos);
    BOOST_TEST(md.find("### 1. Awareness\n") != std::string::npos);
    // Line breaks in a field stay inside the list item; markup characters are shown, not obeyed.
    BOOST_TEST(md.find("- **Buyer Actions:** Researches problems  \n  on LinkedIn & in \"analyst\" reports &lt;2024&gt;\n") !=
               std::string::npos);
    BOOST_TEST(md.find("- **Buyer Actions:** —\n") != std::string::npos);
    BOOST_TEST(md.find("### Summary\n") != std::string::npos);
    BOOST_TEST(md.back() == '\n');
    BOOST_TEST(md.find("\n\n\n") == std::string::npos);
}

// The text a browser shows for HTML as cmark-gfm writes it: tags dropped, its entities decoded.
std::string shown_text(std::string_view html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            i = html.find('>', i);
            if (i == std::string_view::npos) break;
            continue;
        }
        bool decoded = false;
        for (const auto& [entity, c] : {std::pair{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}})
            if (html.substr(i, std::string_view(entity).size()) == entity) {
                out.push_back(c);
                i += std::string_view(entity).size() - 1;
                decoded = true;
                break;
            }
        if (!decoded) out.push_back(html[i]);
    }
    return out;
}

// Rendered by GitHub's own Markdown parser with GitHub's extensions, every field reads as typed:
// no strikethrough between two "1~2 weeks", no list from "2026. Budget", no entity, link or
// emphasis. ("$" is GitHub's maths, which cmark-gfm does not know: it is escaped all the same.)
BOOST_AUTO_TEST_CASE(markdown_shows_every_field_as_typed_in_github_flavoured_markdown) {
    const std::string typed[] = {
        "1~2 weeks, then 3~6 months", "~~not struck~~", "*not em* and _not em_ and **not strong**", "`not code`",
        "[not a link](http://example.invalid)", "![no image](x.png)", "<b>not html</b>", "a | b | c",
        "&copy; &#169; &amp; R&D", "$x$ is not maths", "# not a heading", "- not an item", "+ not an item",
        "= not an underline", "2026. Budget", "3) third", "> not a quote", "back\\slash", "trailing backslash\\",
        "<http://example.invalid>", "see http://example.invalid/a_b_c*", "(www.example.invalid/~a~b)",
        "mail first_last@example.invalid", "Cut waste to ~5%"};
    document d;
    persona p;
    p.id = "p1";
    p.name = "Markdown";
    for (std::size_t i = 0; i < std::size(typed); ++i) {
        stage s;
        s.id = "s" + std::to_string(i + 1);
        s.name = "Stage " + std::to_string(i + 1);
        s.buyer_actions = typed[i];
        s.key_message = "first line\n    = indented second line\n2. third line";
        p.stages.push_back(s);
    }
    d.personas.push_back(p);
    test::temp_dir dir;
    test::spit(dir.file("playbook.md"), *to_markdown(d).value);
    const auto html = test::run_program(BPM_CMARK_GFM, {"-e", "strikethrough", "-e", "table", "-e", "autolink",
                                                         "-e", "tagfilter", dir.file("playbook.md")});
    BOOST_TEST_REQUIRE(html.exit_code == 0, html.err);
    // Each field's list item, as HTML: the same text, and no mark but a link for a web address.
    std::vector<std::string> items;
    const std::string start = "<li><strong>Buyer Actions:</strong> ";
    for (std::size_t at = html.out.find(start); at != std::string::npos; at = html.out.find(start, at + 1))
        items.push_back(html.out.substr(at + start.size(), html.out.find("</li>", at) - at - start.size()));
    BOOST_TEST_REQUIRE(items.size() == std::size(typed));
    for (std::size_t i = 0; i < items.size(); ++i) {
        BOOST_TEST(shown_text(items[i]) == typed[i], items[i]);
        for (const char* tag : {"<del>", "<em>", "<strong>", "<code>", "<img", "<ol", "<ul", "<blockquote>", "<h"})
            BOOST_TEST(items[i].find(tag) == std::string::npos, tag << " in " << items[i]);
    }
    BOOST_TEST(html.out.find("<li><strong>Key Message:</strong> first line<br />\n= indented second line<br />\n"
                             "2. third line</li>") != std::string::npos,
               html.out);
    BOOST_TEST(html.out.find("<a href=\"http://example.invalid\">http://example.invalid</a>") != std::string::npos);
}

// Case 08: "1~2 weeks … 3~6 months" were struck through on GitHub, and neither read as a range.
BOOST_AUTO_TEST_CASE(tilde_ranges_are_ranges_and_never_strike_through) {
    const result<document> doc = load_json(test::data("markdown-tilde-ranges.json"));
    BOOST_TEST_REQUIRE(bool(doc));
    const persona& p = doc.value->personas.at(0);
    const cycle_length cycle = total_duration(p);
    BOOST_TEST_REQUIRE(bool(cycle.known));
    BOOST_TEST(cycle.known->min_days == 7 + 90);
    BOOST_TEST(cycle.known->max_days == 14 + 180);
    BOOST_TEST(cycle.stages_without_duration == 0u);

    test::temp_dir dir;
    const std::string md = *to_markdown(*doc.value).value;
    BOOST_TEST(md.find("1\\~2 weeks") != std::string::npos, md);
    test::spit(dir.file("playbook.md"), md);
    const auto html = test::run_program(BPM_CMARK_GFM, {"-e", "strikethrough", dir.file("playbook.md")});
    BOOST_TEST_REQUIRE(html.exit_code == 0, html.err);
    BOOST_TEST(html.out.find("<del>") == std::string::npos, html.out);
    for (const char* shown : {"(1~2 weeks)", "(3~6 months)", "Pays back in 2~3 months", "Cut waste to ~5%",
                              "Whole cycle: 3–6.5 months"})
        BOOST_TEST(html.out.find(shown) != std::string::npos, shown << " in\n" << html.out);
}

BOOST_AUTO_TEST_CASE(markdown_summaries_tell_of_the_map_as_it_is_now) {
    const document d = test::document_with_old_summaries();
    const std::string md = *to_markdown(d).value;
    BOOST_TEST(md.find("### Summary\n\n*Written before the last changes on 2026-11-12 14:20 UTC*\n\nPersona: Marketing "
                       "Director") != std::string::npos, md);
    BOOST_TEST(md.find("Duration: 9 weeks, Influencers") != std::string::npos);
    BOOST_TEST(md.find("Duration: 1-2 weeks") == std::string::npos);
    BOOST_TEST(md.find("Written before") == md.rfind("Written before"));
}

BOOST_AUTO_TEST_CASE(markdown_and_csv_tell_their_progress_and_can_be_cancelled) {
    const document d = test::rich_document();
    const auto csv = [](const document& doc, const progress_fn& progress) { return to_csv(doc, {}, progress); };
    for (std::function<result<std::string>(const document&, const progress_fn&)> write :
         {std::function<result<std::string>(const document&, const progress_fn&)>(&to_markdown), {csv}}) {
        std::vector<std::size_t> told;
        const auto whole = write(d, [&](std::size_t done, std::size_t total) {
            BOOST_TEST(total == d.personas.size());
            told.push_back(done);
            return true;
        });
        BOOST_TEST_REQUIRE(bool(whole));
        // Once per persona, up to all of them.
        BOOST_TEST(told == (std::vector<std::size_t>{1, 2}), boost::test_tools::per_element());
        const auto stopped = write(d, [](std::size_t, std::size_t) { return false; });
        BOOST_TEST(!stopped);
        BOOST_TEST(stopped.was_cancelled());
        BOOST_TEST(stopped.problems.empty());
    }
}

// A field's own full stop would read ".," before the next label: it goes, as it does at the end
// of each pain point.
BOOST_AUTO_TEST_CASE(template_summary_follows_the_spec_layout) {
    const auto doc = load_bpm(test::sample("small-business-owner.bpm"));
    BOOST_TEST_REQUIRE(bool(doc));
    const std::string s = template_summary(doc.value->personas[0]);
    const std::string expected =
        "Persona: Small Business Owner (Budget constraints; Lacks IT support; Wastes evenings on manual bookkeeping)\n"
        "Awareness: Buyer Actions: Notices that month-end bookkeeping takes two evenings; searches for \"simple "
        "accounting for shops\" and asks peers, Duration: 1-2 weeks, Influencers: Peer business owners, accountant, "
        "local business forums, Seller Actions: Publish problem-focused articles; run search ads on bookkeeping pain "
        "terms, Content: Blog post, short explainer video, Key Message: You should not lose your evenings to "
        "spreadsheets\n";
    BOOST_TEST(s.rfind(expected, 0) == 0u, s);
    BOOST_TEST(s.find("\nConsideration: Buyer Actions: ") != std::string::npos);
    BOOST_TEST(s.find("\nDecision: Buyer Actions: ") != std::string::npos);
    BOOST_TEST(s.find("\nWhole cycle: 4–7 weeks\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(template_summary_reads_well_with_answers_typed_as_sentences) {
    persona p;
    p.name = "Ops lead";
    p.pain_points = {{"Reports take hours.", pain_category::productivity}, {"Wait for it...", pain_category::none}};
    stage s;
    s.name = "Awareness";
    s.buyer_actions = "She asks peers.";
    s.key_message = "Save your evenings.";
    p.stages.push_back(s);
    const std::string summary = template_summary(p);
    BOOST_TEST(summary.find("Persona: Ops lead (Reports take hours; Wait for it...)\n") == 0u, summary);
    BOOST_TEST(summary.find("Buyer Actions: She asks peers, Duration: —") != std::string::npos, summary);
    BOOST_TEST(summary.find("Key Message: Save your evenings\n") != std::string::npos, summary);
    BOOST_TEST(summary.find(".,") == std::string::npos, summary);
}

BOOST_AUTO_TEST_CASE(storing_the_template_summary_is_one_undo_step) {
    auto loaded = load_bpm(test::sample("small-business-owner.bpm"));
    BOOST_TEST_REQUIRE(bool(loaded));
    document doc = *loaded.value;
    doc.personas[0].summary.reset();
    const document before = doc;
    history h(doc);
    BOOST_TEST(store_template_summary(h, doc.personas[0].id));
    BOOST_TEST_REQUIRE(doc.personas[0].summary.has_value());
    BOOST_TEST(doc.personas[0].summary->text == template_summary(doc.personas[0]));
    BOOST_TEST((doc.personas[0].summary->source == summary_source::template_text));
    BOOST_TEST(!store_template_summary(h, "no-such-persona"));
    h.undo();
    BOOST_TEST((doc == before));
}

BOOST_AUTO_TEST_CASE(template_summary_of_a_sparse_persona) {
    persona p;
    p.name = "New\npersona";
    BOOST_TEST(template_summary(p) == "Persona: New persona\nNo buying stages mapped yet.\n");
    stage s;
    s.name = "Awareness";
    s.duration = "ongoing";
    p.stages.push_back(s);
    stage t;
    t.name = "Decision";
    t.duration = "2 weeks";
    p.stages.push_back(t);
    BOOST_TEST(template_summary(p) ==
               "Persona: New persona\n"
               "Awareness: Buyer Actions: —, Duration: ongoing, Influencers: —, Seller Actions: —, Content: —, Key Message: —\n"
               "Decision: Buyer Actions: —, Duration: 2 weeks, Influencers: —, Seller Actions: —, Content: —, Key Message: —\n"
               "Whole cycle: 2 weeks (plus 1 stage without a duration)\n");
}
