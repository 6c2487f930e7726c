#include "bpm/json_format.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "bpm/file_io.h"
#include "bpm/map_size.h"

namespace bpm {

namespace {

using json = nlohmann::ordered_json;

// An extension's value, which is written as the JSON text it holds: binary data, which no JSON
// text holds, marks it in the tree.
json raw(const std::string& text) { return json::binary(std::vector<std::uint8_t>(text.begin(), text.end())); }

void add_extensions(json& j, const std::vector<extension>& extensions) {
    for (const extension& e : extensions) j[e.key] = raw(e.json);
}

json profile_json(const persona_profile& pr) {
    return json{{"role", pr.role},
                {"organisation", pr.organisation},
                {"segment", pr.segment},
                {"success_metric", pr.success_metric}};
}

json journey_json(const std::vector<journey_task>& tasks) {
    json out = json::array();
    for (const journey_task& t : tasks) out.push_back(json{{"text", t.text}, {"score", t.score}, {"people", t.people}});
    return out;
}

json persona_json(const persona& p) {
    json j;
    j["persona_id"] = p.id;
    j["persona_name"] = p.name;
    j["persona_pain_points"] = p.pain_points_text();
    json stages = json::array();
    for (const stage& s : p.stages) {
        json js;
        for (stage_field f : all_stage_fields) js[std::string(stage_field_key(f))] = s.field(f);
        js["stage_id"] = s.id;
        if (!s.journey.empty()) js["journey_tasks"] = journey_json(s.journey);
        add_extensions(js, s.extensions);
        stages.push_back(std::move(js));
    }
    j["buying_stages"] = std::move(stages);
    if (p.summary) j["ai_generated_summary"] = p.summary->text;
    j["status"] = std::string(persona_status_key(p.status));
    j["last_updated_at"] = p.last_updated_at;
    if (!p.created_by.empty()) j["created_by"] = p.created_by;

    json details = json::array();
    for (const pain_point& pp : p.pain_points) {
        json d{{"text", pp.text}};
        if (pp.category != pain_category::none) d["category"] = std::string(pain_category_key(pp.category));
        details.push_back(std::move(d));
    }
    j["persona_pain_point_details"] = std::move(details);
    if (!p.profile.empty()) j["persona_profile"] = profile_json(p.profile);
    if (p.summary) {
        j["summary_source"] = std::string(summary_source_key(p.summary->source));
        if (!p.summary->generated_at.empty()) j["summary_generated_at"] = p.summary->generated_at;
    }
    add_extensions(j, p.extensions);
    return j;
}

json conflict_json(const merge_conflict& c) {
    json j = json::object();
    if (!c.persona_id.empty()) j["persona_id"] = c.persona_id;
    if (!c.stage_id.empty()) j["stage_id"] = c.stage_id;
    if (c.pain_point) j["pain_point"] = *c.pain_point;
    if (!c.field.empty()) j["field"] = c.field;
    if (!c.comment_id.empty()) j["comment_id"] = c.comment_id;
    if (c.removed_by != conflict_side::none) j["removed_by"] = std::string(conflict_side_key(c.removed_by));
    if (c.removed_by == conflict_side::none || !c.base.empty() || !c.ours.empty() || !c.theirs.empty()) {
        j["base"] = c.base;
        j["ours"] = c.ours;
        j["theirs"] = c.theirs;
    }
    return j;
}

json comment_json(const comment& c) {
    json replies = json::array();
    for (const comment_reply& r : c.replies)
        replies.push_back(json{{"id", r.id}, {"author", r.author}, {"created_at", r.created_at}, {"text", r.text}});
    return json{{"id", c.id},         {"persona_id", c.persona_id}, {"stage_id", c.stage_id},
                {"field", c.field},   {"author", c.author},         {"created_at", c.created_at},
                {"text", c.text},     {"resolved", c.resolved},     {"replies", std::move(replies)}};
}

// The document's tree, built a persona at a time; nothing when progress cancels.
std::optional<json> document_tree(const document& doc, const progress_fn& progress) {
    json personas = json::array();
    for (const persona& p : doc.personas) {
        personas.push_back(persona_json(p));
        if (!keep_going(progress, personas.size(), doc.personas.size())) return std::nullopt;
    }
    json root;
    root["buying_process_mappings"] = std::move(personas);
    root["document_metadata"] = json{{"title", doc.metadata.title},
                                     {"created_by", doc.metadata.created_by},
                                     {"created_at", doc.metadata.created_at},
                                     {"modified_at", doc.metadata.modified_at}};
    if (!doc.conflicts.empty()) {
        json conflicts = json::array();
        for (const merge_conflict& c : doc.conflicts) conflicts.push_back(conflict_json(c));
        root["merge_conflicts"] = std::move(conflicts);
    }
    if (!doc.comments.empty()) {
        json comments = json::array();
        for (const comment& c : doc.comments) comments.push_back(comment_json(c));
        root["bpmap_comments"] = std::move(comments);
    }
    add_extensions(root, doc.extensions);
    return root;
}

bool holds_raw(const json& v) {
    if (v.is_binary()) return true;
    if (!v.is_structured()) return false;
    for (const json& item : v)
        if (holds_raw(item)) return true;
    return false;
}

// v as nlohmann dumps it with two spaces per level, but each extension's JSON text as it is, at
// indent spaces. Only the objects that hold extensions are written here, member by member; the
// rest are nlohmann's, indented to their place.
void write_pretty(std::string& out, const json& v, std::size_t indent) {
    if (v.is_binary()) {
        out.append(v.get_binary().begin(), v.get_binary().end());
        return;
    }
    if (!holds_raw(v)) {
        // Invalid UTF-8 cannot enter the model through the readers; replace rather than throw if it ever does.
        const std::string text = v.dump(2, ' ', false, json::error_handler_t::replace);
        // JSON strings escape their line ends: every one in the text is between two values.
        std::size_t from = 0;
        for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', from)) {
            out.append(text, from, end + 1 - from);
            out.append(indent, ' ');
            from = end + 1;
        }
        out.append(text, from, std::string::npos);
        return;
    }
    const bool object = v.is_object();
    out += object ? "{\n" : "[\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        out.append(indent + 2, ' ');
        if (object) {
            write_pretty(out, json(it.key()), 0);
            out += ": ";
        }
        write_pretty(out, it.value(), indent + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += object ? '}' : ']';
}

std::string dumped(const json& root) {
    // A map without extensions, most of them, is nlohmann's text as it is.
    if (!holds_raw(root)) return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
    std::string out;
    write_pretty(out, root, 0);
    out += '\n';
    return out;
}

}  // namespace

std::string write_json(const document& doc) { return dumped(*document_tree(doc, {})); }

result<document> load_json(const std::string& path, const progress_fn& progress) {
    auto bytes = read_file(path, max_document_bytes);
    if (!bytes) return result<document>::failure_of(bytes);
    return read_json(*bytes.value, progress);
}

result<> save_json(const document& doc, const std::string& path, const progress_fn& progress) {
    // Building the tree is about three quarters of the work (1,000 personas: 140 ms of 190 ms),
    // writing it out the rest.
    const std::optional<json> root = document_tree(doc, progress_part(progress, 0, 750));
    if (!root) return result<>::cancelled();
    std::string text = dumped(*root);
    if (!keep_going(progress, 1000, 1000)) return result<>::cancelled();
    return write_file_atomic(path, text);
}

}  // namespace bpm
