#pragma once

#include <cstddef>
#include <string>

#include "bpm/model.h"

namespace bpm::test {

/// The map with the most elements that loads, the worst case for how much larger a map grows
/// when written: `personas` personas, then stages with every field empty and the shortest unique
/// ids, as many as fit, and the title filled with 'x' to make content_bytes exactly
/// max_content_bytes less short_by.
document largest_map(std::size_t personas = 4, std::size_t short_by = 0);

/// doc as another program may write a .bpm file: no declaration, no indentation, empty fields and
/// empty metadata left out. Only for text that needs no escaping, as largest_map's.
std::string compact_bpm(const document& doc);

/// doc as compact JSON: no white space, empty fields left out. Only for text that needs no
/// escaping, as largest_map's.
std::string compact_json(const document& doc);

}  // namespace bpm::test
