#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bpm {

/// Which version of a three-way merge removed the persona, stage or pain point a conflict is about.
enum class conflict_side { none, ours, theirs };

/// A disagreement a three-way merge recorded rather than settled, kept in the map until someone
/// resolves it. Either a field both versions changed to different values (field set; the map
/// holds ours, the conflict holds all three values), or a persona, stage or pain point one
/// version removed while the other changed it (removed_by set, field ""; the map holds it as the
/// version that changed it left it). Values are texts as stored; a status or category by its key
/// ("completed", "financial"; "" for no category), a summary by its text.
struct merge_conflict {
    std::string persona_id;                ///< "" for a field of the map itself
    std::string stage_id;                  ///< the stage it is about, or ""
    std::optional<std::string> pain_point;  ///< the text of the pain point it is about, if one
    /// The field's key: "title", "created_by" of the map; "name", "status", "created_by", "role",
    /// "organisation", "segment", "success_metric", "summary" of a persona; stage_field_key or
    /// "journey_tasks" of a stage; "extensions" of any of these three (as extensions_text);
    /// "category" of a pain point; "text" of a comment. "" for a removal.
    std::string field;
    /// The comment whose text both versions changed differently (field "text"; persona_id and
    /// stage_id are the comment's), or "".
    std::string comment_id;
    conflict_side removed_by = conflict_side::none;  ///< for a removal: the version that removed it
    std::string base, ours, theirs;  ///< the field's value in each version; "" for a removal

    /// True when both are about the same thing: the same field, or the same removed item.
    bool same_place(const merge_conflict& o) const {
        return persona_id == o.persona_id && stage_id == o.stage_id && pain_point == o.pain_point &&
               field == o.field && comment_id == o.comment_id && removed_by == o.removed_by;
    }
    bool operator==(const merge_conflict& o) const {
        return same_place(o) && base == o.base && ours == o.ours && theirs == o.theirs;
    }
    bool operator!=(const merge_conflict& o) const { return !(*this == o); }
};

/// Stable identifier of a side ("ours", "theirs"; "" for none), as files write removed_by.
std::string_view conflict_side_key(conflict_side s);
/// The side with this identifier ("" gives none).
std::optional<conflict_side> conflict_side_from_key(std::string_view key);

/// Why a conflict read from a file cannot stand (translated): a field key that is not one of
/// those merge_conflict lists for its place, a removal with a field or without a persona, a stage
/// and a pain point at once, a place without a persona, a comment's conflict about anything but its
/// text; "" when it can.
std::string conflict_shape_problem(const merge_conflict& c);

}  // namespace bpm
