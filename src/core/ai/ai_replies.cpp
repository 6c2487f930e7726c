#include "bpm/ai_replies.h"

#include <nlohmann/json.hpp>

#include "bpm/api_key_mask.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

using json = nlohmann::json;

std::string type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::object: return _("an object");
        case json::value_t::array: return _("a list");
        case json::value_t::string: return _("text");
        case json::value_t::boolean: return _("true or false");
        case json::value_t::null: return _("null");
        default: return _("a number");
    }
}

// Collects the first problem of an answer, so the model is told one clear thing to fix, and
// masks the API key in each text it takes.
struct checker {
    std::string_view api_key;
    std::string problem;

    void fail(std::string why) {
        if (problem.empty()) problem = std::move(why);
    }

    // The text at obj[key] (at path, for messages): trimmed, "" when absent or null.
    std::string text(const json& obj, const std::string& key, const std::string& path, std::size_t max_chars) {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return {};
        if (!it->is_string()) {
            fail(format(_("\"{1}\" must be text, not {2}"), path, type_name(*it)));
            return {};
        }
        // Masked as decoded: the key masked in the answer may come back from a JSON escape
        // ("\u0073k-...") or a control character dropped here.
        std::string clean = mask_api_key(strip_xml_invalid_chars(trim(it->get_ref<const std::string&>())), api_key);
        if (code_point_count(clean) > max_chars) {
            fail(format(_("\"{1}\" is longer than {2} characters"), path, std::to_string(max_chars)));
            return {};
        }
        return clean;
    }

    std::string required_text(const json& obj, const std::string& key, const std::string& path, std::size_t max_chars) {
        std::string t = text(obj, key, path, max_chars);
        if (t.empty()) fail(format(_("\"{1}\" is missing or empty"), path));
        return t;
    }

    // The member of obj at key, when it is of the wanted kind; nullptr when absent or null.
    const json* member(const json& obj, const std::string& key, json::value_t kind) {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        if (it->type() == kind) return &*it;
        fail(format(kind == json::value_t::array ? _("\"{1}\" must be a list, not {2}")
                                                 : _("\"{1}\" must be an object, not {2}"),
                    key, type_name(*it)));
        return nullptr;
    }
};

result<json> object_in(std::string_view reply) {
    if (!is_valid_utf8(reply)) return result<json>::failure({_("the answer is not valid UTF-8 text")});
    const std::string_view text = json_in_reply(reply);
    if (text.empty()) return result<json>::failure({_("the answer holds no JSON object")});
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return result<json>::failure({_("the answer is not a valid JSON object")});
    return result<json>::success(std::move(j));
}

std::string at(const char* list, std::size_t i, const char* key) {
    return std::string(list) + "[" + std::to_string(i) + "]." + key;
}

void read_pain_points(checker& c, const json& list, persona& p) {
    if (list.size() > max_ai_pain_points) {
        c.fail(format(_("\"pain_points\" lists {1} pain points; at most {2} are allowed"), std::to_string(list.size()),
                      std::to_string(max_ai_pain_points)));
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        if (!item.is_object()) {
            c.fail(format(_("\"{1}\" must be an object, not {2}"), "pain_points[" + std::to_string(i) + "]",
                          type_name(item)));
            return;
        }
        pain_point pp;
        pp.text = c.required_text(item, "text", at("pain_points", i, "text"), max_ai_field_chars);
        const std::string key = ascii_lower(c.text(item, "category", at("pain_points", i, "category"), 40));
        const auto category = pain_category_from_key(key);
        if (!category)
            c.fail(format(_("\"{1}\" is \"{2}\", not one of financial, productivity, process, support, other"),
                          at("pain_points", i, "category"), key));
        pp.category = category.value_or(pain_category::none);
        if (!c.problem.empty()) return;
        bool repeated = false;
        for (const pain_point& earlier : p.pain_points) repeated = repeated || earlier.text == pp.text;
        if (!repeated) p.pain_points.push_back(std::move(pp));
    }
}

void read_stages(checker& c, const json& list, persona& p) {
    if (list.size() > max_ai_stages) {
        c.fail(format(_("\"stages\" lists {1} stages; at most {2} are allowed"), std::to_string(list.size()),
                      std::to_string(max_ai_stages)));
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        if (!item.is_object()) {
            c.fail(format(_("\"{1}\" must be an object, not {2}"), "stages[" + std::to_string(i) + "]",
                          type_name(item)));
            return;
        }
        stage s;
        s.name = c.required_text(item, "name", at("stages", i, "name"), max_ai_name_chars);
        for (stage_field f : all_stage_fields) {
            if (f == stage_field::name) continue;
            const std::string key(stage_field_key(f));
            s.field(f) = c.text(item, key, at("stages", i, key.c_str()), max_ai_field_chars);
        }
        if (!c.problem.empty()) return;
        p.stages.push_back(std::move(s));
    }
}

}  // namespace

std::string_view json_in_reply(std::string_view reply) {
    const std::size_t open = reply.find('{');
    const std::size_t close = reply.rfind('}');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
    return reply.substr(open, close - open + 1);
}

result<stage_suggestion> suggestion_from_reply(std::string_view reply, std::string_view api_key) {
    const result<json> j = object_in(reply);
    if (!j) return result<stage_suggestion>::failure_of(j);
    checker c{api_key, {}};
    stage_suggestion s;
    s.seller_actions = c.required_text(*j.value, "seller_actions", "seller_actions", max_ai_field_chars);
    s.content_type = c.required_text(*j.value, "content_type", "content_type", max_ai_field_chars);
    s.key_message = c.required_text(*j.value, "key_message", "key_message", max_ai_field_chars);
    if (!c.problem.empty()) return result<stage_suggestion>::failure({c.problem});
    return result<stage_suggestion>::success(std::move(s));
}

result<persona> persona_from_reply(std::string_view reply, std::string_view api_key) {
    const result<json> parsed = object_in(reply);
    if (!parsed) return result<persona>::failure_of(parsed);
    const json& j = *parsed.value;
    checker c{api_key, {}};
    persona p;
    p.name = c.required_text(j, "name", "name", max_ai_name_chars);
    if (const json* profile = c.member(j, "profile", json::value_t::object)) {
        p.profile.role = c.text(*profile, "role", "profile.role", max_ai_field_chars);
        p.profile.organisation = c.text(*profile, "organisation", "profile.organisation", max_ai_field_chars);
        p.profile.segment = c.text(*profile, "segment", "profile.segment", max_ai_field_chars);
        p.profile.success_metric = c.text(*profile, "success_metric", "profile.success_metric", max_ai_field_chars);
    }
    if (const json* list = c.member(j, "pain_points", json::value_t::array)) read_pain_points(c, *list, p);
    if (const json* list = c.member(j, "stages", json::value_t::array)) read_stages(c, *list, p);
    if (!c.problem.empty()) return result<persona>::failure({c.problem});
    return result<persona>::success(std::move(p));
}

}  // namespace bpm
