// Measures what keeping a map safe costs on the 200-persona benchmark map (200 personas x 12
// stages): an autosave (the UI thread's share, and the whole write), typing while copies are
// written, and the time from activating the window to a map reloaded after a change on disk.
// Prints figures against issue 13's target (an autosave never blocks the UI thread for more than
// 20 ms); never fails on speed. Not run by ctest; run it under Xvfb by hand:
//   xvfb-run -a -s "-screen 0 1280x800x24" build/default/tests/bench_recovery
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <wx/app.h>

#include "autosaver.h"
#include "bench_document.h"
#include "gui_bench.h"
#include "bpm/bpm_file.h"
#include "bpm_document.h"
#include "disk_change_bar.h"
#include "doc_manager.h"
#include "main_frame.h"
#include "test_support.h"
#include "wx_string.h"

namespace {

using bpm::test::clock_type;
using bpm::test::Ms;
using bpm::test::Settle;

void Report(const char* what, std::vector<double> t) {
    std::sort(t.begin(), t.end());
    std::printf("%-40s median %7.2f ms   max %7.2f ms   (%zu runs)\n", what, t[t.size() / 2], t.back(), t.size());
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    const bpm::test::BenchEditor editor(argv);
    if (!editor) return 1;
    MainFrame& frame = editor.Frame();

    bpm::test::temp_dir dir;
    const std::string path = dir.file("bench.bpm");
    const bpm::document original = bpm::test::bench_document(200, 12);
    bpm::save_bpm(original, path);
    auto* doc = wxStaticCast(TheDocManager().CreateDocument(ToWx(path), wxDOC_SILENT), BpmDocument);
    Settle();
    Autosaver& autosaver = *TheDocManager().GetAutosaver();
    const bpm::persona& p = doc->Model().personas.front();
    std::printf("200 personas x 12 stages, %.2f MB of .bpm\n", bpm::write_bpm(original).size() / 1048576.0);

    // The UI thread's share of an autosave: serialising the map.
    std::vector<double> serialise, whole;
    for (int i = 0; i < runs; ++i) {
        doc->Submit(bpm::set_stage_field(p.id, p.stages[0].id, bpm::stage_field::duration, std::to_string(i) + " weeks"));
        const auto start = clock_type::now();
        const std::string bytes = bpm::write_bpm(doc->Model());
        serialise.push_back(Ms(clock_type::now() - start));
        const auto again = clock_type::now();
        autosaver.SaveNow();  // serialise and write (atomic, fsync) on this thread, as before a crash report
        whole.push_back(Ms(clock_type::now() - again));
    }
    Report("autosave, UI thread (serialise)", serialise);
    Report("autosave written synchronously (all)", whole);

    // Typing with a copy every second, against typing with autosave off: the slowest keystroke
    // tells whether a copy ever blocks the UI thread.
    const auto typing = [&](std::chrono::seconds interval) {
        autosaver.SetInterval(interval);
        std::vector<double> keys;
        std::string text;
        const auto until = clock_type::now() + std::chrono::seconds(6);
        while (clock_type::now() < until) {
            text += 'x';
            if (text.size() > 40) text = "x";
            const auto start = clock_type::now();
            doc->Submit(bpm::set_stage_field(p.id, p.stages[1].id, bpm::stage_field::key_message, text),
                        bpm::merge::typing);
            wxTheApp->ProcessPendingEvents();
            wxYield();
            keys.push_back(Ms(clock_type::now() - start));
            // About 8 keystrokes a second, with the pauses autosave waits for now and then.
            wxMilliSleep(keys.size() % 40 == 0 ? 2500 : 120);
        }
        return keys;
    };
    Report("keystroke, autosave off", typing(std::chrono::seconds(0)));
    Report("keystroke, autosave every second", typing(std::chrono::seconds(1)));
    autosaver.SetInterval(std::chrono::minutes(1));

    // Activation to reload: a teammate's version on disk, then the window activated.
    Settle();
    std::vector<double> unchanged, reload;
    doc->Save();
    for (int i = 0; i < runs; ++i) {
        const auto start = clock_type::now();
        frame.GetDiskChangeBar()->CheckNow();
        unchanged.push_back(Ms(clock_type::now() - start));

        bpm::document theirs = doc->Model();
        theirs.personas[i % 200].name = "Renamed by a teammate " + std::to_string(i);
        bpm::save_bpm(theirs, path);
        const auto activated = clock_type::now();
        frame.GetDiskChangeBar()->CheckNow();
        frame.Update();
        reload.push_back(Ms(clock_type::now() - activated));
        if (doc->Model().personas[i % 200].name != theirs.personas[i % 200].name) std::printf("not reloaded!\n");
    }
    Report("activation, file unchanged (stat only)", unchanged);
    Report("activation to reloaded and repainted", reload);
    return 0;
}
