// Exports the eight-persona sample and the 200 × 12 benchmark document as PDF, as bpmap-cli and
// the editor do (page layout with the PDF's font metrics, libharu rendering, atomic write), and
// prints the times against the budget; then the peak memory of a process that builds and
// exports the 1,000 × 12 document, against its budget. Never fails on speed. Not run by ctest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#ifndef _WIN32
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/map_pdf.h"
#include "test_support.h"

namespace {

void report(const char* name, const bpm::document& doc, const bpm::pdf_text_measurer& fonts, int runs,
            const std::string& path, double budget_ms) {
    const bpm::map_pdf_request request;
    std::size_t pages = 0, bytes = 0;
    const double layout = bpm::test::median_ms(runs, [&] { pages = bpm::map_pdf_pages(doc, request, fonts).size(); });
    const double render = bpm::test::median_ms(runs, [&] { bytes = bpm::render_map_pdf(doc, request, fonts).value->bytes.size(); });
    const double exported = bpm::test::median_ms(runs, [&] {
        if (!bpm::export_map_pdf(doc, request, fonts, path)) std::fprintf(stderr, "export failed\n");
    });
    std::printf("%-34s %5zu pages %8.1f KB  layout %8.1f ms  layout+render %8.1f ms  export to file %8.1f ms",
                name, pages, bytes / 1024.0, layout, render, exported);
    if (budget_ms > 0) std::printf("  (budget %.0f ms: %s)", budget_ms, exported <= budget_ms ? "within" : "OVER");
    std::printf("\n");
}

// The peak resident memory of a child process that builds the personas × stages benchmark
// document and exports it to path, in MiB; 0 where it cannot be measured.
double export_peak_mib(std::size_t personas, std::size_t stages, const bpm::pdf_text_measurer& fonts,
                       const std::string& path) {
#ifndef _WIN32
    const pid_t child = ::fork();
    if (child == 0) {
        const bpm::document doc = bpm::test::bench_document(personas, stages);
        std::_Exit(bpm::export_map_pdf(doc, {}, fonts, path) ? 0 : 1);
    }
    int status = 0;
    struct rusage usage {};
    if (child < 0 || ::wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return 0;
#ifdef __APPLE__
    return static_cast<double>(usage.ru_maxrss) / 1048576.0;  // bytes
#else
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes
#endif
#else
    (void)personas, (void)stages, (void)fonts, (void)path;
    return 0;
#endif
}

}  // namespace

int main() {
    const auto started = std::chrono::steady_clock::now();
    const auto fonts = bpm::pdf_text_measurer::find();
    if (!fonts) {
        std::fprintf(stderr, "%s\n", fonts.error().c_str());
        return 1;
    }
    const double find_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::printf("finding and loading the fonts (once per program): %.1f ms\n", find_ms);
    bpm::test::temp_dir dir;
    const auto sample = bpm::load_bpm(bpm::test::sample("nlyzer-b2b-personas.bpm"));
    report("nlyzer sample (8 personas)", *sample.value, *fonts.value, 21, dir.file("sample.pdf"), 100);
    report("benchmark document (200 x 12)", bpm::test::bench_document(), *fonts.value, 3, dir.file("bench.pdf"), 0);
    const auto start = std::chrono::steady_clock::now();
    const double peak = export_peak_mib(1000, 12, *fonts.value, dir.file("thousand.pdf"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (peak > 0)
        std::printf("1,000 x 12 built and exported in a child process: %.1f s, peak memory %.1f MiB (budget 100 MiB: %s)\n",
                    seconds, peak, peak <= 100 ? "within" : "OVER");
    else
        std::printf("1,000 x 12 export: peak memory not measured (the export failed, or no fork on this system)\n");
    return 0;
}
