#include "picture_export.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <set>

#include "bpm/file_io.h"
#include "bpm/journey_picture.h"
#include "bpm/pdf_export.h"
#include "bpm/png_export.h"
#include "bpm/svg_export.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "commands.h"

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";
constexpr double smallest_scale = 0.25;
constexpr double largest_scale = 8;

// A scale as the user would type it: "2", "1.5", "0.25".
std::string shown(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Whether a character stays in a file name: letters and digits (any beyond ASCII but spaces,
// punctuation and symbols such as "—", "·" or "’"), and '-', '_', '.'.
bool kept_in_file_name(char32_t c) {
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    if (c > 0x10FFFF) return false;  // not UTF-8
    const bool latin1_sign = (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7;
    const bool punctuation = (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
                             (c >= 0xFF00 && c <= 0xFF0F) || c == 0xFEFF;
    return !latin1_sign && !punctuation;
}

// A persona's name as part of a file name: what kept_in_file_name keeps, every run of anything
// else (spaces, slashes, quotes, dashes) as one '-'.
std::string file_name_part(const std::string& name) {
    std::string out;
    std::size_t at = 0;
    while (at < name.size()) {
        const std::size_t start = at;
        const char32_t c = next_code_point(name, at);
        if (kept_in_file_name(c)) out.append(name, start, at - start);
        else if (!out.empty() && out.back() != '-') out.push_back('-');
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    while (!out.empty() && out.front() == '.') out.erase(0, 1);
    return out;
}

}  // namespace

result<double> png_scale_option(const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || !std::isfinite(value) || value < smallest_scale ||
        value > largest_scale)
        return result<double>::failure(
            // TRANSLATORS: {1} is what the user gave; {2} and {3} the smallest and largest scale
            format(_("--scale takes a number from {2} to {3} (pixels per point of the map, such as 1 or 2), not "
                     "\"{1}\""),
                   text, shown(smallest_scale), shown(largest_scale)));
    return result<double>::success(value);
}

std::vector<std::string> picture_paths(const std::string& out, const std::vector<const persona*>& personas) {
    if (personas.size() <= 1) return {out};
    const std::filesystem::path given(out);
    const std::string stem = given.stem().string(), extension = given.extension().string();
    std::vector<std::string> paths;
    std::set<std::string> taken;
    for (std::size_t i = 0; i < personas.size(); ++i) {
        std::string part = file_name_part(personas[i]->name);
        if (part.empty()) part = "persona-" + std::to_string(i + 1);
        std::string name = stem + "-" + part;
        // Case-blind, as the file systems of macOS and Windows are.
        for (int n = 2; taken.count(ascii_lower(name)); ++n) name = stem + "-" + part + "-" + std::to_string(n);
        taken.insert(ascii_lower(name));
        paths.push_back((given.parent_path() / (name + extension)).string());
    }
    return paths;
}

int export_pictures(const std::vector<const persona*>& personas, picture_format kind, std::optional<double> scale,
                    const std::string& out, terminal_progress& progress, std::ostream& out_text, std::ostream& err) {
    if (personas.empty()) {
        err << program << ": " << _("the map has no personas, so there is no journey map to draw") << "\n";
        return exit_failure;
    }
    const result<pdf_text_measurer> fonts = pdf_text_measurer::find();
    if (!fonts) {
        err << program << ": " << fonts.error() << "\n";
        return exit_failure;
    }
    // Laid out first, so that a scale too large for one of them is refused before any file is written.
    std::vector<draw::drawing> pictures;
    for (const persona* p : personas) {
        pictures.push_back(journey_picture(*p, *fonts.value));
        const double most = max_png_scale(pictures.back());
        if (kind == picture_format::png && scale && *scale > most) {
            const double w = std::floor(pictures.back().width * *scale), h = std::floor(pictures.back().height * *scale);
            err << program << ": "
                // TRANSLATORS: {1} is the scale asked for, {2} a persona's name, {3} by {4} the image's size
                // in pixels, {5} the most pixels on a side, {6} the largest scale that fits
                << format(_("at --scale {1} the journey map of \"{2}\" would be {3} by {4} pixels, more than {5} on "
                            "a side: use --scale {6} or less"),
                          shown(*scale), p->name, shown(w), shown(h), shown(max_png_side),
                          shown(std::floor(most * 100) / 100))
                << "\n";
            return exit_failure;
        }
    }
    const std::vector<std::string> paths = picture_paths(out, personas);
    for (std::size_t i = 0; i < personas.size(); ++i) {
        const progress_fn writing = progress.tell(format(_("Writing {1}"), paths[i]));
        const result<std::string> bytes =
            kind == picture_format::png
                ? to_png(pictures[i], scale ? *scale : default_png_scale(pictures[i]), *fonts.value, writing)
                : to_svg(pictures[i], writing);
        if (bytes.was_cancelled()) {
            progress.finish();
            err << program << ": " << format(_("interrupted; {1} was not written"), paths[i]) << "\n";
            return progress.exit_code();
        }
        progress.finish();
        const result<> saved = bytes ? write_file_atomic(paths[i], *bytes.value) : result<>::failure_of(bytes);
        if (!saved) {
            err << program << ": " << saved.error() << "\n";
            return exit_failure;
        }
        if (paths.size() > 1) out_text << paths[i] << "\n";
    }
    return exit_ok;
}

}  // namespace bpm::cli
