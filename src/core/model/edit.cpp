#include "bpm/edit.h"

#include <algorithm>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "bpm/conflict_edit.h"
#include "bpm/tr.h"
#include "held_items.h"

namespace bpm {

change change::persona_added(std::string persona_id, std::size_t index) {
    return change(kind::persona_added, std::move(persona_id), {}, index);
}

change change::persona_removed(std::string persona_id, std::size_t index) {
    return change(kind::persona_removed, std::move(persona_id), {}, index);
}

change change::persona_moved(std::string persona_id, std::size_t index) {
    return change(kind::persona_moved, std::move(persona_id), {}, index);
}

change change::persona_field_edited(std::string persona_id, persona_field field) {
    change c(kind::persona_field, std::move(persona_id));
    c.pfield = field;
    return c;
}

change change::pain_points_edited(std::string persona_id) { return change(kind::pain_points, std::move(persona_id)); }

change change::status_changed(std::string persona_id) { return change(kind::status, std::move(persona_id)); }

change change::summary_changed(std::string persona_id) { return change(kind::summary, std::move(persona_id)); }

change change::stage_added(std::string persona_id, std::string stage_id, std::size_t index) {
    return change(kind::stage_added, std::move(persona_id), std::move(stage_id), index);
}

change change::stage_removed(std::string persona_id, std::string stage_id, std::size_t index) {
    return change(kind::stage_removed, std::move(persona_id), std::move(stage_id), index);
}

change change::stage_moved(std::string persona_id, std::string stage_id, std::size_t index) {
    return change(kind::stage_moved, std::move(persona_id), std::move(stage_id), index);
}

change change::comments_changed(std::string persona_id, std::string stage_id) {
    return change(kind::comments_changed, std::move(persona_id), std::move(stage_id));
}

change change::stage_field_edited(std::string persona_id, std::string stage_id, stage_field field) {
    change c(kind::stage_field, std::move(persona_id), std::move(stage_id));
    c.sfield = field;
    return c;
}

namespace {

// Ids interned for the life of the process: an edit of a field points at the one copy of its
// persona's and stage's ids instead of keeping its own, since a long history names the same few
// personas and stages thousands of times. A few dozen bytes per id ever edited.
const std::string* interned_id(std::string id) {
    static std::mutex mutex;
    static std::unordered_set<std::string> ids;
    const std::lock_guard<std::mutex> lock(mutex);
    return &*ids.insert(std::move(id)).first;
}

std::string& persona_text(persona& p, persona_field f) {
    switch (f) {
        case persona_field::name: return p.name;
        case persona_field::created_by: return p.created_by;
        case persona_field::role: return p.profile.role;
        case persona_field::organisation: return p.profile.organisation;
        case persona_field::segment: return p.profile.segment;
        case persona_field::success_metric: return p.profile.success_metric;
    }
    return p.name;
}

// A name for labels: the persona or stage name, or a placeholder when it is still empty.
std::string shown(const std::string& name, const char* placeholder) { return name.empty() ? _(placeholder) : name; }

std::size_t text_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

std::size_t extension_bytes(const std::vector<extension>& es) {
    std::size_t n = es.capacity() * sizeof(extension);
    for (const extension& e : es) n += text_bytes(e.key) + text_bytes(e.json);
    return n;
}

std::size_t stage_bytes(const stage& s) {
    std::size_t n = sizeof(stage) + text_bytes(s.id) + extension_bytes(s.extensions);
    for (stage_field f : all_stage_fields) n += text_bytes(s.field(f));
    for (const journey_task& t : s.journey) {
        n += sizeof(journey_task) + text_bytes(t.text);
        for (const std::string& person : t.people) n += sizeof(std::string) + text_bytes(person);
    }
    return n;
}

std::size_t persona_bytes(const persona& p) {
    std::size_t n = sizeof(persona) + text_bytes(p.id) + text_bytes(p.name) + text_bytes(p.created_by) +
                    text_bytes(p.last_updated_at) + text_bytes(p.profile.role) + text_bytes(p.profile.organisation) +
                    text_bytes(p.profile.segment) + text_bytes(p.profile.success_metric) + extension_bytes(p.extensions);
    for (const pain_point& pp : p.pain_points) n += sizeof(pain_point) + text_bytes(pp.text);
    for (const stage& s : p.stages) n += stage_bytes(s);
    if (p.summary) n += text_bytes(p.summary->text) + text_bytes(p.summary->generated_at);
    return n;
}


}  // namespace

namespace detail {

std::size_t held_bytes(const comment& c) {
    std::size_t n = text_bytes(c.id) + text_bytes(c.persona_id) + text_bytes(c.stage_id) + text_bytes(c.field) +
                    text_bytes(c.author) + text_bytes(c.created_at) + text_bytes(c.text);
    for (const comment_reply& r : c.replies)
        n += sizeof(r) + text_bytes(r.id) + text_bytes(r.author) + text_bytes(r.created_at) + text_bytes(r.text);
    return n;
}

std::size_t held_bytes(const merge_conflict& c) {
    return text_bytes(c.persona_id) + text_bytes(c.stage_id) + (c.pain_point ? text_bytes(*c.pain_point) : 0) +
           text_bytes(c.field) + text_bytes(c.comment_id) + text_bytes(c.base) + text_bytes(c.ours) +
           text_bytes(c.theirs);
}

}  // namespace detail

namespace {

using detail::held_bytes;
using detail::held_comments;
using detail::held_conflicts;

// The merge conflict about the field an edit sets, while the edit has settled it: whatever sets a
// conflicted field (typing, paste, cut, clear, a command) decides what it holds, so the conflict
// goes in the same step and undo brings it back at its index. One pointer, as field edits are
// most of a long history.
class settled_conflict {
public:
    // Takes the conflict about the field key of persona_id's stage_id (or of the persona, stage_id
    // "", or of the map, both "") out of doc; false when there is none.
    bool take(document& doc, std::string_view persona_id, std::string_view stage_id, std::string_view key) {
        const std::size_t i = find_field_conflict(doc, persona_id, stage_id, key);
        if (i == npos) return false;
        held_ = std::make_unique<std::pair<std::size_t, merge_conflict>>(i, std::move(doc.conflicts[i]));
        doc.conflicts.erase(doc.conflicts.begin() + static_cast<std::ptrdiff_t>(i));
        return true;
    }
    // Puts it back where it was; false when none was taken.
    bool put_back(document& doc) {
        if (!held_) return false;
        const std::size_t i = std::min(held_->first, doc.conflicts.size());
        doc.conflicts.insert(doc.conflicts.begin() + static_cast<std::ptrdiff_t>(i), std::move(held_->second));
        held_.reset();
        return true;
    }
    std::size_t bytes() const { return held_ ? sizeof(*held_) + held_bytes(held_->second) : 0; }

private:
    std::unique_ptr<std::pair<std::size_t, merge_conflict>> held_;
};

// Moves element from -> to within v, shifting the ones between.
template <class T>
void move_within(std::vector<T>& v, std::size_t from, std::size_t to) {
    if (from < to) std::rotate(v.begin() + from, v.begin() + from + 1, v.begin() + to + 1);
    else if (to < from) std::rotate(v.begin() + to, v.begin() + from, v.begin() + from + 1);
}

class stage_field_edit final : public edit {
public:
    stage_field_edit(std::string persona_id, std::string stage_id, stage_field field, std::string text)
        : persona_id_(interned_id(std::move(persona_id))), stage_id_(interned_id(std::move(stage_id))), field_(field),
          new_(std::move(text)) {}

    std::string label(const document& doc) const override {
        if (field_ == stage_field::name)
            return format(_("Rename Stage {1}"), shown(old_.empty() ? new_ : old_, "(unnamed stage)"));
        // The stage has the same name before and after this edit.
        const stage* s = target(doc);
        // TRANSLATORS: an undo step, e.g. "Edit Duration of Awareness"
        return format(_("Edit {1} of {2}"), stage_field_title(field_), shown(s ? s->name : std::string(), "(unnamed stage)"));
    }

    bool apply(document& doc, change_set& changes) override {
        stage* s = target(doc);
        if (!s) return false;
        std::string& value = s->field(field_);
        const std::string_view key = stage_field_key(field_);
        if (!applied_once_) {
            // Nothing to undo later, unless the same text settles a conflict.
            if (value == new_ && find_field_conflict(doc, *persona_id_, *stage_id_, key) == npos) return false;
            old_ = value;
            applied_once_ = true;
        }
        value = new_;
        changes.push_back(change::stage_field_edited(*persona_id_, *stage_id_, field_));
        if (conflict_.take(doc, *persona_id_, *stage_id_, key)) changes.push_back(change::conflicts_changed());
        return true;
    }

    void revert(document& doc, change_set& changes) override {
        stage* s = target(doc);
        if (!s) return;
        s->field(field_) = old_;
        changes.push_back(change::stage_field_edited(*persona_id_, *stage_id_, field_));
        if (conflict_.put_back(doc)) changes.push_back(change::conflicts_changed());
    }

    bool merge(const edit& next) override {
        const auto* n = dynamic_cast<const stage_field_edit*>(&next);
        if (!n || n->persona_id_ != persona_id_ || n->stage_id_ != stage_id_ || n->field_ != field_) return false;
        new_ = n->new_;
        return true;
    }

    std::size_t memory_bytes() const override {
        return sizeof(*this) + text_bytes(old_) + text_bytes(new_) + conflict_.bytes();
    }

private:
    stage* target(document& doc) const {
        persona* p = doc.persona_by_id(*persona_id_);
        return p ? p->stage_by_id(*stage_id_) : nullptr;
    }
    const stage* target(const document& doc) const {
        const persona* p = doc.persona_by_id(*persona_id_);
        return p ? p->stage_by_id(*stage_id_) : nullptr;
    }

    const std::string* persona_id_;  // interned
    const std::string* stage_id_;    // interned
    stage_field field_;
    bool applied_once_ = false;
    std::string new_, old_;
    settled_conflict conflict_;
};

class persona_field_edit final : public edit {
public:
    persona_field_edit(std::string persona_id, persona_field field, std::string text)
        : persona_id_(interned_id(std::move(persona_id))), field_(field), new_(std::move(text)) {}

    std::string label(const document& doc) const override {
        if (field_ == persona_field::name) return format(_("Rename Persona {1}"), shown(old_.empty() ? new_ : old_, "(unnamed persona)"));
        // The persona has the same name before and after this edit.
        const persona* p = doc.persona_by_id(*persona_id_);
        return format(_("Edit {1} of {2}"), persona_field_title(field_), shown(p ? p->name : std::string(), "(unnamed persona)"));
    }

    bool apply(document& doc, change_set& changes) override {
        persona* p = doc.persona_by_id(*persona_id_);
        if (!p) return false;
        std::string& value = persona_text(*p, field_);
        const std::string_view key = persona_field_conflict_key(field_);
        if (!applied_once_) {
            if (value == new_ && find_field_conflict(doc, *persona_id_, "", key) == npos) return false;
            old_ = value;
            applied_once_ = true;
        }
        value = new_;
        changes.push_back(change::persona_field_edited(*persona_id_, field_));
        if (conflict_.take(doc, *persona_id_, "", key)) changes.push_back(change::conflicts_changed());
        return true;
    }

    void revert(document& doc, change_set& changes) override {
        persona* p = doc.persona_by_id(*persona_id_);
        if (!p) return;
        persona_text(*p, field_) = old_;
        changes.push_back(change::persona_field_edited(*persona_id_, field_));
        if (conflict_.put_back(doc)) changes.push_back(change::conflicts_changed());
    }

    bool merge(const edit& next) override {
        const auto* n = dynamic_cast<const persona_field_edit*>(&next);
        if (!n || n->persona_id_ != persona_id_ || n->field_ != field_) return false;
        new_ = n->new_;
        return true;
    }

    std::size_t memory_bytes() const override {
        return sizeof(*this) + text_bytes(old_) + text_bytes(new_) + conflict_.bytes();
    }

private:
    const std::string* persona_id_;  // interned
    persona_field field_;
    bool applied_once_ = false;
    std::string new_, old_;
    settled_conflict conflict_;
};

class title_edit final : public edit {
public:
    explicit title_edit(std::string title) : new_(std::move(title)) {}
    std::string label(const document&) const override { return _("Edit Title"); }
    bool apply(document& doc, change_set& changes) override {
        if (doc.metadata.title == new_ && find_field_conflict(doc, "", "", "title") == npos) return false;
        old_ = std::exchange(doc.metadata.title, new_);
        changes.push_back(change::metadata_edited());
        if (conflict_.take(doc, "", "", "title")) changes.push_back(change::conflicts_changed());
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        doc.metadata.title = old_;
        changes.push_back(change::metadata_edited());
        if (conflict_.put_back(doc)) changes.push_back(change::conflicts_changed());
    }
    bool merge(const edit& next) override {
        const auto* n = dynamic_cast<const title_edit*>(&next);
        if (!n) return false;
        new_ = n->new_;
        return true;
    }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + text_bytes(old_) + text_bytes(new_) + conflict_.bytes();
    }

private:
    std::string new_, old_;
    settled_conflict conflict_;
};

// Replaces one whole value of a persona (its status, its summary; key names it in a merge
// conflict) and puts it back on revert.
template <class T>
class persona_value_edit final : public edit {
public:
    persona_value_edit(std::string persona_id, T persona::*member, std::string_view key, change (*changed)(std::string),
                       T value, std::string label)
        : persona_id_(std::move(persona_id)), member_(member), key_(key), changed_(changed), new_(std::move(value)),
          label_(std::move(label)) {}

    std::string label(const document&) const override { return label_; }
    bool apply(document& doc, change_set& changes) override {
        persona* p = doc.persona_by_id(persona_id_);
        if (!p || (p->*member_ == new_ && find_field_conflict(doc, persona_id_, "", key_) == npos)) return false;
        old_ = std::exchange(p->*member_, new_);
        changes.push_back(changed_(persona_id_));
        if (conflict_.take(doc, persona_id_, "", key_)) changes.push_back(change::conflicts_changed());
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        if (persona* p = doc.persona_by_id(persona_id_)) p->*member_ = old_;
        changes.push_back(changed_(persona_id_));
        if (conflict_.put_back(doc)) changes.push_back(change::conflicts_changed());
    }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + text_bytes(persona_id_) + text_bytes(label_) + value_bytes(new_) + value_bytes(old_) +
               conflict_.bytes();
    }

private:
    static std::size_t value_bytes(const persona_status&) { return 0; }
    static std::size_t value_bytes(const std::optional<persona_summary>& s) { return s ? text_bytes(s->text) : 0; }

    std::string persona_id_;
    T persona::*member_;
    std::string_view key_;  // a literal
    change (*changed_)(std::string);
    T new_, old_{};
    std::string label_;
    settled_conflict conflict_;
};

// Insertion and removal of a persona are one edit run in either direction.
class persona_presence_edit final : public edit {
public:
    persona_presence_edit(bool insert, std::size_t index, persona p, std::string id)
        : insert_(insert), index_(index), persona_(std::move(p)), id_(std::move(id)), name_(persona_.name) {}

    std::string label(const document&) const override {
        const std::string name = shown(name_, "(unnamed persona)");
        return insert_ ? format(_("Add Persona {1}"), name) : format(_("Delete Persona {1}"), name);
    }
    bool apply(document& doc, change_set& changes) override { return insert_ ? put(doc, changes) : take(doc, changes); }
    void revert(document& doc, change_set& changes) override { insert_ ? (void)take(doc, changes) : (void)put(doc, changes); }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + persona_bytes(persona_) + text_bytes(id_) + text_bytes(name_) + comments_.bytes() +
               conflicts_.bytes();
    }

private:
    bool put(document& doc, change_set& changes) {
        if (!is_valid_id(persona_.id) || doc.find_persona(persona_.id) != npos) return false;
        for (const stage& s : persona_.stages) {
            if (!is_valid_id(s.id)) return false;
            for (const persona& other : doc.personas)
                if (other.find_stage(s.id) != npos) return false;
        }
        index_ = std::min(index_, doc.personas.size());
        doc.personas.insert(doc.personas.begin() + index_, std::move(persona_));
        persona_ = persona{};
        changes.push_back(change::persona_added(id_, index_));
        if (comments_.put_back(doc)) changes.push_back(change::comments_changed(id_, {}));
        if (conflicts_.put_back(doc)) changes.push_back(change::conflicts_changed());
        return true;
    }
    bool take(document& doc, change_set& changes) {
        const std::size_t i = doc.find_persona(id_);
        if (i == npos) return false;
        index_ = i;
        persona_ = std::move(doc.personas[i]);
        name_ = persona_.name;
        doc.personas.erase(doc.personas.begin() + i);
        changes.push_back(change::persona_removed(id_, i));
        if (comments_.take(doc, id_, {})) changes.push_back(change::comments_changed(id_, {}));
        if (conflicts_.take(doc, id_, {})) changes.push_back(change::conflicts_changed());
        return true;
    }

    bool insert_;
    std::size_t index_;
    persona persona_;  // the persona while it is out of the document
    held_comments comments_;  // its comments, likewise
    held_conflicts conflicts_;  // the merge conflicts about it or its parts, likewise
    std::string id_, name_;
};

class stage_presence_edit final : public edit {
public:
    stage_presence_edit(bool insert, std::string persona_id, std::size_t index, stage s, std::string id)
        : insert_(insert), persona_id_(std::move(persona_id)), index_(index), stage_(std::move(s)), id_(std::move(id)),
          name_(stage_.name) {}

    std::string label(const document&) const override {
        const std::string name = shown(name_, "(unnamed stage)");
        return insert_ ? format(_("Add Stage {1}"), name) : format(_("Delete Stage {1}"), name);
    }
    bool apply(document& doc, change_set& changes) override { return insert_ ? put(doc, changes) : take(doc, changes); }
    void revert(document& doc, change_set& changes) override { insert_ ? (void)take(doc, changes) : (void)put(doc, changes); }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + stage_bytes(stage_) + text_bytes(persona_id_) + text_bytes(id_) + text_bytes(name_) +
               comments_.bytes() + conflicts_.bytes();
    }

private:
    bool put(document& doc, change_set& changes) {
        persona* p = doc.persona_by_id(persona_id_);
        if (!p || !is_valid_id(stage_.id)) return false;
        for (const persona& other : doc.personas)
            if (other.find_stage(stage_.id) != npos) return false;
        index_ = std::min(index_, p->stages.size());
        p->stages.insert(p->stages.begin() + index_, std::move(stage_));
        stage_ = stage{};
        changes.push_back(change::stage_added(persona_id_, id_, index_));
        if (comments_.put_back(doc)) changes.push_back(change::comments_changed(persona_id_, id_));
        if (conflicts_.put_back(doc)) changes.push_back(change::conflicts_changed());
        return true;
    }
    bool take(document& doc, change_set& changes) {
        persona* p = doc.persona_by_id(persona_id_);
        const std::size_t i = p ? p->find_stage(id_) : npos;
        if (i == npos) return false;
        index_ = i;
        stage_ = std::move(p->stages[i]);
        name_ = stage_.name;
        p->stages.erase(p->stages.begin() + i);
        changes.push_back(change::stage_removed(persona_id_, id_, i));
        if (comments_.take(doc, persona_id_, id_)) changes.push_back(change::comments_changed(persona_id_, id_));
        if (conflicts_.take(doc, persona_id_, id_)) changes.push_back(change::conflicts_changed());
        return true;
    }

    bool insert_;
    std::string persona_id_;
    std::size_t index_;
    stage stage_;
    held_comments comments_;
    held_conflicts conflicts_;
    std::string id_, name_;
};

class persona_move_edit final : public edit {
public:
    persona_move_edit(std::string id, std::size_t to) : id_(std::move(id)), to_(to) {}
    std::string label(const document&) const override {
        return format(_("Move Persona {1}"), shown(name_, "(unnamed persona)"));
    }
    bool apply(document& doc, change_set& changes) override {
        from_ = doc.find_persona(id_);
        if (from_ == npos || doc.personas.empty()) return false;
        to_ = std::min(to_, doc.personas.size() - 1);
        if (from_ == to_) return false;
        name_ = doc.personas[from_].name;
        move_within(doc.personas, from_, to_);
        changes.push_back(change::persona_moved(id_, to_));
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        move_within(doc.personas, to_, from_);
        changes.push_back(change::persona_moved(id_, from_));
    }
    std::size_t memory_bytes() const override { return sizeof(*this) + text_bytes(id_) + text_bytes(name_); }

private:
    std::string id_, name_;
    std::size_t to_, from_ = 0;
};

class stage_move_edit final : public edit {
public:
    stage_move_edit(std::string persona_id, std::string id, std::size_t to)
        : persona_id_(std::move(persona_id)), id_(std::move(id)), to_(to) {}
    std::string label(const document&) const override {
        return format(_("Move Stage {1}"), shown(name_, "(unnamed stage)"));
    }
    bool apply(document& doc, change_set& changes) override {
        persona* p = doc.persona_by_id(persona_id_);
        from_ = p ? p->find_stage(id_) : npos;
        if (from_ == npos) return false;
        to_ = std::min(to_, p->stages.size() - 1);
        if (from_ == to_) return false;
        name_ = p->stages[from_].name;
        move_within(p->stages, from_, to_);
        changes.push_back(change::stage_moved(persona_id_, id_, to_));
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        if (persona* p = doc.persona_by_id(persona_id_)) move_within(p->stages, to_, from_);
        changes.push_back(change::stage_moved(persona_id_, id_, from_));
    }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + text_bytes(persona_id_) + text_bytes(id_) + text_bytes(name_);
    }

private:
    std::string persona_id_, id_, name_;
    std::size_t to_, from_ = 0;
};

// Pain point edits keep the whole (short) list before and after: simple and exact.
class pain_points_edit final : public edit {
public:
    enum class op { insert, remove, move, set };
    pain_points_edit(op o, std::string persona_id, std::size_t index, std::size_t to, pain_point point)
        : op_(o), persona_id_(std::move(persona_id)), index_(index), to_(to), point_(std::move(point)) {}

    std::string label(const document&) const override {
        switch (op_) {
            case op::insert: return _("Add Pain Point");
            case op::remove: return _("Delete Pain Point");
            case op::move: return _("Move Pain Point");
            case op::set: return _("Edit Pain Point");
        }
        return {};
    }

    bool apply(document& doc, change_set& changes) override {
        persona* p = doc.persona_by_id(persona_id_);
        if (!p) return false;
        std::vector<pain_point> list = p->pain_points;
        auto duplicate = [&](std::size_t except) {
            for (std::size_t i = 0; i < list.size(); ++i)
                if (i != except && list[i].text == point_.text) return true;
            return false;
        };
        switch (op_) {
            case op::insert:
                if (point_.text.empty() || duplicate(npos)) return false;
                list.insert(list.begin() + std::min(index_, list.size()), point_);
                break;
            case op::remove:
                if (index_ >= list.size()) return false;
                list.erase(list.begin() + index_);
                break;
            case op::move:
                if (index_ >= list.size() || to_ >= list.size() || index_ == to_) return false;
                move_within(list, index_, to_);
                break;
            case op::set:
                if (index_ >= list.size() || point_.text.empty() || duplicate(index_) || list[index_] == point_) return false;
                list[index_] = point_;
                break;
        }
        before_ = std::exchange(p->pain_points, std::move(list));
        changes.push_back(change::pain_points_edited(persona_id_));
        if (follow_conflicts(doc)) changes.push_back(change::conflicts_changed());
        return true;
    }

    void revert(document& doc, change_set& changes) override {
        if (persona* p = doc.persona_by_id(persona_id_)) p->pain_points = before_;
        changes.push_back(change::pain_points_edited(persona_id_));
        bool conflicts = !renamed_.empty();
        for (std::size_t i : renamed_) doc.conflicts[i].pain_point = before_[index_].text;
        renamed_.clear();
        conflicts = conflicts_.put_back(doc) || conflicts;
        if (conflicts) changes.push_back(change::conflicts_changed());
    }

    std::size_t memory_bytes() const override {
        std::size_t n = sizeof(*this) + text_bytes(persona_id_) + text_bytes(point_.text) + conflicts_.bytes() +
                        renamed_.capacity() * sizeof(std::size_t);
        for (const pain_point& pp : before_) n += sizeof(pain_point) + text_bytes(pp.text);
        return n;
    }

private:
    // Conflicts name a pain point by its text, so they follow it: deleted, they go with it; given
    // another category, the conflict about its category is settled; renamed, they name the new text.
    // Undo brings them back as they were. True when any changed.
    bool follow_conflicts(document& doc) {
        if (op_ != op::remove && op_ != op::set) return false;
        const pain_point& old = before_[index_];
        const auto about = [&](const merge_conflict& c) { return c.persona_id == persona_id_ && c.pain_point == old.text; };
        if (op_ == op::remove) return conflicts_.take_if(doc, about);
        bool changed = false;
        if (old.category != point_.category)
            changed = conflicts_.take_if(doc, [&](const merge_conflict& c) { return about(c) && c.field == "category"; });
        if (old.text != point_.text)
            for (std::size_t i = 0; i < doc.conflicts.size(); ++i)
                if (about(doc.conflicts[i])) {
                    doc.conflicts[i].pain_point = point_.text;
                    renamed_.push_back(i);
                }
        return changed || !renamed_.empty();
    }

    op op_;
    std::string persona_id_;
    std::size_t index_, to_;
    pain_point point_;
    std::vector<pain_point> before_;
    held_conflicts conflicts_;          // those deleted with the pain point or settled by its category
    std::vector<std::size_t> renamed_;  // indices of those that now name its new text
};

}  // namespace

std::unique_ptr<edit> set_stage_field(std::string persona_id, std::string stage_id, stage_field field, std::string text) {
    return std::make_unique<stage_field_edit>(std::move(persona_id), std::move(stage_id), field, std::move(text));
}

std::unique_ptr<edit> set_persona_field(std::string persona_id, persona_field field, std::string text) {
    return std::make_unique<persona_field_edit>(std::move(persona_id), field, std::move(text));
}

std::unique_ptr<edit> set_document_title(std::string title) { return std::make_unique<title_edit>(std::move(title)); }

std::unique_ptr<edit> set_status(std::string persona_id, persona_status status) {
    std::string label = status == persona_status::completed ? _("Mark Persona Completed") : _("Mark Persona In Progress");
    return std::make_unique<persona_value_edit<persona_status>>(std::move(persona_id), &persona::status, "status",
                                                                &change::status_changed, status, std::move(label));
}

std::unique_ptr<edit> set_summary(std::string persona_id, std::optional<persona_summary> summary) {
    std::string label = summary ? _("Set Summary") : _("Clear Summary");
    return std::make_unique<persona_value_edit<std::optional<persona_summary>>>(
        std::move(persona_id), &persona::summary, "summary", &change::summary_changed, std::move(summary), std::move(label));
}

std::unique_ptr<edit> insert_persona(std::size_t index, persona p) {
    std::string id = p.id;
    return std::make_unique<persona_presence_edit>(true, index, std::move(p), std::move(id));
}

std::unique_ptr<edit> remove_persona(std::string persona_id) {
    return std::make_unique<persona_presence_edit>(false, 0, persona{}, std::move(persona_id));
}

std::unique_ptr<edit> move_persona(std::string persona_id, std::size_t index) {
    return std::make_unique<persona_move_edit>(std::move(persona_id), index);
}

std::unique_ptr<edit> insert_stage(std::string persona_id, std::size_t index, stage s) {
    std::string id = s.id;
    return std::make_unique<stage_presence_edit>(true, std::move(persona_id), index, std::move(s), std::move(id));
}

std::unique_ptr<edit> remove_stage(std::string persona_id, std::string stage_id) {
    return std::make_unique<stage_presence_edit>(false, std::move(persona_id), 0, stage{}, std::move(stage_id));
}

std::unique_ptr<edit> move_stage(std::string persona_id, std::string stage_id, std::size_t index) {
    return std::make_unique<stage_move_edit>(std::move(persona_id), std::move(stage_id), index);
}

std::unique_ptr<edit> insert_pain_point(std::string persona_id, std::size_t index, pain_point point) {
    return std::make_unique<pain_points_edit>(pain_points_edit::op::insert, std::move(persona_id), index, 0, std::move(point));
}

std::unique_ptr<edit> remove_pain_point(std::string persona_id, std::size_t index) {
    return std::make_unique<pain_points_edit>(pain_points_edit::op::remove, std::move(persona_id), index, 0, pain_point{});
}

std::unique_ptr<edit> move_pain_point(std::string persona_id, std::size_t from, std::size_t to) {
    return std::make_unique<pain_points_edit>(pain_points_edit::op::move, std::move(persona_id), from, to, pain_point{});
}

std::unique_ptr<edit> set_pain_point(std::string persona_id, std::size_t index, pain_point point) {
    return std::make_unique<pain_points_edit>(pain_points_edit::op::set, std::move(persona_id), index, 0, std::move(point));
}

std::string persona_field_title(persona_field f) {
    switch (f) {
        case persona_field::name: return _("Name");
        case persona_field::created_by: return _("Created By");
        case persona_field::role: return _("Role");
        case persona_field::organisation: return _("Organisation");
        case persona_field::segment: return _("Segment");
        case persona_field::success_metric: return _("Primary Success Metric");
    }
    return {};
}

}  // namespace bpm
