// The whole bpmap-cli process exporting the eight-persona sample and the 200 × 12 benchmark map as
// an Excel workbook, interleaved with the same export as CSV (the same rows, written the same
// atomic way) so that a busy machine slows both alike: medians of wall and CPU time, peak memory
// and the file's size. Never fails on speed. Not run by ctest.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "test_support.h"

namespace {

// One run of a program, its output thrown away: wall-clock and CPU time (user and system) in
// milliseconds, and peak resident memory in MiB.
struct process_run {
    double ms = 0, cpu_ms = 0, peak_mib = 0;
    bool ok = false;
};

process_run run_quietly(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    if (child == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        for (int fd : {0, 1, 2}) ::dup2(null, fd);
        ::execv(args[0], args.data());
        std::_Exit(127);
    }
    int status = 0;
    struct rusage usage {};
    process_run r;
    if (child < 0 || ::wait4(child, &status, 0, &usage) != child) return r;
    r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
    r.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    r.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void compare(const char* name, const std::string& map, const bpm::test::temp_dir& dir, int rounds) {
    const std::string xlsx = dir.file("out.xlsx"), csv = dir.file("out.csv");
    const std::vector<std::string> workbook = {BPM_CLI, "export", map, "-o", xlsx};
    const std::vector<std::string> rows = {BPM_CLI, "export", map, "-o", csv};
    std::vector<double> xlsx_ms, xlsx_cpu, csv_ms, csv_cpu;
    double xlsx_peak = 0, csv_peak = 0;
    for (int round = 0; round < rounds + 2; ++round) {
        const process_run a = run_quietly(workbook), b = run_quietly(rows);
        if (!a.ok || !b.ok) {
            std::printf("%s: the %s export failed\n", name, a.ok ? "CSV" : "XLSX");
            return;
        }
        if (round < 2) continue;
        xlsx_ms.push_back(a.ms);
        xlsx_cpu.push_back(a.cpu_ms);
        csv_ms.push_back(b.ms);
        csv_cpu.push_back(b.cpu_ms);
        xlsx_peak = std::max(xlsx_peak, a.peak_mib);
        csv_peak = std::max(csv_peak, b.peak_mib);
    }
    std::printf("%s, medians of %d interleaved runs of the whole bpmap-cli process:\n"
                "  export -o out.xlsx  %8.1f ms wall %8.1f ms CPU  peak %6.1f MiB  %9.1f KiB\n"
                "  export -o out.csv   %8.1f ms wall %8.1f ms CPU  peak %6.1f MiB  %9.1f KiB\n",
                name, rounds, median(xlsx_ms), median(xlsx_cpu), xlsx_peak,
                static_cast<double>(std::filesystem::file_size(xlsx)) / 1024.0, median(csv_ms), median(csv_cpu),
                csv_peak, static_cast<double>(std::filesystem::file_size(csv)) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 11;
    bpm::test::temp_dir dir;
    compare("nlyzer sample (8 personas, 40 stages)", bpm::test::sample("nlyzer-b2b-personas.bpm"), dir, rounds);
    const std::string large = dir.file("bench.bpm");
    if (!bpm::save_bpm(bpm::test::bench_document(200, 12), large)) {
        std::printf("the 200 x 12 map could not be written\n");
        return 1;
    }
    compare("benchmark map (200 personas x 12 stages)", large, dir, rounds);
    return 0;
}
