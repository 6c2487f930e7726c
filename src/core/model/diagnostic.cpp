#include "bpm/diagnostic.h"

namespace bpm {

std::string diagnostic::to_string() const {
    if (line == 0) return message;
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\n') {
            ++line;
            column = 1;
        } else if ((b & 0xC0) != 0x80) {
            // Count code points, not bytes: continuation bytes do not start a column.
            ++column;
        }
    }
    return {line, column};
}

}  // namespace bpm
