// A map from a table: each record (a row, or a column when the stages are in columns) is a stage
// of the persona it names.
#include "bpm/csv_import.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "bpm/export_text.h"
#include "bpm/file_io.h"
#include "bpm/map_formats.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// Where byte offset stands in text, lines ending as read_csv_table ends them.
csv_position position_at(std::string_view text, std::size_t offset) {
    csv_position at{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            ++at.line;
            at.column = 1;
        } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

diagnostic located(std::string message, csv_position at) { return diagnostic{std::move(message), at.line, at.column}; }

// csv_column's values, none included.
constexpr std::size_t column_kinds = all_csv_columns.size() + 1;

// What a warning is about. Each kind is listed at most max_listed times, so that a hostile file
// with a million odd rows costs a million counts, not a million messages.
enum class warning_kind {
    column_left_out,
    past_headers,
    short_row,
    above_headers,
    conflict,
    pain_points,
    status,
    timestamp,
    control,
    id,
    stage_number,
    no_persona,
    count
};

class warning_list {
public:
    // A warning at `at`, its message made by message() only when it is listed.
    template <class Message>
    void add(warning_kind kind, csv_position at, Message message) {
        kind_count& k = kinds_[static_cast<std::size_t>(kind)];
        if (k.count++ < max_listed) {
            if (k.count == 1) k.first_line = at.line;
            listed_.push_back(located(message(), at));
        } else if (k.count == max_listed + 1) {
            k.first_unlisted = at;
        }
    }

    // The warnings in the order of their lines, then a line for each kind that had more.
    std::vector<diagnostic> finish() {
        std::stable_sort(listed_.begin(), listed_.end(), [](const diagnostic& a, const diagnostic& b) {
            return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
        });
        for (const kind_count& k : kinds_)
            if (k.count > max_listed) {
                const std::size_t more = k.count - max_listed;
                listed_.push_back(located(
                    format(_n("{1} more warning like the one at line {2}, the first of them here",
                              "{1} more warnings like the one at line {2}, the first of them here", more),
                           std::to_string(more), std::to_string(k.first_line)),
                    k.first_unlisted));
            }
        return std::move(listed_);
    }

private:
    static constexpr std::size_t max_listed = 10;
    struct kind_count {
        std::size_t count = 0;
        std::size_t first_line = 0;
        csv_position first_unlisted;
    };
    std::array<kind_count, static_cast<std::size_t>(warning_kind::count)> kinds_{};
    std::vector<diagnostic> listed_;
};

std::size_t slot(csv_column c) { return static_cast<std::size_t>(c); }

bool is_persona_column(csv_column c) {
    return slot(c) >= slot(csv_column::persona_id) && slot(c) <= slot(csv_column::success_metric);
}

bool is_stage_column(csv_column c) { return slot(c) >= slot(csv_column::stage_number); }

// "in progress", "Done", "draft" as a status.
std::optional<persona_status> status_named(std::string_view text) {
    std::string key;
    for (const char c : ascii_lower(text))
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
    for (const char* name : {"inprogress", "draft", "open", "ongoing", "wip", "started"})
        if (key == name) return persona_status::in_progress;
    for (const char* name : {"completed", "complete", "done", "finished", "final"})
        if (key == name) return persona_status::completed;
    return std::nullopt;
}

// A stage number: 1 to 9 digits.
std::optional<unsigned long> stage_number_of(std::string_view text) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoul(std::string(text));
}

std::string too_long_message(std::size_t bytes) {
    return format(_("{1} bytes of text, more than the {2} MB limit for one field"), std::to_string(bytes),
                  std::to_string(max_field_bytes >> 20));
}

// A persona's own cell as first given: to compare later ones with, and to say where it was.
struct given_cell {
    csv_column column;
    std::size_t line;
    std::string value;  // trimmed; a status as its key
};

// What the import knows of a persona besides the persona itself.
struct persona_state {
    csv_position first;                                // where its first record is
    std::size_t counted = 0;                           // own_content_bytes when last counted
    std::vector<given_cell> given;                     // its own cells, as first given
    std::vector<csv_position> stage_at;                // where each stage's record is
    std::vector<std::optional<unsigned long>> numbers;  // each stage's number, if it has one
    std::unordered_set<std::string> pain_points;       // the texts of its pain points

    given_cell* find(csv_column c) {
        for (given_cell& g : given)
            if (g.column == c) return &g;
        return nullptr;
    }
};

class csv_importer {
public:
    csv_importer(const csv_table& table, const csv_mapping& mapping, std::string_view default_name,
                 const progress_fn& progress)
        : table_(table),
          mapping_(mapping),
          rows_(mapping.layout == csv_layout::stages_in_rows),
          default_name_(trim(default_name).empty() ? _("Imported persona") : std::string(trim(default_name))),
          progress_(progress) {
        index_.fill(npos);
        for (std::size_t i = 0; i < mapping.columns.size(); ++i)
            if (const csv_column c = mapping.columns[i]; c != csv_column::none && index_[slot(c)] == npos)
                index_[slot(c)] = i;
        records_ = rows_ ? table.row_count() : table.column_count();
        if (mapping.header < records_) headers_ = rows_ ? table.cell_count(mapping.header) : table.row_count();
    }

    result<document> run() {
        if (const auto& quote = table_.unclosed_quote())
            return result<document>::failure(located(
                _("this quote opens a cell that is never closed: the file ends inside it, so it may have been cut "
                  "short (a quote inside a quoted cell is written twice, \"\")"),
                *quote));
        if (table_.row_count() == 0)
            return result<document>::failure(located(_("the file is empty: it has no header row"), {1, 1}));
        if (index(csv_column::stage_name) == npos || mapping_.header >= records_) return no_stage_column();
        note_left_out();
        for (std::size_t k = mapping_.header + 1; k < records_ && problems_.empty(); ++k) {
            take_record(k);
            if (counted_ > max_content_bytes)
                problems_.push_back(located(format(_("the map passes the {1} MB limit on its content here"),
                                                   std::to_string(max_content_bytes >> 20)),
                                            where(k, index(csv_column::stage_name))));
            if ((k & 1023) == 0 && !keep_going(progress_, k, records_)) return result<document>::cancelled();
        }
        if (problems_.empty()) finish_document();
        result<document> out = problems_.empty() ? result<document>::success(std::move(doc_))
                                                 : result<document>::failure(std::move(problems_));
        out.warnings = warnings_.finish();
        return out;
    }

private:
    // A cell by record and header index, and where it is.
    std::string_view raw(std::size_t record, std::size_t header) const {
        return rows_ ? table_.cell(record, header) : table_.cell(header, record);
    }
    csv_position where(std::size_t record, std::size_t header) const {
        return rows_ ? table_.position(record, header) : table_.position(header, record);
    }
    std::string_view header_text(std::size_t i) const { return raw(mapping_.header, i); }
    // What the header at i maps to: none past the mapping, or when an earlier header maps there too.
    csv_column mapped(std::size_t i) const {
        const csv_column c = i < mapping_.columns.size() ? mapping_.columns[i] : csv_column::none;
        return c != csv_column::none && index(c) == i ? c : csv_column::none;
    }
    std::size_t index(csv_column c) const { return index_[slot(c)]; }

    result<document> no_stage_column() {
        const bool header_row = rows_ && mapping_.header < table_.row_count();
        return result<document>::failure(located(
            rows_ ? _("no column names the stages: the header row needs one named Stage, Stage Name, Phase or Step")
                  // TRANSLATORS: a sheet whose stages are columns, with the names of the fields down its first column
                  : _("no row names the stages: the first column needs a cell named Stage, Stage Name, Phase or Step"),
            header_row ? table_.position(mapping_.header, 0) : csv_position{1, 1}));
    }

    // Warns, once per column (or row), of the headers whose cells are left out, of cells past the
    // headers and of rows above them.
    void note_left_out() {
        std::vector<bool> has_data(headers_, false);
        std::size_t last_mapped = 0;
        for (std::size_t i = 0; i < headers_; ++i)
            if (mapped(i) != csv_column::none) last_mapped = i;
        if (rows_) {
            for (std::size_t r = 0; r < mapping_.header; ++r)
                if (!table_.is_blank(r)) {
                    warnings_.add(warning_kind::above_headers, table_.position(r, 0), [&] {
                        return format(_("the rows above the header row (line {1}) are left out"),
                                      std::to_string(table_.position(mapping_.header, 0).line));
                    });
                    break;
                }
            for (std::size_t r = mapping_.header + 1; r < table_.row_count(); ++r) {
                if (table_.is_blank(r)) continue;
                const std::size_t cells = table_.cell_count(r);
                for (std::size_t c = 0; c < cells; ++c) {
                    if (mapped(c) != csv_column::none || table_.cell(r, c).empty()) continue;
                    if (c < headers_) {
                        has_data[c] = true;
                        continue;
                    }
                    warnings_.add(warning_kind::past_headers, table_.position(r, c), [&] {
                        return format(_("this row has more cells than the header row ({1}); the cells from here on "
                                        "are left out"),
                                      std::to_string(headers_));
                    });
                    break;
                }
                if (cells <= last_mapped)
                    warnings_.add(warning_kind::short_row, table_.position(r, 0), [&] {
                        return format(_("this row has {1} cells and the header row {2}: the missing ones are taken as "
                                        "empty"),
                                      std::to_string(cells), std::to_string(headers_));
                    });
            }
        } else {
            for (std::size_t r = 0; r < table_.row_count(); ++r)
                for (std::size_t c = 0; c < table_.cell_count(r); ++c) {
                    if (c == mapping_.header || table_.cell(r, c).empty()) continue;
                    if (c < mapping_.header) {
                        warnings_.add(warning_kind::above_headers, table_.position(r, c),
                                      [] { return _("the columns left of the header column are left out"); });
                        continue;
                    }
                    if (mapped(r) == csv_column::none) has_data[r] = true;
                    break;
                }
        }
        for (std::size_t i = 0; i < headers_; ++i)
            if (has_data[i])
                warnings_.add(warning_kind::column_left_out, where(mapping_.header, i), [&] { return left_out(i); });
    }

    std::string left_out(std::size_t i) const {
        const std::string name = one_line_excerpt(header_text(i), 60);
        if (name.empty())
            return rows_ ? _("this column has no header; its cells are left out")
                         : _("this row has no header; its cells are left out");
        const csv_column named = csv_column_for_header(header_text(i));
        const std::size_t other = named == csv_column::none ? npos : index(named);
        if (other == npos || other == i)
            return format(rows_ ? _("column \"{1}\" is not imported: no field of a map has that name; its cells are "
                                    "left out")
                                : _("row \"{1}\" is not imported: no field of a map has that name; its cells are left "
                                    "out"),
                          name);
        // TRANSLATORS: {2} is a field such as "Content Type", {3} the header of the column it is read from
        return format(rows_ ? _("column \"{1}\" is not imported: {2} is read from column \"{3}\"; its cells are left "
                                "out")
                            : _("row \"{1}\" is not imported: {2} is read from row \"{3}\"; its cells are left out"),
                      name, csv_column_title(named), one_line_excerpt(header_text(other), 60));
    }

    // The text of a record's cell for column c, without to_csv's formula guard, without the
    // characters a map cannot keep; a problem when it is not UTF-8 or longer than limit.
    std::string text(std::size_t record, csv_column c, std::size_t limit = max_field_bytes) {
        const std::size_t i = index(c);
        if (i == npos) return {};
        std::string_view cell = raw(record, i);
        if (!cell.empty() && cell[0] == '\'' && needs_formula_guard(cell.substr(1))) cell.remove_prefix(1);
        if (cell.empty()) return {};
        const csv_position at = where(record, i);
        if (find_invalid_utf8(cell) != std::string_view::npos) {
            problems_.push_back(located(_("invalid UTF-8 byte sequence; the file must be saved as UTF-8"), at));
            return {};
        }
        std::size_t k = 0;
        while (k < cell.size() && xml_invalid_char_bytes(cell, k) == 0) ++k;
        if (k < cell.size()) {
            const std::size_t bad = xml_invalid_char_bytes(cell, k);
            const unsigned cp =
                bad == 1 ? static_cast<unsigned char>(cell[k]) : cell[k + 2] == '\xBE' ? 0xFFFE : 0xFFFF;
            warnings_.add(warning_kind::control, at, [&] {
                char code[8];
                std::snprintf(code, sizeof code, "%04X", cp);
                // TRANSLATORS: {1} is a character's code, such as 000C; maps are saved as .bpm files, which are XML
                return format(_("the character U+{1} cannot be kept: a map is saved as XML, which does not allow it; "
                                "it is left out"),
                              code);
            });
        }
        std::string out = k < cell.size() ? strip_xml_invalid_chars(cell) : std::string(cell);
        if (out.size() > limit) {
            problems_.push_back(located(too_long_message(out.size()), at));
            return {};
        }
        return out;
    }

    void take_record(std::size_t k) {
        if (rows_ && table_.is_blank(k)) return;
        bool any = false;
        for (const csv_column c : all_csv_columns)
            if (index(c) != npos && !raw(k, index(c)).empty()) any = true;
        if (!any) return;
        const std::size_t p = persona_of(k);
        for (const csv_column c : all_csv_columns)
            if (is_persona_column(c) && c != csv_column::persona_id && index(c) != npos) persona_cell(k, p, c);
        recount(p);
        bool stage_cells = false;
        for (const csv_column c : all_csv_columns)
            if (is_stage_column(c) && index(c) != npos && !trim(raw(k, index(c))).empty()) stage_cells = true;
        if (stage_cells) add_stage(k, p);
    }

    // Counts the change in a persona's own content, made ids left out (they are only a few bytes).
    void recount(std::size_t p) {
        const std::size_t now = own_content_bytes(doc_.personas[p]);
        counted_ += now - states_[p].counted;
        states_[p].counted = now;
    }

    // The persona record k belongs to, made when it is the first of it.
    std::size_t persona_of(std::size_t k) {
        const std::size_t named_at =
            index(csv_column::persona_id) != npos ? index(csv_column::persona_id) : index(csv_column::persona_name);
        if (named_at == npos) return persona_for("", default_name_, "", where(k, index(csv_column::stage_name)));
        const std::string id(trim(text(k, csv_column::persona_id)));
        const std::string name = text(k, csv_column::persona_name);
        if (!id.empty()) return persona_for("i" + id, name, id, where(k, index(csv_column::persona_id)));
        if (!trim(name).empty())
            return persona_for("n" + std::string(trim(name)), name, "", where(k, index(csv_column::persona_name)));
        if (current_ != npos) return current_;  // a blank persona cell, as merged cells are written
        warnings_.add(warning_kind::no_persona, where(k, named_at), [&] {
            return format(_("this row names no persona; it goes to \"{1}\""), default_name_);
        });
        return persona_for("n" + default_name_, default_name_, "", where(k, named_at));
    }

    std::size_t persona_for(const std::string& key, const std::string& name, const std::string& id, csv_position at) {
        const auto [it, made] = persona_keys_.emplace(key, doc_.personas.size());
        current_ = it->second;
        if (!made) return current_;
        persona p;
        p.name = name;
        if (!id.empty() && is_valid_id(id)) p.id = id;
        else if (!id.empty()) warnings_.add(warning_kind::id, at, [&] { return invalid_id_message(id); });
        doc_.personas.push_back(std::move(p));
        persona_state state;
        state.first = at;
        if (!trim(name).empty()) state.given.push_back({csv_column::persona_name, at.line, std::string(trim(name))});
        states_.push_back(std::move(state));
        return current_;
    }

    static std::string invalid_id_message(const std::string& id) {
        return format(_("id \"{1}\" is not valid (use 1 to 128 letters, digits, '-', '_' or '.'); another is made"),
                      one_line_excerpt(id, 60));
    }

    // One of a persona's own cells: taken the first time it is given, a different value later a warning.
    void persona_cell(std::size_t k, std::size_t p, csv_column c) {
        const std::string value = text(k, c, c == csv_column::pain_points ? max_document_bytes : max_field_bytes);
        const std::string_view given = trim(value);
        if (given.empty()) return;
        persona& person = doc_.personas[p];
        persona_state& state = states_[p];
        const csv_position at = where(k, index(c));
        if (c == csv_column::pain_points) return add_pain_points(person, state, value, at);
        std::string compared(given);
        if (c == csv_column::status)
            if (const auto status = status_named(given)) compared = persona_status_key(*status);
        if (const given_cell* first = state.find(c)) {
            if (first->value != compared)
                warnings_.add(warning_kind::conflict, at, [&] {
                    // TRANSLATORS: {2} is a field such as "Status"
                    return format(_("persona \"{1}\" has another {2} at line {3}, which is kept; this one is left out"),
                                  one_line_excerpt(person.name, 60), csv_column_title(c), std::to_string(first->line));
                });
            return;
        }
        state.given.push_back({c, at.line, std::move(compared)});
        switch (c) {
            case csv_column::persona_name: person.name = value; break;
            case csv_column::status:
                if (const auto status = status_named(given)) person.status = *status;
                else
                    warnings_.add(warning_kind::status, at, [&] {
                        return format(_("\"{1}\" is not a status (in_progress or completed); the persona is taken "
                                        "as in progress"),
                                      one_line_excerpt(given, 60));
                    });
                break;
            case csv_column::last_updated_at:
                if (is_iso8601(given)) person.last_updated_at = std::string(given);
                else
                    warnings_.add(warning_kind::timestamp, at, [&] {
                        return format(_("\"{1}\" is not an ISO 8601 date and time such as 2026-11-21T09:30:00Z; it is "
                                        "left out"),
                                      one_line_excerpt(given, 60));
                    });
                break;
            case csv_column::created_by: person.created_by = value; break;
            case csv_column::summary: person.summary = persona_summary{value, summary_source::ai, {}}; break;
            case csv_column::role: person.profile.role = value; break;
            case csv_column::organisation: person.profile.organisation = value; break;
            case csv_column::segment: person.profile.segment = value; break;
            case csv_column::success_metric: person.profile.success_metric = value; break;
            default: break;
        }
    }

    // Pain points given again are the same ones, usually (as to_csv writes them on every row); new
    // ones are added, with a warning.
    void add_pain_points(persona& person, persona_state& state, const std::string& value, csv_position at) {
        const given_cell* first = state.find(csv_column::pain_points);
        if (first && first->value == trim(value)) return;
        std::size_t added = 0;
        for (pain_point& pp : split_pain_points(value)) {
            if (pp.text.size() > max_field_bytes) {
                problems_.push_back(located(too_long_message(pp.text.size()), at));
                return;
            }
            if (!state.pain_points.insert(pp.text).second) continue;
            counted_ += content_bytes(pp);
            person.pain_points.push_back(std::move(pp));
            ++added;
        }
        if (!first) state.given.push_back({csv_column::pain_points, at.line, std::string(trim(value))});
        else if (added)
            warnings_.add(warning_kind::pain_points, at, [&] {
                return format(_("persona \"{1}\" has other pain points at line {2}; these are added to them"),
                              one_line_excerpt(person.name, 60), std::to_string(first->line));
            });
    }

    void add_stage(std::size_t k, std::size_t p) {
        stage s;
        for (const stage_field f : all_stage_fields)
            s.field(f) = text(k, static_cast<csv_column>(slot(csv_column::stage_name) + static_cast<std::size_t>(f)));
        persona_state& state = states_[p];
        if (const std::string id(trim(text(k, csv_column::stage_id))); !id.empty()) {
            const csv_position at = where(k, index(csv_column::stage_id));
            if (!is_valid_id(id)) {
                warnings_.add(warning_kind::id, at, [&] { return invalid_id_message(id); });
            } else if (const auto [it, fresh] = stage_ids_.emplace(id, at.line); !fresh) {
                warnings_.add(warning_kind::id, at, [&, line = it->second] {
                    return format(_("stage id \"{1}\" is taken already, at line {2}; another is made"), id,
                                  std::to_string(line));
                });
            } else {
                s.id = id;
            }
        }
        std::optional<unsigned long> number;
        if (const std::string n(trim(text(k, csv_column::stage_number))); !n.empty()) {
            number = stage_number_of(n);
            if (!number)
                warnings_.add(warning_kind::stage_number, where(k, index(csv_column::stage_number)), [&] {
                    return format(_("\"{1}\" is not a stage number; the stages of \"{2}\" keep the file's order"),
                                  one_line_excerpt(n, 60), one_line_excerpt(doc_.personas[p].name, 60));
                });
        }
        counted_ += content_bytes(s);
        doc_.personas[p].stages.push_back(std::move(s));
        state.stage_at.push_back(where(k, index(csv_column::stage_name)));
        state.numbers.push_back(number);
    }

    // Stages in the order of their numbers when each has one; ids for what has none; then the
    // limit on the map's content (the ids made count too), placed where it is first passed.
    void finish_document() {
        for (std::size_t i = 0; i < doc_.personas.size(); ++i) {
            persona_state& state = states_[i];
            std::vector<stage>& stages = doc_.personas[i].stages;
            if (std::any_of(state.numbers.begin(), state.numbers.end(), [](const auto& n) { return !n; })) continue;
            std::vector<std::size_t> order(stages.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return *state.numbers[a] < *state.numbers[b]; });
            std::vector<stage> sorted;
            std::vector<csv_position> places;
            for (const std::size_t j : order) {
                sorted.push_back(std::move(stages[j]));
                places.push_back(state.stage_at[j]);
            }
            stages = std::move(sorted);
            state.stage_at = std::move(places);
        }
        const auto number = [](const std::string& id) { return std::stoul(id.substr(id.rfind('-') + 1)); };
        unsigned long next_persona = number(doc_.new_persona_id()), next_stage = number(doc_.new_stage_id());
        for (persona& p : doc_.personas) {
            if (p.id.empty()) p.id = "persona-" + std::to_string(next_persona++);
            for (stage& s : p.stages)
                if (s.id.empty()) s.id = "stage-" + std::to_string(next_stage++);
        }
        const std::size_t bytes = content_bytes(doc_);
        if (bytes <= max_content_bytes) return;
        std::size_t counted = framing_content_bytes() + content_bytes(doc_.metadata);
        std::optional<csv_position> passed;
        for (std::size_t i = 0; i < doc_.personas.size() && !passed; ++i) {
            const persona& p = doc_.personas[i];
            counted += own_content_bytes(p);
            for (const pain_point& pp : p.pain_points) counted += content_bytes(pp);
            if (counted > max_content_bytes) passed = states_[i].first;
            for (std::size_t j = 0; j < p.stages.size() && !passed; ++j)
                if ((counted += content_bytes(p.stages[j])) > max_content_bytes) passed = states_[i].stage_at[j];
        }
        problems_.push_back(located(content_limit_message(bytes), passed.value_or(csv_position{1, 1})));
    }

    const csv_table& table_;
    const csv_mapping& mapping_;
    const bool rows_;
    const std::string default_name_;
    const progress_fn& progress_;
    std::array<std::size_t, column_kinds> index_{};  // the header index each column is read from, or npos
    std::size_t headers_ = 0;                         // cells in the header row (or column)
    std::size_t records_ = 0;                         // rows (or columns), the headers' included
    document doc_;
    // The content counted so far, made ids left out: reading stops once it passes the limit, so a
    // hostile sheet of a million personas costs no more memory than a map that loads.
    std::size_t counted_ = framing_content_bytes() + content_bytes(document_metadata{});
    std::vector<persona_state> states_;  // of doc_.personas, index by index
    std::unordered_map<std::string, std::size_t> persona_keys_;
    std::unordered_map<std::string, std::size_t> stage_ids_;  // given, and the line each is on
    std::size_t current_ = npos;                              // the persona of the record before
    std::vector<diagnostic> problems_;
    warning_list warnings_;
};

// The file's name without folders and extension: the persona's name when no column gives one.
std::string file_stem(const std::string& path) {
    const std::size_t slash = path.find_last_of("/\\");
    std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    if (const std::size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

}  // namespace

result<document> import_csv(const csv_table& table, const csv_mapping& mapping, std::string_view default_persona_name,
                            const progress_fn& progress) {
    return csv_importer(table, mapping, default_persona_name, progress).run();
}

result<csv_table> read_csv_file(const std::string& path, char separator, const progress_fn& progress) {
    auto bytes = read_file(path, max_document_bytes);
    if (!bytes) return result<csv_table>::failure_of(bytes);
    const decoded_text text = decode_text_file(std::move(*bytes.value));
    if (separator == 0 && map_format_of_path(path) == map_format::tsv) separator = '\t';
    result<csv_table> table = read_csv_table(text.text, separator, progress);
    if (table && text.guessed) {
        const std::string count = std::to_string(text.guessed);
        table.warnings.push_back(located(
            text.encoding == decoded_text::source::utf8
                ? format(_n("{1} byte is not UTF-8, here: it is read as Windows-1252; if letters look wrong, save the "
                            "file as UTF-8 (in Excel: CSV UTF-8)",
                            "{1} bytes are not UTF-8, the first here: they are read as Windows-1252; if letters look "
                            "wrong, save the file as UTF-8 (in Excel: CSV UTF-8)",
                            text.guessed),
                         count)
                : format(_n("{1} character is not valid UTF-16, here: it is replaced by U+FFFD",
                            "{1} characters are not valid UTF-16, the first here: they are replaced by U+FFFD",
                            text.guessed),
                         count),
            position_at(text.text, text.first_guess)));
    }
    return table;
}

result<document> load_csv(const std::string& path, const csv_import_options& options, const progress_fn& progress) {
    // Reading the text into cells is about a third of the work, making the map the rest.
    const result<csv_table> table = read_csv_file(path, options.separator, progress_part(progress, 0, 300));
    if (!table) return result<document>::failure_of(table);
    result<document> doc = import_csv(*table.value, guess_csv_mapping(*table.value, options.layout), file_stem(path),
                                      progress_part(progress, 300, 1000));
    doc.warnings.insert(doc.warnings.begin(), table.warnings.begin(), table.warnings.end());
    return doc;
}

}  // namespace bpm
