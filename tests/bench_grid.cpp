// Measures how long the stage grid takes to show an edit on a persona with 200 stages: the
// core edit, the change notice, the cell refresh and row sizing, and the repaint. Prints
// figures; never fails on speed. Not run by ctest; run it under Xvfb by hand:
//   xvfb-run -a -s "-screen 0 1280x800x24" build/default/tests/bench_grid
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <wx/app.h>
#include <wx/grid.h>

#include "bench_document.h"
#include "gui_bench.h"
#include "bpm/bpm_file.h"
#include "bpm_document.h"
#include "doc_manager.h"
#include "editing_context.h"
#include "main_frame.h"
#include "stage_grid.h"
#include "test_support.h"
#include "wx_string.h"

using bpm::test::clock_type;
using bpm::test::Ms;
using bpm::test::Settle;

int main(int argc, char** argv) {
    constexpr std::size_t stages = 200;
    constexpr int edits = 200;
    (void)argc;
    const bpm::test::BenchEditor editor(argv);
    if (!editor) return 1;
    MainFrame& frame = editor.Frame();

    bpm::test::temp_dir dir;
    const std::string path = dir.file("bench.bpm");
    bpm::save_bpm(bpm::test::bench_document(1, stages), path);

    const auto opening = clock_type::now();
    auto* doc = wxStaticCast(TheDocManager().CreateDocument(ToWx(path), wxDOC_SILENT), BpmDocument);
    TheDocManager().GetContext().ShowPage(EditingContext::Page::Stages);
    Settle();
    frame.Update();
    const auto opened = clock_type::now();
    wxGrid& grid = *frame.GetStageGrid()->GetGrid();
    const bpm::persona& p = doc->Model().personas.front();

    std::vector<double> times, notices;
    for (int i = 0; i < edits; ++i) {
        // Edit cells in the visible rows, so every edit is also repainted.
        const std::size_t row = static_cast<std::size_t>(i) % 6;
        const auto start = clock_type::now();
        doc->Submit(bpm::set_stage_field(p.id, p.stages[row].id, bpm::stage_field::buyer_actions,
                                         "Compares vendors and reads reviews, revision " + std::to_string(i)));
        const auto told = clock_type::now();
        grid.Update();
        notices.push_back(Ms(told - start));
        times.push_back(Ms(clock_type::now() - start));
    }
    std::vector<double> undo;
    for (int i = 0; i < edits; ++i) {
        const auto start = clock_type::now();
        doc->History().undo();
        grid.Update();
        undo.push_back(Ms(clock_type::now() - start));
    }
    const auto report = [](const char* what, std::vector<double> t) {
        std::sort(t.begin(), t.end());
        double sum = 0;
        for (double x : t) sum += x;
        std::printf("%-24s mean %6.2f ms   median %6.2f ms   max %6.2f ms\n", what, sum / t.size(), t[t.size() / 2],
                    t.back());
    };
    std::printf("stage grid, 1 persona x %zu stages, %d edits of a visible cell (edit + notice + refresh + repaint)\n",
                stages, edits);
    std::printf("%-24s %6.1f ms\n", "open, size all rows", Ms(opened - opening));
    report("edit a cell", times);
    report("  of which the notice", notices);
    report("undo an edit", undo);
    std::printf("rows in the grid: %d\n", grid.GetNumberRows());
    return 0;
}
