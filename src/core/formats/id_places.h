#pragma once

// Where the reader first met each id of a map, so that it can name the first use of a duplicate as
// it meets it. One open-addressing array: the std::unordered_map it replaces allocated a node per
// id, divided by a prime at each look-up and freed the nodes one by one, 6% of the CPU time of
// loading the 200 x 12 map.

#include <cstddef>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace bpm {

class id_places {
public:
    // The offset where id was first met and true, after noting offset for it, when it is new;
    // where it was first met and false otherwise. The table keeps the view, not the characters.
    std::pair<std::size_t, bool> emplace(std::string_view id, std::size_t offset) {
        if (2 * (used_ + 1) > slots_.size()) grow();
        const std::size_t hash = std::hash<std::string_view>{}(id);
        slot& s = find(id, hash);
        if (s.offset != empty) return {s.offset, false};
        s = {id, offset, hash};
        ++used_;
        return {offset, true};
    }

private:
    static constexpr std::size_t empty = std::size_t(-1);
    // The hash is kept so that growing the table does not hash every id again: the 2,600 ids of
    // the 200 x 12 map were hashed 4,300 more times in its load; five loads, 192.0M -> 190.5M
    // instructions.
    struct slot {
        std::string_view id;
        std::size_t offset = empty;
        std::size_t hash = 0;
    };

    // The slot that holds id, whose hash is given, or the empty one where it would go. At most half
    // the slots are used, so there is one.
    slot& find(std::string_view id, std::size_t hash) {
        const std::size_t mask = slots_.size() - 1;  // the size is a power of two
        std::size_t i = hash & mask;
        while (slots_[i].offset != empty && (slots_[i].hash != hash || slots_[i].id != id)) i = (i + 1) & mask;
        return slots_[i];
    }

    void grow() {
        std::vector<slot> old(slots_.empty() ? 64 : 2 * slots_.size());
        old.swap(slots_);
        for (const slot& s : old)
            if (s.offset != empty) find(s.id, s.hash) = s;
    }

    std::vector<slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace bpm
