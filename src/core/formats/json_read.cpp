// read_json: the spec's JSON, and what people and other programs write that is nearly it, read as
// it is parsed into a map, with every problem and assumption placed by its JSON path, line and column.
#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "bpm/bpm_file.h"
#include "bpm/forgiving.h"
#include "bpm/json_format.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "json_text.h"
#include "json_tree.h"
#include "read_notes.h"

namespace bpm {

namespace {

using namespace json_tree;

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

extension_place place_of(part p) {
    return p == part::root ? extension_place::document : p == part::persona ? extension_place::persona : extension_place::stage;
}

// Reads the parts of a JSON document into a document as the parse finishes each, noting every
// problem and assumption with its path and place: the metadata, and each persona, stage and item of
// a persona's lists, as it ends (so the tree never holds more than one), then the rest. The content
// is counted in the file's order, so "first passed here" is where the file passes the limit.
class json_reader final : public part_reader {
public:
    explicit json_reader(read_notes& notes) : notes_(notes) {}

    // The text is an array of mappings rather than an object holding one.
    void top_level_list() override { personas_path_ = "$"; }

    // A list of the persona or stage being read begins; one given again replaces the first, as a
    // repeated key does.
    void list_opened(part list, std::string_view key) override {
        if (list == part::stages) stages_.clear();
        if (list == part::details) {
            content_ -= details_bytes_;
            details_bytes_ = 0;
            details_.clear();
        }
        if (list == part::pain_list) {
            pain_texts_.clear();
            pain_items_.clear();
        }
        if (list == part::text_list)
            if (const auto f = stage_field_from_key(key)) joined_[static_cast<std::size_t>(*f)] = {};
        if (list == part::journey) journey_.clear();
        if (list == part::people) people_.clear();
        if (list == part::replies) replies_.clear();
    }

    // An item of a list has ended: a persona (its stages and other lists came before it), or an
    // item of a list of the persona or stage being read.
    void item(part what, const json& value, const read_part& at) override {
        const scope here(*this, at);
        if (what == part::persona) {
            persona p = read_persona(value, at.path);
            const bool fits = count(at.path, own_content_bytes(p));  // its extensions are counted as read
            p.extensions = extensions_[static_cast<std::size_t>(extension_place::persona)].take();
            if (fits && keeping()) doc_.personas.push_back(std::move(p));
            list_opened(part::stages, {});
            list_opened(part::details, {});
            list_opened(part::pain_list, {});
        } else if (what == part::stage) {
            // Its extensions, journey tasks and their people were counted as read.
            stage s = read_stage(value, at.path);
            const bool fits = count(at.path, content_bytes(s));
            s.extensions = extensions_[static_cast<std::size_t>(extension_place::stage)].take();
            if (fits && keeping()) {
                s.journey = std::move(journey_);
                stages_.push_back(std::move(s));
            }
            joined_ = {};
            list_opened(part::journey, {});
        } else if (what == part::journey_task) {
            read_journey_task(value, at.path);
            list_opened(part::people, {});
        } else if (what == part::person) {
            // A person of the task being read: counted as it comes, so that however many a file
            // lists, no more are kept than the map can hold.
            if (!value.is_string()) {
                problem(at.path, format(_("expected a string, found {1}"), type_name(value)));
                return;
            }
            std::string person = checked_text(value, at.path);
            if (count(at.path, journey_person_content_bytes(person)) && keeping()) people_.push_back(std::move(person));
        } else if (what == part::conflict) {
            read_conflict(value, at.path);
        } else if (what == part::reply) {
            read_reply(value, at.path);
        } else if (what == part::comment) {
            read_comment(value, at);
            list_opened(part::replies, {});
        } else if (what == part::detail) {
            read_detail(value, at.path);
        } else if (what == part::pain_item) {
            read_pain_item(value, at.path);
        } else if (what == part::text_item) {
            read_text_item(value, at.path, at.list_key);
        }
    }

    // The document's metadata has ended; given twice, the second replaces the first.
    void metadata(const json& value, const read_part& at) override {
        const scope here(*this, at);
        document_metadata& m = doc_.metadata;
        if (metadata_read_) content_ -= content_bytes(m);
        metadata_read_ = true;
        m.title = string_field(value, "title", at.path);
        m.created_by = string_field(value, "created_by", at.path);
        m.created_at = timestamp_field(value, "created_at", at.path);
        m.modified_at = timestamp_field(value, "modified_at", at.path);
        count(at.path, content_bytes(m));
    }

    // A member of the root, a persona or a stage that the reader does not read, with raw, its
    // value's JSON text; kept as an extension of owner.
    void unread_member(part owner, const std::string& owner_path, std::string key, std::size_t key_offset,
                       std::string_view raw) override {
        // Its path, made only for a message: a map may keep a million of them, unlisted.
        const auto path = [&owner_path](const std::string& k) { return owner_path + "." + one_line_excerpt(k, 80); };
        if (key.size() > max_field_bytes) {
            notes_.problem(path(key) + ": " + format(_("a key of {1} bytes, more than the {2} MB limit for one field"),
                                                std::to_string(key.size()), std::to_string(max_field_bytes >> 20)),
                           key_offset);
            return;
        }
        if (const auto bad = refused_character(key)) {
            notes_.problem(path(key) + ": " + *bad, key_offset);
            return;
        }
        std::optional<std::string> compact = compact_json_text(raw, max_field_bytes);
        if (!compact) {
            notes_.problem(path(key) + ": " + format(_("more than {1} MB of JSON, the limit for one field"),
                                                std::to_string(max_field_bytes >> 20)),
                           key_offset);
            return;
        }
        extension e{std::move(key), std::move(*compact)};
        const extension_place place = place_of(owner);
        if (!count_made([&] { return path(e.key); }, key_offset, content_bytes(e, place)) || !keeping()) return;
        const auto added = extensions_[static_cast<std::size_t>(place)].add(std::move(e), key_offset);
        if (added.first != nowhere)
            given_twice(owner_path, one_line_excerpt(added.key, 80), key_offset, added.first);
        else
            notes_.warning_made(key_offset, [&] {
                // TRANSLATORS: said of a JSON member the map has no field for, which is kept so that it is
                // written back when the map is saved as JSON
                return path(added.key) + ": " + _("kept, not used");
            });
    }

    // A member given twice in an object at path: the second, at offset, is what counts.
    void given_twice(const std::string& path, std::string key, std::size_t offset, std::size_t first) override {
        notes_.warning(offset, first, [path, key](std::size_t line, std::size_t column) {
            // TRANSLATORS: {1} is a JSON key; {2} where it was first given, as LINE:COLUMN
            return path + ": " + format(_("\"{1}\" is given twice (first at {2}); the value given last is kept"), key,
                                        std::to_string(line) + ":" + std::to_string(column));
        });
    }

    // The document, once the whole text is parsed: root holds what is not a list item.
    result<document> finish(const json& root, std::size_t root_start, const member_marks& root_marks) {
        static const std::string root_path = "$";
        const read_part whole{root_path, root_start, root_marks, {}};
        const scope here(*this, whole);
        if (personas_path_ == "$") return done();
        if (!root.is_object()) {
            problem("$", format(_("expected an object with \"buying_process_mappings\", or an array of mappings, found {1}"),
                                type_name(root)));
            return done();
        }
        const auto list = root.find("buying_process_mappings");
        if (list == root.end()) {
            problem("$", _("missing \"buying_process_mappings\": this is not a buying process JSON file"));
            return done();
        }
        if (!list->is_array()) {
            problem("$.buying_process_mappings", format(_("expected an array, found {1}"), type_name(*list)));
            return done();
        }
        if (const auto meta = root.find("document_metadata"); meta != root.end() && !meta->is_null())
            expect_object(*meta, metadata_path);
        // Their items were read as they came; anything but a list holds none.
        for (const char* key : {"merge_conflicts", "bpmap_comments"})
            if (const auto list = root.find(key); list != root.end() && !list->is_null() && !list->is_array())
                problem(std::string("$.") + key, format(_("expected an array, found {1}"), type_name(*list)));
        return done();
    }

private:
    // What locates the problems of the part being read: its path, where it starts, and its members.
    class scope {
    public:
        scope(json_reader& r, const read_part& at) : r_(r), was_(r.at_) { r.at_ = &at; }
        ~scope() { r_.at_ = was_; }
        scope(const scope&) = delete;
        scope& operator=(const scope&) = delete;

    private:
        json_reader& r_;
        const read_part* was_;
    };

    result<document> done() {
        // The metadata's framing is written even when the file has none.
        if (!metadata_read_) count(metadata_path, content_bytes(doc_.metadata));
        if (!notes_.any_problem()) {
            doc_.extensions = extensions_[static_cast<std::size_t>(extension_place::document)].take();
            assign_missing_ids(doc_);
            if (!doc_.comments.empty()) check_comment_places();
        }
        if (!over_path_.empty()) notes_.problem(over_path_ + ": " + content_limit_message(content_), over_offset_);
        return notes_.finish(std::move(doc_));
    }

    // The place of a path within the part being read: the part's start, a member's key, or
    // nowhere for a path outside it.
    std::size_t locate(const std::string& path) const {
        if (!at_ || path.compare(0, at_->path.size(), at_->path) != 0) return nowhere;
        if (path.size() == at_->path.size()) return at_->offset;
        if (path[at_->path.size()] != '.') return nowhere;
        std::string_view name(path);
        name.remove_prefix(at_->path.size() + 1);
        if (const std::size_t offset = offset_in(at_->marks, name); offset != nowhere) return offset;
        // A path into a member, "buying_stages[3]": the member's key.
        return offset_in(at_->marks, name.substr(0, name.find('[')));
    }

    void problem(const std::string& path, const std::string& message) {
        notes_.problem(path + ": " + message, locate(path));
    }
    void warning(const std::string& path, const std::string& message) {
        notes_.warning(path + ": " + message, locate(path));
    }

    // Whether what is read is kept: after a problem no document comes back, so the rest is read
    // for its problems only, and a flood of them takes no memory.
    bool keeping() const { return !notes_.any_problem(); }

    std::string persona_path(std::size_t i) const { return personas_path_ + "[" + std::to_string(i) + "]"; }

    // Adds the content_bytes of a part just read, at its path; false, noting the path, once the
    // map is over max_content_bytes. Past that nothing more is kept, so however long the file, the
    // document in memory stays within the limit.
    bool count(const std::string& path, std::size_t bytes) { return count_at(path, locate(path), bytes); }

    bool count_at(const std::string& path, std::size_t offset, std::size_t bytes) {
        return count_made([&] { return path; }, offset, bytes);
    }

    // count_at, with the path made by path() only when the count passes the limit.
    template <class Path>
    bool count_made(Path&& path, std::size_t offset, std::size_t bytes) {
        content_ += bytes;
        if (content_ <= max_content_bytes) return true;
        if (over_path_.empty()) {
            over_path_ = path();
            over_offset_ = offset;
        }
        return false;
    }

    bool expect_object(const json& v, const std::string& path) {
        if (v.is_object()) return true;
        problem(path, format(_("expected an object, found {1}"), type_name(v)));
        return false;
    }

    // Why text cannot be kept: a character XML does not allow, which a .bpm file could not hold
    // (so it would be lost on the first save); nothing when it can.
    static std::optional<std::string> refused_character(std::string_view s) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (const std::size_t bytes = xml_invalid_char_bytes(s, i); bytes != 0) {
                const unsigned cp = bytes == 1 ? static_cast<unsigned char>(s[i]) : s[i + 2] == '\xBE' ? 0xFFFE : 0xFFFF;
                char code[8];
                std::snprintf(code, sizeof code, "%04X", cp);
                // TRANSLATORS: {1} is a character's code, such as 000C; maps are saved as .bpm files, which are XML
                return format(_("the character U+{1} cannot be kept: a map is saved as XML, which does not allow it"),
                              code);
            }
        }
        return std::nullopt;
    }

    // A string of at most limit bytes at path that a map can hold; a problem and "" otherwise.
    std::string checked_text(const json& v, const std::string& path, std::size_t limit = max_field_bytes) {
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() > limit) {
            field_too_big(path, s.size());
            return {};
        }
        if (const auto bad = refused_character(s)) {
            problem(path, *bad);
            return {};
        }
        return s;
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
        return checked_text(*it, member, limit);
    }

    void field_too_big(const std::string& path, std::size_t bytes) {
        problem(path, format(_("{1} bytes of text, more than the {2} MB limit for one field"), std::to_string(bytes),
                             std::to_string(max_field_bytes >> 20)));
    }

    // Says what reading a timestamp, shown as the file has it, assumed.
    void tell_assumption(const std::string& path, const std::string& shown, const timestamp_reading& t) {
        switch (t.assumed) {
            case timestamp_assumption::none:
                // TRANSLATORS: {1} is a timestamp as a file has it, {2} the same instant in ISO 8601
                warning(path, format(_("{1} read as {2}"), shown, t.iso));
                break;
            case timestamp_assumption::utc:
                warning(path, format(_("{1} has no time zone: read as UTC, {2}"), shown, t.iso));
                break;
            case timestamp_assumption::midnight_utc:
                warning(path, format(_("{1} is a date without a time: read as midnight UTC, {2}"), shown, t.iso));
                break;
            case timestamp_assumption::epoch_seconds:
                warning(path, format(_("{1} read as seconds since 1970 in UTC: {2}"), shown, t.iso));
                break;
            case timestamp_assumption::epoch_milliseconds:
                warning(path, format(_("{1} read as milliseconds since 1970 in UTC: {2}"), shown, t.iso));
                break;
        }
    }

    // A timestamp member as the model keeps it: ISO 8601 as given, or another way of writing one
    // (forgiving_timestamp) or a number since 1970, normalised with a warning that says how.
    std::string timestamp_field(const json& obj, const char* key, const std::string& path) {
        const auto it = obj.find(key);
        const std::string member = path + "." + key;
        if (it != obj.end() && it->is_number()) {
            const std::string shown = it->dump();
            if (const auto t = timestamp_from_epoch(it->get<double>())) {
                tell_assumption(member, shown, *t);
                return t->iso;
            }
            problem(member, format(_("{1} is not a time: a number is read as seconds since 1970 (from 100000000, in "
                                     "1973) or milliseconds (from 100000000000)"),
                                   shown));
            return {};
        }
        const std::string t = string_field(obj, key, path);
        if (t.empty()) return t;
        const std::string shown = "\"" + one_line_excerpt(t, 60) + "\"";
        if (const auto read = forgiving_timestamp(t)) {
            if (read->iso != t) tell_assumption(member, shown, *read);
            return read->iso;
        }
        problem(member, format(_("{1} is not an ISO 8601 date and time such as 2026-11-21T09:30:00Z"), shown));
        return {};
    }

    std::string id_field(const json& obj, const char* key, const std::string& path,
                         std::map<std::string, std::string>& used) {
        std::string id = string_field(obj, key, path);
        if (id.empty()) return id;
        const std::string member = path + "." + key;
        if (!is_valid_id(id)) {
            problem(member, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"),
                                   one_line_excerpt(id, 60)));
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
                    problem(path + ".summary_source",
                            format(_("\"{1}\" is not one of template, ai"), one_line_excerpt(src, 60)));
            }
            s.generated_at = timestamp_field(j, "summary_generated_at", path);
            p.summary = std::move(s);
        }
        if (j.contains("status") && !j["status"].is_null()) {
            const std::string st = string_field(j, "status", path);
            if (const auto k = forgiving_status(st)) {
                p.status = k->status;
                if (k->guessed)
                    // TRANSLATORS: {1} is a word a file gives as a persona's status, {2} the status it is read as
                    warning(path + ".status", format(_("\"{1}\" read as {2}"), one_line_excerpt(st, 60),
                                                     std::string(persona_status_key(k->status))));
            } else if (j["status"].is_string()) {
                problem(path + ".status",
                        format(_("\"{1}\" is not one of in_progress, completed"), one_line_excerpt(st, 60)));
            }
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
    // and keeps points exactly, those that contain ";" too. When an older tool edited only the
    // string, the string wins and categories are matched by text. The joined string is no field:
    // each point in it is one, so only they are held to max_field_bytes. Given as an array, its
    // items are the points, and those without a category take the one their text has in the
    // details. The details were counted as read; the points the persona keeps are counted instead.
    void read_pain_points(const json& j, const std::string& path, persona& p) {
        content_ -= details_bytes_;
        details_bytes_ = 0;
        const auto given = j.find("persona_pain_points");
        const bool as_array = given != j.end() && given->is_array();
        const std::string joined = as_array ? std::string() : string_field(j, "persona_pain_points", path, max_document_bytes);
        const auto d = j.find("persona_pain_point_details");
        if (d != j.end() && !d->is_null() && !d->is_array())
            problem(path + ".persona_pain_point_details", format(_("expected an array, found {1}"), type_name(*d)));
        std::vector<pain_point> details(std::make_move_iterator(details_.begin()), std::make_move_iterator(details_.end()));
        persona with_details;
        with_details.pain_points = std::move(details);
        if (!as_array && d != j.end() && with_details.pain_points_text() == joined) {
            p.pain_points = std::move(with_details.pain_points);
            return;
        }
        std::unordered_map<std::string_view, pain_category> category_of;
        for (const pain_point& known : with_details.pain_points)
            if (!known.text.empty()) category_of.emplace(known.text, known.category);
        if (as_array) p.pain_points.assign(std::make_move_iterator(pain_items_.begin()), std::make_move_iterator(pain_items_.end()));
        else p.pain_points = split_pain_points(joined);
        for (pain_point& pp : p.pain_points) {
            if (pp.text.size() > max_field_bytes) field_too_big(path + ".persona_pain_points", pp.text.size());
            if (pp.category != pain_category::none) continue;
            if (const auto known = category_of.find(pp.text); known != category_of.end()) pp.category = known->second;
        }
    }

    // The category a pain point's object gives, any case; a problem when it is none of them.
    pain_category category_field(const json& j, const std::string& path) {
        std::string cat = string_field(j, "category", path);
        for (char& c : cat)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (const auto c = pain_category_from_key(cat)) return *c;
        problem(path + ".category", format(_("\"{1}\" is not one of financial, productivity, process, support, other"),
                                           one_line_excerpt(cat, 60)));
        return pain_category::none;
    }

    // A pain point detail of the persona being read, kept as it is, counted as a pain point until
    // the persona's points are known, so that however many a file gives, they stay within the
    // limit of what a map may hold.
    void read_detail(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        pain_point pp;
        pp.text = string_field(j, "text", path);
        const std::string cat = string_field(j, "category", path);
        if (const auto c = pain_category_from_key(cat)) pp.category = *c;
        else
            problem(path + ".category", format(_("\"{1}\" is not one of financial, productivity, process, support, other"),
                                               one_line_excerpt(cat, 60)));
        const std::size_t bytes = content_bytes(pp);
        if (!count(path, bytes) || !keeping()) return;
        details_bytes_ += bytes;
        details_.push_back(std::move(pp));
    }

    // An item of persona_pain_points given as an array: a text, or an object with "text" and
    // "category"; trimmed, as the points of the joined string are, and kept unless empty. A text
    // given again is kept once, with a warning.
    void read_pain_item(const json& j, const std::string& path) {
        pain_point pp;
        if (j.is_null()) return;
        if (j.is_string()) {
            pp.text = checked_text(j, path);
        } else if (j.is_object()) {
            pp.text = string_field(j, "text", path);
            pp.category = category_field(j, path);
        } else {
            problem(path, format(_("expected a string or an object with \"text\", found {1}"), type_name(j)));
            return;
        }
        pp.text = std::string(trim(pp.text));
        if (pp.text.empty() || !keeping()) return;
        if (pain_texts_.count(pp.text)) {
            warning(path, format(_("\"{1}\" is given twice: kept once"), one_line_excerpt(pp.text, 60)));
            return;
        }
        pain_items_.push_back(std::move(pp));
        pain_texts_.insert(pain_items_.back().text);
    }

    // An item of a stage field given as an array: a text added to the field, after the separator
    // the field's items are joined with. Empty texts and nulls add nothing.
    void read_text_item(const json& j, const std::string& path, std::string_view key) {
        if (j.is_null()) return;
        if (!j.is_string()) {
            problem(path, format(_("expected a string, found {1}"), type_name(j)));
            return;
        }
        const std::string text = checked_text(j, path);
        const auto f = stage_field_from_key(key);
        if (text.empty() || !f) return;
        joined_text& field = joined_[static_cast<std::size_t>(*f)];
        const std::string_view separator = list_separator(*f);
        const std::size_t size = field.text.size() + (field.items ? separator.size() : 0) + text.size();
        if (size > max_field_bytes) {
            // Said of the field, at the item that takes it past the limit.
            if (!field.over)
                notes_.problem(path.substr(0, path.rfind('[')) + ": " +
                                   format(_("{1} bytes of text, more than the {2} MB limit for one field"),
                                          std::to_string(size), std::to_string(max_field_bytes >> 20)),
                               locate(path));
            field.over = true;
            return;
        }
        if (field.items++) field.text += separator;
        field.text += text;
    }

    stage read_stage(const json& j, const std::string& path) {
        stage s;
        if (!expect_object(j, path)) return s;
        for (stage_field f : all_stage_fields) {
            const std::string key(stage_field_key(f));
            const auto it = j.find(key);
            const std::string_view separator = list_separator(f);
            if (it == j.end() || !it->is_array() || separator.empty()) {
                s.field(f) = string_field(j, key.c_str(), path);
                continue;
            }
            joined_text& field = joined_[static_cast<std::size_t>(f)];
            if (field.items > 1)
                // TRANSLATORS: {1} is a number of texts, {2} what they are joined with, such as "; "
                warning(path + "." + key, format(_("{1} texts given as a list: joined with \"{2}\""),
                                                 std::to_string(field.items), std::string(separator)));
            s.field(f) = std::move(field.text);
        }
        s.id = id_field(j, "stage_id", path, stage_ids_);
        if (const auto tasks = j.find("journey_tasks"); tasks != j.end() && !tasks->is_null() && !tasks->is_array())
            problem(path + ".journey_tasks", format(_("expected an array, found {1}"), type_name(*tasks)));
        return s;
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

    // A conflict a merge recorded; its ids need not name a persona or stage the map has.
    void read_conflict(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        merge_conflict c;
        for (auto [key, id] : {std::pair{"persona_id", &c.persona_id}, std::pair{"stage_id", &c.stage_id},
                               std::pair{"comment_id", &c.comment_id}}) {
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

    // A reply of the comment being read, counted as it comes.
    void read_reply(const json& j, const std::string& path) {
        if (!expect_object(j, path)) return;
        comment_reply r;
        r.id = id_field(j, "id", path, comment_ids_);
        r.author = string_field(j, "author", path);
        r.created_at = timestamp_field(j, "created_at", path);
        r.text = string_field(j, "text", path);
        if (const std::string why = reply_shape_problem(r); !why.empty()) problem(path, why);
        if (count(path, content_bytes(r)) && keeping()) replies_.push_back(std::move(r));
    }

    // A comment, with the replies read before it ends; its persona and stage need not be in the map
    // (check_comment_places warns).
    void read_comment(const json& j, const read_part& at) {
        const std::string& path = at.path;
        if (!expect_object(j, path)) return;
        comment c;
        c.id = id_field(j, "id", path, comment_ids_);
        for (auto [key, id] : {std::pair{"persona_id", &c.persona_id}, std::pair{"stage_id", &c.stage_id}}) {
            *id = string_field(j, key, path);
            if (!id->empty() && !is_valid_id(*id))
                problem(path + "." + key, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"),
                                                 one_line_excerpt(*id, 60)));
        }
        c.field = string_field(j, "field", path);
        c.author = string_field(j, "author", path);
        c.created_at = timestamp_field(j, "created_at", path);
        c.text = string_field(j, "text", path);
        if (const auto r = j.find("resolved"); r != j.end() && !r->is_null()) {
            if (r->is_boolean()) c.resolved = r->get<bool>();
            else problem(path + ".resolved", format(_("expected true or false, found {1}"), type_name(*r)));
        }
        if (const auto r = j.find("replies"); r != j.end() && !r->is_null() && !r->is_array())
            problem(path + ".replies", format(_("expected an array, found {1}"), type_name(*r)));
        if (const std::string why = comment_shape_problem(c); !why.empty()) problem(path, why);
        if (count(path, own_content_bytes(c)) && keeping()) {
            c.replies = std::move(replies_);
            doc_.comments.push_back(std::move(c));
            comment_places_.push_back({path, at.offset});
        }
    }

    // A comment about a persona or stage the map does not have is kept as it is, with a warning.
    void check_comment_places() {
        std::unordered_map<std::string_view, const persona*> personas;
        for (const persona& p : doc_.personas) personas.emplace(p.id, &p);
        for (std::size_t i = 0; i < doc_.comments.size(); ++i) {
            const comment& c = doc_.comments[i];
            const auto& [path, offset] = comment_places_[i];
            const auto p = personas.find(c.persona_id);
            if (p == personas.end())
                notes_.warning(path + ": " + format(_("a comment about persona \"{1}\", which the map does not have: kept "
                                                      "as it is"),
                                                    c.persona_id),
                               offset);
            else if (!c.stage_id.empty() && !p->second->stage_by_id(c.stage_id))
                notes_.warning(path + ": " + format(_("a comment about stage \"{1}\", which {2} does not have: kept as it is"),
                                                    c.stage_id,
                                                    trim(p->second->name).empty() ? "\"" + p->second->id + "\""
                                                                                  : one_line_excerpt(p->second->name, 60)),
                               offset);
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
                count_at(persona_path(i), nowhere, own_content_bytes(p) - before);
            }
            for (std::size_t k = 0; k < p.stages.size(); ++k) {
                stage& s = p.stages[k];
                if (!s.id.empty()) continue;
                const std::size_t before = content_bytes(s);
                s.id = "stage-" + std::to_string(next_stage++);
                count_at(persona_path(i) + ".buying_stages[" + std::to_string(k) + "]", nowhere,
                         content_bytes(s) - before);
            }
        }
        // A comment or reply without an id gets a random one, as the editor gives them.
        std::unordered_set<std::string> used;
        for (const comment& c : doc.comments) {
            used.insert(c.id);
            for (const comment_reply& r : c.replies) used.insert(r.id);
        }
        const auto fresh = [&used] {
            for (;;)
                if (std::string id = new_comment_id({}); used.insert(id).second) return id;
        };
        for (std::size_t i = 0; i < doc.comments.size(); ++i) {
            comment& c = doc.comments[i];
            const std::string path = "$.bpmap_comments[" + std::to_string(i) + "]";
            if (c.id.empty()) {
                const std::size_t before = content_bytes(c);
                c.id = fresh();
                count_at(path, nowhere, content_bytes(c) - before);
            }
            for (comment_reply& r : c.replies)
                if (r.id.empty()) {
                    const std::size_t before = content_bytes(r);
                    r.id = fresh();
                    count_at(path, nowhere, content_bytes(r) - before);
                }
        }
    }

    // The text of a stage field given as an array, as its items are read.
    struct joined_text {
        std::string text;
        std::size_t items = 0;
        bool over = false;  // past max_field_bytes, said once
    };

    static constexpr const char* metadata_path = "$.document_metadata";

    read_notes& notes_;
    const read_part* at_ = nullptr;  // the part being read
    std::string personas_path_ = "$.buying_process_mappings";
    document doc_;
    bool metadata_read_ = false;
    std::vector<stage> stages_;        // of the persona being read
    std::vector<journey_task> journey_;  // of the stage being read
    std::vector<std::string> people_;    // of the journey task being read
    std::vector<comment_reply> replies_;  // of the comment being read
    std::vector<std::pair<std::string, std::size_t>> comment_places_;  // each comment kept: its path and offset
    std::map<std::string, std::string> comment_ids_;  // of comments and replies
    std::vector<pain_point> details_;  // of the persona being read
    std::size_t details_bytes_ = 0;    // their content_bytes, counted until the points are known
    std::deque<pain_point> pain_items_;  // persona_pain_points of the persona being read, without
                                         // repeats; a deque, so the texts pain_texts_ looks at never move
    std::unordered_set<std::string_view> pain_texts_;
    std::array<joined_text, all_stage_fields.size()> joined_{};  // of the stage being read
    std::array<extension_list, 3> extensions_;  // of the document, the persona and the stage being read
    std::map<std::string, std::string> persona_ids_;
    std::map<std::string, std::string> stage_ids_;
    std::size_t content_ = framing_content_bytes();  // content_bytes of what was read so far
    std::string over_path_;                          // where content_ first passed max_content_bytes
    std::size_t over_offset_ = nowhere;
};

// Where the parser is in the text: an iterator over it that tells where it is, and tells progress
// every 64 KiB read.
class counted_input {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    // What the iterators share: the text, where the parser is, the progress, and whether it cancelled.
    struct reading {
        std::string_view text;
        progress_fn progress;
        const char* at;
        const char* next_stop;
        bool cancelled = false;
    };
    static constexpr std::size_t stride = 64 * 1024;

    counted_input(const char* at, reading* r) : at_(at), reading_(r) {}
    reference operator*() const { return *at_; }
    counted_input& operator++() {
        reading_->at = ++at_;
        if (at_ == reading_->next_stop) tell();
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

bool is_map_json_key(extension_place place, std::string_view key) {
    const part object = place == extension_place::document ? part::root
                        : place == extension_place::persona ? part::persona
                                                            : part::stage;
    return member_part(object, key) != part::unused;
}

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
    counted_input::reading reading{text, progress, text.data(), nullptr};
    reading.next_stop = text.data() + std::min(counted_input::stride, text.size());
    json root;
    read_notes notes(text);
    json_reader reader(notes);
    map_tree_builder sax(root, text, reading.at, reader, notes, reading.cancelled);
    const bool parsed = json::sax_parse(counted_input(text.data(), &reading),
                                        counted_input(text.data() + text.size(), &reading), &sax);
    if (reading.cancelled) return result<document>::cancelled();
    if (!parsed || sax.failed_at) {
        const auto [line, column] = line_column(text, sax.failed_at.value_or(0));
        return result<document>::failure(diagnostic{format(_("not valid JSON: {1}"), sax.message), line, column});
    }
    return reader.finish(root, sax.root_start(), sax.root_marks());
}

}  // namespace bpm
