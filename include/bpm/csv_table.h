#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/progress.h"

// Delimited text (CSV, TSV, a block copied from a spreadsheet) read into rows of cells, as
// spreadsheets read it. One reader serves file import and the editor's paste.
namespace bpm {

/// Most cells read_csv_table reads, blank rows counting one each: ten million, Google Sheets'
/// limit for a whole spreadsheet (Excel's is a million rows). More is refused: at 12 bytes a cell
/// and 4 a row, a file of nothing but separators costs at most 160 MB besides its text.
inline constexpr std::size_t max_csv_cells = 10'000'000;

/// Where a cell starts in the text it was read from: 1-based line and column (in characters).
/// Lines end at LF, CRLF or a lone CR.
struct csv_position {
    std::size_t line = 0;
    std::size_t column = 0;
};

/// Rows of cells read from delimited text. Kept compact (the cells' texts in one string, 12 bytes
/// more per cell), since hostile files hold millions of empty cells.
class csv_table {
public:
    /// Rows read, blank ones included; a final line break adds none.
    std::size_t row_count() const { return row_ends_.size(); }
    /// Cells in a row (row < row_count()): one more than its separators.
    std::size_t cell_count(std::size_t row) const { return row_ends_[row] - row_begin(row); }
    /// Most cells of any row.
    std::size_t column_count() const { return columns_; }
    /// A cell's text, its quotes and "" escapes undone; "" past the end of its row or of the table.
    std::string_view cell(std::size_t row, std::size_t column) const;
    /// True when every cell of the row (row < row_count()) is empty.
    bool is_blank(std::size_t row) const;
    /// Where a cell of a row (row < row_count()) starts, a quoted cell at its opening quote; past the
    /// end of the row, where its last cell starts.
    csv_position position(std::size_t row, std::size_t column) const;
    /// The separator the cells were split at: ',', ';', '\t' or what a "sep=" line named.
    char separator() const { return separator_; }
    /// Where the first quote that opens a cell and is never closed stands, if any. Such a quote is
    /// read as text, as spreadsheets paste it; in a file it means the file was cut short.
    const std::optional<csv_position>& unclosed_quote() const { return unclosed_quote_; }

private:
    friend class csv_table_builder;

    std::uint32_t row_begin(std::size_t row) const { return row == 0 ? 0 : row_ends_[row - 1]; }

    struct cell_entry {
        std::uint32_t end;  // in chars_, where the cell's text ends (it starts where the previous one's ends)
        std::uint32_t line;
        std::uint32_t column;
    };
    std::string chars_;
    std::vector<cell_entry> cells_;
    std::vector<std::uint32_t> row_ends_;  // index in cells_ past each row's last cell
    std::size_t columns_ = 0;
    char separator_ = ',';
    std::optional<csv_position> unclosed_quote_;
};

/// Reads UTF-8 delimited text (RFC 4180, and what Excel, LibreOffice and Google Sheets write and
/// copy): cells end at separator, rows at LF, CRLF or a lone CR. A cell that starts with a quote is
/// quoted only when a closing quote ends it (the separator, a line break or the end follows; ""
/// inside is a quote); then it may hold separators and line breaks. Otherwise the quote is text
/// ("Quick win" pilot), as spreadsheets paste it. Separator 0 detects it: Excel's "sep=X" first
/// line names it (and is no row), else the one of ',', ';' and tab that splits the first record
/// into the most cells (',' on a tie). Linear in time and memory; tells progress bytes read of
/// all. Fails when the text passes max_document_bytes or max_csv_cells (placed where it does), or
/// progress cancels.
result<csv_table> read_csv_table(std::string_view text, char separator = 0, const progress_fn& progress = {});

}  // namespace bpm
