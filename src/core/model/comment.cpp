#include "bpm/comment.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <random>

#include "bpm/model.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

bool one_of(std::string_view key, std::initializer_list<std::string_view> keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool id_in_use(const std::vector<comment>& comments, std::string_view id) {
    for (const comment& c : comments) {
        if (c.id == id) return true;
        for (const comment_reply& r : c.replies)
            if (r.id == id) return true;
    }
    return false;
}

}  // namespace

std::string new_comment_id(const std::vector<comment>& comments) {
    static std::mt19937_64 generator{std::random_device{}()};
    static const char digits[] = "0123456789abcdef";
    for (;;) {
        std::uint64_t n = generator();
        std::string id = "comment-";
        for (int i = 0; i < 12; ++i, n >>= 4) id += digits[n & 15];
        if (!id_in_use(comments, id)) return id;
    }
}

std::string comment_shape_problem(const comment& c) {
    if (c.persona_id.empty()) return _("a comment must name the persona it is about");
    // The editor refuses such a text as it is typed; a file is held to the same.
    if (trim(c.text).empty()) return _("a comment has no text");
    if (c.field.empty()) return {};
    bool known = c.stage_id.empty()
                     ? one_of(c.field, {"name", "created_by", "role", "organisation", "segment", "success_metric",
                                        "pain_points", "summary"})
                     : stage_field_from_key(c.field).has_value();
    if (!known)
        // TRANSLATORS: {1} is a field's key as files write it, such as "duration"
        return format(_("\"{1}\" is not a field that a comment can be about here"), c.field);
    return {};
}

std::string reply_shape_problem(const comment_reply& r) {
    return trim(r.text).empty() ? _("a reply has no text") : std::string();
}

}  // namespace bpm
