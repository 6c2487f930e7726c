#include "bpm/history.h"

#include <algorithm>

#include "bpm/tr.h"

namespace bpm {

namespace {

// The edits of a batch as one: applied in order, reverted newest first, under the batch's label.
class compound_edit final : public edit {
public:
    compound_edit(std::string label, std::vector<std::unique_ptr<edit>> edits)
        : label_(std::move(label)), edits_(std::move(edits)) {}

    std::string label(const document&) const override { return label_; }
    bool apply(document& doc, change_set& changes) override {
        for (auto& e : edits_) e->apply(doc, changes);
        return true;
    }
    void revert(document& doc, change_set& changes) override {
        for (auto it = edits_.rbegin(); it != edits_.rend(); ++it) (*it)->revert(doc, changes);
    }
    std::size_t memory_bytes() const override {
        std::size_t n = sizeof(*this) + (label_.capacity() > 15 ? label_.capacity() + 1 : 0) +
                        edits_.capacity() * sizeof(std::unique_ptr<edit>);
        for (const auto& e : edits_) n += e->memory_bytes();
        return n;
    }

private:
    std::string label_;
    std::vector<std::unique_ptr<edit>> edits_;
};

}  // namespace

history::history(document& doc) : doc_(doc), clock_(now_iso8601) {}

bool history::submit(std::unique_ptr<edit> e, merge how) {
    if (!e || batch_ || read_only_) return false;
    change_set changes;
    if (!e->apply(doc_, changes)) return false;

    // Typing on in the same field extends the previous step rather than adding one per keystroke.
    // That step is the last one: typing_ is false after an undo or redo.
    if (how == merge::typing && typing_) {
        step& top = steps_[done_ - 1];
        if (top.change->merge(*e)) {
            stamp(top.first_stamp, changes);
            notify(changes);
            return true;
        }
    }

    record(std::move(e), changes);
    typing_ = how != merge::never;
    return true;
}

void history::record(std::unique_ptr<edit> e, const change_set& changes) {
    if (done_ < steps_.size()) stamps_.resize(steps_[done_].first_stamp);  // the redo steps' stamps go with them
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(done_), steps_.end());
    if (clean_ != npos && clean_ > done_) clean_ = npos;  // the saved state was among the discarded redo steps
    steps_.push_back({std::move(e), stamps_.size()});
    stamp(steps_.back().first_stamp, changes);
    ++done_;
    typing_ = false;
    notify(changes);
}

void history::stamp(std::size_t first, const change_set& changes) {
    const std::string now = clock_();
    for (const change& c : changes) {
        if (c.persona_id.empty() || c.what == change::kind::persona_removed) continue;
        // The stamp dates what the persona says. Marking it completed, storing its summary or
        // moving it in the list says nothing new: stamped, every summary written before the
        // interview's closing "done" would read as written before the last changes. Comments are
        // about the persona, not part of what it says.
        if (c.what == change::kind::status || c.what == change::kind::summary || c.what == change::kind::persona_moved ||
            c.what == change::kind::comments_changed)
            continue;
        persona* p = doc_.persona_by_id(c.persona_id);
        if (!p) continue;
        const std::uint32_t id = intern(c.persona_id);
        auto known = std::find_if(stamps_.begin() + static_cast<std::ptrdiff_t>(first), stamps_.end(),
                                  [&](const persona_stamp& s) { return s.persona == id; });
        if (known == stamps_.end()) {
            stamps_.push_back({id, intern(p->last_updated_at), 0});
            known = stamps_.end() - 1;
        }
        p->last_updated_at = now;
        known->after = intern(now);
    }
}

void history::restore_stamps(std::size_t index, bool after) {
    const std::size_t end = index + 1 < steps_.size() ? steps_[index + 1].first_stamp : stamps_.size();
    for (std::size_t i = steps_[index].first_stamp; i < end; ++i) {
        const persona_stamp& s = stamps_[i];
        if (persona* p = doc_.persona_by_id(*strings_[s.persona])) p->last_updated_at = *strings_[after ? s.after : s.before];
    }
}

std::uint32_t history::intern(const std::string& text) {
    const auto [it, added] = string_index_.try_emplace(text, static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(&it->first);
    return it->second;
}

bool history::undo() {
    if (!can_undo()) return false;
    change_set changes;
    steps_[--done_].change->revert(doc_, changes);
    restore_stamps(done_, false);
    typing_ = false;
    notify(changes);
    return true;
}

bool history::redo() {
    if (!can_redo()) return false;
    change_set changes;
    steps_[done_].change->apply(doc_, changes);
    restore_stamps(done_++, true);
    typing_ = false;
    notify(changes);
    return true;
}

std::string history::undo_description() const {
    return can_undo() ? steps_[done_ - 1].change->label(doc_) : std::string();
}

std::string history::redo_description() const { return can_redo() ? steps_[done_].change->label(doc_) : std::string(); }

std::string history::undo_label() const {
    // TRANSLATORS: Edit menu item; {1} is a step such as "Edit Duration of Awareness"
    return can_undo() ? format(_("Undo {1}"), undo_description()) : std::string();
}

std::string history::redo_label() const {
    // TRANSLATORS: Edit menu item; {1} is a step such as "Edit Duration of Awareness"
    return can_redo() ? format(_("Redo {1}"), redo_description()) : std::string();
}

bool history::replace_document(document replacement, bool matches_file) {
    if (batch_) return false;
    doc_ = std::move(replacement);
    steps_.clear();
    stamps_.clear();
    string_index_.clear();
    strings_.clear();
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
    std::size_t n = sizeof(*this) + steps_.capacity() * sizeof(step) + stamps_.capacity() * sizeof(persona_stamp) +
                    strings_.capacity() * sizeof(const std::string*) + string_index_.bucket_count() * sizeof(void*);
    // A node of the index: its key and value, the link to the next node and the key's hash.
    for (const auto& [text, index] : string_index_)
        n += sizeof(text) + sizeof(index) + 2 * sizeof(void*) + (text.capacity() > 15 ? text.capacity() + 1 : 0);
    for (const step& s : steps_) n += s.change->memory_bytes();
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
    h_.record(std::make_unique<compound_edit>(std::move(label_), std::move(edits_)), changes_);
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
