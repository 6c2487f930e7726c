// Measures the undo history on the 200 × 12 benchmark document: bytes kept per field edit beyond
// the texts it replaced and set (issue 15: under 200), as the history counts them and as the heap
// grew, and time per edit + undo. Prints figures; never fails on speed. Not run by ctest.
#include <chrono>
#include <cstdio>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "bench_document.h"
#include "bpm/history.h"

namespace {

constexpr double target_bytes = 200;  // issue 15: per field edit, beyond the edited text

// Bytes the heap holds for the program, or 0 where the C library does not say.
std::size_t heap_in_use() {
#if defined(__GLIBC__)
    return mallinfo2().uordblks;
#else
    return 0;
#endif
}

}  // namespace

int main() {
    bpm::document doc = bpm::test::bench_document(200, 12);
    bpm::history h(doc);
    constexpr int edits = 10000;
    std::size_t text = 0;  // bytes of the texts the edits replaced and set
    const std::size_t heap_before = heap_in_use();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < edits; ++i) {
        const bpm::persona& p = doc.personas[static_cast<std::size_t>(i) % doc.personas.size()];
        const bpm::stage& s = p.stages[static_cast<std::size_t>(i) % p.stages.size()];
        std::string value = "Edited buyer actions, revision " + std::to_string(i);
        text += s.buyer_actions.size() + value.size();
        h.submit(bpm::set_stage_field(p.id, s.id, bpm::stage_field::buyer_actions, std::move(value)));
    }
    const auto edited = std::chrono::steady_clock::now();
    const std::size_t heap = heap_in_use() - heap_before;
    const std::size_t bytes = h.memory_bytes();
    for (int i = 0; i < edits; ++i) h.undo();
    const auto undone = std::chrono::steady_clock::now();
    const auto us = [](auto d) { return std::chrono::duration<double, std::micro>(d).count(); };
    const auto verdict = [](double b) { return b < target_bytes ? "met" : "NOT met"; };

    std::printf("history of %d field edits on 200 personas x 12 stages\n", edits);
    std::printf("edited text %8.0f bytes per edit (the text replaced and the text set)\n", double(text) / edits);
    const double counted = (double(bytes) - double(text)) / edits;
    std::printf("memory      %8.0f bytes per edit beyond the edited text, as the history counts it "
                "(%.0f in all; target < %.0f: %s)\n",
                counted, double(bytes) / edits, target_bytes, verdict(counted));
    if (heap > 0) {
        const double grown = (double(heap) - double(text)) / edits;
        std::printf("heap        %8.0f bytes per edit beyond the edited text, as the heap grew "
                    "(%.0f in all; allocator overhead included)\n",
                    grown, double(heap) / edits);
    }
    std::printf("edit        %8.2f us per edit\n", us(edited - start) / edits);
    std::printf("undo        %8.2f us per undo\n", us(undone - edited) / edits);
    std::printf("edit + undo %8.2f us\n", us(undone - start) / edits);
    return 0;
}
