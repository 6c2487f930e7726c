#include "bpm/map_formats.h"

#include <array>
#include <utility>

#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/mermaid_journey.h"
#include "bpm/tr.h"

namespace bpm {

namespace {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Every name a format goes by, the first its own (map_format_name); extensions are these names.
struct format_names {
    map_format format;
    std::array<std::string_view, 2> names;
};
constexpr std::array<format_names, 10> all_names = {{
    {map_format::bpm, {"bpm", ""}},
    {map_format::json, {"json", ""}},
    {map_format::csv, {"csv", ""}},
    {map_format::tsv, {"tsv", "tab"}},
    {map_format::markdown, {"md", "markdown"}},
    {map_format::mermaid, {"mermaid", "mmd"}},
    {map_format::xlsx, {"xlsx", ""}},
    {map_format::pdf, {"pdf", ""}},
    {map_format::png, {"png", ""}},
    {map_format::svg, {"svg", ""}},
}};

}  // namespace

std::optional<map_format> map_format_from_name(std::string_view name) {
    const std::string wanted = ascii_lower(name);
    if (wanted.empty()) return std::nullopt;
    for (const format_names& f : all_names)
        for (std::string_view n : f.names)
            if (n == wanted) return f.format;
    return std::nullopt;
}

std::optional<map_format> map_format_of_path(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    const std::size_t slash = path.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
    return map_format_from_name(path.substr(dot + 1));
}

std::string_view map_format_name(map_format f) {
    for (const format_names& n : all_names)
        if (n.format == f) return n.names[0];
    return {};
}

std::vector<std::string_view> map_format_extensions(map_format f) {
    std::vector<std::string_view> out;
    for (const format_names& n : all_names)
        if (n.format == f)
            for (std::string_view name : n.names)
                if (!name.empty()) out.push_back(name);
    // The format's name is not its usual extension for Mermaid diagrams.
    if (f == map_format::mermaid) std::swap(out.front(), out.back());
    return out;
}

std::vector<map_format> importable_formats() {
    std::vector<map_format> out;
    for (const format_names& n : all_names)
        if (can_import(n.format)) out.push_back(n.format);
    return out;
}

bool can_import(map_format f) {
    return f == map_format::bpm || f == map_format::json || f == map_format::csv || f == map_format::tsv ||
           f == map_format::mermaid || f == map_format::markdown;
}

result<document> import_map(const std::string& path, map_format f, const progress_fn& progress,
                            const import_options& options) {
    switch (f) {
        case map_format::bpm: return load_bpm(path, progress);
        case map_format::json: return load_json(path, progress);
        case map_format::csv:
        case map_format::tsv: return load_csv(path, options.csv, progress);
        case map_format::mermaid: return load_mermaid_journey(path, false);
        case map_format::markdown: return load_mermaid_journey(path, true);
        default: break;
    }
    return result<document>::failure(
        // TRANSLATORS: {1} is a file, {2} a format's short name such as "pdf"
        format(_("{1}: a map cannot be read from {2} files"), path, std::string(map_format_name(f))));
}

}  // namespace bpm
