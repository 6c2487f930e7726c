#pragma once
// Where bpmap-cli export takes a PDF password from. One given as --password PW can be read by
// every user of the machine (ps, /proc/PID/cmdline) while the export runs, so it may also come
// from a file, from the environment, or be typed at the terminal without echo.

#include <iosfwd>
#include <map>
#include <string>

#include "bpm/diagnostic.h"

namespace bpm::cli {

/// The environment variable a PDF password comes from when no option gives one.
inline constexpr const char* pdf_password_variable = "BPMAP_PDF_PASSWORD";

/// The password the options ask for: --password PW; --password - (typed twice without echo
/// when in is the terminal, else in's first line); --password-file FILE (its first line); else
/// BPMAP_PDF_PASSWORD; "" for none. Prompts go to err; a failure (an empty password, one that
/// check_pdf_password refuses) says why, in one line.
result<std::string> pdf_password(const std::map<std::string, std::string>& options, std::istream& in,
                                 std::ostream& err);

}  // namespace bpm::cli
