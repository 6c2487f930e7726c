#include "bpm/json_format.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "bpm/bpm_file.h"
#include "bpm/file_io.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

using json = nlohmann::ordered_json;

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
    return j;
}

json conflict_json(const merge_conflict& c) {
    json j = json::object();
    if (!c.persona_id.empty()) j["persona_id"] = c.persona_id;
    if (!c.stage_id.empty()) j["stage_id"] = c.stage_id;
    if (c.pain_point) j["pain_point"] = *c.pain_point;
    if (!c.field.empty()) j["field"] = c.field;
    if (c.removed_by != conflict_side::none) j["removed_by"] = std::string(conflict_side_key(c.removed_by));
    if (c.removed_by == conflict_side::none || !c.base.empty() || !c.ours.empty() || !c.theirs.empty()) {
        j["base"] = c.base;
        j["ours"] = c.ours;
        j["theirs"] = c.theirs;
    }
    return j;
}

const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::binary: return "binary data";
        // What map_tree_builder holds for an array whose inside it does not keep.
        case json::value_t::discarded: return "an array";
        default: return "a number";
    }
}

// The parts of the spec's shape that json_reader reads; anything else is unused.
enum class part {
    root, metadata, personas, persona, profile, stages, stage, details, detail, journey, journey_task, people, person,
    conflicts, conflict, text, unused
};

bool one_of(std::string_view key, std::initializer_list<std::string_view> keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The part a member of an object is. Every key json_reader reads is here: one left out would be
// dropped before the reader sees it.
part member_part(part object, std::string_view key) {
    switch (object) {
        case part::root:
            return key == "buying_process_mappings" ? part::personas
                   : key == "document_metadata"     ? part::metadata
                   : key == "merge_conflicts"       ? part::conflicts
                                                    : part::unused;
        case part::metadata:
            return one_of(key, {"title", "created_by", "created_at", "modified_at"}) ? part::text : part::unused;
        case part::persona:
            if (key == "persona_profile") return part::profile;
            if (key == "buying_stages") return part::stages;
            if (key == "persona_pain_point_details") return part::details;
            return one_of(key, {"persona_id", "persona_name", "persona_pain_points", "ai_generated_summary",
                                "summary_source", "summary_generated_at", "status", "last_updated_at", "created_by"})
                       ? part::text
                       : part::unused;
        case part::profile:
            return one_of(key, {"role", "organisation", "segment", "success_metric"}) ? part::text : part::unused;
        case part::stage:
            if (key == "journey_tasks") return part::journey;
            return key == "stage_id" || stage_field_from_key(key) ? part::text : part::unused;
        case part::journey_task:
            if (key == "people") return part::people;
            return key == "text" || key == "score" ? part::text : part::unused;
        case part::detail: return one_of(key, {"text", "category"}) ? part::text : part::unused;
        case part::conflict:
            return one_of(key,
                          {"persona_id", "stage_id", "pain_point", "field", "removed_by", "base", "ours", "theirs"})
                       ? part::text
                       : part::unused;
        default: return part::unused;
    }
}

// The part an item of an array is.
part item_part(part array) {
    switch (array) {
        case part::personas: return part::persona;
        case part::stages: return part::stage;
        case part::details: return part::detail;
        case part::journey: return part::journey_task;
        case part::people: return part::person;
        case part::conflicts: return part::conflict;
        default: return part::unused;
    }
}

bool holds_members(part p) {
    return p == part::root || p == part::metadata || p == part::persona || p == part::profile || p == part::stage ||
           p == part::detail || p == part::journey_task || p == part::conflict;
}

// Reads the parts of a JSON document into a document as the parse finishes each, collecting
// every problem with its path: the metadata, and each persona, stage and pain point detail, as it
// ends (so the tree never holds more than one), then the rest. The content is counted in the
// file's order, so "first passed here" is where the file passes the limit.
class json_reader {
public:
    // A list of stages or pain point details of the persona being read begins; one given again
    // replaces the first, as a repeated key does.
    void list_opened(part list) {
        if (list == part::stages) {
            stages_.clear();
            stage_items_ = 0;
        }
        if (list == part::journey) {
            journey_.clear();
            task_items_ = 0;
        }
        if (list == part::people) people_.clear();
        if (list == part::details) {
            detail_texts_.clear();
            details_.clear();
        }
    }

    // An item of a list has ended: a persona (its stages and details came before it, its lists
    // of them hold nothing more), or a stage or pain point detail of the persona being read.
    void item(part what, std::size_t index, const json& value) {
        const std::string path = persona_path(personas_read_);
        if (what == part::persona) {
            ++personas_read_;
            persona p = read_persona(value, path);
            if (count(path, own_content_bytes(p)) && keeping()) doc_.personas.push_back(std::move(p));
            list_opened(part::stages);
            list_opened(part::details);
        } else if (what == part::stage) {
            ++stage_items_;
            const std::string stage_path = path + ".buying_stages[" + std::to_string(index) + "]";
            stage s = read_stage(value, stage_path);
            if (count(stage_path, content_bytes(s)) && keeping()) {
                s.journey = std::move(journey_);
                stages_.push_back(std::move(s));
            }
            list_opened(part::journey);
        } else if (what == part::journey_task) {
            ++task_items_;
            read_journey_task(value, task_path(path, index));
            list_opened(part::people);
        } else if (what == part::person) {
            // A person of the task being read: counted as it comes, so that however many a file
            // lists, no more are kept than the map can hold.
            const std::string person_path = task_path(path, task_items_) + ".people[" + std::to_string(index) + "]";
            if (!value.is_string()) {
                problem(person_path, format(_("expected a string, found {1}"), type_name(value)));
                return;
            }
            std::string person = string_value(value, person_path);
            if (count(person_path, journey_person_content_bytes(person)) && keeping())
                people_.push_back(std::move(person));
        } else if (what == part::detail) {
            read_detail(value, path + ".persona_pain_point_details[" + std::to_string(index) + "]");
        } else if (what == part::conflict) {
            read_conflict(value, "$.merge_conflicts[" + std::to_string(index) + "]");
        }
    }

    // The document's metadata has ended; given twice, the second replaces the first.
    void metadata(const json& value) {
        document_metadata& m = doc_.metadata;
        if (metadata_read_) content_ -= content_bytes(m);
        metadata_read_ = true;
        m.title = string_field(value, "title", metadata_path);
        m.created_by = string_field(value, "created_by", metadata_path);
        m.created_at = timestamp_field(value, "created_at", metadata_path);
        m.modified_at = timestamp_field(value, "modified_at", metadata_path);
        count(metadata_path, content_bytes(m));
    }

    // The document, once the whole text is parsed: root holds what is not a list item.
    result<document> finish(const json& root) {
        if (!root.is_object()) {
            problem("$", format(_("expected an object with \"buying_process_mappings\", found {1}"), type_name(root)));
            return fail();
        }
        const auto list = root.find("buying_process_mappings");
        if (list == root.end()) {
            problem("$", _("missing \"buying_process_mappings\": this is not a buying process JSON file"));
            return fail();
        }
        if (!list->is_array()) {
            problem("$.buying_process_mappings", format(_("expected an array, found {1}"), type_name(*list)));
            return fail();
        }
        if (const auto meta = root.find("document_metadata"); meta != root.end() && !meta->is_null())
            expect_object(*meta, metadata_path);
        // The metadata's framing is written even when the file has none.
        if (!metadata_read_) count(metadata_path, content_bytes(doc_.metadata));
        if (!over_path_.empty()) problem(over_path_, content_limit_message(content_));
        if (!problems_.empty()) return fail();
        assign_missing_ids(doc_);
        if (!over_path_.empty()) {
            problem(over_path_, content_limit_message(content_));
            return fail();
        }
        return result<document>::success(std::move(doc_));
    }

private:
    result<document> fail() { return failed_load(std::move(problems_), unlisted_); }

    // Past max_reported_problems problems are only counted, so a flood of them takes no memory.
    void problem(const std::string& path, const std::string& message) {
        if (problems_.size() < max_reported_problems) problems_.push_back({path + ": " + message});
        else ++unlisted_;
    }

    // Whether what is read is kept: after a problem no document comes back, so the rest is read
    // for its problems only, and a flood of them takes no memory.
    bool keeping() const { return problems_.empty(); }

    static std::string persona_path(std::size_t i) { return "$.buying_process_mappings[" + std::to_string(i) + "]"; }

    // Adds the content_bytes of a part just read, at its path; false, noting the path, once the
    // map is over max_content_bytes. Past that nothing more is kept, so however long the file, the
    // document in memory stays within the limit.
    bool count(const std::string& path, std::size_t bytes) {
        content_ += bytes;
        if (content_ <= max_content_bytes) return true;
        if (over_path_.empty()) over_path_ = path;
        return false;
    }

    bool expect_object(const json& v, const std::string& path) {
        if (v.is_object()) return true;
        problem(path, format(_("expected an object, found {1}"), type_name(v)));
        return false;
    }

    // A string member of at most limit bytes; missing and null read as empty.
    std::string string_field(const json& obj, const char* key, const std::string& path,
                             std::size_t limit = max_field_bytes) {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return {};
        const std::string member = path + "." + key;
        if (!it->is_string()) {
            problem(member, format(_("expected a string, found {1}"), type_name(*it)));
            return {};
        }
        return string_value(*it, member, limit);
    }

    // A string value at path, of at most limit bytes, that a .bpm file can hold.
    std::string string_value(const json& value, const std::string& member, std::size_t limit = max_field_bytes) {
        const auto& s = value.get_ref<const std::string&>();
        if (s.size() > limit) {
            field_too_big(member, s.size());
            return {};
        }
        // JSON can escape any character, XML not: one a .bpm file cannot hold would be lost on the
        // first save, so it is refused, as the .bpm reader refuses it.
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (const std::size_t bytes = xml_invalid_char_bytes(s, i); bytes != 0) {
                const unsigned cp = bytes == 1 ? static_cast<unsigned char>(s[i]) : s[i + 2] == '\xBE' ? 0xFFFE : 0xFFFF;
                char code[8];
                std::snprintf(code, sizeof code, "%04X", cp);
                // TRANSLATORS: {1} is a character's code, such as 000C; maps are saved as .bpm files, which are XML
                problem(member, format(_("the character U+{1} cannot be kept: a map is saved as XML, which does not "
                                         "allow it"),
                                       code));
                return {};
            }
        }
        return s;
    }

    void field_too_big(const std::string& path, std::size_t bytes) {
        problem(path, format(_("{1} bytes of text, more than the {2} MB limit for one field"), std::to_string(bytes),
                             std::to_string(max_field_bytes >> 20)));
    }

    std::string timestamp_field(const json& obj, const char* key, const std::string& path) {
        std::string t = string_field(obj, key, path);
        if (!t.empty() && !is_iso8601(t))
            problem(path + "." + key,
                    format(_("\"{1}\" is not an ISO 8601 date and time such as 2026-11-21T09:30:00Z"), t));
        return t;
    }

    std::string id_field(const json& obj, const char* key, const std::string& path,
                         std::map<std::string, std::string>& used) {
        std::string id = string_field(obj, key, path);
        if (id.empty()) return id;
        const std::string member = path + "." + key;
        if (!is_valid_id(id)) {
            problem(member, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"), id));
        } else if (const auto [it, inserted] = used.emplace(id, member); !inserted) {
            problem(member, format(_("duplicate id \"{1}\" (also at {2})"), id, it->second));
        }
        return id;
    }

    persona read_persona(const json& j, const std::string& path) {
        persona p;
        if (!expect_object(j, path)) return p;
        p.id = id_field(j, "persona_id", path, persona_ids_);
        if (!j.contains("persona_name")) problem(path, _("missing \"persona_name\""));
        p.name = string_field(j, "persona_name", path);
        read_pain_points(j, path, p);
        const std::string points = path + ".persona_pain_points";
        std::size_t kept = 0;
        for (const pain_point& pp : p.pain_points)
            if (count(points, content_bytes(pp))) ++kept;
        p.pain_points.resize(kept);
        if (const auto st = j.find("buying_stages"); st != j.end() && !st->is_null() && !st->is_array())
            problem(path + ".buying_stages", format(_("expected an array, found {1}"), type_name(*st)));
        p.stages = std::move(stages_);
        if (const auto sum = j.find("ai_generated_summary"); sum != j.end() && !sum->is_null()) {
            persona_summary s;
            s.text = string_field(j, "ai_generated_summary", path);
            // The spec's field name says "ai"; files from elsewhere that carry no source are taken at their word.
            s.source = summary_source::ai;
            if (j.contains("summary_source") && !j["summary_source"].is_null()) {
                const std::string src = string_field(j, "summary_source", path);
                if (const auto k = summary_source_from_key(src)) s.source = *k;
                else if (j["summary_source"].is_string())
                    problem(path + ".summary_source", format(_("\"{1}\" is not one of template, ai"), src));
            }
            s.generated_at = timestamp_field(j, "summary_generated_at", path);
            p.summary = std::move(s);
        }
        if (j.contains("status") && !j["status"].is_null()) {
            const std::string st = string_field(j, "status", path);
            if (const auto k = persona_status_from_key(st)) p.status = *k;
            else if (j["status"].is_string())
                problem(path + ".status", format(_("\"{1}\" is not one of in_progress, completed"), st));
        }
        p.last_updated_at = timestamp_field(j, "last_updated_at", path);
        p.created_by = string_field(j, "created_by", path);
        if (const auto pr = j.find("persona_profile"); pr != j.end() && !pr->is_null()) {
            const std::string pp = path + ".persona_profile";
            if (expect_object(*pr, pp)) {
                p.profile.role = string_field(*pr, "role", pp);
                p.profile.organisation = string_field(*pr, "organisation", pp);
                p.profile.segment = string_field(*pr, "segment", pp);
                p.profile.success_metric = string_field(*pr, "success_metric", pp);
            }
        }
        return p;
    }

    // The spec keeps pain points as one "; "-joined string; the details list adds categories
    // and keeps points that contain ";". When an older tool edited only the string, the string wins
    // and categories are matched by text. The joined string is no field: each point in it is one,
    // so only they are held to max_field_bytes.
    void read_pain_points(const json& j, const std::string& path, persona& p) {
        const std::string joined = string_field(j, "persona_pain_points", path, max_document_bytes);
        const auto d = j.find("persona_pain_point_details");
        if (d != j.end() && !d->is_null() && !d->is_array())
            problem(path + ".persona_pain_point_details", format(_("expected an array, found {1}"), type_name(*d)));
        std::vector<pain_point> details(std::make_move_iterator(details_.begin()), std::make_move_iterator(details_.end()));
        persona with_details;
        with_details.pain_points = std::move(details);
        if (d != j.end() && with_details.pain_points_text() == joined) {
            p.pain_points = std::move(with_details.pain_points);
            return;
        }
        std::unordered_map<std::string_view, pain_category> category_of;
        for (const pain_point& known : with_details.pain_points) category_of.emplace(known.text, known.category);
        p.pain_points = split_pain_points(joined);
        for (pain_point& pp : p.pain_points) {
            if (pp.text.size() > max_field_bytes) field_too_big(path + ".persona_pain_points", pp.text.size());
            if (const auto known = category_of.find(pp.text); known != category_of.end()) pp.category = known->second;
        }
    }

    // A pain point detail of the persona being read, kept unless empty or a repeat.
    void read_detail(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        pain_point pp;
        pp.text = string_field(j, "text", path);
        const std::string cat = string_field(j, "category", path);
        if (const auto c = pain_category_from_key(cat)) pp.category = *c;
        else
            problem(path + ".category",
                    format(_("\"{1}\" is not one of financial, productivity, process, support, other"), cat));
        if (pp.text.empty() || detail_texts_.count(pp.text) || !keeping()) return;
        details_.push_back(std::move(pp));
        detail_texts_.insert(details_.back().text);
    }

    // A conflict a merge recorded; its ids need not name a persona or stage the map has.
    void read_conflict(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        merge_conflict c;
        for (auto [key, id] : {std::pair{"persona_id", &c.persona_id}, std::pair{"stage_id", &c.stage_id}}) {
            *id = string_field(j, key, path);
            if (!id->empty() && !is_valid_id(*id))
                problem(path + "." + key,
                        format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"), *id));
        }
        if (const auto pp = j.find("pain_point"); pp != j.end() && !pp->is_null())
            c.pain_point = string_field(j, "pain_point", path);
        c.field = string_field(j, "field", path);
        const std::string side = string_field(j, "removed_by", path);
        if (const auto s = conflict_side_from_key(side)) c.removed_by = *s;
        else problem(path + ".removed_by", format(_("\"{1}\" is not one of ours, theirs"), side));
        c.base = string_field(j, "base", path);
        c.ours = string_field(j, "ours", path);
        c.theirs = string_field(j, "theirs", path);
        if (const std::string why = conflict_shape_problem(c); !why.empty()) problem(path, why);
        if (count(path, content_bytes(c)) && keeping()) doc_.conflicts.push_back(std::move(c));
    }

    stage read_stage(const json& j, const std::string& path) {
        stage s;
        if (!expect_object(j, path)) return s;
        for (stage_field f : all_stage_fields) s.field(f) = string_field(j, std::string(stage_field_key(f)).c_str(), path);
        s.id = id_field(j, "stage_id", path, stage_ids_);
        if (const auto tasks = j.find("journey_tasks"); tasks != j.end() && !tasks->is_null() && !tasks->is_array())
            problem(path + ".journey_tasks", format(_("expected an array, found {1}"), type_name(*tasks)));
        return s;
    }

    // The path of a journey task of the stage being read.
    std::string task_path(const std::string& persona, std::size_t index) const {
        return persona + ".buying_stages[" + std::to_string(stage_items_) + "].journey_tasks[" + std::to_string(index) +
               "]";
    }

    // A journey task of the stage being read, with the people read before it; kept while the
    // map is within its limit.
    void read_journey_task(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        journey_task t;
        if (!j.contains("text")) problem(path, _("missing \"text\""));
        t.text = string_field(j, "text", path);
        const auto score = j.find("score");
        if (score == j.end()) {
            problem(path, _("missing \"score\""));
        } else if (!score->is_number_integer() || score->get<long long>() < min_journey_score ||
                   score->get<long long>() > max_journey_score) {
            // TRANSLATORS: {1} is a JSON value; a journey task's score is Mermaid's, from 1 to 5
            problem(path + ".score", format(_("{1} is not a whole number from 1 to 5"),
                                            score->is_number() ? score->dump() : type_name(*score)));
        } else {
            t.score = score->get<int>();
        }
        if (const auto people = j.find("people"); people != j.end() && !people->is_null() && !people->is_array())
            problem(path + ".people", format(_("expected an array, found {1}"), type_name(*people)));
        if (count(path, content_bytes(t)) && keeping()) {
            t.people = std::move(people_);
            journey_.push_back(std::move(t));
        }
    }

    // Each missing id is the next after the highest in use, as new_persona_id and new_stage_id
    // give it, counted on from there: asking again for each would search the document each time.
    // The ids count towards the content, as the parts that get them were counted without.
    void assign_missing_ids(document& doc) {
        const auto number = [](const std::string& id) { return std::stoul(id.substr(id.rfind('-') + 1)); };
        unsigned long next_persona = number(doc.new_persona_id()), next_stage = number(doc.new_stage_id());
        for (std::size_t i = 0; i < doc.personas.size(); ++i) {
            persona& p = doc.personas[i];
            if (p.id.empty()) {
                const std::size_t before = own_content_bytes(p);
                p.id = "persona-" + std::to_string(next_persona++);
                count(persona_path(i), own_content_bytes(p) - before);
            }
            for (std::size_t k = 0; k < p.stages.size(); ++k) {
                stage& s = p.stages[k];
                if (!s.id.empty()) continue;
                const std::size_t before = content_bytes(s);
                s.id = "stage-" + std::to_string(next_stage++);
                count(persona_path(i) + ".buying_stages[" + std::to_string(k) + "]", content_bytes(s) - before);
            }
        }
    }

    static constexpr const char* metadata_path = "$.document_metadata";

    document doc_;
    bool metadata_read_ = false;
    std::size_t personas_read_ = 0;    // kept or not
    std::vector<stage> stages_;        // of the persona being read
    std::size_t stage_items_ = 0;      // of its list of stages, read so far, kept or not
    std::vector<journey_task> journey_;  // of the stage being read
    std::size_t task_items_ = 0;         // of its list of tasks, read so far, kept or not
    std::vector<std::string> people_;    // of the journey task being read
    std::deque<pain_point> details_;   // of the persona being read, without repeats; a deque, so
                                       // the texts detail_texts_ looks at never move
    std::unordered_set<std::string_view> detail_texts_;
    std::vector<diagnostic> problems_;
    std::size_t unlisted_ = 0;  // problems found past max_reported_problems
    std::map<std::string, std::string> persona_ids_;
    std::map<std::string, std::string> stage_ids_;
    std::size_t content_ = framing_content_bytes();  // content_bytes of what was read so far
    std::string over_path_;    // where content_ first passed max_content_bytes
};

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
    return root;
}

std::string dumped(const json& root) {
    // Invalid UTF-8 cannot enter the model through the readers; replace rather than throw if it ever does.
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string write_json(const document& doc) { return dumped(*document_tree(doc, {})); }

namespace {

// Builds the tree json_reader reads, and no more, so that memory follows what a map can hold
// rather than what a file can say: each item of the map's lists goes to the reader as it ends and
// is then let go; values under keys the reader does not read are parsed but not kept; an array or
// object where the reader expects something else is kept empty, as the reader names only its type
// (such an array as a discarded value, which allocates nothing); nesting past max_json_depth stops
// the parse. Keeps where and why a parse fails, for every kind of failure: json::parse throws a
// number too large for a double ("1e999") as out_of_range, with no position, and that escaped as
// an abort.
class map_tree_builder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    map_tree_builder(json& root, std::string_view text, json_reader& reader, const bool& cancelled)
        : root_(root), text_(text), reader_(reader), cancelled_(cancelled) {}

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(number_integer_t v) { return value(v); }
    bool number_unsigned(number_unsigned_t v) { return value(v); }
    bool number_float(number_float_t v, const string_t&) { return value(v); }
    bool string(string_t& v) { return value(std::move(v)); }
    bool binary(binary_t&) { return true; }  // JSON text has none
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    // Every object member starts with its key, and every list with its bracket: where the parse
    // stops once cancelled.
    bool key(string_t& name) {
        if (cancelled_) return false;
        if (skipping_from_ == 0) {
            next_ = member_part(open_.back().what, name);
            if (next_ != part::unused) member_ = &(*open_.back().value)[name];
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& e) {
        // A syntax error is reported at the byte after the problem; an out-of-range number after
        // the number: point at the problem, or the number, itself.
        const std::size_t back = e.id >= 400 && e.id < 500 ? last_token.size() : 1;
        failed_at = position >= back ? position - back : 0;
        message = e.what();
        return false;
    }

    std::optional<std::size_t> failed_at;
    std::string message;

private:
    struct open_value {
        json* value;
        part what;
        std::size_t items = 0;  // of a list: the items read so far
    };

    // Where the next value goes and which part it is; nullptr when it is not kept.
    std::pair<json*, part> slot() {
        if (open_.empty()) return {&root_, part::root};
        const open_value& parent = open_.back();
        if (parent.value->is_object()) {
            json* member = next_ == part::unused ? nullptr : member_;
            member_ = nullptr;
            return {member, next_};
        }
        const part item = item_part(parent.what);
        if (item == part::unused) return {nullptr, item};
        parent.value->push_back(nullptr);
        return {&parent.value->back(), item};
    }

    template <class T>
    bool value(T&& v) {
        if (skipping_from_ != 0) return true;
        const bool item = in_list();
        if (json* at = slot().first) *at = std::forward<T>(v);
        if (item) item_done();
        return true;
    }

    bool in_list() const { return !open_.empty() && open_.back().value->is_array(); }

    // The last item of the innermost list is complete: the reader takes it, and the list lets it go.
    void item_done() {
        open_value& list = open_.back();
        reader_.item(item_part(list.what), list.items++, list.value->back());
        list.value->get_ref<json::array_t&>().pop_back();
    }

    bool open(json::value_t type) {
        if (cancelled_) return false;
        if (++depth_ > max_json_depth) {
            failed_at = position_of_depth(max_json_depth + 1);
            message = format(_("nested more than {1} levels deep"), std::to_string(max_json_depth));
            return false;
        }
        if (skipping_from_ != 0) return true;
        skipped_item_ = in_list();
        const auto [at, what] = slot();
        const bool read_inside = holds_members(what) ? type == json::value_t::object
                                                     : item_part(what) != part::unused && type == json::value_t::array;
        if (at) *at = read_inside || type == json::value_t::object ? json(type) : json(json::value_t::discarded);
        if (at && read_inside) {
            open_.push_back({at, what});
            if (item_part(what) != part::unused) reader_.list_opened(what);
        } else {
            skipping_from_ = depth_;
        }
        return true;
    }

    bool close() {
        if (skipping_from_ == depth_) {
            skipping_from_ = 0;
            if (skipped_item_) item_done();
        } else if (skipping_from_ == 0) {
            const open_value closed = open_.back();
            open_.pop_back();
            if (closed.what == part::metadata) reader_.metadata(*closed.value);
            if (in_list()) item_done();
        }
        --depth_;
        return true;
    }

    // The offset of the bracket that opens the given level of nesting, read again from the text
    // (the parser tells no positions while it goes well).
    std::size_t position_of_depth(std::size_t level) const {
        std::size_t d = 0;
        bool in_string = false, escaped = false;
        for (std::size_t i = 0; i < text_.size(); ++i) {
            const char c = text_[i];
            if (in_string) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '[' || c == '{') {
                if (++d == level) return i;
            } else if (c == ']' || c == '}') {
                --d;
            }
        }
        return 0;
    }

    json& root_;
    std::string_view text_;
    std::vector<open_value> open_;  // the objects and arrays being read, innermost last
    json* member_ = nullptr;        // where the value of the key just read goes
    part next_ = part::unused;      // which part that value is
    std::size_t depth_ = 0;
    std::size_t skipping_from_ = 0;  // the depth of the array or object whose inside is not kept; 0: none
    bool skipped_item_ = false;      // that array or object is an item of a list
    json_reader& reader_;
    const bool& cancelled_;
};

// Where the parser is in the text: an iterator over it that tells progress every 64 KiB read.
class counted_input {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    // What the iterators share: the text, the progress, and whether it cancelled.
    struct reading {
        std::string_view text;
        progress_fn progress;
        const char* next_stop;
        bool cancelled = false;
    };
    static constexpr std::size_t stride = 64 * 1024;

    counted_input(const char* at, reading* r) : at_(at), reading_(r) {}
    reference operator*() const { return *at_; }
    counted_input& operator++() {
        if (++at_ == reading_->next_stop) tell();
        return *this;
    }
    counted_input operator++(int) {
        counted_input was = *this;
        ++*this;
        return was;
    }
    bool operator==(const counted_input& o) const { return at_ == o.at_; }
    bool operator!=(const counted_input& o) const { return at_ != o.at_; }

private:
    void tell() {
        const std::size_t done = static_cast<std::size_t>(at_ - reading_->text.data());
        reading_->cancelled = !keep_going(reading_->progress, done, reading_->text.size());
        reading_->next_stop = at_ + std::min(stride, reading_->text.size() - done);
    }

    const char* at_;
    reading* reading_;
};

}  // namespace

result<document> read_json(std::string_view text, const progress_fn& progress) {
    if (auto too_big = check_document_size(text.size())) return result<document>::failure(std::move(*too_big));
    // nlohmann finds bad UTF-8 only inside strings and points past it; check the whole text first,
    // with the same words as the .bpm reader.
    if (const std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
        const auto [line, column] = line_column(text, bad);
        return result<document>::failure(
            diagnostic{_("invalid UTF-8 byte sequence; the file must be saved as UTF-8"), line, column});
    }
    // The personas are read as they are parsed: the text read is the work done.
    counted_input::reading reading{text, progress, nullptr};
    reading.next_stop = text.data() + std::min(counted_input::stride, text.size());
    json root;
    json_reader reader;
    map_tree_builder sax(root, text, reader, reading.cancelled);
    const bool parsed = json::sax_parse(counted_input(text.data(), &reading),
                                        counted_input(text.data() + text.size(), &reading), &sax);
    if (reading.cancelled) return result<document>::cancelled();
    if (!parsed || sax.failed_at) {
        const auto [line, column] = line_column(text, sax.failed_at.value_or(0));
        std::string what = sax.message;
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: "
        // (or "[json.exception.out_of_range.406] ") prefix; our own position replaces it.
        if (const auto bracket = what.find("] "); what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
            what = what.substr(bracket + 2);
        if (what.rfind("parse error", 0) == 0)
            if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        // "...; last read: '<bytes>'" can end mid-character; the position says enough.
        if (const auto last = what.find("; last read:"); last != std::string::npos) what.resize(last);
        return result<document>::failure(diagnostic{format(_("not valid JSON: {1}"), what), line, column});
    }
    return reader.finish(root);
}

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
