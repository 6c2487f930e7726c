#define BOOST_TEST_MODULE diff
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

#include "bench_document.h"
#include "bpm/diff_text.h"
#include "bpm/map_diff.h"
#include "bpm/sequence_match.h"
#include "bpm/word_diff.h"
#include "test_support.h"

using namespace bpm;

namespace {

stage make_stage(std::string id, std::string name, std::string duration = {}) {
    stage s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.duration = std::move(duration);
    return s;
}

// A map with one persona, Emma Rodriguez, and another after her.
document emma_map() {
    document d;
    d.metadata = {"Q3 plan", "Ana", "2026-11-01T08:00:00Z", "2026-11-02T17:30:05Z"};
    persona emma;
    emma.id = "persona-1";
    emma.name = "Emma Rodriguez";
    emma.pain_points = {{"Too expensive", pain_category::financial}, {"Slow onboarding", pain_category::process}};
    emma.profile.role = "VP Marketing";
    emma.stages = {make_stage("stage-1", "Awareness", "2-4 weeks"), make_stage("stage-2", "Consideration", "1 month"),
                   make_stage("stage-3", "Decision", "2 weeks")};
    d.personas.push_back(emma);
    persona sophie;
    sophie.id = "persona-2";
    sophie.name = "Sophie Martin";
    sophie.stages = {make_stage("stage-4", "Awareness")};
    d.personas.push_back(sophie);
    return d;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

std::vector<std::string> diff_lines(const document& a, const document& b) { return lines_of(diff_to_text(diff_maps(a, b))); }

std::size_t count_kind(const map_diff& d, change_kind k) {
    return static_cast<std::size_t>(
        std::count_if(d.changes.begin(), d.changes.end(), [&](const map_change& c) { return c.kind == k; }));
}

}  // namespace

BOOST_AUTO_TEST_CASE(equal_maps_have_no_changes) {
    const document d = test::rich_document();
    const map_diff diff = diff_maps(d, d);
    BOOST_TEST(diff.empty());
    BOOST_TEST(diff_to_text(diff) == "");
    const auto j = nlohmann::json::parse(diff_to_json(diff));
    BOOST_TEST(j["equal"] == true);
    BOOST_TEST(j["changes"].empty());
    BOOST_TEST(diff_maps(document{}, document{}).empty());
}

BOOST_AUTO_TEST_CASE(a_stage_field_change_names_persona_stage_and_field) {
    const document a = emma_map();
    document b = a;
    b.personas[0].stages[0].duration = "3-5 weeks";
    BOOST_TEST(diff_lines(a, b) == std::vector<std::string>{"Emma Rodriguez › Awareness › Duration: 2-4 weeks → 3-5 weeks"},
               boost::test_tools::per_element());
    const map_diff d = diff_maps(a, b);
    BOOST_REQUIRE(d.changes.size() == 1u);
    const map_change& c = d.changes[0];
    BOOST_TEST((c.kind == change_kind::stage_field));
    BOOST_TEST(c.persona_id == "persona-1");
    BOOST_TEST(c.stage_id == "stage-1");
    BOOST_TEST(c.field == "duration");
    BOOST_TEST(c.old_value == "2-4 weeks");
    BOOST_TEST(c.new_value == "3-5 weeks");
}

BOOST_AUTO_TEST_CASE(a_field_filled_in_or_emptied_is_marked_plus_or_minus) {
    const document a = emma_map();
    document b = a;
    b.personas[0].stages[1].key_message = "Fast wins";
    b.personas[0].stages[2].duration.clear();
    BOOST_TEST(diff_lines(a, b) == (std::vector<std::string>{"+ Emma Rodriguez › Consideration › Key Message: Fast wins",
                                                             "- Emma Rodriguez › Decision › Duration: 2 weeks"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stages_added_removed_and_moved) {
    const document a = emma_map();
    document b = a;
    auto& stages = b.personas[0].stages;
    // Trial comes in after Consideration with a duration; Awareness goes.
    stages.insert(stages.begin() + 2, make_stage("stage-9", "Trial", "2 weeks"));
    stages.erase(stages.begin());
    BOOST_TEST(diff_lines(a, b) == (std::vector<std::string>{"- Emma Rodriguez › stage Awareness",
                                                             "+ Emma Rodriguez › stage Trial (after Consideration)",
                                                             "+ Emma Rodriguez › Trial › Duration: 2 weeks"}),
               boost::test_tools::per_element());

    // Decision moved before Trial: one line, the others kept their order.
    document c = b;
    std::swap(c.personas[0].stages[1], c.personas[0].stages[2]);
    BOOST_TEST(diff_lines(b, c) == std::vector<std::string>{"~ Emma Rodriguez › stage Decision moved before Trial"},
               boost::test_tools::per_element());
    const map_diff d = diff_maps(b, c);
    BOOST_TEST(d.changes[0].old_index == 2u);
    BOOST_TEST(d.changes[0].new_index == 1u);
    BOOST_TEST(d.changes[0].before_id == "stage-9");

    // A stage added first names the one after it; one added to an empty persona, none.
    document e = a;
    e.personas[0].stages.insert(e.personas[0].stages.begin(), make_stage("stage-10", "Research"));
    e.personas[1].stages.clear();
    e.personas[1].stages.push_back(make_stage("stage-11", "Only"));
    BOOST_TEST(diff_lines(a, e) == (std::vector<std::string>{"+ Emma Rodriguez › stage Research (before Awareness)",
                                                             "- Sophie Martin › stage Awareness",
                                                             "+ Sophie Martin › stage Only"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_stage_moved_to_the_end_of_many_is_one_line) {
    document a;
    persona p;
    p.id = "p";
    p.name = "P";
    for (int i = 0; i < 30; ++i) p.stages.push_back(make_stage("s" + std::to_string(i), "S" + std::to_string(i)));
    a.personas.push_back(p);
    document b = a;
    auto& st = b.personas[0].stages;
    std::rotate(st.begin(), st.begin() + 1, st.end());  // S0 goes last
    BOOST_TEST(diff_lines(a, b) == std::vector<std::string>{"~ P › stage S0 moved after S29"}, boost::test_tools::per_element());
    // Reversed: the fewest moves, n - 1.
    document c = a;
    std::reverse(c.personas[0].stages.begin(), c.personas[0].stages.end());
    BOOST_TEST(count_kind(diff_maps(a, c), change_kind::stage_moved) == 29u);
}

BOOST_AUTO_TEST_CASE(stages_are_matched_by_id_not_position) {
    const document a = emma_map();
    document b = a;
    auto& st = b.personas[0].stages;
    std::reverse(st.begin(), st.end());
    st[2].duration = "6 weeks";  // Awareness, now last
    st[0].name = "Choice";       // Decision, now first
    const auto lines = diff_lines(a, b);
    // Reversing three stages takes two moves; the third kept its place.
    BOOST_TEST(lines == (std::vector<std::string>{"~ Emma Rodriguez › stage Choice moved before Consideration",
                                                  "~ Emma Rodriguez › stage Decision renamed to Choice",
                                                  "~ Emma Rodriguez › stage Consideration moved before Awareness",
                                                  "Emma Rodriguez › Awareness › Duration: 2-4 weeks → 6 weeks"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(personas_added_removed_renamed_and_moved) {
    const document a = emma_map();
    document b = a;
    std::swap(b.personas[0], b.personas[1]);
    b.personas[0].name = "Sophie M.";
    const auto lines = diff_lines(a, b);
    BOOST_TEST(lines == (std::vector<std::string>{"~ persona Sophie M. moved before Emma Rodriguez",
                                                  "~ persona Sophie Martin renamed to Sophie M."}),
               boost::test_tools::per_element());

    document c = a;
    c.personas.erase(c.personas.begin());
    persona lena;
    lena.id = "persona-3";
    lena.name = "Lena Kovac";
    lena.status = persona_status::completed;
    lena.profile.role = "CFO";
    lena.pain_points = {{"No budget", pain_category::financial}};
    lena.stages = {make_stage("stage-20", "Awareness", "1 week")};
    c.personas.push_back(lena);
    BOOST_TEST(diff_lines(a, c) == (std::vector<std::string>{"- persona Emma Rodriguez",
                                                             "+ persona Lena Kovac (after Sophie Martin)",
                                                             "+ Lena Kovac › Status: Completed",
                                                             "+ Lena Kovac › Role: CFO",
                                                             "+ Lena Kovac › pain point 'No budget' (Financial)",
                                                             "+ Lena Kovac › stage Awareness",
                                                             "+ Lena Kovac › Awareness › Duration: 1 week"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pain_points_added_removed_moved_and_recategorised) {
    const document a = emma_map();
    document b = a;
    auto& pp = b.personas[0].pain_points;
    pp.erase(pp.begin());                                         // Too expensive goes
    pp.push_back({"Hard to integrate", pain_category::none});     // a new one
    pp.insert(pp.begin() + 1, {"Legacy tools", pain_category::other});
    pp[0].category = pain_category::support;                      // Slow onboarding: Process → Support
    BOOST_TEST(diff_lines(a, b) == (std::vector<std::string>{"- Emma Rodriguez › pain point 'Too expensive'",
                                                             "~ Emma Rodriguez › pain point 'Slow onboarding': Process → Support",
                                                             "+ Emma Rodriguez › pain point 'Legacy tools' (Other)",
                                                             "+ Emma Rodriguez › pain point 'Hard to integrate'"}),
               boost::test_tools::per_element());
    document c = a;
    std::swap(c.personas[0].pain_points[0], c.personas[0].pain_points[1]);
    BOOST_TEST(diff_lines(a, c) ==
                   std::vector<std::string>{"~ Emma Rodriguez › pain point 'Slow onboarding' moved before 'Too expensive'"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(profile_status_summary_and_document_fields) {
    const document a = emma_map();
    document b = a;
    b.metadata.title = "Q4 plan";
    b.metadata.modified_at = "2026-11-03T09:00:00Z";
    persona& emma = b.personas[0];
    emma.status = persona_status::completed;
    emma.created_by = "Ana";
    emma.profile.role = "CMO";
    emma.profile.success_metric = "Pipeline";
    emma.summary = persona_summary{"Emma buys fast.", summary_source::ai, "2026-11-03T09:00:00Z"};
    BOOST_TEST(diff_lines(a, b) == (std::vector<std::string>{"Map › Title: Q3 plan → Q4 plan",
                                                             "Map › Modified: 2026-11-02 17:30 UTC → 2026-11-03 09:00 UTC",
                                                             "Emma Rodriguez › Status: In progress → Completed",
                                                             "+ Emma Rodriguez › Created By: Ana",
                                                             "Emma Rodriguez › Role: VP Marketing → CMO",
                                                             "+ Emma Rodriguez › Primary Success Metric: Pipeline",
                                                             "+ Emma Rodriguez › Summary: Emma buys fast.",
                                                             "+ Emma Rodriguez › Summary Source: AI",
                                                             "+ Emma Rodriguez › Summary Written: 2026-11-03 09:00 UTC"}),
               boost::test_tools::per_element());
    // Seconds alone differ: the timestamps are shown whole.
    document c = a;
    c.metadata.modified_at = "2026-11-02T17:30:09Z";
    BOOST_TEST(diff_lines(a, c) ==
                   std::vector<std::string>{"Map › Modified: 2026-11-02T17:30:05Z → 2026-11-02T17:30:09Z"},
               boost::test_tools::per_element());
    // An empty template summary is still a summary.
    document d = a;
    d.personas[0].summary = persona_summary{};
    BOOST_TEST(diff_lines(a, d) == std::vector<std::string>{"+ Emma Rodriguez › Summary Source: Offline template"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(long_texts_show_a_word_difference) {
    document a2 = emma_map();
    a2.personas[0].stages[0].buyer_actions = "Researches problems on LinkedIn and in analyst reports before talking to vendors";
    document b = a2;
    b.personas[0].stages[0].buyer_actions = "Researches issues on LinkedIn and in analyst reports before talking to any vendor";
    BOOST_TEST(diff_lines(a2, b) ==
                   std::vector<std::string>{"Emma Rodriguez › Awareness › Buyer Actions: Researches [-problems-]{+issues+} on "
                                            "LinkedIn and in analyst reports before talking to [-vendors-]{+any vendor+}"},
               boost::test_tools::per_element());
    // Several lines: line breaks show as ↵, on the change's one line.
    document c = a2;
    c.personas[0].stages[0].buyer_actions = "Reads\nreviews";
    document e = c;
    e.personas[0].stages[0].buyer_actions = "Reads\nmany reviews";
    BOOST_TEST(diff_lines(c, e) == std::vector<std::string>{"Emma Rodriguez › Awareness › Buyer Actions: Reads↵{+many+} reviews"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(word_diff_runs) {
    using k = word_run::kind;
    BOOST_TEST((word_diff("a b c", "a x c") == std::vector<word_run>{{k::same, "a "}, {k::removed, "b"}, {k::added, "x"}, {k::same, " c"}}));
    BOOST_TEST((word_diff("a b c", "a c") == std::vector<word_run>{{k::same, "a "}, {k::removed, "b"}, {k::same, " c"}}));
    BOOST_TEST((word_diff("b c", "a b c") == std::vector<word_run>{{k::added, "a"}, {k::same, " b c"}}));
    BOOST_TEST((word_diff("a b", "a b c d") == std::vector<word_run>{{k::same, "a b "}, {k::added, "c d"}}));
    BOOST_TEST((word_diff("", "a") == std::vector<word_run>{{k::added, "a"}}));
    // Only white space differs: the whole texts.
    BOOST_TEST((word_diff("a  b", "a b") == std::vector<word_run>{{k::removed, "a  b"}, {k::added, "a b"}}));
    // Past the bound, the differing middle is replaced whole; its common start and end still show.
    BOOST_TEST((word_diff("s a b c e", "s c b a e", 4) == std::vector<word_run>{{k::same, "s "}, {k::removed, "a b c"}, {k::added, "c b a"}, {k::same, " e"}}));
    BOOST_TEST((word_diff("s a b c e", "s c b a e").size() > 4u));
}

BOOST_AUTO_TEST_CASE(a_huge_rewrite_falls_back_to_the_whole_text) {
    // 3,000 words against 3,000 others: 9 million pairs, past the bound.
    std::string a, b;
    for (int i = 0; i < 3000; ++i) {
        a += "w" + std::to_string(i) + " ";
        b += "v" + std::to_string(i) + " ";
    }
    const auto runs = word_diff(a, b);
    BOOST_TEST(runs.size() == 2u);
    BOOST_TEST((runs[0].what == word_run::kind::removed));
    BOOST_TEST((runs[1].what == word_run::kind::added));
}

BOOST_AUTO_TEST_CASE(sequence_matching_pairs_duplicates_in_order_and_finds_the_fewest_moves) {
    const std::vector<std::string_view> a = {"x", "y", "x", "z"}, b = {"z", "x", "x", "w"};
    const sequence_match m = match_sequences(a, b);
    BOOST_TEST(m.new_of_old == (std::vector<std::size_t>{1, npos, 2, 0}), boost::test_tools::per_element());
    BOOST_TEST(m.old_of_new == (std::vector<std::size_t>{3, 0, 2, npos}), boost::test_tools::per_element());
    BOOST_TEST(m.moved == (std::vector<bool>{true, false, false, false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(any_edit_gives_a_change_and_none_gives_none) {
    // Random edits of every kind to the benchmark map: the diff is empty exactly when the maps are equal.
    const document base = test::bench_document(6, 5);
    std::mt19937 rng(19);
    for (int round = 0; round < 300; ++round) {
        document d = base;
        persona& p = d.personas[rng() % d.personas.size()];
        switch (rng() % 10) {
            case 0: p.stages[rng() % p.stages.size()].field(all_stage_fields[rng() % 7]) += "x"; break;
            case 1: std::swap(p.stages[0], p.stages[rng() % p.stages.size()]); break;
            case 2: p.pain_points[rng() % p.pain_points.size()].category = pain_category(rng() % 6); break;
            case 3: std::swap(p.pain_points[0], p.pain_points[rng() % p.pain_points.size()]); break;
            case 4: p.summary = persona_summary{}; break;
            case 5: p.status = persona_status(rng() % 2); break;
            case 6: std::swap(d.personas[0], d.personas[rng() % d.personas.size()]); break;
            case 7: p.stages.erase(p.stages.begin() + static_cast<long>(rng() % p.stages.size())); break;
            case 8: p.id += "b"; break;
            default: d.metadata.created_by += "y"; break;
        }
        const map_diff diff = diff_maps(base, d);
        BOOST_TEST(diff.empty() == (base == d), "round " << round);
        BOOST_TEST(diff_to_text(diff).empty() == (base == d));
    }
}

BOOST_AUTO_TEST_CASE(json_gives_ids_keys_and_positions) {
    const document a = emma_map();
    document b = a;
    auto& st = b.personas[0].stages;
    st.insert(st.begin() + 2, make_stage("stage-9", "Trial"));
    st[0].duration = "3-5 weeks";
    b.personas[0].pain_points.erase(b.personas[0].pain_points.begin());
    b.personas[0].status = persona_status::completed;
    const auto j = nlohmann::ordered_json::parse(diff_to_json(diff_maps(a, b)));
    BOOST_TEST(j["equal"] == false);
    const auto& ch = j["changes"];
    BOOST_REQUIRE(ch.size() == 4u);
    BOOST_TEST(ch[0].dump() == R"({"kind":"persona_field","persona_id":"persona-1","persona":"Emma Rodriguez",)"
                               R"("field":"status","old":"in_progress","new":"completed"})");
    BOOST_TEST(ch[1].dump() == R"({"kind":"pain_point_removed","persona_id":"persona-1","persona":"Emma Rodriguez",)"
                               R"("pain_point":"Too expensive","category":"financial","old_index":0})");
    BOOST_TEST(ch[2].dump() == R"({"kind":"stage_field","persona_id":"persona-1","persona":"Emma Rodriguez",)"
                               R"("stage_id":"stage-1","stage":"Awareness","field":"duration","old":"2-4 weeks","new":"3-5 weeks"})");
    BOOST_TEST(ch[3].dump() == R"({"kind":"stage_added","persona_id":"persona-1","persona":"Emma Rodriguez",)"
                               R"("stage_id":"stage-9","stage":"Trial","new_index":2,"after_id":"stage-2",)"
                               R"("after":"Consideration","before_id":"stage-3","before":"Decision"})");
}

BOOST_AUTO_TEST_CASE(a_persona_or_stage_without_a_name_is_shown_by_its_id) {
    document a = emma_map();
    document b = a;
    b.personas[1].name = "  ";
    b.personas[1].stages[0].name.clear();
    BOOST_TEST(diff_lines(a, b) == (std::vector<std::string>{"~ persona Sophie Martin renamed to [persona-2]",
                                                             "~ [persona-2] › stage Awareness renamed to [stage-4]"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_outline_has_a_line_for_each_filled_field) {
    document d = emma_map();
    d.personas[0].stages[1].buyer_actions = "Reads\nreviews";
    d.personas.pop_back();
    BOOST_TEST(lines_of(map_outline(d)) == (std::vector<std::string>{
                                                "Map › Title: Q3 plan",
                                                "Map › Created By: Ana",
                                                "Map › Created: 2026-11-01T08:00:00Z",
                                                "Map › Modified: 2026-11-02T17:30:05Z",
                                                "persona Emma Rodriguez",
                                                "Emma Rodriguez › Status: In progress",
                                                "Emma Rodriguez › Role: VP Marketing",
                                                "Emma Rodriguez › pain point 'Too expensive' (Financial)",
                                                "Emma Rodriguez › pain point 'Slow onboarding' (Process)",
                                                "Emma Rodriguez › stage Awareness",
                                                "Emma Rodriguez › Awareness › Duration: 2-4 weeks",
                                                "Emma Rodriguez › stage Consideration",
                                                "Emma Rodriguez › Consideration › Buyer Actions: Reads↵reviews",
                                                "Emma Rodriguez › Consideration › Duration: 1 month",
                                                "Emma Rodriguez › stage Decision",
                                                "Emma Rodriguez › Decision › Duration: 2 weeks"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(conflicts_recorded_and_resolved_are_changes_too) {
    const document a = emma_map();
    document b = a;
    merge_conflict duration;
    duration.persona_id = "persona-1";
    duration.stage_id = "stage-1";
    duration.field = "duration";
    duration.base = "2 weeks";
    duration.ours = "2-4 weeks";
    duration.theirs = "a long text that runs on well past the eighty bytes a conflict shows of each value, cut";
    merge_conflict removed;
    removed.persona_id = "persona-2";
    removed.removed_by = conflict_side::theirs;
    merge_conflict gone;
    gone.persona_id = "persona-9";
    gone.pain_point = "Too slow";
    gone.field = "category";
    gone.ours = "financial";
    b.conflicts = {duration, removed, gone};

    const map_diff added = diff_maps(a, b);
    BOOST_TEST(count_kind(added, change_kind::conflict_added) == 3u);
    BOOST_TEST((diff_lines(a, b) ==
                std::vector<std::string>{
                    "! conflict: Emma Rodriguez › Awareness › Duration: ours '2-4 weeks', theirs 'a long text that runs "
                    "on well past the eighty bytes a conflict shows of each val…'",
                    "! conflict: persona Sophie Martin: removed by theirs, changed by ours",
                    "! conflict: [persona-9] › pain point 'Too slow' › Category: ours Financial, theirs no category"}));
    BOOST_TEST((diff_lines(b, a) == std::vector<std::string>{
                                        "- conflict resolved: Emma Rodriguez › Awareness › Duration",
                                        "- conflict resolved: persona Sophie Martin",
                                        "- conflict resolved: [persona-9] › pain point 'Too slow' › Category"}));
    const auto j = nlohmann::json::parse(diff_to_json(added));
    BOOST_TEST(j["changes"][0] == nlohmann::json::parse(R"({"kind": "conflict_added", "persona_id": "persona-1",
        "persona": "Emma Rodriguez", "stage_id": "stage-1", "stage": "Awareness", "pain_point": null,
        "field": "duration", "comment_id": null, "removed_by": null, "base": "2 weeks", "ours": "2-4 weeks",
        "theirs": "a long text that runs on well past the eighty bytes a conflict shows of each value, cut"})"));
    BOOST_TEST(j["changes"][1]["removed_by"] == "theirs");
    // The outline ends with them, for git log -p.
    const std::string outline = map_outline(b);
    BOOST_TEST(outline.substr(outline.rfind("conflict: persona")) ==
               "conflict: persona Sophie Martin: removed by theirs, changed by ours\n"
               "conflict: [persona-9] › pain point 'Too slow' › Category: ours Financial, theirs no category\n");
    BOOST_TEST(diff_maps(b, b).empty());
}

namespace {

comment ana_on_duration() {
    comment c;
    c.id = "comment-1";
    c.persona_id = "persona-1";
    c.stage_id = "stage-1";
    c.field = "duration";
    c.author = "Ana";
    c.created_at = "2026-11-20T09:15:00Z";
    c.text = "Is 2 weeks realistic?";
    return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(comments_added_resolved_reopened_replied_and_removed_read_as_people_say_them) {
    const document a = emma_map();
    document b = a;
    comment on_persona;
    on_persona.id = "comment-2";
    on_persona.persona_id = "persona-2";
    on_persona.text = "Who owns\nthis persona?";
    b.comments = {ana_on_duration(), on_persona};
    BOOST_TEST((diff_lines(a, b) == std::vector<std::string>{
                                        "+ Emma Rodriguez › Awareness › Duration: comment by Ana: 'Is 2 weeks realistic?'",
                                        "+ Sophie Martin: comment: 'Who owns↵this persona?'"}));
    BOOST_TEST((diff_lines(b, a) == std::vector<std::string>{
                                        "- Emma Rodriguez › Awareness › Duration: comment by Ana: 'Is 2 weeks realistic?'",
                                        "- Sophie Martin: comment: 'Who owns↵this persona?'"}));

    document c = b;
    c.comments[0].resolved = true;
    c.comments[0].replies = {{"comment-3", "Ben", "2026-11-20T10:00:00Z", "Closer to 4"}};
    c.comments[1].text = "Who owns this persona?";
    BOOST_TEST((diff_lines(b, c) ==
                std::vector<std::string>{
                    "~ Emma Rodriguez › Awareness › Duration: comment by Ana 'Is 2 weeks realistic?' resolved",
                    "+ Emma Rodriguez › Awareness › Duration: reply by Ben to comment by Ana 'Is 2 weeks realistic?': "
                    "'Closer to 4'",
                    "Sophie Martin: comment 'Who owns this persona?' › Text: [-Who owns↵this persona?-]{+Who owns "
                    "this persona?+}"}));
    BOOST_TEST((diff_lines(c, b) ==
                std::vector<std::string>{
                    "~ Emma Rodriguez › Awareness › Duration: comment by Ana 'Is 2 weeks realistic?' reopened",
                    "- Emma Rodriguez › Awareness › Duration: reply by Ben to comment by Ana 'Is 2 weeks realistic?': "
                    "'Closer to 4'",
                    "Sophie Martin: comment 'Who owns this persona?' › Text: [-Who owns this persona?-]{+Who "
                    "owns↵this persona?+}"}));
    // A comment whose stage the map no longer has is named by the stage's id.
    document gone = c;
    gone.personas[0].stages.erase(gone.personas[0].stages.begin());
    BOOST_TEST(lines_of(diff_to_text(diff_maps(a, gone))).back() == "+ Sophie Martin: comment: 'Who owns this persona?'");
    BOOST_TEST(lines_of(map_outline(gone))[lines_of(map_outline(gone)).size() - 3] ==
               "Emma Rodriguez › [stage-1] › Duration: comment by Ana: 'Is 2 weeks realistic?' (resolved)");

    const auto j = nlohmann::json::parse(diff_to_json(diff_maps(b, c)));
    BOOST_TEST(j["changes"][0] == nlohmann::json::parse(R"({"kind": "comment_resolved", "persona_id": "persona-1",
        "persona": "Emma Rodriguez", "stage_id": "stage-1", "stage": "Awareness",
        "comment": {"id": "comment-1", "field": "duration", "author": "Ana", "created_at": "2026-11-20T09:15:00Z",
                    "text": "Is 2 weeks realistic?", "resolved": true,
                    "replies": [{"id": "comment-3", "author": "Ben", "created_at": "2026-11-20T10:00:00Z",
                                 "text": "Closer to 4"}]}})"));
    BOOST_TEST(j["changes"][1]["kind"] == "reply_added");
    BOOST_TEST(j["changes"][1]["reply"]["text"] == "Closer to 4");
    BOOST_TEST(j["changes"][1]["new_index"] == 0);
    BOOST_TEST(j["changes"][2]["kind"] == "comment_field");
    BOOST_TEST(j["changes"][2]["field"] == "text");
    BOOST_TEST(j["changes"][2]["stage"].is_null());
}

BOOST_AUTO_TEST_CASE(conflict_lines_come_last_after_the_comments) {
    // As the README says: what a merge left to settle ends the list, in text and in JSON.
    const document a = emma_map();
    document b = a;
    b.personas[0].stages[0].duration = "3 weeks";
    b.comments = {ana_on_duration()};
    merge_conflict duration;
    duration.persona_id = "persona-1";
    duration.stage_id = "stage-1";
    duration.field = "duration";
    duration.ours = "3 weeks";
    duration.theirs = "4 weeks";
    b.conflicts = {duration};
    const std::vector<std::string> lines = diff_lines(a, b);
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(lines[1] == "+ Emma Rodriguez › Awareness › Duration: comment by Ana: 'Is 2 weeks realistic?'");
    BOOST_TEST(lines[2] == "! conflict: Emma Rodriguez › Awareness › Duration: ours '3 weeks', theirs '4 weeks'");
    const auto j = nlohmann::json::parse(diff_to_json(diff_maps(a, b)));
    BOOST_TEST(j["changes"][1]["kind"] == "comment_added");
    BOOST_TEST(j["changes"][2]["kind"] == "conflict_added");
    // And a conflict resolved comes after a comment removed.
    const std::vector<std::string> back = diff_lines(b, a);
    BOOST_TEST_REQUIRE(back.size() == 3u);
    BOOST_TEST(back[2] == "- conflict resolved: Emma Rodriguez › Awareness › Duration");
}

BOOST_AUTO_TEST_CASE(any_comment_edit_gives_a_change_and_none_gives_none) {
    document base = emma_map();
    base.comments = {ana_on_duration(), ana_on_duration()};
    base.comments[1].id = "comment-2";
    base.comments[1].replies = {{"r1", "Ben", "", "Yes"}, {"r2", "Cy", "", "No"}};
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        document d = base;
        comment& c = d.comments[rng() % 2];
        switch (rng() % 12) {
            case 0: c.text += "x"; break;
            case 1: c.author += "x"; break;
            case 2: c.created_at.clear(); break;
            case 3: c.resolved = !c.resolved; break;
            case 4: c.field = "buyer_actions"; break;
            case 5: c.stage_id = "stage-2"; break;
            case 6: c.persona_id = "persona-2"; break;
            case 7: std::swap(d.comments[0], d.comments[1]); break;
            case 8: d.comments[1].replies[rng() % 2].text += "!"; break;
            case 9: std::swap(d.comments[1].replies[0], d.comments[1].replies[1]); break;
            case 10: c.replies.push_back({"r9", "", "", "new"}); break;
            default: d.comments.erase(d.comments.begin() + static_cast<long>(rng() % 2)); break;
        }
        const map_diff diff = diff_maps(base, d);
        BOOST_TEST(diff.empty() == (base == d), "round " << round);
        BOOST_TEST(diff_to_text(diff).empty() == (base == d));
    }
}
