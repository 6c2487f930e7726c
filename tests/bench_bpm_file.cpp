// Loads and saves .bpm documents and compares with pugixml's bare parse and serialisation of the
// same bytes. Each round times the two side by side, in alternating order, after warm-up rounds,
// so both see the same warm heap and the same machine load; the figures are medians over the
// rounds. A load is the making of the document: each call is timed on its own, and both sides
// free what they loaded after the clock stops (the ratio with the freeing timed too is printed
// beside it). Prints figures
// against issue 15's targets; never fails on speed. Not run by ctest.
// With --loads N it only loads the 200 x 12 map N times with read_bpm, then N times with
// pugixml, and prints how many blocks operator new handed out per load: run it under
// valgrind --tool=callgrind to compare the two loads' instructions, which other work on the
// machine does not change (see the README's benchmarks paragraph).
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "test_support.h"

// Blocks operator new handed out; pugixml's own few allocations (its pages and buffer) go to
// malloc and are not counted.
std::size_t new_calls = 0;

void* operator new(std::size_t size) {
    ++new_calls;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

constexpr double target_ratio = 1.5;  // issue 15: load and save within 1.5x of pugixml's

struct string_writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// pugixml's options in the baseline: its defaults, keeping a field's text when it is only white space.
constexpr unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Milliseconds per call of a function: on the clock, and of this thread's CPU time, which other
// programs on a loaded machine do not add to.
struct times {
    double wall = 0;
    double cpu = 0;
};

times now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return {std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count(),
            t.tv_sec * 1e3 + t.tv_nsec / 1e6};
}

// What is timed: run(), then free(), when given, which frees what run() made and is timed apart.
struct timed {
    std::function<void()> run;
    std::function<void()> free = nullptr;
};

// The times per call of fn.run and of fn.free over `repeat` calls of each, one after the other,
// so that each run finds the heap as the free before it left it.
std::pair<times, times> time_ms(int repeat, const timed& fn) {
    times run, free;
    for (int i = 0; i < repeat; ++i) {
        const times a = now();
        fn.run();
        const times b = now();
        if (fn.free) fn.free();
        const times c = now();
        run = {run.wall + b.wall - a.wall, run.cpu + b.cpu - a.cpu};
        free = {free.wall + c.wall - b.wall, free.cpu + c.cpu - b.cpu};
    }
    return {{run.wall / repeat, run.cpu / repeat}, {free.wall / repeat, free.cpu / repeat}};
}

// Times ours against pugixml's baseline in interleaved rounds and prints the medians and the
// median of the per-round ratios, of wall and of CPU time; and when they free what they made,
// the median ratio of their times with the freeing counted too.
void compare(const char* what, const char* baseline_name, int rounds, int repeat, const timed& ours,
             const timed& baseline) {
    for (int i = 0; i < 3; ++i) {  // warm the heap and the caches for both
        time_ms(repeat, baseline);
        time_ms(repeat, ours);
    }
    std::vector<double> mine, theirs, ratios, mine_cpu, theirs_cpu, cpu_ratios, freed_ratios, freed_cpu_ratios;
    for (int i = 0; i < rounds; ++i) {
        std::pair<times, times> a{}, b{};
        if (i % 2) {
            a = time_ms(repeat, ours);
            b = time_ms(repeat, baseline);
        } else {
            b = time_ms(repeat, baseline);
            a = time_ms(repeat, ours);
        }
        mine.push_back(a.first.wall);
        theirs.push_back(b.first.wall);
        ratios.push_back(a.first.wall / b.first.wall);
        mine_cpu.push_back(a.first.cpu);
        theirs_cpu.push_back(b.first.cpu);
        cpu_ratios.push_back(a.first.cpu / b.first.cpu);
        freed_ratios.push_back((a.first.wall + a.second.wall) / (b.first.wall + b.second.wall));
        freed_cpu_ratios.push_back((a.first.cpu + a.second.cpu) / (b.first.cpu + b.second.cpu));
    }
    const double r = median(ratios), c = median(cpu_ratios);
    std::printf("  %-6s %8.3f ms   %-24s %8.3f ms   ratio %.2f (target <= %.2f: %s)\n", what, median(mine), baseline_name,
                median(theirs), r, target_ratio, r <= target_ratio ? "met" : "NOT met");
    std::printf("  %-6s %8.3f ms   %-24s %8.3f ms   ratio %.2f of CPU time\n", "", median(mine_cpu), "", median(theirs_cpu),
                c);
    if (ours.free)
        std::printf("  %-6s with the freeing of the documents timed too: ratio %.2f, %.2f of CPU time\n", "",
                    median(freed_ratios), median(freed_cpu_ratios));
}

void bench(const char* title, const std::string& bytes, int rounds) {
    const auto first = bpm::read_bpm(bytes);
    if (!first) {
        std::fprintf(stderr, "%s does not load: %s\n", title, first.error().c_str());
        std::exit(1);
    }
    const bpm::document& doc = *first.value;
    // Small files are timed over several calls a round, so that each time is well above the clock's grain.
    const int repeat = static_cast<int>(std::max<std::size_t>(1, (4u << 20) / bytes.size()));
    std::printf("%s: %.2f MB of .bpm, %d rounds of %d call%s each, medians\n", title, bytes.size() / 1048576.0, rounds,
                repeat, repeat == 1 ? "" : "s");

    // Both sides keep the document they load until the clock stops, and free it after.
    std::optional<bpm::result<bpm::document>> loaded;
    std::optional<pugi::xml_document> xml;
    compare(
        "load", "pugixml bare parse", rounds, repeat,
        {[&] {
             loaded = bpm::read_bpm(bytes);
             if (!*loaded) std::abort();
         },
         [&] { loaded.reset(); }},
        {[&] {
             xml.emplace();
             if (!xml->load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8)) std::abort();
         },
         [&] { xml.reset(); }});

    pugi::xml_document parsed;
    parsed.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8);
    compare(
        "save", "pugixml bare serialise", rounds, repeat,
        {[&] {
             if (bpm::write_bpm(doc).empty()) std::abort();
         }},
        {[&] {
             string_writer w;
             w.out.reserve(bytes.size());
             parsed.save(w, "\t", pugi::format_indent, pugi::encoding_utf8);
         }});
}

// Loads bytes n times with read_bpm, then n times with pugixml's bare parse, for callgrind; prints
// the blocks operator new handed out per load.
void loads(const std::string& bytes, int n) {
    const std::size_t before = new_calls;
    for (int i = 0; i < n; ++i)
        if (!bpm::read_bpm(bytes)) std::abort();
    const std::size_t ours = new_calls - before;
    for (int i = 0; i < n; ++i) {
        pugi::xml_document x;
        if (!x.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8)) std::abort();
    }
    std::printf("%d loads of %.2f MB each (their instructions do not count freeing the documents): read_bpm %zu "
                "operator new calls per load, pugixml %zu\n",
                n,
                bytes.size() / 1048576.0, ours / n, (new_calls - before - ours) / n);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2 && std::strcmp(argv[1], "--loads") == 0) {
        loads(bpm::write_bpm(bpm::test::bench_document(200, 12)), std::max(1, std::atoi(argv[2])));
        return 0;
    }
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    bench("sample nlyzer-b2b-personas.bpm", bpm::test::slurp(bpm::test::sample("nlyzer-b2b-personas.bpm")), rounds);
    const bpm::document large = bpm::test::bench_document(200, 12);
    bench("benchmark document, 200 personas x 12 stages", bpm::write_bpm(large), rounds);

    bpm::test::temp_dir dir;
    const std::string path = dir.file("bench.bpm");
    const double save_file = bpm::test::median_ms(rounds, [&] {
        if (!bpm::save_bpm(large, path)) std::abort();
    });
    const double load_file = bpm::test::median_ms(rounds, [&] {
        if (!bpm::load_bpm(path)) std::abort();
    });
    std::printf("files, 200 x 12: load_bpm %.2f ms, save_bpm (atomic, fsync) %.2f ms\n", load_file, save_file);
    return 0;
}
