#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bpm/model.h"

namespace bpm {

/// A span of time in days, from shortest to longest estimate.
struct day_range {
    double min_days = 0;
    double max_days = 0;

    bool operator==(const day_range& o) const { return min_days == o.min_days && max_days == o.max_days; }
};

/// Reads a duration typed by a person ("2 weeks", "1-2 weeks", "3–6 months", "1~2 weeks",
/// "1〜2 weeks", "1 to 2 weeks", "45 days", "1 quarter", "a year", "a few weeks", "up to 10 days",
/// "1 month and 2 weeks") into days.
/// Months count 30 days, quarters 91, years 365. Text it does not understand gives nullopt.
std::optional<day_range> parse_duration(std::string_view text);

/// A day range in the largest fitting unit, rounded for people: "2–4 months", "10 days", "up to 2 weeks".
std::string format_day_range(const day_range& range);

/// The length of a whole journey: the sum of the stages whose duration is understood.
struct cycle_length {
    std::optional<day_range> known;  // nullopt when no stage's duration is understood
    std::size_t stages_without_duration = 0;
};

/// Adds up the durations of a persona's stages.
cycle_length total_duration(const persona& p);

}  // namespace bpm
