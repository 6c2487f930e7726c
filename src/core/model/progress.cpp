#include "bpm/progress.h"

#include <cstdlib>

namespace bpm {

std::chrono::milliseconds progress_delay() {
    if (const char* set = std::getenv("BPMAP_PROGRESS_DELAY_MS")) {
        char* end = nullptr;
        const long ms = std::strtol(set, &end, 10);
        if (*set && !*end && ms >= 0) return std::chrono::milliseconds(ms);
    }
    return std::chrono::milliseconds(500);
}

}  // namespace bpm
