#pragma once
// Tab-separated text as spreadsheets put it on the clipboard, and back.

#include <string>
#include <string_view>
#include <vector>

/// A block of cells: rows of column texts.
using CellBlock = std::vector<std::vector<std::string>>;

/// Reads tab-separated text as bpm::read_csv_table does, the file import's reader: rows end at a
/// line break, cells at a tab; a quote opens a quoted cell only when its closing quote ends the
/// cell, as spreadsheets read it; otherwise it is text ("Quick win" pilot). A final line break adds
/// no row; text past the size limit gives no block.
CellBlock ParseTabSeparated(std::string_view text);

/// Writes a block as tab-separated text, quoting cells that hold a tab, line break or quote.
std::string FormatTabSeparated(const CellBlock& block);
