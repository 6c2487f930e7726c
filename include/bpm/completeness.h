#pragma once

#include <cstddef>

#include "bpm/model.h"

namespace bpm {

/// How many of a persona's stage fields hold text, out of how many there are.
struct field_count {
    std::size_t filled = 0;
    std::size_t total = 0;

    bool operator==(const field_count& o) const { return filled == o.filled && total == o.total; }
};

/// Counts the stage fields of a persona that hold more than white space (seven per stage).
field_count filled_stage_fields(const persona& p);

/// Share of a persona's stage fields that are filled, from 0 to 1; 0 for a persona without stages.
double completeness(const persona& p);

/// completeness() as a whole percentage, rounded down so that 100 means every field is filled.
int completeness_percent(const persona& p);

}  // namespace bpm
