#define BOOST_TEST_MODULE history
#include <boost/test/unit_test.hpp>
#include <functional>

#include "bench_document.h"
#include "bpm/history.h"
#include "test_support.h"

using namespace bpm;

namespace {

// A rich document with a history whose clock ticks one second per step, so stamps are checkable.
struct fixture {
    document doc = test::rich_document();
    history h{doc};
    int tick = 0;
    fixture() {
        h.set_clock([this] {
            const int second = tick++;
            return "2027-01-01T00:00:" + std::string(second < 10 ? "0" : "") + std::to_string(second) + "Z";
        });
    }
};

using edit_factory = std::function<std::unique_ptr<edit>(const document&)>;

// Each kind of edit, made against rich_document().
const std::vector<std::pair<const char*, edit_factory>> every_edit = {
    {"stage field", [](const document&) { return set_stage_field("persona-1", "stage-1", stage_field::duration, "3 weeks"); }},
    {"stage name", [](const document&) { return set_stage_field("persona-1", "stage-2", stage_field::name, "Purchase"); }},
    {"persona name", [](const document&) { return set_persona_field("persona-1", persona_field::name, "CMO"); }},
    {"profile field", [](const document&) { return set_persona_field("p.two_2", persona_field::segment, "SMB"); }},
    {"title", [](const document&) { return set_document_title("New title"); }},
    {"status", [](const document&) { return set_status("persona-1", persona_status::in_progress); }},
    {"summary set", [](const document&) {
         return set_summary("p.two_2", persona_summary{"text", summary_source::template_text, ""});
     }},
    {"summary clear", [](const document&) { return set_summary("persona-1", std::nullopt); }},
    {"insert persona", [](const document& d) {
         persona p;
         p.id = d.new_persona_id();
         p.name = "New";
         stage s;
         s.id = d.new_stage_id();
         p.stages.push_back(s);
         return insert_persona(1, p);
     }},
    {"remove persona", [](const document&) { return remove_persona("persona-1"); }},
    {"move persona", [](const document&) { return move_persona("p.two_2", 0); }},
    {"insert stage", [](const document& d) {
         stage s;
         s.id = d.new_stage_id();
         s.name = "Consideration";
         return insert_stage("persona-1", 1, s);
     }},
    {"remove stage", [](const document&) { return remove_stage("persona-1", "stage-1"); }},
    {"move stage", [](const document&) { return move_stage("persona-1", "stage-2", 0); }},
    {"insert pain point", [](const document&) { return insert_pain_point("persona-1", 2, {"New pain", pain_category::other}); }},
    {"remove pain point", [](const document&) { return remove_pain_point("persona-1", 0); }},
    {"move pain point", [](const document&) { return move_pain_point("persona-1", 0, 5); }},
    {"set pain point", [](const document&) { return set_pain_point("persona-1", 1, {"Reports take days", pain_category::process}); }},
    {"add comment", [](const document&) {
         comment c;
         c.id = "comment-1";
         c.persona_id = "persona-1";
         c.stage_id = "stage-2";
         c.text = "Who signs here?";
         return add_comment(c);
     }},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_edit_undoes_and_redoes_exactly) {
    for (const auto& [name, make] : every_edit) {
        fixture f;
        const document before = f.doc;
        BOOST_TEST_REQUIRE(f.h.submit(make(f.doc)), name);
        const document after = f.doc;
        BOOST_TEST((after != before), name);
        BOOST_TEST_REQUIRE(f.h.undo(), name);
        BOOST_TEST((f.doc == before), name);
        BOOST_TEST_REQUIRE(f.h.redo(), name);
        BOOST_TEST((f.doc == after), name);
        BOOST_TEST_REQUIRE(f.h.undo(), name);
        BOOST_TEST((f.doc == before), name);
    }
}

BOOST_AUTO_TEST_CASE(every_edit_keeps_the_extensions_a_json_file_brought) {
    // Unknown JSON keys ride on the document, persona and stage: edits around them, and their
    // undo and redo, keep them as they were.
    for (const auto& [name, make] : every_edit) {
        fixture f;
        f.doc.extensions = {{"source", R"({"tool":"crm-sync"})"}};
        for (persona& p : f.doc.personas) {
            p.extensions = {{"persona_goals", R"(["Lower CAC"])"}};
            for (stage& s : p.stages) s.extensions = {{"emotion_score", "2"}, {"touchpoints", "[]"}};
        }
        const document before = f.doc;
        BOOST_TEST_REQUIRE(f.h.submit(make(f.doc)), name);
        const document after = f.doc;
        BOOST_TEST((f.doc.extensions == before.extensions), name);
        for (const persona& p : f.doc.personas) {
            if (before.find_persona(p.id) == npos) continue;  // one the edit inserted
            BOOST_TEST((p.extensions == before.personas[before.find_persona(p.id)].extensions), name);
            for (const stage& s : p.stages)
                if (s.name != "Consideration") BOOST_TEST(s.extensions.size() == 2u, name);
        }
        BOOST_TEST_REQUIRE(f.h.undo(), name);
        BOOST_TEST((f.doc == before), name);
        BOOST_TEST_REQUIRE(f.h.redo(), name);
        BOOST_TEST((f.doc == after), name);
    }
}

BOOST_AUTO_TEST_CASE(edits_do_what_they_say) {
    fixture f;
    f.h.submit(move_stage("persona-1", "stage-2", 0));
    BOOST_TEST(f.doc.personas[0].stages[0].id == "stage-2");
    f.h.submit(move_pain_point("persona-1", 0, 2));
    BOOST_TEST(f.doc.personas[0].pain_points[2].text == "Too expensive");
    BOOST_TEST(f.doc.personas[0].pain_points[0].text == "Wastes time on reports");
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Save hours"));
    BOOST_TEST(f.doc.personas[0].stages[1].key_message == "Save hours");
    f.h.submit(remove_persona("persona-1"));
    BOOST_TEST(f.doc.personas.size() == 1u);
    BOOST_TEST(f.doc.personas[0].id == "p.two_2");
}

BOOST_AUTO_TEST_CASE(edits_whose_target_is_gone_or_that_change_nothing_add_no_step) {
    fixture f;
    const document before = f.doc;
    BOOST_TEST(!f.h.submit(set_stage_field("persona-1", "stage-9", stage_field::duration, "x")));
    BOOST_TEST(!f.h.submit(set_stage_field("nobody", "stage-1", stage_field::duration, "x")));
    BOOST_TEST(!f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "1-2 weeks")));
    BOOST_TEST(!f.h.submit(set_status("persona-1", persona_status::completed)));
    BOOST_TEST(!f.h.submit(remove_stage("p.two_2", "stage-1")));
    BOOST_TEST(!f.h.submit(move_stage("persona-1", "stage-1", 0)));
    BOOST_TEST(!f.h.submit(insert_pain_point("persona-1", 0, {"Too expensive", pain_category::none})));
    BOOST_TEST(!f.h.submit(insert_pain_point("persona-1", 0, {"", pain_category::none})));
    BOOST_TEST(!f.h.submit(set_pain_point("persona-1", 0, {"Board pressure", pain_category::none})));
    stage dup;
    dup.id = "stage-2";
    BOOST_TEST(!f.h.submit(insert_stage("p.two_2", 0, dup)));
    persona twin;
    twin.id = "persona-1";
    BOOST_TEST(!f.h.submit(insert_persona(0, twin)));
    BOOST_TEST(!f.h.can_undo());
    BOOST_TEST(f.h.is_clean());
    BOOST_TEST((f.doc == before));

    document empty;
    history h(empty);
    persona bad_stage_id;
    bad_stage_id.id = "persona-1";
    bad_stage_id.stages.resize(1);  // a stage without an id
    BOOST_TEST(!h.submit(insert_persona(0, bad_stage_id)));
    BOOST_TEST(empty.personas.empty());
}

BOOST_AUTO_TEST_CASE(labels_name_the_field_and_the_stage) {
    fixture f;
    BOOST_TEST(f.h.undo_label() == "");
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "3 weeks"));
    BOOST_TEST(f.h.undo_label() == "Undo Edit Duration of Awareness");
    f.h.submit(set_stage_field("persona-1", "stage-2", stage_field::name, "Purchase"));
    BOOST_TEST(f.h.undo_label() == "Undo Rename Stage Decision");
    f.h.submit(remove_stage("persona-1", "stage-2"));
    BOOST_TEST(f.h.undo_label() == "Undo Delete Stage Purchase");
    f.h.submit(set_persona_field("persona-1", persona_field::organisation, "LVMH"));
    BOOST_TEST(f.h.undo_label() == "Undo Edit Organisation of Marketing Director");
    f.h.undo();
    BOOST_TEST(f.h.redo_label() == "Redo Edit Organisation of Marketing Director");
    BOOST_TEST(f.h.undo_label() == "Undo Delete Stage Purchase");
}

BOOST_AUTO_TEST_CASE(insertions_are_labelled_with_the_name_they_were_made_with) {
    fixture f;
    stage s;
    s.id = f.h.doc().new_stage_id();
    s.name = "Onboarding";
    f.h.submit(insert_stage("persona-1", 1, s));
    BOOST_TEST(f.h.undo_label() == "Undo Add Stage Onboarding");
    persona p;
    p.id = f.h.doc().new_persona_id();
    p.name = "CFO";
    f.h.submit(insert_persona(0, p));
    BOOST_TEST(f.h.undo_label() == "Undo Add Persona CFO");
    f.h.undo();
    BOOST_TEST(f.h.redo_label() == "Redo Add Persona CFO");
}

BOOST_AUTO_TEST_CASE(standard_stages_are_one_step) {
    fixture f;
    BOOST_TEST_REQUIRE(apply_standard_stages(f.h, "p.two_2"));
    const auto& stages = f.doc.personas[1].stages;
    BOOST_TEST_REQUIRE(stages.size() == 3u);
    BOOST_TEST(stages[0].name == "Awareness");
    BOOST_TEST(stages[2].name == "Decision");
    BOOST_TEST(stages[0].id == "stage-3");
    BOOST_TEST(stages[2].id == "stage-5");
    BOOST_TEST(f.h.undo_label() == "Undo Apply Standard Stages");
    BOOST_TEST(f.h.size() == 1u);
    f.h.undo();
    BOOST_TEST(f.doc.personas[1].stages.empty());
    BOOST_TEST(!f.h.can_undo());
    f.h.redo();
    BOOST_TEST(f.doc.personas[1].stages.size() == 3u);
    BOOST_TEST(!apply_standard_stages(f.h, "nobody"));
}

BOOST_AUTO_TEST_CASE(a_pushed_batch_is_one_step_and_one_notice_with_all_changes) {
    fixture f;
    std::vector<change_set> heard;
    f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    {
        batch paste(f.h, "Paste Cells");
        BOOST_TEST(paste.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "a")));
        BOOST_TEST(paste.submit(set_stage_field("persona-1", "stage-2", stage_field::duration, "b")));
        BOOST_TEST(f.doc.personas[0].stages[1].duration == "b");  // applied at once
        BOOST_TEST(heard.empty());                                 // but told only on push
        BOOST_TEST(f.h.size() == 0u);                              // and recorded only on push
        paste.push();
    }
    BOOST_TEST(f.h.size() == 1u);
    BOOST_TEST(f.h.undo_label() == "Undo Paste Cells");
    BOOST_TEST_REQUIRE(heard.size() == 1u);
    BOOST_TEST((heard[0] == change_set{change::stage_field_edited("persona-1", "stage-1", stage_field::duration),
                                       change::stage_field_edited("persona-1", "stage-2", stage_field::duration)}));
    f.h.undo();
    BOOST_TEST((f.doc == test::rich_document()));
}

BOOST_AUTO_TEST_CASE(a_batch_destroyed_without_push_leaves_no_trace) {
    fixture f;
    std::vector<change_set> heard;
    f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    {
        batch abandoned(f.h, "Paste Cells");
        stage s;
        s.id = abandoned.doc().new_stage_id();
        abandoned.submit(insert_stage("persona-1", 0, s));
        abandoned.submit(set_stage_field("persona-1", s.id, stage_field::name, "New"));
        abandoned.submit(remove_stage("persona-1", "stage-1"));
        BOOST_TEST(f.doc.personas[0].stages[0].name == "New");
    }
    BOOST_TEST((f.doc == test::rich_document()));
    BOOST_TEST(!f.h.can_undo());
    BOOST_TEST(heard.empty());
    BOOST_TEST(f.h.is_clean());
    BOOST_TEST(f.h.submit(set_document_title("After")));  // the history is open again
}

BOOST_AUTO_TEST_CASE(an_empty_pushed_batch_adds_no_step) {
    fixture f;
    std::vector<change_set> heard;
    f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    batch empty(f.h, "Empty");
    BOOST_TEST(!empty.submit(set_stage_field("persona-1", "stage-9", stage_field::duration, "x")));
    empty.push();
    BOOST_TEST(f.h.size() == 0u);
    BOOST_TEST(f.h.undo_label() == "");
    BOOST_TEST(heard.empty());
    BOOST_TEST(!empty.submit(set_document_title("Too late")));  // a pushed batch is closed
}

BOOST_AUTO_TEST_CASE(an_open_batch_refuses_undo_redo_and_other_edits) {
    fixture f;
    f.h.submit(set_document_title("One"));
    f.h.submit(set_document_title("Two"));
    f.h.undo();
    {
        batch open(f.h, "Paste Cells");
        BOOST_TEST(open.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "a")));
        BOOST_TEST(!f.h.can_undo());
        BOOST_TEST(!f.h.undo());
        BOOST_TEST(!f.h.can_redo());
        BOOST_TEST(!f.h.redo());
        BOOST_TEST(!f.h.submit(set_stage_field("persona-1", "stage-2", stage_field::duration, "b")));
        BOOST_TEST(!f.h.replace_document(test::rich_document()));
        batch second(f.h, "Nested");
        BOOST_TEST(!second.submit(set_stage_field("persona-1", "stage-2", stage_field::duration, "b")));
        second.push();
        BOOST_TEST(!f.h.undo());  // pushing the refused batch does not close the open one
        open.push();
    }
    BOOST_TEST(f.h.undo_label() == "Undo Paste Cells");
    BOOST_TEST(!f.h.can_redo());  // the batch was a new step after the undo
    BOOST_TEST(f.doc.personas[0].stages[1].duration == "3–6 months");
}

BOOST_AUTO_TEST_CASE(typing_in_one_field_merges_into_one_step) {
    fixture f;
    for (const char* text : {"2", "2 ", "2 w", "2 weeks"})
        f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, text), merge::typing);
    BOOST_TEST(f.h.size() == 1u);
    BOOST_TEST(f.doc.personas[0].stages[0].duration == "2 weeks");
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Hi"), merge::typing);
    BOOST_TEST(f.h.size() == 2u);
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::key_message, "Hi there"));
    BOOST_TEST(f.h.size() == 3u);
    f.h.undo();
    f.h.undo();
    f.h.undo();
    BOOST_TEST(f.doc.personas[0].stages[0].duration == "1-2 weeks");
    BOOST_TEST((f.doc == test::rich_document()));
}

BOOST_AUTO_TEST_CASE(a_plain_submit_never_merges) {
    fixture f;
    for (const char* text : {"2", "2 ", "2 w", "2 weeks"})
        f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, text));
    BOOST_TEST(f.h.size() == 4u);
    // Typing does not extend a step that was not typing either.
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "2 weeks!"), merge::typing);
    BOOST_TEST(f.h.size() == 5u);
    f.h.undo();
    BOOST_TEST(f.doc.personas[0].stages[0].duration == "2 weeks");
}

BOOST_AUTO_TEST_CASE(start_typing_begins_a_step_that_typing_extends) {
    fixture f;
    const auto type = [&](const char* text, merge how) {
        f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, text), how);
    };
    // The field took the focus, was typed in, lost it, took it again and was typed in again.
    type("2", merge::start_typing);
    type("2 w", merge::typing);
    type("2 weeks", merge::start_typing);
    type("2 weeks or so", merge::typing);
    BOOST_TEST(f.h.size() == 2u);
    f.h.undo();
    BOOST_TEST(f.doc.personas[0].stages[0].duration == "2 w");
    f.h.undo();
    BOOST_TEST(f.doc.personas[0].stages[0].duration == "1-2 weeks");
}

BOOST_AUTO_TEST_CASE(typing_after_undo_or_redo_starts_a_new_step) {
    fixture f;
    const auto type = [&](const char* text) {
        f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, text), merge::typing);
    };
    type("2");
    f.h.submit(set_document_title("Other"));
    f.h.undo();
    type("2 w");
    BOOST_TEST(f.h.size() == 2u);
    f.h.undo();
    f.h.redo();
    type("2 weeks");
    BOOST_TEST(f.h.size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_clean_point_follows_undo_and_redo) {
    fixture f;
    BOOST_TEST(f.h.is_clean());
    f.h.submit(set_document_title("A"), merge::typing);
    BOOST_TEST(!f.h.is_clean());
    f.h.mark_clean();  // saved
    BOOST_TEST(f.h.is_clean());
    f.h.submit(set_document_title("AB"), merge::typing);  // does not merge into the saved step
    BOOST_TEST(f.h.size() == 2u);
    BOOST_TEST(!f.h.is_clean());
    f.h.undo();
    BOOST_TEST(f.h.is_clean());
    f.h.undo();
    BOOST_TEST(!f.h.is_clean());
    f.h.redo();
    BOOST_TEST(f.h.is_clean());
    // Undo past the save, then branch off: the saved state can never come back.
    f.h.undo();
    f.h.submit(set_document_title("Other"));
    BOOST_TEST(!f.h.is_clean());
    f.h.undo();
    BOOST_TEST(!f.h.is_clean());
}

BOOST_AUTO_TEST_CASE(listeners_hear_exactly_what_changed_once_per_step) {
    fixture f;
    std::vector<change_set> heard;
    const std::size_t token = f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    f.h.submit(set_stage_field("persona-1", "stage-2", stage_field::content_type, "Demo"));
    BOOST_TEST_REQUIRE(heard.size() == 1u);
    BOOST_TEST_REQUIRE(heard[0].size() == 1u);
    BOOST_TEST((heard[0][0] == change::stage_field_edited("persona-1", "stage-2", stage_field::content_type)));

    heard.clear();
    apply_standard_stages(f.h, "p.two_2");
    BOOST_TEST_REQUIRE(heard.size() == 1u);
    BOOST_TEST_REQUIRE(heard[0].size() == 3u);
    BOOST_TEST((heard[0][2] == change::stage_added("p.two_2", "stage-5", 2)));

    heard.clear();
    f.h.submit(remove_stage("persona-1", "stage-1"));
    f.h.undo();
    BOOST_TEST_REQUIRE(heard.size() == 2u);
    BOOST_TEST((heard[0][0] == change::stage_removed("persona-1", "stage-1", 0)));
    BOOST_TEST((heard[1][0] == change::stage_added("persona-1", "stage-1", 0)));

    heard.clear();
    f.h.submit(move_persona("persona-1", 1));
    BOOST_TEST((heard.at(0).at(0) == change::persona_moved("persona-1", 1)));

    f.h.unsubscribe(token);
    heard.clear();
    f.h.undo();
    BOOST_TEST(heard.empty());
}

BOOST_AUTO_TEST_CASE(steps_stamp_the_persona_and_undo_restores_the_stamp) {
    fixture f;
    const std::string original = f.doc.personas[0].last_updated_at;
    f.h.submit(set_stage_field("persona-1", "stage-1", stage_field::duration, "3 weeks"));
    BOOST_TEST(f.doc.personas[0].last_updated_at == "2027-01-01T00:00:00Z");
    BOOST_TEST(f.doc.personas[1].last_updated_at == "");
    f.h.undo();
    BOOST_TEST(f.doc.personas[0].last_updated_at == original);
    f.h.redo();
    BOOST_TEST(f.doc.personas[0].last_updated_at == "2027-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(each_step_restores_its_own_stamps_through_batches_typing_and_new_branches) {
    fixture f;
    const std::string original = f.doc.personas[0].last_updated_at;
    const auto stamps = [&] { return f.doc.personas[0].last_updated_at + " " + f.doc.personas[1].last_updated_at; };
    {
        batch both(f.h, "Paste Cells");
        both.submit(set_persona_field("persona-1", persona_field::role, "CFO"));
        both.submit(set_persona_field("p.two_2", persona_field::role, "CEO"));
        both.push();
    }
    BOOST_TEST(stamps() == "2027-01-01T00:00:00Z 2027-01-01T00:00:00Z");
    f.h.submit(set_persona_field("p.two_2", persona_field::segment, "S"), merge::start_typing);
    f.h.submit(set_persona_field("p.two_2", persona_field::segment, "SMB"), merge::typing);
    BOOST_TEST(stamps() == "2027-01-01T00:00:00Z 2027-01-01T00:00:02Z");
    f.h.undo();
    BOOST_TEST(stamps() == "2027-01-01T00:00:00Z 2027-01-01T00:00:00Z");
    // A new step after an undo drops the undone one, stamps and all.
    f.h.submit(set_persona_field("persona-1", persona_field::segment, "Luxury goods"));
    BOOST_TEST(stamps() == "2027-01-01T00:00:03Z 2027-01-01T00:00:00Z");
    f.h.undo();
    BOOST_TEST(stamps() == "2027-01-01T00:00:00Z 2027-01-01T00:00:00Z");
    f.h.undo();
    BOOST_TEST(stamps() == original + " ");
    f.h.redo();
    BOOST_TEST(stamps() == "2027-01-01T00:00:00Z 2027-01-01T00:00:00Z");
    f.h.redo();
    BOOST_TEST(stamps() == "2027-01-01T00:00:03Z 2027-01-01T00:00:00Z");
    BOOST_TEST(!f.h.can_redo());
}

BOOST_AUTO_TEST_CASE(status_summary_and_order_leave_the_stamp_alone) {
    fixture f;
    const std::string original = f.doc.personas[0].last_updated_at;
    f.h.submit(set_status("persona-1", persona_status::completed));
    f.h.submit(move_persona("persona-1", 1));
    BOOST_TEST(f.doc.personas[1].last_updated_at == original);
    f.h.submit(set_persona_field("persona-1", persona_field::role, "CFO"));
    BOOST_TEST(f.doc.personas[1].last_updated_at != original);
}

BOOST_AUTO_TEST_CASE(a_long_history_keeps_edits_not_document_copies) {
    document doc = test::bench_document(200, 12);
    history h(doc);
    h.set_clock([] { return std::string("2027-01-01T00:00:00Z"); });
    for (int i = 0; i < 10000; ++i) {
        const persona& p = doc.personas[static_cast<std::size_t>(i) % 200];
        h.submit(set_stage_field(p.id, p.stages[static_cast<std::size_t>(i) % 12].id, stage_field::key_message,
                                 "message " + std::to_string(i)));
    }
    BOOST_TEST(h.size() == 10000u);
    // One copy of this document is about 2.4 MB; a step must cost a few hundred bytes.
    BOOST_TEST(h.memory_bytes() / h.size() < 1024u, h.memory_bytes() / h.size() << " bytes per step");
    for (int i = 0; i < 10000; ++i) h.undo();
    BOOST_TEST((doc.personas == test::bench_document(200, 12).personas));
}

BOOST_AUTO_TEST_CASE(replacing_the_document_is_one_notice_to_the_same_listeners) {
    fixture f;
    std::vector<change_set> heard;
    f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    f.h.submit(set_document_title("Edited"));
    document other = test::rich_document();
    other.metadata.title = "From disk";
    BOOST_TEST(f.h.replace_document(other));
    BOOST_TEST((f.doc == other));
    BOOST_TEST(f.h.is_clean());
    BOOST_TEST(!f.h.can_undo());
    BOOST_TEST(!f.h.can_redo());
    BOOST_REQUIRE_EQUAL(heard.size(), 2u);
    BOOST_REQUIRE_EQUAL(heard.back().size(), 1u);
    BOOST_TEST((heard.back().front().what == change::kind::document_replaced));
    // The listeners stay registered: the next edit is heard as before.
    f.h.submit(set_document_title("Again"));
    BOOST_TEST(heard.size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_read_only_document_refuses_every_edit_whatever_it_comes_from) {
    fixture f;
    f.h.submit(set_document_title("Before"));
    f.h.submit(set_document_title("Undone"));
    f.h.undo();
    std::vector<change_set> heard;
    f.h.subscribe([&](const change_set& c) { heard.push_back(c); });
    f.h.set_read_only(true);
    BOOST_TEST(f.h.read_only());
    BOOST_REQUIRE_EQUAL(heard.size(), 1u);
    BOOST_TEST((heard.back() == change_set{change::read_only_changed()}));

    const document before = f.doc;
    for (const auto& [name, make] : every_edit) BOOST_TEST(!f.h.submit(make(f.doc)), name);
    BOOST_TEST(!f.h.submit(set_document_title("Typed"), merge::start_typing));
    BOOST_TEST(!f.h.can_undo());
    BOOST_TEST(!f.h.can_redo());
    BOOST_TEST(!f.h.undo());
    BOOST_TEST(!f.h.redo());
    {
        batch b(f.h, "Paste");
        BOOST_TEST(!b.submit(set_document_title("Pasted")));
        b.push();
    }
    BOOST_TEST(!apply_standard_stages(f.h, "persona-1"));
    BOOST_TEST((f.doc == before));
    BOOST_TEST(heard.size() == 1u);
    // Setting it again is no news.
    f.h.set_read_only(true);
    BOOST_TEST(heard.size() == 1u);

    // Editable again (saved as an editable copy): the steps it kept are there to undo.
    f.h.set_read_only(false);
    BOOST_TEST(heard.size() == 2u);
    BOOST_TEST(f.h.can_undo());
    BOOST_TEST(f.h.can_redo());
    BOOST_TEST(f.h.submit(set_document_title("After")));
}

BOOST_AUTO_TEST_CASE(a_read_only_document_can_still_be_reloaded_from_its_file) {
    fixture f;
    f.h.set_read_only(true);
    document other = test::rich_document();
    other.metadata.title = "From disk";
    BOOST_TEST(f.h.replace_document(other));
    BOOST_TEST(f.doc.metadata.title == "From disk");
    BOOST_TEST(f.h.read_only());
}
