#include "bpm/csv_table.h"

#include <algorithm>
#include <array>

#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The quote that closes a cell opened by the quote at text[open]: the first one after it that is
// not one of a pair ("" is a quote in the cell); npos when the text ends first. The search stops
// there, so a quote that turns out to be text costs no more than the stretch up to the next quote
// that is not doubled, and every such stretch starts after the last: reading stays linear.
std::size_t closing_quote(std::string_view text, std::size_t open) {
    for (std::size_t i = open + 1;; i += 2) {
        i = text.find('"', i);
        if (i == std::string_view::npos || i + 1 == text.size() || text[i + 1] != '"') return i;
    }
}

// Moves line and column over text that may hold line breaks (a quoted cell).
void advance(std::string_view text, std::size_t& line, std::size_t& column) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if (c != '\r' && !is_continuation(c)) {
            ++column;
        }
    }
}

// Reads text cell by cell, as read_csv_table describes, starting on line `line`, and hands what it
// finds to sink:
//   sink.cell(raw, quoted, at): a cell's text (with its "" escapes when quoted) and where it
//     starts; false stops the reading;
//   sink.row_end(offset): a row ended at byte offset; false stops the reading;
//   sink.unclosed(at): a quote opens a cell and the text ends before any quote closes it.
template <class Sink>
void scan_cells(std::string_view text, char separator, std::size_t line, Sink& sink) {
    std::array<bool, 256> stops{};  // the bytes that end an unquoted cell
    stops[static_cast<unsigned char>(separator)] = stops['\n'] = stops['\r'] = true;
    const auto stop = [&](std::size_t i) { return stops[static_cast<unsigned char>(text[i])]; };
    const std::size_t n = text.size();
    std::size_t i = 0, column = 1;
    bool unclosed = false;
    while (i < n) {
        const csv_position at{line, column};
        bool quoted = false;
        std::string_view raw;
        if (text[i] == '"') {
            const std::size_t close = closing_quote(text, i);
            if (close == std::string_view::npos) {
                if (!unclosed) sink.unclosed(at);
                unclosed = true;
            } else if (close + 1 == n || stop(close + 1)) {
                raw = text.substr(i + 1, close - i - 1);
                quoted = true;
                advance(text.substr(i, close + 1 - i), line, column);
                i = close + 1;
            }
        }
        if (!quoted) {
            std::size_t j = i;
            for (; j < n && !stop(j); ++j) column += !is_continuation(text[j]);
            raw = text.substr(i, j - i);
            i = j;
        }
        if (!sink.cell(raw, quoted, at)) return;
        if (i < n && text[i] == separator) {
            ++i;
            ++column;
            if (i < n) continue;
            if (!sink.cell({}, false, csv_position{line, column})) return;  // "a,": the last cell is empty
        } else if (i < n) {
            i += text[i] == '\r' && i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
            ++line;
            column = 1;
        }
        if (!sink.row_end(i)) return;
    }
}

// Counts the cells of the first record.
struct first_record_counter {
    std::size_t cells = 0;
    bool cell(std::string_view, bool, csv_position) { return ++cells; }
    bool row_end(std::size_t) { return false; }
    void unclosed(csv_position) {}
};

bool can_separate(char c) { return c == '\t' || (c > ' ' && c < 0x7F && c != '"'); }

}  // namespace

// Fills a table as scan_cells reads it, telling progress every 64 KiB.
class csv_table_builder {
public:
    // Reads text (a part of all, from byte base on) split at separator.
    csv_table_builder(csv_table& table, std::string_view text, char separator, std::size_t base, std::size_t total,
                      const progress_fn& progress)
        : table_(table), base_(base), total_(total), progress_(progress) {
        table.separator_ = separator;
        // Every cell and row ends at a separator or line break, or at the end: reserving for that
        // many spares the copies a growing vector makes, which would double the peak memory.
        std::size_t breaks = 0, separators = 0;
        for (const char c : text) {
            breaks += c == '\n' || c == '\r';
            separators += c == separator;
        }
        table.chars_.reserve(text.size());
        table.cells_.reserve(std::min(breaks + separators + 1, max_csv_cells));
        table.row_ends_.reserve(std::min(breaks + 1, max_csv_cells));
    }

    bool cell(std::string_view raw, bool quoted, csv_position at) {
        if (table_.cells_.size() == max_csv_cells) {
            too_many_ = at;
            return false;
        }
        std::string& chars = table_.chars_;
        if (!quoted) {
            chars.append(raw);
        } else {
            // Quotes inside come in pairs, each one quote of the text.
            for (std::size_t q; (q = raw.find('"')) != std::string_view::npos; raw.remove_prefix(q + 2))
                chars.append(raw.substr(0, q + 1));
            chars.append(raw);
        }
        table_.cells_.push_back({static_cast<std::uint32_t>(chars.size()), static_cast<std::uint32_t>(at.line),
                                 static_cast<std::uint32_t>(at.column)});
        return true;
    }

    bool row_end(std::size_t offset) {
        const std::size_t cells = table_.cells_.size() - table_.row_begin(table_.row_ends_.size());
        table_.row_ends_.push_back(static_cast<std::uint32_t>(table_.cells_.size()));
        table_.columns_ = std::max(table_.columns_, cells);
        if (offset < next_report_) return true;
        next_report_ = offset + stride;
        cancelled_ = !keep_going(progress_, base_ + offset, total_);
        return !cancelled_;
    }

    void unclosed(csv_position at) { table_.unclosed_quote_ = at; }

    bool cancelled() const { return cancelled_; }
    // Where the cell past max_csv_cells is, once one is.
    const std::optional<csv_position>& too_many() const { return too_many_; }

private:
    static constexpr std::size_t stride = std::size_t(1) << 16;
    csv_table& table_;
    std::size_t base_, total_;
    const progress_fn& progress_;
    std::size_t next_report_ = stride;
    bool cancelled_ = false;
    std::optional<csv_position> too_many_;
};

std::string_view csv_table::cell(std::size_t row, std::size_t column) const {
    if (row >= row_ends_.size()) return {};
    const std::size_t index = row_begin(row) + column;
    if (index >= row_ends_[row]) return {};
    const std::size_t begin = index == 0 ? 0 : cells_[index - 1].end;
    return std::string_view(chars_).substr(begin, cells_[index].end - begin);
}

bool csv_table::is_blank(std::size_t row) const {
    const std::uint32_t first = row_begin(row), last = row_ends_[row] - 1;
    return cells_[last].end == (first == 0 ? 0 : cells_[first - 1].end);
}

csv_position csv_table::position(std::size_t row, std::size_t column) const {
    const cell_entry& c = cells_[row_begin(row) + std::min(column, cell_count(row) - 1)];
    return {c.line, c.column};
}

result<csv_table> read_csv_table(std::string_view text, char separator, const progress_fn& progress) {
    if (auto too_big = check_document_size(text.size())) return result<csv_table>::failure(std::move(*too_big));
    // Excel's "sep=;" line names the separator and is no row; a separator given is no guess, so
    // such a line is then a row as any other (a pasted cell may say "sep=;").
    std::size_t start = 0, line = 1;
    if (!can_separate(separator) && text.size() >= 5 && ascii_lower(text.substr(0, 4)) == "sep=" &&
        can_separate(text[4]) && (text.size() == 5 || text[5] == '\r' || text[5] == '\n')) {
        separator = text[4];
        start = text.size() > 6 && text.substr(5, 2) == "\r\n" ? 7 : std::min<std::size_t>(6, text.size());
        line = 2;
    }
    const std::string_view body = text.substr(start);
    if (!can_separate(separator)) {
        std::size_t most = 0;
        for (const char candidate : {',', ';', '\t'}) {
            first_record_counter counter;
            scan_cells(body, candidate, line, counter);
            if (counter.cells > most) {
                most = counter.cells;
                separator = candidate;
            }
        }
        if (most <= 1) separator = ',';
    }
    result<csv_table> out = result<csv_table>::success();
    csv_table_builder builder(*out.value, body, separator, start, text.size(), progress);
    scan_cells(body, separator, line, builder);
    if (builder.cancelled()) return result<csv_table>::cancelled();
    if (const auto& at = builder.too_many())
        return result<csv_table>::failure(diagnostic{
            format(_("more than {1} million cells, more than a spreadsheet holds (Google Sheets' limit)"),
                   std::to_string(max_csv_cells / 1000000)),
            at->line, at->column});
    return out;
}

}  // namespace bpm
