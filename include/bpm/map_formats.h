#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/csv_import.h"
#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// The file formats a map is read from or written to.
enum class map_format { bpm, json, csv, tsv, markdown, mermaid, xlsx, pdf, png, svg };

/// The format a file name's extension names, case-insensitive: .bpm, .json, .csv, .tsv (.tab),
/// .md (.markdown), .mmd (.mermaid), .xlsx, .pdf, .png, .svg; nothing for any other name.
std::optional<map_format> map_format_of_path(std::string_view path);

/// The format a --format value names: the extensions above without the dot, and "mermaid",
/// "markdown"; nothing for any other value.
std::optional<map_format> map_format_from_name(std::string_view name);

/// The short name of a format, as --format takes it ("md", "mermaid", "xlsx").
std::string_view map_format_name(map_format f);

/// Every extension of a format, without the dot, the usual one first ("tsv", "tab").
std::vector<std::string_view> map_format_extensions(map_format f);

/// Every format import_map reads, .bpm first.
std::vector<map_format> importable_formats();

/// True when import_map reads files of this format.
bool can_import(map_format f);

/// Choices import_map leaves to the user; each unset one is detected.
struct import_options {
    /// For csv and tsv: the separator and the layout (load_csv).
    csv_import_options csv;
};

/// Reads a map from a file of format f (one can_import accepts), telling progress; what it
/// assumed or kept unused is in the result's warnings, each located where the file allows.
result<document> import_map(const std::string& path, map_format f, const progress_fn& progress = {},
                            const import_options& options = {});

}  // namespace bpm
