#pragma once

// JSON text that a map keeps as it came (its extensions), for the JSON and .bpm readers: which
// keys an extension may have, whether a text is JSON, and its compact form.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "bpm/map_size.h"
#include "bpm/model.h"

namespace bpm {

// Whether the JSON reader reads key as a member of the object at place, so that no extension there
// may have it: written back, it would be that member given twice.
bool is_map_json_key(extension_place place, std::string_view key);

// Why text is not one JSON value nested at most max_json_depth deep (white space around it is
// allowed), or nothing when it is one. Reads without building the value.
std::optional<std::string> json_text_problem(std::string_view text);

// One valid JSON value as extension::json keeps it: no white space between tokens, and U+FFFE and
// U+FFFF in strings written as \ufffe and \uffff, which XML cannot carry; nothing when that is
// longer than limit bytes, found without making more than limit bytes of it. Text that is not
// JSON is never read past its end.
std::optional<std::string> compact_json_text(std::string_view valid, std::size_t limit);

// The text of a parse error nlohmann describes as "[json.exception.parse_error.101] parse error
// at line 1, column 2: syntax error ...; last read: '...'", without the parts before and after,
// since the reader says where the error is.
std::string json_parse_error_text(std::string what);

// An object's extensions as they are read, each key once: one given again takes the first one's
// place with its own value, as a repeated key of the spec does.
class extension_list {
public:
    extension_list() = default;
    extension_list(const extension_list&) = delete;  // its index points at its items
    extension_list& operator=(const extension_list&) = delete;

    // What add did: first is the offset of the key of the extension that had the key before, and
    // now has the new value, or npos; key is the key, as kept.
    struct added {
        std::size_t first;
        const std::string& key;
    };

    // Adds e, whose key is at offset.
    added add(extension e, std::size_t offset);

    // The extensions, in the order their keys were first given; the list is empty again.
    std::vector<extension> take();

private:
    // Indexes into items_, told apart by their keys.
    struct key_hash {
        const std::vector<extension>* items;
        std::size_t operator()(std::size_t i) const;
    };
    struct same_key {
        const std::vector<extension>* items;
        bool operator()(std::size_t a, std::size_t b) const { return (*items)[a].key == (*items)[b].key; }
    };

    std::vector<extension> items_;
    std::vector<std::size_t> offsets_;
    std::unordered_set<std::size_t, key_hash, same_key> index_{0, key_hash{&items_}, same_key{&items_}};
};

}  // namespace bpm
