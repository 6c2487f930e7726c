#pragma once

#include <string>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// A Markdown playbook of the document: per persona its profile, pain points, whole-cycle
/// length and, stage by stage, what the buyer does and what the seller does about it. Tells
/// progress (personas written, of all); cancelled through it, no text.
result<std::string> to_markdown(const document& doc, const progress_fn& progress = {});

/// Every stage of every persona as CSV (RFC 4180: CRLF line ends, fields quoted where needed),
/// one row per persona × stage under a header row; a persona without stages still gets a row.
/// Tells progress as to_markdown does.
result<std::string> to_csv(const document& doc, const progress_fn& progress = {});

/// One CSV field, quoted and escaped when RFC 4180 requires it.
std::string csv_field(const std::string& value);

}  // namespace bpm
