#pragma once
// What edits hold of the document while they have taken it out: shared by the edits of
// edit.cpp and comment_edit.cpp, private to the core.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bpm/model.h"

namespace bpm::detail {

// Bytes a held comment or conflict keeps beyond its own size, for an edit's memory_bytes.
std::size_t held_bytes(const comment& c);
std::size_t held_bytes(const merge_conflict& c);

// The comments (or merge conflicts) about something while an edit has removed it (a persona, a
// stage, a pain point, a comment), each with the index it had in the document's list (Items is
// document::comments or ::conflicts): they go with what they are about, so that nothing is left
// about what is gone, and the edit's undo puts them back where they were.
template <class Item, std::vector<Item> document::*Items>
class held_items {
public:
    // Moves the items about persona_id (and stage_id, unless "") out of doc.
    bool take(document& doc, const std::string& persona_id, const std::string& stage_id) {
        return take_if(doc, [&](const Item& c) {
            return c.persona_id == persona_id && (stage_id.empty() || c.stage_id == stage_id);
        });
    }
    // Moves the items for which about holds out of doc.
    template <class Predicate>
    bool take_if(document& doc, Predicate about) {
        std::vector<Item>& items = doc.*Items;
        if (std::none_of(items.begin(), items.end(), about)) return false;
        std::vector<Item> kept;
        for (std::size_t i = 0; i < items.size(); ++i) {
            Item& c = items[i];
            if (about(c)) held_.emplace_back(i, std::move(c));
            else kept.push_back(std::move(c));
        }
        items = std::move(kept);
        return true;
    }
    // Puts them back at their indices, in order, so the document's list is as it was.
    bool put_back(document& doc) {
        if (held_.empty()) return false;
        std::vector<Item>& items = doc.*Items;
        for (auto& [index, c] : held_)
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(std::min(index, items.size())), std::move(c));
        held_.clear();
        return true;
    }
    std::size_t bytes() const {
        std::size_t n = held_.capacity() * sizeof(held_[0]);
        for (const auto& held : held_) n += held_bytes(held.second);
        return n;
    }

private:
    std::vector<std::pair<std::size_t, Item>> held_;
};

using held_comments = held_items<comment, &document::comments>;
using held_conflicts = held_items<merge_conflict, &document::conflicts>;

}  // namespace bpm::detail
