#define BOOST_TEST_MODULE completeness
#include <boost/test/unit_test.hpp>

#include "bpm/bpm_file.h"
#include "bpm/completeness.h"
#include "test_support.h"

using namespace bpm;

namespace {

persona with_stages(std::size_t n) {
    persona p;
    p.id = "persona-1";
    for (std::size_t i = 0; i < n; ++i) {
        stage s;
        s.id = "stage-" + std::to_string(i + 1);
        p.stages.push_back(s);
    }
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_persona_without_stages_is_not_started) {
    const persona p = with_stages(0);
    BOOST_TEST((filled_stage_fields(p) == field_count{0, 0}));
    BOOST_TEST(completeness(p) == 0.0);
    BOOST_TEST(completeness_percent(p) == 0);
}

BOOST_AUTO_TEST_CASE(every_stage_counts_its_seven_fields) {
    persona p = with_stages(3);
    p.stages[0].name = "Awareness";
    p.stages[1].duration = "2 weeks";
    p.stages[2].key_message = "See it on your own catalogue";
    BOOST_TEST((filled_stage_fields(p) == field_count{3, 21}));
    BOOST_TEST(completeness(p) == 3.0 / 21.0);
    BOOST_TEST(completeness_percent(p) == 14);
}

BOOST_AUTO_TEST_CASE(white_space_is_not_content) {
    persona p = with_stages(1);
    p.stages[0].buyer_actions = " \t\n ";
    p.stages[0].seller_actions = "  Call  ";
    BOOST_TEST((filled_stage_fields(p) == field_count{1, 7}));
}

BOOST_AUTO_TEST_CASE(percent_reaches_100_only_when_every_field_is_filled) {
    persona p = with_stages(3);
    for (stage& s : p.stages)
        for (stage_field f : all_stage_fields) s.field(f) = "x";
    BOOST_TEST(completeness(p) == 1.0);
    BOOST_TEST(completeness_percent(p) == 100);
    p.stages[2].key_message.clear();
    BOOST_TEST(completeness_percent(p) == 95);
}

BOOST_AUTO_TEST_CASE(the_sample_personas_are_fully_mapped) {
    const result<document> r = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    for (const persona& p : r.value->personas) BOOST_TEST(completeness_percent(p) == 100, p.name);
}

BOOST_AUTO_TEST_CASE(status_and_completeness_disagree_in_both_directions) {
    persona p = with_stages(2);
    for (stage& s : p.stages)
        for (stage_field f : all_stage_fields) s.field(f) = "x";
    p.status = persona_status::completed;
    BOOST_TEST((status_fit_of(p) == status_fit::agrees));
    BOOST_TEST((settled_status(p) == persona_status::completed));

    // A stage added to a completed persona leaves it with empty fields.
    p.stages.push_back(stage{});
    BOOST_TEST((status_fit_of(p) == status_fit::completed_with_gaps));
    BOOST_TEST((settled_status(p) == persona_status::in_progress));
    p.status = persona_status::in_progress;
    BOOST_TEST((status_fit_of(p) == status_fit::agrees));

    p.stages.pop_back();
    BOOST_TEST((status_fit_of(p) == status_fit::in_progress_but_full));
    BOOST_TEST((settled_status(p) == persona_status::completed));

    // No stage at all is nothing to call complete.
    persona none = with_stages(0);
    BOOST_TEST((status_fit_of(none) == status_fit::agrees));
    none.status = persona_status::completed;
    BOOST_TEST((status_fit_of(none) == status_fit::completed_with_gaps));
}

BOOST_AUTO_TEST_CASE(the_sample_has_two_in_progress_personas_with_every_field_filled) {
    const result<document> r = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    std::vector<std::string> disagreeing;
    for (const persona& p : r.value->personas)
        if (status_fit_of(p) != status_fit::agrees) disagreeing.push_back(p.name);
    BOOST_TEST(disagreeing.size() == 2u);
}
