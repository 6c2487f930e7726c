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

}  // namespace bpm
