#pragma once
// What the GUI benchmarks (run by hand under Xvfb) share.
#include <chrono>

#include <wx/app.h>

namespace bpm::test {

using clock_type = std::chrono::steady_clock;

/// A duration in milliseconds.
inline double Ms(clock_type::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// Lets queued events and repaints run.
inline void Settle() {
    for (int i = 0; i < 5; ++i) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
    }
}

}  // namespace bpm::test
