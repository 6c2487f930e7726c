#define BOOST_TEST_MODULE model
#include <boost/test/unit_test.hpp>

#include <utility>

#include "bpm/model.h"
#include "test_support.h"

using namespace bpm;

BOOST_AUTO_TEST_CASE(stage_fields_are_addressable_in_column_order) {
    stage s;
    int n = 0;
    for (stage_field f : all_stage_fields) s.field(f) = "value " + std::to_string(n++);
    BOOST_TEST(s.name == "value 0");
    BOOST_TEST(s.buyer_actions == "value 1");
    BOOST_TEST(s.duration == "value 2");
    BOOST_TEST(s.key_influencers == "value 3");
    BOOST_TEST(s.seller_actions == "value 4");
    BOOST_TEST(s.content_type == "value 5");
    BOOST_TEST(s.key_message == "value 6");
}

BOOST_AUTO_TEST_CASE(stage_field_keys_are_the_spec_names_and_round_trip) {
    BOOST_TEST(stage_field_key(stage_field::name) == "stage_name");
    BOOST_TEST(stage_field_key(stage_field::key_influencers) == "key_influencers");
    for (stage_field f : all_stage_fields) BOOST_TEST((stage_field_from_key(stage_field_key(f)) == f));
    BOOST_TEST(!stage_field_from_key("stage name"));
    BOOST_TEST(stage_field_title(stage_field::buyer_actions) == "Buyer Actions");
}

BOOST_AUTO_TEST_CASE(enumerations_round_trip_through_their_keys) {
    for (auto c : {pain_category::none, pain_category::financial, pain_category::productivity, pain_category::process,
                   pain_category::support, pain_category::other})
        BOOST_TEST((pain_category_from_key(pain_category_key(c)) == c));
    BOOST_TEST(!pain_category_from_key("Financial"));
    BOOST_TEST((persona_status_from_key("completed") == persona_status::completed));
    BOOST_TEST(!persona_status_from_key("done"));
    BOOST_TEST((summary_source_from_key("ai") == summary_source::ai));
    BOOST_TEST(!summary_source_from_key(""));
}

BOOST_AUTO_TEST_CASE(new_ids_never_collide_with_existing_ones) {
    document d;
    BOOST_TEST(d.new_persona_id() == "persona-1");
    BOOST_TEST(d.new_stage_id() == "stage-1");
    persona a;
    a.id = "persona-7";
    stage s;
    s.id = "stage-12";
    a.stages.push_back(s);
    persona b;
    b.id = "custom";
    stage t;
    t.id = "stage-3";
    b.stages.push_back(t);
    d.personas = {a, b};
    BOOST_TEST(d.new_persona_id() == "persona-8");
    BOOST_TEST(d.new_stage_id() == "stage-13");
}

BOOST_AUTO_TEST_CASE(personas_and_stages_are_found_by_id_and_name) {
    const document d = test::rich_document();
    BOOST_TEST(d.find_persona("p.two_2") == 1u);
    BOOST_TEST(d.find_persona("nope") == npos);
    BOOST_TEST(d.find_persona_by_name("Marketing Director") == 0u);
    BOOST_TEST(d.personas[0].find_stage("stage-2") == 1u);
    BOOST_TEST(d.personas[0].find_stage("stage-9") == npos);
}

BOOST_AUTO_TEST_CASE(look_ups_by_id_give_the_element_itself_or_nothing) {
    document d = test::rich_document();
    BOOST_TEST(d.persona_by_id("p.two_2") == &d.personas[1]);
    BOOST_TEST(std::as_const(d).persona_by_id("p.two_2") == &d.personas[1]);
    BOOST_TEST(d.persona_by_id("nope") == nullptr);
    persona& p = d.personas[0];
    BOOST_TEST(p.stage_by_id("stage-2") == &p.stages[1]);
    BOOST_TEST(std::as_const(p).stage_by_id("stage-2") == &p.stages[1]);
    BOOST_TEST(p.stage_by_id("stage-9") == nullptr);
    d.persona_by_id("p.two_2")->name = "Renamed";
    BOOST_TEST(d.personas[1].name == "Renamed");
}

BOOST_AUTO_TEST_CASE(pain_points_join_with_semicolons_as_in_the_spec) {
    persona p;
    p.pain_points = {{"Budget constraints", pain_category::financial}, {"Lacks IT support", pain_category::support}};
    BOOST_TEST(p.pain_points_text() == "Budget constraints; Lacks IT support");
}

BOOST_AUTO_TEST_CASE(splitting_pain_points_trims_drops_empties_and_duplicates) {
    const auto points = split_pain_points("  Budget constraints ;Lacks IT support;; Budget constraints;  ");
    BOOST_TEST_REQUIRE(points.size() == 2u);
    BOOST_TEST(points[0].text == "Budget constraints");
    BOOST_TEST(points[1].text == "Lacks IT support");
    BOOST_TEST((points[1].category == pain_category::none));
    BOOST_TEST(split_pain_points("").empty());
    BOOST_TEST(split_pain_points(" ; ; ").empty());
}

BOOST_AUTO_TEST_CASE(equality_sees_every_field) {
    const document base = test::rich_document();
    document d = base;
    BOOST_TEST((d == base));
    d.personas[0].stages[1].key_message = "x";
    BOOST_TEST((d != base));
    d = base;
    d.personas[0].pain_points[0].category = pain_category::other;
    BOOST_TEST((d != base));
    d = base;
    d.personas[0].summary->source = summary_source::template_text;
    BOOST_TEST((d != base));
    d = base;
    d.personas[1].profile.segment = "SMB";
    BOOST_TEST((d != base));
    d = base;
    d.metadata.modified_at.clear();
    BOOST_TEST((d != base));
}

BOOST_AUTO_TEST_CASE(timestamps_must_be_iso_8601) {
    BOOST_TEST(is_iso8601("2026-11-21T09:06:52Z"));
    BOOST_TEST(is_iso8601("2026-11-21T09:06:52.123Z"));
    BOOST_TEST(is_iso8601("2026-11-21T09:06:52+02:00"));
    BOOST_TEST(!is_iso8601("2026-11-21"));
    BOOST_TEST(!is_iso8601("2026-13-21T09:06:52Z"));
    BOOST_TEST(!is_iso8601("2026-11-21T25:06:52Z"));
    BOOST_TEST(!is_iso8601("2026-11-21 09:06:52Z"));
    BOOST_TEST(!is_iso8601("2026-11-21T09:06:52"));
    BOOST_TEST(!is_iso8601("yesterday"));
    BOOST_TEST(!is_iso8601("2026-11-21T09:06:52.Z"));
    BOOST_TEST(!is_iso8601("2026-11-21T09:06:52+0200"));
    BOOST_TEST(!is_iso8601("2026-11-21T09:06:52Z "));
    const std::string now = now_iso8601();
    BOOST_TEST(is_iso8601(now));
    BOOST_TEST(now.size() == 20u);
}

BOOST_AUTO_TEST_CASE(a_timestamp_parses_into_its_parts_without_checking_the_calendar) {
    const auto t = parse_iso8601("2026-02-31T23:59:60.5-05:30");
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST(t->year == 2026);
    BOOST_TEST(t->month == 2);
    BOOST_TEST(t->day == 31);
    BOOST_TEST(t->hour == 23);
    BOOST_TEST(t->minute == 59);
    BOOST_TEST(t->second == 60);
    BOOST_TEST(t->zone == '-');
    BOOST_TEST(t->offset_hours == 5);
    BOOST_TEST(t->offset_minutes == 30);
    BOOST_TEST(parse_iso8601("2026-11-21T09:06:52Z")->zone == 'Z');
    BOOST_TEST(!parse_iso8601("2026-11-21T09:06:52").has_value());
}

BOOST_AUTO_TEST_CASE(timestamps_in_different_zones_compare_as_instants) {
    const auto seconds = [](std::string_view text) { return epoch_from_iso8601(text).value_or(-1); };
    BOOST_TEST(seconds("1970-01-01T00:00:00Z") == 0);
    BOOST_TEST(seconds("2000-03-01T00:00:00Z") == 951868800);
    for (long long s : {0LL, 951782400LL, 1795000000LL, 4102444799LL}) BOOST_TEST(seconds(iso8601_from_epoch(s)) == s);
    // 17:30 two hours east of Greenwich is 15:30 UTC: earlier than 17:00 UTC, though it sorts later as text.
    BOOST_TEST(seconds("2026-11-02T17:30:05.250+02:00") < seconds("2026-11-02T17:00:00Z"));
    BOOST_TEST(seconds("2026-11-02T10:00:00-05:30") == seconds("2026-11-02T15:30:00Z"));
    BOOST_TEST(!epoch_from_iso8601("").has_value());
    BOOST_TEST(!epoch_from_iso8601("yesterday").has_value());
}

BOOST_AUTO_TEST_CASE(ids_are_short_plain_ascii) {
    BOOST_TEST(is_valid_id("persona-1"));
    BOOST_TEST(is_valid_id("A.b_c-9"));
    BOOST_TEST(!is_valid_id(""));
    BOOST_TEST(!is_valid_id("has space"));
    BOOST_TEST(!is_valid_id("é"));
    BOOST_TEST(!is_valid_id(std::string(129, 'a')));
    BOOST_TEST(is_valid_id(std::string(128, 'a')));
}

BOOST_AUTO_TEST_CASE(standard_stages_are_awareness_consideration_decision) {
    const auto names = standard_stage_names();
    BOOST_TEST_REQUIRE(names.size() == 3u);
    BOOST_TEST(names[0] == "Awareness");
    BOOST_TEST(names[1] == "Consideration");
    BOOST_TEST(names[2] == "Decision");
}

BOOST_AUTO_TEST_CASE(timestamps_read_as_date_and_time_with_their_zone) {
    BOOST_TEST(readable_timestamp("2026-11-12T14:20:59Z") == "2026-11-12 14:20 UTC");
    BOOST_TEST(readable_timestamp("2026-11-12T14:20:00.250+02:00") == "2026-11-12 14:20 +02:00");
    BOOST_TEST(readable_timestamp("2026-11-12T14:20:00-05:00") == "2026-11-12 14:20 -05:00");
    BOOST_TEST(readable_timestamp("last Tuesday") == "last Tuesday");
    BOOST_TEST(readable_timestamp("") == "");
}

BOOST_AUTO_TEST_CASE(extensions_count_in_equality_in_their_order) {
    stage a, b;
    a.extensions = {{"emotion_score", "2"}, {"touchpoints", "[]"}};
    b.extensions = {{"touchpoints", "[]"}, {"emotion_score", "2"}};
    BOOST_TEST((a != b));
    b.extensions = a.extensions;
    BOOST_TEST((a == b));
    b.extensions[0].json = "3";
    BOOST_TEST((a != b));

    persona p, q;
    q.extensions = {{"persona_goals", "[]"}};
    BOOST_TEST((p != q));
    document d, e;
    e.extensions = {{"source", "null"}};
    BOOST_TEST((d != e));
}
