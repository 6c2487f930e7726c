#include "bpm/history.h"

#include <algorithm>

#include "bpm/tr.h"

namespace bpm {

history::history(document& doc) : doc_(doc), clock_(now_iso8601) {}

bool history::submit(std::unique_ptr<edit> e, merge how) {
    if (!e || batch_ || read_only_) return false;
    change_set changes;
    if (!e->apply(doc_, changes)) return false;

    // Typing on in the same field extends the previous step rather than adding one per keystroke.
    if (how == merge::typing && typing_) {
        step& top = steps_[done_ - 1];
        if (top.edits.front()->merge(*e)) {
            stamp(top, changes);
            notify(changes);
            return true;
        }
    }

    step s;
    s.label = e->label(doc_);
    s.edits.push_back(std::move(e));
    record(std::move(s), changes);
    typing_ = how != merge::never;
    return true;
}

void history::record(step s, const change_set& changes) {
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(done_), steps_.end());
    if (clean_ != npos && clean_ > done_) clean_ = npos;  // the saved state was among the discarded redo steps
    stamp(s, changes);
    steps_.push_back(std::move(s));
    ++done_;
    typing_ = false;
    notify(changes);
}

void history::stamp(step& s, const change_set& changes) {
    const std::string now = clock_();
    for (const change& c : changes) {
        if (c.persona_id.empty() || c.what == change::kind::persona_removed) continue;
        // The stamp dates what the persona says. Marking it completed, storing its summary or
        // moving it in the list says nothing new: stamped, every summary written before the
        // interview's closing "done" would read as written before the last changes.
        if (c.what == change::kind::status || c.what == change::kind::summary || c.what == change::kind::persona_moved)
            continue;
        persona* p = doc_.persona_by_id(c.persona_id);
        if (!p) continue;
        const auto known = [&](const auto& list) {
            return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == c.persona_id; });
        };
        if (!known(s.stamps_before)) s.stamps_before.emplace_back(c.persona_id, p->last_updated_at);
        p->last_updated_at = now;
        auto after = std::find_if(s.stamps_after.begin(), s.stamps_after.end(),
                                  [&](const auto& e) { return e.first == c.persona_id; });
        if (after == s.stamps_after.end()) s.stamps_after.emplace_back(c.persona_id, now);
        else after->second = now;
    }
}

void history::restore_stamps(const std::vector<std::pair<std::string, std::string>>& stamps) {
    for (const auto& [id, when] : stamps) {
        if (persona* p = doc_.persona_by_id(id)) p->last_updated_at = when;
    }
}

bool history::undo() {
    if (!can_undo()) return false;
    step& s = steps_[--done_];
    change_set changes;
    for (auto it = s.edits.rbegin(); it != s.edits.rend(); ++it) (*it)->revert(doc_, changes);
    restore_stamps(s.stamps_before);
    typing_ = false;
    notify(changes);
    return true;
}

bool history::redo() {
    if (!can_redo()) return false;
    step& s = steps_[done_++];
    change_set changes;
    for (auto& e : s.edits) e->apply(doc_, changes);
    restore_stamps(s.stamps_after);
    typing_ = false;
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

bool history::replace_document(document replacement, bool matches_file) {
    if (batch_) return false;
    doc_ = std::move(replacement);
    steps_.clear();
    done_ = 0;
    clean_ = matches_file ? 0 : npos;
    typing_ = false;
    notify({change::document_replaced()});
    return true;
}

void history::set_read_only(bool read_only) {
    if (read_only == read_only_) return;
    read_only_ = read_only;
    typing_ = false;
    notify({change::read_only_changed()});
}

void history::mark_clean() {
    clean_ = done_;
    typing_ = false;
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

batch::batch(history& h, std::string label) : h_(h), label_(std::move(label)) {
    if (!h_.batch_ && !h_.read_only_) h_.batch_ = this;
}

batch::~batch() {
    if (!open()) return;
    // Nothing was pushed: take back what was applied, newest first, and tell nobody.
    change_set ignored;
    for (auto it = edits_.rbegin(); it != edits_.rend(); ++it) (*it)->revert(h_.doc_, ignored);
    h_.batch_ = nullptr;
}

bool batch::submit(std::unique_ptr<edit> e) {
    change_set changes;
    if (!e || !open() || !e->apply(h_.doc_, changes)) return false;
    changes_.insert(changes_.end(), changes.begin(), changes.end());
    edits_.push_back(std::move(e));
    return true;
}

void batch::push() {
    if (!open()) return;
    h_.batch_ = nullptr;
    if (edits_.empty()) return;
    history::step s;
    s.label = std::move(label_);
    s.edits = std::move(edits_);
    h_.record(std::move(s), changes_);
}

bool apply_standard_stages(batch& b, const std::string& persona_id) {
    const std::size_t pi = b.doc().find_persona(persona_id);
    if (pi == npos) return false;
    bool all = true;
    for (const std::string& name : standard_stage_names()) {
        // Edits in a batch apply at once, so each new id already sees the stages added before it.
        stage s;
        s.id = b.doc().new_stage_id();
        s.name = name;
        all = b.submit(insert_stage(persona_id, b.doc().personas[pi].stages.size(), std::move(s))) && all;
    }
    return all;
}

bool apply_standard_stages(history& h, const std::string& persona_id) {
    batch b(h, _("Apply Standard Stages"));
    const bool all = apply_standard_stages(b, persona_id);
    b.push();
    return all;
}

}  // namespace bpm
