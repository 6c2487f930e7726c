#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

#include "bpm/progress.h"

namespace bpm::cli {

/// Long work on the command line (reading, converting, exporting a big map). While one lives,
/// SIGINT and SIGTERM only note themselves: the work's progress_fn then returns false, the work
/// stops and leaves no file behind, and the command exits as the signal would have (128 plus its
/// number). On a terminal's standard error, once the work has run half a second
/// (bpm::progress_delay), one line says how far it has come ("Writing map.pdf: 45%"), rewritten in
/// place and ended when the object goes.
class terminal_progress {
public:
    /// Tells the progress on err when it is standard error and a terminal.
    explicit terminal_progress(std::ostream& err);
    ~terminal_progress();
    terminal_progress(const terminal_progress&) = delete;
    terminal_progress& operator=(const terminal_progress&) = delete;

    /// The progress of the work that label names ("Reading map.bpm"); it lives as long as this.
    progress_fn tell(std::string label);
    /// Ends the progress line, if one shows, so that what is written next starts a line of its own.
    void finish();
    /// The signal that stopped the work, 0 while none did.
    int interrupted() const;
    /// What the command exits with when the work was stopped by a signal.
    int exit_code() const { return 128 + interrupted(); }

private:
    bool show(const std::string& label, std::size_t done, std::size_t total);

    std::ostream& err_;
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::milliseconds delay_;
    std::string line_;  // what the terminal shows now, "" before the first line
};

}  // namespace bpm::cli
