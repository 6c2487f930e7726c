#include "merge_command.h"

#include <filesystem>
#include <ostream>
#include <system_error>

#include "bpm/bpm_file.h"
#include "bpm/diff_text.h"
#include "bpm/json_format.h"
#include "bpm/map_formats.h"
#include "bpm/map_merge.h"
#include "bpm/tr.h"
#include "terminal_progress.h"

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";
// The statuses git expects of a merge driver, and diff(1)'s for trouble.
constexpr int merged_cleanly = 0, with_conflicts = 1, trouble = 2;

// An empty base is the empty map: git gives an empty file for a path both branches added.
bool is_empty_map(const std::string& path) {
    if (path == "/dev/null") return true;
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec;
}

map_format format_for(const std::string& name) { return map_format_of_path(name).value_or(map_format::bpm); }

void report(std::ostream& err, const std::string& name, const std::vector<diagnostic>& problems) {
    for (const diagnostic& d : problems) err << name << (d.line ? ":" : ": ") << d.to_string() << "\n";
}

}  // namespace

int merge_files(const merge_paths& paths, std::ostream& err) {
    struct version {
        const std::string* path;
        std::string label;
        bool may_be_empty;
    };
    // TRANSLATORS: names of the three versions of a map in a merge, after the map's name: "map.bpm (theirs)"
    const version versions[3] = {{&paths.base, format(_("{1} (base)"), paths.name), true},
                                 {&paths.ours, format(_("{1} (ours)"), paths.name), false},
                                 {&paths.theirs, format(_("{1} (theirs)"), paths.name), false}};
    terminal_progress progress(err);
    document docs[3];
    for (int k = 0; k < 3; ++k) {
        const version& v = versions[k];
        const std::string& label = paths.name.empty() ? *v.path : v.label;
        if (v.may_be_empty && is_empty_map(*v.path)) continue;
        // TRANSLATORS: the progress line on the terminal while a map is read; {1} is its file
        const progress_fn reading = progress.tell(format(_("Reading {1}"), label));
        result<document> doc = import_map(*v.path, format_for(paths.name.empty() ? *v.path : paths.name), reading);
        progress.finish();
        if (doc.was_cancelled()) {
            err << program << ": " << _("interrupted") << "\n";
            return progress.exit_code();
        }
        if (!doc) {
            report(err, label, doc.problems);
            return trouble;
        }
        docs[k] = std::move(*doc.value);
    }

    const merge_result merged = merge_maps(docs[0], docs[1], docs[2]);
    const std::string& target = paths.output.empty() ? paths.ours : paths.output;
    const map_format target_format = format_for(paths.output.empty() && !paths.name.empty() ? paths.name : target);
    const result<> saved =
        target_format == map_format::json ? save_json(merged.merged, target) : save_bpm(merged.merged, target);
    if (!saved) {
        err << program << ": " << saved.error() << "\n";
        return trouble;
    }
    if (merged.clean()) return merged_cleanly;

    const std::string& shown = paths.name.empty() ? target : paths.name;
    const std::size_t n = merged.conflicts.size();
    // TRANSLATORS: {1} is the merged map's file, {2} how many conflicts it records
    err << format(_n("{1}: {2} conflict, kept as ours' value and recorded in the map (bpmap-cli validate lists it):",
                     "{1}: {2} conflicts, kept as ours' values and recorded in the map (bpmap-cli validate lists "
                     "them):",
                     n),
                  shown, std::to_string(n))
        << "\n";
    for (std::size_t i = 0; i < n && i < max_reported_problems; ++i)
        err << "  " << conflict_text(merged.merged, merged.conflicts[i]) << "\n";
    if (n > max_reported_problems)
        err << "  " << format(_("and {1} more"), std::to_string(n - max_reported_problems)) << "\n";
    return with_conflicts;
}

}  // namespace bpm::cli
