#pragma once

#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// A Markdown playbook of the document: per persona its profile, pain points, whole-cycle
/// length, its journey as a ```mermaid block (to_mermaid_journey) and, stage by stage, what the
/// buyer does and what the seller does about it. Tells progress (personas written, of all);
/// cancelled through it, no text.
result<std::string> to_markdown(const document& doc, const progress_fn& progress = {});

/// How the CSV is written: the separator between fields (',' as RFC 4180 has it; ';' is what
/// Excel reads in locales whose decimal mark is a comma).
struct csv_options {
    char separator = ',';
};

/// Every stage of every persona as CSV (RFC 4180: CRLF line ends, fields quoted where needed),
/// one row per persona × stage under a header row; a persona without stages still gets a row.
/// It starts with a UTF-8 byte order mark, without which Excel reads the file in the system's
/// code page ("MÃ¼ller"), and guards every field against formula injection (csv_field). Tells
/// progress as to_markdown does.
result<std::string> to_csv(const document& doc, const csv_options& options = {}, const progress_fn& progress = {});

/// True when csv_field guards a value: after any apostrophes it starts as a formula would (= + - @,
/// a tab or a carriage return, or their full-width forms). The apostrophes count so that a value
/// that starts with one keeps it when an importer takes the guard off ('=x is written ''=x).
bool needs_formula_guard(std::string_view value);

/// One CSV field: a value needs_formula_guard finds gets a leading apostrophe (OWASP's CSV
/// injection advice), then the field is quoted and escaped when RFC 4180 requires it for separator.
std::string csv_field(const std::string& value, char separator = ',');

}  // namespace bpm
