// bpmap-cli diff and merge of two edited copies of the 200-persona × 12-stage benchmark map, as
// whole processes: their time and peak memory side by side with bpmap-cli validate of the same
// files (loading them, nothing more), interleaved so that a busy machine slows both alike, medians
// of 11 runs after two of each (issue 19's target: a merge within 3× the time of loading the
// three files); then the same through git (git diff with the driver, git log -p with textconv,
// git merge with the merge driver, target under a second) when git is installed; then diff_maps,
// diff_to_text and merge_maps alone, in this process. With a folder as its argument it also leaves
// the three maps there (base.bpm, ours.bpm, theirs.bpm), for measuring by hand (/usr/bin/time -v,
// valgrind). Never fails on speed. Not run by ctest.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/diff_text.h"
#include "bpm/map_diff.h"
#include "bpm/map_merge.h"
#include "test_support.h"

namespace {

using bpm::test::median;
using bpm::test::process_run;
using bpm::test::run_quietly;

using bpm::document;



// An edited copy of the benchmark map: each of a few hundred edits a person might make between
// two commits (a word in a long text, a duration, a stage moved, a pain point dropped or
// recategorised, a persona added, removed or moved), chosen by seed.
document edited(const document& base, unsigned seed) {
    document d = base;
    std::mt19937 rng(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    for (int i = 0; i < 300; ++i) {
        bpm::persona& p = d.personas[pick(d.personas.size())];
        switch (i % 6) {
            case 0: p.stages[pick(p.stages.size())].buyer_actions += " then asks peers"; break;
            case 1: p.stages[pick(p.stages.size())].duration = std::to_string(i) + " weeks"; break;
            case 2: std::swap(p.stages[pick(p.stages.size())], p.stages[pick(p.stages.size())]); break;
            case 3: p.pain_points[pick(p.pain_points.size())].category = bpm::pain_category(rng() % 6); break;
            case 4: p.profile.role += " (acting)"; break;
            default: p.stages[pick(p.stages.size())].key_message.insert(0, "Now: "); break;
        }
    }
    for (int i = 0; i < 5; ++i) d.personas.erase(d.personas.begin() + static_cast<long>(pick(d.personas.size())));
    for (int i = 0; i < 5; ++i) {
        bpm::persona extra = base.personas[pick(base.personas.size())];
        extra.id += "-copy" + std::to_string(seed) + "-" + std::to_string(i);
        for (bpm::stage& s : extra.stages) s.id += "-copy" + std::to_string(seed) + "-" + std::to_string(i);
        d.personas.insert(d.personas.begin() + static_cast<long>(pick(d.personas.size())), extra);
    }
    std::rotate(d.personas.begin() + 10, d.personas.begin() + 11, d.personas.begin() + 150);
    return d;
}

// Runs a and b in alternation, 13 rounds each, and prints the medians of the last 11 and the
// largest peak memory of each; statuses outside ok_statuses mean the command failed.
void compare(const char* a_name, const std::vector<std::string>& a, const char* b_name,
             const std::vector<std::string>& b, int a_ok, const std::string& folder = {}) {
    std::vector<double> a_ms, b_ms;
    double a_peak = 0, b_peak = 0;
    for (int round = 0; round < 13; ++round) {
        const process_run x = run_quietly(a, folder), y = run_quietly(b, folder);
        if (x.status != a_ok || y.status != 0) {
            std::printf("  %s or %s failed (exit %d, %d), skipped\n", a_name, b_name, x.status, y.status);
            return;
        }
        if (round < 2) continue;
        a_ms.push_back(x.ms);
        b_ms.push_back(y.ms);
        a_peak = std::max(a_peak, x.peak_mib);
        b_peak = std::max(b_peak, y.peak_mib);
    }
    std::printf("  %-50s %8.1f ms  peak %6.1f MiB\n  %-50s %8.1f ms  peak %6.1f MiB  (%.2fx the time)\n", b_name,
                median(b_ms), b_peak, a_name, median(a_ms), a_peak, median(a_ms) / median(b_ms));
}

}  // namespace

int main(int argc, char** argv) {
    bpm::test::temp_dir dir;
    const document base = bpm::test::bench_document(200, 12);
    const document ours = edited(base, 1), theirs = edited(base, 2);
    const std::string o = dir.file("base.bpm"), a = dir.file("ours.bpm"), b = dir.file("theirs.bpm");
    if (!bpm::save_bpm(base, o) || !bpm::save_bpm(ours, a) || !bpm::save_bpm(theirs, b)) {
        std::fprintf(stderr, "cannot write the maps\n");
        return 1;
    }
    if (argc > 1)
        for (const char* name : {"base.bpm", "ours.bpm", "theirs.bpm"})
            std::filesystem::copy_file(dir.file(name), std::filesystem::path(argv[1]) / name,
                                       std::filesystem::copy_options::overwrite_existing);
    const bpm::map_diff d = bpm::diff_maps(ours, theirs);
    std::printf("two edited copies of the 200 × 12 benchmark map, %.1f and %.1f MB: %zu changes\n",
                std::filesystem::file_size(a) / 1e6, std::filesystem::file_size(b) / 1e6, d.changes.size());

    std::printf("whole process, medians of 11 interleaved runs:\n");
    compare("bpmap-cli diff OURS THEIRS", {BPM_CLI, "diff", a, b}, "bpmap-cli validate OURS THEIRS (the loading)",
            {BPM_CLI, "validate", a, b}, 1);
    compare("bpmap-cli diff OURS THEIRS --format json", {BPM_CLI, "diff", a, b, "--format", "json"},
            "bpmap-cli validate OURS THEIRS (the loading)", {BPM_CLI, "validate", a, b}, 1);
    const bpm::merge_result merged = bpm::merge_maps(base, ours, theirs);
    std::printf("merging them against their base (%zu conflicts; target: within 3x the loading):\n",
                merged.conflicts.size());
    compare("bpmap-cli merge BASE OURS THEIRS -o OUT", {BPM_CLI, "merge", o, a, b, "-o", dir.file("out.bpm")},
            "bpmap-cli validate BASE OURS THEIRS (the loading)", {BPM_CLI, "validate", o, a, b},
            merged.clean() ? 0 : 1);

    // Through git: a repository with the two versions as two commits, set up by git-setup.
    const std::string repo = dir.file("repo");
    std::filesystem::create_directory(repo);
    const auto git = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"});
        return run_quietly(args, repo).status == 0;
    };
    if (!git({"init", "-q"})) {
        std::printf("through git: git not found, skipped\n");
    } else {
        run_quietly({BPM_CLI, "git-setup"}, repo);
        std::filesystem::copy_file(a, repo + "/map.bpm");
        git({"add", "-A"});
        git({"commit", "-q", "-m", "ours"});
        std::filesystem::copy_file(b, repo + "/map.bpm", std::filesystem::copy_options::overwrite_existing);
        git({"commit", "-q", "-am", "theirs"});
        std::printf("through git (git-setup's drivers), medians of 11 interleaved runs:\n");
        compare("git diff HEAD~1 HEAD (the diff driver)", {"git", "diff", "HEAD~1", "HEAD"},
                "bpmap-cli validate OURS THEIRS (the loading)", {BPM_CLI, "validate", a, b}, 0, repo);
        compare("git log -p -1 (textconv, line diff)", {"git", "log", "-p", "-1"},
                "bpmap-cli validate OURS THEIRS (the loading)", {BPM_CLI, "validate", a, b}, 0, repo);

        // git merge: base, then ours and theirs on branches of it; each round starts again from ours.
        std::filesystem::copy_file(o, repo + "/map.bpm", std::filesystem::copy_options::overwrite_existing);
        git({"commit", "-q", "-am", "base"});
        git({"branch", "-f", "base"});
        git({"checkout", "-q", "-b", "theirs"});
        std::filesystem::copy_file(b, repo + "/map.bpm", std::filesystem::copy_options::overwrite_existing);
        git({"commit", "-q", "-am", "theirs"});
        git({"checkout", "-q", "-b", "ours", "base"});
        std::filesystem::copy_file(a, repo + "/map.bpm", std::filesystem::copy_options::overwrite_existing);
        git({"commit", "-q", "-am", "ours"});
        git({"tag", "ours-version"});
        std::vector<double> merge_ms, load_ms;
        double merge_peak = 0;
        int status = -1;
        for (int round = 0; round < 13; ++round) {
            const process_run m = run_quietly(
                {"git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "merge", "--no-edit", "theirs"},
                repo);
            status = m.status;
            git({"merge", "--abort"});
            git({"reset", "-q", "--hard", "ours-version"});
            const process_run l = run_quietly({BPM_CLI, "validate", o, a, b});
            if (round < 2) continue;
            merge_ms.push_back(m.ms);
            load_ms.push_back(l.ms);
            merge_peak = std::max(merge_peak, m.peak_mib);
        }
        std::printf("  %-50s %8.1f ms\n  %-50s %8.1f ms  peak %6.1f MiB  (%.2fx the time; exit %d%s; target: "
                    "under 1 s)\n",
                    "bpmap-cli validate BASE OURS THEIRS (the loading)", median(load_ms),
                    "git merge theirs (the merge driver)", median(merge_ms), merge_peak,
                    median(merge_ms) / median(load_ms), status, status == 1 ? ", conflicts" : "");
    }

    std::size_t bytes = 0;
    const double diffing = bpm::test::median_ms(11, [&] { bytes += bpm::diff_maps(ours, theirs).changes.size(); });
    const double text = bpm::test::median_ms(11, [&] { bytes += bpm::diff_to_text(d).size(); });
    const double json = bpm::test::median_ms(11, [&] { bytes += bpm::diff_to_json(d).size(); });
    const double merging = bpm::test::median_ms(11, [&] { bytes += bpm::merge_maps(base, ours, theirs).conflicts.size(); });
    std::printf("in this process, medians of 11: diff_maps %.2f ms, diff_to_text %.2f ms, diff_to_json %.2f ms, "
                "merge_maps %.2f ms (%zu)\n",
                diffing, text, json, merging, bytes % 10);
    return 0;
}
