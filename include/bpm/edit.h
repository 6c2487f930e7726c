#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bpm/model.h"

namespace bpm {

/// Persona fields that hold plain text.
enum class persona_field { name, created_by, role, organisation, segment, success_metric };

/// What one edit touched, precisely enough for a view to refresh only that. Made only through
/// the named constructors below, so each kind carries exactly the fields that describe it.
struct change {
    enum class kind {
        metadata,         // document title or created-by
        persona_added,    // persona_id, index
        persona_removed,  // persona_id, index (where it was)
        persona_moved,    // persona_id, index (where it is now)
        persona_field,    // persona_id, pfield
        pain_points,      // persona_id
        status,           // persona_id
        summary,          // persona_id
        stage_added,      // persona_id, stage_id, index
        stage_removed,    // persona_id, stage_id, index (where it was)
        stage_moved,      // persona_id, stage_id, index (where it is now)
        stage_field,      // persona_id, stage_id, sfield
        document_replaced,  // the whole document was replaced (reverted or reloaded); steps are gone
        read_only_changed,  // the document became read-only or editable; its content is the same
        conflicts_changed,  // the list of merge conflicts changed (one resolved, or put back by undo)
        content_replaced,   // the whole content changed as one undoable step (a merge); steps stay
        comments_changed,   // persona_id, stage_id ("" for the persona): comments on it were added,
                            // replied to, resolved, reopened or removed
    };
    kind what;
    std::string persona_id;
    std::string stage_id;
    std::size_t index = 0;
    std::optional<persona_field> pfield;
    std::optional<stage_field> sfield;

    /// The document title or created-by changed.
    static change metadata_edited() { return change(kind::metadata); }
    /// A persona was inserted at index.
    static change persona_added(std::string persona_id, std::size_t index);
    /// A persona was removed from index.
    static change persona_removed(std::string persona_id, std::size_t index);
    /// A persona now stands at index.
    static change persona_moved(std::string persona_id, std::size_t index);
    /// One of a persona's text fields changed.
    static change persona_field_edited(std::string persona_id, persona_field field);
    /// A persona's list of pain points changed.
    static change pain_points_edited(std::string persona_id);
    /// A persona was marked in progress or completed.
    static change status_changed(std::string persona_id);
    /// A persona's summary was set or cleared.
    static change summary_changed(std::string persona_id);
    /// A stage was inserted at index of a persona's stages.
    static change stage_added(std::string persona_id, std::string stage_id, std::size_t index);
    /// A stage was removed from index of a persona's stages.
    static change stage_removed(std::string persona_id, std::string stage_id, std::size_t index);
    /// A stage now stands at index of a persona's stages.
    static change stage_moved(std::string persona_id, std::string stage_id, std::size_t index);
    /// One of a stage's text fields changed.
    static change stage_field_edited(std::string persona_id, std::string stage_id, stage_field field);
    /// The whole document was replaced (reverted or reloaded from disk).
    static change document_replaced() { return change(kind::document_replaced); }
    /// The document became read-only or editable again (history::set_read_only).
    static change read_only_changed() { return change(kind::read_only_changed); }
    /// The document's merge conflicts changed: one was resolved, or undo put it back.
    static change conflicts_changed() { return change(kind::conflicts_changed); }
    /// The whole content was replaced by an undoable step (merged with another version).
    static change content_replaced() { return change(kind::content_replaced); }
    /// Comments on a persona (stage_id "") or on one of its stages changed.
    static change comments_changed(std::string persona_id, std::string stage_id);

    bool operator==(const change& o) const {
        return what == o.what && persona_id == o.persona_id && stage_id == o.stage_id && index == o.index &&
               pfield == o.pfield && sfield == o.sfield;
    }

private:
    explicit change(kind k, std::string persona = {}, std::string stage = {}, std::size_t at = 0)
        : what(k), persona_id(std::move(persona)), stage_id(std::move(stage)), index(at) {}
};

/// The changes of one step (one edit, or a batch of them), in the order they happened.
using change_set = std::vector<change>;

/// One reversible change to a document. apply and revert are exact inverses; an edit whose
/// target is gone (a persona or stage deleted meanwhile) does nothing and returns false.
class edit {
public:
    virtual ~edit() = default;
    /// Translated description for the Edit menu ("Edit Duration of Awareness"). doc is the document
    /// as this edit left it, when it is to be undone, or as it found it, when it is to be redone: a
    /// name the edit does not change is read from there rather than kept.
    virtual std::string label(const document& doc) const = 0;
    /// Makes the change, appending what it touched to changes.
    virtual bool apply(document& doc, change_set& changes) = 0;
    /// Undoes a successful apply.
    virtual void revert(document& doc, change_set& changes) = 0;
    /// Absorbs the next edit when both are typing in the same field; the merged edit undoes both.
    virtual bool merge(const edit& next) {
        (void)next;
        return false;
    }
    /// Bytes this edit keeps in memory, for measuring the history; ids it shares with other edits
    /// are not counted.
    virtual std::size_t memory_bytes() const = 0;
};

// Each of the five edits below also settles the merge conflict about the field it sets (in
// document::conflicts) in the same step, undo bringing it back: whoever sets a conflicted field
// has decided what it holds. With such a conflict, setting the text the field already has is a
// step too (keeping mine); without one, it does not apply.

/// Sets the text of a stage's field.
std::unique_ptr<edit> set_stage_field(std::string persona_id, std::string stage_id, stage_field field, std::string text);
/// Sets a persona's name, created-by or profile field.
std::unique_ptr<edit> set_persona_field(std::string persona_id, persona_field field, std::string text);
/// Sets the document title.
std::unique_ptr<edit> set_document_title(std::string title);
/// Marks a persona in progress or completed.
std::unique_ptr<edit> set_status(std::string persona_id, persona_status status);
/// Sets or clears a persona's summary.
std::unique_ptr<edit> set_summary(std::string persona_id, std::optional<persona_summary> summary);

/// Inserts a persona at index (clamped to the end); it must carry ids unused in the document.
std::unique_ptr<edit> insert_persona(std::size_t index, persona p);
/// Removes a persona.
std::unique_ptr<edit> remove_persona(std::string persona_id);
/// Moves a persona to index.
std::unique_ptr<edit> move_persona(std::string persona_id, std::size_t index);

/// Inserts a stage at index (clamped to the end); its id must be unused in the document.
std::unique_ptr<edit> insert_stage(std::string persona_id, std::size_t index, stage s);
/// Removes a stage.
std::unique_ptr<edit> remove_stage(std::string persona_id, std::string stage_id);
/// Moves a stage to index.
std::unique_ptr<edit> move_stage(std::string persona_id, std::string stage_id, std::size_t index);

/// Inserts a pain point at index (clamped); refused when the same text is already there.
std::unique_ptr<edit> insert_pain_point(std::string persona_id, std::size_t index, pain_point point);
/// Removes the pain point at index, with the merge conflicts about it (undo puts them back).
std::unique_ptr<edit> remove_pain_point(std::string persona_id, std::size_t index);
/// Moves the pain point at from to index to.
std::unique_ptr<edit> move_pain_point(std::string persona_id, std::size_t from, std::size_t to);
/// Changes the text and category of the pain point at index; refused when it would duplicate another.
/// A new category settles the merge conflict about its category; a new text is carried to the
/// conflicts about it, which name a pain point by its text.
std::unique_ptr<edit> set_pain_point(std::string persona_id, std::size_t index, pain_point point);

/// Translated column or form title of a persona field ("Role").
std::string persona_field_title(persona_field f);

/// Adds a comment after the others. Refused when its id (or a reply's) is not a valid id or is
/// used by another comment or reply, when comment_shape_problem finds fault with it, or when its
/// persona or stage does not exist. The caller fills in author and created_at.
std::unique_ptr<edit> add_comment(comment c);
/// Adds a reply at the end of a comment's thread; refused when the comment does not exist, the
/// reply's text is empty or only white space (reply_shape_problem) or its id is not valid or already used.
std::unique_ptr<edit> reply_to_comment(std::string comment_id, comment_reply reply);
/// Marks a comment resolved (true) or open again (false); refused when it already is.
std::unique_ptr<edit> set_comment_resolved(std::string comment_id, bool resolved);
/// Removes a comment with its replies, and the merge conflict about its text (undo puts both back).
std::unique_ptr<edit> remove_comment(std::string comment_id);
/// Removes one reply from a comment's thread.
std::unique_ptr<edit> remove_comment_reply(std::string comment_id, std::string reply_id);

/// Translated name of what a comment is about, as undo labels and the Comments panel show it:
/// "Duration of Awareness", "Awareness", "Role of Sophie", "Sophie"; a persona or stage no longer
/// in doc reads "(removed persona)" or "(removed stage)".
std::string comment_location(const document& doc, const comment& c);
/// Translated title of the field a comment is about ("Duration", "Role", "Pain Points"), "" when it
/// is about a whole persona or stage.
std::string comment_field_title(const comment& c);

}  // namespace bpm
