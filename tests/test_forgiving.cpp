#define BOOST_TEST_MODULE forgiving
#include <boost/test/unit_test.hpp>

#include "bpm/forgiving.h"

using namespace bpm;

namespace {

// The ISO text a timestamp is read as, or "refused".
std::string read_as(std::string_view text) {
    const auto t = forgiving_timestamp(text);
    return t ? t->iso : "refused";
}

timestamp_assumption assumed(std::string_view text) { return forgiving_timestamp(text).value().assumed; }

}  // namespace

BOOST_AUTO_TEST_CASE(timestamps_in_the_models_form_come_back_as_they_are) {
    for (const char* t : {"2026-11-20T09:15:00Z", "2026-11-20T09:15:00.482913Z", "2026-11-20T09:15:00+01:00",
                          "2026-11-20T09:15:00-05:30"}) {
        BOOST_TEST(read_as(t) == t);
        BOOST_TEST((assumed(t) == timestamp_assumption::none));
    }
}

BOOST_AUTO_TEST_CASE(other_spellings_of_the_same_instant_are_rewritten_without_assumptions) {
    BOOST_TEST(read_as("2026-11-20T09:15:00z") == "2026-11-20T09:15:00Z");
    BOOST_TEST(read_as("2026-11-20t09:15:00Z") == "2026-11-20T09:15:00Z");
    BOOST_TEST(read_as("2026-11-20T09:15:00+0100") == "2026-11-20T09:15:00+01:00");
    BOOST_TEST(read_as("2026-11-20T09:15:00-05") == "2026-11-20T09:15:00-05:00");
    BOOST_TEST(read_as("2026-11-20 09:15Z") == "2026-11-20T09:15:00Z");
    BOOST_TEST(read_as("2026-11-20T09:15:00,25Z") == "2026-11-20T09:15:00.25Z");
    BOOST_TEST(read_as("  2026-11-20T09:15:00Z\n") == "2026-11-20T09:15:00Z");
    BOOST_TEST((assumed("2026-11-20T09:15:00+0100") == timestamp_assumption::none));
}

BOOST_AUTO_TEST_CASE(a_missing_zone_is_utc_and_a_date_alone_its_midnight) {
    BOOST_TEST(read_as("2026-11-20T09:15:00.482913") == "2026-11-20T09:15:00.482913Z");
    BOOST_TEST((assumed("2026-11-20T09:15:00.482913") == timestamp_assumption::utc));
    BOOST_TEST(read_as("2026-11-20 09:15:00") == "2026-11-20T09:15:00Z");
    BOOST_TEST(read_as("2026-11-20") == "2026-11-20T00:00:00Z");
    BOOST_TEST((assumed("2026-11-20") == timestamp_assumption::midnight_utc));
}

BOOST_AUTO_TEST_CASE(numbers_since_1970_are_seconds_or_milliseconds_by_their_size) {
    BOOST_TEST(timestamp_from_epoch(1795424100).value().iso == "2026-11-23T08:55:00Z");
    BOOST_TEST((timestamp_from_epoch(1795424100).value().assumed == timestamp_assumption::epoch_seconds));
    BOOST_TEST(timestamp_from_epoch(1795424100.5).value().iso == "2026-11-23T08:55:00.5Z");
    BOOST_TEST(timestamp_from_epoch(1795424100482.0).value().iso == "2026-11-23T08:55:00.482Z");
    BOOST_TEST((timestamp_from_epoch(1795424100482.0).value().assumed == timestamp_assumption::epoch_milliseconds));
    // Digits are read exactly, fraction and all.
    BOOST_TEST(read_as("1795424100") == "2026-11-23T08:55:00Z");
    BOOST_TEST(read_as("1795424100.482913") == "2026-11-23T08:55:00.482913Z");
    BOOST_TEST(read_as("1795424100482") == "2026-11-23T08:55:00.482Z");
    BOOST_TEST(read_as("1795424100000") == "2026-11-23T08:55:00Z");
    BOOST_TEST((assumed("1795424100482") == timestamp_assumption::epoch_milliseconds));
    // Years, placeholders and numbers past the year 5138 in milliseconds could be anything.
    for (double n : {0.0, 2026.0, -1.0, 99999999.0, 1e14, 1e300})
        BOOST_TEST(!timestamp_from_epoch(n).has_value(), n);
    for (const char* t : {"0", "2026", "99999999", "100000000000000", "1795424100.", "17954241OO"})
        BOOST_TEST(read_as(t) == "refused", t);
}

BOOST_AUTO_TEST_CASE(what_is_no_time_is_refused) {
    for (const char* t : {"", "monday", "next Tuesday", "2026-13-01", "2026-11-32", "2026-11-20T25:00:00Z",
                          "2026-11-20T09:61:00Z", "2026-11-20T09:15:00+2500", "2026-11-20T09:15:00 CET",
                          "2026-11-20X09:15", "20.11.2026", "2026-11-20T09", "2026-11-20T09:15:00.Z"})
        BOOST_TEST(read_as(t) == "refused", t);
}

BOOST_AUTO_TEST_CASE(statuses_are_read_from_their_keys_and_common_synonyms) {
    const auto status = [](std::string_view s) { return forgiving_status(s).value(); };
    for (const char* s : {"in_progress", "In Progress", "in-progress", "IN_PROGRESS", " in  progress "}) {
        BOOST_TEST((status(s).status == persona_status::in_progress), s);
        BOOST_TEST(!status(s).guessed, s);
    }
    for (const char* s : {"completed", "Completed", "COMPLETED"}) {
        BOOST_TEST((status(s).status == persona_status::completed), s);
        BOOST_TEST(!status(s).guessed, s);
    }
    for (const char* s : {"draft", "Draft", "wip", "started", "open", "pending", "todo", "to-do", "not started", "new"}) {
        BOOST_TEST((status(s).status == persona_status::in_progress), s);
        BOOST_TEST(status(s).guessed, s);
    }
    for (const char* s : {"done", "Done", "complete", "finished", "final", "closed"}) {
        BOOST_TEST((status(s).status == persona_status::completed), s);
        BOOST_TEST(status(s).guessed, s);
    }
    for (const char* s : {"", "maybe", "in_progress!", "donee", "half done"}) BOOST_TEST(!forgiving_status(s).has_value(), s);
}
