#define BOOST_TEST_MODULE diagnostic
#include <boost/test/unit_test.hpp>

#include "bpm/diagnostic.h"

using namespace bpm;

BOOST_AUTO_TEST_CASE(a_success_holds_its_value_and_no_problem) {
    const result<int> r = result<int>::success(42);
    BOOST_TEST(bool(r));
    BOOST_TEST(*r.value == 42);
    BOOST_TEST(r.problems.empty());
    BOOST_TEST(!r.was_cancelled());
    BOOST_TEST(r.error().empty());
}

BOOST_AUTO_TEST_CASE(a_failure_keeps_its_problems_where_they_are_and_error_tells_the_first) {
    const auto r = result<int>::failure({{"no <name> element", 4, 3}, {"status \"done\" is not one of them", 6, 4}});
    BOOST_TEST(!r);
    BOOST_TEST(!r.value.has_value());
    BOOST_TEST(r.problems.size() == 2u);
    BOOST_TEST(!r.was_cancelled());
    BOOST_TEST(r.error() == "4:3: no <name> element");
    BOOST_TEST(result<int>::failure("the AI service sent an empty answer").error() ==
               "the AI service sent an empty answer");
}

BOOST_AUTO_TEST_CASE(a_cancelled_result_is_no_success_and_no_problem_to_show) {
    const auto r = result<std::string>::cancelled();
    BOOST_TEST(!r);
    BOOST_TEST(r.was_cancelled());
    BOOST_TEST(r.problems.empty());
    BOOST_TEST(r.error().empty());
}

BOOST_AUTO_TEST_CASE(an_operation_without_a_value_succeeds_or_fails_alike) {
    BOOST_TEST(bool(result<>::success()));
    const result<> failed = result<>::failure("cannot write map.bpm: Permission denied");
    BOOST_TEST(!failed);
    BOOST_TEST(failed.error() == "cannot write map.bpm: Permission denied");
}

BOOST_AUTO_TEST_CASE(a_failure_or_a_cancellation_is_carried_to_a_result_of_another_type) {
    const auto read = result<std::string>::failure(diagnostic{"not valid JSON", 2, 7});
    const auto carried = result<int>::failure_of(read);
    BOOST_TEST(!carried);
    BOOST_TEST(carried.error() == "2:7: not valid JSON");
    BOOST_TEST(carried.problems.front().line == 2u);
    BOOST_TEST(!carried.was_cancelled());

    const auto stopped = result<>::failure_of(result<std::string>::cancelled());
    BOOST_TEST(!stopped);
    BOOST_TEST(stopped.was_cancelled());
    BOOST_TEST(stopped.problems.empty());
}
