#include "grid_clipboard.h"

namespace {

// True when the quote at text[open] has a closing quote ("" inside being one quote) that ends the
// cell: a tab, a line break or the end follows it. Only then is the cell quoted, as Excel and
// LibreOffice read it; otherwise the quote is the cell's first character. Looks no further than
// that closing quote.
bool ClosesProperly(std::string_view text, std::size_t open) {
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (text[i] != '"') continue;
        if (i + 1 < text.size() && text[i + 1] == '"') {
            ++i;
            continue;
        }
        const std::string_view after = text.substr(i + 1);
        return after.empty() || after[0] == '\t' || after[0] == '\n' || after.substr(0, 2) == "\r\n";
    }
    return false;
}

}  // namespace

CellBlock ParseTabSeparated(std::string_view text) {
    CellBlock block;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;      // inside a quoted cell
    bool cell_started = false;
    const auto end_cell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
    };
    const auto end_row = [&] {
        end_cell();
        block.push_back(std::move(row));
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cell_started && ClosesProperly(text, i)) {
            quoted = true;
            cell_started = true;
        } else if (c == '\t') {
            end_cell();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            // the LF that follows ends the row
        } else if (c == '\n') {
            end_row();
        } else {
            cell += c;
            cell_started = true;
        }
    }
    if (cell_started || !cell.empty() || !row.empty()) end_row();
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
