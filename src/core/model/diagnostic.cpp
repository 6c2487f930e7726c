#include "bpm/diagnostic.h"

#include <algorithm>

#include "bpm/utf8.h"

namespace bpm {

std::string diagnostic::to_string() const {
    if (line == 0) return message;
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    text = text.substr(0, offset);
    const std::size_t line_start = text.rfind('\n') + 1;  // npos + 1 is 0: the first line
    const auto line = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    return {line, code_point_count(text.substr(line_start)) + 1};
}

std::vector<std::pair<std::size_t, std::size_t>> line_columns(std::string_view text,
                                                              const std::vector<std::size_t>& offsets) {
    std::vector<std::pair<std::size_t, std::size_t>> places;
    places.reserve(offsets.size());
    std::size_t line = 1, column = 1, at = 0;  // the place of byte `at`
    for (std::size_t offset : offsets) {
        offset = std::min(offset, text.size());
        const std::string_view between = text.substr(at, offset - at);
        const std::size_t line_end = between.rfind('\n');
        if (line_end == std::string_view::npos) {
            column += code_point_count(between);
        } else {
            line += static_cast<std::size_t>(std::count(between.begin(), between.end(), '\n'));
            column = code_point_count(between.substr(line_end + 1)) + 1;
        }
        at = offset;
        places.emplace_back(line, column);
    }
    return places;
}

}  // namespace bpm
