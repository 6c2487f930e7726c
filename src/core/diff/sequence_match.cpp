#include "bpm/sequence_match.h"

#include <algorithm>
#include <unordered_map>

#include "bpm/model.h"

namespace bpm {

namespace {

// Positions in seq (distinct values) of one longest increasing subsequence, by patience sorting:
// O(n log n), so that a map whose stages were all reordered costs no more than one edited.
std::vector<bool> in_longest_increasing(const std::vector<std::size_t>& seq) {
    std::vector<std::size_t> tails;  // tails[k]: position of the smallest end of an increasing run of k + 1
    std::vector<std::size_t> before(seq.size(), npos);
    for (std::size_t i = 0; i < seq.size(); ++i) {
        const auto at = std::lower_bound(tails.begin(), tails.end(), seq[i],
                                         [&](std::size_t pos, std::size_t value) { return seq[pos] < value; });
        if (at != tails.begin()) before[i] = *(at - 1);
        if (at == tails.end()) tails.push_back(i);
        else *at = i;
    }
    std::vector<bool> kept(seq.size(), false);
    for (std::size_t i = tails.empty() ? npos : tails.back(); i != npos; i = before[i]) kept[i] = true;
    return kept;
}

}  // namespace

sequence_match match_sequences(const std::vector<std::string_view>& old_keys,
                               const std::vector<std::string_view>& new_keys) {
    sequence_match m;
    m.new_of_old.assign(old_keys.size(), npos);
    m.old_of_new.assign(new_keys.size(), npos);
    m.moved.assign(new_keys.size(), false);
    // The common start pairs by position, so that an unchanged sequence (the usual case) builds no table.
    std::size_t start = 0;
    while (start < old_keys.size() && start < new_keys.size() && old_keys[start] == new_keys[start]) {
        m.new_of_old[start] = m.old_of_new[start] = start;
        ++start;
    }
    if (start == old_keys.size() || start == new_keys.size()) return m;

    // Each key's first old occurrence not yet paired; later ones are chained through next_same.
    std::unordered_map<std::string_view, std::size_t> first_unpaired;
    first_unpaired.reserve(old_keys.size() - start);
    std::vector<std::size_t> next_same(old_keys.size(), npos);
    std::vector<std::size_t> last_of(old_keys.size(), npos);  // for a chain's head: its tail
    for (std::size_t i = start; i < old_keys.size(); ++i) {
        const auto [it, fresh] = first_unpaired.try_emplace(old_keys[i], i);
        if (fresh) {
            last_of[i] = i;
        } else {
            next_same[last_of[it->second]] = i;
            last_of[it->second] = i;
        }
    }
    std::vector<std::size_t> paired_new, old_order;  // new indices with a partner, their partners
    for (std::size_t j = start; j < new_keys.size(); ++j) {
        const auto it = first_unpaired.find(new_keys[j]);
        if (it == first_unpaired.end() || it->second == npos) continue;
        const std::size_t i = it->second;
        if (next_same[i] != npos) last_of[next_same[i]] = last_of[i];
        it->second = next_same[i];
        m.new_of_old[i] = j;
        m.old_of_new[j] = i;
        paired_new.push_back(j);
        old_order.push_back(i);
    }
    const std::vector<bool> kept = in_longest_increasing(old_order);
    for (std::size_t k = 0; k < paired_new.size(); ++k) m.moved[paired_new[k]] = !kept[k];
    return m;
}

}  // namespace bpm
