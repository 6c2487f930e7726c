#include "bpm/history.h"

#include <algorithm>

#include "bpm/tr.h"

namespace bpm {

history::history(document& doc) : doc_(doc), clock_(now_iso8601) {}

bool history::submit(std::unique_ptr<edit> e) {
    if (!e) return false;
    change_set changes;
    if (!e->apply(doc_, changes)) return false;

    if (group_depth_ > 0) {
        group_.edits.push_back(std::move(e));
        group_changes_.insert(group_changes_.end(), changes.begin(), changes.end());
        return true;
    }

    // Typing on in the same field extends the previous step rather than adding one per keystroke.
    if (merge_allowed_ && done_ > 0 && done_ == steps_.size() && clean_ != done_) {
        step& top = steps_[done_ - 1];
        if (top.edits.size() == 1 && top.edits.front()->merge(*e)) {
            stamp(top, changes);
            notify(changes);
            return true;
        }
    }

    step s;
    s.label = e->label();
    s.edits.push_back(std::move(e));
    record(std::move(s), changes);
    merge_allowed_ = true;
    return true;
}

void history::begin_group(std::string label) {
    if (group_depth_++ == 0) {
        group_ = step{};
        group_.label = std::move(label);
        group_changes_.clear();
    }
}

void history::end_group() {
    if (group_depth_ == 0 || --group_depth_ > 0) return;
    if (group_.edits.empty()) return;
    const change_set changes = std::move(group_changes_);
    group_changes_.clear();
    record(std::move(group_), changes);
    group_ = step{};
    // A group is a deliberate unit; what follows it starts a new step.
    merge_allowed_ = false;
}

void history::record(step s, const change_set& changes) {
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(done_), steps_.end());
    if (clean_ != npos && clean_ > done_) clean_ = npos;  // the saved state was among the discarded redo steps
    stamp(s, changes);
    steps_.push_back(std::move(s));
    ++done_;
    notify(changes);
}

void history::stamp(step& s, const change_set& changes) {
    const std::string now = clock_();
    for (const change& c : changes) {
        if (c.persona_id.empty() || c.what == change::kind::persona_removed) continue;
        const std::size_t i = doc_.find_persona(c.persona_id);
        if (i == npos) continue;
        persona& p = doc_.personas[i];
        const auto known = [&](const auto& list) {
            return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == c.persona_id; });
        };
        if (!known(s.stamps_before)) s.stamps_before.emplace_back(c.persona_id, p.last_updated_at);
        p.last_updated_at = now;
        auto after = std::find_if(s.stamps_after.begin(), s.stamps_after.end(),
                                  [&](const auto& e) { return e.first == c.persona_id; });
        if (after == s.stamps_after.end()) s.stamps_after.emplace_back(c.persona_id, now);
        else after->second = now;
    }
}

void history::restore_stamps(const std::vector<std::pair<std::string, std::string>>& stamps) {
    for (const auto& [id, when] : stamps) {
        const std::size_t i = doc_.find_persona(id);
        if (i != npos) doc_.personas[i].last_updated_at = when;
    }
}

bool history::undo() {
    if (group_depth_ > 0 || done_ == 0) return false;
    step& s = steps_[--done_];
    change_set changes;
    for (auto it = s.edits.rbegin(); it != s.edits.rend(); ++it) (*it)->revert(doc_, changes);
    restore_stamps(s.stamps_before);
    merge_allowed_ = false;
    notify(changes);
    return true;
}

bool history::redo() {
    if (group_depth_ > 0 || done_ == steps_.size()) return false;
    step& s = steps_[done_++];
    change_set changes;
    for (auto& e : s.edits) e->apply(doc_, changes);
    restore_stamps(s.stamps_after);
    merge_allowed_ = false;
    notify(changes);
    return true;
}

std::string history::undo_label() const {
    // TRANSLATORS: Edit menu item; {1} is a step such as "Edit Duration of Awareness"
    return can_undo() ? format(_("Undo {1}"), steps_[done_ - 1].label) : std::string();
}

std::string history::redo_label() const {
    // TRANSLATORS: Edit menu item; {1} is a step such as "Edit Duration of Awareness"
    return can_redo() ? format(_("Redo {1}"), steps_[done_].label) : std::string();
}

bool history::replace_document(document replacement) {
    if (group_depth_ > 0) return false;
    doc_ = std::move(replacement);
    steps_.clear();
    done_ = 0;
    clean_ = 0;
    merge_allowed_ = false;
    notify({change{change::kind::document_replaced, {}, {}, 0, std::nullopt, std::nullopt}});
    return true;
}

void history::mark_clean() {
    clean_ = done_;
    merge_allowed_ = false;
}

std::size_t history::subscribe(listener fn) {
    listeners_.emplace_back(next_token_, std::move(fn));
    return next_token_++;
}

void history::unsubscribe(std::size_t token) {
    listeners_.erase(std::remove_if(listeners_.begin(), listeners_.end(), [&](const auto& l) { return l.first == token; }),
                     listeners_.end());
}

void history::notify(const change_set& changes) {
    if (changes.empty()) return;
    // A listener may unsubscribe while being told; iterate over a copy of the list.
    const auto listeners = listeners_;
    for (const auto& [token, fn] : listeners) fn(changes);
}

std::size_t history::memory_bytes() const {
    std::size_t n = sizeof(*this) + steps_.capacity() * sizeof(step);
    for (const step& s : steps_) {
        n += s.label.capacity() > 15 ? s.label.capacity() + 1 : 0;
        n += s.edits.capacity() * sizeof(std::unique_ptr<edit>);
        for (const auto& e : s.edits) n += e->memory_bytes();
        for (const auto* stamps : {&s.stamps_before, &s.stamps_after})
            n += stamps->capacity() * sizeof(std::pair<std::string, std::string>);
    }
    return n;
}

bool apply_standard_stages(history& h, const std::string& persona_id) {
    const std::size_t pi = h.doc().find_persona(persona_id);
    if (pi == npos) return false;
    h.begin_group(_("Apply Standard Stages"));
    bool all = true;
    for (const std::string& name : standard_stage_names()) {
        // Edits in a group apply at once, so each new id already sees the stages added before it.
        stage s;
        s.id = h.doc().new_stage_id();
        s.name = name;
        all = h.submit(insert_stage(persona_id, h.doc().personas[pi].stages.size(), std::move(s))) && all;
    }
    h.end_group();
    return all;
}

}  // namespace bpm
