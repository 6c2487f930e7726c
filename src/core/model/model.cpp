#include "bpm/model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

const std::string& stage::field(stage_field f) const {
    switch (f) {
        case stage_field::name: return name;
        case stage_field::buyer_actions: return buyer_actions;
        case stage_field::duration: return duration;
        case stage_field::key_influencers: return key_influencers;
        case stage_field::seller_actions: return seller_actions;
        case stage_field::content_type: return content_type;
        case stage_field::key_message: return key_message;
    }
    return name;
}

std::string& stage::field(stage_field f) {
    return const_cast<std::string&>(static_cast<const stage&>(*this).field(f));
}

bool stage::operator==(const stage& o) const {
    if (id != o.id) return false;
    for (stage_field f : all_stage_fields)
        if (field(f) != o.field(f)) return false;
    return journey == o.journey && extensions == o.extensions;
}

std::string persona::pain_points_text() const {
    std::string out;
    for (const auto& p : pain_points) {
        if (!out.empty()) out += "; ";
        out += p.text;
    }
    return out;
}

std::size_t persona::find_stage(std::string_view stage_id) const {
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].id == stage_id) return i;
    return npos;
}

const stage* persona::stage_by_id(std::string_view stage_id) const {
    const std::size_t i = find_stage(stage_id);
    return i == npos ? nullptr : &stages[i];
}

stage* persona::stage_by_id(std::string_view stage_id) {
    const std::size_t i = find_stage(stage_id);
    return i == npos ? nullptr : &stages[i];
}

bool persona::operator==(const persona& o) const {
    return id == o.id && name == o.name && pain_points == o.pain_points && profile == o.profile &&
           stages == o.stages && summary == o.summary && status == o.status &&
           last_updated_at == o.last_updated_at && created_by == o.created_by && extensions == o.extensions;
}

std::size_t document::find_persona(std::string_view persona_id) const {
    for (std::size_t i = 0; i < personas.size(); ++i)
        if (personas[i].id == persona_id) return i;
    return npos;
}

const persona* document::persona_by_id(std::string_view persona_id) const {
    const std::size_t i = find_persona(persona_id);
    return i == npos ? nullptr : &personas[i];
}

persona* document::persona_by_id(std::string_view persona_id) {
    const std::size_t i = find_persona(persona_id);
    return i == npos ? nullptr : &personas[i];
}

std::size_t document::find_persona_by_name(std::string_view name) const {
    for (std::size_t i = 0; i < personas.size(); ++i)
        if (personas[i].name == name) return i;
    return npos;
}

namespace {

// The N of an id "PREFIX-N", or 0 when id has another shape.
unsigned long id_number(std::string_view id, std::string_view prefix) {
    if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return 0;
    unsigned long n = 0;
    for (char c : id.substr(prefix.size())) {
        if (c < '0' || c > '9' || n > 100000000UL) return 0;
        n = n * 10 + static_cast<unsigned long>(c - '0');
    }
    return n;
}

}  // namespace

std::string document::new_persona_id() const {
    unsigned long highest = 0;
    for (const auto& p : personas) highest = std::max(highest, id_number(p.id, "persona-"));
    return "persona-" + std::to_string(highest + 1);
}

std::string document::new_stage_id() const {
    unsigned long highest = 0;
    for (const auto& p : personas)
        for (const auto& s : p.stages) highest = std::max(highest, id_number(s.id, "stage-"));
    return "stage-" + std::to_string(highest + 1);
}

std::string extensions_text(const std::vector<extension>& extensions) {
    std::string out;
    for (const extension& e : extensions) {
        if (!out.empty()) out += '\n';
        out += e.key + ": " + e.json;
    }
    return out;
}

std::string journey_tasks_text(const std::vector<journey_task>& tasks) {
    std::string out;
    for (const journey_task& t : tasks) {
        if (!out.empty()) out += '\n';
        out += t.text + ": " + std::to_string(t.score);
        for (std::size_t i = 0; i < t.people.size(); ++i) out += (i ? ", " : ": ") + t.people[i];
    }
    return out;
}

std::string_view stage_field_key(stage_field f) {
    switch (f) {
        case stage_field::name: return "stage_name";
        case stage_field::buyer_actions: return "buyer_actions";
        case stage_field::duration: return "duration";
        case stage_field::key_influencers: return "key_influencers";
        case stage_field::seller_actions: return "seller_actions";
        case stage_field::content_type: return "content_type";
        case stage_field::key_message: return "key_message";
    }
    return "";
}

std::optional<stage_field> stage_field_from_key(std::string_view key) {
    for (stage_field f : all_stage_fields)
        if (stage_field_key(f) == key) return f;
    return std::nullopt;
}

std::string stage_field_title(stage_field f) {
    switch (f) {
        // TRANSLATORS: column title of the stage table; the stage's name
        case stage_field::name: return _("Stage");
        case stage_field::buyer_actions: return _("Buyer Actions");
        case stage_field::duration: return _("Duration");
        case stage_field::key_influencers: return _("Key Influencers");
        case stage_field::seller_actions: return _("Seller Actions");
        case stage_field::content_type: return _("Content Type");
        case stage_field::key_message: return _("Key Message");
    }
    return {};
}

std::string_view pain_category_key(pain_category c) {
    switch (c) {
        case pain_category::none: return "";
        case pain_category::financial: return "financial";
        case pain_category::productivity: return "productivity";
        case pain_category::process: return "process";
        case pain_category::support: return "support";
        case pain_category::other: return "other";
    }
    return "";
}

std::string pain_category_title(pain_category c) {
    switch (c) {
        case pain_category::financial: return _("Financial");
        case pain_category::productivity: return _("Productivity");
        case pain_category::process: return _("Process");
        case pain_category::support: return _("Support");
        case pain_category::other: return _("Other");
        case pain_category::none: break;
    }
    return {};
}

std::optional<pain_category> pain_category_from_key(std::string_view key) {
    for (auto c : {pain_category::none, pain_category::financial, pain_category::productivity,
                   pain_category::process, pain_category::support, pain_category::other})
        if (pain_category_key(c) == key) return c;
    return std::nullopt;
}

std::string_view persona_status_key(persona_status s) {
    return s == persona_status::completed ? "completed" : "in_progress";
}

std::optional<persona_status> persona_status_from_key(std::string_view key) {
    if (key == "in_progress") return persona_status::in_progress;
    if (key == "completed") return persona_status::completed;
    return std::nullopt;
}

std::string_view summary_source_key(summary_source s) { return s == summary_source::ai ? "ai" : "template"; }

std::optional<summary_source> summary_source_from_key(std::string_view key) {
    if (key == "template") return summary_source::template_text;
    if (key == "ai") return summary_source::ai;
    return std::nullopt;
}

std::vector<pain_point> split_pain_points(std::string_view text) {
    std::vector<pain_point> out;
    std::unordered_set<std::string_view> seen;  // views into text, which outlives the set
    while (true) {
        const std::size_t semi = text.find(';');
        const std::string_view piece = trim(text.substr(0, semi));
        if (!piece.empty() && seen.insert(piece).second) out.push_back({std::string(piece), pain_category::none});
        if (semi == std::string_view::npos) break;
        text.remove_prefix(semi + 1);
    }
    return out;
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

std::string now_iso8601() {
    return iso8601_from_epoch(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

std::string iso8601_from_epoch(long long seconds) {
    const auto t = static_cast<std::time_t>(seconds);
    std::tm tm{};
#ifdef _WIN32
    gmtime_s(&tm, &t);
#else
    gmtime_r(&t, &tm);
#endif
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<iso8601_time> parse_iso8601(std::string_view s) {
    // Reads n digits at pos into out.
    const auto number = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    const auto at = [&](std::size_t pos, char c) { return pos < s.size() && s[pos] == c; };
    iso8601_time t;
    if (!(number(0, 4, t.year) && at(4, '-') && number(5, 2, t.month) && at(7, '-') && number(8, 2, t.day) &&
          at(10, 'T') && number(11, 2, t.hour) && at(13, ':') && number(14, 2, t.minute) && at(16, ':') &&
          number(17, 2, t.second)))
        return std::nullopt;
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    if (at(pos, '.')) {
        const std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    if (at(pos, 'Z') && pos + 1 == s.size()) return t;
    if ((at(pos, '+') || at(pos, '-')) && number(pos + 1, 2, t.offset_hours) && at(pos + 3, ':') &&
        number(pos + 4, 2, t.offset_minutes) && pos + 6 == s.size()) {
        t.zone = s[pos];
        return t;
    }
    return std::nullopt;
}

std::optional<long long> epoch_from_iso8601(std::string_view text) {
    const std::optional<iso8601_time> t = parse_iso8601(text);
    if (!t) return std::nullopt;
    // Days since 1970-01-01 of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
    const long long y = t->year - (t->month <= 2 ? 1 : 0);
    const long long era = y / 400;  // years are 0000-9999: never negative
    const long long year_of_era = y - era * 400;
    const long long day_of_year = (153 * (t->month + (t->month > 2 ? -3 : 9)) + 2) / 5 + t->day - 1;
    const long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    const long long days = era * 146097 + day_of_era - 719468;
    const long long offset = (t->offset_hours * 60LL + t->offset_minutes) * 60 * (t->zone == '-' ? -1 : 1);
    return days * 86400 + t->hour * 3600LL + t->minute * 60LL + t->second - offset;
}

std::string readable_timestamp(std::string_view iso) {
    if (!is_iso8601(iso)) return std::string(iso);
    std::string out = std::string(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 5));
    const std::size_t zone = iso.find_first_of("Z+-", 19);
    // TRANSLATORS: the time zone of a timestamp written in Coordinated Universal Time
    out += iso[zone] == 'Z' ? " " + _("UTC") : " " + std::string(iso.substr(zone));
    return out;
}

std::vector<std::string> standard_stage_names() {
    return {_("Awareness"), _("Consideration"), _("Decision")};
}

std::string placeholder_stage_name(std::size_t index) {
    // TRANSLATORS: name of a new stage before the user names it; {1} is its position
    return format(_("Stage {1}"), std::to_string(index + 1));
}

}  // namespace bpm
