#define BOOST_TEST_MODULE conflict_edit
#include <boost/test/unit_test.hpp>
#include <algorithm>

#include "bpm/conflict_edit.h"
#include "bpm/history.h"
#include "test_support.h"

using namespace bpm;

namespace {

using test::field_conflict;
using test::removal;

// The rich document with three conflicts: the duration of Awareness, the role of the
// Marketing Director, and the Decision stage that theirs removed.
struct fixture {
    document doc = test::rich_document();
    history h{doc};
    std::vector<change_set> heard;
    fixture() {
        doc.conflicts = {field_conflict("persona-1", "stage-1", "duration", "1 week", "1-2 weeks", "3 weeks"),
                         field_conflict("persona-1", "", "role", "CMO", "VP Marketing", "Head of Marketing"),
                         removal("persona-1", "stage-2", conflict_side::theirs)};
        h.subscribe([this](const change_set& c) { heard.push_back(c); });
    }
    const stage& awareness() const { return doc.personas[0].stages[0]; }
};

bool has(const change_set& changes, change::kind k) {
    for (const change& c : changes)
        if (c.what == k) return true;
    return false;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(keep_mine_drops_the_conflict_and_keeps_the_value, fixture) {
    const document before = doc;
    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::keep_mine)));
    BOOST_TEST(awareness().duration == "1-2 weeks");
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST(doc.conflicts[0].field == "role");
    BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
    BOOST_TEST(h.undo_description() == "Keep Mine for Duration of Awareness");
    BOOST_TEST(h.undo());
    BOOST_TEST((doc == before));
    BOOST_TEST(h.redo());
    BOOST_TEST(doc.conflicts.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(take_theirs_sets_the_field_in_the_same_step, fixture) {
    const document before = doc;
    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST(awareness().duration == "3 weeks");
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST(has(heard.back(), change::kind::stage_field));
    BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST(h.undo());
    BOOST_TEST(awareness().duration == "1-2 weeks");
    BOOST_TEST((doc.conflicts == before.conflicts));  // back at its index
    BOOST_TEST(h.redo());
    BOOST_TEST(awareness().duration == "3 weeks");
}

BOOST_FIXTURE_TEST_CASE(an_edit_sets_the_users_text_and_typing_on_joins_it, fixture) {
    BOOST_TEST(h.submit(resolve_conflict(1, conflict_resolution::edited, "Head"), merge::start_typing));
    BOOST_TEST(h.submit(set_persona_field("persona-1", persona_field::role, "Head of Growth"), merge::typing));
    BOOST_TEST(doc.personas[0].profile.role == "Head of Growth");
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST(h.undo_description() == "Resolve Role of Marketing Director");
    BOOST_TEST(h.undo());
    BOOST_TEST(doc.personas[0].profile.role == "VP Marketing");
    BOOST_TEST(doc.conflicts.size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(an_edit_to_the_value_the_map_holds_still_resolves, fixture) {
    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::edited, "1-2 weeks")));
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST(h.undo());
    BOOST_TEST(doc.conflicts.size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(a_removal_is_kept_or_taken, fixture) {
    doc.conflicts.push_back(field_conflict("persona-1", "stage-2", "key_message", "", "a", "b"));
    const document before = doc;
    BOOST_TEST(h.submit(resolve_conflict(2, conflict_resolution::keep_mine)));
    BOOST_TEST(doc.personas[0].stages.size() == 2u);
    BOOST_TEST(h.undo_description() == "Keep Decision");
    BOOST_TEST(h.undo());
    // Taking theirs deletes the stage and settles what was disputed inside it.
    BOOST_TEST(h.submit(resolve_conflict(2, conflict_resolution::take_theirs)));
    BOOST_TEST(doc.personas[0].stages.size() == 1u);
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST(h.undo_description() == "Delete Decision");
    BOOST_TEST(h.undo());
    BOOST_TEST((doc == before));
}

BOOST_FIXTURE_TEST_CASE(structured_fields_take_theirs_by_key, fixture) {
    doc.conflicts = {field_conflict("persona-1", "", "status", "in_progress", "completed", "in_progress")};
    merge_conflict category = field_conflict("persona-1", "", "category", "", "financial", "process");
    category.pain_point = "Too expensive";
    doc.conflicts.push_back(category);
    BOOST_TEST(!can_resolve(doc.conflicts[0], conflict_resolution::edited));
    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST((doc.personas[0].status == persona_status::in_progress));
    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST((doc.personas[0].pain_points[0].category == pain_category::process));
    BOOST_TEST(doc.conflicts.empty());
}

BOOST_FIXTURE_TEST_CASE(what_cannot_be_done_changes_nothing, fixture) {
    merge_conflict ext = field_conflict("persona-1", "stage-1", "extensions", "", "a: 1", "a: 2");
    doc.conflicts.push_back(ext);
    BOOST_TEST(!h.submit(resolve_conflict(3, conflict_resolution::take_theirs)));
    BOOST_TEST(!h.submit(resolve_conflict(3, conflict_resolution::edited, "a: 3")));
    BOOST_TEST(h.submit(resolve_conflict(3, conflict_resolution::keep_mine)));
    BOOST_TEST(!h.submit(resolve_conflict(9, conflict_resolution::keep_mine)));  // no such conflict
    doc.personas[0].stages.erase(doc.personas[0].stages.begin());  // the stage is gone
    BOOST_TEST(!h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST(doc.conflicts.size() == 3u);
}

// A conflict about a stage or persona that is gone (deleted by hand since the merge, or a file
// written so) is dropped by Keep Mine, or either way when it is about a deletion; before, nothing
// could settle it and the map kept asking on every save.
BOOST_FIXTURE_TEST_CASE(a_conflict_whose_place_is_gone_is_dropped_by_keeping_mine, fixture) {
    doc.conflicts.push_back(removal("persona-404", "", conflict_side::ours));
    doc.personas[0].stages.erase(doc.personas[0].stages.begin());  // Awareness, of conflict 0
    const document before = doc;
    BOOST_TEST(!h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST(!h.submit(resolve_conflict(0, conflict_resolution::edited, "2 weeks")));
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(0, conflict_resolution::keep_mine)));
    BOOST_TEST(doc.conflicts.size() == 3u);
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(2, conflict_resolution::take_theirs)));  // persona-404
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST((doc.personas == before.personas));
    BOOST_TEST(h.undo());
    BOOST_TEST(h.undo());
    BOOST_TEST((doc == before));
}

BOOST_FIXTURE_TEST_CASE(conflicts_are_found_by_field, fixture) {
    BOOST_TEST(find_field_conflict(doc, "persona-1", "stage-1", "duration") == 0u);
    BOOST_TEST(find_field_conflict(doc, "persona-1", "", "role") == 1u);
    BOOST_TEST(find_field_conflict(doc, "persona-1", "stage-1", "key_message") == npos);
    BOOST_TEST(persona_field_conflict_key(persona_field::success_metric) == "success_metric");
}

BOOST_FIXTURE_TEST_CASE(content_is_replaced_as_one_step, fixture) {
    const document before = doc;
    document merged = doc;
    merged.personas[0].name = "CMO";
    merged.conflicts.clear();
    BOOST_TEST(h.submit(replace_content(merged, "Merge")));
    BOOST_TEST((doc == merged));
    BOOST_TEST(has(heard.back(), change::kind::content_replaced));
    BOOST_TEST(h.undo());
    BOOST_TEST((doc == before));
    BOOST_TEST(!h.submit(replace_content(before, "Merge")));  // nothing to change
}

BOOST_FIXTURE_TEST_CASE(a_merged_map_stays_unsaved_when_undone, fixture) {
    h.mark_clean();
    document merged = doc;
    merged.metadata.title = "Theirs";
    BOOST_TEST(h.submit(replace_content(merged, "Merge")));
    h.mark_unsaved();
    BOOST_TEST(h.undo());
    BOOST_TEST(!h.is_clean());
}

// A comment's text both versions changed by hand: theirs can be taken, or a text of one's own
// written, as one step that undo takes back with the conflict.
BOOST_FIXTURE_TEST_CASE(a_comment_text_conflict_takes_theirs_or_an_edit, fixture) {
    comment note;
    note.id = "comment-1";
    note.persona_id = "persona-1";
    note.stage_id = "stage-1";
    note.field = "duration";
    note.author = "Ana";
    note.text = "Two weeks?";
    doc.comments = {note};
    merge_conflict c = field_conflict("persona-1", "stage-1", "text", "Is it 2 weeks?", "Two weeks?", "Really 2 weeks?");
    c.comment_id = "comment-1";
    doc.conflicts = {c};
    const document before = doc;

    BOOST_TEST(can_resolve(c, conflict_resolution::take_theirs));
    BOOST_TEST(can_resolve(c, conflict_resolution::edited));
    // Asked before any text is typed (the strip's Edit... button), an edit can settle it; before,
    // the empty text asked about made it look impossible, and the button was always off.
    BOOST_TEST(can_resolve(doc, 0, conflict_resolution::edited));
    BOOST_TEST(conflict_place_title(doc, c) == "Comment on Duration of Awareness");
    BOOST_TEST(find_field_conflict(doc, "persona-1", "stage-1", "text") == npos);

    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST(doc.comments[0].text == "Really 2 weeks?");
    BOOST_TEST(doc.conflicts.empty());
    BOOST_TEST(has(heard.back(), change::kind::comments_changed));
    h.undo();
    BOOST_TEST((doc == before));

    BOOST_TEST(h.submit(resolve_conflict(0, conflict_resolution::edited, "Is 2 weeks right for a CFO?")));
    BOOST_TEST(doc.comments[0].text == "Is 2 weeks right for a CFO?");
    h.undo();
    BOOST_TEST((doc == before));
    // A comment of white space alone would not open again once saved.
    BOOST_TEST(!h.submit(resolve_conflict(0, conflict_resolution::edited, " \n ")));
    BOOST_TEST((doc == before));

    doc.comments.clear();  // the comment is gone: nothing to settle but by keeping mine
    BOOST_TEST(!h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
}

// Deleting a persona or stage by hand takes the conflicts about it (and inside it) along, so the
// count and the save prompt do not ask about what is gone; undo puts them back where they were.
BOOST_FIXTURE_TEST_CASE(deleting_a_stage_or_persona_takes_its_conflicts_along_and_undo_puts_them_back, fixture) {
    doc.conflicts.push_back(field_conflict("p.two_2", "", "role", "a", "b", "c"));
    const document before = doc;
    BOOST_TEST_REQUIRE(h.submit(remove_stage("persona-1", "stage-1")));
    BOOST_TEST(doc.conflicts.size() == 3u);
    BOOST_TEST(doc.conflicts[0].field == "role");
    BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));

    BOOST_TEST_REQUIRE(h.submit(remove_persona("persona-1")));
    BOOST_TEST_REQUIRE(doc.conflicts.size() == 1u);
    BOOST_TEST(doc.conflicts[0].persona_id == "p.two_2");
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));
    BOOST_TEST_REQUIRE(h.redo());
    BOOST_TEST(doc.conflicts.size() == 1u);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));

    // Taking a deletion still settles what was disputed inside, once.
    doc.conflicts.push_back(field_conflict("persona-1", "stage-2", "key_message", "", "a", "b"));
    const document with_inside = doc;
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(2, conflict_resolution::take_theirs)));
    BOOST_TEST(doc.conflicts.size() == 3u);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == with_inside));
}

// What can be done is asked of the map as it is: with the stage gone, only Keep Mine applies, and
// the conflict names its place as removed rather than unnamed.
BOOST_FIXTURE_TEST_CASE(a_conflict_about_what_is_gone_can_only_be_kept_and_says_so, fixture) {
    BOOST_TEST(can_resolve(doc, 0, conflict_resolution::take_theirs));
    BOOST_TEST(can_resolve(doc, 0, conflict_resolution::edited));
    BOOST_TEST(!conflict_place_gone(doc, doc.conflicts[0]));
    doc.personas[0].stages.erase(doc.personas[0].stages.begin());  // a file written so
    BOOST_TEST(conflict_place_gone(doc, doc.conflicts[0]));
    BOOST_TEST(!can_resolve(doc, 0, conflict_resolution::take_theirs));
    BOOST_TEST(!can_resolve(doc, 0, conflict_resolution::edited));
    BOOST_TEST(can_resolve(doc, 0, conflict_resolution::keep_mine));
    BOOST_TEST(!can_resolve(doc, 9, conflict_resolution::keep_mine));
    BOOST_TEST(conflict_place_title(doc, doc.conflicts[0]) == "Duration of (removed stage)");
    doc.personas.erase(doc.personas.begin());
    BOOST_TEST(conflict_place_title(doc, doc.conflicts[1]) == "Role of (removed persona)");
}

// Whatever sets a conflicted field (typing, paste, cut, clear, a command) settles its conflict in
// the same step, as typing into a conflicted cell did; undo brings the conflict back where it was.
// Before, only typing did: a paste or a clear changed the value and left the conflict open.
BOOST_FIXTURE_TEST_CASE(every_edit_of_a_conflicted_field_settles_it_in_the_same_step, fixture) {
    doc.conflicts.push_back(field_conflict("", "", "title", "Q3", "Q3 go-to-market <draft> & notes", "Q4"));
    doc.conflicts.push_back(field_conflict("persona-1", "", "status", "in_progress", "completed", "in_progress"));
    doc.conflicts.push_back(field_conflict("persona-1", "", "summary", "", "Persona: Marketing Director", "Theirs"));
    const document before = doc;
    const auto settles = [&](std::unique_ptr<edit> e, std::size_t index) {
        const merge_conflict c = doc.conflicts.at(index);
        BOOST_TEST_REQUIRE(h.submit(std::move(e)));
        BOOST_TEST(doc.conflicts.size() == before.conflicts.size() - 1);
        BOOST_TEST((std::find(doc.conflicts.begin(), doc.conflicts.end(), c) == doc.conflicts.end()));
        BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
        BOOST_TEST_REQUIRE(h.undo());
        BOOST_TEST((doc == before));
        BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
        BOOST_TEST_REQUIRE(h.redo());
        BOOST_TEST(doc.conflicts.size() == before.conflicts.size() - 1);
        BOOST_TEST_REQUIRE(h.undo());
    };
    settles(set_stage_field("persona-1", "stage-1", stage_field::duration, ""), 0);
    settles(set_persona_field("persona-1", persona_field::role, "CMO"), 1);
    settles(set_document_title("Plan"), 3);
    settles(set_status("persona-1", persona_status::in_progress), 4);
    settles(set_summary("persona-1", std::nullopt), 5);

    // Another field of the same stage leaves the conflict alone.
    BOOST_TEST_REQUIRE(h.submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Hi")));
    BOOST_TEST((doc.conflicts == before.conflicts));
    BOOST_TEST_REQUIRE(h.undo());

    // A paste of several cells is one step, and its undo brings back what it settled.
    {
        batch paste(h, "Paste");
        BOOST_TEST(paste.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "2 weeks")));
        BOOST_TEST(paste.submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Hi")));
        paste.push();
    }
    BOOST_TEST(doc.conflicts.size() == before.conflicts.size() - 1);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));
}

// Setting a conflicted field to the text it holds is keeping mine, a step of its own; without a
// conflict it changes nothing and is no step.
BOOST_FIXTURE_TEST_CASE(setting_a_conflicted_field_to_its_own_text_keeps_mine, fixture) {
    BOOST_TEST_REQUIRE(h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "1-2 weeks")));
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST(!h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "1-2 weeks")));
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST(doc.conflicts.size() == 3u);
}

// Typing on after an edit that settled a conflict joins its step, and one undo takes both back.
BOOST_FIXTURE_TEST_CASE(typing_on_in_a_field_whose_conflict_an_edit_settled_joins_that_step, fixture) {
    BOOST_TEST(h.submit(set_persona_field("persona-1", persona_field::role, "H"), merge::start_typing));
    BOOST_TEST(h.submit(set_persona_field("persona-1", persona_field::role, "He"), merge::typing));
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST(doc.conflicts.size() == 2u);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST(doc.personas[0].profile.role == "VP Marketing");
    BOOST_TEST(doc.conflicts.size() == 3u);
}

// Conflicts name a pain point by its text (pain points have no ids), so they follow it: deleting
// it takes them along, as deleting a persona or stage does, and undo brings them back; before,
// they stayed, about a pain point no longer there.
BOOST_FIXTURE_TEST_CASE(deleting_a_pain_point_takes_its_conflicts_along, fixture) {
    merge_conflict category = field_conflict("persona-1", "", "category", "", "financial", "process");
    category.pain_point = "Too expensive";
    merge_conflict removed = removal("persona-1", "", conflict_side::theirs);
    removed.pain_point = "Too expensive";
    merge_conflict other = category;
    other.pain_point = "Board pressure";
    doc.conflicts.insert(doc.conflicts.begin() + 1, category);
    doc.conflicts.push_back(removed);
    doc.conflicts.push_back(other);
    const document before = doc;
    BOOST_TEST_REQUIRE(h.submit(remove_pain_point("persona-1", 0)));
    BOOST_TEST_REQUIRE(doc.conflicts.size() == 4u);
    BOOST_TEST((doc.conflicts.back() == other));
    BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));
    BOOST_TEST_REQUIRE(h.redo());
    BOOST_TEST(doc.conflicts.size() == 4u);
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));
}

// Renamed, a pain point keeps its conflicts, which now name the new text, so they can still be
// settled; given a category, the conflict about its category is settled. Undo puts both back.
BOOST_FIXTURE_TEST_CASE(editing_a_pain_point_carries_or_settles_its_conflicts, fixture) {
    merge_conflict category = field_conflict("persona-1", "", "category", "", "financial", "process");
    category.pain_point = "Too expensive";
    merge_conflict removed = removal("persona-1", "", conflict_side::theirs);
    removed.pain_point = "Too expensive";
    doc.conflicts = {category, removed};
    const document before = doc;

    BOOST_TEST_REQUIRE(h.submit(set_pain_point("persona-1", 0, {"Far too expensive", pain_category::financial})));
    BOOST_TEST_REQUIRE(doc.conflicts.size() == 2u);
    BOOST_TEST(*doc.conflicts[0].pain_point == "Far too expensive");
    BOOST_TEST(*doc.conflicts[1].pain_point == "Far too expensive");
    BOOST_TEST(!conflict_place_gone(doc, doc.conflicts[0]));
    BOOST_TEST(conflict_place_title(doc, doc.conflicts[0]) == "Category of Far too expensive");
    BOOST_TEST(can_resolve(doc, 0, conflict_resolution::take_theirs));
    BOOST_TEST(has(heard.back(), change::kind::conflicts_changed));
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));

    BOOST_TEST_REQUIRE(h.submit(set_pain_point("persona-1", 0, {"Too expensive", pain_category::support})));
    BOOST_TEST_REQUIRE(doc.conflicts.size() == 1u);
    BOOST_TEST((doc.conflicts[0] == removed));
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));

    // Both at once: the category's conflict settled, the other renamed.
    BOOST_TEST_REQUIRE(h.submit(set_pain_point("persona-1", 0, {"Costly", pain_category::other})));
    BOOST_TEST_REQUIRE(doc.conflicts.size() == 1u);
    BOOST_TEST(*doc.conflicts[0].pain_point == "Costly");
    BOOST_TEST_REQUIRE(h.undo());
    BOOST_TEST((doc == before));
    BOOST_TEST_REQUIRE(h.redo());
    BOOST_TEST(doc.conflicts.size() == 1u);

    // Taking theirs on the renamed removal deletes the renamed pain point.
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(0, conflict_resolution::take_theirs)));
    BOOST_TEST(doc.personas[0].pain_points.size() == 5u);
    BOOST_TEST(doc.conflicts.empty());
}

// A blank text settles a field of the map (clearing it); a comment's text cannot be blank, and
// the reason is there to show.
BOOST_FIXTURE_TEST_CASE(a_blank_edit_clears_a_field_but_not_a_comment, fixture) {
    BOOST_TEST(edited_text_problem(doc.conflicts[0], "").empty());
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(0, conflict_resolution::edited, "")));
    BOOST_TEST(awareness().duration.empty());
    BOOST_TEST_REQUIRE(h.submit(resolve_conflict(0, conflict_resolution::edited, "")));  // the role
    BOOST_TEST(doc.personas[0].profile.role.empty());
    merge_conflict text = field_conflict("persona-1", "", "text", "a", "b", "c");
    text.comment_id = "comment-1";
    BOOST_TEST(edited_text_problem(text, " \n") == "A comment cannot be left without text. Type its text, or keep "
                                                    "yours or take theirs.");
    BOOST_TEST(edited_text_problem(text, "d").empty());
}
