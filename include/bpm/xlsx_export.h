#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

// The map as an Excel workbook (.xlsx, Office Open XML), written through libxlsxwriter.
namespace bpm {

/// How the workbook is written: created_at, ISO 8601, is the creation time it records (empty:
/// now; a fixed time makes the same map give the same bytes).
struct xlsx_options {
    std::string created_at;
};

/// Excel's limit on the text of one cell, in UTF-16 code units (characters outside the BMP count two).
inline constexpr std::size_t xlsx_max_cell_chars = 32767;

/// Writes the map as an .xlsx workbook at path, atomically (write_file_atomic's guarantees): an
/// overview sheet with one row per persona (name, the profile fields some persona fills, status,
/// stage count, whole-cycle length, pain points), then one sheet per persona (its stages in the
/// spec's column order, its pain points beside them), each under a bold, frozen header row, with
/// wrapped text, and column widths and row heights from the content. Every text is a string cell, never a
/// formula. A text longer than xlsx_max_cell_chars is cut to fit, ending in "…", and named in a
/// warning. Tells progress (in thousandths); cancelled through it, or failing, it leaves path as
/// it was and no temporary file behind.
result<> save_xlsx(const document& doc, const std::string& path, const xlsx_options& options = {},
                   const progress_fn& progress = {});

/// The workbook's sheet names: the overview's, then one per persona in order, derived from its
/// name as Excel allows (1 to 31 UTF-16 code units, none of []:*?/\ or control characters, no
/// apostrophe at either end, unique ignoring case, never "History"); a clash gets " (2)", " (3)"...
std::vector<std::string> xlsx_sheet_names(const document& doc);

/// Text as an XLSX cell carries it (ECMA-376's ST_Xstring): invalid UTF-8 as U+FFFD, line breaks
/// as LF, each character XML 1.0 cannot carry (other C0 controls, U+FFFE, U+FFFF) as _xHHHH_, and
/// the "_" of a literal "_xHHHH_" as _x005F_, so that Excel and LibreOffice read back the text
/// itself; cut as save_xlsx cuts it when Excel could not hold it. cut tells whether it was.
std::string xlsx_cell_text(std::string_view text, bool* cut = nullptr);

}  // namespace bpm
