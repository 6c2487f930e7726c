#include "bpm/process.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#ifndef _WIN32
#include <signal.h>
#include <unistd.h>
#endif

namespace bpm {

std::string host_name() {
#ifndef _WIN32
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) == 0) return buffer;
#endif
    return {};
}

namespace {

// The state letter of field 3 of /proc/PID/stat ('R', 'S', 'Z' for a zombie...), 0 when unknown.
char process_state(long long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return 0;
    // The command name, field 2, is in parentheses and may hold spaces: count from its end.
    const std::size_t close = line.rfind(')');
    return close == std::string::npos || close + 2 >= line.size() ? 0 : line[close + 2];
}

}  // namespace

bool process_gone(long long pid) {
#ifndef _WIN32
    if (pid <= 0 || pid > 0x7FFFFFFF) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno == ESRCH;
    // Killed but not yet reaped by its parent: it runs no more and never will.
    return process_state(pid) == 'Z';
#else
    (void)pid;
    return false;
#endif
}

unsigned long long process_start(long long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return 0;
    // The command name, field 2, is in parentheses and may hold spaces: count from its end.
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) return std::strtoull(field.c_str(), nullptr, 10);
    return 0;
}

}  // namespace bpm
