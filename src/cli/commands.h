#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bpm::cli {

/// Exit codes of bpmap-cli.
enum exit_code { exit_ok = 0, exit_failure = 1, exit_usage = 2 };

/// Runs bpmap-cli with its arguments (without the program name), reading answers from in
/// (the interview) and writing to out and err.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace bpm::cli
