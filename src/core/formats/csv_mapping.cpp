// Which field each column of a sheet holds: the header names, and the guess of a table's layout.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "bpm/csv_import.h"
#include "bpm/edit.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// A header as headers are compared: ASCII letters and digits in lower case, '#' as "number",
// spaces, punctuation, no-break spaces and byte order marks dropped, other characters as they are,
// and a final 's' dropped, so that "Buyer action(s)" and "buyer_actions" are one.
std::string header_key(std::string_view header) {
    std::string key;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const char c = header[i];
        if (c >= 'A' && c <= 'Z') key += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
        else if (c == '#') key += "number";
        else if (header.substr(i, 2) == "\xC2\xA0") ++i;
        else if (header.substr(i, 3) == "\xEF\xBB\xBF") i += 2;
        else if (static_cast<unsigned char>(c) >= 0x80) key += c;
    }
    if (key.size() > 1 && key.back() == 's') key.pop_back();
    return key;
}

// The spec's keys and titles, to_csv's headers and the names spreadsheets commonly give them.
constexpr std::pair<const char*, csv_column> header_names[] = {
    {"persona_id", csv_column::persona_id},
    {"persona", csv_column::persona_name},
    {"persona_name", csv_column::persona_name},
    {"buyer persona", csv_column::persona_name},
    {"customer persona", csv_column::persona_name},
    {"persona_pain_points", csv_column::pain_points},
    {"pain points", csv_column::pain_points},
    {"pains", csv_column::pain_points},
    {"challenges", csv_column::pain_points},
    {"frustrations", csv_column::pain_points},
    {"status", csv_column::status},
    {"persona status", csv_column::status},
    {"last_updated_at", csv_column::last_updated_at},
    {"last updated", csv_column::last_updated_at},
    {"updated", csv_column::last_updated_at},
    {"updated at", csv_column::last_updated_at},
    {"last modified", csv_column::last_updated_at},
    {"created_by", csv_column::created_by},
    {"author", csv_column::created_by},
    {"ai_generated_summary", csv_column::summary},
    {"summary", csv_column::summary},
    {"ai summary", csv_column::summary},
    {"role", csv_column::role},
    {"job title", csv_column::role},
    {"organisation", csv_column::organisation},
    {"organization", csv_column::organisation},
    {"company", csv_column::organisation},
    {"segment", csv_column::segment},
    {"market segment", csv_column::segment},
    {"success_metric", csv_column::success_metric},
    {"success metric", csv_column::success_metric},
    {"kpi", csv_column::success_metric},
    {"stage_number", csv_column::stage_number},
    {"#", csv_column::stage_number},
    {"no.", csv_column::stage_number},
    {"stage no.", csv_column::stage_number},
    {"step number", csv_column::stage_number},
    {"order", csv_column::stage_number},
    {"stage_id", csv_column::stage_id},
    {"stage", csv_column::stage_name},
    {"stage_name", csv_column::stage_name},
    {"phase", csv_column::stage_name},
    {"phase name", csv_column::stage_name},
    {"step", csv_column::stage_name},
    {"step name", csv_column::stage_name},
    {"buying stage", csv_column::stage_name},
    {"journey stage", csv_column::stage_name},
    {"buyer_actions", csv_column::buyer_actions},
    {"buyer activities", csv_column::buyer_actions},
    {"actions", csv_column::buyer_actions},
    {"activities", csv_column::buyer_actions},
    {"what the buyer does", csv_column::buyer_actions},
    {"buyer behaviour", csv_column::buyer_actions},
    {"buyer behavior", csv_column::buyer_actions},
    {"customer actions", csv_column::buyer_actions},
    {"tasks", csv_column::buyer_actions},
    {"duration", csv_column::duration},
    {"time", csv_column::duration},
    {"timeframe", csv_column::duration},
    {"typical duration", csv_column::duration},
    {"length", csv_column::duration},
    {"timing", csv_column::duration},
    {"key_influencers", csv_column::key_influencers},
    {"influencers", csv_column::key_influencers},
    {"stakeholders", csv_column::key_influencers},
    {"key stakeholders", csv_column::key_influencers},
    {"decision makers", csv_column::key_influencers},
    {"who influences", csv_column::key_influencers},
    {"seller_actions", csv_column::seller_actions},
    {"sales actions", csv_column::seller_actions},
    {"seller activities", csv_column::seller_actions},
    {"sales activities", csv_column::seller_actions},
    {"what the seller does", csv_column::seller_actions},
    {"sales tactics", csv_column::seller_actions},
    {"content_type", csv_column::content_type},
    {"content", csv_column::content_type},
    {"assets", csv_column::content_type},
    {"content assets", csv_column::content_type},
    {"content format", csv_column::content_type},
    {"collateral", csv_column::content_type},
    {"key_message", csv_column::key_message},
    {"message", csv_column::key_message},
    {"messaging", csv_column::key_message},
    {"value proposition", csv_column::key_message},
};

const std::unordered_map<std::string, csv_column>& known_headers() {
    static const std::unordered_map<std::string, csv_column> known = [] {
        std::unordered_map<std::string, csv_column> m;
        for (const auto& [name, column] : header_names) m.emplace(header_key(name), column);
        return m;
    }();
    return known;
}

csv_column csv_column_for_header_key(const std::string& key) {
    const auto it = known_headers().find(key);
    return it == known_headers().end() ? csv_column::none : it->second;
}

// The columns by their translated titles, as the editor's stage table shows them, by header_key.
using column_titles = std::unordered_map<std::string, csv_column>;
column_titles translated_titles() {
    column_titles titles;
    for (const csv_column c : all_csv_columns) titles.emplace(header_key(csv_column_title(c)), c);
    return titles;
}

// The headers of the table's layout: what each cell of the header row (or column) names, a
// column named twice taken the first time.
std::vector<csv_column> columns_named(const csv_table& table, csv_layout layout, std::size_t header,
                                      const column_titles& titles) {
    const bool rows = layout == csv_layout::stages_in_rows;
    const std::size_t count = rows ? (header < table.row_count() ? table.cell_count(header) : 0) : table.row_count();
    std::vector<csv_column> columns(count, csv_column::none);
    std::vector<bool> taken(all_csv_columns.size() + 1, false);
    for (std::size_t i = 0; i < count; ++i) {
        const std::string key = header_key(rows ? table.cell(header, i) : table.cell(i, header));
        csv_column c = csv_column_for_header_key(key);
        if (const auto t = titles.find(key); c == csv_column::none && t != titles.end()) c = t->second;
        if (c == csv_column::none || taken[static_cast<std::size_t>(c)]) continue;
        taken[static_cast<std::size_t>(c)] = true;
        columns[i] = c;
    }
    if (!rows && std::find(columns.begin(), columns.end(), csv_column::stage_name) == columns.end() &&
        !columns.empty() && columns[0] == csv_column::none && trim(table.cell(0, header)).empty())
        columns[0] = csv_column::stage_name;
    return columns;
}

// How well headers fit: naming the stage column first (without it nothing imports), then the
// number of columns they name.
std::pair<bool, std::size_t> fit(const std::vector<csv_column>& columns) {
    return {std::find(columns.begin(), columns.end(), csv_column::stage_name) != columns.end(),
            static_cast<std::size_t>(
                std::count_if(columns.begin(), columns.end(), [](csv_column c) { return c != csv_column::none; }))};
}

}  // namespace

std::string csv_column_title(csv_column c) {
    switch (c) {
        // TRANSLATORS: in the CSV import's list of what a column holds: the column is left out
        case csv_column::none: return _("Not imported");
        case csv_column::persona_id: return _("Persona ID");
        case csv_column::persona_name: return _("Persona Name");
        case csv_column::pain_points: return _("Pain Points");
        case csv_column::status: return _("Status");
        case csv_column::last_updated_at: return _("Last Updated");
        case csv_column::created_by: return persona_field_title(persona_field::created_by);
        case csv_column::summary: return _("Summary");
        case csv_column::role: return persona_field_title(persona_field::role);
        case csv_column::organisation: return persona_field_title(persona_field::organisation);
        case csv_column::segment: return persona_field_title(persona_field::segment);
        case csv_column::success_metric: return persona_field_title(persona_field::success_metric);
        case csv_column::stage_number: return _("Stage Number");
        case csv_column::stage_id: return _("Stage ID");
        case csv_column::stage_name: return stage_field_title(stage_field::name);
        case csv_column::buyer_actions: return stage_field_title(stage_field::buyer_actions);
        case csv_column::duration: return stage_field_title(stage_field::duration);
        case csv_column::key_influencers: return stage_field_title(stage_field::key_influencers);
        case csv_column::seller_actions: return stage_field_title(stage_field::seller_actions);
        case csv_column::content_type: return stage_field_title(stage_field::content_type);
        case csv_column::key_message: return stage_field_title(stage_field::key_message);
    }
    return {};
}

csv_column csv_column_for_header(std::string_view header) {
    const std::string key = header_key(header);
    if (const csv_column c = csv_column_for_header_key(key); c != csv_column::none) return c;
    const column_titles titles = translated_titles();
    const auto t = titles.find(key);
    return t == titles.end() ? csv_column::none : t->second;
}

csv_mapping guess_csv_mapping(const csv_table& table, std::optional<csv_layout> layout) {
    // The header row: of the first ten rows, the first that fits best.
    const column_titles titles = translated_titles();
    csv_mapping by_rows;
    std::pair<bool, std::size_t> row_fit{false, 0};
    for (std::size_t r = 0; r < std::min<std::size_t>(table.row_count(), 10); ++r) {
        std::vector<csv_column> columns = columns_named(table, csv_layout::stages_in_rows, r, titles);
        if (const auto f = fit(columns); f > row_fit || r == 0) {
            row_fit = f;
            by_rows.header = r;
            by_rows.columns = std::move(columns);
        }
    }
    if (layout == csv_layout::stages_in_rows) return by_rows;
    csv_mapping by_columns;
    by_columns.layout = csv_layout::stages_in_columns;
    by_columns.columns = columns_named(table, csv_layout::stages_in_columns, 0, titles);
    if (layout == csv_layout::stages_in_columns || fit(by_columns.columns) > row_fit) return by_columns;
    return by_rows;
}

}  // namespace bpm
