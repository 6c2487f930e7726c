#pragma once
// Internal to the xlsx layer: how wide text shows in a spreadsheet column.

#include <cstddef>
#include <string_view>
#include <vector>

namespace bpm::xlsx_detail {

/// The widths of text's lines in character cells, as a terminal shows them (wcwidth: East Asian
/// wide characters and emoji two, combining marks none), from which column widths and row heights
/// follow: the widest of all, and those of the first max_lines.
struct line_widths {
    std::size_t widest = 0;
    std::vector<std::size_t> first;
};
line_widths measure_lines(std::string_view text, std::size_t max_lines);

/// Text's length in UTF-16 code units, as Excel counts characters (invalid bytes count one each).
std::size_t utf16_length(std::string_view text);

}  // namespace bpm::xlsx_detail
