#pragma once
// bpmap-cli merge: the three-way merge of two versions of a map, for people and as git's merge driver.

#include <iosfwd>
#include <string>

namespace bpm::cli {

/// The files of a merge: the common base and the two versions, where the result goes, and the
/// name the messages and the formats go by.
struct merge_paths {
    std::string base, ours, theirs;
    /// Where the merged map is written: OUT, or ours itself (git's %A) when "".
    std::string output;
    /// The map's own path when the versions are temporary copies (git's %P): it names them in
    /// messages ("map.bpm (theirs)") and its extension gives the format of every file but OUT.
    /// "" when the files go by their own names.
    std::string name;
};

/// bpmap-cli merge BASE OURS THEIRS [-o OUT] [--name PATH]: merges the versions field by field
/// (merge_maps) and writes the merged map, ours' values and the conflicts recorded in it, as OUT
/// (or over OURS). An empty BASE file or /dev/null is the empty map (git gives one when both
/// branches added the file). Returns 0 when the versions merged cleanly, 1 when the written map
/// records conflicts (each said on err), 2 when a version cannot be read (FILE:LINE:COL: message
/// on err) or the result cannot be written; nothing is written then.
int merge_files(const merge_paths& paths, std::ostream& err);

}  // namespace bpm::cli
