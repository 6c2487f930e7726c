#pragma once

#include <string>

#include "bpm/model.h"

namespace bpm {

/// A Markdown playbook of the document: per persona its profile, pain points, whole-cycle
/// length and, stage by stage, what the buyer does and what the seller does about it.
std::string to_markdown(const document& doc);

/// Every stage of every persona as CSV (RFC 4180: CRLF line ends, fields quoted where needed),
/// one row per persona × stage under a header row; a persona without stages still gets a row.
std::string to_csv(const document& doc);

/// One CSV field, quoted and escaped when RFC 4180 requires it.
std::string csv_field(const std::string& value);

}  // namespace bpm
