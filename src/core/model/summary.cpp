#include "bpm/summary.h"

#include "bpm/duration.h"
#include "bpm/edit.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// A field on one line: line breaks become spaces; empty fields show a dash so the line still reads.
std::string one_line(const std::string& text) {
    const std::string_view t = trim(text);
    if (t.empty()) return "—";
    std::string out;
    out.reserve(t.size());
    bool space = false;
    for (char c : t) {
        if (c == '\n' || c == '\r' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.empty() && out.back() != ' ') out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

// A field as an item of the summary's comma-separated line: a sentence's own full stop goes, or
// it would read ".," ("asks her agency., Duration: ..."); an ellipsis stays.
std::string in_list(const std::string& text) {
    std::string s = one_line(text);
    if (s.size() > 1 && s.back() == '.' && s[s.size() - 2] != '.') s.pop_back();
    return s;
}

}  // namespace

std::string template_summary(const persona& p) {
    std::string out;
    std::string pains;
    for (const pain_point& point : p.pain_points)
        if (!trim(point.text).empty()) pains += (pains.empty() ? "" : "; ") + in_list(point.text);
    if (pains.empty())
        out += format(_("Persona: {1}"), one_line(p.name));
    else
        // TRANSLATORS: first line of a summary: the persona's name and, in brackets, its pain points
        out += format(_("Persona: {1} ({2})"), one_line(p.name), pains);
    out += '\n';
    for (const stage& s : p.stages) {
        out += format(_("{1}: Buyer Actions: {2}, Duration: {3}, Influencers: {4}, Seller Actions: {5}, "
                        "Content: {6}, Key Message: {7}"),
                      one_line(s.name), in_list(s.buyer_actions), in_list(s.duration), in_list(s.key_influencers),
                      in_list(s.seller_actions), in_list(s.content_type), in_list(s.key_message));
        out += '\n';
    }
    if (p.stages.empty()) out += _("No buying stages mapped yet.") + "\n";
    const cycle_length cycle = total_duration(p);
    if (cycle.known) {
        std::string line = format(_("Whole cycle: {1}"), format_day_range(*cycle.known));
        if (cycle.stages_without_duration > 0)
            line += " " + format(_n("(plus {1} stage without a duration)", "(plus {1} stages without a duration)",
                                    cycle.stages_without_duration),
                                 std::to_string(cycle.stages_without_duration));
        out += line + '\n';
    }
    return out;
}

bool has_ai_summary(const persona& p) {
    return p.summary && p.summary->source == summary_source::ai && !trim(p.summary->text).empty();
}

std::string summary_text(const persona& p) { return has_ai_summary(p) ? p.summary->text : template_summary(p); }

summary_freshness freshness_of_summary(const persona& p) {
    if (!has_ai_summary(p)) return summary_freshness::current;
    // With no date of change there is nothing a summary could predate.
    const std::optional<long long> changed = epoch_from_iso8601(p.last_updated_at);
    if (!changed) return summary_freshness::current;
    const std::optional<long long> written = epoch_from_iso8601(p.summary->generated_at);
    if (!written) return summary_freshness::unknown;
    return *written < *changed ? summary_freshness::stale : summary_freshness::current;
}

std::string stale_summary_note(const persona& p) {
    const summary_freshness freshness = freshness_of_summary(p);
    if (freshness == summary_freshness::current) return std::string();
    const std::string changed = readable_timestamp(p.last_updated_at);
    return freshness == summary_freshness::stale
               // TRANSLATORS: a warning with an AI summary; {1} is when the persona was last changed
               ? format(_("Written before the last changes on {1}"), changed)
               // TRANSLATORS: a warning with an AI summary that has no date; {1} is when the persona
               // was last changed
               : format(_("May have been written before the last changes on {1}"), changed);
}

bool store_template_summary(history& h, const std::string& persona_id) {
    const persona* p = h.doc().persona_by_id(persona_id);
    if (!p) return false;
    persona_summary summary{template_summary(*p), summary_source::template_text, h.now()};
    return h.submit(set_summary(persona_id, std::move(summary)));
}

}  // namespace bpm
