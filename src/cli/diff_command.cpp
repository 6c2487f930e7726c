#include "diff_command.h"

#include <fstream>
#include <ostream>

#include "bpm/diff_text.h"
#include "bpm/map_diff.h"
#include "bpm/map_formats.h"
#include "bpm/tr.h"
#include "standard_input.h"
#include "terminal_progress.h"

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";
// diff(1)'s statuses.
constexpr int maps_equal = 0, maps_differ = 1, trouble = 2;

bool is_null_device(const std::string& path) { return path == "/dev/null"; }

// Reads a map for a diff: /dev/null is the empty map, "-" the one on in when given; the format
// is the one name's extension names (.bpm when none), so that git's temporary copies read as the
// file they stand for.
result<document> load_version(const std::string& path, const std::string& name, terminal_progress& progress,
                              std::istream* in = nullptr) {
    if (is_null_device(path)) return result<document>::success(document{});
    // TRANSLATORS: the progress line on the terminal while a map is read; {1} is its file
    const progress_fn reading = progress.tell(format(_("Reading {1}"), name));
    result<document> doc = in && is_standard_input(path)
                               ? read_standard_input(*in, reading)
                               : import_map(path, map_format_of_path(name).value_or(map_format::bpm), reading);
    progress.finish();
    return doc;
}

// "NAME:LINE:COL: message" or "NAME: message", one a line.
void report(std::ostream& to, const std::string& name, const std::vector<diagnostic>& problems) {
    for (const diagnostic& d : problems) to << name << (d.line ? ":" : ": ") << d.to_string() << "\n";
}

void report_warnings(std::ostream& err, const std::string& name, const std::vector<diagnostic>& warnings) {
    for (const diagnostic& d : warnings)
        err << name << (d.line ? ":" : ": ") << diagnostic{format(_("warning: {1}"), d.message), d.line, d.column}.to_string()
            << "\n";
}

}  // namespace

int diff_files(const std::string& old_path, const std::string& new_path, diff_format format, std::istream& in,
               std::ostream& out, std::ostream& err) {
    terminal_progress progress(err);
    result<document> versions[2];
    const std::string* paths[2] = {&old_path, &new_path};
    for (int k = 0; k < 2; ++k) {
        versions[k] = load_version(*paths[k], *paths[k], progress, &in);
        if (versions[k].was_cancelled()) {
            err << program << ": " << _("interrupted") << "\n";
            return progress.exit_code();
        }
        // One file named twice says the same twice: once is enough.
        if (k == 0 || new_path != old_path) report_warnings(err, *paths[k], versions[k].warnings);
        if (!versions[k]) {
            report(err, *paths[k], versions[k].problems);
            return trouble;
        }
    }
    const map_diff d = diff_maps(*versions[0].value, *versions[1].value);
    out << (format == diff_format::json ? diff_to_json(d) : diff_to_text(d));
    return d.empty() ? maps_equal : maps_differ;
}

int diff_for_git(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string& path = args[0];
    const std::string names[2] = {"a/" + path, "b/" + path};
    out << "diff --bpm " << names[0] << " " << names[1] << "\n";
    terminal_progress progress(err);
    result<document> versions[2];
    bool readable = true;
    for (int k = 0; k < 2; ++k) {
        versions[k] = load_version(args[k == 0 ? 1 : 4], path, progress);
        if (versions[k].was_cancelled()) return progress.exit_code();
        if (!versions[k]) {
            report(out, names[k], versions[k].problems);
            readable = false;
        }
    }
    if (!readable) {
        out << _("(not a valid map: git diff --no-ext-diff --no-textconv shows the file's lines)") << "\n";
        return 0;
    }
    const map_diff d = diff_maps(*versions[0].value, *versions[1].value);
    // git calls a driver for files whose bytes differ; a map saved in another layout is the same map.
    out << (d.empty() ? _("(the same map, written differently)") + "\n" : diff_to_text(d));
    return 0;
}

int outline_for_git(const std::string& path, std::ostream& out, std::ostream& err) {
    terminal_progress progress(err);
    const result<document> doc = load_version(path, path, progress);
    if (doc.was_cancelled()) return progress.exit_code();
    if (doc) {
        out << map_outline(*doc.value);
        return 0;
    }
    std::ifstream raw(path, std::ios::binary);
    if (!raw) {
        report(err, path, doc.problems);
        return trouble;
    }
    report(err, path, doc.problems);
    err << program << ": " << format(_("{1} is not a valid map; its lines are compared as they are"), path) << "\n";
    if (raw.peek() != std::ifstream::traits_type::eof()) out << raw.rdbuf();
    return 0;
}

}  // namespace bpm::cli
