#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bpm/model.h"

namespace bpm::test {

/// The benchmark document: personas × stages with realistic field lengths, the same every time.
document bench_document(std::size_t personas = 200, std::size_t stages = 12);

/// The median wall time of `runs` calls of fn, in milliseconds.
double median_ms(int runs, const std::function<void()>& fn);

/// The middle one of values (the upper middle one of an even count); 0 for none.
double median(std::vector<double> values);

#ifndef _WIN32
/// One run of a program, its output thrown away: wall-clock time from fork to exit and CPU time
/// (user and system) in milliseconds, peak resident memory in MiB of it and of what it waited
/// for (Linux counts it from the fork: no less than the caller had then), and its exit status
/// (-1 when it did not exit, could not start or could not be waited for).
struct process_run {
    double ms = 0, cpu_ms = 0, peak_mib = 0;
    int status = -1;
    bool ok() const { return status == 0; }
};

/// Runs argv (argv[0] looked up on PATH unless it names a folder) in folder ("" for this
/// process's), its input and output /dev/null, and waits for it.
process_run run_quietly(const std::vector<std::string>& argv, const std::string& folder = {});
#endif

}  // namespace bpm::test
