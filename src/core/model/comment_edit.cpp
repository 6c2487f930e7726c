// The edits that add, answer, resolve and remove comments (declared in bpm/edit.h).
#include <algorithm>
#include <utility>

#include "bpm/edit.h"
#include "bpm/tr.h"
#include "held_items.h"

namespace bpm {

namespace {

std::size_t find_comment(const document& doc, const std::string& id) {
    for (std::size_t i = 0; i < doc.comments.size(); ++i)
        if (doc.comments[i].id == id) return i;
    return npos;
}

bool id_in_use(const document& doc, const std::string& id) {
    for (const comment& c : doc.comments) {
        if (c.id == id) return true;
        for (const comment_reply& r : c.replies)
            if (r.id == id) return true;
    }
    return false;
}

std::size_t bytes_of(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

std::size_t bytes_of(const comment& c) {
    std::size_t n = bytes_of(c.id) + bytes_of(c.persona_id) + bytes_of(c.stage_id) + bytes_of(c.field) +
                    bytes_of(c.author) + bytes_of(c.created_at) + bytes_of(c.text) +
                    c.replies.capacity() * sizeof(comment_reply);
    for (const comment_reply& r : c.replies)
        n += bytes_of(r.id) + bytes_of(r.author) + bytes_of(r.created_at) + bytes_of(r.text);
    return n;
}

// Every comment edit replaces one comment of the document's list (or puts one in, or takes one
// out) and keeps it as it was before, so revert is exact whatever the edit did.
class comment_edit final : public edit {
public:
    enum class op { add, reply, resolve, reopen, remove, remove_reply };

    comment_edit(op o, std::string comment_id, comment added = {}, comment_reply reply = {}, std::string reply_id = {})
        : op_(o), id_(std::move(comment_id)), added_(std::move(added)), reply_(std::move(reply)),
          reply_id_(std::move(reply_id)) {}

    std::string label(const document& doc) const override {
        const comment& about = op_ == op::add ? added_ : before_;
        switch (op_) {
            // TRANSLATORS: an undo step; {1} is what the comment is about, e.g. "Duration of Awareness"
            case op::add: return format(_("Add Comment on {1}"), comment_location(doc, about));
            case op::reply: return _("Reply to Comment");
            case op::resolve: return _("Resolve Comment");
            case op::reopen: return _("Reopen Comment");
            // TRANSLATORS: an undo step; {1} is what the comment is about, e.g. "Duration of Awareness"
            case op::remove: return format(_("Delete Comment on {1}"), comment_location(doc, about));
            case op::remove_reply: return _("Delete Reply");
        }
        return {};
    }

    bool apply(document& doc, change_set& changes) override {
        if (op_ == op::add) {
            if (!can_add(doc)) return false;
            index_ = doc.comments.size();
            doc.comments.push_back(added_);
            changes.push_back(change::comments_changed(added_.persona_id, added_.stage_id));
            return true;
        }
        const std::size_t i = find_comment(doc, id_);
        if (i == npos) return false;
        comment& c = doc.comments[i];
        switch (op_) {
            case op::add: return false;
            case op::reply:
                if (!reply_shape_problem(reply_).empty() || !is_valid_id(reply_.id) || id_in_use(doc, reply_.id))
                    return false;
                before_ = c;
                c.replies.push_back(reply_);
                break;
            case op::resolve:
            case op::reopen:
                if (c.resolved == (op_ == op::resolve)) return false;
                before_ = c;
                c.resolved = op_ == op::resolve;
                break;
            case op::remove:
                before_ = std::move(c);
                doc.comments.erase(doc.comments.begin() + static_cast<std::ptrdiff_t>(i));
                // The conflict about its text goes with it, as a persona's or stage's go with them.
                if (conflicts_.take_if(doc, [&](const merge_conflict& x) { return x.comment_id == id_; }))
                    changes.push_back(change::conflicts_changed());
                break;
            case op::remove_reply: {
                const auto r = std::find_if(c.replies.begin(), c.replies.end(),
                                            [&](const comment_reply& x) { return x.id == reply_id_; });
                if (r == c.replies.end()) return false;
                before_ = c;
                c.replies.erase(r);
                break;
            }
        }
        index_ = i;
        changes.push_back(change::comments_changed(before_.persona_id, before_.stage_id));
        return true;
    }

    void revert(document& doc, change_set& changes) override {
        const comment& about = op_ == op::add ? added_ : before_;
        if (op_ == op::add) {
            const std::size_t i = find_comment(doc, id_);
            if (i != npos) doc.comments.erase(doc.comments.begin() + static_cast<std::ptrdiff_t>(i));
        } else if (op_ == op::remove) {
            doc.comments.insert(doc.comments.begin() + static_cast<std::ptrdiff_t>(std::min(index_, doc.comments.size())),
                                before_);
            if (conflicts_.put_back(doc)) changes.push_back(change::conflicts_changed());
        } else if (index_ < doc.comments.size()) {
            doc.comments[index_] = before_;
        }
        changes.push_back(change::comments_changed(about.persona_id, about.stage_id));
    }

    std::size_t memory_bytes() const override {
        return sizeof(*this) + bytes_of(id_) + bytes_of(added_) + bytes_of(before_) + bytes_of(reply_.id) +
               bytes_of(reply_.author) + bytes_of(reply_.created_at) + bytes_of(reply_.text) + bytes_of(reply_id_) +
               conflicts_.bytes();
    }

private:
    bool can_add(const document& doc) const {
        if (!is_valid_id(added_.id) || id_in_use(doc, added_.id) || !comment_shape_problem(added_).empty()) return false;
        for (std::size_t i = 0; i < added_.replies.size(); ++i) {
            const std::string& id = added_.replies[i].id;
            if (!is_valid_id(id) || id == added_.id || id_in_use(doc, id)) return false;
            for (std::size_t j = 0; j < i; ++j)
                if (added_.replies[j].id == id) return false;
        }
        const persona* p = doc.persona_by_id(added_.persona_id);
        return p && (added_.stage_id.empty() || p->stage_by_id(added_.stage_id));
    }

    op op_;
    std::string id_;
    comment added_;  // the comment an add puts in
    comment_reply reply_;
    std::string reply_id_;
    std::size_t index_ = 0;  // where the comment stands (stood, for a removal)
    comment before_;         // the comment as it was before, for all but an add
    detail::held_conflicts conflicts_;  // a removed comment's conflict, while it is removed
};

std::string persona_comment_field_title(const std::string& key) {
    if (key.empty()) return {};
    if (key == "name") return persona_field_title(persona_field::name);
    if (key == "created_by") return persona_field_title(persona_field::created_by);
    if (key == "role") return persona_field_title(persona_field::role);
    if (key == "organisation") return persona_field_title(persona_field::organisation);
    if (key == "segment") return persona_field_title(persona_field::segment);
    if (key == "success_metric") return persona_field_title(persona_field::success_metric);
    if (key == "pain_points") return _("Pain Points");
    if (key == "summary") return _("Summary");
    return key;
}

}  // namespace

std::unique_ptr<edit> add_comment(comment c) {
    std::string id = c.id;
    return std::make_unique<comment_edit>(comment_edit::op::add, std::move(id), std::move(c));
}

std::unique_ptr<edit> reply_to_comment(std::string comment_id, comment_reply reply) {
    return std::make_unique<comment_edit>(comment_edit::op::reply, std::move(comment_id), comment{}, std::move(reply));
}

std::unique_ptr<edit> set_comment_resolved(std::string comment_id, bool resolved) {
    return std::make_unique<comment_edit>(resolved ? comment_edit::op::resolve : comment_edit::op::reopen,
                                          std::move(comment_id));
}

std::unique_ptr<edit> remove_comment(std::string comment_id) {
    return std::make_unique<comment_edit>(comment_edit::op::remove, std::move(comment_id));
}

std::unique_ptr<edit> remove_comment_reply(std::string comment_id, std::string reply_id) {
    return std::make_unique<comment_edit>(comment_edit::op::remove_reply, std::move(comment_id), comment{},
                                          comment_reply{}, std::move(reply_id));
}

std::string comment_field_title(const comment& c) {
    if (c.stage_id.empty()) return persona_comment_field_title(c.field);
    const std::optional<stage_field> f = stage_field_from_key(c.field);
    return f ? stage_field_title(*f) : c.field;
}

std::string comment_location(const document& doc, const comment& c) {
    const persona* p = doc.persona_by_id(c.persona_id);
    if (!p) return _("(removed persona)");
    if (c.stage_id.empty()) {
        const std::string name = p->name.empty() ? _("(unnamed persona)") : p->name;
        if (c.field.empty()) return name;
        // TRANSLATORS: what a comment is about: a field of a persona, e.g. "Role of Sophie"
        return format(_("{1} of {2}"), persona_comment_field_title(c.field), name);
    }
    const stage* s = p->stage_by_id(c.stage_id);
    if (!s) return _("(removed stage)");
    const std::string name = s->name.empty() ? _("(unnamed stage)") : s->name;
    const std::optional<stage_field> f = stage_field_from_key(c.field);
    if (!f || *f == stage_field::name) return name;
    // TRANSLATORS: what a comment is about: a field of a stage, e.g. "Duration of Awareness"
    return format(_("{1} of {2}"), stage_field_title(*f), name);
}

}  // namespace bpm
