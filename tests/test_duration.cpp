#define BOOST_TEST_MODULE duration
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "bpm/duration.h"
#include "bpm/i18n.h"

using namespace bpm;
namespace bdata = boost::unit_test::data;

namespace {

struct parse_case {
    const char* text;
    double min_days;
    double max_days;
};

std::ostream& operator<<(std::ostream& os, const parse_case& c) { return os << '"' << c.text << '"'; }

const parse_case understood[] = {
    {"2 weeks", 14, 14},
    {"1-2 weeks", 7, 14},
    {"1 - 2 weeks", 7, 14},
    {"3–6 months", 90, 180},
    {"3—6 months", 90, 180},
    {"45 days", 45, 45},
    {"1 quarter", 91, 91},
    {"a year", 365, 365},
    {"an hour", 1.0 / 24, 1.0 / 24},
    {"1 to 2 weeks", 7, 14},
    {"1~2 weeks", 7, 14},
    {"3~6 months", 90, 180},
    {"1〜2 weeks", 7, 14},
    {"1～2 weeks", 7, 14},
    {"2 − 3 weeks", 14, 21},
    {"~2 weeks", 14, 14},
    {"~1~2 weeks", 7, 14},
    {"2 weeks to 1 month", 14, 30},
    {"between 2 and 3 months", 60, 90},
    {"1.5 months", 45, 45},
    {"six weeks", 42, 42},
    {"a few weeks", 14, 28},
    {"a couple of months", 60, 60},
    {"several days", 3, 5},
    {"half a year", 182.5, 182.5},
    {"up to 10 days", 0, 10},
    {"less than a week", 0, 7},
    {"6+ months", 180, 180},
    {"more than 3 months", 90, 90},
    {"about 3 weeks", 21, 21},
    {"~2 weeks", 14, 14},
    {"approx. 2 wks", 14, 14},
    {"1 month and 2 weeks", 44, 44},
    {"10 business days", 14, 14},
    {"2 Weeks", 14, 14},
    {"2w", 14, 14},
    {"3 mos", 90, 90},
    {"2 weeks (depends on budget cycle)", 14, 14},
    {"  1 fortnight ", 14, 14},
};

const char* const not_understood[] = {
    "", "   ", "ongoing", "varies", "weeks", "2", "2 apples", "1-2", "two to three", "6 - 3 months",
    "0 days", "ASAP", "until budget approval", "1 week after the demo", "2 недели", "99999999999 years",
};

}  // namespace

BOOST_DATA_TEST_CASE(common_forms_are_understood, bdata::make(understood), c) {
    const auto r = parse_duration(c.text);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->min_days == c.min_days, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(r->max_days == c.max_days, boost::test_tools::tolerance(1e-9));
}

BOOST_DATA_TEST_CASE(other_text_has_no_range, bdata::make(not_understood), text) {
    BOOST_TEST(!parse_duration(text).has_value());
}

BOOST_AUTO_TEST_CASE(ranges_read_in_the_largest_fitting_unit) {
    BOOST_TEST(format_day_range({60, 120}) == "2–4 months");
    BOOST_TEST(format_day_range({14, 14}) == "2 weeks");
    BOOST_TEST(format_day_range({7, 7}) == "1 week");
    BOOST_TEST(format_day_range({3, 5}) == "3–5 days");
    BOOST_TEST(format_day_range({1, 1}) == "1 day");
    BOOST_TEST(format_day_range({30, 30}) == "1 month");
    BOOST_TEST(format_day_range({31, 31}) == "4.5 weeks");
    BOOST_TEST(format_day_range({91, 91}) == "3 months");
    BOOST_TEST(format_day_range({365, 365}) == "1 year");
    BOOST_TEST(format_day_range({730, 1095}) == "2–3 years");
    BOOST_TEST(format_day_range({0, 14}) == "up to 2 weeks");
    BOOST_TEST(format_day_range({45, 45}) == "6.5 weeks");
    BOOST_TEST(format_day_range({90, 180}) == "3–6 months");
}

BOOST_AUTO_TEST_CASE(whole_cycle_adds_the_known_stages_and_counts_the_rest) {
    persona p;
    for (const char* d : {"1-2 weeks", "3–6 weeks", "ongoing", "2 weeks"}) {
        stage s;
        s.duration = d;
        p.stages.push_back(s);
    }
    const cycle_length c = total_duration(p);
    BOOST_TEST_REQUIRE(c.known.has_value());
    BOOST_TEST(c.known->min_days == 7 + 21 + 14);
    BOOST_TEST(c.known->max_days == 14 + 42 + 14);
    BOOST_TEST(c.stages_without_duration == 1u);
    BOOST_TEST(format_day_range(*c.known) == "6–10 weeks");

    persona none;
    none.stages.resize(2);
    const cycle_length n = total_duration(none);
    BOOST_TEST(!n.known.has_value());
    BOOST_TEST(n.stages_without_duration == 2u);
}

BOOST_AUTO_TEST_CASE(unit_names_go_through_the_translator) {
    set_translator([](const char* id) { return std::string(id); },
                   [](const char* singular, const char* plural, unsigned long n) {
                       return std::string(n == 1 ? singular : plural) == "{1} weeks" ? std::string("{1} semaines")
                                                                                      : std::string(n == 1 ? singular : plural);
                   });
    BOOST_TEST(format_day_range({14, 28}) == "2–4 semaines");
    set_translator({});
    BOOST_TEST(format_day_range({14, 28}) == "2–4 weeks");
}
