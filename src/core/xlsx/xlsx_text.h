#pragma once
// Internal to the xlsx layer: how wide text shows in a spreadsheet column.

#include <cstddef>
#include <string_view>

namespace bpm::xlsx_detail {

/// The width of text's widest line in character cells, as a terminal shows it (wcwidth: East
/// Asian wide characters and emoji two, combining marks none), from which column widths follow.
std::size_t widest_line(std::string_view text);

/// Text's length in UTF-16 code units, as Excel counts characters (invalid bytes count one each).
std::size_t utf16_length(std::string_view text);

}  // namespace bpm::xlsx_detail
