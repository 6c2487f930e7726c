#include "bpm/export_text.h"

#include <algorithm>
#include <cctype>

#include "bpm/duration.h"
#include "bpm/mermaid_journey.h"
#include "bpm/summary.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// True when text[i] ('&') starts what Markdown would read as an entity ("&amp;", "&#38;").
bool starts_entity(std::string_view text, std::size_t i) {
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '#') ++j;
    const std::size_t name = j;
    while (j < text.size() && j - name < 32 && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    return j > name && j < text.size() && text[j] == ';';
}

// True when a line starting at text[i] would be read as an ordered list item ("2026. Budget").
bool starts_ordered_item(std::string_view text, std::size_t i) {
    std::size_t j = i;
    while (j < text.size() && j - i < 10 && text[j] >= '0' && text[j] <= '9') ++j;
    return j > i && j < text.size() && (text[j] == '.' || text[j] == ')');
}

// The length of the web address GFM's extended autolinks would take at text[i] ("www.",
// "http://", "https://" after a line start, a space or one of "(*_~"), or 0. Inside one, an escape
// would become part of the link, so it is copied as it is, up to a space or '<' (GFM 0.29, 6.9).
// The emphasis marks an autolink leaves out at its end stay unescaped too, as an escape there would
// be swallowed; every other mark being escaped, they have no partner and show as they are.
std::size_t autolink_length(std::string_view text, std::size_t i) {
    if (i > 0 && std::string_view(" \t\n(*_~").find(text[i - 1]) == std::string_view::npos) return 0;
    const auto starts = [&](std::string_view prefix) {
        if (text.size() - i < prefix.size()) return false;
        for (std::size_t k = 0; k < prefix.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(text[i + k])) != prefix[k]) return false;
        return true;
    };
    if (!starts("www.") && !starts("http://") && !starts("https://")) return 0;
    std::size_t end = i;
    while (end < text.size() && std::string_view(" \t\r\n<").find(text[end]) == std::string_view::npos) ++end;
    return end - i;
}

// Text that GitHub Flavoured Markdown shows literally (CommonMark 0.30 and the GFM spec 0.29):
// every inline mark is escaped (emphasis, code, links, tables, strikethrough's ~, GitHub's $
// maths), "<" and ">" as entities (HTML; an autolink leaves an entity out, not an escape), "&"
// only where it would start an entity, web addresses not at all (autolink_length), and the marks that count only at a line's
// start (headings, lists, quotes, setext underlines, numbered items) there. Line breaks become hard
// breaks that stay inside a list item; a continued line's indent is dropped, since four spaces
// there would start a code block.
std::string md(std::string_view text, std::string_view continuation_indent = "  ") {
    const std::string_view t = trim(text);
    std::string out;
    out.reserve(t.size() + 8);
    bool line_start = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\r') continue;
        if (c == '\n') {
            out += "  \n";
            out += continuation_indent;
            line_start = true;
            while (i + 1 < t.size() && (t[i + 1] == ' ' || t[i + 1] == '\t')) ++i;
            continue;
        }
        if (const std::size_t link = autolink_length(t, i)) {
            out.append(t.substr(i, link));
            i += link - 1;
            line_start = false;
            continue;
        }
        switch (c) {
            case '<': out += "&lt;"; line_start = false; continue;
            case '>': out += "&gt;"; line_start = false; continue;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '$':
                out.push_back('\\');
                break;
            case '&':
                if (starts_entity(t, i)) out.push_back('\\');
                break;
            case '#': case '-': case '+': case '=':
                if (line_start) out.push_back('\\');
                break;
            default:
                if (line_start && starts_ordered_item(t, i)) {
                    // The digits stay; the mark after them is escaped.
                    while (t[i] >= '0' && t[i] <= '9') out.push_back(t[i++]);
                    out.push_back('\\');
                    out.push_back(t[i]);
                    line_start = false;
                    continue;
                }
                break;
        }
        out.push_back(c);
        line_start = line_start && (c == ' ' || c == '\t');
    }
    return out;
}

// A fenced ```mermaid block (GitHub draws it as the diagram), its fence longer than any run of
// backticks in the diagram.
std::string mermaid_block(const std::string& diagram) {
    std::size_t longest = 0, run = 0;
    for (char c : diagram) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    return fence + "mermaid\n" + diagram + fence + "\n";
}

void field_line(std::string& out, stage_field f, const stage& s) {
    const std::string& v = s.field(f);
    out += "- **" + stage_field_title(f) + ":** " + (trim(v).empty() ? std::string("—") : md(v)) + "\n";
}

void persona_markdown(std::string& out, const persona& p) {
    out += "## " + md(p.name.empty() ? _("Unnamed persona") : p.name) + "\n\n";
    std::string status = p.status == persona_status::completed ? _("Completed") : _("In progress");
    if (!p.last_updated_at.empty()) status = format(_("{1} · last updated {2}"), status, readable_timestamp(p.last_updated_at));
    out += "*" + status + "*\n\n";

    const std::pair<std::string, const std::string*> profile[] = {
        {_("Role"), &p.profile.role},
        {_("Organisation"), &p.profile.organisation},
        {_("Segment"), &p.profile.segment},
        {_("Primary success metric"), &p.profile.success_metric},
    };
    bool any_profile = false;
    for (const auto& [label, value] : profile)
        if (!trim(*value).empty()) {
            out += "- **" + label + ":** " + md(*value) + "\n";
            any_profile = true;
        }
    if (any_profile) out += "\n";

    out += "### " + _("Pain points") + "\n\n";
    if (p.pain_points.empty()) out += _("None recorded.") + "\n";
    for (const pain_point& pp : p.pain_points) {
        out += "- " + md(pp.text);
        if (pp.category != pain_category::none) out += " *(" + pain_category_title(pp.category) + ")*";
        out += "\n";
    }
    out += "\n";

    out += "### " + _("Journey at a glance") + "\n\n";
    if (p.stages.empty()) {
        out += _("No buying stages mapped yet.") + "\n\n";
    } else {
        std::string glance;
        for (const stage& s : p.stages) {
            if (!glance.empty()) glance += " → ";
            glance += "**" + md(s.name) + "**";
            if (!trim(s.duration).empty()) glance += " (" + md(s.duration) + ")";
        }
        out += glance + "\n\n";
        const cycle_length cycle = total_duration(p);
        if (cycle.known) out += format(_("Whole cycle: {1}"), format_day_range(*cycle.known)) + "\n\n";
        out += mermaid_block(to_mermaid_journey(p)) + "\n";
    }

    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        const stage& s = p.stages[i];
        out += "### " + std::to_string(i + 1) + ". " + md(s.name.empty() ? _("Unnamed stage") : s.name) + "\n\n";
        out += "**" + _("What the buyer does") + "**\n\n";
        for (stage_field f : {stage_field::buyer_actions, stage_field::duration, stage_field::key_influencers})
            field_line(out, f, s);
        out += "\n**" + _("What the seller does") + "**\n\n";
        for (stage_field f : {stage_field::seller_actions, stage_field::content_type, stage_field::key_message})
            field_line(out, f, s);
        out += "\n";
    }

    if (p.summary && !trim(p.summary->text).empty()) {
        out += "### " + _("Summary") + "\n\n";
        const std::string stale = stale_summary_note(p);
        if (!stale.empty()) out += "*" + md(stale) + "*\n\n";
        out += md(summary_text(p), "") + "\n\n";
    }
}

}  // namespace

result<std::string> to_markdown(const document& doc, const progress_fn& progress) {
    std::string out;
    out += "# " + md(doc.metadata.title.empty() ? _("Buying process map") : doc.metadata.title) + "\n\n";
    if (!doc.metadata.created_by.empty()) out += "*" + format(_("By {1}"), md(doc.metadata.created_by)) + "*\n\n";
    if (doc.personas.empty()) out += _("This map has no personas yet.") + "\n";
    for (std::size_t i = 0; i < doc.personas.size(); ++i) {
        persona_markdown(out, doc.personas[i]);
        if (!keep_going(progress, i + 1, doc.personas.size())) return result<std::string>::cancelled();
    }
    while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
    return result<std::string>::success(std::move(out));
}

// A spreadsheet reads a cell starting with a sign as a formula (tab and carriage return can hide
// such a start), Excel's full-width forms of the signs included.
bool needs_formula_guard(std::string_view value) {
    value.remove_prefix(std::min(value.find_first_not_of('\''), value.size()));
    if (value.empty()) return false;
    if (std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) return true;
    for (std::string_view wide : {"\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"})  // ＝ ＋ － ＠
        if (value.substr(0, wide.size()) == wide) return true;
    return false;
}

std::string csv_field(const std::string& value, char separator) {
    const std::string guarded = needs_formula_guard(value) ? "'" + value : value;
    const char specials[] = {separator, '"', '\r', '\n', '\0'};
    if (guarded.find_first_of(specials) == std::string::npos) return guarded;
    std::string out = "\"";
    for (char c : guarded) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    out += '"';
    return out;
}

result<std::string> to_csv(const document& doc, const csv_options& options, const progress_fn& progress) {
    std::string out = "\xEF\xBB\xBF";
    auto row = [&](std::initializer_list<std::string> fields) {
        bool first = true;
        for (const std::string& f : fields) {
            if (!first) out += options.separator;
            out += csv_field(f, options.separator);
            first = false;
        }
        out += "\r\n";
    };
    // Column names follow the spec's snake_case keys, so the file maps straight onto its data structure.
    row({"persona_id", "persona_name", "persona_pain_points", "status", "stage_number", "stage_id", "stage_name",
         "buyer_actions", "duration", "key_influencers", "seller_actions", "content_type", "key_message"});
    for (std::size_t k = 0; k < doc.personas.size(); ++k) {
        const persona& p = doc.personas[k];
        const std::string pains = p.pain_points_text();
        const std::string status(persona_status_key(p.status));
        if (p.stages.empty()) row({p.id, p.name, pains, status, "", "", "", "", "", "", "", "", ""});
        for (std::size_t i = 0; i < p.stages.size(); ++i) {
            const stage& s = p.stages[i];
            row({p.id, p.name, pains, status, std::to_string(i + 1), s.id, s.name, s.buyer_actions, s.duration,
                 s.key_influencers, s.seller_actions, s.content_type, s.key_message});
        }
        if (!keep_going(progress, k + 1, doc.personas.size())) return result<std::string>::cancelled();
    }
    return result<std::string>::success(std::move(out));
}

}  // namespace bpm
