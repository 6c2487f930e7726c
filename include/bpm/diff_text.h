#pragma once

#include <string>

#include "bpm/map_diff.h"
#include "bpm/model.h"

namespace bpm {

/// Texts longer than this many characters, or of several lines, show a changed value as a
/// word-level difference ("[-old-]{+new+}") rather than as "old → new".
inline constexpr std::size_t diff_long_text_chars = 60;

/// The changes for people, one a line, in the diff's order, translated: "Emma › Awareness ›
/// Duration: 2-4 weeks → 3-5 weeks", "+ Emma › stage Trial (after Consideration)", "~ Emma ›
/// stage Decision moved before Trial", "- Emma › pain point 'Too expensive'"; "+ " starts what
/// was added or filled in, "- " what was removed or emptied, "~ " a move, a rename or a new
/// category, a comment resolved or reopened. Comments read "+ Emma › Awareness › Duration: comment
/// by Ana: 'Is 2 weeks realistic?'", "~ Emma › Awareness › Duration: comment by Ana 'Is 2 weeks
/// realistic?' resolved", "+ Emma › Awareness › Duration: reply by Ben to comment by Ana 'Is 2
/// weeks realistic?': 'Closer to 4'". Line breaks in values show as "↵". "" when there are no changes.
std::string diff_to_text(const map_diff& d);

/// The changes for tools, as the JSON object {"equal": bool, "changes": [...]}, each change an
/// object of the map_change members that its kind fills (keys as README's "bpmap-cli diff"
/// section lists them; indices count from 0), indented by two spaces, ending with a line break.
std::string diff_to_json(const map_diff& d);

/// A conflict a merge recorded, as people read it, translated: where it is, named as doc names
/// its persona and stage (by id when doc has no such one), and the two versions' values, on one
/// line and cut to 80 bytes: "Emma › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'",
/// "Emma › stage Trial: removed by theirs, changed by ours", "Map › Title: ours 'Q3', theirs 'Q4'".
std::string conflict_text(const document& doc, const merge_conflict& c);

/// A map as text for a line-by-line diff (git's textconv): one line for each filled field, each
/// carrying where it is ("Emma › Awareness › Duration: 2-4 weeks"), one for each persona, pain
/// point and stage ("persona Emma", "Emma › stage Awareness"), in the map's order, then one for
/// each recorded conflict ("conflict: " and conflict_text), then one for each comment and reply
/// ("Emma › Awareness › Duration: comment by Ana: 'Is 2 weeks realistic?'"); labels as in diff_to_text.
std::string map_outline(const document& doc);

}  // namespace bpm
