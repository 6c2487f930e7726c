#include "bpm/diff_text.h"

#include <nlohmann/json.hpp>

#include "bpm/edit.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "bpm/word_diff.h"

namespace bpm {

namespace {

constexpr std::string_view separator = " \xE2\x80\xBA ";      // " › "
constexpr std::string_view arrow = " \xE2\x86\x92 ";          // " → "
constexpr std::string_view line_break_mark = "\xE2\x86\xB5";  // "↵"

// Text on one line: each line break (LF, CR LF or CR) shows as ↵.
std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' || text[i] == '\n') {
            out += line_break_mark;
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A persona's or a stage's name as lines show it; its id in brackets when it has none.
std::string label(const std::string& name, const std::string& id) {
    return trim(name).empty() ? "[" + id + "]" : one_line(name);
}

std::string persona_path(const map_change& c) { return label(c.persona_name, c.persona_id); }
std::string stage_label(const map_change& c) { return label(c.stage_name, c.stage_id); }
std::string in_quotes(std::string_view text) { return "'" + one_line(text) + "'"; }

std::string category_title(std::string_view key) {
    const auto category = pain_category_from_key(key);
    // TRANSLATORS: what a pain point's category is when it has none
    return !category || *category == pain_category::none ? _("no category") : pain_category_title(*category);
}

// The title of a field as the editor names it ("Duration", "Primary Success Metric").
std::string field_title(change_kind kind, std::string_view key) {
    // TRANSLATORS: the members of a JSON file a map keeps and writes back without using them
    if (key == "extensions") return _("Kept JSON Members");
    if (kind == change_kind::stage_field) {
        if (const auto f = stage_field_from_key(key)) return stage_field_title(*f);
        // TRANSLATORS: the tasks, scores and people of a stage's Mermaid user journey
        if (key == "journey_tasks") return _("Journey Tasks");
    }
    if (kind == change_kind::document_field) {
        if (key == "title") return _("Title");
        if (key == "created_by") return _("Created By");
        // TRANSLATORS: when a map was created
        if (key == "created_at") return _("Created");
        // TRANSLATORS: when a map was last saved
        if (key == "modified_at") return _("Modified");
    }
    if (key == "name") return persona_field_title(persona_field::name);
    if (key == "status") return _("Status");
    if (key == "created_by") return persona_field_title(persona_field::created_by);
    if (key == "last_updated_at") return _("Last Updated");
    if (key == "role") return persona_field_title(persona_field::role);
    if (key == "organisation") return persona_field_title(persona_field::organisation);
    if (key == "segment") return persona_field_title(persona_field::segment);
    if (key == "success_metric") return persona_field_title(persona_field::success_metric);
    if (key == "summary") return _("Summary");
    // TRANSLATORS: a persona's pain points, as one field a comment can be about
    if (key == "pain_points") return _("Pain Points");
    // TRANSLATORS: who wrote a persona's summary: the offline template or the AI
    if (key == "summary_source") return _("Summary Source");
    // TRANSLATORS: when a persona's summary was written
    if (key == "summary_generated_at") return _("Summary Written");
    return std::string(key);
}

bool is_timestamp(std::string_view key) {
    return key == "created_at" || key == "modified_at" || key == "last_updated_at" || key == "summary_generated_at";
}

// Fields whose values are words people wrote, which a long change shows word by word.
bool is_free_text(std::string_view key) { return !is_timestamp(key) && key != "status" && key != "summary_source"; }

// A field's value as people read it; a timestamp as readable_timestamp gives it, unless that
// would look the same as the other value (they differ in seconds).
std::string shown(std::string_view key, std::string_view value, std::string_view other) {
    if (key == "status") return value == "completed" ? _("Completed") : _("In progress");
    // TRANSLATORS: who wrote a persona's summary: a language model, or the offline template
    if (key == "summary_source") return value == "ai" ? _("AI") : _("Offline template");
    if (is_timestamp(key) && readable_timestamp(value) != readable_timestamp(other)) return readable_timestamp(value);
    return one_line(value);
}

bool is_long(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos || code_point_count(text) > diff_long_text_chars;
}

std::string word_difference(std::string_view a, std::string_view b) {
    std::string out;
    for (const word_run& run : word_diff(a, b)) {
        switch (run.what) {
            case word_run::kind::same: out += run.text; break;
            case word_run::kind::removed: out += "[-" + run.text + "-]"; break;
            case word_run::kind::added: out += "{+" + run.text + "+}"; break;
        }
    }
    return one_line(out);
}

// Where a conflict is, named with the names its persona and stage have ("" when the map has no
// such persona or stage: then by their ids): "Emma › Awareness › Duration", "Emma › pain point
// 'Too expensive' › Category", "Map › Title", "Emma › stage Trial", "persona Emma".
std::string conflict_place(const std::string& persona_name, const std::string& stage_name, const merge_conflict& c) {
    if (c.persona_id.empty())
        return _("Map") + std::string(separator) + field_title(change_kind::document_field, c.field);
    const std::string persona = label(persona_name, c.persona_id), in_persona = persona + std::string(separator);
    if (!c.comment_id.empty())
        // TRANSLATORS: the text of a comment a team member left, as a place of a merge conflict ("Emma › Awareness › Comment")
        return in_persona + (c.stage_id.empty() ? std::string() : label(stage_name, c.stage_id) + std::string(separator)) +
               _("Comment");
    const bool removal = c.removed_by != conflict_side::none;
    if (!c.stage_id.empty()) {
        const std::string stage = label(stage_name, c.stage_id);
        return removal ? in_persona + format(_("stage {1}"), stage)
                       : in_persona + stage + std::string(separator) + field_title(change_kind::stage_field, c.field);
    }
    if (c.pain_point) {
        const std::string point = in_persona + format(_("pain point {1}"), in_quotes(*c.pain_point));
        // TRANSLATORS: a pain point's category, as a field of it
        return removal ? point : point + std::string(separator) + _("Category");
    }
    return removal ? format(_("persona {1}"), persona) : in_persona + field_title(change_kind::persona_field, c.field);
}

// A conflicting value as people read it: a status or category by its title, a text on one line
// and cut to a readable length, in quotes.
std::string conflict_value(const merge_conflict& c, const std::string& value) {
    if (c.pain_point) return category_title(value);
    if (c.field == "status") return shown("status", value, {});
    // TRANSLATORS: a field's value in a conflict when it is empty
    if (value.empty()) return _("(empty)");
    return in_quotes(one_line_excerpt(value, 80));
}

// "Emma › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'"; "Emma › stage Trial:
// removed by theirs, changed by ours".
std::string conflict_line(const std::string& persona_name, const std::string& stage_name, const merge_conflict& c) {
    const std::string place = conflict_place(persona_name, stage_name, c);
    // TRANSLATORS: a merge conflict: {1} is where it is, such as "Emma › Awareness › Duration"
    if (c.removed_by == conflict_side::theirs) return format(_("{1}: removed by theirs, changed by ours"), place);
    if (c.removed_by == conflict_side::ours) return format(_("{1}: removed by ours, changed by theirs"), place);
    // TRANSLATORS: a merge conflict: {1} is where it is, {2} the value in our version, {3} in theirs
    return format(_("{1}: ours {2}, theirs {3}"), place, conflict_value(c, c.ours), conflict_value(c, c.theirs));
}

// What a comment is about, named with the names its persona and stage have (by their ids when
// the map has no such one): "Emma › Awareness › Duration", "Emma › Awareness", "Emma › Role", "Emma".
std::string comment_place(const std::string& persona_name, const std::string& stage_name, const comment& c) {
    std::string place = label(persona_name, c.persona_id);
    if (!c.stage_id.empty()) place += std::string(separator) + label(stage_name, c.stage_id);
    if (!c.field.empty())
        place += std::string(separator) +
                 field_title(c.stage_id.empty() ? change_kind::persona_field : change_kind::stage_field, c.field);
    return place;
}

// "comment by Ana", or "comment" when it names no author.
std::string comment_by(const std::string& author) {
    // TRANSLATORS: a comment a team member left on a map, in lines of bpmap-cli diff; {1} is who wrote it
    return trim(author).empty() ? _("comment") : format(_("comment by {1}"), one_line(author));
}

std::string reply_by(const std::string& author) {
    // TRANSLATORS: an answer to a comment, in lines of bpmap-cli diff; {1} is who wrote it
    return trim(author).empty() ? _("reply") : format(_("reply by {1}"), one_line(author));
}

// A comment named by its author and the start of its text: "comment by Ana 'Is 2 weeks realistic?'".
std::string comment_reference(const comment& c) { return comment_by(c.author) + " " + in_quotes(one_line_excerpt(c.text, 60)); }

// The title of a comment's or a reply's member, as people name it.
std::string comment_field_title(std::string_view key) {
    if (key == "persona_id") return _("Persona");
    if (key == "stage_id") return _("Stage");
    // TRANSLATORS: which field of a persona or stage a comment is about
    if (key == "field") return _("Field");
    if (key == "author") return _("Author");
    // TRANSLATORS: when a comment or reply was written
    if (key == "created_at") return _("Written");
    return _("Text");
}

// "Emma › Awareness › Duration: 2-4 weeks → 3-5 weeks"; "+ ..." when it was empty, "- ..." when
// it is now; a long text word by word. The field's title is title, or the one field_title gives.
std::string field_line(const std::string& path, const map_change& c, const std::string& title = {}) {
    const std::string where = path + std::string(separator) + (title.empty() ? field_title(c.kind, c.field) : title) + ": ";
    if (c.old_value.empty()) return "+ " + where + shown(c.field, c.new_value, c.old_value);
    if (c.new_value.empty()) return "- " + where + shown(c.field, c.old_value, c.new_value);
    if (is_free_text(c.field) && (is_long(c.old_value) || is_long(c.new_value)))
        return where + word_difference(c.old_value, c.new_value);
    return where + shown(c.field, c.old_value, c.new_value) + std::string(arrow) + shown(c.field, c.new_value, c.old_value);
}

// A change of a comment or its replies: "+ Emma › Awareness › Duration: comment by Ana: 'Is 2
// weeks realistic?'", "~ Emma › Awareness › Duration: comment by Ana 'Is 2 weeks realistic?'
// resolved", "+ Emma › Awareness › Duration: reply by Ben to comment by Ana 'Is 2 weeks
// realistic?': 'Closer to 4'".
std::string comment_line(const map_change& c) {
    const std::string place = comment_place(c.persona_name, c.stage_name, c.comment) + ": ";
    const std::string reference = comment_reference(c.comment);
    // TRANSLATORS: {1} is a reply as "reply by Ben", {2} the comment it answers, as "comment by Ana 'Is 2 weeks realistic?'"
    const auto reply = [&] { return format(_("{1} to {2}"), reply_by(c.reply.author), reference); };
    switch (c.kind) {
        case change_kind::comment_added:
            return "+ " + place + comment_by(c.comment.author) + ": " + in_quotes(c.comment.text) +
                   // TRANSLATORS: said of a comment added already resolved, in lines of bpmap-cli diff
                   (c.comment.resolved ? " " + _("(resolved)") : std::string());
        case change_kind::comment_removed: return "- " + place + comment_by(c.comment.author) + ": " + in_quotes(c.comment.text);
        // TRANSLATORS: lines of bpmap-cli diff: {1} is a comment as "comment by Ana 'Is 2 weeks realistic?'"
        case change_kind::comment_moved: return "~ " + place + format(_("{1} moved"), reference);
        case change_kind::comment_resolved: return "~ " + place + format(_("{1} resolved"), reference);
        case change_kind::comment_reopened: return "~ " + place + format(_("{1} reopened"), reference);
        case change_kind::comment_field: return field_line(place + reference, c, comment_field_title(c.field));
        case change_kind::reply_added: return "+ " + place + reply() + ": " + in_quotes(c.reply.text);
        case change_kind::reply_removed: return "- " + place + reply() + ": " + in_quotes(c.reply.text);
        case change_kind::reply_moved: return "~ " + place + format(_("{1} moved"), reply());
        case change_kind::reply_field: return field_line(place + reply(), c, comment_field_title(c.field));
        default: return {};
    }
}

// What a change says, without the persona it is in.
std::string change_line(const map_change& c) {
    const std::string persona = persona_path(c), in_persona = persona + std::string(separator);
    const bool has_before = !c.before_id.empty(), has_after = !c.after_id.empty();
    switch (c.kind) {
        case change_kind::document_field:
            // TRANSLATORS: the map as a whole, before the name of one of its fields ("Map › Title: ...")
            return field_line(_("Map"), c);
        case change_kind::persona_added: {
            const std::string after = label(c.after_name, c.after_id), before = label(c.before_name, c.before_id);
            // TRANSLATORS: lines of bpmap-cli diff, after "+ ", "- " or "~ ": {1} and {2} are persona names
            return "+ " + (has_after    ? format(_("persona {1} (after {2})"), persona, after)
                           : has_before ? format(_("persona {1} (before {2})"), persona, before)
                                        : format(_("persona {1}"), persona));
        }
        case change_kind::persona_removed: return "- " + format(_("persona {1}"), persona);
        case change_kind::persona_moved:
            return "~ " + (has_before ? format(_("persona {1} moved before {2}"), persona, label(c.before_name, c.before_id))
                                      : format(_("persona {1} moved after {2}"), persona, label(c.after_name, c.after_id)));
        case change_kind::persona_field:
            if (c.field == "name")
                return "~ " + format(_("persona {1} renamed to {2}"), label(c.old_value, c.persona_id),
                                     label(c.new_value, c.persona_id));
            return field_line(persona, c);
        case change_kind::pain_point_added:
            // TRANSLATORS: lines of bpmap-cli diff: {1} and {2} are pain points in quotes
            return "+ " + in_persona + format(_("pain point {1}"), in_quotes(c.pain_point)) +
                   (c.new_value.empty() ? "" : " (" + category_title(c.new_value) + ")");
        case change_kind::pain_point_removed: return "- " + in_persona + format(_("pain point {1}"), in_quotes(c.pain_point));
        case change_kind::pain_point_moved:
            return "~ " + in_persona +
                   (has_before ? format(_("pain point {1} moved before {2}"), in_quotes(c.pain_point), in_quotes(c.before_name))
                               : format(_("pain point {1} moved after {2}"), in_quotes(c.pain_point), in_quotes(c.after_name)));
        case change_kind::pain_point_category:
            return "~ " + in_persona + format(_("pain point {1}: {2}"), in_quotes(c.pain_point),
                                              category_title(c.old_value) + std::string(arrow) + category_title(c.new_value));
        case change_kind::stage_added: {
            const std::string stage = stage_label(c);
            const std::string after = label(c.after_name, c.after_id), before = label(c.before_name, c.before_id);
            // TRANSLATORS: lines of bpmap-cli diff: {1} and {2} are stage names
            return "+ " + in_persona +
                   (has_after    ? format(_("stage {1} (after {2})"), stage, after)
                    : has_before ? format(_("stage {1} (before {2})"), stage, before)
                                 : format(_("stage {1}"), stage));
        }
        case change_kind::stage_removed: return "- " + in_persona + format(_("stage {1}"), stage_label(c));
        case change_kind::stage_moved:
            return "~ " + in_persona +
                   (has_before ? format(_("stage {1} moved before {2}"), stage_label(c), label(c.before_name, c.before_id))
                               : format(_("stage {1} moved after {2}"), stage_label(c), label(c.after_name, c.after_id)));
        case change_kind::stage_field:
            if (c.field == stage_field_key(stage_field::name))
                return "~ " + in_persona + format(_("stage {1} renamed to {2}"), label(c.old_value, c.stage_id),
                                                  label(c.new_value, c.stage_id));
            return field_line(in_persona + stage_label(c), c);
        case change_kind::conflict_added:
            // TRANSLATORS: a line of bpmap-cli diff: {1} is a conflict a merge recorded, as "Emma › Awareness › Duration: ours '3-5 weeks', theirs '4 weeks'"
            return "! " + format(_("conflict: {1}"), conflict_line(c.persona_name, c.stage_name, c.conflict));
        case change_kind::conflict_resolved:
            // TRANSLATORS: a line of bpmap-cli diff: {1} is where a conflict was, as "Emma › Awareness › Duration"
            return "- " + format(_("conflict resolved: {1}"), conflict_place(c.persona_name, c.stage_name, c.conflict));
        default: return comment_line(c);
    }
    return {};
}

bool is_comment_kind(change_kind k) { return k >= change_kind::comment_added && k <= change_kind::reply_field; }
bool is_reply_kind(change_kind k) { return k >= change_kind::reply_added && k <= change_kind::reply_field; }

bool is_conflict_kind(change_kind k) { return k == change_kind::conflict_added || k == change_kind::conflict_resolved; }

bool is_stage_kind(change_kind k) {
    return k == change_kind::stage_added || k == change_kind::stage_removed || k == change_kind::stage_moved ||
           k == change_kind::stage_field;
}
bool is_pain_point_kind(change_kind k) {
    return k == change_kind::pain_point_added || k == change_kind::pain_point_removed ||
           k == change_kind::pain_point_moved || k == change_kind::pain_point_category;
}
bool is_field_kind(change_kind k) {
    return k == change_kind::document_field || k == change_kind::persona_field || k == change_kind::stage_field;
}
bool has_position(change_kind k) {
    return k == change_kind::persona_added || k == change_kind::persona_moved || k == change_kind::stage_added ||
           k == change_kind::stage_moved || k == change_kind::pain_point_moved;
}

}  // namespace

std::string diff_to_text(const map_diff& d) {
    std::string out;
    for (const map_change& c : d.changes) {
        out += change_line(c);
        out += '\n';
    }
    return out;
}

std::string diff_to_json(const map_diff& d) {
    using json = nlohmann::ordered_json;
    json changes = json::array();
    for (const map_change& c : d.changes) {
        json j;
        j["kind"] = change_kind_key(c.kind);
        if (is_comment_kind(c.kind)) {
            const auto reply_json = [](const comment_reply& r) {
                return json{{"id", r.id}, {"author", r.author}, {"created_at", r.created_at}, {"text", r.text}};
            };
            const comment& about = c.comment;
            j["persona_id"] = about.persona_id;
            j["persona"] = c.persona_name;
            j["stage_id"] = about.stage_id.empty() ? json(nullptr) : json(about.stage_id);
            j["stage"] = about.stage_id.empty() ? json(nullptr) : json(c.stage_name);
            json replies = json::array();
            for (const comment_reply& r : about.replies) replies.push_back(reply_json(r));
            j["comment"] = json{{"id", about.id},
                                {"field", about.field.empty() ? json(nullptr) : json(about.field)},
                                {"author", about.author},
                                {"created_at", about.created_at},
                                {"text", about.text},
                                {"resolved", about.resolved},
                                {"replies", std::move(replies)}};
            if (is_reply_kind(c.kind)) j["reply"] = reply_json(c.reply);
            if (c.kind == change_kind::comment_field || c.kind == change_kind::reply_field) {
                j["field"] = c.field;
                j["old"] = c.old_value;
                j["new"] = c.new_value;
            }
            if (c.old_index != npos) j["old_index"] = c.old_index;
            if (c.new_index != npos) j["new_index"] = c.new_index;
            changes.push_back(std::move(j));
            continue;
        }
        if (is_conflict_kind(c.kind)) {
            const merge_conflict& conflict = c.conflict;
            j["persona_id"] = conflict.persona_id.empty() ? json(nullptr) : json(conflict.persona_id);
            j["persona"] = conflict.persona_id.empty() ? json(nullptr) : json(c.persona_name);
            j["stage_id"] = conflict.stage_id.empty() ? json(nullptr) : json(conflict.stage_id);
            j["stage"] = conflict.stage_id.empty() ? json(nullptr) : json(c.stage_name);
            j["pain_point"] = conflict.pain_point ? json(*conflict.pain_point) : json(nullptr);
            j["field"] = conflict.field.empty() ? json(nullptr) : json(conflict.field);
            j["comment_id"] = conflict.comment_id.empty() ? json(nullptr) : json(conflict.comment_id);
            j["removed_by"] = conflict.removed_by == conflict_side::none
                                  ? json(nullptr)
                                  : json(std::string(conflict_side_key(conflict.removed_by)));
            j["base"] = conflict.base;
            j["ours"] = conflict.ours;
            j["theirs"] = conflict.theirs;
            changes.push_back(std::move(j));
            continue;
        }
        if (c.kind != change_kind::document_field) {
            j["persona_id"] = c.persona_id;
            j["persona"] = c.persona_name;
        }
        if (is_stage_kind(c.kind)) {
            j["stage_id"] = c.stage_id;
            j["stage"] = c.stage_name;
        }
        if (is_pain_point_kind(c.kind)) j["pain_point"] = c.pain_point;
        if (is_field_kind(c.kind) || c.kind == change_kind::pain_point_category) {
            j["field"] = c.kind == change_kind::pain_point_category ? std::string("category") : c.field;
            j["old"] = c.old_value;
            j["new"] = c.new_value;
        }
        if (c.kind == change_kind::pain_point_added) j["category"] = c.new_value;
        if (c.kind == change_kind::pain_point_removed) j["category"] = c.old_value;
        if (c.old_index != npos) j["old_index"] = c.old_index;
        if (c.new_index != npos) j["new_index"] = c.new_index;
        if (has_position(c.kind)) {
            // Pain points have no ids: their neighbours are named by their texts alone.
            const bool ids = c.kind != change_kind::pain_point_moved;
            const auto neighbour = [&](const char* key, const std::string& id, const std::string& name) {
                if (ids) j[std::string(key) + "_id"] = id.empty() ? json(nullptr) : json(id);
                j[key] = id.empty() ? json(nullptr) : json(name);
            };
            neighbour("after", c.after_id, c.after_name);
            neighbour("before", c.before_id, c.before_name);
        }
        changes.push_back(std::move(j));
    }
    json root;
    root["equal"] = d.empty();
    root["changes"] = std::move(changes);
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string map_outline(const document& doc) {
    std::string out;
    const auto line = [&](const std::string& path, std::string_view title, std::string_view value) {
        if (value.empty()) return;
        out += path;
        out += separator;
        out += title;
        out += ": ";
        out += one_line(value);
        out += '\n';
    };
    const std::string map = _("Map");
    line(map, field_title(change_kind::document_field, "title"), doc.metadata.title);
    line(map, field_title(change_kind::document_field, "created_by"), doc.metadata.created_by);
    line(map, field_title(change_kind::document_field, "created_at"), doc.metadata.created_at);
    line(map, field_title(change_kind::document_field, "modified_at"), doc.metadata.modified_at);
    line(map, field_title(change_kind::document_field, "extensions"), extensions_text(doc.extensions));
    for (const persona& p : doc.personas) {
        const std::string name = label(p.name, p.id), in_persona = name + std::string(separator);
        out += format(_("persona {1}"), name) + "\n";
        const auto persona_line = [&](std::string_view key, std::string_view value) {
            line(name, field_title(change_kind::persona_field, key), value);
        };
        persona_line("status", shown("status", persona_status_key(p.status), {}));
        persona_line("created_by", p.created_by);
        persona_line("last_updated_at", p.last_updated_at);
        persona_line("role", p.profile.role);
        persona_line("organisation", p.profile.organisation);
        persona_line("segment", p.profile.segment);
        persona_line("success_metric", p.profile.success_metric);
        for (const pain_point& pp : p.pain_points)
            out += in_persona + format(_("pain point {1}"), in_quotes(pp.text)) +
                   (pp.category == pain_category::none ? "" : " (" + pain_category_title(pp.category) + ")") + "\n";
        for (const stage& s : p.stages) {
            const std::string stage = label(s.name, s.id);
            out += in_persona + format(_("stage {1}"), stage) + "\n";
            for (stage_field f : all_stage_fields)
                if (f != stage_field::name) line(in_persona + stage, stage_field_title(f), s.field(f));
            line(in_persona + stage, field_title(change_kind::stage_field, "journey_tasks"), journey_tasks_text(s.journey));
            line(in_persona + stage, field_title(change_kind::stage_field, "extensions"), extensions_text(s.extensions));
        }
        if (p.summary) {
            persona_line("summary", p.summary->text);
            persona_line("summary_source", shown("summary_source", summary_source_key(p.summary->source), {}));
            persona_line("summary_generated_at", p.summary->generated_at);
        }
        persona_line("extensions", extensions_text(p.extensions));
    }
    for (const merge_conflict& c : doc.conflicts) out += format(_("conflict: {1}"), conflict_text(doc, c)) + "\n";
    for (const comment& c : doc.comments) {
        const persona* p = doc.persona_by_id(c.persona_id);
        const stage* s = p ? p->stage_by_id(c.stage_id) : nullptr;
        const std::string place = comment_place(p ? p->name : std::string(), s ? s->name : std::string(), c) + ": ";
        out += place + comment_by(c.author) + ": " + in_quotes(c.text) +
               (c.resolved ? " " + _("(resolved)") : std::string()) + "\n";
        for (const comment_reply& r : c.replies)
            out += place + format(_("{1} to {2}"), reply_by(r.author), comment_reference(c)) + ": " + in_quotes(r.text) + "\n";
    }
    return out;
}

std::string conflict_text(const document& doc, const merge_conflict& c) {
    const persona* p = doc.persona_by_id(c.persona_id);
    const stage* s = p ? p->stage_by_id(c.stage_id) : nullptr;
    return conflict_line(p ? p->name : std::string(), s ? s->name : std::string(), c);
}

}  // namespace bpm
