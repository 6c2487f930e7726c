#include "commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "bpm/ai_assistant.h"
#include "bpm/bpm_file.h"
#include "bpm/diff_text.h"
#include "bpm/export_text.h"
#include "bpm/history.h"
#include "bpm/interview.h"
#include "bpm/file_io.h"
#include "bpm/json_format.h"
#include "bpm/map_formats.h"
#include "bpm/map_pdf.h"
#include "bpm/mermaid_journey.h"
#include "bpm/recovery.h"
#include "bpm/summary.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "bpm/version.h"
#include "bpm/xlsx_export.h"
#include "cli_ai.h"
#include "diff_command.h"
#include "git_setup.h"
#include "merge_command.h"
#include "pdf_password.h"
#include "picture_export.h"
#include "standard_input.h"
#include "terminal_interview.h"
#include "terminal_progress.h"

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";

std::string usage_text() {
    return format(_("Usage:\n"
                    "  {1} validate FILE... [--csv-layout rows|columns] [--csv-separator ,|;|tab]\n"
                    "  {1} convert IN OUT [--csv-layout rows|columns] [--csv-separator ,|;|tab]\n"
                    "  {1} summary FILE [--persona NAME] [--ai [--no-api-key]]\n"
                    "  {1} export FILE [--format md|csv|xlsx|mermaid|pdf|png|svg] -o OUT [--persona NAME]\n"
                    "         [--password PW | --password - | --password-file FILE] [--comments] [--scale N]\n"
                    "         [--csv-separator ,|;|tab]\n"
                    "  {1} interview [FILE] [-o OUT] [--ai [--no-api-key]]\n"
                    "  {1} diff OLD NEW [--format text|json]\n"
                    "  {1} merge BASE OURS THEIRS [-o OUT] [--name PATH]\n"
                    "  {1} git-setup\n"
                    "  {1} --help | --version\n"),
                  program);
}

std::string help_text() {
    return _("Buying Process Mapper command-line tool: check, convert, summarise and export buying process maps.\n\n") +
           usage_text() +
           _("\nCommands:\n"
             "  validate   Check .bpm or .json files, spreadsheets (.csv, .tsv) or Mermaid journeys\n"
             "             (.mmd, or the first journey diagram of a .md file); prints FILE:LINE:COL:\n"
             "             message for each problem, FILE:LINE:COL: warning: message for what was\n"
             "             assumed or left out, and a warning for each conflict a merge left\n"
             "             unresolved in a map.\n"
             "  convert    Convert between .bpm and .json, or from a spreadsheet (.csv, .tsv) or a\n"
             "             Mermaid journey (.mmd or .md); the file extensions choose the formats.\n"
             "             A CSV or TSV file holds a stage per row under a row of headers (as export\n"
             "             writes it), or, with --csv-layout columns, a stage per column with the\n"
             "             headers down the first column; without the option the headers tell which.\n"
             "             The separator is found from the header line (a .tsv file's is tab) unless\n"
             "             --csv-separator gives it.\n"
             "  summary    Print the summary of each persona, or of the one named with --persona.\n"
             "  export     Write a Markdown playbook (md), a CSV of all stages (csv), an Excel\n"
             "             workbook (xlsx: an overview sheet and a sheet of stages per persona), a\n"
             "             Mermaid user journey (mermaid, .mmd), the printed pages as a PDF (pdf:\n"
             "             cover, stage table, journey map and summary per persona, bookmarked; a\n"
             "             password protects it), or the journey map as a picture (png, svg), the same\n"
             "             as the editor's File > Export, with no display needed. Without --format,\n"
             "             OUT's extension names the format. -o - writes md, csv and mermaid to\n"
             "             standard output. The CSV starts with a byte order mark for Excel;\n"
             "             --csv-separator ';' (or tab) is what Excel reads in locales whose decimal\n"
             "             mark is a comma. --comments ends a PDF with the map's open comments.\n"
             "             A picture or a Mermaid journey shows one persona: with --persona, that one\n"
             "             goes to OUT; without it, a map of several personas gives one file each,\n"
             "             named after OUT and the persona (-o map.png: map-Emma-Rodriguez.png, ...),\n"
             "             and their paths are printed. --scale N draws a PNG at N pixels per point\n"
             "             of the map, from 0.25 to 8 (default 2, as the editor, or less for a map\n"
             "             too large for that).\n"
             "  interview  The guided interview in the terminal: questions on standard output,\n"
             "             one answer per line on standard input. Adds to FILE when given; saves to\n"
             "             OUT (or FILE) when you are done, or when the input ends, with the persona\n"
             "             left in progress. Type 'help' during the interview for its commands.\n"
             "  diff       Print the changes from OLD to NEW by persona, stage and field, matched by\n"
             "             id wherever things moved, one a line (--format json for tools). Exits with\n"
             "             0 when the maps are equal, 1 when they differ, 2 when one cannot be read.\n"
             "  merge      Merge the changes OURS and THEIRS made to BASE, field by field, matched by\n"
             "             id, into OUT (or into OURS, as git's merge driver does). A field both\n"
             "             changed differently keeps ours' value and is recorded in the map as a\n"
             "             conflict with all three values; validate lists them. --name names the map\n"
             "             when the versions are temporary copies (git's %P). Exits with 0 when the\n"
             "             merge is clean, 1 when OUT records conflicts, 2 when a version cannot be\n"
             "             read or OUT written (nothing is written then).\n"
             "  git-setup  Run in a git repository: makes git diff and git log -p show the changes\n"
             "             to .bpm files this way, and has git merge merge them field by field (a\n"
             "             line in .gitattributes and the repository's diff and merge drivers,\n"
             "             which name this bpmap-cli by its full path).\n"
             "\nA PDF password given as --password PW can be read by every user of this computer while\n"
             "the export runs (ps, /proc). Safer: --password - asks for it on the terminal without\n"
             "showing it (or reads the first line of standard input), --password-file FILE reads the\n"
             "file's first line, and BPMAP_PDF_PASSWORD is used when no option gives one.\n"
             "\nvalidate, convert and diff read a map named - from standard input (once): a .bpm map, or\n"
             "JSON when it starts with { or [. Pipes and <(...) are read the same way, up to 64 MB.\n"
             "\nExit status: 0 on success, 1 when a file cannot be read, written or is not valid,\n"
             "2 when the command line is wrong (diff, merge: as above). Reading and writing a big\n"
             "map shows its progress on standard error when that is a terminal; Ctrl+C (or SIGTERM)\n"
             "stops it, writing no file, and exits with 130 (or 143).\n") +
           _("\nWith --ai, summary and interview use a language model: any OpenAI-compatible chat service,\n"
             "such as Ollama, llama.cpp's server, LM Studio or vLLM, set up in the environment:\n"
             "BPMAP_AI_URL (such as http://localhost:11434/v1), BPMAP_AI_MODEL, BPMAP_API_KEY (or\n"
             "OPENAI_API_KEY) when the service wants a key, and BPMAP_AI_TIMEOUT in seconds. A key goes\n"
             "over plain http:// only to this computer; --no-api-key sends none, for a service on your\n"
             "network that needs no key.\n"
             "summary --ai prints the summaries the model writes; when the AI is not set up or fails,\n"
             "it prints the offline summary instead, with a warning on standard error, and still exits 0.\n"
             "interview --ai has the model write the summary and answer the questions you type (start\n"
             "them with 'ask:', or end them with '?').\n");
}

// A command line split into positional arguments and --options with values.
struct parsed_args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
};

struct usage_error {
    std::string message;
};

// Options that take a value; "-o" is short for "--output". Flags take none.
std::optional<parsed_args> parse(const std::vector<std::string>& args, std::size_t first,
                                 const std::vector<std::string>& valued, usage_error& error,
                                 const std::vector<std::string>& flags = {}) {
    parsed_args out;
    for (std::size_t i = first; i < args.size(); ++i) {
        std::string a = args[i];
        if (a == "-o") a = "--output";
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> value;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
                if (value) {
                    error.message = format(_("option --{1} takes no value"), name);
                    return std::nullopt;
                }
                out.options[name] = "";
                continue;
            }
            bool known = false;
            for (const std::string& v : valued)
                if (name == v) known = true;
            if (!known) {
                error.message = format(_("unknown option --{1}"), name);
                return std::nullopt;
            }
            if (!value) {
                if (i + 1 >= args.size()) {
                    error.message = format(_("option --{1} needs a value"), name);
                    return std::nullopt;
                }
                value = args[++i];
            }
            out.options[name] = *value;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            error.message = format(_("unknown option {1}"), a);
            return std::nullopt;
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

// The format a map is read from or written to: the one its name's extension names, or .bpm's.
map_format map_format_for(const std::string& path) { return map_format_of_path(path).value_or(map_format::bpm); }

// True when a map can be saved, whole, as path (a .bpm or .json file).
bool can_save(const std::string& path) {
    const auto f = map_format_of_path(path);
    return f == map_format::bpm || f == map_format::json;
}

// Reads a map from any format it can be read from, telling its progress as "Reading FILE" on a
// line that ends when the reading does, so that what the command writes next starts a line of its own.
// With in, "-" reads the map from it (standard input).
result<document> load_any(const std::string& path, terminal_progress& progress, const import_options& options = {},
                          std::istream* in = nullptr) {
    // TRANSLATORS: the progress line on the terminal while a map is read; {1} is its file
    const progress_fn reading = progress.tell(format(_("Reading {1}"), path));
    result<document> doc = in && is_standard_input(path) ? read_standard_input(*in, reading)
                                                         : import_map(path, map_format_for(path), reading, options);
    progress.finish();
    return doc;
}

// Problems of a file, one per line: "FILE:LINE:COL: message" or "FILE: message".
void report(std::ostream& err, const std::string& path, const std::vector<diagnostic>& problems) {
    for (const diagnostic& d : problems) err << path << (d.line ? ":" : ": ") << d.to_string() << "\n";
}

// Warnings of a file, one per line: "FILE:LINE:COL: warning: message" or "FILE: warning: message".
void report_warnings(std::ostream& err, const std::string& path, const std::vector<diagnostic>& warnings) {
    for (const diagnostic& d : warnings) {
        // TRANSLATORS: starts a line that tells about something in a file that did not stop the command
        const std::string text = format(_("warning: {1}"), d.message);
        err << path << (d.line ? ":" : ": ") << diagnostic{text, d.line, d.column}.to_string() << "\n";
    }
}

// Work a signal stopped: says so (and that the file the work was writing, if any, was not
// written), and exits as the signal would have, after the clean-up.
int interrupted(terminal_progress& progress, std::ostream& err, const std::string& unwritten = {}) {
    progress.finish();
    err << program << ": "
        << (unwritten.empty() ? _("interrupted") : format(_("interrupted; {1} was not written"), unwritten)) << "\n";
    return progress.exit_code();
}

int usage(std::ostream& err, const std::string& message) {
    err << program << ": " << message << "\n" << usage_text();
    return exit_usage;
}

// The separator --csv-separator names: ',', ';' or tab ("tab" or a tab character).
std::optional<char> csv_separator_option(const std::string& given) {
    if (given == "," || given == ";") return given[0];
    if (given == "tab" || given == "\t") return '\t';
    return std::nullopt;
}

// How CSV and TSV files among inputs are read: --csv-layout and --csv-separator; a usage error
// when one is wrong, or given while no input is such a file.
std::optional<import_options> reading_options(const parsed_args& a, const std::vector<std::string>& inputs,
                                              std::string& error) {
    import_options options;
    const auto layout = a.options.find("csv-layout");
    const auto separator = a.options.find("csv-separator");
    if (layout == a.options.end() && separator == a.options.end()) return options;
    if (std::none_of(inputs.begin(), inputs.end(), [](const std::string& path) {
            const auto f = map_format_of_path(path);
            return f == map_format::csv || f == map_format::tsv;
        })) {
        error = _("--csv-layout and --csv-separator are for reading .csv and .tsv files");
        return std::nullopt;
    }
    if (layout != a.options.end()) {
        if (layout->second == "rows") options.csv.layout = csv_layout::stages_in_rows;
        else if (layout->second == "columns") options.csv.layout = csv_layout::stages_in_columns;
        else {
            // TRANSLATORS: {1} is what was given after --csv-layout; keep "rows" and "columns" as they are
            error = format(_("--csv-layout \"{1}\": use rows (a stage per row) or columns (a stage per column)"),
                           layout->second);
            return std::nullopt;
        }
    }
    if (separator != a.options.end()) {
        const auto c = csv_separator_option(separator->second);
        // TRANSLATORS: {1} is what was given after --csv-separator; keep ',', ';' and tab as they are
        if (!c) error = format(_("--csv-separator \"{1}\": use ',', ';' or tab"), separator->second);
        if (!c) return std::nullopt;
        options.csv.separator = *c;
    }
    return options;
}

// The personas a command works on: all, or the one named by --persona.
std::optional<std::vector<const persona*>> select_personas(const document& doc, const parsed_args& a,
                                                           std::ostream& err) {
    std::vector<const persona*> out;
    const auto it = a.options.find("persona");
    if (it == a.options.end()) {
        for (const persona& p : doc.personas) out.push_back(&p);
        return out;
    }
    // An exact name wins; otherwise a case-insensitive part of one name ("sophie") is enough.
    std::size_t i = doc.find_persona_by_name(it->second);
    std::size_t partial_matches = 0;
    if (i == npos) {
        const std::string wanted = ascii_lower(it->second);
        for (std::size_t k = 0; k < doc.personas.size(); ++k)
            if (!wanted.empty() && ascii_lower(doc.personas[k].name).find(wanted) != std::string::npos) {
                i = k;
                ++partial_matches;
            }
    }
    if (i == npos || partial_matches > 1) {
        std::string names;
        for (const persona& p : doc.personas) names += (names.empty() ? "" : ", ") + ("\"" + p.name + "\"");
        err << program << ": "
            << format(partial_matches > 1 ? _("\"{1}\" matches more than one persona; the map has: {2}")
                                          : _("no persona named \"{1}\"; the map has: {2}"),
                      it->second, names.empty() ? _("no personas") : names)
            << "\n";
        return std::nullopt;
    }
    out.push_back(&doc.personas[i]);
    return out;
}

// A usage error when more than one of paths is "-": standard input can be read once.
std::optional<std::string> standard_input_twice(const std::vector<std::string>& paths) {
    if (std::count_if(paths.begin(), paths.end(), is_standard_input) < 2) return std::nullopt;
    return _("- (standard input) can be given once");
}

int cmd_validate(const parsed_args& a, std::istream& in, std::ostream& out, std::ostream& err) {
    if (a.positional.empty()) return usage(err, _("validate needs at least one FILE"));
    if (const auto twice = standard_input_twice(a.positional)) return usage(err, *twice);
    std::string wrong;
    const std::optional<import_options> options = reading_options(a, a.positional, wrong);
    if (!options) return usage(err, wrong);
    int code = exit_ok;
    terminal_progress progress(err);
    for (const std::string& path : a.positional) {
        const auto doc = load_any(path, progress, *options, &in);
        if (doc.was_cancelled()) return interrupted(progress, err);
        report_warnings(err, path, doc.warnings);
        if (!doc) {
            report(err, path, doc.problems);
            code = exit_failure;
            continue;
        }
        const document& map = *doc.value;
        const std::size_t conflicts = map.conflicts.size();
        std::vector<diagnostic> unresolved;
        for (std::size_t i = 0; i < conflicts && i < max_reported_problems; ++i)
            // TRANSLATORS: {1} is a conflict a merge recorded, as "Emma › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'"
            unresolved.push_back({format(_("unresolved conflict: {1}"), conflict_text(map, map.conflicts[i]))});
        if (conflicts > max_reported_problems)
            unresolved.push_back({format(_n("and {1} more unresolved conflict", "and {1} more unresolved conflicts",
                                            conflicts - max_reported_problems),
                                         std::to_string(conflicts - max_reported_problems))});
        report_warnings(err, path, unresolved);
        std::size_t stages = 0;
        for (const persona& p : map.personas) stages += p.stages.size();
        const std::string personas = format(_n("{1} persona", "{1} personas", map.personas.size()),
                                            std::to_string(map.personas.size()));
        const std::string stage_count = format(_n("{1} stage", "{1} stages", stages), std::to_string(stages));
        out << (conflicts == 0
                    ? format(_("{1}: valid ({2}, {3})"), path, personas, stage_count)
                    // TRANSLATORS: {1} is a file, {2} and {3} its personas and stages ("2 personas", "5 stages"), {4} how many conflicts it records
                    : format(_n("{1}: valid ({2}, {3}), with {4} unresolved conflict",
                                "{1}: valid ({2}, {3}), with {4} unresolved conflicts", conflicts),
                             path, personas, stage_count, std::to_string(conflicts)));
        if (!map.comments.empty()) {
            const auto open = static_cast<std::size_t>(std::count_if(
                map.comments.begin(), map.comments.end(), [](const comment& c) { return !c.resolved; }));
            // TRANSLATORS: follows "FILE: valid (2 personas, 5 stages)"; comments the team left on the map and has not resolved
            out << "; " << format(_n("{1} open comment", "{1} open comments", open), std::to_string(open));
        }
        out << "\n";
    }
    return code;
}

// Writes a .json or .bpm file, telling its progress to progress.
result<> save_any(const document& doc, const std::string& path, const progress_fn& progress = {}) {
    return map_format_for(path) == map_format::json ? save_json(doc, path, progress) : save_bpm(doc, path);
}

int cmd_convert(const parsed_args& a, std::istream& standard_input, std::ostream&, std::ostream& err) {
    if (a.positional.size() != 2) return usage(err, _("convert needs IN and OUT"));
    const std::string& in = a.positional[0];
    const std::string& out_path = a.positional[1];
    if (const auto f = map_format_of_path(in); !is_standard_input(in) && (!f || !can_import(*f)))
        // TRANSLATORS: {1} is a file; .mmd is a Mermaid diagram, and a .md file's journey diagram is read
        return usage(err, format(_("cannot tell the format of {1}: name it .bpm, .json, .csv, .tsv, .mmd or .md"), in));
    if (!can_save(out_path))
        return usage(err, format(_("cannot tell the format of {1}: name it .bpm or .json"), out_path));
    std::string wrong;
    const std::optional<import_options> options = reading_options(a, {in}, wrong);
    if (!options) return usage(err, wrong);
    terminal_progress progress(err);
    const auto doc = load_any(in, progress, *options, &standard_input);
    if (doc.was_cancelled()) return interrupted(progress, err, out_path);
    report_warnings(err, in, doc.warnings);
    if (!doc) {
        report(err, in, doc.problems);
        return exit_failure;
    }
    // TRANSLATORS: the progress line on the terminal while a file is written; {1} is its name
    const result<> saved = save_any(*doc.value, out_path, progress.tell(format(_("Writing {1}"), out_path)));
    if (saved.was_cancelled()) return interrupted(progress, err, out_path);
    progress.finish();
    if (!saved) {
        err << program << ": " << saved.error() << "\n";
        return exit_failure;
    }
    return exit_ok;
}

int cmd_summary(const parsed_args& a, std::istream&, std::ostream& out, std::ostream& err) {
    if (a.positional.size() != 1) return usage(err, _("summary needs exactly one FILE"));
    // The progress line and the clean stop on a signal while the map is read; then Ctrl+C stops as usual.
    std::optional<terminal_progress> progress(std::in_place, err);
    const auto doc = load_any(a.positional[0], *progress);
    if (doc.was_cancelled()) return interrupted(*progress, err);
    progress.reset();
    if (!doc) {
        report(err, a.positional[0], doc.problems);
        return exit_failure;
    }
    const auto personas = select_personas(*doc.value, a, err);
    if (!personas) return exit_failure;
    if (personas->empty()) out << _("This map has no personas yet.") << "\n";
    if (a.options.count("ai"))
        if (const auto settings = ai_settings_for_cli(err, !a.options.count("no-api-key"))) {
            // Streamed to a terminal; a pipe gets each summary whole, never half an AI text before a fallback.
            print_ai_summaries(ai_client(*settings), *personas, out, err, &out == &std::cout && isatty(STDOUT_FILENO));
            return exit_ok;
        }
    bool first = true;
    for (const persona* p : *personas) {
        if (!first) out << "\n";
        out << template_summary(*p);
        first = false;
    }
    return exit_ok;
}

// SOURCE_DATE_EPOCH as ISO 8601 ("" when unset), or nothing when it is not a number; builds and
// tests set it to make timestamped output byte-identical.
std::optional<std::string> source_date() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) return std::string();
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end != '\0') return std::nullopt;
    return iso8601_from_epoch(seconds);
}

// The printed pages of the chosen personas as a PDF file, the same pages the editor prints.
int export_pdf_file(const document& doc, const std::vector<const persona*>& personas, const parsed_args& a,
                    const std::string& password, const std::string& path, terminal_progress& progress,
                    std::ostream& err) {
    const result<pdf_text_measurer> fonts = pdf_text_measurer::find();
    if (!fonts) {
        err << program << ": " << fonts.error() << "\n";
        return exit_failure;
    }
    map_pdf_request request;
    if (a.options.count("persona"))
        for (const persona* p : personas) request.persona_ids.push_back(p->id);
    request.options.password = password;
    request.setup.open_comments = a.options.count("comments") > 0;
    // Reproducible output: with SOURCE_DATE_EPOCH set, the PDF's creation date is that moment.
    const auto fixed = source_date();
    if (!fixed) return usage(err, format(_("SOURCE_DATE_EPOCH is not a number: {1}"), std::getenv("SOURCE_DATE_EPOCH")));
    request.created_at = *fixed;
    request.progress = progress.tell(format(_("Writing {1}"), path));
    const result<std::vector<std::string>> written = export_map_pdf(doc, request, *fonts.value, path);
    if (written.was_cancelled()) return interrupted(progress, err, path);
    progress.finish();
    if (!written) {
        err << program << ": " << written.error() << "\n";
        return exit_failure;
    }
    for (const std::string& warning : *written.value) err << program << ": " << _("warning: ") << warning << "\n";
    return exit_ok;
}

// The chosen personas as an Excel workbook.
int export_xlsx_file(const document& doc, const std::string& path, terminal_progress& progress, std::ostream& err) {
    xlsx_options options;
    // Reproducible output: with SOURCE_DATE_EPOCH set, the workbook's creation time is that moment.
    const auto fixed = source_date();
    if (!fixed) return usage(err, format(_("SOURCE_DATE_EPOCH is not a number: {1}"), std::getenv("SOURCE_DATE_EPOCH")));
    options.created_at = *fixed;
    const result<> saved = save_xlsx(doc, path, options, progress.tell(format(_("Writing {1}"), path)));
    if (saved.was_cancelled()) return interrupted(progress, err, path);
    progress.finish();
    for (const diagnostic& warning : saved.warnings) err << program << ": " << _("warning: ") << warning.message << "\n";
    if (!saved) {
        err << program << ": " << saved.error() << "\n";
        return exit_failure;
    }
    return exit_ok;
}

// The export format --format names, or else the one -o's extension names; "" when neither does.
std::string export_format(const parsed_args& a) {
    if (const auto given = a.options.find("format"); given != a.options.end())
        return given->second == "mmd" ? "mermaid" : given->second;
    const auto target = a.options.find("output");
    if (target == a.options.end()) return {};
    const std::string ext = ascii_lower(std::filesystem::path(target->second).extension().string());
    for (const char* known : {"md", "csv", "xlsx", "pdf", "png", "svg", "mermaid"})
        if (ext == std::string(".") + known) return known;
    return ext == ".markdown" ? "md" : ext == ".mmd" ? "mermaid" : "";
}

// Writes the Mermaid journey of each persona: to OUT (or standard output) for one, and for several
// to a file each named as the pictures are (map.mmd: map-Emma-Rodriguez.mmd), printing their paths.
int export_mermaid(const std::vector<const persona*>& personas, const std::string& target, std::ostream& out,
                   std::ostream& err) {
    if (personas.empty()) {
        err << program << ": " << _("the map has no personas, so there is no journey to write") << "\n";
        return exit_failure;
    }
    if (target == "-") {
        if (personas.size() > 1)
            return usage(err, _("a map of several personas gives a Mermaid journey each: choose one with --persona, "
                                "or name a file with -o"));
        out << to_mermaid_journey(*personas.front());
        return exit_ok;
    }
    const std::vector<std::string> paths = picture_paths(target, personas);
    for (std::size_t i = 0; i < personas.size(); ++i) {
        const result<> saved = write_file_atomic(paths[i], to_mermaid_journey(*personas[i]));
        if (!saved) {
            err << program << ": " << saved.error() << "\n";
            return exit_failure;
        }
        if (paths.size() > 1) out << paths[i] << "\n";
    }
    return exit_ok;
}

int cmd_export(const parsed_args& a, std::istream& in, std::ostream& out, std::ostream& err) {
    if (a.positional.size() != 1) return usage(err, _("export needs exactly one FILE"));
    const auto target = a.options.find("output");
    if (target == a.options.end()) return usage(err, _("export needs -o OUT (or -o - for standard output)"));
    const std::string fmt = export_format(a);
    if (fmt.empty())
        return usage(err, format(_("cannot tell the export format from {1}: give --format md, csv, xlsx, mermaid, pdf, "
                                   "png or svg"),
                                 target->second));
    const bool known = fmt == "md" || fmt == "csv" || fmt == "xlsx" || fmt == "mermaid" || fmt == "pdf" ||
                       fmt == "png" || fmt == "svg";
    if (!known)
        return usage(err, format(_("unknown export format \"{1}\": use md, csv, xlsx, mermaid, pdf, png or svg"), fmt));
    const bool pdf = fmt == "pdf", picture = fmt == "png" || fmt == "svg", xlsx = fmt == "xlsx";
    if (pdf && target->second == "-") return usage(err, _("a PDF cannot go to standard output: name a file with -o"));
    if (xlsx && target->second == "-")
        return usage(err, _("an Excel workbook cannot go to standard output: name a file with -o"));
    if (picture && target->second == "-")
        return usage(err, _("a PNG or SVG picture cannot go to standard output: name a file with -o"));
    for (const char* option : {"password", "password-file"})
        // TRANSLATORS: {1} is an option name, "password", "password-file" or "comments"
        if (!pdf && a.options.count(option)) return usage(err, format(_("--{1} is for --format pdf"), option));
    if (!pdf && a.options.count("comments")) return usage(err, format(_("--{1} is for --format pdf"), "comments"));
    if (a.options.count("password") && a.options.count("password-file"))
        return usage(err, _("give --password or --password-file, not both"));
    std::optional<double> scale;
    if (const auto given = a.options.find("scale"); given != a.options.end()) {
        if (fmt != "png") return usage(err, _("--scale is for --format png"));
        const result<double> parsed = png_scale_option(given->second);
        if (!parsed) return usage(err, parsed.error());
        scale = *parsed.value;
    }
    csv_options csv;
    if (const auto given = a.options.find("csv-separator"); given != a.options.end()) {
        if (fmt != "csv") return usage(err, _("--csv-separator is for --format csv"));
        const auto c = csv_separator_option(given->second);
        // TRANSLATORS: {1} is what was given after --csv-separator; keep ',', ';' and tab as they are
        if (!c) return usage(err, format(_("--csv-separator \"{1}\": use ',', ';' or tab"), given->second));
        csv.separator = *c;
    }
    std::string password;
    if (pdf) {
        result<std::string> given = pdf_password(a.options, in, err);
        if (!given) {
            err << program << ": " << given.error() << "\n";
            return exit_failure;
        }
        password = std::move(*given.value);
    }

    terminal_progress progress(err);
    const auto doc = load_any(a.positional[0], progress);
    if (doc.was_cancelled()) return interrupted(progress, err, target->second);
    if (!doc) {
        report(err, a.positional[0], doc.problems);
        return exit_failure;
    }
    const auto personas = select_personas(*doc.value, a, err);
    if (!personas) return exit_failure;
    if (pdf) return export_pdf_file(*doc.value, *personas, a, password, target->second, progress, err);
    if (fmt == "mermaid") return export_mermaid(*personas, target->second, out, err);
    if (picture)
        return export_pictures(*personas, fmt == "png" ? picture_format::png : picture_format::svg, scale,
                               target->second, progress, out, err);
    document selected;
    selected.metadata = doc.value->metadata;
    for (const persona* p : *personas) selected.personas.push_back(*p);

    if (xlsx) return export_xlsx_file(selected, target->second, progress, err);

    const bool to_stdout = target->second == "-";
    // TRANSLATORS: the progress line on the terminal while an export is written; {1} is its file
    const progress_fn writing = progress.tell(to_stdout ? _("Writing to standard output")
                                                        : format(_("Writing {1}"), target->second));
    const result<std::string> text = fmt == "md" ? to_markdown(selected, writing) : to_csv(selected, csv, writing);
    if (text.was_cancelled()) return interrupted(progress, err, to_stdout ? std::string() : target->second);
    progress.finish();
    if (to_stdout) {
        out << *text.value;
        return exit_ok;
    }
    const result<> saved = write_file_atomic(target->second, *text.value);
    if (!saved) {
        err << program << ": " << saved.error() << "\n";
        return exit_failure;
    }
    return exit_ok;
}


// A new file, readable by the user alone, for the answers a failed save would lose: never one
// that exists already, so an earlier rescue is never overwritten. "" when none can be made.
std::string new_rescue_file(const std::string& path) {
    const std::filesystem::path original(path);
    const std::string stem = original.stem().string(), extension = original.extension().string();
    std::string name = (user_state_folder() / ("rescued-" + (stem.empty() ? std::string("map") : stem) + "-XXXXXX" +
                                          (extension.empty() ? std::string(".bpm") : extension)))
                           .string();
    const mode_t mask = ::umask(077);
    const int fd = ::mkstemps(name.data(), static_cast<int>(extension.empty() ? 4 : extension.size()));
    ::umask(mask);
    if (fd < 0) return {};
    ::close(fd);
    return name;
}

// Set by SIGTERM or SIGHUP during an interview: the terminal is going away.
volatile std::sig_atomic_t stopped_by = 0;
// /dev/null, opened before the interview, for the handler to put in place of standard input.
int null_input = -1;

// Async-signal-safe: notes the signal and turns standard input into /dev/null, so the next read
// sees its end and the interview saves what it captured, as at the end of input.
extern "C" void stop_interview(int signal_number) {
    stopped_by = signal_number;
    if (null_input >= 0) ::dup2(null_input, STDIN_FILENO);
}

// Catches SIGTERM and SIGHUP while a terminal interview reads standard input.
void catch_termination() {
    null_input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    struct sigaction action {};
    action.sa_handler = stop_interview;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGTERM, SIGHUP}) ::sigaction(signal_number, &action, nullptr);
}


int cmd_interview(const parsed_args& a, std::istream& in, std::ostream& out, std::ostream& err) {
    if (a.positional.size() > 1) return usage(err, _("interview takes at most one FILE"));
    const auto target = a.options.find("output");
    if (a.positional.empty() && target == a.options.end())
        return usage(err, _("interview needs a FILE to add to, or -o OUT for a new map"));
    const std::string out_path = target != a.options.end() ? target->second : a.positional[0];
    if (!can_save(out_path))
        return usage(err, format(_("cannot tell the format of {1}: name it .bpm or .json"), out_path));

    // Found out now rather than after the user has typed every answer.
    const std::filesystem::path folder = std::filesystem::absolute(out_path).parent_path();
    if (!std::filesystem::is_directory(folder) || access(folder.c_str(), W_OK) != 0) {
        err << program << ": " << format(_("cannot save to {1}: the folder {2} does not exist or is not writable"),
                                         out_path, folder.string())
            << "\n";
        return exit_failure;
    }

    document doc;
    file_stamp input_stamp;
    if (!a.positional.empty()) {
        // The progress line and the clean stop on a signal while the map is read; the interview
        // then catches the signals its own way.
        std::optional<terminal_progress> progress(std::in_place, err);
        auto loaded = load_any(a.positional[0], *progress);
        if (loaded.was_cancelled()) return interrupted(*progress, err);
        progress.reset();
        if (!loaded) {
            report(err, a.positional[0], loaded.problems);
            return exit_failure;
        }
        doc = std::move(*loaded.value);
        input_stamp = stamp_file(a.positional[0]);
    }
    history h(doc);
    // Reproducible output: with SOURCE_DATE_EPOCH set, every timestamp is that moment.
    const auto fixed = source_date();
    if (!fixed) return usage(err, format(_("SOURCE_DATE_EPOCH is not a number: {1}"), std::getenv("SOURCE_DATE_EPOCH")));
    if (!fixed->empty()) h.set_clock([when = *fixed] { return when; });

    interview conversation(h, interview_face::terminal);
    std::optional<ai_client> client;
    summary_writer write_summary = template_summary_writer(h, conversation);
    free_question_handler answer_question;
    if (a.options.count("ai"))
        if (auto settings = ai_settings_for_cli(err, !a.options.count("no-api-key"))) {
            client.emplace(std::move(*settings));
            conversation.set_ai_assistant(describe_ai_service(client->settings()));
            write_summary = ai_summary_writer(*client, h, conversation);
            answer_question = ai_question_answerer(*client, h, conversation);
        }
    // Puts the answers in a file of their own: never refused for size, never over an earlier one.
    const auto rescue = [&] {
        const std::string file = new_rescue_file(out_path);
        if (!file.empty() && save_any(doc, file))
            err << program << ": " << format(_("your answers were saved to {1} instead"), file) << "\n";
    };
    // Writes the map to out_path; when that fails, says why on err and puts the answers in a
    // rescue file instead, so nothing typed is lost.
    const auto save = [&]() -> result<> {
        if (doc.metadata.created_at.empty()) doc.metadata.created_at = h.now();
        doc.metadata.modified_at = h.now();
        // Someone else's version of the file, saved while the interview ran, is never replaced.
        const bool theirs = !a.positional.empty() && out_path == a.positional[0] && stamp_file(out_path) != input_stamp;
        const result<> written =
            theirs ? result<>::failure(format(_("{1} changed on disk during the interview, so it was not overwritten"),
                                              out_path))
                   : save_any(doc, out_path);
        if (written) return written;
        err << program << ": " << written.error() << "\n";
        rescue();
        return written;
    };
    // The file already holds the map when the interview changed nothing in it.
    const auto unchanged = [&] { return h.is_clean() && !a.positional.empty() && out_path == a.positional[0]; };

    // Done saves, and the interview's closing message says where, or why not.
    bool saved_when_done = false;
    const map_saver save_map = [&] {
        const result<> written = unchanged() ? result<>::success() : save();
        saved_when_done = bool(written);
        return written ? conversation.map_saved(out_path) : conversation.map_not_saved(written.error());
    };
    // A closed terminal or a logout ends the input as Ctrl+D does: what was captured is saved.
    if (&in == &std::cin) catch_termination();
    // Answers piped from a file are echoed, so the output reads as a whole conversation.
    bool done = false;
    try {
        done = run_terminal_interview(conversation, in, out, &in == &std::cin && !isatty(STDIN_FILENO), write_summary,
                                      save_map, answer_question);
    } catch (const std::exception& e) {
        // The answers first, into a rescue file (the map in memory may be half-changed, so it
        // never replaces the user's file), then what went wrong.
        rescue();
        err << program << ": " << format(_("internal error: {1}"), e.what()) << "\n";
        return exit_failure;
    }
    if (done) return saved_when_done ? exit_ok : exit_failure;

    const persona* p = doc.persona_by_id(conversation.persona_id());
    if (stopped_by != 0)
        // TRANSLATORS: {1} is a signal's name, SIGTERM or SIGHUP
        out << format(_("Stopped by {1}."), stopped_by == SIGTERM ? "SIGTERM" : "SIGHUP") << " ";
    out << (!p ? _("The input ended; saving what has been captured so far.")
               : format(_("The input ended; saving what has been captured so far, with {1} left in progress."),
                        p->name))
        << "\n";
    // After a signal, the exit status says which, as the shell's own would.
    const int finished = stopped_by != 0 ? 128 + stopped_by : exit_ok;
    if (unchanged()) {
        out << _("Nothing changed, so nothing was saved.") << "\n";
        return finished;
    }
    if (!save()) return exit_failure;
    out << format(_("Saved to {1}."), out_path) << "\n";
    return finished;
}

int cmd_diff(const parsed_args& a, std::istream& in, std::ostream& out, std::ostream& err) {
    if (a.options.count("textconv")) {
        if (a.positional.size() != 1 || a.options.count("format"))
            return usage(err, _("diff --textconv takes one FILE and nothing else"));
        return outline_for_git(a.positional[0], out, err);
    }
    if (a.positional.size() != 2) return usage(err, _("diff needs OLD and NEW"));
    diff_format f = diff_format::text;
    if (const auto given = a.options.find("format"); given != a.options.end()) {
        if (given->second == "json") f = diff_format::json;
        // TRANSLATORS: {1} is what was given after --format; keep text and json as they are
        else if (given->second != "text") return usage(err, format(_("unknown diff format \"{1}\": use text or json"), given->second));
    }
    if (const auto twice = standard_input_twice(a.positional)) return usage(err, *twice);
    return diff_files(a.positional[0], a.positional[1], f, in, out, err);
}

}  // namespace

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    if (args.empty()) return usage(err, _("no command given"));
    const std::string& command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
        out << help_text();
        return exit_ok;
    }
    if (command == "--version") {
        out << program << " " << bpm::version << "\n";
        return exit_ok;
    }
    for (std::size_t i = 1; i < args.size(); ++i)
        if (args[i] == "--help" || args[i] == "-h") {
            out << help_text();
            return exit_ok;
        }

    struct entry {
        int (*fn)(const parsed_args&, std::istream&, std::ostream&, std::ostream&);
        std::vector<std::string> options;
    };
    static const std::map<std::string, entry> commands = {
        {"validate", {cmd_validate, {"csv-layout", "csv-separator"}}},
        {"convert", {cmd_convert, {"csv-layout", "csv-separator"}}},
        {"summary", {cmd_summary, {"persona"}}},
        {"export", {cmd_export, {"format", "output", "persona", "password", "password-file", "scale", "csv-separator"}}},
    };
    if (command == "interview") {
        usage_error error;
        const auto parsed = parse(args, 1, {"output"}, error, {"ai", "no-api-key"});
        if (!parsed) return usage(err, error.message);
        if (parsed->options.count("no-api-key") && !parsed->options.count("ai"))
            return usage(err, _("--no-api-key is for --ai"));
        return cmd_interview(*parsed, in, out, err);
    }
    if (command == "diff") {
        // git's diff driver: seven arguments that may look like options, taken as they are.
        if (args.size() > 1 && args[1] == "--git") {
            if (args.size() != 9)
                return usage(err, _("diff --git takes the seven arguments git gives a diff driver"));
            return diff_for_git({args.begin() + 2, args.end()}, out, err);
        }
        usage_error error;
        const auto parsed = parse(args, 1, {"format"}, error, {"textconv"});
        if (!parsed) return usage(err, error.message);
        return cmd_diff(*parsed, in, out, err);
    }
    if (command == "merge") {
        usage_error error;
        const auto parsed = parse(args, 1, {"output", "name"}, error);
        if (!parsed) return usage(err, error.message);
        if (parsed->positional.size() != 3) return usage(err, _("merge needs BASE, OURS and THEIRS"));
        merge_paths paths{parsed->positional[0], parsed->positional[1], parsed->positional[2], {}, {}};
        if (const auto o = parsed->options.find("output"); o != parsed->options.end()) {
            if (!can_save(o->second))
                return usage(err, format(_("cannot tell the format of {1}: name it .bpm or .json"), o->second));
            paths.output = o->second;
        }
        if (const auto n = parsed->options.find("name"); n != parsed->options.end()) paths.name = n->second;
        return merge_files(paths, err);
    }
    if (command == "git-setup") {
        if (args.size() > 1) return usage(err, _("git-setup takes no arguments"));
        return git_setup(out, err);
    }
    const auto it = commands.find(command);
    if (it == commands.end()) return usage(err, format(_("unknown command \"{1}\""), command));
    usage_error error;
    const auto parsed = parse(args, 1, it->second.options, error,
                              command == "summary"  ? std::vector<std::string>{"ai", "no-api-key"}
                              : command == "export" ? std::vector<std::string>{"comments"}
                                                    : std::vector<std::string>{});
    if (!parsed) return usage(err, error.message);
    if (parsed->options.count("no-api-key") && !parsed->options.count("ai"))
        return usage(err, _("--no-api-key is for --ai"));
    return it->second.fn(*parsed, in, out, err);
}

}  // namespace bpm::cli
