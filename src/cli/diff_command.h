#pragma once
// bpmap-cli diff: the changes between two versions of a map, for people, for tools and for git.

#include <iosfwd>
#include <string>
#include <vector>

namespace bpm::cli {

/// How bpmap-cli diff prints the changes.
enum class diff_format { text, json };

/// bpmap-cli diff OLD NEW: prints the changes (none when the maps are equal) and returns 0 when
/// the maps are equal, 1 when they differ, 2 when one cannot be read, having said where on err,
/// like diff(1). "/dev/null" stands for an empty map, "-" for the map read from in.
int diff_files(const std::string& old_path, const std::string& new_path, diff_format format, std::istream& in,
               std::ostream& out, std::ostream& err);

/// bpmap-cli diff --git with the seven arguments git gives a diff driver (path, old file, old
/// hex, old mode, new file, new hex, new mode; /dev/null for a side that does not exist): a
/// header naming the path, then the changes as text. Returns 0 whenever it could print something,
/// even for a version that is not a valid map (the problem is printed in its place), since git
/// stops the whole diff at a driver that fails.
int diff_for_git(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// bpmap-cli diff --textconv FILE: the map's outline (one line a field), for git to compare line
/// by line; a file that is not a valid map is printed as it is, its problems said on err, so
/// that git log -p never stops at one. Returns 0, or 2 when the file cannot be read at all.
int outline_for_git(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace bpm::cli
