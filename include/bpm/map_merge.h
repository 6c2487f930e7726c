#pragma once

#include <vector>

#include "bpm/model.h"

namespace bpm {

/// What a three-way merge came to.
struct merge_result {
    /// The merged map: every change either version made where the other left things as they were,
    /// ours' value wherever both changed something differently, and merged.conflicts holding the
    /// conflicts found here after those the versions carried.
    document merged;
    /// The conflicts this merge found (also in merged.conflicts), in the merged map's order: the
    /// map's fields, then each persona's.
    std::vector<merge_conflict> conflicts;

    /// True when the versions' changes all fitted together.
    bool clean() const { return conflicts.empty(); }
};

/// Merges the changes ours and theirs made to base, field by field, matching personas and stages
/// by id and pain points by text wherever they moved:
/// - a field one version changed takes that value; both changed it alike, that value; both
///   differently, ours' value and a conflict with the three values. The map's created_at takes the
///   earlier of the two and modified_at and each persona's last_updated_at the later, without
///   conflicts: saving sets them. A persona's summary (text, source and time) is one field, but
///   two rewritten template summaries are no conflict (shown summaries are rebuilt from the
///   persona): the later one is kept;
/// - personas, stages and pain points (a set by text) are kept in one order that keeps base's
///   where neither version moved things, ours' moves and insertions, and theirs' moves and
///   insertions placed after the item theirs has before them; at the same place, ours' first;
/// - one removed by one version and changed by the other (more than by removing some of what it
///   holds) is kept as the other left it, with a conflict naming who removed it; removed by one
///   and untouched by the other, it goes;
/// - a persona or stage both versions added under one id (both gave it the next free id, or both
///   added the file, as git's add/add) is one when both named it alike, merged as above against
///   an empty one; else both are kept, theirs under a new id. Stage ids stay unique in the map;
/// - comments are matched by id: each version's additions land, and replies within each comment
///   likewise, in the order they were written; resolving or reopening one version did lands; a
///   comment (or reply) one version removed goes when the other left it as it was, and stays as
///   the other left it when that one changed it (replied, resolved). Text both changed differently
///   (only hand edits do) keeps ours with a conflict naming the comment; other members both
///   changed keep ours. Theirs' comments follow a persona or stage given a new id here;
/// - conflicts the versions already carried stay unless one version resolved them since base.
/// Time O(n log n) in the maps' sizes; never fails.
merge_result merge_maps(const document& base, const document& ours, const document& theirs);

}  // namespace bpm
