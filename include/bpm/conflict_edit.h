#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "bpm/edit.h"
#include "bpm/merge_conflict.h"
#include "bpm/model.h"

namespace bpm {

/// How a merge conflict is settled. For a field: keep_mine keeps the map's value, take_theirs
/// sets theirs', edited sets a text of the user's. For something one version removed:
/// keep_mine keeps it, take_theirs removes it as that version did (whichever it was).
enum class conflict_resolution { keep_mine, take_theirs, edited };

/// Whether how can settle c: keeping always can; taking theirs can where the map can hold theirs'
/// text (not extensions or journey tasks, kept as text; a status or category by a known key);
/// an edit only where the field is plain text (stage and persona text fields, the map's title
/// and created-by, a summary, a comment's text).
bool can_resolve(const merge_conflict& c, conflict_resolution how);

/// Whether resolve_conflict(index, how) applies to doc as it is now: can_resolve(c, how), and
/// what it sets is still there (keep_mine always can, dropping the conflict). The text of an edit
/// is not known yet: edited_text_problem judges it.
bool can_resolve(const document& doc, std::size_t index, conflict_resolution how);

/// Whether the persona, stage, pain point or comment c is about is no longer in doc (deleted
/// since the merge); false for the map's own fields.
bool conflict_place_gone(const document& doc, const merge_conflict& c);

/// Why text cannot settle c as an edited resolution (translated): a comment's text must not be
/// empty or only white space, as a comment of none would be refused when the map opens again; "" when
/// it can. A field of the map may be left blank (cleared), as typing into it can.
std::string edited_text_problem(const merge_conflict& c, std::string_view text);

/// Settles the conflict at index of doc.conflicts as one step: sets the field (or removes the
/// item) as how says, and drops the conflict; undo puts both back, the conflict at its index.
/// text is the value for edited, ignored otherwise. Does not apply (false) when there is no
/// conflict at index, can_resolve refuses, edited_text_problem finds fault with text,
/// or the persona, stage or pain point is gone (then
/// keep_mine, or either way for a removal, only drops the conflict). Typing
/// that follows an edited resolution (merge::typing on the same field) joins its step.
std::unique_ptr<edit> resolve_conflict(std::size_t index, conflict_resolution how, std::string text = {});

/// Replaces the whole content of the document with replacement as one undoable step labelled
/// label (merging another version in); listeners hear one change of kind content_replaced.
std::unique_ptr<edit> replace_content(document replacement, std::string label);

/// Index in doc.conflicts of the unresolved conflict about a field (its key, as
/// merge_conflict::field) of a stage (stage_id set) or of a persona (stage_id ""), or npos.
std::size_t find_field_conflict(const document& doc, std::string_view persona_id, std::string_view stage_id,
                                std::string_view field);

/// Index in doc.conflicts of the unresolved conflict about a stage one version deleted while the
/// other changed it, or npos.
std::size_t find_stage_removal_conflict(const document& doc, std::string_view persona_id, std::string_view stage_id);

/// Translated name of what c is about, as the Edit menu and the editor name it: "Duration of
/// Awareness", "Role of Sophie", "Title", "Category of Budget cuts", "Comment on Duration of
/// Awareness"; for a removal, the item's name; "(removed persona)", "(removed stage)" for one no
/// longer in doc.
std::string conflict_place_title(const document& doc, const merge_conflict& c);

/// The key a persona text field has in a merge conflict ("role"; "name").
std::string_view persona_field_conflict_key(persona_field f);

}  // namespace bpm
