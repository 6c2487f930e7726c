#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/model.h"

namespace bpm {

/// What a change to a map did, and so which members of its map_change it fills.
enum class change_kind {
    document_field,       ///< field (a document key: "title", "created_by", "created_at", "modified_at"), values
    persona_added,        ///< persona, new_index, after and before
    persona_removed,      ///< persona (old's name), old_index
    persona_moved,        ///< persona, old_index, new_index, before (else after)
    persona_field,        ///< persona, field (a persona key, below), values; the field "name" is a rename
    pain_point_added,     ///< persona, pain_point, new_value (its category key, "" for none), new_index
    pain_point_removed,   ///< persona, pain_point, old_value (its category key), old_index
    pain_point_moved,     ///< persona, pain_point, old_index, new_index, before (else after)
    pain_point_category,  ///< persona, pain_point, values (category keys)
    stage_added,          ///< persona, stage, new_index, after and before
    stage_removed,        ///< persona, stage (old's name), old_index
    stage_moved,          ///< persona, stage, old_index, new_index, before (else after)
    stage_field,          ///< persona, stage, field (a stage_field_key), values; "stage_name" is a rename
    conflict_added,       ///< conflict (new's), with the names of its persona and stage in new
    conflict_resolved,    ///< conflict (old's, gone from new), with the names of its persona and stage in old
    comment_added,        ///< comment (new's), with the names of its persona and stage in new
    comment_removed,      ///< comment (old's), with the names of its persona and stage in old
    comment_moved,        ///< comment, old_index, new_index (in the map's list of comments)
    comment_resolved,     ///< comment (new's)
    comment_reopened,     ///< comment (new's)
    comment_field,        ///< comment (new's), field ("persona_id", "stage_id", "field", "author", "created_at", "text"), values
    reply_added,          ///< comment and reply (new's), new_index (in the comment's replies)
    reply_removed,        ///< comment (new's), reply (old's), old_index
    reply_moved,          ///< comment and reply (new's), old_index, new_index
    reply_field,          ///< comment and reply (new's), field ("author", "created_at", "text"), values
};

/// Stable name of a change kind, as the JSON form gives it ("stage_moved").
std::string_view change_kind_key(change_kind k);

/// One change between two versions of a map, located by ids and named as the map names things:
/// a persona's and a stage's name is new's, or old's when it was removed. Persona fields are
/// "name", "status", "created_by", "last_updated_at", "role", "organisation", "segment",
/// "success_metric", "summary", "summary_source" and "summary_generated_at"; a status, a
/// category and a summary source are given by their keys ("completed", "financial", "ai"; ""
/// for no category and for no summary).
struct map_change {
    change_kind kind = change_kind::document_field;
    std::string persona_id, persona_name;  ///< "" for document fields
    std::string stage_id, stage_name;      ///< stage changes only
    std::string pain_point;                ///< the pain point's text: pain point changes only
    std::string field;                     ///< document, persona and stage fields: the field's key
    std::string old_value, new_value;      ///< fields: the texts before and after ("" when empty)
    std::size_t old_index = npos;          ///< removed and moved: where it was, counting from 0
    std::size_t new_index = npos;          ///< added and moved: where it is now
    /// Added and moved: the items now before and after it, as ids (a pain point's text) and
    /// names; "" at either end.
    std::string after_id, after_name, before_id, before_name;
    /// Conflict changes: the conflict; persona_id and stage_id are its, the names those the map
    /// gives them ("" when it has no such persona or stage).
    merge_conflict conflict;
    /// Comment changes: the comment; persona_id and stage_id are its, the names those the map
    /// gives them ("" when it has no such persona or stage).
    bpm::comment comment;
    /// Reply changes: the reply.
    comment_reply reply;

    bool operator==(const map_change& o) const;
};

/// The changes that turn one version of a map into another: the document's fields, then the
/// personas removed (in old's order), then each persona of new in its order; within a persona,
/// its move or addition, its fields, its pain points and its stages (each: removed ones first,
/// then the rest in new's order, with their moves, additions and fields) and its summary. An
/// added persona or stage is followed by the fields it brings (what differs from an empty one;
/// an added persona's status always, from ""); then the comments removed (in old's order) and
/// each of new's comments in its order: its addition or move, whether it was resolved or
/// reopened, its fields, and its replies removed, then added, moved or changed in the comment's
/// order; last, the conflicts resolved (in old's order) and those recorded (in new's order).
struct map_diff {
    std::vector<map_change> changes;

    /// True when the two versions are the same map.
    bool empty() const { return changes.empty(); }
};

/// The differences between two maps, matching personas and stages by id and pain points by text
/// wherever they moved: time linear in the maps' sizes (words of long texts are not compared
/// here; see word_diff); empty exactly when older == newer.
map_diff diff_maps(const document& older, const document& newer);

}  // namespace bpm
