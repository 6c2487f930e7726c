// Loads and saves the 200 × 12 benchmark document and compares with pugixml's bare parse and
// serialisation of the same bytes. Prints figures; never fails on speed. Not run by ctest.
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "test_support.h"

namespace {

struct null_writer : pugi::xml_writer {
    std::size_t bytes = 0;
    void write(const void*, std::size_t size) override { bytes += size; }
};

struct string_writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    const bpm::document doc = bpm::test::bench_document(200, 12);
    const std::string bytes = bpm::write_bpm(doc);
    std::printf("benchmark document: 200 personas x 12 stages, %.2f MB of .bpm, median of %d runs\n",
                bytes.size() / 1048576.0, runs);

    const double bare_parse = bpm::test::median_ms(runs, [&] {
        pugi::xml_document x;
        x.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
    });
    const double load = bpm::test::median_ms(runs, [&] {
        const auto r = bpm::read_bpm(bytes);
        if (!r) std::abort();
    });

    pugi::xml_document parsed;
    parsed.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
    const double bare_save = bpm::test::median_ms(runs, [&] {
        string_writer w;
        w.out.reserve(bytes.size());
        parsed.save(w, "\t", pugi::format_indent, pugi::encoding_utf8);
    });
    const double save = bpm::test::median_ms(runs, [&] {
        const std::string written = bpm::write_bpm(doc);
        if (written.empty()) std::abort();
    });

    bpm::test::temp_dir dir;
    const std::string path = dir.file("bench.bpm");
    const double save_file = bpm::test::median_ms(runs, [&] {
        if (!bpm::save_bpm(doc, path)) std::abort();
    });
    const double load_file = bpm::test::median_ms(runs, [&] {
        if (!bpm::load_bpm(path)) std::abort();
    });

    std::printf("load  (bytes -> document)   %8.2f ms   pugixml bare parse      %8.2f ms   ratio %.2f (budget <= 2.00)\n",
                load, bare_parse, load / bare_parse);
    std::printf("save  (document -> bytes)   %8.2f ms   pugixml bare serialise  %8.2f ms   ratio %.2f (budget <= 2.00)\n",
                save, bare_save, save / bare_save);
    std::printf("load_bpm from file          %8.2f ms\n", load_file);
    std::printf("save_bpm to file (atomic, fsync) %8.2f ms\n", save_file);
    return 0;
}
