// How the map's paths grow with their input: the time per persona at 1×, 4× and 16× personas
// (12 stages each), and per stage at 1×, 4× and 16× stages of one persona, for the PDF export
// (layout, rendering, the file written), the page layout alone, and reading and writing .bpm and
// JSON. A path linear in its input shows a ratio near 1 against its 1× figure; the target
// for one persona's PDF at 500 stages is printed beside it. Never fails on speed; not run by ctest.
//
//   bench_scaling                          the tables
//   bench_scaling --map P S FILE           writes the benchmark document of P personas × S stages
//                                          to FILE (.bpm or .json), to measure bpmap-cli on it
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/map_pdf.h"
#include "bpm/page_layout.h"
#include "test_support.h"

namespace {

constexpr int scales[] = {1, 4, 16};
// Fewer runs as the input grows, so that each column takes about as long as the others.
constexpr int runs_at[] = {5, 3, 1};

// A map at one size, with what the paths start from.
struct input {
    bpm::document doc;
    std::string bpm;   // doc as .bpm
    std::string json;  // doc as JSON
};

struct path {
    const char* name;
    // One run over the input; aborts when the path fails.
    std::function<void(const input&)> run;
};

std::vector<path> paths(const bpm::pdf_text_measurer& fonts, const std::string& pdf_path) {
    const auto check = [](bool ok) {
        if (!ok) std::abort();
    };
    return {
        {"PDF export to a file",
         [&fonts, pdf_path, check](const input& in) { check(bool(bpm::export_map_pdf(in.doc, {}, fonts, pdf_path))); }},
        {"page layout", [&fonts, check](const input& in) { check(!bpm::layout_pages(in.doc, {}, {}, fonts).empty()); }},
        {"read .bpm", [check](const input& in) { check(bool(bpm::read_bpm(in.bpm))); }},
        {"write .bpm", [check](const input& in) { check(!bpm::write_bpm(in.doc).empty()); }},
        {"read JSON", [check](const input& in) { check(bool(bpm::read_json(in.json))); }},
        {"write JSON", [check](const input& in) { check(!bpm::write_json(in.doc).empty()); }},
    };
}

// One table: each path's time per unit at every scale, and its growth against the 1× figure.
void table(const char* title, const char* unit, std::size_t base, const std::vector<path>& paths,
           const std::function<bpm::document(std::size_t)>& make) {
    std::printf("\n%s\n%-22s", title, "");
    for (int s : scales) std::printf("   %2dx = %4zu %-8s", s, base * s, unit);
    std::printf("  growth 4x, 16x\n");
    std::vector<input> inputs;
    for (int s : scales) {
        bpm::document doc = make(base * static_cast<std::size_t>(s));
        std::string bpm = bpm::write_bpm(doc), json = bpm::write_json(doc);
        inputs.push_back({std::move(doc), std::move(bpm), std::move(json)});
    }
    for (const path& p : paths) {
        std::printf("%-22s", p.name);
        std::vector<double> per_unit;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const double ms = bpm::test::median_ms(runs_at[i], [&] { p.run(inputs[i]); });
            per_unit.push_back(ms / static_cast<double>(base * scales[i]));
            std::printf("   %9.3f ms/%-8s", per_unit.back(), unit);
            std::fflush(stdout);
        }
        std::printf("  %5.2f %5.2f\n", per_unit[1] / per_unit[0], per_unit[2] / per_unit[0]);
    }
}

int write_map(const char* personas, const char* stages, const std::string& path) {
    const bpm::document d = bpm::test::bench_document(std::strtoul(personas, nullptr, 10),
                                                      std::strtoul(stages, nullptr, 10));
    const bool json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    const bpm::result<> saved = json ? bpm::save_json(d, path) : bpm::save_bpm(d, path);
    if (!saved) {
        std::fprintf(stderr, "%s\n", saved.error().c_str());
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == "--map") return write_map(argv[2], argv[3], argv[4]);
    if (argc != 1) {
        std::fprintf(stderr, "usage: bench_scaling [--map PERSONAS STAGES FILE]\n");
        return 2;
    }
    const auto fonts = bpm::pdf_text_measurer::find();
    if (!fonts) {
        std::fprintf(stderr, "%s\n", fonts.error().c_str());
        return 1;
    }
    bpm::test::temp_dir dir;
    const std::vector<path> all = paths(*fonts.value, dir.file("scaling.pdf"));
    std::printf("Time per unit of input, median of %d, %d and %d runs; growth = per-unit time / the 1x figure "
                "(near 1: linear)\n", runs_at[0], runs_at[1], runs_at[2]);
    table("Personas of 12 stages each", "persona", 16, all,
          [](std::size_t n) { return bpm::test::bench_document(n, 12); });
    table("Stages of one persona", "stage", 32, all, [](std::size_t n) { return bpm::test::bench_document(1, n); });

    const input five_hundred{bpm::test::bench_document(1, 500), {}, {}};
    const double ms = bpm::test::median_ms(1, [&] { all.front().run(five_hundred); });
    std::printf("\nOne persona of 500 stages as a PDF: %.0f ms (target under 1000 ms: %s)\n", ms,
                ms < 1000 ? "within" : "OVER");
    return 0;
}
