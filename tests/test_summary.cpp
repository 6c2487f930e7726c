#define BOOST_TEST_MODULE summary
#include <boost/test/unit_test.hpp>

#include "bpm/edit.h"
#include "bpm/history.h"
#include "bpm/summary.h"
#include "test_support.h"

using namespace bpm;

namespace {

// The first persona of the rich document with an AI summary and a last change at the given times.
persona with_ai_summary(const std::string& written_at, const std::string& changed_at) {
    persona p = test::rich_document().personas.at(0);
    p.summary = persona_summary{"The Marketing Director buys in one to two weeks.", summary_source::ai, written_at};
    p.last_updated_at = changed_at;
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_ai_summary_written_before_the_last_change_is_marked_with_its_date) {
    const persona p = with_ai_summary("2026-11-12T09:00:00Z", "2026-11-12T14:20:00Z");
    BOOST_TEST((freshness_of_summary(p) == summary_freshness::stale));
    BOOST_TEST(stale_summary_note(p) == "Written before the last changes on 2026-11-12 14:20 UTC");
    // Shown as the AI wrote it: only the note tells that it is old.
    BOOST_TEST(summary_text(p) == p.summary->text);
}

BOOST_AUTO_TEST_CASE(an_ai_summary_written_at_or_after_the_last_change_is_current) {
    for (const char* written : {"2026-11-12T14:20:00Z", "2026-11-12T14:20:00.900Z", "2026-11-13T08:00:00Z"}) {
        const persona p = with_ai_summary(written, "2026-11-12T14:20:00Z");
        BOOST_TEST((freshness_of_summary(p) == summary_freshness::current), written);
        BOOST_TEST(stale_summary_note(p).empty(), written);
    }
}

BOOST_AUTO_TEST_CASE(times_in_other_zones_are_compared_as_instants_not_as_text) {
    // 17:30 at +02:00 is 15:30 UTC, before the summary of 17:00 UTC.
    BOOST_TEST((freshness_of_summary(with_ai_summary("2026-11-02T17:00:00Z", "2026-11-02T17:30:05.250+02:00")) ==
                summary_freshness::current));
    // 17:00 at +02:00 is 15:00 UTC, before the change at 16:00 UTC.
    const persona p = with_ai_summary("2026-11-02T17:00:00+02:00", "2026-11-02T16:00:00Z");
    BOOST_TEST((freshness_of_summary(p) == summary_freshness::stale));
    BOOST_TEST(stale_summary_note(p) == "Written before the last changes on 2026-11-02 16:00 UTC");
}

BOOST_AUTO_TEST_CASE(an_ai_summary_without_a_date_may_predate_a_dated_change) {
    // Files from the spec's web app carry ai_generated_summary without a date.
    for (const char* written : {"", "last week"}) {
        const persona p = with_ai_summary(written, "2026-11-12T14:20:00Z");
        BOOST_TEST((freshness_of_summary(p) == summary_freshness::unknown), written);
        BOOST_TEST(stale_summary_note(p) == "May have been written before the last changes on 2026-11-12 14:20 UTC");
    }
}

BOOST_AUTO_TEST_CASE(without_a_date_of_change_there_is_nothing_to_warn_of) {
    for (const char* changed : {"", "recently"}) {
        const persona p = with_ai_summary("2026-11-12T09:00:00Z", changed);
        BOOST_TEST((freshness_of_summary(p) == summary_freshness::current), changed);
        BOOST_TEST(stale_summary_note(p).empty());
    }
    BOOST_TEST(stale_summary_note(with_ai_summary("", "")).empty());
}

BOOST_AUTO_TEST_CASE(a_template_summary_is_rebuilt_from_the_persona_as_it_is_now) {
    persona p = test::rich_document().personas.at(0);
    p.summary = persona_summary{template_summary(p), summary_source::template_text, "2026-11-01T09:00:00Z"};
    p.stages[0].duration = "9 weeks";
    p.stages.push_back(p.stages[1]);
    p.stages.back().name = "Renewal";
    p.last_updated_at = "2026-11-12T14:20:00Z";
    const std::string shown = summary_text(p);
    BOOST_TEST(shown == template_summary(p));
    BOOST_TEST(shown.find("Duration: 9 weeks") != std::string::npos);
    BOOST_TEST(shown.find("Renewal: ") != std::string::npos);
    BOOST_TEST(shown.find("1-2 weeks") == std::string::npos);
    // Rebuilt, it is never out of date.
    BOOST_TEST((freshness_of_summary(p) == summary_freshness::current));
    BOOST_TEST(stale_summary_note(p).empty());
}

BOOST_AUTO_TEST_CASE(an_ai_summary_without_text_is_replaced_by_the_template) {
    persona p = with_ai_summary("", "2026-11-12T14:20:00Z");
    p.summary->text = " \n ";
    BOOST_TEST(!has_ai_summary(p));
    BOOST_TEST(summary_text(p) == template_summary(p));
    BOOST_TEST(stale_summary_note(p).empty());
    p.summary.reset();
    BOOST_TEST(summary_text(p) == template_summary(p));
}

BOOST_AUTO_TEST_CASE(editing_a_stage_after_the_ai_summary_marks_it_and_undo_takes_the_mark_back) {
    document doc = test::rich_document();
    history h(doc);
    std::string now = "2026-11-20T10:00:00Z";
    h.set_clock([&] { return now; });
    const std::string id = doc.personas[0].id;
    BOOST_TEST(h.submit(set_summary(id, persona_summary{"Buys in two weeks.", summary_source::ai, h.now()})));
    BOOST_TEST(stale_summary_note(doc.personas[0]).empty());

    now = "2026-11-20T10:05:00Z";
    BOOST_TEST(h.submit(set_stage_field(id, doc.personas[0].stages[0].id, stage_field::duration, "6 weeks")));
    BOOST_TEST(stale_summary_note(doc.personas[0]) == "Written before the last changes on 2026-11-20 10:05 UTC");

    BOOST_TEST(h.undo());
    BOOST_TEST(stale_summary_note(doc.personas[0]).empty());

    // Marking the persona finished (as the interview's closing "done" does) or moving it says
    // nothing new about its journey.
    now = "2026-11-20T10:09:00Z";
    const persona_status other = doc.personas[0].status == persona_status::completed ? persona_status::in_progress
                                                                                      : persona_status::completed;
    BOOST_TEST(h.submit(set_status(id, other)));
    BOOST_TEST(h.submit(move_persona(id, 1)));
    BOOST_TEST(stale_summary_note(doc.personas[1]).empty());
}
