#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/map_size.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// The newest .bpm format version this program reads and writes. Version 2 added what version 1
/// lacked: <extension> (in the map, a persona or a stage), a stage's <journey>, <conflicts> and
/// <comments>. A map using none of them is written as version 1, which older programs read.
inline constexpr int bpm_format_version = 2;
/// The format version write_bpm gives doc: 2 when it uses any of the elements version 2 added, 1
/// otherwise.
int bpm_format_version_for(const document& doc);
/// Largest number of problems reported for one document; the rest are summarised.
inline constexpr std::size_t max_reported_problems = 50;

/// A failed result from a list of problems, cut to max_reported_problems with a line counting the
/// rest: those cut, and `unlisted` more that a reader only counted.
result<document> failed_load(std::vector<diagnostic> problems, std::size_t unlisted = 0);

/// Parses the bytes of a .bpm file. Every problem found is reported with its line and column;
/// any problem means no document. Each <extension> (a JSON member the map has no field for) is
/// checked to hold one JSON value, read compact, and told as a warning: kept, not used. Tells progress (bytes read, of all) as each persona is read;
/// cancelled through it, no document.
result<document> read_bpm(std::string_view bytes, const progress_fn& progress = {});

/// read_bpm without its quick pass for files laid out as write_bpm writes them: every file is read
/// through pugixml's tree, as read_bpm reads any other layout. For tests and the bpm_load fuzz
/// target, which check that the two read every file alike.
result<document> read_bpm_through_tree(std::string_view bytes, const progress_fn& progress = {});

/// The .bpm bytes of a document: UTF-8, pretty-printed with tabs, fields in a fixed order, at most
/// content_bytes(doc). Never refuses a map for its size, so a save or a rescue save always keeps
/// it whole: one that edits took past max_field_bytes or max_content_bytes is written all the same,
/// and read_bpm then says what is over (issue 13).
std::string write_bpm(const document& doc);

/// Reads a .bpm file, telling progress as read_bpm does.
result<document> load_bpm(const std::string& path, const progress_fn& progress = {});

/// Writes a .bpm file atomically: the previous file stays until the new one is complete. Fails
/// only when the file cannot be written, never for the map's size.
result<> save_bpm(const document& doc, const std::string& path);

}  // namespace bpm
