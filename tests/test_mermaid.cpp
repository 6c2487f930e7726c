#define BOOST_TEST_MODULE mermaid
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>

#include "bpm/bpm_file.h"
#include "bpm/export_text.h"
#include "bpm/json_format.h"
#include "bpm/map_formats.h"
#include "bpm/map_size.h"
#include "bpm/mermaid_journey.h"
#include "bpm/utf8.h"
#include "test_support.h"

using namespace bpm;

namespace {

document read_ok(std::string_view text) {
    const result<document> doc = read_mermaid_journey(text, "fallback");
    BOOST_TEST_REQUIRE(bool(doc), doc.error() << "\nin:\n" << text);
    BOOST_TEST_REQUIRE(doc.value->personas.size() == 1u);
    return *doc.value;
}

const persona& only_persona(const document& d) { return d.personas.front(); }

// "LINE:COL: message" of every problem, or of every warning.
std::vector<std::string> placed(const std::vector<diagnostic>& ds) {
    std::vector<std::string> out;
    for (const diagnostic& d : ds) out.push_back(d.to_string());
    return out;
}

bool has(const std::vector<diagnostic>& ds, std::string_view start) {
    for (const diagnostic& d : ds)
        if (d.to_string().rfind(start, 0) == 0) return true;
    return false;
}

// What a diagram says, as Mermaid's journey database holds it: the title, and per section its
// name and tasks with score and people.
std::string journey_of(const persona& p) {
    std::string out = "title=" + p.name + "\n";
    for (const stage& s : p.stages) {
        out += "section=" + s.name + "\n";
        for (const journey_task& t : s.journey) {
            out += "  " + t.text + " | " + std::to_string(t.score);
            for (const std::string& person : t.people) out += " | " + person;
            out += "\n";
        }
    }
    return out;
}

// The lines of a field, trimmed, without empty ones.
std::vector<std::string> lines(std::string_view text, std::string_view breaks = "\n") {
    std::vector<std::string> out;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t end = std::min(text.find_first_of(breaks, from), text.size());
        const std::string_view line = trim(text.substr(from, end - from));
        if (!line.empty()) out.emplace_back(line);
        from = end + 1;
    }
    return out;
}

// Distinct influencers, in order.
std::vector<std::string> influencers(std::string_view text) {
    std::vector<std::string> out;
    for (const std::string& name : lines(text, ",;\n"))
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    return out;
}

// A map's stages as the Mermaid journey keeps them: names, buyer actions and influencers.
void expect_same_stages(const persona& before, const persona& after) {
    BOOST_TEST_REQUIRE(after.stages.size() == before.stages.size());
    for (std::size_t i = 0; i < before.stages.size(); ++i) {
        const stage &a = before.stages[i], &b = after.stages[i];
        const std::string name(trim(a.name));
        BOOST_TEST(b.name == (name.empty() && (i > 0 || trim(a.buyer_actions).empty()) ? "Unnamed stage" : name),
                   "stage " << i);
        BOOST_TEST(lines(b.buyer_actions) == lines(a.buyer_actions), "stage " << i << ": " << a.buyer_actions);
        if (!lines(a.buyer_actions).empty() && a.journey.empty())
            BOOST_TEST(influencers(b.key_influencers) == influencers(a.key_influencers), "stage " << i);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_journey_becomes_a_persona_with_a_stage_per_section) {
    const document d = read_ok(
        "journey\n"
        "  title Marketing Director\n"
        "  section Awareness\n"
        "    Reads analyst reports: 2: Me, Analyst\n"
        "    Asks peers: 4: Me, Peers, Analyst\n"
        "  section Decision\n"
        "    Signs the contract: 5: Me\n");
    const persona& p = only_persona(d);
    BOOST_TEST(p.name == "Marketing Director");
    BOOST_TEST(p.id == "persona-1");
    BOOST_TEST_REQUIRE(p.stages.size() == 2u);
    BOOST_TEST(p.stages[0].id == "stage-1");
    BOOST_TEST(p.stages[0].name == "Awareness");
    BOOST_TEST(p.stages[0].buyer_actions == "Reads analyst reports\nAsks peers");
    BOOST_TEST(p.stages[0].key_influencers == "Me, Analyst, Peers");
    BOOST_TEST(p.stages[1].name == "Decision");
    BOOST_TEST(p.stages[1].buyer_actions == "Signs the contract");
    BOOST_TEST(p.stages[1].key_influencers == "Me");
    // The scores, kept for the emotion curve.
    BOOST_TEST_REQUIRE(p.stages[0].journey.size() == 2u);
    BOOST_TEST((p.stages[0].journey[0] == journey_task{"Reads analyst reports", 2, {"Me", "Analyst"}}));
    BOOST_TEST((p.stages[0].journey[1] == journey_task{"Asks peers", 4, {"Me", "Peers", "Analyst"}}));
    BOOST_TEST((p.stages[1].journey[0] == journey_task{"Signs the contract", 5, {"Me"}}));
}

BOOST_AUTO_TEST_CASE(everything_mermaids_grammar_reads_is_read_or_said_to_be_left_out) {
    const result<document> doc = load_mermaid_journey(test::data("journey-cfo.mmd"), false);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const persona& p = only_persona(*doc.value);
    // The front matter's title, quoted because of its ':'; its config is how Mermaid draws.
    BOOST_TEST(p.name == "CFO: buying analytics");
    BOOST_TEST_REQUIRE(p.stages.size() == 3u);
    BOOST_TEST(p.stages[0].name == "Awareness\nand research");
    BOOST_TEST(p.stages[0].key_influencers == "CFO, Analyst, Peers");
    // An entity code is the character Mermaid shows; '#' outside one starts a comment.
    BOOST_TEST(p.stages[1].buyer_actions == "Compares three vendors\nRuns pilot #2");
    BOOST_TEST((p.stages[1].journey[1] == journey_task{"Runs pilot #2", 4, {"Controller"}}));
    // Tasks without people, and with an empty list.
    BOOST_TEST((p.stages[2].journey[0] == journey_task{"Signs the contract", 5, {}}));
    BOOST_TEST((p.stages[2].journey[1] == journey_task{"Plans the roll-out", 4, {}}));
    BOOST_TEST(p.stages[2].key_influencers == "");
    // The accessible title and description have no place in a map: said, where they are.
    BOOST_TEST(placed(doc.warnings) ==
                   (std::vector<std::string>{
                       "8:3: the accessible title (accTitle) is left out: a map has no place for it",
                       "9:3: the accessible description (accDescr) is left out: a map has no place for it"}),
               doc.warnings.size());
}

BOOST_AUTO_TEST_CASE(keywords_comments_and_line_ends_follow_the_grammar) {
    const document d = read_ok(
        "%%{init: {'theme': 'base',\r\n 'journey': {}}}%%\r\n"
        "%% a comment line\r\n"
        "journey\r\n"
        "Title   Working day  \r\n"
        "accDescr: one line\r\n"
        "Section A<br/>B<BR />C\r"
        "Make tea :5:Me,Cat,,Me  \n"
        "# a comment\n"
        "E task: 5:\n"
        "title Later title\n");
    const persona& p = only_persona(d);
    // The last title names the persona, as Mermaid shows the last one.
    BOOST_TEST(p.name == "Later title");
    BOOST_TEST_REQUIRE(p.stages.size() == 1u, journey_of(p));
    BOOST_TEST(p.stages[0].name == "A\nB\nC");
    BOOST_TEST((p.stages[0].journey[0] == journey_task{"Make tea", 5, {"Me", "Cat", "Me"}}));
    BOOST_TEST(p.stages[0].key_influencers == "Me, Cat");
    BOOST_TEST((p.stages[0].journey[1] == journey_task{"E task", 5, {}}));
}

BOOST_AUTO_TEST_CASE(a_section_name_holds_no_colon) {
    // "section Other: stage" is a section and then a task's data without a name: Mermaid fails.
    const result<document> doc = read_mermaid_journey("journey\nsection Other: stage\n", "x");
    BOOST_TEST(!doc);
    BOOST_TEST(placed(doc.problems) ==
               std::vector<std::string>{"2:14: a task needs a name before ':' (Task name: 5: Person, Person)"});
}

BOOST_AUTO_TEST_CASE(tasks_before_any_section_go_to_a_stage_without_a_name) {
    const result<document> doc = read_mermaid_journey("journey\n  Wakes up: 3: Me\n  section Work\n  Types: 1\n", "x");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const persona& p = only_persona(*doc.value);
    BOOST_TEST_REQUIRE(p.stages.size() == 2u);
    BOOST_TEST(p.stages[0].name == "");
    BOOST_TEST(p.stages[0].buyer_actions == "Wakes up");
    BOOST_TEST(p.stages[1].name == "Work");
    BOOST_TEST(has(doc.warnings, "2:3: tasks before the first section go to a stage without a name"));
    // Without a title the persona is named after the file.
    BOOST_TEST(p.name == "x");
    BOOST_TEST(has(doc.warnings, "the diagram has no title: the persona is named \"x\" after the file"));
}

BOOST_AUTO_TEST_CASE(bad_scores_and_what_the_grammar_refuses_are_located_and_nothing_is_imported) {
    const result<document> doc = load_mermaid_journey(test::data("journey-bad-scores.mmd"), false);
    BOOST_TEST(!doc);
    BOOST_TEST(placed(doc.problems) == (std::vector<std::string>{
                                           "4:24: score \"high\" is not a whole number from 1 to 5",
                                           "5:19: score \"7\" is not a whole number from 1 to 5",
                                           "6:23: score \"2.5\" is not a whole number from 1 to 5",
                                           "7:13: Mermaid cannot read ';' here: write #59; for a semicolon",
                                       }));
    const std::pair<const char*, const char*> refused[] = {
        {"journey\nsection A\nTask\n", "3:5: a task needs ': score' after its name"},
        {"journey\nsection A\nTask:\n", "3:5: a task needs ': score' after its name"},
        {"journey\nsection A\nTask: : Me\n", "3:7: a task needs a score from 1 to 5 after ':'"},
        {"journey\nsection A\nTask: 0\n", "3:7: score \"0\" is not a whole number from 1 to 5"},
        {"journey\nsection A\nTask #1: 5\n", "3:6: a task needs ': score' after its name"},
        {"journey\nsection A\n: 5\n", "3:1: a task needs a name before ':'"},
        {"journey\nJourney planning: 3\n", "2:1: \"journey\" may only start the diagram"},
        {"flowchart LR\n  a --> b\n", "1:1: this is not a Mermaid user journey: it starts with \"flowchart LR\""},
        {"  \n%% nothing\n", "1:1: the diagram is empty"},
        // Mermaid tells a journey by its first word, in lower case, after nothing but "%%" comments.
        {"JOURNEY\n", "1:1: this is not a Mermaid user journey: it starts with \"JOURNEY\", not \"journey\""},
        {"# note\njourney\n", "1:1: this is not a Mermaid user journey: it starts with \"# note\""},
        {"journeys\n", "1:1: this is not a Mermaid user journey: it starts with \"journeys\""},
        {"journey\naccDescr {\n never closed\n", "2:1: this accDescr { is not closed with }"},
        {"%%{init: {}\njourney\n", "1:1: this directive is not closed with }%%"},
        {"---\ntitle: T\n---\njourney\n  %%{init: {}}%% section A\n  %%{init: {\n",
         "6:3: this directive is not closed"},
        {"journey\n  %%{init: {}}%% section A\n  Task: 6\n", "3:9: score \"6\" is not a whole number"},
        {"---\ntitle: x\njourney\n", "1:1: the front matter is not closed with a line of ---"},
        {"---\ntitle: |\n  folded\n---\njourney\n", "2:8: write the front matter's title on its line"},
        {"---\ntitle: a: b\n---\njourney\n", "2:8: the front matter's title is not YAML"},
        {"journey\nsection A\nTask\x01: 5\n", "3:1: the character U+0001 cannot be kept"},
        {"journey\ntitle \xC3\n", "2:7: invalid UTF-8 byte sequence"},
    };
    for (const auto& [text, problem] : refused) {
        const result<document> r = read_mermaid_journey(text, "x");
        BOOST_TEST(!r, text);
        BOOST_TEST(has(r.problems, problem), text << "\n" << r.error());
    }
}

BOOST_AUTO_TEST_CASE(what_mermaid_leaves_out_is_said) {
    const result<document> doc = read_mermaid_journey("journey\ntitle T\nsection A\nTask: 3: Me: You\n", "x");
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    BOOST_TEST((only_persona(*doc.value).stages[0].journey[0] == journey_task{"Task", 3, {"Me"}}));
    BOOST_TEST(
        placed(doc.warnings) ==
        std::vector<std::string>{"4:12: the text after a task's second ':' is left out, as Mermaid leaves it out"});
}

BOOST_AUTO_TEST_CASE(the_first_journey_of_a_markdown_file_is_read_where_it_is) {
    const result<document> doc = load_mermaid_journey(test::data("journey-in-readme.md"), true);
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const persona& p = only_persona(*doc.value);
    BOOST_TEST(p.name == "IT manager");
    BOOST_TEST(p.stages.size() == 2u);
    BOOST_TEST(p.stages[1].key_influencers == "IT manager, CISO");
    BOOST_TEST(placed(doc.warnings) ==
               std::vector<std::string>{"24:1: only the first journey diagram is read: this one is left out"});

    // A ```journey block may leave out the word journey; problems are placed in the Markdown file.
    const result<document> bare = read_markdown_journey("Intro\n\n```journey\nsection A\n  Task: 9\n```\n", "x");
    BOOST_TEST(!bare);
    BOOST_TEST(placed(bare.problems) == std::vector<std::string>{"5:9: score \"9\" is not a whole number from 1 to 5"});

    const result<document> none = read_markdown_journey("# Notes\n\n```mermaid\nflowchart LR\n```\n", "x");
    BOOST_TEST(!none);
    BOOST_TEST(
        placed(none.problems) ==
        std::vector<std::string>{"1:1: no journey diagram here: the file has no ```journey block, nor a ```mermaid "
                                 "block that starts with journey"});
}

BOOST_AUTO_TEST_CASE(import_map_reads_mermaid_and_markdown) {
    BOOST_TEST(can_import(map_format::mermaid));
    BOOST_TEST(can_import(map_format::markdown));
    const result<document> mmd = import_map(test::data("journey-cfo.mmd"), map_format::mermaid);
    BOOST_TEST_REQUIRE(bool(mmd), mmd.error());
    BOOST_TEST(mmd.value->personas.at(0).stages.size() == 3u);
    const result<document> md = import_map(test::data("journey-in-readme.md"), map_format::markdown);
    BOOST_TEST_REQUIRE(bool(md), md.error());
    BOOST_TEST(md.value->personas.at(0).name == "IT manager");
}

// ---- writing ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mermaid_to_map_to_mermaid_gives_the_same_diagram) {
    // Written as to_mermaid_journey writes: byte for byte.
    const std::string canonical =
        "journey\n"
        "  title CFO: buying analytics\n"
        "  section Awareness<br>and research\n"
        "    Reads analyst reports: 2: CFO, Analyst\n"
        "    Runs pilot #35;2: 4: Controller\n"
        "  section Decision\n"
        "    Signs the contract: 5\n";
    BOOST_TEST(to_mermaid_journey(only_persona(read_ok(canonical))) == canonical);

    // Written by hand, with comments, front matter and spacing of its own: the same diagram, normalised.
    const document by_hand = *load_mermaid_journey(test::data("journey-cfo.mmd"), false).value;
    const std::string written = to_mermaid_journey(only_persona(by_hand));
    BOOST_TEST(journey_of(only_persona(read_ok(written))) == journey_of(only_persona(by_hand)), written);
}

BOOST_AUTO_TEST_CASE(map_to_mermaid_to_map_keeps_stage_names_actions_and_influencers) {
    persona p;
    p.name = "Head of IT: #1 buyer; 100%% sure";
    const auto add = [&](std::string name, std::string actions, std::string people) {
        stage s;
        s.name = std::move(name);
        s.buyer_actions = std::move(actions);
        s.key_influencers = std::move(people);
        p.stages.push_back(s);
    };
    add("", "Before any section: 3", "");
    add("Awareness & research\nin two lines", "Reads #1 report; takes notes\n\n  Calls a peer: 5 min  \n",
        "CFO; IT: ops,\nPeers");
    add("Phase: 2 <br> literal",
        "journey mapping\nTitle search\ntitle\tdeed\nsection review\nSections\naccDescr {x}\n"
        "accTitle: x\n%% not a comment\n%x\n:)\n#35; literal\n<br> in a task\n100%% done, 50% left",
        "Legal, \"Procurement\"");
    add("Empty", "", "Nobody");
    add("   ", "", "");
    add("Decision", "Signs", "A:B, C#D, E;F, G%%H");

    const std::string diagram = to_mermaid_journey(p);
    const document back = read_ok(diagram);
    BOOST_TEST(only_persona(back).name == "Head of IT: #1 buyer; 100%% sure", diagram);
    expect_same_stages(p, only_persona(back));
    // Lines the map does not record a task for: the neutral score and the stage's influencers.
    BOOST_TEST((only_persona(back).stages[1].journey[0] == journey_task{"Reads #1 report; takes notes", 3,
                                                                         {"CFO", "IT: ops", "Peers"}}));
}

BOOST_AUTO_TEST_CASE(a_line_with_a_stored_task_keeps_its_score_and_people) {
    persona p;
    p.name = "Buyer";
    stage s;
    s.name = "Awareness";
    s.buyer_actions = "Reads a report\nAsks a peer\nReads a report";
    s.key_influencers = "Peers";
    s.journey = {{"Reads a report", 1, {"Me"}}, {"Gone from the actions", 5, {"Nobody"}}, {"Reads a report", 4, {}}};
    p.stages.push_back(s);
    BOOST_TEST(to_mermaid_journey(p) ==
               "journey\n"
               "  title Buyer\n"
               "  section Awareness\n"
               "    Reads a report: 1: Me\n"
               "    Asks a peer: 3: Peers\n"
               "    Reads a report: 4\n");
}

BOOST_AUTO_TEST_CASE(random_text_survives_map_to_mermaid_to_map) {
    // Text made of what the grammar reads specially, in every place of the diagram.
    const char* pool[] = {"#", ";", ":", ",", "%", "%%", "%%{init: x}%%", "<br>", "<BR/>", "}", "{", "\n", "\r", " ",
                          "\t", "journey", "title ", "section ", "accTitle", "accDescr", "accDescr {", "#35;", "#quot;",
                          "&amp;", "é", "中", "😀", "a", "Z", "0", "5", "-", "---", "\"", "'", "```"};
    std::mt19937 rng(18);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pool) - 1), count(0, 6);
    const auto text = [&] {
        std::string out;
        for (std::size_t n = count(rng); n > 0; --n) out += pool[pick(rng)];
        return out;
    };
    for (int iteration = 0; iteration < 500; ++iteration) {
        persona p;
        p.name = text();
        for (int i = 0; i < 3; ++i) {
            stage s;
            s.name = text();
            s.buyer_actions = text() + "\n" + text();
            s.key_influencers = text();
            p.stages.push_back(s);
        }
        const std::string diagram = to_mermaid_journey(p);
        const result<document> back = read_mermaid_journey(diagram, "file");
        BOOST_TEST_REQUIRE(bool(back), back.error() << "\n" << diagram);
        expect_same_stages(p, only_persona(*back.value));
    }
}

BOOST_AUTO_TEST_CASE(the_markdown_playbook_holds_each_personas_journey) {
    const document d = test::rich_document();
    const std::string md = *to_markdown(d).value;
    const std::string block = "```mermaid\n" + to_mermaid_journey(d.personas[0]) + "```\n";
    BOOST_TEST(md.find(block) != std::string::npos, md);
    // The playbook's first journey reads back as the first persona's.
    const result<document> back = read_markdown_journey(md, "playbook");
    BOOST_TEST_REQUIRE(bool(back), back.error());
    expect_same_stages(d.personas[0], only_persona(*back.value));

    // A fence longer than any backticks inside keeps the block whole.
    persona ticks;
    ticks.name = "Ticks";
    stage s;
    s.name = "Code";
    s.buyer_actions = "Pastes ```` into chat";
    ticks.stages.push_back(s);
    document t;
    t.personas.push_back(ticks);
    BOOST_TEST(to_markdown(t).value->find("`````mermaid\njourney\n") != std::string::npos);
}

// ---- the journey in .bpm and JSON -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(journey_tasks_are_kept_in_bpm_and_json) {
    const document d = *load_mermaid_journey(test::data("journey-cfo.mmd"), false).value;
    const result<document> bpm = read_bpm(write_bpm(d));
    BOOST_TEST_REQUIRE(bool(bpm), bpm.error());
    BOOST_TEST((*bpm.value == d));
    const result<document> json = read_json(write_json(d));
    BOOST_TEST_REQUIRE(bool(json), json.error());
    BOOST_TEST((*json.value == d));
    BOOST_TEST(write_bpm(d).find("\t\t\t\t\t\t<task score=\"4\">\n\t\t\t\t\t\t\t<text>Runs pilot #2</text>\n"
                                 "\t\t\t\t\t\t\t<person>Controller</person>\n\t\t\t\t\t\t</task>\n") !=
               std::string::npos);
    BOOST_TEST(write_json(d).find("\"journey_tasks\": [") != std::string::npos);
    // A stage without journey tasks is written as before: only one of the rich map's has any.
    const std::string rich = write_bpm(test::rich_document());
    BOOST_TEST(rich.find("<journey>") != std::string::npos);
    BOOST_TEST(rich.find("<journey>") == rich.rfind("<journey>"));
}

// ---- limits ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_largest_diagram_makes_a_map_within_every_limit_and_a_larger_one_is_refused) {
    // The most map a diagram of max_mermaid_bytes can make: the shortest tasks, each with people.
    for (const std::string_view task : {"a:1\n", "a:1:b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z\n", "&:1\n"}) {
        std::string text = "journey\nsection s\n";
        while (text.size() + task.size() <= max_mermaid_bytes) text += task;
        const result<document> doc = read_mermaid_journey(text, "big");
        BOOST_TEST_REQUIRE(bool(doc), doc.error());
        BOOST_TEST(content_bytes(*doc.value) <= max_content_bytes);
        const result<document> back = read_bpm(write_bpm(*doc.value));
        BOOST_TEST_REQUIRE(bool(back), back.error());
        BOOST_TEST((*back.value == *doc.value));
        text += std::string(max_mermaid_bytes - text.size() + 1, '\n');
        const result<document> over = read_mermaid_journey(text, "big");
        BOOST_TEST(
            placed(over.problems) ==
            std::vector<std::string>{"1:1: the diagram holds 1025 KB; a journey of more than 1024 KB is not read"});
    }
}

BOOST_AUTO_TEST_CASE(a_flood_of_problems_is_listed_up_to_the_limit_and_counted) {
    std::string text = "journey\nsection s\n";
    for (int i = 0; i < 1000; ++i) text += "task: 9\n";
    const result<document> doc = read_mermaid_journey(text, "x");
    BOOST_TEST(!doc);
    BOOST_TEST(doc.problems.size() == max_reported_problems + 1);
    BOOST_TEST(doc.problems.back().message == "and 950 more problems");
}
