#include "bpm/conflict_edit.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

const char* const persona_text_keys[] = {"name", "created_by", "role", "organisation", "segment", "success_metric"};

std::optional<persona_field> persona_field_from_conflict_key(std::string_view key) {
    for (persona_field f : {persona_field::name, persona_field::created_by, persona_field::role,
                            persona_field::organisation, persona_field::segment, persona_field::success_metric})
        if (persona_field_conflict_key(f) == key) return f;
    return std::nullopt;
}

bool is_removal(const merge_conflict& c) { return c.removed_by != conflict_side::none; }

// Whether the conflict's field holds plain text the user may type.
bool is_text_field(const merge_conflict& c) {
    if (!c.comment_id.empty()) return c.field == "text";
    if (is_removal(c) || c.pain_point) return false;
    if (c.persona_id.empty()) return c.field == "title" || c.field == "created_by";
    if (!c.stage_id.empty()) return stage_field_from_key(c.field).has_value();
    return persona_field_from_conflict_key(c.field).has_value() || c.field == "summary";
}

std::size_t pain_point_index(const persona& p, const std::string& text) {
    for (std::size_t i = 0; i < p.pain_points.size(); ++i)
        if (p.pain_points[i].text == text) return i;
    return npos;
}

std::string shown(const std::string& name, const char* placeholder) { return name.empty() ? _(placeholder) : name; }

// The map's created-by, which no other edit sets.
class map_created_by_edit final : public edit {
public:
    explicit map_created_by_edit(std::string text) : new_(std::move(text)) {}
    std::string label(const document&) const override { return _("Edit Created By"); }
    bool apply(document& doc, change_set& changes) override {
        if (doc.metadata.created_by == new_) return false;
        old_ = std::exchange(doc.metadata.created_by, new_);
        changes.push_back(change::metadata_edited());
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        doc.metadata.created_by = old_;
        changes.push_back(change::metadata_edited());
    }
    std::size_t memory_bytes() const override { return sizeof(*this) + new_.capacity() + old_.capacity(); }

private:
    std::string new_, old_;
};

// The text of a comment, which the editor never edits otherwise: only a merge that found it
// changed differently in two versions (by hand) asks for it.
class comment_text_edit final : public edit {
public:
    comment_text_edit(std::string comment_id, std::string text) : id_(std::move(comment_id)), new_(std::move(text)) {}
    std::string label(const document&) const override { return _("Edit Comment"); }
    bool apply(document& doc, change_set& changes) override {
        comment* c = find(doc);
        if (!c || c->text == new_) return false;
        old_ = std::exchange(c->text, new_);
        changes.push_back(change::comments_changed(c->persona_id, c->stage_id));
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        comment* c = find(doc);
        if (!c) return;
        c->text = old_;
        changes.push_back(change::comments_changed(c->persona_id, c->stage_id));
    }
    std::size_t memory_bytes() const override { return sizeof(*this) + id_.capacity() + new_.capacity() + old_.capacity(); }

private:
    comment* find(document& doc) const {
        for (comment& c : doc.comments)
            if (c.id == id_) return &c;
        return nullptr;
    }
    std::string id_, new_, old_;
};

const comment* comment_by_id(const document& doc, const std::string& id) {
    for (const comment& c : doc.comments)
        if (c.id == id) return &c;
    return nullptr;
}

// The edit that gives the field (or item) of c the value how says, into out (null when the map
// already holds it: keeping mine); false when that cannot be done in doc. The text of an edit is
// not judged here: can_resolve asks before there is one.
bool value_edit(const document& doc, const merge_conflict& c, conflict_resolution how, const std::string& text,
                std::unique_ptr<edit>& out) {
    out.reset();
    if (!can_resolve(c, how)) return false;
    if (!c.comment_id.empty()) {
        if (!comment_by_id(doc, c.comment_id)) return false;
        if (how != conflict_resolution::keep_mine)
            out = std::make_unique<comment_text_edit>(c.comment_id,
                                                      how == conflict_resolution::edited ? text : c.theirs);
        return true;
    }
    const persona* p = c.persona_id.empty() ? nullptr : doc.persona_by_id(c.persona_id);
    const stage* s = p && !c.stage_id.empty() ? p->stage_by_id(c.stage_id) : nullptr;
    const std::size_t point = p && c.pain_point ? pain_point_index(*p, *c.pain_point) : npos;
    const bool gone = (!c.persona_id.empty() && !p) || (!c.stage_id.empty() && !s) || (c.pain_point && point == npos);
    // What the conflict is about is gone (deleted since, or never there): keeping the map as it
    // is, or a deletion, only drops the conflict, which nothing else could settle.
    if (gone) return how == conflict_resolution::keep_mine || is_removal(c);
    if (how == conflict_resolution::keep_mine) return true;

    if (is_removal(c)) {
        if (c.pain_point) out = remove_pain_point(c.persona_id, point);
        else if (s) out = remove_stage(c.persona_id, c.stage_id);
        else out = remove_persona(c.persona_id);
        return true;
    }
    const std::string& value = how == conflict_resolution::edited ? text : c.theirs;
    if (c.persona_id.empty()) {
        if (c.field == "title") out = set_document_title(value);
        else out = std::make_unique<map_created_by_edit>(value);
        return true;
    }
    if (s) {
        out = set_stage_field(c.persona_id, c.stage_id, *stage_field_from_key(c.field), value);
        return true;
    }
    if (c.pain_point) {
        out = set_pain_point(c.persona_id, point, {*c.pain_point, *pain_category_from_key(value)});
        return true;
    }
    if (const auto f = persona_field_from_conflict_key(c.field)) {
        out = set_persona_field(c.persona_id, *f, value);
        return true;
    }
    if (c.field == "status") {
        out = set_status(c.persona_id, *persona_status_from_key(value));
        return true;
    }
    // The summary: theirs' text, or the user's, in place of mine, keeping mine's source and time;
    // with none of mine, theirs was the AI's (two template summaries never conflict).
    std::optional<persona_summary> summary;
    if (!value.empty()) {
        summary = p->summary.value_or(persona_summary{{}, summary_source::ai, {}});
        summary->text = value;
    }
    out = set_summary(c.persona_id, std::move(summary));
    return true;
}

class resolve_conflict_edit final : public edit {
public:
    resolve_conflict_edit(std::size_t index, conflict_resolution how, std::string text)
        : index_(index), how_(how), text_(std::move(text)) {}

    std::string label(const document&) const override { return label_; }

    bool apply(document& doc, change_set& changes) override {
        if (!applied_once_) {
            if (index_ >= doc.conflicts.size()) return false;
            const merge_conflict& c = doc.conflicts[index_];
            if (how_ == conflict_resolution::edited && !edited_text_problem(c, text_).empty()) return false;
            if (!value_edit(doc, c, how_, text_, value_)) return false;
            label_ = make_label(doc, c);
            // Taking a removal also settles whatever was disputed inside the item removed.
            const bool removes = is_removal(c) && how_ == conflict_resolution::take_theirs;
            for (std::size_t i = 0; i < doc.conflicts.size(); ++i) {
                const merge_conflict& o = doc.conflicts[i];
                const bool inside = removes && o.persona_id == c.persona_id &&
                                    (c.pain_point ? o.pain_point == c.pain_point
                                                  : c.stage_id.empty() || o.stage_id == c.stage_id);
                if (i == index_ || inside) dropped_.emplace_back(i, o);
            }
        }
        // The conflicts go before the value is set: a deletion would otherwise take those about
        // what it deletes along itself.
        for (auto it = dropped_.rbegin(); it != dropped_.rend(); ++it)
            doc.conflicts.erase(doc.conflicts.begin() + static_cast<std::ptrdiff_t>(it->first));
        if (!applied_once_) {
            if (value_ && !value_->apply(doc, changes)) value_.reset();  // the map held that value already
            applied_once_ = true;
        } else if (value_) {
            value_->apply(doc, changes);
        }
        changes.push_back(change::conflicts_changed());
        return true;
    }

    void revert(document& doc, change_set& changes) override {
        if (value_) value_->revert(doc, changes);
        for (const auto& [index, conflict] : dropped_)
            doc.conflicts.insert(doc.conflicts.begin() + static_cast<std::ptrdiff_t>(std::min(index, doc.conflicts.size())),
                                 conflict);
        changes.push_back(change::conflicts_changed());
    }

    bool merge(const edit& next) override { return how_ == conflict_resolution::edited && value_ && value_->merge(next); }

    std::size_t memory_bytes() const override {
        std::size_t n = sizeof(*this) + text_.capacity() + label_.capacity() + (value_ ? value_->memory_bytes() : 0);
        for (const auto& d : dropped_)
            n += sizeof(d) + d.second.persona_id.capacity() + d.second.stage_id.capacity() + d.second.field.capacity() +
                 d.second.base.capacity() + d.second.ours.capacity() + d.second.theirs.capacity();
        return n;
    }

private:
    std::string make_label(const document& doc, const merge_conflict& c) const {
        const std::string place = conflict_place_title(doc, c);
        if (is_removal(c))
            // TRANSLATORS: undo steps settling a conflict about a persona, stage or pain point one
            // version deleted; {1} is its name
            return how_ == conflict_resolution::keep_mine ? format(_("Keep {1}"), place) : format(_("Delete {1}"), place);
        switch (how_) {
            // TRANSLATORS: undo step; {1} is where the conflict is, e.g. "Duration of Awareness"
            case conflict_resolution::keep_mine: return format(_("Keep Mine for {1}"), place);
            // TRANSLATORS: undo step; {1} is where the conflict is, e.g. "Duration of Awareness"
            case conflict_resolution::take_theirs: return format(_("Take Theirs for {1}"), place);
            // TRANSLATORS: undo step; {1} is where the conflict is, e.g. "Duration of Awareness"
            case conflict_resolution::edited: return format(_("Resolve {1}"), place);
        }
        return {};
    }

    std::size_t index_;
    conflict_resolution how_;
    std::string text_;
    std::string label_;
    bool applied_once_ = false;
    std::unique_ptr<edit> value_;
    // The conflicts this step dropped, with the index each had, in ascending order.
    std::vector<std::pair<std::size_t, merge_conflict>> dropped_;
};

class replace_content_edit final : public edit {
public:
    replace_content_edit(document replacement, std::string label)
        : other_(std::move(replacement)), label_(std::move(label)) {}
    std::string label(const document&) const override { return label_; }
    bool apply(document& doc, change_set& changes) override {
        if (doc == other_) return false;
        std::swap(doc, other_);
        changes.push_back(change::content_replaced());
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        std::swap(doc, other_);
        changes.push_back(change::content_replaced());
    }
    // The other version's text, roughly: what a merge step keeps is a second copy of the map.
    std::size_t memory_bytes() const override {
        std::size_t n = sizeof(*this) + label_.capacity();
        for (const persona& p : other_.personas) {
            n += sizeof(persona) + p.name.size();
            for (const stage& s : p.stages) {
                n += sizeof(stage);
                for (stage_field f : all_stage_fields) n += s.field(f).size();
            }
        }
        return n + other_.conflicts.size() * sizeof(merge_conflict);
    }

private:
    document other_;
    std::string label_;
};

}  // namespace

std::string_view persona_field_conflict_key(persona_field f) { return persona_text_keys[static_cast<int>(f)]; }

bool can_resolve(const merge_conflict& c, conflict_resolution how) {
    switch (how) {
        case conflict_resolution::keep_mine: return true;
        case conflict_resolution::edited: return is_text_field(c);
        case conflict_resolution::take_theirs:
            if (is_removal(c)) return true;
            if (c.pain_point) return c.field == "category" && pain_category_from_key(c.theirs).has_value();
            if (c.field == "status") return persona_status_from_key(c.theirs).has_value();
            return is_text_field(c);
    }
    return false;
}

std::string edited_text_problem(const merge_conflict& c, std::string_view text) {
    if (c.comment_id.empty() || !trim(text).empty()) return {};
    // TRANSLATORS: when the text typed to settle a conflict about a comment's text is blank
    return _("A comment cannot be left without text. Type its text, or keep yours or take theirs.");
}

bool can_resolve(const document& doc, std::size_t index, conflict_resolution how) {
    std::unique_ptr<edit> value;
    return index < doc.conflicts.size() && value_edit(doc, doc.conflicts[index], how, {}, value);
}

bool conflict_place_gone(const document& doc, const merge_conflict& c) {
    if (!c.comment_id.empty()) return !comment_by_id(doc, c.comment_id);
    if (c.persona_id.empty()) return false;
    const persona* p = doc.persona_by_id(c.persona_id);
    if (!p) return true;
    if (!c.stage_id.empty() && !p->stage_by_id(c.stage_id)) return true;
    return c.pain_point && pain_point_index(*p, *c.pain_point) == npos;
}

std::unique_ptr<edit> resolve_conflict(std::size_t index, conflict_resolution how, std::string text) {
    return std::make_unique<resolve_conflict_edit>(index, how, std::move(text));
}

std::unique_ptr<edit> replace_content(document replacement, std::string label) {
    return std::make_unique<replace_content_edit>(std::move(replacement), std::move(label));
}

std::size_t find_field_conflict(const document& doc, std::string_view persona_id, std::string_view stage_id,
                                std::string_view field) {
    for (std::size_t i = 0; i < doc.conflicts.size(); ++i) {
        const merge_conflict& c = doc.conflicts[i];
        if (c.persona_id == persona_id && c.stage_id == stage_id && !c.pain_point && c.field == field &&
            !is_removal(c) && c.comment_id.empty())
            return i;
    }
    return npos;
}

std::size_t find_stage_removal_conflict(const document& doc, std::string_view persona_id, std::string_view stage_id) {
    for (std::size_t i = 0; i < doc.conflicts.size(); ++i) {
        const merge_conflict& c = doc.conflicts[i];
        if (is_removal(c) && !c.pain_point && c.persona_id == persona_id && !c.stage_id.empty() && c.stage_id == stage_id)
            return i;
    }
    return npos;
}

std::string conflict_place_title(const document& doc, const merge_conflict& c) {
    if (!c.comment_id.empty()) {
        const comment* about = comment_by_id(doc, c.comment_id);
        // TRANSLATORS: where a conflict is: the text of a comment; {1} is what the comment is about,
        // e.g. "Duration of Awareness"
        return about ? format(_("Comment on {1}"), comment_location(doc, *about)) : _("Comment");
    }
    const persona* p = c.persona_id.empty() ? nullptr : doc.persona_by_id(c.persona_id);
    const stage* s = p && !c.stage_id.empty() ? p->stage_by_id(c.stage_id) : nullptr;
    // TRANSLATORS: where a conflict is, when the persona it is about was deleted since the merge
    const std::string persona_name = p ? shown(p->name, "(unnamed persona)") : _("(removed persona)");
    // TRANSLATORS: where a conflict is, when the stage it is about was deleted since the merge
    const std::string stage_name = s ? shown(s->name, "(unnamed stage)") : _("(removed stage)");
    if (is_removal(c)) {
        if (c.pain_point) return *c.pain_point;
        return c.stage_id.empty() ? persona_name : stage_name;
    }
    std::string field;
    if (c.field == "extensions") field = _("Extensions");
    else if (c.field == "journey_tasks") field = _("Journey Tasks");
    else if (c.field == "status") field = _("Status");
    else if (c.field == "summary") field = _("Summary");
    else if (c.field == "category") field = _("Category");
    else if (c.field == "title") field = _("Title");
    // A stage's name, which the grid's column calls "Stage": "Name of Discovery".
    else if (c.field == "stage_name") field = persona_field_title(persona_field::name);
    else if (const auto sf = stage_field_from_key(c.field)) field = stage_field_title(*sf);
    else if (const auto pf = persona_field_from_conflict_key(c.field)) field = persona_field_title(*pf);
    else field = c.field;
    if (c.persona_id.empty()) return c.field == "created_by" ? persona_field_title(persona_field::created_by) : field;
    // TRANSLATORS: where a conflict is: {1} a field, {2} the stage, persona or pain point it belongs to
    return format(_("{1} of {2}"), field, c.pain_point ? *c.pain_point : c.stage_id.empty() ? persona_name : stage_name);
}

}  // namespace bpm
