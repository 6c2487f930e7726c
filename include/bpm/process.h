#pragma once

#include <string>

namespace bpm {

/// This computer's host name, as gethostname() gives it; "" when it cannot be had.
std::string host_name();

/// True when no process with this id runs on this computer (kill(pid, 0) fails with ESRCH, or
/// it is a zombie: ended, not yet reaped); false when one does, when it cannot be told, and for
/// ids that are no process ids (<= 0).
bool process_gone(long long pid);

/// When the process with this id started, in clock ticks since boot (field 22 of
/// /proc/PID/stat, proc(5)), to tell it from a later process that got the same id; 0 where that
/// cannot be known.
unsigned long long process_start(long long pid);

}  // namespace bpm
