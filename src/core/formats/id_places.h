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
        slot& s = find(id);
        if (s.offset != empty) return {s.offset, false};
        s = {id, offset};
        ++used_;
        return {offset, true};
    }

private:
    static constexpr std::size_t empty = std::size_t(-1);
    struct slot {
        std::string_view id;
        std::size_t offset = empty;
    };

    // The slot that holds id, or the empty one where it would go. At most half the slots are used,
    // so there is one.
    slot& find(std::string_view id) {
        const std::size_t mask = slots_.size() - 1;  // the size is a power of two
        std::size_t i = std::hash<std::string_view>{}(id) & mask;
        while (slots_[i].offset != empty && slots_[i].id != id) i = (i + 1) & mask;
        return slots_[i];
    }

    void grow() {
        std::vector<slot> old(slots_.empty() ? 64 : 2 * slots_.size());
        old.swap(slots_);
        for (const slot& s : old)
            if (s.offset != empty) find(s.id) = s;
    }

    std::vector<slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace bpm
