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

/// How a persona's status stands against its stage fields: the status the user set and the
/// fields they filled can tell different stories, and the editor says so where it shows either.
enum class status_fit {
    agrees,                ///< completed with every field filled, or in progress with some empty
    completed_with_gaps,   ///< marked completed, but a stage field is empty or there is no stage
    in_progress_but_full,  ///< in progress, yet every field of its (one or more) stages is filled
};

/// Whether p's status agrees with its completeness (see status_fit).
status_fit status_fit_of(const persona& p);

/// The status that settles a disagreement: in progress for gaps, completed for a full persona;
/// p's own status when the two agree.
persona_status settled_status(const persona& p);

}  // namespace bpm
