#pragma once
// "-" for standard input, where a command reads a map.

#include <iosfwd>
#include <string>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm::cli {

/// True for "-", the name that stands for standard input where a command reads a map.
inline bool is_standard_input(const std::string& path) { return path == "-"; }

/// Reads a map from in (standard input) up to max_document_bytes, then refuses it: JSON when its
/// first character, after a byte order mark and white space, is { or [; a .bpm map otherwise.
result<document> read_standard_input(std::istream& in, const progress_fn& progress);

}  // namespace bpm::cli
