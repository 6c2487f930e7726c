// Measures the undo history on the 200 × 12 benchmark document: bytes kept per field edit and
// time per edit + undo. Prints figures; never fails on speed. Not run by ctest.
#include <chrono>
#include <cstdio>

#include "bench_document.h"
#include "bpm/history.h"

int main() {
    bpm::document doc = bpm::test::bench_document(200, 12);
    bpm::history h(doc);
    constexpr int edits = 10000;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < edits; ++i) {
        const bpm::persona& p = doc.personas[static_cast<std::size_t>(i) % doc.personas.size()];
        h.submit(bpm::set_stage_field(p.id, p.stages[static_cast<std::size_t>(i) % p.stages.size()].id,
                                      bpm::stage_field::buyer_actions, "Edited buyer actions, revision " + std::to_string(i)));
    }
    const auto edited = std::chrono::steady_clock::now();
    const std::size_t bytes = h.memory_bytes();
    for (int i = 0; i < edits; ++i) h.undo();
    const auto undone = std::chrono::steady_clock::now();
    const auto us = [](auto d) { return std::chrono::duration<double, std::micro>(d).count(); };
    std::printf("history of %d field edits on 200 personas x 12 stages\n", edits);
    std::printf("memory      %8.0f bytes per edit (%.2f MB in all; one document copy is about 2.4 MB)\n",
                double(bytes) / edits, bytes / 1048576.0);
    std::printf("edit        %8.2f us per edit\n", us(edited - start) / edits);
    std::printf("undo        %8.2f us per undo\n", us(undone - edited) / edits);
    std::printf("edit + undo %8.2f us\n", us(undone - start) / edits);
    return 0;
}
