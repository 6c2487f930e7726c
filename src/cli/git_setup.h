#pragma once
// bpmap-cli git-setup: makes git diff and merge .bpm files as maps in the repository it runs in.

#include <iosfwd>

namespace bpm::cli {

/// Run inside a git repository's working tree: adds "*.bpm diff=bpm merge=bpm" (or the part git
/// does not give .bpm files yet) to the top folder's .gitattributes, and sets the repository's
/// diff.bpm.command, diff.bpm.textconv, merge.bpm.name and merge.bpm.driver to this
/// bpmap-cli, named by its absolute path, unless they say that already; says on out what it
/// changed. Returns 0, or 1 outside a repository or
/// when git cannot be run or a file cannot be written, having said why on err.
int git_setup(std::ostream& out, std::ostream& err);

}  // namespace bpm::cli
