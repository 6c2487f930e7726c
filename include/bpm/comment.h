#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpm {

struct document;

/// One answer in a comment's thread: who wrote it, when (ISO 8601 UTC) and what.
struct comment_reply {
    std::string id;  ///< unique among the document's comments and replies (is_valid_id)
    std::string author;
    std::string created_at;  ///< ISO 8601, may be empty
    std::string text;

    bool operator==(const comment_reply& o) const {
        return id == o.id && author == o.author && created_at == o.created_at && text == o.text;
    }
    bool operator!=(const comment_reply& o) const { return !(*this == o); }
};

/// A comment a team member left on a persona or a stage, or on one of their fields, with its
/// thread of replies. Kept in the document (not in the persona) so that it survives edits of what
/// it is about; its id lets a three-way merge match it like a persona or a stage.
struct comment {
    std::string id;          ///< unique among the document's comments and replies (is_valid_id)
    std::string persona_id;  ///< the persona it is about (never "")
    std::string stage_id;    ///< the stage it is about, or "" for the persona itself
    /// The field it is about, or "" for the whole persona or stage: a stage_field_key of a stage;
    /// "name", "created_by", "role", "organisation", "segment", "success_metric", "pain_points" or
    /// "summary" of a persona.
    std::string field;
    std::string author;
    std::string created_at;  ///< ISO 8601, may be empty
    std::string text;
    std::vector<comment_reply> replies;  ///< in the order they were written
    bool resolved = false;

    bool operator==(const comment& o) const {
        return id == o.id && persona_id == o.persona_id && stage_id == o.stage_id && field == o.field &&
               author == o.author && created_at == o.created_at && text == o.text && replies == o.replies &&
               resolved == o.resolved;
    }
    bool operator!=(const comment& o) const { return !(*this == o); }
};

/// A fresh comment or reply id ("comment-" and 12 random hexadecimal digits) that none of
/// comments or their replies uses; random rather than counted so that two people commenting on
/// copies of one map do not pick the same id.
std::string new_comment_id(const std::vector<comment>& comments);

/// Why a comment read from a file cannot stand (translated): no persona, a field key that is not
/// one comment::field lists for its place, a text that is empty or only white space; "" when it can.
std::string comment_shape_problem(const comment& c);

/// The document's comments in map order, as the Comments pane and the printed appendix list them:
/// by persona, the persona's own comments before its stages' in journey order, each place's
/// whole-place comments before its fields' in column order, then in the order written; a comment
/// whose persona or stage is gone comes after its persona's (or everyone's). Points into
/// doc.comments, valid until it changes.
std::vector<const comment*> comments_in_map_order(const document& doc);

/// Why a reply read from a file cannot stand (translated): a text that is empty or only white
/// space, as for a comment; "" when it can.
std::string reply_shape_problem(const comment_reply& r);

}  // namespace bpm
