#include "bpm/comment.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <random>
#include <tuple>

#include "bpm/model.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// A persona's fields a comment may be about, in the order the Persona page shows them.
constexpr std::string_view persona_comment_fields[] = {"name",    "created_by",     "role",        "organisation",
                                                       "segment", "success_metric", "pain_points", "summary"};

// Where a field comes among its place's fields: 0 for the whole place, then 1, 2, ... in column
// order, and after them a key the place does not have.
std::size_t field_rank(const comment& c) {
    if (c.field.empty()) return 0;
    if (c.stage_id.empty()) {
        const auto* at = std::find(std::begin(persona_comment_fields), std::end(persona_comment_fields), c.field);
        return static_cast<std::size_t>(at - std::begin(persona_comment_fields)) + 1;
    }
    const std::optional<stage_field> f = stage_field_from_key(c.field);
    if (!f) return all_stage_fields.size() + 1;
    return static_cast<std::size_t>(std::find(all_stage_fields.begin(), all_stage_fields.end(), *f) -
                                    all_stage_fields.begin()) + 1;
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
    bool known = c.stage_id.empty() ? std::find(std::begin(persona_comment_fields), std::end(persona_comment_fields),
                                                c.field) != std::end(persona_comment_fields)
                                    : stage_field_from_key(c.field).has_value();
    if (!known)
        // TRANSLATORS: {1} is a field's key as files write it, such as "duration"
        return format(_("\"{1}\" is not a field that a comment can be about here"), c.field);
    return {};
}

std::vector<const comment*> comments_in_map_order(const document& doc) {
    // persona, stage (0 for the persona itself, then 1, 2, ...), field, and the comment's index.
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> order;
    order.reserve(doc.comments.size());
    for (std::size_t i = 0; i < doc.comments.size(); ++i) {
        const comment& c = doc.comments[i];
        const std::size_t p = doc.find_persona(c.persona_id);
        std::size_t s = 0;
        if (!c.stage_id.empty()) {
            const std::size_t at = p == npos ? npos : doc.personas[p].find_stage(c.stage_id);
            s = at == npos ? npos : at + 1;
        }
        order.emplace_back(p, s, field_rank(c), i);
    }
    std::sort(order.begin(), order.end());
    std::vector<const comment*> sorted;
    sorted.reserve(order.size());
    for (const auto& at : order) sorted.push_back(&doc.comments[std::get<3>(at)]);
    return sorted;
}

std::string reply_shape_problem(const comment_reply& r) {
    return trim(r.text).empty() ? _("a reply has no text") : std::string();
}

}  // namespace bpm
