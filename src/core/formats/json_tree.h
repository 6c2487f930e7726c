#pragma once

// The tree of a map's JSON as it is parsed, a part at a time: which members and items are which
// part of a map, where each is in the text, and map_tree_builder, which builds each part and hands
// it over as it ends, so that the reader never holds more than one persona's worth.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/model.h"
#include "read_notes.h"

namespace bpm::json_tree {

using json = nlohmann::ordered_json;

// The parts of the spec's shape, and of what write_json adds to it, that a map is read from;
// anything else is unused. A pain list is persona_pain_points given as an array, a text list a
// stage field given as one; a journey is a stage's journey_tasks, people a task's.
enum class part {
    root,
    metadata,
    personas,
    persona,
    profile,
    stages,
    stage,
    details,
    detail,
    pain_list,
    pain_item,
    text_list,
    text_item,
    journey,
    journey_task,
    people,
    person,
    conflicts,
    conflict,
    comments,
    comment,
    replies,
    reply,
    text,
    unused
};

// The part a member of an object is. Every key the reader reads is here: one left out would be
// kept as an extension rather than read.
part member_part(part object, std::string_view key);

// What joins the texts of a stage field given as an array ("" for the fields that take none).
std::string_view list_separator(stage_field f);

// Where a member of an object that is read is: the offset of its key, by its name from the list
// item or metadata that holds it ("status", "persona_profile.role").
struct member_mark {
    std::string name;
    std::size_t offset;
};
using member_marks = std::vector<member_mark>;

// The offset of the member called name, or nowhere.
std::size_t offset_in(const member_marks& marks, std::string_view name);

// Where a list item, the metadata or the root is, as map_tree_builder hands it over.
struct read_part {
    const std::string& path;     // its JSON path
    std::size_t offset;          // where it starts
    const member_marks& marks;   // of an object: where its members are
    std::string_view list_key;   // of a list item: the key of the list
};

// What map_tree_builder hands the parts of a map to, as each ends.
class part_reader {
public:
    // The text is an array of mappings rather than an object holding one.
    virtual void top_level_list() = 0;
    // A list begins (key: the list's key in its object).
    virtual void list_opened(part list, std::string_view key) = 0;
    // An item of a list has ended.
    virtual void item(part what, const json& value, const read_part& at) = 0;
    // The document's metadata has ended.
    virtual void metadata(const json& value, const read_part& at) = 0;
    // A member of the root, a persona or a stage (owner, at owner_path) that is not read ended:
    // its key, where the key is, and its value's JSON text.
    virtual void unread_member(part owner, const std::string& owner_path, std::string key, std::size_t key_offset,
                               std::string_view raw) = 0;
    // A member that is read was given twice in the object at path: the second at offset.
    virtual void given_twice(const std::string& path, std::string key, std::size_t offset, std::size_t first) = 0;

protected:
    ~part_reader() = default;
};

// Builds the tree a part_reader reads, and no more, so that memory follows what a map can hold
// rather than what a file can say: each item of the map's lists goes to the reader as it ends and
// is then let go; the value of a member that is not read goes to it as the text the file has, its
// inside parsed but not kept; an array or object where the reader expects something else is kept
// empty, as the reader names only its type (such an array as a discarded value, which allocates
// nothing); nesting past max_json_depth stops the parse. Notes where each member's key is, warns
// of a member it cannot keep, and tells the reader of a key given twice. Keeps where and why a
// parse fails, for every kind of failure: json::parse throws a number too large for a double
// ("1e999") as out_of_range, with no position, and that escaped as an abort. A SAX handler for
// nlohmann::json::sax_parse.
class map_tree_builder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    // at is where the parser is in text as it reads on; parsing stops once cancelled is true.
    map_tree_builder(json& root, std::string_view text, const char* const& at, part_reader& reader, read_notes& notes,
                     const bool& cancelled)
        : root_(root), text_(text), at_(at), reader_(reader), notes_(notes), cancelled_(cancelled) {}

    bool null();
    bool boolean(bool v);
    bool number_integer(number_integer_t v);
    bool number_unsigned(number_unsigned_t v);
    bool number_float(number_float_t v, const string_t&);
    bool string(string_t& v);
    bool binary(binary_t&) { return true; }  // JSON text has none
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(string_t& name);
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& e);

    // Where the root's members are, once the parse is done.
    const member_marks& root_marks() const { return root_marks_; }
    // Where the root starts.
    std::size_t root_start() const { return root_start_; }

    // Where and why the parse failed, if it did.
    std::optional<std::size_t> failed_at;
    std::string message;

private:
    struct open_value {
        json* value;
        part what;
        std::string path;
        std::size_t start;        // offset of its bracket
        std::string key;          // of a member: its key
        std::size_t items = 0;    // of a list: the items read so far
        member_marks marks = {};  // of an object: where the members kept are
    };

    std::size_t position() const { return static_cast<std::size_t>(at_ - text_.data()); }
    std::size_t token_start() const;
    std::size_t scalar_end(std::size_t start) const;
    void member(string_t& name, std::size_t offset);
    std::pair<json*, part> slot();
    template <class T>
    bool value(T&& v);
    bool in_list() const { return !open_.empty() && open_.back().value->is_array(); }
    void item_done(std::size_t start, const open_value* object);
    void kept_unread(std::size_t start, std::size_t end);
    bool open(json::value_t type);
    bool close();
    std::size_t position_of_depth(std::size_t level) const;

    json& root_;
    std::string_view text_;
    const char* const& at_;
    part_reader& reader_;
    read_notes& notes_;
    const bool& cancelled_;
    std::vector<open_value> open_;  // the objects and arrays being read, innermost last
    member_marks root_marks_;
    std::size_t root_start_ = 0;
    json* member_ = nullptr;         // where the value of the key just read goes
    part next_ = part::unused;       // which part that value is
    std::string next_key_;           // the key just read, for the object or list its value opens
    std::size_t last_end_ = 0;       // where the parser was after the last token it told of
    std::size_t depth_ = 0;
    std::size_t skipping_from_ = 0;  // the depth of the array or object whose inside is not kept; 0: none
    bool skipped_item_ = false;      // that array or object is an item of a list
    std::size_t skipped_start_ = 0;  // where it starts
    bool capturing_ = false;         // the value of a member that is not read is being read
    std::string capture_key_;
    std::size_t capture_key_offset_ = 0;
    std::size_t capture_start_ = 0;
};

}  // namespace bpm::json_tree
