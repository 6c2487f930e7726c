#pragma once

// Bounds on the content_bytes of a map's parts from the sizes of their texts alone, so that a
// reader can tell a map stays within max_content_bytes without counting it exactly.

#include <cstddef>

#include "bpm/map_size.h"

namespace bpm {

// content_bytes of each part with empty texts: with max_written_bytes_per_text_byte, a bound on a
// part's content_bytes from the sizes of its texts alone.
struct empty_parts {
    static const empty_parts& get() {
        static const empty_parts parts;
        return parts;
    }
    std::size_t metadata = content_bytes(document_metadata{});
    std::size_t stage = content_bytes(bpm::stage{});
    std::size_t pain_point = content_bytes(bpm::pain_point{});
    std::size_t conflict = content_bytes(merge_conflict{});
    std::size_t comment = own_content_bytes(bpm::comment{});
    std::size_t reply = content_bytes(comment_reply{});
    std::size_t persona = own_content_bytes(bpm::persona{});
    std::size_t journey_task = content_bytes(bpm::journey_task{});
    std::size_t journey_person = journey_person_content_bytes({});
    std::size_t persona_with_summary = [] {
        bpm::persona p;
        p.summary = persona_summary{};
        return own_content_bytes(p);
    }();
};

}  // namespace bpm
