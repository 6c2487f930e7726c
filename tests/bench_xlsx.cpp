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

using bpm::test::median;
using bpm::test::process_run;
using bpm::test::run_quietly;



void compare(const char* name, const std::string& map, const bpm::test::temp_dir& dir, int rounds) {
    const std::string xlsx = dir.file("out.xlsx"), csv = dir.file("out.csv");
    const std::vector<std::string> workbook = {BPM_CLI, "export", map, "-o", xlsx};
    const std::vector<std::string> rows = {BPM_CLI, "export", map, "-o", csv};
    std::vector<double> xlsx_ms, xlsx_cpu, csv_ms, csv_cpu;
    double xlsx_peak = 0, csv_peak = 0;
    for (int round = 0; round < rounds + 2; ++round) {
        const process_run a = run_quietly(workbook), b = run_quietly(rows);
        if (!a.ok() || !b.ok()) {
            std::printf("%s: the %s export failed\n", name, a.ok() ? "CSV" : "XLSX");
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
