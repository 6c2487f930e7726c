// Exports the eight-persona sample and the 200 × 12 benchmark document as PDF, as bpmap-cli and
// the editor do (page layout with the PDF's font metrics, libharu rendering, atomic write), and
// prints the times against the budget; then the peak memory of a process that builds and
// exports the 1,000 × 12 document, without and with a password (AES-256 through libqpdf), against
// its budget; then the whole bpmap-cli process exporting the sample without and with a password,
// and side by side with LibreOffice converting the same content as CSV, when LibreOffice is
// installed. Never fails on speed. Not run by ctest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/map_pdf.h"
#include "test_support.h"

namespace {

using bpm::test::median;

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
                       const std::string& path, const std::string& password) {
#ifndef _WIN32
    const pid_t child = ::fork();
    if (child == 0) {
        const bpm::document doc = bpm::test::bench_document(personas, stages);
        bpm::map_pdf_request request;
        request.options.password = password;
        std::_Exit(bpm::export_map_pdf(doc, request, fonts, path) ? 0 : 1);
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
    (void)personas, (void)stages, (void)fonts, (void)path, (void)password;
    return 0;
#endif
}

#ifndef _WIN32

using bpm::test::process_run;
using bpm::test::run_quietly;


std::string on_path(const char* name) {
    const char* path = std::getenv("PATH");
    std::string folders = path ? path : "";
    for (std::size_t start = 0; start <= folders.size();) {
        std::size_t end = folders.find(':', start);
        if (end == std::string::npos) end = folders.size();
        const std::filesystem::path candidate = std::filesystem::path(folders.substr(start, end - start)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        start = end + 1;
    }
    return {};
}


// bpmap-cli's whole process exporting the sample as PDF, and LibreOffice's (soffice --headless
// --convert-to pdf) converting the same stages as CSV, interleaved so that a busy machine slows
// both alike; medians of 11 runs each, after two of each to warm the caches. LibreOffice runs
// with a profile of its own in dir, so that a LibreOffice the user has open does not take the
// conversion over.
void compare_with_libreoffice(const bpm::test::temp_dir& dir) {
    const std::string soffice = on_path("soffice");
    if (soffice.empty()) {
        std::printf("whole process against LibreOffice: LibreOffice not installed (no soffice on PATH), skipped\n");
        return;
    }
    const std::string sample = bpm::test::sample("nlyzer-b2b-personas.bpm");
    const std::string csv = dir.file("nlyzer-b2b-personas.csv");
    if (!run_quietly({BPM_CLI, "export", sample, "--format", "csv", "-o", csv}).ok()) {
        std::printf("whole process against LibreOffice: the CSV export failed, skipped\n");
        return;
    }
    const std::vector<std::string> ours = {BPM_CLI, "export", sample, "--format", "pdf", "-o", dir.file("ours.pdf")};
    const std::vector<std::string> theirs = {soffice, "-env:UserInstallation=file://" + dir.file("libreoffice-profile"),
                                             "--headless", "--convert-to", "pdf", "--outdir", dir.file("libreoffice"), csv};
    std::vector<double> our_ms, their_ms;
    double our_peak = 0, their_peak = 0;
    for (int round = 0; round < 13; ++round) {
        const process_run a = run_quietly(ours), b = run_quietly(theirs);
        if (!a.ok() || !b.ok()) {
            std::printf("whole process against LibreOffice: %s failed, skipped\n", a.ok() ? "soffice" : "bpmap-cli");
            return;
        }
        if (round < 2) continue;
        our_ms.push_back(a.ms);
        their_ms.push_back(b.ms);
        our_peak = std::max(our_peak, a.peak_mib);
        their_peak = std::max(their_peak, b.peak_mib);
    }
    const double ratio = median(their_ms) / median(our_ms);
    std::printf("whole process, nlyzer sample, medians of 11 interleaved runs:\n"
                "  bpmap-cli export --format pdf            %8.1f ms  peak %6.1f MiB (budget 20 MiB: %s)\n"
                "  soffice --convert-to pdf, same as CSV    %8.1f ms  peak %6.1f MiB\n"
                "  bpmap-cli is %.1fx faster (target 30x: %s)\n",
                median(our_ms), our_peak, our_peak <= 20 ? "within" : "OVER", median(their_ms), their_peak, ratio,
                ratio >= 30 ? "met" : "NOT met");
}

// bpmap-cli's whole process exporting the sample as PDF without a password and with one (read from
// a file, as --password-file does), interleaved; medians of 11 runs each after two of each.
void compare_password(const bpm::test::temp_dir& dir) {
    const std::string sample = bpm::test::sample("nlyzer-b2b-personas.bpm");
    bpm::test::spit(dir.file("password.txt"), "s3cret Passw\xC3\xB6rt\n");
    const std::vector<std::string> plain = {BPM_CLI, "export", sample, "--format", "pdf", "-o", dir.file("plain.pdf")};
    std::vector<std::string> protect = {BPM_CLI, "export", sample, "--format", "pdf", "-o", dir.file("protected.pdf")};
    protect.insert(protect.end(), {"--password-file", dir.file("password.txt")});
    std::vector<double> plain_ms, protect_ms;
    double plain_peak = 0, protect_peak = 0;
    for (int round = 0; round < 13; ++round) {
        const process_run a = run_quietly(plain), b = run_quietly(protect);
        if (!a.ok() || !b.ok()) {
            std::printf("whole process with a password: the export %s failed, skipped\n", a.ok() ? "with" : "without");
            return;
        }
        if (round < 2) continue;
        plain_ms.push_back(a.ms);
        protect_ms.push_back(b.ms);
        plain_peak = std::max(plain_peak, a.peak_mib);
        protect_peak = std::max(protect_peak, b.peak_mib);
    }
    std::printf("whole process, nlyzer sample, medians of 11 interleaved runs:\n"
                "  bpmap-cli export --format pdf                     %8.1f ms  peak %6.1f MiB\n"
                "  the same with --password-file (AES-256, libqpdf)  %8.1f ms  peak %6.1f MiB  (%.2fx the time)\n",
                median(plain_ms), plain_peak, median(protect_ms), protect_peak, median(protect_ms) / median(plain_ms));
}

#else

void compare_with_libreoffice(const bpm::test::temp_dir&) {
    std::printf("whole process against LibreOffice: not measured on this system\n");
}

void compare_password(const bpm::test::temp_dir&) {
    std::printf("whole process with a password: not measured on this system\n");
}

#endif

}  // namespace

int main() {
    bpm::test::temp_dir dir;
    // First, while this process is small: a child's peak memory counts what it had before exec.
    compare_with_libreoffice(dir);
    compare_password(dir);
    const auto started = std::chrono::steady_clock::now();
    const auto fonts = bpm::pdf_text_measurer::find();
    if (!fonts) {
        std::fprintf(stderr, "%s\n", fonts.error().c_str());
        return 1;
    }
    const double find_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::printf("finding and loading the fonts (once per program): %.1f ms\n", find_ms);
    const auto sample = bpm::load_bpm(bpm::test::sample("nlyzer-b2b-personas.bpm"));
    report("nlyzer sample (8 personas)", *sample.value, *fonts.value, 21, dir.file("sample.pdf"), 100);
    report("benchmark document (200 x 12)", bpm::test::bench_document(), *fonts.value, 3, dir.file("bench.pdf"), 0);
    for (const std::string password : {"", "s3cret"}) {
        const char* how = password.empty() ? "" : " with a password";
        const auto start = std::chrono::steady_clock::now();
        const double peak = export_peak_mib(1000, 12, *fonts.value, dir.file("thousand.pdf"), password);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (peak > 0)
            std::printf("1,000 x 12 built and exported%s in a child process: %.1f s, %.1f MB, peak memory %.1f MiB "
                        "(budget 100 MiB: %s)\n",
                        how, seconds, static_cast<double>(std::filesystem::file_size(dir.file("thousand.pdf"))) / 1e6,
                        peak, peak <= 100 ? "within" : "OVER");
        else
            std::printf("1,000 x 12 export%s: peak memory not measured (the export failed, or no fork on this system)\n",
                        how);
    }
    return 0;
}
