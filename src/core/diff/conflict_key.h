#pragma once

// Conflicts as texts, for pairing and comparing them through hash tables and match_sequences.

#include <string>

#include "bpm/merge_conflict.h"

namespace bpm {

/// The whole conflict as one text: equal exactly when the conflicts are.
inline std::string conflict_key(const merge_conflict& c) {
    std::string k;
    for (const std::string* part : {&c.persona_id, &c.stage_id, &c.field, &c.comment_id, &c.base, &c.ours, &c.theirs}) {
        k += std::to_string(part->size());
        k += ':';
        k += *part;
    }
    k += conflict_side_key(c.removed_by);
    if (c.pain_point) {
        k += '|';
        k += *c.pain_point;
    }
    return k;
}

/// What a conflict is about, as one text: equal exactly when the conflicts' same_place is true.
inline std::string conflict_place_key(const merge_conflict& c) {
    merge_conflict place = c;
    place.base.clear();
    place.ours.clear();
    place.theirs.clear();
    return conflict_key(place);
}

}  // namespace bpm
