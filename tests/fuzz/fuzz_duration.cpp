// Durations typed by people: any text is understood or not; what is understood is a range of
// days from shortest to longest, and the text it is written back as is understood again.
#include <cmath>

#include "bpm/duration.h"
#include "bpm/utf8.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto range = bpm::parse_duration(bpm::fuzz::text(data, size));
    if (!range) return 0;
    require(std::isfinite(range->min_days) && std::isfinite(range->max_days), "a duration is finite");
    require(0 <= range->min_days && range->min_days <= range->max_days, "a duration runs from shortest to longest");
    const std::string written = bpm::format_day_range(*range);
    require(!written.empty() && bpm::is_valid_utf8(written), "a duration is written as text");
    require(bpm::parse_duration(written).has_value(), "a duration as written is understood");
    return 0;
}
