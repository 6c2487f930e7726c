#include "bpm/merge_conflict.h"

#include <algorithm>
#include <initializer_list>

#include "bpm/model.h"
#include "bpm/tr.h"

namespace bpm {

namespace {

bool one_of(std::string_view key, std::initializer_list<std::string_view> keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Whether a merge records conflicts on this field of the place c is about.
bool is_conflict_field(const merge_conflict& c) {
    if (c.persona_id.empty()) return one_of(c.field, {"title", "created_by", "extensions"});
    if (!c.stage_id.empty())
        return stage_field_from_key(c.field).has_value() || c.field == "journey_tasks" || c.field == "extensions";
    if (c.pain_point) return c.field == "category";
    return one_of(c.field, {"name", "status", "created_by", "role", "organisation", "segment", "success_metric", "summary",
                            "extensions"});
}

}  // namespace

std::string_view conflict_side_key(conflict_side s) {
    switch (s) {
        case conflict_side::none: return "";
        case conflict_side::ours: return "ours";
        case conflict_side::theirs: return "theirs";
    }
    return "";
}

std::optional<conflict_side> conflict_side_from_key(std::string_view key) {
    for (auto s : {conflict_side::none, conflict_side::ours, conflict_side::theirs})
        if (conflict_side_key(s) == key) return s;
    return std::nullopt;
}

std::string conflict_shape_problem(const merge_conflict& c) {
    if (!c.comment_id.empty()) {
        if (c.persona_id.empty()) return _("a conflict about a comment must name its persona");
        if (c.pain_point || c.removed_by != conflict_side::none || c.field != "text")
            return _("a conflict about a comment is about its text");
        return {};
    }
    if (c.persona_id.empty() && (!c.stage_id.empty() || c.pain_point))
        return _("a conflict about a stage or a pain point must name its persona");
    if (!c.stage_id.empty() && c.pain_point) return _("a conflict is about a stage or a pain point, not both");
    if (c.removed_by != conflict_side::none) {
        if (c.persona_id.empty()) return _("a conflict about something removed must name its persona");
        if (!c.field.empty()) return _("a conflict about something removed names no field");
        return {};
    }
    if (c.field.empty()) return _("a conflict names either a field or who removed what it is about");
    if (!is_conflict_field(c))
        // TRANSLATORS: {1} is a field's key as files write it, such as "duration"
        return format(_("\"{1}\" is not a field that a conflict can be about here"), c.field);
    return {};
}

}  // namespace bpm
