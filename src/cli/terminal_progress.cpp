#include "terminal_progress.h"

#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "bpm/tr.h"

namespace bpm::cli {

namespace {

// Set by SIGINT or SIGTERM while long work runs: it stops at its next progress and cleans up,
// rather than leaving a temporary file the process had no time to remove.
volatile std::sig_atomic_t interrupted_by = 0;

extern "C" void note_interruption(int signal_number) { interrupted_by = signal_number; }

}  // namespace

terminal_progress::terminal_progress(std::ostream& err)
    : err_(err),
      terminal_(&err == &std::cerr && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      delay_(progress_delay()) {
    interrupted_by = 0;
    struct sigaction action {};
    action.sa_handler = note_interruption;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM}) ::sigaction(signal_number, &action, nullptr);
}

terminal_progress::~terminal_progress() {
    finish();
    for (int signal_number : {SIGINT, SIGTERM}) ::signal(signal_number, SIG_DFL);
}

void terminal_progress::finish() {
    if (!line_.empty()) err_ << "\n" << std::flush;
    line_.clear();
}

int terminal_progress::interrupted() const { return interrupted_by; }

progress_fn terminal_progress::tell(std::string label) {
    return [this, label = std::move(label)](std::size_t done, std::size_t total) { return show(label, done, total); };
}

bool terminal_progress::show(const std::string& label, std::size_t done, std::size_t total) {
    if (interrupted_by) return false;
    if (!terminal_ || std::chrono::steady_clock::now() - start_ < delay_) return true;
    const std::size_t percent = total ? 100 * (done < total ? done : total) / total : 0;
    // TRANSLATORS: a progress line on the terminal, rewritten as work goes on: "Writing map.pdf: 45%"
    std::string line = format(_("{1}: {2}%"), label, std::to_string(percent));
    if (line == line_) return true;
    // Spaces cover what is left of a longer line before.
    const std::size_t shorter = line_.size() > line.size() ? line_.size() - line.size() : 0;
    err_ << "\r" << line << std::string(shorter, ' ') << std::flush;
    line_ = std::move(line);
    return true;
}

}  // namespace bpm::cli
