#include "bpm/xlsx_export.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "bpm/duration.h"
#include "bpm/file_io.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "xlsx_text.h"
#include "xlsxwriter_library.h"

namespace bpm {

namespace {

namespace fs = std::filesystem;
using xlsx_detail::xlsxwriter_functions;

// Column widths, in Excel's units (the width of a '0'): the widest line plus a margin, at least
// narrow and at most wide; a longer line wraps.
constexpr double narrow = 6, wide = 60, margin = 2;
// Row heights, in points: a line of Excel's default font (Calibri 11) takes 15, and no row may
// be taller than 409.
constexpr double line_height = 15, tallest_row = 409;
constexpr std::size_t most_lines = 27;  // 409 / 15

// "A", "B", ... "Z", "AA": the letters of a 0-based column, for cell references in messages.
std::string column_letters(std::size_t col) {
    std::string letters;
    for (++col; col > 0; col = (col - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (col - 1) % 26));
    return letters;
}

// Text a workbook's properties carry (title, author), where libxlsxwriter escapes only & < >:
// without invalid UTF-8 and the characters XML 1.0 cannot carry, which would damage the file.
std::string property_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = next_code_point(text, i);
        if (cp == invalid_code_point || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF)
            continue;
        append_utf8(out, cp);
    }
    return out;
}

// The temporary file libxlsxwriter writes the workbook to (it writes to a named file only), private
// to the user, in the system's temporary folder, where libxlsxwriter keeps its own working files;
// removed when destroyed.
class scratch_file {
public:
    static result<scratch_file> create() {
        std::error_code ec;
        const fs::path folder = fs::temp_directory_path(ec);
        if (ec) return result<scratch_file>::failure(format(_("cannot find the temporary folder: {1}"), ec.message()));
        std::string name = (folder / "bpmap-xlsx-XXXXXX").string();
        const int fd = ::mkstemp(name.data());
        if (fd < 0)
            return result<scratch_file>::failure(format(_("cannot write {1}: {2}"), name, std::strerror(errno)));
        ::close(fd);
        return result<scratch_file>::success(scratch_file(std::move(name), folder.string()));
    }
    scratch_file(scratch_file&& o) noexcept : path_(std::exchange(o.path_, {})), folder_(std::move(o.folder_)) {}
    scratch_file& operator=(scratch_file&& o) noexcept {
        std::swap(path_, o.path_);
        std::swap(folder_, o.folder_);
        return *this;
    }
    ~scratch_file() {
        if (!path_.empty()) std::remove(path_.c_str());
    }
    const std::string& path() const { return path_; }
    const std::string& folder() const { return folder_; }

private:
    scratch_file(std::string path, std::string folder) : path_(std::move(path)), folder_(std::move(folder)) {}
    std::string path_, folder_;
};

// The cell formats every sheet shares.
struct formats {
    lxw_format* header = nullptr;  // bold, shaded, ruled below
    lxw_format* text = nullptr;    // wrapped, at the top of its cell
    lxw_format* number = nullptr;  // at the top of its cell
};

// One worksheet being filled: writes cells, remembers the first error, each column's widest line,
// each cell's first lines and the texts it had to cut.
class sheet_writer {
public:
    sheet_writer(const xlsxwriter_functions& f, lxw_worksheet* ws, const formats& fm, std::string name,
                 std::vector<diagnostic>& warnings)
        : f_(f), ws_(ws), fm_(fm), name_(std::move(name)), warnings_(warnings) {}

    void header(std::size_t col, const std::string& title) {
        text(0, col, title, fm_.header);
        titles_.resize(std::max(titles_.size(), col + 1));
        titles_[col] = title;
        // Bold is wider; the margin covers it, and the shading is worth a little more room.
        widen(col, xlsx_detail::measure_lines(title, 0).widest + 1);
    }

    // Every text is a string cell: a string is never run as a formula, whatever it starts with, so
    // unlike the CSV no guard against formula injection is needed (nor wanted: it would change the text).
    void text(std::size_t row, std::size_t col, const std::string& value, lxw_format* style = nullptr) {
        bool cut = false;
        const std::string written = xlsx_cell_text(value, &cut);
        if (cut) {
            const std::string title = col < titles_.size() ? titles_[col] : std::string();
            // TRANSLATORS: a warning of the Excel export; {1} is a sheet's name, {2} a cell such as C5, {3} its
            // column's title, {4} the length of its text and {5} the most an Excel cell holds
            warnings_.push_back({format(_("sheet \"{1}\", cell {2} ({3}): the text has {4} characters, more than the "
                                          "{5} an Excel cell holds, and is cut short"),
                                        name_, column_letters(col) + std::to_string(row + 1), title,
                                        std::to_string(xlsx_detail::utf16_length(value)),
                                        std::to_string(xlsx_max_cell_chars))});
        }
        check(f_.worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), written.c_str(),
                                        style ? style : fm_.text));
        xlsx_detail::line_widths lines = xlsx_detail::measure_lines(value, most_lines);
        widen(col, lines.widest);
        if (lines.first.size() > 1 || lines.widest > wide - margin) {
            rows_.resize(std::max(rows_.size(), row + 1));
            rows_[row].push_back({col, std::move(lines.first)});
        }
    }

    void number(std::size_t row, std::size_t col, std::size_t value) {
        check(f_.worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                        static_cast<double>(value), fm_.number));
        widen(col, std::to_string(value).size());
    }

    // Sets the column widths, the heights of rows whose text takes several lines, and freezes the
    // header row and the first columns; the first error, if any.
    lxw_error finish(std::size_t frozen_columns) {
        std::vector<double> widths(widths_.size());
        for (std::size_t col = 0; col < widths_.size(); ++col) {
            widths[col] = std::clamp(static_cast<double>(widths_[col]) + margin, narrow, wide);
            if (widths_[col] > 0)
                check(f_.worksheet_set_column(ws_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col),
                                              widths[col], nullptr));
        }
        // Excel would fit these rows to their text when the file is opened, LibreOffice (7.4) does
        // not: without a height, a wrapped text runs over the rows below. A line of text is taken
        // to wrap once it has as many characters as its column is wide, which proportional text
        // rarely fills: a row may get a little room to spare, and no text gets clipped.
        for (std::size_t row = 0; row < rows_.size(); ++row) {
            std::size_t lines = 1;
            for (const auto& [col, first] : rows_[row]) {
                std::size_t cell_lines = 0;
                for (std::size_t width : first)
                    cell_lines += std::max<std::size_t>(1, (width + static_cast<std::size_t>(widths[col]) - 1) /
                                                              static_cast<std::size_t>(widths[col]));
                lines = std::max(lines, cell_lines);
            }
            if (lines > 1)
                check(f_.worksheet_set_row(ws_, static_cast<lxw_row_t>(row),
                                           std::min(tallest_row, line_height * static_cast<double>(lines)), nullptr));
        }
        f_.worksheet_freeze_panes(ws_, 1, static_cast<lxw_col_t>(frozen_columns));
        return error_;
    }

private:
    void widen(std::size_t col, std::size_t width) {
        widths_.resize(std::max(widths_.size(), col + 1));
        widths_[col] = std::max(widths_[col], width);
    }
    void check(lxw_error e) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
    }

    const xlsxwriter_functions& f_;
    lxw_worksheet* ws_;
    const formats& fm_;
    std::string name_;
    std::vector<diagnostic>& warnings_;
    std::vector<std::string> titles_;
    std::vector<std::size_t> widths_;
    // Per row, its cells that may take more than a line: their column and first lines' widths.
    std::vector<std::vector<std::pair<std::size_t, std::vector<std::size_t>>>> rows_;
    lxw_error error_ = LXW_NO_ERROR;
};

std::string status_title(const persona& p) {
    return p.status == persona_status::completed ? _("Completed") : _("In progress");
}

// The whole cycle as the printed overview and the summary tell it: "2–4 months (plus 1 stage
// without a duration)", or "" when no stage's duration is understood.
std::string cycle_text(const persona& p) {
    const cycle_length cycle = total_duration(p);
    if (!cycle.known) return {};
    std::string text = format_day_range(*cycle.known);
    if (cycle.stages_without_duration > 0)
        text += " " + format(_n("(plus {1} stage without a duration)", "(plus {1} stages without a duration)",
                                cycle.stages_without_duration),
                             std::to_string(cycle.stages_without_duration));
    return text;
}

std::string pain_point_text(const pain_point& pp) {
    return pp.category == pain_category::none ? pp.text : pp.text + " (" + pain_category_title(pp.category) + ")";
}

// The overview: one row per persona, under a header row; the profile columns only where some
// persona fills them.
lxw_error write_overview(sheet_writer& w, const document& doc) {
    using profile_field = std::string persona_profile::*;
    const std::pair<std::string, profile_field> profile[] = {
        {_("Role"), &persona_profile::role},
        {_("Organisation"), &persona_profile::organisation},
        {_("Segment"), &persona_profile::segment},
        {_("Primary success metric"), &persona_profile::success_metric},
    };
    std::size_t col = 0;
    // TRANSLATORS: column titles of the overview sheet of an Excel workbook
    w.header(col++, _("Persona"));
    std::vector<std::pair<std::size_t, profile_field>> shown;
    for (const auto& [title, field] : profile)
        if (std::any_of(doc.personas.begin(), doc.personas.end(),
                        [&, field = field](const persona& p) { return !trim(p.profile.*field).empty(); })) {
            shown.emplace_back(col, field);
            w.header(col++, title);
        }
    const std::size_t status = col, stages = col + 1, cycle = col + 2, pains = col + 3;
    w.header(status, _("Status"));
    w.header(stages, _("Stages"));
    w.header(cycle, _("Whole cycle"));
    w.header(pains, _("Pain points"));
    for (std::size_t i = 0; i < doc.personas.size(); ++i) {
        const persona& p = doc.personas[i];
        const std::size_t row = i + 1;
        w.text(row, 0, p.name);
        for (const auto& [at, field] : shown) w.text(row, at, p.profile.*field);
        w.text(row, status, status_title(p));
        w.number(row, stages, p.stages.size());
        w.text(row, cycle, cycle_text(p));
        std::string lines;
        for (const pain_point& pp : p.pain_points) lines += (lines.empty() ? "" : "\n") + pain_point_text(pp);
        w.text(row, pains, lines);
    }
    return w.finish(1);
}

// A persona's sheet: its stages in the spec's column order after their number, and its pain
// points in a block of their own to the right, one a row.
lxw_error write_persona(sheet_writer& w, const persona& p) {
    w.header(0, "#");
    std::size_t col = 1;
    for (stage_field f : all_stage_fields) w.header(col++, stage_field_title(f));
    const std::size_t pains = col + 1, categories = col + 2;
    w.header(pains, _("Pain points"));
    const bool categorised = std::any_of(p.pain_points.begin(), p.pain_points.end(),
                                         [](const pain_point& pp) { return pp.category != pain_category::none; });
    // TRANSLATORS: the column title of pain points' categories (Financial, Productivity...) in an Excel workbook
    if (categorised) w.header(categories, _("Category"));
    if (p.stages.empty()) w.text(1, 1, _("No buying stages mapped yet."));
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        w.number(i + 1, 0, i + 1);
        col = 1;
        for (stage_field f : all_stage_fields) w.text(i + 1, col++, p.stages[i].field(f));
    }
    for (std::size_t i = 0; i < p.pain_points.size(); ++i) {
        w.text(i + 1, pains, p.pain_points[i].text);
        if (categorised) w.text(i + 1, categories, pain_category_title(p.pain_points[i].category));
    }
    return w.finish(2);
}

// The workbook in memory; freed without writing anything unless closed.
struct workbook_owner {
    const xlsxwriter_functions* f;
    lxw_workbook* wb;
    ~workbook_owner() {
        if (wb) f->lxw_workbook_free(wb);
    }
    lxw_error close() { return f->workbook_close(std::exchange(wb, nullptr)); }
};

// How the work shares out, in thousandths: filling the sheets, then libxlsxwriter writing the
// file (which tells nothing, and takes about two thirds of the time: XML and deflate), then the
// copy into place.
constexpr std::size_t sheets_done = 250, file_written = 930;

// Builds the workbook and has libxlsxwriter write it to scratch.
result<> write_workbook(const xlsxwriter_functions& f, const document& doc, const std::string& target,
                        const scratch_file& scratch, const xlsx_options& options, const progress_fn& progress,
                        std::vector<diagnostic>& warnings) {
    const auto failed = [&](lxw_error e) {
        // TRANSLATORS: {1} is a file, {2} libxlsxwriter's reason (in English)
        return result<>::failure(format(_("cannot write {1}: {2}"), target, std::string(f.lxw_strerror(e))));
    };
    lxw_workbook_options lxw_options{};
    std::string tmpdir = scratch.folder();
    lxw_options.tmpdir = tmpdir.data();
    workbook_owner book{&f, f.workbook_new_opt(scratch.path().c_str(), &lxw_options)};
    if (!book.wb) return failed(LXW_ERROR_MEMORY_MALLOC_FAILED);

    std::string title = property_text(doc.metadata.title), author = property_text(doc.metadata.created_by);
    lxw_doc_properties properties{};
    properties.title = title.empty() ? nullptr : title.data();
    properties.author = author.empty() ? nullptr : author.data();
    if (const auto created = epoch_from_iso8601(options.created_at)) properties.created = static_cast<time_t>(*created);
    if (const lxw_error e = f.workbook_set_properties(book.wb, &properties)) return failed(e);

    formats fm;
    fm.header = f.workbook_add_format(book.wb);
    fm.text = f.workbook_add_format(book.wb);
    fm.number = f.workbook_add_format(book.wb);
    if (!fm.header || !fm.text || !fm.number) return failed(LXW_ERROR_MEMORY_MALLOC_FAILED);
    for (lxw_format* format : {fm.header, fm.text, fm.number}) f.format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    for (lxw_format* format : {fm.header, fm.text}) f.format_set_text_wrap(format);
    f.format_set_bold(fm.header);
    f.format_set_bg_color(fm.header, 0xDDE4EE);
    f.format_set_bottom(fm.header, LXW_BORDER_THIN);

    const std::vector<std::string> names = xlsx_sheet_names(doc);
    for (std::size_t i = 0; i < names.size(); ++i) {
        lxw_worksheet* ws = f.workbook_add_worksheet(book.wb, names[i].c_str());
        if (!ws) return failed(LXW_ERROR_MEMORY_MALLOC_FAILED);
        sheet_writer w(f, ws, fm, names[i], warnings);
        const lxw_error e = i == 0 ? write_overview(w, doc) : write_persona(w, doc.personas[i - 1]);
        if (e) return failed(e);
        if (!keep_going(progress, (i + 1) * sheets_done / names.size(), 1000)) return result<>::cancelled();
    }
    if (const lxw_error e = book.close())
        // TRANSLATORS: {1} is a file, {2} a folder, {3} libxlsxwriter's reason (in English)
        return result<>::failure(format(_("cannot write {1}: the workbook could not be put together in {2}: {3}"),
                                        target, scratch.folder(), std::string(f.lxw_strerror(e))));
    return keep_going(progress, file_written, 1000) ? result<>::success() : result<>::cancelled();
}

// Copies the finished workbook from scratch into out and puts it in place.
result<> put_in_place(const std::string& scratch, atomic_file& out, const progress_fn& progress) {
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(scratch.c_str(), "rb"), &std::fclose);
    std::error_code ec;
    const std::uintmax_t total = fs::file_size(scratch, ec);
    if (!in || ec) return result<>::failure(format(_("cannot read {1}: {2}"), scratch, std::strerror(errno)));
    std::string buffer(std::size_t(1) << 20, '\0');
    std::uintmax_t done = 0;
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get())) {
        if (result<> written = out.write(std::string_view(buffer.data(), n)); !written) return written;
        done += n;
        if (!keep_going(progress, static_cast<std::size_t>(done), static_cast<std::size_t>(total)))
            return result<>::cancelled();
    }
    if (std::ferror(in.get())) return result<>::failure(format(_("cannot read {1}"), scratch));
    return out.commit();
}

}  // namespace

result<> save_xlsx(const document& doc, const std::string& path, const xlsx_options& options,
                   const progress_fn& progress) {
    const result<const xlsxwriter_functions*>& library = xlsx_detail::load_xlsxwriter();
    if (!library) return result<>::failure_of(library);
    // A target that cannot be written fails before any work is done.
    result<atomic_file> out = atomic_file::open(path);
    if (!out) return result<>::failure_of(out);
    result<scratch_file> scratch = scratch_file::create();
    if (!scratch) return result<>::failure_of(scratch);
    std::vector<diagnostic> warnings;
    result<> done = write_workbook(**library.value, doc, path, *scratch.value, options, progress, warnings);
    if (done) done = put_in_place(scratch.value->path(), *out.value, progress_part(progress, file_written, 1000));
    done.warnings = std::move(warnings);
    return done;
}

}  // namespace bpm
