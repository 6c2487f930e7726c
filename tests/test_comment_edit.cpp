#define BOOST_TEST_MODULE comment_edit
#include <boost/test/unit_test.hpp>
#include <algorithm>

#include "bpm/history.h"
#include "test_support.h"

using namespace bpm;

namespace {

comment on_duration(std::string id = "comment-1", std::string text = "Is it really two weeks?") {
    comment c;
    c.id = std::move(id);
    c.persona_id = "persona-1";
    c.stage_id = "stage-1";
    c.field = "duration";
    c.author = "Ana";
    c.created_at = "2027-01-01T10:00:00Z";
    c.text = std::move(text);
    return c;
}

comment_reply reply(std::string id, std::string text) {
    return {std::move(id), "Ben", "2027-01-02T09:00:00Z", std::move(text)};
}

struct fixture {
    document doc = test::rich_document();
    history h{doc};
    std::vector<change_set> heard;
    fixture() {
        h.set_clock([] { return std::string("2027-02-01T00:00:00Z"); });
        h.subscribe([this](const change_set& c) { heard.push_back(c); });
    }
    const comment& first() const { return doc.comments.front(); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(adding_replying_resolving_and_deleting_are_steps_undone_exactly) {
    fixture f;
    std::vector<document> states{f.doc};
    BOOST_TEST_REQUIRE(f.h.submit(add_comment(on_duration())));
    BOOST_TEST(f.h.undo_description() == "Add Comment on Duration of " + f.doc.personas[0].stages[0].name);
    states.push_back(f.doc);
    BOOST_TEST_REQUIRE(f.h.submit(reply_to_comment("comment-1", reply("comment-2", "Yes, from the CRM"))));
    BOOST_TEST(f.h.undo_description() == "Reply to Comment");
    states.push_back(f.doc);
    BOOST_TEST_REQUIRE(f.h.submit(set_comment_resolved("comment-1", true)));
    BOOST_TEST(f.h.undo_description() == "Resolve Comment");
    BOOST_TEST(f.first().resolved);
    states.push_back(f.doc);
    BOOST_TEST_REQUIRE(f.h.submit(set_comment_resolved("comment-1", false)));
    BOOST_TEST(f.h.undo_description() == "Reopen Comment");
    states.push_back(f.doc);
    BOOST_TEST_REQUIRE(f.h.submit(remove_comment_reply("comment-1", "comment-2")));
    BOOST_TEST(f.h.undo_description() == "Delete Reply");
    BOOST_TEST(f.first().replies.empty());
    states.push_back(f.doc);
    BOOST_TEST_REQUIRE(f.h.submit(remove_comment("comment-1")));
    BOOST_TEST(f.h.undo_description() == "Delete Comment on Duration of " + f.doc.personas[0].stages[0].name);
    BOOST_TEST(f.doc.comments.empty());
    states.push_back(f.doc);

    for (std::size_t i = states.size() - 1; i > 0; --i) {
        BOOST_TEST_REQUIRE(f.h.undo());
        BOOST_TEST((f.doc == states[i - 1]), "undo to state " << i - 1);
    }
    for (std::size_t i = 1; i < states.size(); ++i) {
        BOOST_TEST_REQUIRE(f.h.redo());
        BOOST_TEST((f.doc == states[i]), "redo to state " << i);
    }
}

BOOST_AUTO_TEST_CASE(comment_edits_tell_which_persona_and_stage_and_leave_its_stamp_alone) {
    fixture f;
    const std::string stamp = f.doc.personas[0].last_updated_at;
    f.h.submit(add_comment(on_duration()));
    comment on_persona = on_duration("comment-9");
    on_persona.stage_id.clear();
    on_persona.field = "role";
    f.h.submit(add_comment(on_persona));
    BOOST_TEST_REQUIRE(f.heard.size() == 2u);
    BOOST_TEST((f.heard[0] == change_set{change::comments_changed("persona-1", "stage-1")}));
    BOOST_TEST((f.heard[1] == change_set{change::comments_changed("persona-1", "")}));
    BOOST_TEST(f.doc.personas[0].last_updated_at == stamp);
    f.h.undo();
    BOOST_TEST((f.heard.back() == change_set{change::comments_changed("persona-1", "")}));
}

BOOST_AUTO_TEST_CASE(comment_edits_that_cannot_stand_add_no_step) {
    fixture f;
    BOOST_TEST_REQUIRE(f.h.submit(add_comment(on_duration())));
    const document before = f.doc;
    BOOST_TEST(!f.h.submit(add_comment(on_duration())));  // the id is taken
    BOOST_TEST(!f.h.submit(add_comment(on_duration("bad id"))));
    BOOST_TEST(!f.h.submit(add_comment(on_duration("comment-2", ""))));  // no text
    BOOST_TEST(!f.h.submit(add_comment(on_duration("comment-2", " \n\t"))));  // white space alone
    comment nowhere = on_duration("comment-3");
    nowhere.stage_id = "stage-404";
    BOOST_TEST(!f.h.submit(add_comment(nowhere)));
    nowhere.persona_id = "nobody";
    nowhere.stage_id.clear();
    nowhere.field.clear();
    BOOST_TEST(!f.h.submit(add_comment(nowhere)));
    comment odd_field = on_duration("comment-4");
    odd_field.field = "shoe_size";
    BOOST_TEST(!f.h.submit(add_comment(odd_field)));
    comment twin_reply = on_duration("comment-5");
    twin_reply.replies = {reply("comment-1", "uses the first comment's id")};
    BOOST_TEST(!f.h.submit(add_comment(twin_reply)));
    BOOST_TEST(!f.h.submit(reply_to_comment("comment-1", reply("comment-1", "same id as the comment"))));
    BOOST_TEST(!f.h.submit(reply_to_comment("comment-1", reply("comment-6", ""))));
    BOOST_TEST(!f.h.submit(reply_to_comment("comment-1", reply("comment-6", "  \n"))));
    BOOST_TEST(!f.h.submit(reply_to_comment("comment-404", reply("comment-6", "to nothing"))));
    BOOST_TEST(!f.h.submit(set_comment_resolved("comment-1", false)));  // already open
    BOOST_TEST(!f.h.submit(set_comment_resolved("comment-404", true)));
    BOOST_TEST(!f.h.submit(remove_comment("comment-404")));
    BOOST_TEST(!f.h.submit(remove_comment_reply("comment-1", "comment-404")));
    BOOST_TEST((f.doc == before));
    BOOST_TEST(f.h.size() == 1u);
}

BOOST_AUTO_TEST_CASE(deleting_a_stage_takes_its_comments_along_and_undo_puts_them_back_in_order) {
    fixture f;
    comment on_persona = on_duration("comment-a");
    on_persona.stage_id.clear();
    on_persona.field.clear();
    comment on_other_stage = on_duration("comment-c");
    on_other_stage.stage_id = "stage-2";
    f.h.submit(add_comment(on_persona));
    f.h.submit(add_comment(on_duration("comment-b")));
    f.h.submit(add_comment(on_other_stage));
    f.h.submit(add_comment(on_duration("comment-d", "And the second thought")));
    const document before = f.doc;
    f.heard.clear();

    BOOST_TEST_REQUIRE(f.h.submit(remove_stage("persona-1", "stage-1")));
    BOOST_TEST_REQUIRE(f.doc.comments.size() == 2u);
    BOOST_TEST(f.doc.comments[0].id == "comment-a");
    BOOST_TEST(f.doc.comments[1].id == "comment-c");
    BOOST_TEST_REQUIRE(f.heard.size() == 1u);
    BOOST_TEST((f.heard[0].back() == change::comments_changed("persona-1", "stage-1")));
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == before));
    BOOST_TEST_REQUIRE(f.h.redo());
    BOOST_TEST(f.doc.comments.size() == 2u);
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == before));
}

BOOST_AUTO_TEST_CASE(deleting_a_persona_takes_all_its_comments_along_and_undo_puts_them_back) {
    fixture f;
    comment elsewhere = on_duration("comment-z");
    elsewhere.persona_id = "p.two_2";
    elsewhere.stage_id.clear();
    elsewhere.field = "summary";
    f.h.submit(add_comment(on_duration("comment-a")));
    f.h.submit(add_comment(elsewhere));
    f.h.submit(reply_to_comment("comment-a", reply("comment-r", "A reply goes along too")));
    const document before = f.doc;

    BOOST_TEST_REQUIRE(f.h.submit(remove_persona("persona-1")));
    BOOST_TEST_REQUIRE(f.doc.comments.size() == 1u);
    BOOST_TEST(f.doc.comments[0].id == "comment-z");
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == before));
    BOOST_TEST(f.h.memory_bytes() > 0u);
}

// Deleting a stage or a persona nobody commented on leaves every other comment as it was (it
// used to leave them all emptied, moved out and never put back, and the map then saved unreadable).
BOOST_AUTO_TEST_CASE(deleting_what_has_no_comments_leaves_the_other_comments_whole) {
    fixture f;
    comment on_other_stage = on_duration("comment-c");
    on_other_stage.stage_id = "stage-2";
    f.h.submit(add_comment(on_other_stage));
    f.h.submit(reply_to_comment("comment-c", reply("comment-r", "A reply stays too")));
    const document with_comments = f.doc;

    BOOST_TEST_REQUIRE(f.h.submit(remove_stage("persona-1", "stage-1")));
    BOOST_TEST((f.doc.comments == with_comments.comments));
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == with_comments));

    BOOST_TEST_REQUIRE(f.h.submit(remove_persona("p.two_2")));
    BOOST_TEST((f.doc.comments == with_comments.comments));
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == with_comments));
}

// Deleting a comment takes the merge conflict about its text along, as deleting a persona, stage
// or pain point takes theirs; before, the conflict stayed, about a comment no longer there.
BOOST_AUTO_TEST_CASE(deleting_a_comment_takes_the_conflict_about_its_text_along) {
    fixture f;
    f.doc.comments = {on_duration("comment-a"), on_duration("comment-b")};
    merge_conflict text = test::field_conflict("persona-1", "stage-1", "text", "Base", "Mine", "Theirs");
    text.comment_id = "comment-a";
    merge_conflict other = text;
    other.comment_id = "comment-b";
    f.doc.conflicts = {text, other};
    const document before = f.doc;
    BOOST_TEST_REQUIRE(f.h.submit(remove_comment("comment-a")));
    BOOST_TEST_REQUIRE(f.doc.conflicts.size() == 1u);
    BOOST_TEST(f.doc.conflicts[0].comment_id == "comment-b");
    const auto told = [&](change::kind k) {
        return std::any_of(f.heard.back().begin(), f.heard.back().end(), [&](const change& c) { return c.what == k; });
    };
    BOOST_TEST(told(change::kind::conflicts_changed));
    BOOST_TEST_REQUIRE(f.h.undo());
    BOOST_TEST((f.doc == before));
    BOOST_TEST(told(change::kind::conflicts_changed));
    BOOST_TEST_REQUIRE(f.h.redo());
    BOOST_TEST(f.doc.conflicts.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_comment_names_its_place_even_when_that_place_is_gone) {
    const document doc = test::rich_document();
    comment c = on_duration();
    const std::string stage = doc.personas[0].stages[0].name;
    const std::string persona = doc.personas[0].name;
    BOOST_TEST(comment_location(doc, c) == "Duration of " + stage);
    c.field = "name";
    BOOST_TEST(comment_location(doc, c) == stage);
    c.field.clear();
    BOOST_TEST(comment_location(doc, c) == stage);
    c.stage_id.clear();
    BOOST_TEST(comment_location(doc, c) == persona);
    c.field = "pain_points";
    BOOST_TEST(comment_location(doc, c) == "Pain Points of " + persona);
    c.stage_id = "stage-404";
    BOOST_TEST(comment_location(doc, c) == "(removed stage)");
    c.persona_id = "nobody";
    BOOST_TEST(comment_location(doc, c) == "(removed persona)");
}

BOOST_AUTO_TEST_CASE(a_comment_names_the_title_of_its_field) {
    comment c = on_duration();
    BOOST_TEST(comment_field_title(c) == "Duration");
    c.field.clear();
    BOOST_TEST(comment_field_title(c).empty());
    c.stage_id.clear();
    c.field = "success_metric";
    BOOST_TEST(comment_field_title(c) == "Primary Success Metric");
    c.field = "summary";
    BOOST_TEST(comment_field_title(c) == "Summary");
}

// The Comments pane and the printed appendix list comments as the map reads: persona by persona,
// the persona's own before its stages', each place whole before its fields in column order, then
// as written; what is about a place that is gone comes last.
BOOST_AUTO_TEST_CASE(comments_come_in_map_order_whatever_the_order_they_were_written_in) {
    document doc = test::rich_document();
    const auto about = [](std::string id, std::string persona, std::string stage, std::string field) {
        comment c = on_duration(std::move(id));
        c.persona_id = std::move(persona);
        c.stage_id = std::move(stage);
        c.field = std::move(field);
        return c;
    };
    doc.comments = {about("gone-persona", "nobody", "", ""),
                    about("second-persona", "p.two_2", "", ""),
                    about("stage-2", "persona-1", "stage-2", ""),
                    about("stage-1-key-message", "persona-1", "stage-1", "key_message"),
                    about("gone-stage", "persona-1", "stage-404", ""),
                    about("stage-1-duration", "persona-1", "stage-1", "duration"),
                    about("summary", "persona-1", "", "summary"),
                    about("stage-1", "persona-1", "stage-1", ""),
                    about("role", "persona-1", "", "role"),
                    about("stage-1-duration-later", "persona-1", "stage-1", "duration"),
                    about("persona", "persona-1", "", "")};
    std::vector<std::string> ids;
    for (const comment* c : comments_in_map_order(doc)) ids.push_back(c->id);
    const std::vector<std::string> expected = {"persona",          "role",          "summary",
                                               "stage-1",          "stage-1-duration", "stage-1-duration-later",
                                               "stage-1-key-message", "stage-2",     "gone-stage",
                                               "second-persona",   "gone-persona"};
    BOOST_TEST(ids == expected, boost::test_tools::per_element());
}
