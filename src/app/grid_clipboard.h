#pragma once
// Tab-separated text as spreadsheets put it on the clipboard, and back.

#include <string>
#include <string_view>
#include <vector>

/// A block of cells: rows of column texts.
using CellBlock = std::vector<std::vector<std::string>>;

/// Reads tab-separated text: rows end at a line break (LF or CRLF), cells at a tab; a cell in
/// double quotes may hold tabs, line breaks and "" for a quote. A quote opens such a cell only when
/// its closing quote ends the cell (a tab, line break or the end follows), as spreadsheets read
/// it; otherwise it is text ("Quick win" pilot). A final line break adds no row.
CellBlock ParseTabSeparated(std::string_view text);

/// Writes a block as tab-separated text, quoting cells that hold a tab, line break or quote.
std::string FormatTabSeparated(const CellBlock& block);
