#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/csv_table.h"
#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

// Maps from spreadsheets: which column holds what (guessed from the headers, for the user to
// correct), then the map itself. An import preview calls read_csv_file, shows the table with
// guess_csv_mapping's choices (csv_column_title for each, all_csv_columns to choose from), lets
// the user change the layout (guess again with it), the header row or any column's field, then
// calls import_csv; another separator means reading the file again. load_csv does it all at once.
namespace bpm {

/// How a sheet lays out its stages.
enum class csv_layout {
    stages_in_rows,     ///< a row of headers, then one stage per row (as to_csv writes)
    stages_in_columns,  ///< the headers down the first column, then one stage per column
};

/// What a column of a sheet holds (a row, when the stages are in columns).
enum class csv_column : std::uint8_t {
    none,  ///< nothing to import: the column is left out
    persona_id,
    persona_name,
    pain_points,  ///< "; "-separated, as to_csv writes them
    status,       ///< in_progress or completed (and their synonyms)
    last_updated_at,
    created_by,
    summary,
    role,
    organisation,
    segment,
    success_metric,
    stage_number,  ///< the stages' order within their persona
    stage_id,
    stage_name,
    buyer_actions,
    duration,
    key_influencers,
    seller_actions,
    content_type,
    key_message,
};

/// Every csv_column but none, in the order a chooser lists them.
inline constexpr std::array<csv_column, 20> all_csv_columns = {
    csv_column::persona_id,     csv_column::persona_name,    csv_column::pain_points,    csv_column::status,
    csv_column::last_updated_at, csv_column::created_by,     csv_column::summary,        csv_column::role,
    csv_column::organisation,   csv_column::segment,         csv_column::success_metric, csv_column::stage_number,
    csv_column::stage_id,       csv_column::stage_name,      csv_column::buyer_actions,  csv_column::duration,
    csv_column::key_influencers, csv_column::seller_actions, csv_column::content_type,   csv_column::key_message,
};

/// A csv_column's name for a chooser, translated ("Buyer Actions"; "Not imported" for none).
std::string csv_column_title(csv_column c);

/// The column a header names: the spec's keys and titles, to_csv's headers, the stage table's
/// translated titles and common synonyms ("Phase", "Activities", "Stakeholders", "Assets", "Key
/// message", "Pain points", "Time", ...), ignoring case, spaces, '_', punctuation and a plural
/// 's'; none when it names none of them.
csv_column csv_column_for_header(std::string_view header);

/// How a table becomes a map: its layout, where its headers are, and what each header's column
/// (each header's row, with stages in columns) holds.
struct csv_mapping {
    csv_layout layout = csv_layout::stages_in_rows;
    /// The row of headers (stages in rows: the rows above it are left out), or, with stages in
    /// columns, the column of headers (the stages are the columns after it).
    std::size_t header = 0;
    /// What each cell of the header row (or column) names, index by index; cells past its end are none.
    std::vector<csv_column> columns;
};

/// The mapping a table most likely means: of the layouts (unless layout is given), the one whose
/// headers name the stage column and the most others: the header row is the best of the first ten
/// rows, the header column the first. Each header is read as csv_column_for_header reads it, a
/// column named twice taken the first time; with stages in columns and no header naming the
/// stage, an unnamed first row names them.
csv_mapping guess_csv_mapping(const csv_table& table, std::optional<csv_layout> layout = std::nullopt);

/// The map a table holds, read as mapping says. Stages go to personas by the persona id or name
/// column, in order of first appearance (a blank persona cell continues the persona above); with
/// neither, every stage belongs to one persona named default_persona_name. A persona's own cells
/// (pain points, status, ...) are taken once: a different value later is a warning. Ids given are
/// kept when valid and unused, others made; stage numbers order the stages; to_csv's formula guard
/// (a "'" before what would run as a formula) is taken off. Located warnings for what is left out:
/// columns not imported, cells past the headers, rows above them, control characters. Refused,
/// located: a quote never closed (a file cut short), no stage column, a cell over max_field_bytes,
/// a map over max_content_bytes (reading stops there). Tells progress rows (or columns) done of all.
result<document> import_csv(const csv_table& table, const csv_mapping& mapping, std::string_view default_persona_name,
                            const progress_fn& progress = {});

/// Reads a .csv or .tsv file (at most max_document_bytes) into a table: decode_text_file's
/// encodings, then read_csv_table with separator (0 detects it; a .tsv or .tab file is
/// tab-separated), telling progress as it does. Bytes read as Windows-1252 are a located warning
/// in the result, which import_csv does not repeat: show both.
result<csv_table> read_csv_file(const std::string& path, char separator = 0, const progress_fn& progress = {});

/// How load_csv reads a file; each unset choice is detected.
struct csv_import_options {
    char separator = 0;                 ///< ',', ';' or '\t'; 0 detects it
    std::optional<csv_layout> layout;   ///< detected by guess_csv_mapping when unset
};

/// Reads a .csv or .tsv file as a map: read_csv_file, guess_csv_mapping, then import_csv with the
/// file's name without its extension as the persona's name when no column names personas. Tells
/// progress thousandths done.
result<document> load_csv(const std::string& path, const csv_import_options& options = {},
                          const progress_fn& progress = {});

}  // namespace bpm
