#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// Deepest nesting of arrays and objects read_json reads (a map needs 5 levels); deeper is a
/// located error, so a file of nested brackets costs no memory or time to refuse.
inline constexpr std::size_t max_json_depth = 256;

/// The document as JSON in the spec's shape, {"buying_process_mappings": [...]}, pretty-printed.
/// What the spec's shape cannot hold goes under extra keys that older readers ignore:
/// "persona_pain_point_details" (texts with categories), "persona_profile", "stage_id",
/// "summary_source", "summary_generated_at", a top-level "document_metadata", and, when a merge left
/// conflicts, a top-level "merge_conflicts" (objects with the merge_conflict members that are set:
/// "persona_id", "stage_id", "pain_point", "field", "comment_id", "removed_by", "base", "ours",
/// "theirs"), and,
/// when the map has comments, a top-level "bpmap_comments" (objects with "id", "persona_id",
/// "stage_id", "field", "author", "created_at", "text", "resolved" and "replies", objects with
/// "id", "author", "created_at" and "text"; "" for no stage or field).
/// Extensions follow the members of their object, in order, each value as the compact JSON text
/// it holds.
std::string write_json(const document& doc);

/// Reads JSON in the shape write_json produces, and what is nearly it: a top-level array of
/// mappings, pain points and list-like stage fields as arrays, timestamps written other ways
/// (forgiving_timestamp, numbers since 1970) and status synonyms (forgiving_status), normalised.
/// Ids are kept as given; only missing ids are generated. Members the map has no field for are kept
/// as extensions of the document, persona or stage. Problems and warnings (an assumption made, a
/// key given twice, a member kept unused or left out) name their JSON path
/// ("$.buying_process_mappings[0].status") and, where the member or item is, its line and column;
/// text that is not JSON, or nested past max_json_depth, gives one problem with its line and column.
/// Tells progress thousandths done as the text is read.
result<document> read_json(std::string_view text, const progress_fn& progress = {});

/// Reads a .json file, telling progress as read_json does.
result<document> load_json(const std::string& path, const progress_fn& progress = {});

/// Writes a .json file atomically, telling progress thousandths done; cancelled, the file that was
/// there stays as it was.
result<> save_json(const document& doc, const std::string& path, const progress_fn& progress = {});

}  // namespace bpm
