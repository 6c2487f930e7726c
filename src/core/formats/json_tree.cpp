// The parts of a map's JSON, and map_tree_builder, which builds them as the text is parsed.
#include "json_tree.h"

#include <algorithm>
#include <initializer_list>

#include "bpm/json_format.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "json_text.h"

namespace bpm::json_tree {

namespace {

bool one_of(std::string_view key, std::initializer_list<std::string_view> keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The part an item of an array is.
part item_part(part array) {
    switch (array) {
        case part::personas: return part::persona;
        case part::stages: return part::stage;
        case part::details: return part::detail;
        case part::pain_list: return part::pain_item;
        case part::text_list: return part::text_item;
        case part::journey: return part::journey_task;
        case part::people: return part::person;
        case part::conflicts: return part::conflict;
        case part::comments: return part::comment;
        case part::replies: return part::reply;
        default: return part::unused;
    }
}

bool holds_members(part p) {
    return p == part::root || p == part::metadata || p == part::persona || p == part::profile || p == part::stage ||
           p == part::detail || p == part::pain_item || p == part::journey_task || p == part::conflict ||
           p == part::comment || p == part::reply;
}

// The objects whose members that are not read are kept as extensions.
bool keeps_extensions(part p) { return p == part::root || p == part::persona || p == part::stage; }

}  // namespace

// Lists of people and of kinds of content read as lists, actions and messages as sentences.
std::string_view list_separator(stage_field f) {
    switch (f) {
        case stage_field::key_influencers:
        case stage_field::content_type: return ", ";
        case stage_field::buyer_actions:
        case stage_field::seller_actions:
        case stage_field::key_message: return "; ";
        default: return "";
    }
}

part member_part(part object, std::string_view key) {
    switch (object) {
        case part::root:
            return key == "buying_process_mappings" ? part::personas
                   : key == "document_metadata"     ? part::metadata
                   : key == "merge_conflicts"       ? part::conflicts
                   : key == "bpmap_comments"        ? part::comments
                                                    : part::unused;
        case part::metadata:
            return one_of(key, {"title", "created_by", "created_at", "modified_at"}) ? part::text : part::unused;
        case part::persona:
            if (key == "persona_profile") return part::profile;
            if (key == "buying_stages") return part::stages;
            if (key == "persona_pain_point_details") return part::details;
            if (key == "persona_pain_points") return part::pain_list;
            return one_of(key, {"persona_id", "persona_name", "ai_generated_summary", "summary_source",
                                "summary_generated_at", "status", "last_updated_at", "created_by"})
                       ? part::text
                       : part::unused;
        case part::profile:
            return one_of(key, {"role", "organisation", "segment", "success_metric"}) ? part::text : part::unused;
        case part::stage:
            if (key == "journey_tasks") return part::journey;
            if (key == "stage_id") return part::text;
            if (const auto f = stage_field_from_key(key)) return list_separator(*f).empty() ? part::text : part::text_list;
            return part::unused;
        case part::journey_task:
            if (key == "people") return part::people;
            return key == "text" || key == "score" ? part::text : part::unused;
        case part::detail:
        case part::pain_item: return one_of(key, {"text", "category"}) ? part::text : part::unused;
        case part::conflict:
            return one_of(key, {"persona_id", "stage_id", "pain_point", "field", "comment_id", "removed_by", "base", "ours",
                                "theirs"})
                       ? part::text
                       : part::unused;
        case part::comment:
            if (key == "replies") return part::replies;
            return one_of(key, {"id", "persona_id", "stage_id", "field", "author", "created_at", "text", "resolved"})
                       ? part::text
                       : part::unused;
        case part::reply: return one_of(key, {"id", "author", "created_at", "text"}) ? part::text : part::unused;
        default: return part::unused;
    }
}

std::size_t offset_in(const member_marks& marks, std::string_view name) {
    for (const member_mark& m : marks)
        if (m.name == name) return m.offset;
    return nowhere;
}

// Every object member starts with its key, and every list with its bracket: where the parse
// stops once cancelled.
bool map_tree_builder::key(string_t& name) {
    if (cancelled_) return false;
    if (skipping_from_ == 0) member(name, token_start());
    last_end_ = position();
    return true;
}

bool map_tree_builder::parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& e) {
    // A syntax error is reported at the byte after the problem; an out-of-range number after
    // the number: point at the problem, or the number, itself.
    const std::size_t back = e.id >= 400 && e.id < 500 ? last_token.size() : 1;
    failed_at = position >= back ? position - back : 0;
    message = json_parse_error_text(e.what());
    return false;
}

// Where the token after the last one read starts: between tokens are only white space, ',' and
// ':'. (A number is read with the character after it, which is one of these or a bracket that
// is a token of its own.)
std::size_t map_tree_builder::token_start() const {
    std::size_t i = last_end_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r' ||
                                text_[i] == ',' || text_[i] == ':'))
        ++i;
    return i;
}

// The end of the string, number or literal that starts at start, which the parser has read. A
// number is told of before the character after it is known to be a valid next token, so it ends
// at the first character no number or literal has.
std::size_t map_tree_builder::scalar_end(std::size_t start) const {
    std::size_t i = start;
    if (text_[i] == '"') {
        for (++i; text_[i] != '"'; ++i)
            if (text_[i] == '\\') ++i;
        return i + 1;
    }
    const auto in_token = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == 'E' || c == '+' || c == '-' || c == '.';
    };
    while (i < text_.size() && in_token(text_[i])) ++i;
    return i;
}

// A member's key, at offset: noted, and where its value goes decided.
void map_tree_builder::member(string_t& name, std::size_t offset) {
    open_value& parent = open_.back();
    next_ = member_part(parent.what, name);
    member_ = nullptr;
    if (next_ == part::unused) {
        if (keeps_extensions(parent.what)) {
            capturing_ = true;
            capture_key_ = std::move(name);
            capture_key_offset_ = offset;
        } else {
            notes_.warning(parent.path + ": " +
                               format(_("\"{1}\" is not used and cannot be kept here: it is left out"),
                                      one_line_excerpt(name, 80)),
                           offset);
        }
        return;
    }
    if (const std::size_t first = offset_in(parent.marks, name); first != nowhere) {
        if (next_ == part::personas)
            notes_.problem(parent.path + ": " +
                               _("\"buying_process_mappings\" is given twice: put all mappings in one list"),
                           offset);
        else
            reader_.given_twice(parent.path, one_line_excerpt(name, 80), offset, first);
    } else {
        parent.marks.push_back({name, offset});
    }
    next_key_ = name;
    member_ = &(*parent.value)[name];
}

// Where the next value goes and which part it is; nullptr when it is not kept.
std::pair<json*, part> map_tree_builder::slot() {
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
bool map_tree_builder::value(T&& v) {
    const std::size_t end = position();
    if (skipping_from_ != 0) {
        last_end_ = end;
        return true;
    }
    const std::size_t start = token_start();
    last_end_ = end;
    if (capturing_) {
        kept_unread(start, scalar_end(start));
        return true;
    }
    const bool item = in_list();
    if (open_.empty()) root_start_ = start;
    if (json* at = slot().first) *at = std::forward<T>(v);
    if (item) item_done(start, nullptr);
    return true;
}

bool map_tree_builder::null() { return value(nullptr); }
bool map_tree_builder::boolean(bool v) { return value(v); }
bool map_tree_builder::number_integer(number_integer_t v) { return value(v); }
bool map_tree_builder::number_unsigned(number_unsigned_t v) { return value(v); }
bool map_tree_builder::number_float(number_float_t v, const string_t&) { return value(v); }
bool map_tree_builder::string(string_t& v) { return value(std::move(v)); }

// The last item of the innermost list is complete: the reader takes it, and the list lets it go.
void map_tree_builder::item_done(std::size_t start, const open_value* object) {
    open_value& list = open_.back();
    const std::string path = object ? object->path : list.path + "[" + std::to_string(list.items) + "]";
    static const member_marks no_marks;
    reader_.item(item_part(list.what), list.value->back(),
                 {path, start, object ? object->marks : no_marks, list.key});
    ++list.items;
    list.value->get_ref<json::array_t&>().pop_back();
}

// The value of a member kept unread ends: it is the text from start to end.
void map_tree_builder::kept_unread(std::size_t start, std::size_t end) {
    capturing_ = false;
    const open_value& owner = open_.back();
    reader_.unread_member(owner.what, owner.path, std::move(capture_key_), capture_key_offset_,
                      text_.substr(start, end - start));
}

bool map_tree_builder::open(json::value_t type) {
    if (cancelled_) return false;
    const std::size_t bracket = position() - 1;
    last_end_ = position();
    if (++depth_ > max_json_depth) {
        failed_at = position_of_depth(max_json_depth + 1);
        message = format(_("nested more than {1} levels deep"), std::to_string(max_json_depth));
        return false;
    }
    if (skipping_from_ != 0) return true;
    if (capturing_) {
        capture_start_ = bracket;
        skipping_from_ = depth_;
        return true;
    }
    const bool item = in_list();
    if (open_.empty()) root_start_ = bracket;
    skipped_item_ = item;
    skipped_start_ = bracket;
    auto [at, what] = slot();
    if (what == part::root && type == json::value_t::array) {
        what = part::personas;
        reader_.top_level_list();
    }
    const bool read_inside = holds_members(what) ? type == json::value_t::object
                                                 : item_part(what) != part::unused && type == json::value_t::array;
    if (at) *at = read_inside || type == json::value_t::object ? json(type) : json(json::value_t::discarded);
    if (at && read_inside) {
        std::string path = open_.empty() ? "$"
                           : item        ? open_.back().path + "[" + std::to_string(open_.back().items) + "]"
                                         : open_.back().path + "." + next_key_;
        open_.push_back({at, what, std::move(path), bracket, item ? std::string() : std::move(next_key_)});
        if (item_part(what) != part::unused) reader_.list_opened(what, open_.back().key);
    } else {
        skipping_from_ = depth_;
    }
    return true;
}

bool map_tree_builder::close() {
    last_end_ = position();
    if (skipping_from_ == depth_) {
        skipping_from_ = 0;
        if (capturing_) kept_unread(capture_start_, last_end_);
        else if (skipped_item_) item_done(skipped_start_, nullptr);
    } else if (skipping_from_ == 0) {
        open_value closed = std::move(open_.back());
        open_.pop_back();
        if (closed.what == part::metadata) {
            reader_.metadata(*closed.value, {closed.path, closed.start, closed.marks, {}});
        } else if (open_.empty()) {
            root_marks_ = std::move(closed.marks);
        } else if (in_list()) {
            item_done(closed.start, &closed);
        } else {
            // A member object (the profile): its members' places go to the part that holds it.
            for (member_mark& m : closed.marks)
                open_.back().marks.push_back({closed.key + "." + m.name, m.offset});
        }
    }
    --depth_;
    return true;
}

// The offset of the bracket that opens the given level of nesting, read again from the text
// (the parser tells no positions while it goes well).
std::size_t map_tree_builder::position_of_depth(std::size_t level) const {
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

}  // namespace bpm::json_tree
