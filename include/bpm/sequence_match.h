#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace bpm {

/// How the items of two versions of one sequence correspond, paired by key (a persona's or a
/// stage's id, a pain point's text): what a diff reports and a merge builds on.
struct sequence_match {
    /// For each old item, the index of its partner in new, or npos when new has none (removed).
    std::vector<std::size_t> new_of_old;
    /// For each new item, the index of its partner in old, or npos when old has none (added).
    std::vector<std::size_t> old_of_new;
    /// For each new item, true when it has a partner but left the order the others kept: the
    /// fewest paired items whose moves turn old's order into new's (the other paired items are
    /// a longest common subsequence of the two).
    std::vector<bool> moved;
};

/// Pairs the items with equal keys (the k-th occurrence of a key in old with its k-th in new),
/// in time linear in the number of items for the pairing and n log n for the moves; the views
/// must outlive the call only.
sequence_match match_sequences(const std::vector<std::string_view>& old_keys,
                               const std::vector<std::string_view>& new_keys);

}  // namespace bpm
