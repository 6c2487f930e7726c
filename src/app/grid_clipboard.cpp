#include "grid_clipboard.h"

#include "bpm/csv_table.h"

CellBlock ParseTabSeparated(std::string_view text) {
    CellBlock block;
    const bpm::result<bpm::csv_table> table = bpm::read_csv_table(text, '\t');
    if (!table) return block;
    block.resize(table.value->row_count());
    for (std::size_t r = 0; r < block.size(); ++r)
        for (std::size_t c = 0; c < table.value->cell_count(r); ++c) block[r].emplace_back(table.value->cell(r, c));
    return block;
}

std::string FormatTabSeparated(const CellBlock& block) {
    std::string out;
    for (const auto& row : block) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0) out += '\t';
            const std::string& cell = row[c];
            if (cell.find_first_of("\t\n\r\"") == std::string::npos) {
                out += cell;
                continue;
            }
            out += '"';
            for (char ch : cell) {
                if (ch == '"') out += '"';
                out += ch;
            }
            out += '"';
        }
        out += '\n';
    }
    return out;
}
