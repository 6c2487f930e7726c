#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

// How the core tells a caller how far a long piece of work has come (loading, exporting, laying
// pages out), and lets the caller stop it.
namespace bpm {

/// Told done of total (in units the work chooses: bytes, personas, pages), done rising towards
/// total; returning false cancels the work, which then returns result<T>::cancelled() and leaves
/// nothing behind (no file written, no document changed). Empty: nobody is told or can cancel.
using progress_fn = std::function<bool(std::size_t done, std::size_t total)>;

/// Tells progress, when there is one, done of total; false when it asked to cancel.
inline bool keep_going(const progress_fn& progress, std::size_t done, std::size_t total) {
    return !progress || progress(done, total);
}

/// The progress of one part of a longer piece of work, told to whole as the share from..to (in
/// thousandths, from < to <= 1000) of it: done of total of the part is done' of 1000 of the whole.
inline progress_fn progress_part(const progress_fn& whole, std::size_t from, std::size_t to) {
    if (!whole) return {};
    return [whole, from, to](std::size_t done, std::size_t total) {
        const double share = total ? static_cast<double>(done < total ? done : total) / static_cast<double>(total) : 1.0;
        return whole(from + static_cast<std::size_t>(share * static_cast<double>(to - from)), 1000);
    };
}

/// How long work runs before the editor or bpmap-cli shows its progress: half a second, or
/// BPMAP_PROGRESS_DELAY_MS milliseconds when that environment variable holds a whole number (a
/// seam for tests, which would otherwise need half a second of work to see it).
std::chrono::milliseconds progress_delay();

}  // namespace bpm
