#define BOOST_TEST_MODULE merge
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <unordered_set>

#include "bpm/diff_text.h"
#include "bpm/map_diff.h"
#include "bpm/map_merge.h"
#include "bpm/merge_conflict.h"
#include "test_support.h"

using namespace bpm;

namespace {

using test::field_conflict;
using test::removal;

stage make_stage(std::string id, std::string name, std::string duration = {}) {
    stage s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.duration = std::move(duration);
    return s;
}

// Emma with three stages and two pain points, and Sophie with two stages.
document base_map() {
    document d;
    d.metadata = {"Q3 plan", "Ana", "2026-11-01T08:00:00Z", "2026-11-02T17:30:05Z"};
    persona emma;
    emma.id = "persona-1";
    emma.name = "Emma Rodriguez";
    emma.pain_points = {{"Too expensive", pain_category::financial}, {"Slow onboarding", pain_category::process}};
    emma.profile.role = "VP Marketing";
    emma.last_updated_at = "2026-11-02T17:30:05Z";
    emma.stages = {make_stage("stage-1", "Awareness", "2-4 weeks"), make_stage("stage-2", "Consideration", "1 month"),
                   make_stage("stage-3", "Decision", "2 weeks")};
    d.personas.push_back(emma);
    persona sophie;
    sophie.id = "persona-2";
    sophie.name = "Sophie Martin";
    sophie.stages = {make_stage("stage-4", "Awareness"), make_stage("stage-5", "Decision")};
    d.personas.push_back(sophie);
    return d;
}

persona& emma(document& d) { return *d.persona_by_id("persona-1"); }
persona& sophie(document& d) { return *d.persona_by_id("persona-2"); }
const stage& stage_of(const document& d, const char* id) {
    for (const persona& p : d.personas)
        if (const stage* s = p.stage_by_id(id)) return *s;
    throw std::logic_error("no such stage");
}
stage& stage_of(document& d, const char* id) { return const_cast<stage&>(stage_of(std::as_const(d), id)); }

std::vector<std::string> stage_ids(const persona& p) {
    std::vector<std::string> ids;
    for (const stage& s : p.stages) ids.push_back(s.id);
    return ids;
}

std::vector<std::string> persona_ids(const document& d) {
    std::vector<std::string> ids;
    for (const persona& p : d.personas) ids.push_back(p.id);
    return ids;
}

std::vector<std::string> pain_texts(const persona& p) {
    std::vector<std::string> texts;
    for (const pain_point& pp : p.pain_points) texts.push_back(pp.text);
    return texts;
}

using ids = std::vector<std::string>;

// Every stage id of the map, in order; the test fails when one is used twice.
void expect_unique_ids(const document& d) {
    std::set<std::string> personas, stages;
    for (const persona& p : d.personas) {
        BOOST_TEST(personas.insert(p.id).second, "persona id " << p.id << " twice");
        for (const stage& s : p.stages) BOOST_TEST(stages.insert(s.id).second, "stage id " << s.id << " twice");
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(unchanged_versions_merge_to_the_same_map) {
    const document b = base_map();
    const merge_result r = merge_maps(b, b, b);
    BOOST_TEST(r.clean());
    BOOST_TEST((r.merged == b));
    BOOST_TEST((merge_maps(document{}, document{}, document{}).merged == document{}));
}

BOOST_AUTO_TEST_CASE(one_side_changing_gives_that_side) {
    const document b = base_map();
    document changed = b;
    stage_of(changed, "stage-2").duration = "6 weeks";
    changed.personas.erase(changed.personas.begin() + 1);
    BOOST_TEST((merge_maps(b, changed, b).merged == changed));
    BOOST_TEST((merge_maps(b, b, changed).merged == changed));
    BOOST_TEST(merge_maps(b, b, changed).clean());
}

BOOST_AUTO_TEST_CASE(changes_to_different_fields_stages_and_personas_all_land) {
    const document b = base_map();
    document ours = b, theirs = b;
    stage_of(ours, "stage-1").duration = "3-5 weeks";
    emma(ours).profile.role = "CMO";
    stage_of(theirs, "stage-1").key_message = "Look before you buy";
    stage_of(theirs, "stage-4").buyer_actions = "Asks a friend";
    theirs.metadata.title = "Q4 plan";
    sophie(theirs).status = persona_status::completed;

    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    document expected = ours;
    stage_of(expected, "stage-1").key_message = "Look before you buy";
    stage_of(expected, "stage-4").buyer_actions = "Asks a friend";
    expected.metadata.title = "Q4 plan";
    sophie(expected).status = persona_status::completed;
    BOOST_TEST((r.merged == expected));
}

BOOST_AUTO_TEST_CASE(the_same_change_on_both_sides_is_no_conflict) {
    const document b = base_map();
    document ours = b;
    stage_of(ours, "stage-1").duration = "3-5 weeks";
    emma(ours).pain_points.push_back({"No budget", pain_category::financial});
    const merge_result r = merge_maps(b, ours, ours);
    BOOST_TEST(r.clean());
    BOOST_TEST((r.merged == ours));
}

BOOST_AUTO_TEST_CASE(a_field_both_changed_differently_keeps_ours_and_records_all_three_values) {
    const document b = base_map();
    document ours = b, theirs = b;
    stage_of(ours, "stage-1").duration = "3-5 weeks";
    stage_of(theirs, "stage-1").duration = "4 weeks";
    stage_of(theirs, "stage-2").duration = "5 weeks";

    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == field_conflict("persona-1", "stage-1", "duration", "2-4 weeks", "3-5 weeks", "4 weeks")));
    BOOST_TEST((r.merged.conflicts == r.conflicts));
    BOOST_TEST(stage_of(r.merged, "stage-1").duration == "3-5 weeks");
    BOOST_TEST(stage_of(r.merged, "stage-2").duration == "5 weeks");
    BOOST_TEST(!r.clean());
}

// A stage's Mermaid journey tasks are merged as one value, never dropped.
BOOST_AUTO_TEST_CASE(journey_tasks_are_merged_and_both_sides_changes_conflict) {
    document b = base_map();
    stage_of(b, "stage-1").journey = {{"Reads a blog", 3, {"CMO"}}};
    document ours = b, theirs = b;
    stage_of(theirs, "stage-1").journey.push_back({"Books a demo", 5, {"CFO", "IT"}});
    stage_of(ours, "stage-2").duration = "6 weeks";
    merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((stage_of(r.merged, "stage-1").journey == stage_of(theirs, "stage-1").journey));
    BOOST_TEST(stage_of(r.merged, "stage-2").duration == "6 weeks");

    stage_of(ours, "stage-1").journey[0].score = 1;
    r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == field_conflict("persona-1", "stage-1", "journey_tasks", "Reads a blog: 3: CMO",
                                                 "Reads a blog: 1: CMO",
                                                 "Reads a blog: 3: CMO\nBooks a demo: 5: CFO, IT")));
    BOOST_TEST((stage_of(r.merged, "stage-1").journey == stage_of(ours, "stage-1").journey));
    // The conflict is one a map can hold.
    BOOST_TEST(conflict_shape_problem(r.conflicts[0]).empty());
    // And the difference shows.
    const std::string shown = diff_to_text(diff_maps(b, theirs));
    BOOST_TEST(shown.find("Journey Tasks") != std::string::npos, shown);
}

// The JSON members a map keeps unread (extensions) are merged as one value per map, persona and
// stage, never dropped.
BOOST_AUTO_TEST_CASE(extensions_are_merged_and_both_sides_changes_conflict) {
    document b = base_map();
    b.extensions = {{"source", R"("crm")"}};
    emma(b).extensions = {{"persona_goals", R"(["Lower CAC"])"}};
    stage_of(b, "stage-1").extensions = {{"emotion_score", "2"}};
    document ours = b, theirs = b;
    stage_of(theirs, "stage-1").extensions.push_back({"touchpoints", R"(["podcast"])"});
    emma(ours).extensions[0].json = R"(["Lower CAC","One dashboard"])";
    merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((r.merged.extensions == b.extensions));
    BOOST_TEST((emma(r.merged).extensions == emma(ours).extensions));
    BOOST_TEST((stage_of(r.merged, "stage-1").extensions == stage_of(theirs, "stage-1").extensions));

    stage_of(ours, "stage-1").extensions[0].json = "3";
    theirs.extensions.clear();
    ours.extensions = {{"source", R"("sheet")"}};
    r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 2u);
    BOOST_TEST((r.conflicts[0] == field_conflict("", "", "extensions", R"(source: "crm")", R"(source: "sheet")", "")));
    BOOST_TEST((r.conflicts[1] == field_conflict("persona-1", "stage-1", "extensions", "emotion_score: 2",
                                                 "emotion_score: 3",
                                                 "emotion_score: 2\ntouchpoints: [\"podcast\"]")));
    BOOST_TEST((stage_of(r.merged, "stage-1").extensions == stage_of(ours, "stage-1").extensions));
    for (const merge_conflict& c : r.conflicts) BOOST_TEST(conflict_shape_problem(c).empty());
    // And the difference shows.
    const std::string shown = diff_to_text(diff_maps(b, theirs));
    BOOST_TEST(shown.find("Kept JSON Members") != std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(persona_fields_status_and_the_map_title_conflict_by_key) {
    const document b = base_map();
    document ours = b, theirs = b;
    ours.metadata.title = "Q4 plan";
    theirs.metadata.title = "2027 plan";
    emma(ours).name = "Emma R.";
    emma(theirs).name = "Emma Rodriguez-Diaz";
    emma(ours).status = persona_status::completed;
    emma(theirs).status = persona_status::completed;  // the same: no conflict
    sophie(ours).profile.segment = "SMB";
    sophie(theirs).profile.segment = "Mid-market";

    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 3u);
    BOOST_TEST((r.conflicts[0] == field_conflict("", "", "title", "Q3 plan", "Q4 plan", "2027 plan")));
    BOOST_TEST((r.conflicts[1] == field_conflict("persona-1", "", "name", "Emma Rodriguez", "Emma R.", "Emma Rodriguez-Diaz")));
    BOOST_TEST((r.conflicts[2] == field_conflict("persona-2", "", "segment", "", "SMB", "Mid-market")));
    BOOST_TEST(r.merged.metadata.title == "Q4 plan");
    BOOST_TEST((r.merged.personas[0].status == persona_status::completed));

    document ours_status = b, theirs_status = b;
    emma(ours_status).status = persona_status::completed;
    emma(theirs_status).name = "Emma R.";
    emma(theirs_status).status = persona_status::completed;
    emma(ours_status).name = "Emma Rodriguez";
    document reopened = ours_status;
    emma(reopened).status = persona_status::in_progress;
    // base completed, ours in progress, theirs completed with another name: only the name moves.
    const merge_result s = merge_maps(ours_status, reopened, theirs_status);
    BOOST_TEST(s.clean());
    BOOST_TEST((s.merged.personas[0].status == persona_status::in_progress));
    BOOST_TEST(s.merged.personas[0].name == "Emma R.");
}

BOOST_AUTO_TEST_CASE(timestamps_saving_sets_take_the_earlier_or_later_without_conflict) {
    const document b = base_map();
    document ours = b, theirs = b;
    ours.metadata.modified_at = "2026-11-05T10:00:00Z";
    theirs.metadata.modified_at = "2026-11-05T11:30:00+02:00";  // 09:30 UTC: earlier
    ours.metadata.created_at = "2026-10-30T09:00:00Z";
    theirs.metadata.created_at = "2026-10-29T09:00:00Z";
    emma(ours).last_updated_at = "2026-11-04T09:00:00Z";
    emma(theirs).last_updated_at = "2026-11-06T09:00:00Z";
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST(r.merged.metadata.modified_at == "2026-11-05T10:00:00Z");
    BOOST_TEST(r.merged.metadata.created_at == "2026-10-29T09:00:00Z");
    BOOST_TEST(r.merged.personas[0].last_updated_at == "2026-11-06T09:00:00Z");
}

BOOST_AUTO_TEST_CASE(a_reorder_on_one_side_and_an_insertion_on_the_other_merge_to_one_order) {
    const document b = base_map();
    document ours = b, theirs = b;
    auto& o = emma(ours).stages;
    std::rotate(o.begin(), o.begin() + 2, o.end());  // Decision first
    auto& t = emma(theirs).stages;
    t.insert(t.begin() + 2, make_stage("stage-9", "Trial"));  // after Consideration
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-3", "stage-1", "stage-2", "stage-9"}));
}

BOOST_AUTO_TEST_CASE(moves_on_both_sides_of_different_stages_both_land) {
    document b = base_map();
    emma(b).stages.push_back(make_stage("stage-6", "Onboarding"));
    document ours = b, theirs = b;
    auto& o = emma(ours).stages;  // 1 2 3 6 -> 2 1 3 6 (Awareness after Consideration)
    std::swap(o[0], o[1]);
    auto& t = emma(theirs).stages;  // 1 2 3 6 -> 1 2 6 3 (Onboarding before Decision)
    std::swap(t[2], t[3]);
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    // Both moves hold: Consideration before Awareness, Onboarding before Decision.
    const ids merged = stage_ids(r.merged.personas[0]);
    const auto at = [&](const char* id) { return std::find(merged.begin(), merged.end(), id) - merged.begin(); };
    BOOST_TEST(merged.size() == 4u);
    BOOST_TEST(at("stage-2") < at("stage-1"));
    BOOST_TEST(at("stage-6") < at("stage-3"));
}

BOOST_AUTO_TEST_CASE(insertions_at_the_same_place_put_ours_first) {
    const document b = base_map();
    document ours = b, theirs = b;
    auto& o = emma(ours).stages;
    o.insert(o.begin() + 1, make_stage("stage-ours-1", "Trial"));
    o.insert(o.begin() + 2, make_stage("stage-ours-2", "Pilot"));
    o.insert(o.begin(), make_stage("stage-ours-0", "Trigger"));
    auto& t = emma(theirs).stages;
    t.insert(t.begin() + 1, make_stage("stage-theirs-1", "Demo"));
    t.insert(t.begin(), make_stage("stage-theirs-0", "Need"));
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-ours-0", "stage-theirs-0", "stage-1", "stage-ours-1",
                                                       "stage-ours-2", "stage-theirs-1", "stage-2", "stage-3"}));
    // The other way round, theirs' go second all the same.
    const merge_result swapped = merge_maps(b, theirs, ours);
    BOOST_TEST((stage_ids(swapped.merged.personas[0]) == ids{"stage-theirs-0", "stage-ours-0", "stage-1",
                                                             "stage-theirs-1", "stage-ours-1", "stage-ours-2",
                                                             "stage-2", "stage-3"}));
}

BOOST_AUTO_TEST_CASE(an_insertion_after_a_stage_the_other_side_moved_follows_it) {
    const document b = base_map();
    document ours = b, theirs = b;
    auto& o = emma(ours).stages;  // Awareness to the end
    std::rotate(o.begin(), o.begin() + 1, o.end());
    auto& t = emma(theirs).stages;
    t.insert(t.begin() + 1, make_stage("stage-9", "Research"));  // after Awareness
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-2", "stage-3", "stage-1", "stage-9"}));
}

BOOST_AUTO_TEST_CASE(a_stage_removed_on_one_side_and_untouched_on_the_other_goes) {
    const document b = base_map();
    document ours = b, theirs = b;
    emma(ours).stages.erase(emma(ours).stages.begin() + 1);
    stage_of(theirs, "stage-1").duration = "1 week";
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-1", "stage-3"}));
    BOOST_TEST(r.merged.personas[0].stages[0].duration == "1 week");
    // Removed on both sides: gone too.
    BOOST_TEST((stage_ids(merge_maps(b, ours, ours).merged.personas[0]) == ids{"stage-1", "stage-3"}));
}

BOOST_AUTO_TEST_CASE(a_stage_removed_on_one_side_and_edited_on_the_other_is_kept_as_edited_with_a_conflict) {
    const document b = base_map();
    document removed = b, edited = b;
    emma(removed).stages.erase(emma(removed).stages.begin() + 1);
    stage_of(edited, "stage-2").key_message = "Compare us fairly";

    // Theirs removed it: ours' edit stays, in ours' place.
    merge_result r = merge_maps(b, edited, removed);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == removal("persona-1", "stage-2", conflict_side::theirs)));
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-1", "stage-2", "stage-3"}));
    BOOST_TEST(r.merged.personas[0].stages[1].key_message == "Compare us fairly");

    // Ours removed it: theirs' edit is not lost either, and stands where theirs has it.
    r = merge_maps(b, removed, edited);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == removal("persona-1", "stage-2", conflict_side::ours)));
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-1", "stage-2", "stage-3"}));
    BOOST_TEST(r.merged.personas[0].stages[1].key_message == "Compare us fairly");
}

BOOST_AUTO_TEST_CASE(a_persona_removed_on_one_side_and_edited_on_the_other_is_a_conflict) {
    const document b = base_map();
    document removed = b, edited = b;
    removed.personas.erase(removed.personas.begin());
    emma(edited).profile.organisation = "Lumen Home";
    stage_of(edited, "stage-2").duration = "3 months";

    merge_result r = merge_maps(b, edited, removed);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == removal("persona-1", "", conflict_side::theirs)));
    BOOST_TEST((r.merged.personas[0] == edited.personas[0]));

    r = merge_maps(b, removed, edited);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == removal("persona-1", "", conflict_side::ours)));
    BOOST_TEST((persona_ids(r.merged) == ids{"persona-1", "persona-2"}));
    BOOST_TEST((r.merged.personas[0] == edited.personas[0]));
    BOOST_TEST(conflict_text(r.merged, r.conflicts[0]) == "persona Emma Rodriguez: removed by ours, changed by theirs");
}

BOOST_AUTO_TEST_CASE(a_persona_removed_on_one_side_while_the_other_only_removed_parts_of_it_goes) {
    const document b = base_map();
    document removed = b, trimmed = b;
    removed.personas.erase(removed.personas.begin());
    emma(trimmed).stages.erase(emma(trimmed).stages.begin());
    emma(trimmed).pain_points.pop_back();
    const merge_result r = merge_maps(b, trimmed, removed);
    BOOST_TEST(r.clean());
    BOOST_TEST((persona_ids(r.merged) == ids{"persona-2"}));
    // A moved persona is no changed one either.
    document moved = b;
    std::swap(moved.personas[0], moved.personas[1]);
    BOOST_TEST((persona_ids(merge_maps(b, moved, removed).merged) == ids{"persona-2"}));
}

BOOST_AUTO_TEST_CASE(pain_points_merge_as_a_set_by_text_in_one_order) {
    const document b = base_map();
    document ours = b, theirs = b;
    emma(ours).pain_points.push_back({"No budget", pain_category::financial});
    emma(ours).pain_points.erase(emma(ours).pain_points.begin());  // Too expensive
    emma(theirs).pain_points.insert(emma(theirs).pain_points.begin(), {"Hard to compare", pain_category::none});
    emma(theirs).pain_points.push_back({"No budget", pain_category::none});  // also added, without a category
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((pain_texts(r.merged.personas[0]) == ids{"Hard to compare", "Slow onboarding", "No budget"}));
    BOOST_TEST((r.merged.personas[0].pain_points[2].category == pain_category::financial));
}

BOOST_AUTO_TEST_CASE(pain_point_categories_conflict_and_a_removed_recategorised_point_is_kept) {
    const document b = base_map();
    document ours = b, theirs = b;
    emma(ours).pain_points[0].category = pain_category::process;
    emma(theirs).pain_points[0].category = pain_category::support;
    emma(ours).pain_points[1].category = pain_category::other;
    emma(theirs).pain_points.pop_back();
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 2u);
    merge_conflict category = field_conflict("persona-1", "", "category", "financial", "process", "support");
    category.pain_point = "Too expensive";
    BOOST_TEST((r.conflicts[0] == category));
    merge_conflict removed;
    removed.persona_id = "persona-1";
    removed.pain_point = "Slow onboarding";
    removed.removed_by = conflict_side::theirs;
    BOOST_TEST((r.conflicts[1] == removed));
    BOOST_TEST((pain_texts(r.merged.personas[0]) == ids{"Too expensive", "Slow onboarding"}));
    BOOST_TEST((r.merged.personas[0].pain_points[0].category == pain_category::process));
    BOOST_TEST(conflict_text(r.merged, r.conflicts[0]) ==
               "Emma Rodriguez › pain point 'Too expensive' › Category: ours Process, theirs Support");
}

BOOST_AUTO_TEST_CASE(stages_both_sides_added_under_one_id_are_both_kept) {
    const document b = base_map();
    document ours = b, theirs = b;
    // Both gave their new stage the next free id, stage-6.
    emma(ours).stages.push_back(make_stage("stage-6", "Trial", "2 weeks"));
    emma(theirs).stages.push_back(make_stage("stage-6", "Onboarding", "1 month"));
    sophie(theirs).stages.push_back(make_stage("stage-7", "Renewal", "1 year"));
    sophie(ours).stages.push_back(make_stage("stage-7", "Renewal"));  // named alike: one stage
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST(r.merged.personas[1].stages.back().duration == "1 year");
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-1", "stage-2", "stage-3", "stage-6", "stage-8"}));
    BOOST_TEST(r.merged.personas[0].stages[4].name == "Onboarding");
    BOOST_TEST((stage_ids(r.merged.personas[1]) == ids{"stage-4", "stage-5", "stage-7"}));
    expect_unique_ids(r.merged);
}

BOOST_AUTO_TEST_CASE(stage_ids_stay_unique_across_personas) {
    const document b = base_map();
    document ours = b, theirs = b;
    emma(ours).stages.push_back(make_stage("stage-6", "Trial"));
    sophie(theirs).stages.push_back(make_stage("stage-6", "Renewal"));
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    expect_unique_ids(r.merged);
    BOOST_TEST(r.merged.personas[0].stages.back().id == "stage-6");  // ours keeps its id
    BOOST_TEST(r.merged.personas[1].stages.back().name == "Renewal");
    BOOST_TEST(r.merged.personas[1].stages.back().id == "stage-7");
}

BOOST_AUTO_TEST_CASE(personas_both_sides_added_under_one_id_are_both_kept) {
    const document b = base_map();
    document ours = b, theirs = b;
    persona lea;
    lea.id = "persona-3";
    lea.name = "Lea";
    lea.stages = {make_stage("stage-6", "Awareness")};
    persona tom = lea;
    tom.name = "Tom";
    ours.personas.push_back(lea);
    theirs.personas.push_back(tom);
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST_REQUIRE(r.merged.personas.size() == 4u);
    BOOST_TEST(r.merged.personas[2].name == "Lea");
    BOOST_TEST(r.merged.personas[2].id == "persona-3");
    BOOST_TEST(r.merged.personas[3].name == "Tom");
    BOOST_TEST(r.merged.personas[3].id == "persona-4");
    expect_unique_ids(r.merged);
    // The same persona added on both sides is one.
    BOOST_TEST(merge_maps(b, ours, ours).merged.personas.size() == 3u);
}

BOOST_AUTO_TEST_CASE(two_versions_without_a_base_merge_as_additions_of_the_same_things) {
    // git's add/add: both branches added the map; its base is empty.
    document ours = base_map(), theirs = base_map();
    stage_of(ours, "stage-1").duration = "3-5 weeks";
    stage_of(theirs, "stage-1").duration = "4 weeks";
    stage_of(theirs, "stage-2").key_message = "Compare";
    emma(ours).status = persona_status::completed;
    const merge_result r = merge_maps(document{}, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] == field_conflict("persona-1", "stage-1", "duration", "", "3-5 weeks", "4 weeks")));
    BOOST_TEST((persona_ids(r.merged) == ids{"persona-1", "persona-2"}));
    BOOST_TEST((stage_ids(r.merged.personas[0]) == ids{"stage-1", "stage-2", "stage-3"}));
    BOOST_TEST(stage_of(r.merged, "stage-2").key_message == "Compare");
    BOOST_TEST((r.merged.personas[0].status == persona_status::completed));
}

BOOST_AUTO_TEST_CASE(two_ai_summaries_conflict_and_two_template_ones_keep_the_later) {
    document b = base_map();
    emma(b).summary = persona_summary{"Old template text", summary_source::template_text, "2026-11-01T08:00:00Z"};
    document ours = b, theirs = b;
    emma(ours).summary = persona_summary{"Emma buys slowly.", summary_source::ai, "2026-11-03T08:00:00Z"};
    emma(theirs).summary = persona_summary{"Emma compares a lot.", summary_source::ai, "2026-11-04T08:00:00Z"};
    merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.conflicts[0] ==
                field_conflict("persona-1", "", "summary", "Old template text", "Emma buys slowly.", "Emma compares a lot.")));
    BOOST_TEST((r.merged.personas[0].summary == emma(ours).summary));

    // Template summaries are rebuilt whenever shown: the later is kept, no conflict.
    emma(ours).summary = persona_summary{"Template A", summary_source::template_text, "2026-11-05T08:00:00Z"};
    emma(theirs).summary = persona_summary{"Template B", summary_source::template_text, "2026-11-04T08:00:00Z"};
    r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST(r.merged.personas[0].summary->text == "Template A");
    r = merge_maps(b, theirs, ours);
    BOOST_TEST(r.merged.personas[0].summary->text == "Template A");

    // One side's AI summary against the other's rewritten template one: the AI text is kept whole.
    emma(theirs).summary = persona_summary{"Emma buys slowly.", summary_source::ai, "2026-11-03T08:00:00Z"};
    r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.conflicts.size() == 1u);
    BOOST_TEST(r.conflicts[0].theirs == "Emma buys slowly.");
}

BOOST_AUTO_TEST_CASE(conflicts_the_versions_carried_stay_until_one_resolves_them) {
    document b = base_map();
    const merge_conflict old = field_conflict("persona-1", "stage-1", "duration", "1 week", "2-4 weeks", "3 weeks");
    const merge_conflict other = field_conflict("persona-2", "stage-4", "stage_name", "A", "Awareness", "B");
    b.conflicts = {old, other};
    document ours = b, theirs = b;
    ours.conflicts = {other};  // ours resolved the first
    merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    BOOST_TEST((r.merged.conflicts == std::vector<merge_conflict>{other}));

    // One added since base stays; a new conflict at the same place replaces a carried one.
    const merge_conflict added = field_conflict("", "", "title", "a", "b", "c");
    theirs.conflicts = {old, other, added};
    stage_of(ours, "stage-4").name = "Awareness (ours)";
    stage_of(theirs, "stage-4").name = "Awareness (theirs)";
    r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    BOOST_TEST((r.merged.conflicts ==
                std::vector<merge_conflict>{added, field_conflict("persona-2", "stage-4", "stage_name", "Awareness",
                                                                  "Awareness (ours)", "Awareness (theirs)")}));
}

BOOST_AUTO_TEST_CASE(conflicts_are_listed_in_the_order_of_the_merged_map) {
    const document b = base_map();
    document ours = b, theirs = b;
    for (document* d : {&ours, &theirs}) {
        const std::string side = d == &ours ? "o" : "t";
        stage_of(*d, "stage-5").duration = side;
        stage_of(*d, "stage-3").duration = side;
        stage_of(*d, "stage-1").duration = side;
        emma(*d).profile.role = side;
        d->metadata.title = side;
    }
    auto& o = emma(ours).stages;
    std::reverse(o.begin(), o.end());
    const merge_result r = merge_maps(b, ours, theirs);
    std::vector<std::string> places;
    for (const merge_conflict& c : r.conflicts) places.push_back(c.persona_id + "/" + c.stage_id + "/" + c.field);
    BOOST_TEST((places == ids{"//title", "persona-1//role", "persona-1/stage-3/duration", "persona-1/stage-1/duration",
                              "persona-2/stage-5/duration"}));
}

BOOST_AUTO_TEST_CASE(a_diff_shows_the_conflicts_recorded_and_resolved) {
    const document b = base_map();
    document ours = b, theirs = b;
    stage_of(ours, "stage-1").duration = "3-5 weeks";
    stage_of(theirs, "stage-1").duration = "4 weeks";
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(diff_to_text(diff_maps(ours, r.merged)) ==
               "! conflict: Emma Rodriguez › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'\n");
    BOOST_TEST(diff_to_text(diff_maps(r.merged, ours)) == "- conflict resolved: Emma Rodriguez › Awareness › Duration\n");
    BOOST_TEST(map_outline(r.merged).find("\nconflict: Emma Rodriguez › Awareness › Duration: ours '3-5 weeks', "
                                          "theirs '4 weeks'\n") != std::string::npos);
}

namespace {

comment note(std::string id, std::string persona_id, std::string stage_id, std::string text) {
    comment c;
    c.id = std::move(id);
    c.persona_id = std::move(persona_id);
    c.stage_id = std::move(stage_id);
    c.author = "Ana";
    c.text = std::move(text);
    return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(comments_merge_by_id_replies_union_and_removals_lose_nothing) {
    document b = base_map();
    b.comments = {note("c1", "persona-1", "stage-1", "Is 2 weeks realistic?"), note("c2", "persona-2", "", "Who?"),
                  note("c3", "persona-1", "", "Old")};
    document ours = b, theirs = b;
    ours.comments.push_back(note("c4", "persona-1", "stage-2", "Ours"));
    theirs.comments.push_back(note("c5", "persona-2", "stage-4", "Theirs"));
    ours.comments[0].replies = {{"r1", "Ben", "", "Closer to 4"}};
    theirs.comments[0].replies = {{"r2", "Cy", "", "Agreed"}};
    theirs.comments[0].resolved = true;
    // Removed by ours, replied to by theirs: kept as theirs left it. Removed by theirs, untouched
    // by ours: gone.
    ours.comments.erase(ours.comments.begin() + 1);
    theirs.comments[1].replies = {{"r3", "Cy", "", "Sophie's"}};
    theirs.comments.erase(theirs.comments.begin() + 2);
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST(r.clean());
    std::vector<std::string> ids;
    for (const comment& c : r.merged.comments) ids.push_back(c.id);
    // Ours' addition where ours removed c3 comes before what theirs kept after c1, as with stages.
    BOOST_TEST((ids == std::vector<std::string>{"c1", "c4", "c2", "c5"}));
    BOOST_TEST(r.merged.comments[0].resolved);
    BOOST_TEST(r.merged.comments[0].replies.size() == 2u);
    BOOST_TEST(r.merged.comments[0].replies[0].id == "r1");
    BOOST_TEST(r.merged.comments[0].replies[1].id == "r2");
    BOOST_TEST(r.merged.comments[2].replies.size() == 1u);
    // A reply removed on one side and untouched on the other goes.
    document replied = b;
    replied.comments[0].replies = {{"r1", "Ben", "", "Closer to 4"}};
    document unreplied = replied;
    unreplied.comments[0].replies.clear();
    BOOST_TEST(merge_maps(replied, replied, unreplied).merged.comments[0].replies.empty());
}

BOOST_AUTO_TEST_CASE(a_comment_s_text_changed_differently_on_both_sides_keeps_ours_with_a_conflict) {
    document b = base_map();
    b.comments = {note("c1", "persona-1", "stage-1", "Is 2 weeks realistic?")};
    document ours = b, theirs = b;
    ours.comments[0].text = "Is 3 weeks realistic?";
    theirs.comments[0].text = "Is 4 weeks realistic?";
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.conflicts.size() == 1u);
    const merge_conflict& c = r.conflicts[0];
    BOOST_TEST(c.comment_id == "c1");
    BOOST_TEST(c.field == "text");
    BOOST_TEST(c.stage_id == "stage-1");
    BOOST_TEST(c.theirs == "Is 4 weeks realistic?");
    BOOST_TEST(r.merged.comments[0].text == "Is 3 weeks realistic?");
    BOOST_TEST(conflict_shape_problem(c).empty());
    BOOST_TEST(conflict_text(r.merged, c) ==
               "Emma Rodriguez › Awareness › Comment: ours 'Is 3 weeks realistic?', theirs 'Is 4 weeks realistic?'");
}

BOOST_AUTO_TEST_CASE(theirs_comments_follow_a_persona_or_stage_the_merge_renamed) {
    const document b = base_map();
    document ours = b, theirs = b;
    persona lea;
    lea.id = "persona-3";
    lea.name = "Lea";
    lea.stages = {make_stage("stage-6", "Awareness")};
    persona tom = lea;
    tom.name = "Tom";
    ours.personas.push_back(lea);
    theirs.personas.push_back(tom);
    ours.comments = {note("c1", "persona-3", "stage-6", "On Lea")};
    theirs.comments = {note("c2", "persona-3", "stage-6", "On Tom")};
    const merge_result r = merge_maps(b, ours, theirs);
    BOOST_TEST_REQUIRE(r.merged.comments.size() == 2u);
    BOOST_TEST(r.merged.comments[0].persona_id == "persona-3");
    BOOST_TEST(r.merged.comments[0].stage_id == "stage-6");
    const persona* moved = r.merged.persona_by_id(r.merged.comments[1].persona_id);
    BOOST_TEST_REQUIRE(moved);
    BOOST_TEST(moved->name == "Tom");
    BOOST_TEST(moved->stage_by_id(r.merged.comments[1].stage_id));
}

// The property the issue asks for: random edits on two branches from one base. When the two
// sides touch disjoint things, the merge equals applying both; when they overlap, every field
// both changed is a recorded conflict, and no value either side wrote is lost.
namespace {

// One edit, by ids, and what it touches: fields it writes ("F|..."), lists whose membership or
// order it changes ("L|..."), items it writes inside ("I|...") and items it removes ("R|...").
struct edit_op {
    std::function<void(document&)> apply;
    std::vector<std::string> touches;
};

class edit_maker {
public:
    edit_maker(std::string side, unsigned seed) : side_(std::move(side)), rng_(seed) {}

    // A random edit that applies to d, applied to it.
    edit_op next(document& d) {
        edit_op op;
        for (int attempt = 0; attempt < 20 && !op.apply; ++attempt) op = pick(d);
        if (op.apply) op.apply(d);
        return op;
    }

private:
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
    std::string value() { return side_ + "-v" + std::to_string(++counter_); }
    std::string fresh(const char* what) { return side_ + "-" + what + "-" + std::to_string(++counter_); }

    edit_op pick(const document& d) {
        const std::size_t kind = below(17);
        if (kind >= 13) return comment_edit(kind, d);
        if (kind == 0) {
            const std::string v = value();
            return {[v](document& m) { m.metadata.title = v; }, {"F|title"}};
        }
        if (d.personas.empty()) return {};
        const persona& p = d.personas[below(d.personas.size())];
        const std::string pid = p.id, in_p = "I|p:" + pid;
        switch (kind) {
            case 1: {  // a stage field
                if (p.stages.empty()) return {};
                const std::string sid = p.stages[below(p.stages.size())].id;
                const stage_field f = all_stage_fields[below(all_stage_fields.size())];
                const std::string v = value();
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                if (stage* s = q->stage_by_id(sid)) s->field(f) = v;
                        },
                        {"F|s:" + sid + ":" + std::string(stage_field_key(f)), "I|s:" + sid, in_p}};
            }
            case 2: {  // a persona text field
                const int which = static_cast<int>(below(3));
                const std::string v = value();
                const char* key = which == 0 ? "name" : which == 1 ? "role" : "segment";
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                (which == 0 ? q->name : which == 1 ? q->profile.role : q->profile.segment) = v;
                        },
                        {"F|p:" + pid + ":" + key, in_p}};
            }
            case 3: {  // status
                const persona_status st = below(2) ? persona_status::completed : persona_status::in_progress;
                if (st == p.status) return {};
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid)) q->status = st;
                        },
                        {"F|p:" + pid + ":status", in_p}};
            }
            case 4: {  // an AI summary
                const std::string v = value();
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                q->summary = persona_summary{v, summary_source::ai, "2026-11-20T10:00:00Z"};
                        },
                        {"F|p:" + pid + ":summary", in_p}};
            }
            case 5: {  // a pain point's category
                if (p.pain_points.empty()) return {};
                const std::string text = p.pain_points[below(p.pain_points.size())].text;
                const auto c = static_cast<pain_category>(below(6));
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                for (pain_point& pp : q->pain_points)
                                    if (pp.text == text) pp.category = c;
                        },
                        {"F|pp:" + pid + ":" + text, "I|pp:" + pid + ":" + text, in_p}};
            }
            case 6: {  // add a stage after another (or first)
                const std::string after = p.stages.empty() || below(4) == 0 ? "" : p.stages[below(p.stages.size())].id;
                stage s = make_stage(fresh("stage"), value(), value());
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid)) {
                                const std::size_t at = after.empty() ? 0 : q->find_stage(after) + 1;
                                q->stages.insert(q->stages.begin() + static_cast<long>(at), s);
                            }
                        },
                        {"L|stages:" + pid, in_p}};
            }
            case 7: {  // remove a stage
                if (p.stages.empty()) return {};
                const std::string sid = p.stages[below(p.stages.size())].id;
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                if (const std::size_t at = q->find_stage(sid); at != npos)
                                    q->stages.erase(q->stages.begin() + static_cast<long>(at));
                        },
                        {"L|stages:" + pid, "R|s:" + sid, in_p}};
            }
            case 8: {  // move a stage after another (or first)
                if (p.stages.size() < 2) return {};
                const std::string sid = p.stages[below(p.stages.size())].id;
                const std::string after = below(4) == 0 ? "" : p.stages[below(p.stages.size())].id;
                if (after == sid) return {};
                return {[=](document& m) {
                            persona* q = m.persona_by_id(pid);
                            if (!q || q->find_stage(sid) == npos) return;
                            const stage s = *q->stage_by_id(sid);
                            q->stages.erase(q->stages.begin() + static_cast<long>(q->find_stage(sid)));
                            const std::size_t at = after.empty() ? 0 : q->find_stage(after) + 1;
                            q->stages.insert(q->stages.begin() + static_cast<long>(at), s);
                        },
                        {"L|stages:" + pid, in_p}};
            }
            case 9: {  // add a pain point, or remove one
                if (below(2) == 0 || p.pain_points.empty()) {
                    const pain_point pp{fresh("pain"), static_cast<pain_category>(below(6))};
                    const std::size_t at = below(p.pain_points.size() + 1);
                    return {[=](document& m) {
                                if (persona* q = m.persona_by_id(pid))
                                    q->pain_points.insert(q->pain_points.begin() +
                                                              static_cast<long>(std::min(at, q->pain_points.size())),
                                                          pp);
                            },
                            {"L|pains:" + pid, in_p}};
                }
                const std::string text = p.pain_points[below(p.pain_points.size())].text;
                return {[=](document& m) {
                            if (persona* q = m.persona_by_id(pid))
                                q->pain_points.erase(std::remove_if(q->pain_points.begin(), q->pain_points.end(),
                                                                    [&](const pain_point& x) { return x.text == text; }),
                                                     q->pain_points.end());
                        },
                        {"L|pains:" + pid, "R|pp:" + pid + ":" + text, in_p}};
            }
            case 10: {  // add a persona after this one
                persona added;
                added.id = fresh("persona");
                added.name = value();
                added.stages = {make_stage(fresh("stage"), value()), make_stage(fresh("stage"), value(), value())};
                added.pain_points = {{fresh("pain"), pain_category::support}};
                return {[=](document& m) {
                            const std::size_t at = m.find_persona(pid);
                            m.personas.insert(m.personas.begin() + static_cast<long>(at == npos ? 0 : at + 1), added);
                        },
                        {"L|personas"}};
            }
            case 11: {  // remove this persona
                return {[=](document& m) {
                            if (const std::size_t at = m.find_persona(pid); at != npos)
                                m.personas.erase(m.personas.begin() + static_cast<long>(at));
                        },
                        {"L|personas", "R|p:" + pid}};
            }
            default: {  // move this persona to the front
                return {[=](document& m) {
                            const std::size_t at = m.find_persona(pid);
                            if (at == npos) return;
                            std::rotate(m.personas.begin(), m.personas.begin() + static_cast<long>(at),
                                        m.personas.begin() + static_cast<long>(at) + 1);
                        },
                        {"L|personas"}};
            }
        }
    }

    // Comments as the editor edits them: added (at the end, about any persona), replied to,
    // resolved or reopened, removed. Their text is never edited.
    edit_op comment_edit(std::size_t kind, const document& d) {
        if (kind == 13) {
            if (d.personas.empty()) return {};
            const persona& p = d.personas[below(d.personas.size())];
            comment c;
            c.id = fresh("comment");
            c.persona_id = p.id;
            if (!p.stages.empty() && below(2)) c.stage_id = p.stages[below(p.stages.size())].id;
            c.field = c.stage_id.empty() ? "role" : "duration";
            c.author = side_;
            c.text = value();
            return {[=](document& m) { m.comments.push_back(c); }, {"A|comments"}};
        }
        if (d.comments.empty()) return {};
        const comment& c = d.comments[below(d.comments.size())];
        const std::string cid = c.id, in_c = "I|c:" + cid;
        const auto with = [cid](document& m, auto fn) {
            for (comment& x : m.comments)
                if (x.id == cid) fn(x);
        };
        if (kind == 14) {
            const comment_reply r{fresh("reply"), side_, "2026-11-21T10:00:00Z", value()};
            return {[=](document& m) { with(m, [&](comment& x) { x.replies.push_back(r); }); }, {in_c}};
        }
        if (kind == 15) {
            const bool resolved = !c.resolved;
            return {[=](document& m) { with(m, [&](comment& x) { x.resolved = resolved; }); },
                    {"F|c:" + cid + ":resolved", in_c}};
        }
        return {[=](document& m) {
                    m.comments.erase(std::remove_if(m.comments.begin(), m.comments.end(),
                                                    [&](const comment& x) { return x.id == cid; }),
                                     m.comments.end());
                },
                {"R|c:" + cid}};
    }

    std::string side_;
    std::mt19937 rng_;
    unsigned counter_ = 0;
};

// Whether two sides' edits touch a common field or list, or one removes what the other writes in.
bool overlap(const std::vector<edit_op>& a, const std::vector<edit_op>& b) {
    std::set<std::string> ta, tb;
    for (const edit_op& op : a) ta.insert(op.touches.begin(), op.touches.end());
    for (const edit_op& op : b) tb.insert(op.touches.begin(), op.touches.end());
    const auto clash = [](const std::set<std::string>& x, const std::set<std::string>& y) {
        for (const std::string& t : x) {
            if ((t[0] == 'F' || t[0] == 'L') && y.count(t)) return true;
            if (t[0] == 'R' && y.count("I" + t.substr(1))) return true;
        }
        return false;
    };
    return clash(ta, tb) || clash(tb, ta);
}

document random_base(std::mt19937& rng) {
    document d = base_map();
    for (int i = 3; i < 5; ++i) {
        persona p;
        p.id = "persona-" + std::to_string(i);
        p.name = "P" + std::to_string(i);
        for (int k = 0; k < 4; ++k) p.stages.push_back(make_stage("stage-" + std::to_string(10 * i + k), "S" + std::to_string(k)));
        p.pain_points = {{"pain " + std::to_string(i), pain_category::none}, {"other " + std::to_string(i), pain_category::other}};
        d.personas.push_back(p);
    }
    std::shuffle(d.personas.begin(), d.personas.end(), rng);
    comment on_persona;
    on_persona.id = "comment-1";
    on_persona.persona_id = "persona-1";
    on_persona.field = "role";
    on_persona.text = "Is this the buyer?";
    comment on_stage;
    on_stage.id = "comment-2";
    on_stage.persona_id = "persona-3";
    on_stage.stage_id = "stage-30";
    on_stage.text = "Too long?";
    on_stage.replies = {{"reply-1", "Ben", "", "Yes"}};
    d.comments = {on_persona, on_stage};
    return d;
}

// Every comment and reply either version added, and every resolve or reopen, is in the merge:
// no comment said is lost.
void expect_no_comment_lost(const document& base, const document& side, const document& merged) {
    for (const comment& c : side.comments) {
        const auto find = [&](const document& d) -> const comment* {
            for (const comment& x : d.comments)
                if (x.id == c.id) return &x;
            return nullptr;
        };
        const comment* was = find(base);
        if (was && *was == c) continue;
        const comment* now = find(merged);
        BOOST_TEST_REQUIRE(now, "comment " << c.id << " lost");
        if (!was || was->resolved != c.resolved) BOOST_TEST(now->resolved == c.resolved, c.id);
        for (const comment_reply& r : c.replies)
            BOOST_TEST((std::find(now->replies.begin(), now->replies.end(), r) != now->replies.end()),
                       "reply " << r.id << " lost");
    }
}

// A field of a map, by where it is, as the merge names it, with its value.
using field_values = std::map<std::string, std::string>;

// place → value of every field of the map, as the merge's conflicts name places.
field_values fields_of(const document& d) {
    field_values out;
    out["||title"] = d.metadata.title;
    for (const persona& p : d.personas) {
        const std::string at = p.id + "||";
        out[at + "name"] = p.name;
        out[at + "role"] = p.profile.role;
        out[at + "segment"] = p.profile.segment;
        out[at + "status"] = std::string(persona_status_key(p.status));
        out[at + "summary"] = p.summary ? p.summary->text : "";
        for (const pain_point& pp : p.pain_points)
            out[p.id + "|pp:" + pp.text + "|category"] = std::string(pain_category_key(pp.category));
        for (const stage& s : p.stages)
            for (stage_field f : all_stage_fields)
                out[p.id + "|" + s.id + "|" + std::string(stage_field_key(f))] = s.field(f);
    }
    return out;
}

std::string place_of(const merge_conflict& c) {
    return c.persona_id + "|" + (c.pain_point ? "pp:" + *c.pain_point : c.stage_id) + "|" + c.field;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_edits_on_two_branches_merge_as_applying_both_or_record_every_overlap) {
    std::mt19937 rng(20261121);
    std::size_t disjoint = 0, overlapping = 0, conflicts_seen = 0;
    for (unsigned round = 0; round < 3000; ++round) {
        const document base = random_base(rng);
        document ours = base, theirs = base;
        edit_maker o("o", round * 2 + 1), t("t", round * 2 + 2);
        std::vector<edit_op> ours_ops, theirs_ops;
        const std::size_t n_o = 1 + rng() % 5, n_t = 1 + rng() % 5;
        for (std::size_t i = 0; i < n_o; ++i) ours_ops.push_back(o.next(ours));
        for (std::size_t i = 0; i < n_t; ++i) theirs_ops.push_back(t.next(theirs));

        const merge_result r = merge_maps(base, ours, theirs);
        BOOST_TEST_CONTEXT("round " << round) {
            expect_unique_ids(r.merged);
            BOOST_TEST((r.merged.conflicts == r.conflicts));
            if (!overlap(ours_ops, theirs_ops)) {
                ++disjoint;
                document both = ours;
                for (const edit_op& op : theirs_ops)
                    if (op.apply) op.apply(both);
                BOOST_TEST(r.clean());
                BOOST_TEST((r.merged == both), diff_to_text(diff_maps(both, r.merged)));
                continue;
            }
            ++overlapping;
            conflicts_seen += r.conflicts.size();
            expect_no_comment_lost(base, ours, r.merged);
            expect_no_comment_lost(base, theirs, r.merged);
            // No value lost: every field either side changed from base holds that value in the
            // merge, or, for theirs, the value is in a conflict at that place whose ours is the
            // merge's value.
            const field_values in_base = fields_of(base), merged = fields_of(r.merged);
            std::map<std::string, const merge_conflict*> conflict_at;
            for (const merge_conflict& c : r.conflicts) conflict_at[place_of(c)] = &c;
            for (const auto& [side, version] : {std::pair{"ours", &ours}, std::pair{"theirs", &theirs}}) {
                for (const auto& [place, value] : fields_of(*version)) {
                    const auto was = in_base.find(place);
                    if (was != in_base.end() && was->second == value) continue;
                    const auto now = merged.find(place);
                    BOOST_TEST_REQUIRE((now != merged.end()), side << " changed " << place << ", gone from the merge");
                    if (now->second == value) continue;
                    const auto c = conflict_at.find(place);
                    BOOST_TEST_REQUIRE((c != conflict_at.end()), side << "'s " << place << " = " << value << " lost");
                    const merge_conflict& conflict = *c->second;
                    BOOST_TEST(std::string(side) == "theirs");
                    BOOST_TEST(conflict.theirs == value);
                    BOOST_TEST(conflict.ours == now->second);
                }
            }
            // Every field both changed differently is a conflict.
            const field_values in_ours = fields_of(ours), in_theirs = fields_of(theirs);
            for (const auto& [place, value] : in_ours) {
                const auto b = in_base.find(place), t2 = in_theirs.find(place);
                if (b == in_base.end() || t2 == in_theirs.end()) continue;
                if (value != b->second && t2->second != b->second && value != t2->second)
                    BOOST_TEST(conflict_at.count(place) == 1u, place);
            }
        }
    }
    BOOST_TEST_MESSAGE(disjoint << " rounds disjoint, " << overlapping << " overlapping, with " << conflicts_seen
                                << " conflicts");
    BOOST_TEST(disjoint > 500u);
    BOOST_TEST(overlapping > 500u);
    BOOST_TEST(conflicts_seen > 200u);
}
