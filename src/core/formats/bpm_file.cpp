#include "bpm/bpm_file.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <forward_list>
#include <pugixml.hpp>
#include <optional>
#include <unordered_set>

#include "bpm/file_io.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "bpm_canonical.h"
#include "bpm_written_read.h"
#include "id_places.h"
#include "json_text.h"
#include "part_bounds.h"
#include "read_notes.h"
#include "xml_text.h"

namespace bpm {

namespace {

std::string quoted(std::string_view name) { return "<" + std::string(name) + ">"; }

// Whether the NUL-terminated name is s. Names sit in the parse buffer, whose padding makes
// reading s.size() + 1 bytes from them safe.
bool name_is(const char* name, std::string_view s) {
    return name[0] == s[0] && std::memcmp(name, s.data(), s.size()) == 0 && name[s.size()] == '\0';
}

// Index of name in names, or N.
template <std::size_t N>
std::size_t index_of(const char* name, const std::array<std::string_view, N>& names) {
    std::size_t i = 0;
    while (i < N && !name_is(name, names[i])) ++i;
    return i;
}

// The texts of a stage, in all_stage_fields order.
constexpr std::array<std::string stage::*, 7> stage_texts = {&stage::name,           &stage::buyer_actions,
                                                             &stage::duration,       &stage::key_influencers,
                                                             &stage::seller_actions, &stage::content_type,
                                                             &stage::key_message};

// The elements a stage may hold: its fields, in all_stage_fields order, then its journey tasks and
// its extensions.
constexpr std::array<std::string_view, 9> stage_children = {"name",           "buyer-actions", "duration",
                                                            "key-influencers", "seller-actions", "content-type",
                                                            "key-message",     "journey",       "extension"};
static_assert(stage_children[6] == bpm_stage_elements[6]);

// pugixml parses without decoding anything, so that the reader decodes each text as it copies it
// (references, line ends, white space in attributes, as pugixml's default options did) and can say
// where a reference or character XML does not allow is; the text of a field is its element's value
// rather than a node of its own.
constexpr unsigned parse_options = pugi::parse_minimal | pugi::parse_cdata | pugi::parse_ws_pcdata_single |
                                   pugi::parse_doctype | pugi::parse_embed_pcdata;

// The options whose reading of an ill-formed file is the one reported.
constexpr unsigned error_options = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;

// Bytes after the text in the parse buffer, for xml_decode and for comparing names with the longest
// one the reader knows, however short they are.
constexpr std::size_t padding = 32;
static_assert(padding >= xml_decode_padding && padding > bpm_root_name.size());

// Parses a copy of the text with pugixml and reads the tree into a document, collecting every
// problem it meets.
class reader {
public:
    reader(std::string_view text, const progress_fn& progress)
        : text_(text),
          progress_(progress),
          report_([this](const char* at, std::string message) { problem_at(offset(at), std::move(message)); }),
          notes_(text) {}

    result<document> read() {
        if (auto too_big = check_document_size(text_.size())) return result<document>::failure(std::move(*too_big));
        if (trim(text_).empty()) {
            problem_at(0, _("the file is empty"));
            return fail();
        }
        const std::size_t bad = find_invalid_utf8(text_);
        if (bad != std::string_view::npos) {
            problem_at(bad, _("invalid UTF-8 byte sequence; the file must be saved as UTF-8"));
            return fail();
        }

        // XML has no U+0000, and pugixml takes one for the end of the text: say where it is rather
        // than what is missing after it, or nothing when it comes after the root element.
        if (const void* nul = std::memchr(text_.data(), '\0', text_.size())) {
            problem_at(static_cast<std::size_t>(static_cast<const char*>(nul) - text_.data()),
                       format(_("the character U+{1} is not allowed in XML"), "0000"));
            return fail();
        }

        // pugixml parses in place, writing into the copy; text_ stays as read, for placing problems.
        buffer_.reserve(text_.size() + padding);
        buffer_.append(text_);
        buffer_.append(padding, '\0');
        pugi::xml_document xml;
        const pugi::xml_parse_result parsed =
            xml.load_buffer_inplace(buffer_.data(), text_.size(), parse_options, pugi::encoding_utf8);
        if (parsed.status == pugi::status_no_document_element) {
            problem_at(text_.find_first_not_of(" \t\r\n"),
                       format(_("no {1} element: this is not a Buying Process Mapper file"), quoted(bpm_root_name)));
            return fail();
        }
        if (!parsed) {
            // Parsing in place and without decoding, pugixml finds the same files ill-formed but may
            // describe or place a few of them otherwise: say what its default reading of a copy says.
            pugi::xml_document copy;
            const pugi::xml_parse_result as_copy =
                copy.load_buffer(text_.data(), text_.size(), error_options, pugi::encoding_utf8);
            const pugi::xml_parse_result& error = as_copy ? parsed : as_copy;
            problem_at(static_cast<std::size_t>(error.offset),
                       format(_("not a well-formed XML document: {1}"), error.description()));
            return fail();
        }

        pugi::xml_node root;
        for (pugi::xml_node n : xml.children()) {
            if (n.type() == pugi::node_doctype) {
                // Entity declarations are how XML bombs and external entity reads start;
                // no .bpm file needs one, so refuse rather than trust the parser to ignore it.
                problem(n, _("DOCTYPE declarations are not allowed in .bpm files"));
                return fail();
            }
            if (n.type() == pugi::node_element) {
                if (root) {
                    problem(n, _("more than one root element"));
                    return fail();
                }
                root = n;
            }
        }
        if (!root) {
            problem_at(0, format(_("no {1} element: this is not a Buying Process Mapper file"), quoted(bpm_root_name)));
            return fail();
        }
        if (!name_is(root.name(), bpm_root_name)) {
            problem(root, format(_("expected root element {1}, found {2}: this is not a Buying Process Mapper file"),
                                 quoted(bpm_root_name), quoted(root.name())));
            return fail();
        }
        if (!read_version(root)) return fail();

        content_ = framing_content_bytes();
        read_root(root);
        if (cancelled_ || !keep_going(progress_, text_.size(), text_.size())) return result<document>::cancelled();
        if (over_at_ != npos) problem_at(over_at_, content_limit_message(content_));
        return notes_.finish(std::move(doc_));
    }

private:
    static constexpr std::size_t npos = std::string_view::npos;

    // The problems (and warnings), placed by line and column in one pass over the text.
    result<document> fail() { return notes_.finish({}); }

    void problem_at(std::size_t offset, std::string message) { notes_.problem(std::move(message), offset); }

    // Offset of the '<' that opens an element: pugixml's in-place names start right after it.
    std::size_t offset_of(pugi::xml_node el) const {
        return static_cast<std::size_t>(el.name() - buffer_.data()) - 1;
    }

    void problem(pugi::xml_node at, std::string message) {
        if (at.type() == pugi::node_element) {
            problem_at(offset_of(at), std::move(message));
            return;
        }
        const std::ptrdiff_t offset = at.offset_debug();
        // Node offsets point past the markup that opens them; report its '<'.
        std::size_t pos = offset > 0 ? static_cast<std::size_t>(offset) : 0;
        const std::size_t open = text_.rfind('<', pos);
        if (open != npos) pos = open;
        problem_at(pos, std::move(message));
    }

    // Adds a part's content_bytes, at most bound and exactly exact(), at the element that holds it;
    // false, noting the element, once the map is over max_content_bytes. Bounds are added while
    // their sum stays within the limit; past that, parts are counted exactly, those counted so far
    // once more, so however long the file, the document in memory stays within the limit.
    template <class Exact>
    bool count(pugi::xml_node at, std::size_t bound, Exact&& exact) {
        if (!exact_) {
            if (content_ + bound <= max_content_bytes) {
                content_ += bound;
                return true;
            }
            exact_ = true;
            content_ = counted_so_far();
        }
        content_ += exact();
        if (content_ <= max_content_bytes) return true;
        if (over_at_ == npos) over_at_ = offset_of(at);
        return false;
    }

    // The exact content_bytes of what count() has counted: the metadata once counted, the map's
    // extensions, the personas read, and the pain points and stages kept of the one being read,
    // whose own fields come last, as do those of the stage it is reading.
    std::size_t counted_so_far() const {
        std::size_t n = framing_content_bytes();
        if (metadata_counted_) n += content_bytes(doc_.metadata);
        for (const extension& e : doc_.extensions) n += content_bytes(e, extension_place::document);
        for (std::size_t i = 0; i < doc_.personas.size(); ++i) {
            const persona& p = doc_.personas[i];
            n += content_bytes(p);
            if (reading_persona_ && i + 1 == doc_.personas.size()) {
                n -= own_content_bytes(p);
                if (reading_stage_) n -= content_bytes(p.stages.back());
            }
        }
        for (const merge_conflict& c : doc_.conflicts) n += content_bytes(c);
        for (const comment& c : doc_.comments) n += content_bytes(c);
        return n;
    }

    bool read_version(pugi::xml_node root) {
        const pugi::xml_attribute v = root.attribute("format-version");
        if (!v) {
            problem(root, format(_("{1} has no format-version attribute"), quoted(bpm_root_name)));
            return false;
        }
        const std::string s = decode(v.value(), xml_markup::attribute);
        // As the schema's xs:positiveInteger: white space around it and a '+' before it are
        // allowed. Counted up to a ceiling, so that a number of any length is read without
        // overflow: past it, the version is only known to be newer than any this reader knows.
        std::string_view number = trim(s);
        if (!number.empty() && number.front() == '+') number.remove_prefix(1);
        constexpr long ceiling = 1'000'000'000;
        long version = 0;
        bool digits = !number.empty();
        for (char c : number) {
            if (c < '0' || c > '9') digits = false;
            else if (version < ceiling) version = version * 10 + (c - '0');
        }
        if (!digits || version < 1) {
            problem(root, format(_("format-version \"{1}\" is not a positive whole number"), one_line_excerpt(s, 40)));
            return false;
        }
        if (version > bpm_format_version) {
            problem(root, format(_("this file uses format version {1}, written by a newer Buying Process Mapper; "
                                   "this version reads format {2} and older"),
                                 version < ceiling ? std::to_string(version) : one_line_excerpt(number, 40),
                                 std::to_string(bpm_format_version)));
            return false;
        }
        return true;
    }

    // A text in the parse buffer, decoded there (so once) and copied; problems in it are reported
    // where they are. pugixml gives a missing value as an empty string of its own, outside the buffer.
    std::string decode(const char* v, xml_markup kind) {
        if (*v == '\0') return {};
        return xml_decode(buffer_.data() + offset(v), kind, report_);
    }

    std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - buffer_.data()); }

    // Text that is not in a field: reported when it is more than white space.
    void stray_text(pugi::xml_node parent, const char* raw, xml_markup kind) {
        if (trim(raw).empty()) return;
        if (!trim(decode(raw, kind)).empty())
            problem(parent, format(_("unexpected text inside {1}"), quoted(parent.name())));
    }

    // Child elements of a container, checked against the names it may hold, each at most once
    // (but for names[repeated]) and usually in this order; fn(child, index in names) reads each,
    // and stray text is reported.
    template <std::size_t N, class Fn>
    void each_child(pugi::xml_node parent, const std::array<std::string_view, N>& names, Fn&& fn,
                    std::size_t repeated = N) {
        stray_text(parent, parent.value(), xml_markup::text);
        std::uint32_t seen = 0;  // bit i: names[i] met already
        std::size_t next = 0;
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (!is_element(n, parent)) continue;
            const char* const name = n.name();
            const std::size_t i = next < N && name_is(name, names[next]) ? next : index_of(name, names);
            if (i == N) {
                problem(n, format(_("unexpected element {1} inside {2}"), quoted(name), quoted(parent.name())));
                continue;
            }
            if (i != repeated && (seen & (1u << i))) {
                problem(n, format(_("{1} appears twice inside {2}"), quoted(name), quoted(parent.name())));
                continue;
            }
            seen |= 1u << i;
            next = i + 1;
            fn(n, i);
        }
    }

    // Child elements of a container of items called item, each read by fn; stray text reported.
    template <class Fn>
    void each_item(pugi::xml_node parent, std::string_view item, Fn&& fn) {
        stray_text(parent, parent.value(), xml_markup::text);
        for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
            if (!is_element(n, parent)) continue;
            if (name_is(n.name(), item)) fn(n);
            else problem(n, format(_("unexpected element {1} inside {2}"), quoted(n.name()), quoted(parent.name())));
        }
    }

    // Whether a child of a container is an element; text in it is checked as stray text.
    bool is_element(pugi::xml_node n, pugi::xml_node parent) {
        const pugi::xml_node_type type = n.type();
        if (type == pugi::node_element) return true;
        if (type == pugi::node_pcdata || type == pugi::node_cdata)
            stray_text(parent, n.value(), type == pugi::node_cdata ? xml_markup::cdata : xml_markup::text);
        return false;
    }

    // The attributes of el called names (null when absent); any other is reported.
    template <std::size_t N>
    std::array<pugi::xml_attribute, N> attributes(pugi::xml_node el, const std::array<std::string_view, N>& names) {
        std::array<pugi::xml_attribute, N> found{};
        for (pugi::xml_attribute a = el.first_attribute(); a; a = a.next_attribute()) {
            const std::size_t i = index_of(a.name(), names);
            if (i == N)
                problem(el, format(_("unexpected attribute \"{1}\" on {2}"), std::string(a.name()), quoted(el.name())));
            else if (!found[i])
                found[i] = a;
        }
        return found;
    }

    std::string attribute_value(pugi::xml_attribute a) {
        return a ? decode(a.value(), xml_markup::attribute) : std::string();
    }

    // The text of a field element; it may not hold elements, and not more than max_field_bytes.
    std::string text(pugi::xml_node el) {
        attributes<0>(el, {});
        return text_content(el);
    }

    // The text of el, or "" when it holds more than max_field_bytes, which is reported. Built in
    // the string returned, not moved through an optional: 1.9M instructions of the 200 x 12 map's load.
    std::string text_content(pugi::xml_node el) {
        std::string out = decode(el.value(), xml_markup::text);
        if (!complete_text(el, out)) out.clear();
        return out;
    }

    // The text of el, or nothing when it holds more than max_field_bytes, which is reported.
    std::optional<std::string> bounded_text(pugi::xml_node el) {
        std::string out = decode(el.value(), xml_markup::text);
        if (!complete_text(el, out)) return std::nullopt;
        return out;
    }

    // Adds the text of el's children to out, its value; false when out is then over max_field_bytes,
    // which is reported.
    bool complete_text(pugi::xml_node el, std::string& out) {
        for (pugi::xml_node n = el.first_child(); n; n = n.next_sibling()) {
            const pugi::xml_node_type type = n.type();
            if (type == pugi::node_pcdata || type == pugi::node_cdata)
                out += decode(n.value(), type == pugi::node_cdata ? xml_markup::cdata : xml_markup::text);
            else if (type == pugi::node_element)
                problem(n, format(_("unexpected element {1} inside {2}"), quoted(n.name()), quoted(el.name())));
        }
        if (out.size() > max_field_bytes) {
            problem(el, format(_("{1} holds {2} bytes of text, more than the {3} MB limit for one field"),
                               quoted(el.name()), std::to_string(out.size()), std::to_string(max_field_bytes >> 20)));
            return false;
        }
        return true;
    }

    // t, the timestamp called what in el, when it is empty or ISO 8601; a problem otherwise.
    std::string checked_timestamp(pugi::xml_node el, std::string t, const std::string& what) {
        if (!t.empty() && !is_iso8601(t))
            problem(el,
                    format(_("{1} is \"{2}\", not an ISO 8601 date and time such as 2026-11-21T09:30:00Z"), what, t));
        return t;
    }

    std::string timestamp(pugi::xml_node el) { return checked_timestamp(el, text(el), quoted(el.name())); }

    // The id attribute a of el, checked for shape and uniqueness; used maps ids to where they were
    // first met.
    std::string id(pugi::xml_node el, pugi::xml_attribute a, id_places& used) {
        if (!a) {
            problem(el, format(_("{1} has no id attribute"), quoted(el.name())));
            return {};
        }
        std::string value = attribute_value(a);
        if (!is_valid_id(value)) {
            problem(el, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"), value));
            return value;
        }
        // Kept as the parse buffer holds it, unless references spelled it there.
        const std::string_view key =
            name_is(a.value(), value) ? std::string_view(a.value(), value.size()) : decoded_ids_.emplace_front(value);
        const auto [first, inserted] = used.emplace(key, offset_of(el));
        if (!inserted)
            notes_.problem(offset_of(el), first, [value](std::size_t line, std::size_t) {
                return format(_("duplicate id \"{1}\" (first used on line {2})"), value, std::to_string(line));
            });
        return value;
    }

    // Reports el's missing child element called child; first is the child expected first. The
    // name's length is known where it is written, not counted by a strlen at each of the 200 x 12
    // map's stages: five loads 192.8M -> 192.0M instructions.
    template <std::size_t N>
    void require(pugi::xml_node el, pugi::xml_node first, const char (&child)[N]) {
        const std::string_view name(child, N - 1);
        if (first && first.type() == pugi::node_element && name_is(first.name(), name)) return;
        if (!el.child(child)) problem(el, format(_("{1} has no {2} element"), quoted(el.name()), quoted(child)));
    }

    void read_root(pugi::xml_node root) {
        attributes<1>(root, {"format-version"});
        require(root, {}, "personas");
        // The writer writes a <metadata> element whether or not the file has one.
        if (!root.child("metadata")) {
            count(root, content_bytes(doc_.metadata), [&] { return content_bytes(doc_.metadata); });
            metadata_counted_ = true;
        }
        std::unordered_set<std::string> keys;
        each_child(
            root, std::array<std::string_view, 5>{"metadata", "personas", "conflicts", "comments", "extension"},
            [&](pugi::xml_node n, std::size_t i) {
                if (i == 0) {
                    read_metadata(n, doc_.metadata);
                } else if (i == 1) {
                    read_personas(n);
                } else if (i == 2) {
                    read_conflicts(n);
                } else if (i == 3) {
                    read_comments(n);
                } else if (auto e = read_extension(n, extension_place::document, keys)) {
                    const std::size_t bound = extension_bound(*e, extension_place::document);
                    if (count(n, bound, [&] { return content_bytes(*e, extension_place::document); }))
                        doc_.extensions.push_back(std::move(*e));
                }
            },
            4);
        if (!comment_offsets_.empty()) check_comment_places();
    }

    // The most content_bytes an extension can have, from the sizes of its texts alone.
    static std::size_t extension_bound(const extension& e, extension_place at) {
        return content_bytes(extension{}, at) + max_written_bytes_per_text_byte * (e.key.size() + e.json.size());
    }

    // An <extension> of a part at place: its key, not one of the part's JSON members nor one given
    // before (keys), and its text, one JSON value, made compact; nothing, after a problem, otherwise.
    std::optional<extension> read_extension(pugi::xml_node el, extension_place place,
                                            std::unordered_set<std::string>& keys) {
        const auto [key_attribute] = attributes<1>(el, {"key"});
        if (!key_attribute) {
            problem(el, _("<extension> has no key attribute"));
            return std::nullopt;
        }
        std::string key = attribute_value(key_attribute);
        const std::optional<std::string> text = bounded_text(el);
        if (!text) return std::nullopt;
        const std::string shown = one_line_excerpt(key, 80);
        if (key.size() > max_field_bytes) {
            problem(el, format(_("an <extension> key of {1} bytes, more than the {2} MB limit for one field"),
                               std::to_string(key.size()), std::to_string(max_field_bytes >> 20)));
            return std::nullopt;
        }
        // The parser leaves characters in attribute values to the reader; written back, such a key
        // would be a reference to a character XML does not allow, and the file would not load.
        for (std::size_t i = 0; i < key.size(); ++i)
            if (xml_invalid_char_bytes(key, i) != 0) {
                char code[8];
                std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(next_code_point(key, i)));
                problem(el, format(_("<extension> \"{1}\": the character U+{2} is not allowed in XML"), shown, code));
                return std::nullopt;
            }
        if (is_map_json_key(place, key)) {
            // TRANSLATORS: {1} is the key of an <extension> element, which names a field the map has
            problem(el, format(_("<extension> \"{1}\" is a field of the map, not an extension"), shown));
            return std::nullopt;
        }
        if (const auto why = json_text_problem(*text)) {
            // TRANSLATORS: {1} is the key of an <extension> element; {2} says why its text is not JSON
            problem(el, format(_("<extension> \"{1}\" does not hold JSON: {2}"), shown, *why));
            return std::nullopt;
        }
        if (!keys.insert(key).second) {
            problem(el, format(_("<extension> \"{1}\" appears twice inside {2}"), shown, quoted(el.parent().name())));
            return std::nullopt;
        }
        // TRANSLATORS: said of an extension, a JSON member the map has no field for, which is kept so that it is
        // written back when the map is saved as JSON
        notes_.warning(format(_("<extension> \"{1}\": kept, not used"), shown), offset_of(el));
        // A text that is JSON and XML holds no U+FFFE or U+FFFF, so its compact form is no longer.
        return extension{std::move(key), *compact_json_text(*text, text->size())};
    }

    void read_metadata(pugi::xml_node el, document_metadata& m) {
        attributes<0>(el, {});
        each_child(el, std::array<std::string_view, 4>{"title", "created-by", "created-at", "modified-at"},
                   [&](pugi::xml_node n, std::size_t i) {
                       if (i == 0) m.title = text(n);
                       else if (i == 1) m.created_by = text(n);
                       else if (i == 2) m.created_at = timestamp(n);
                       else m.modified_at = timestamp(n);
                   });
        const std::size_t text = m.title.size() + m.created_by.size() + m.created_at.size() + m.modified_at.size();
        count(el, empty_.metadata + max_written_bytes_per_text_byte * text,
              [&] { return content_bytes(m); });
        metadata_counted_ = true;
    }

    void read_personas(pugi::xml_node el) {
        attributes<0>(el, {});
        each_item(el, "persona", [&](pugi::xml_node n) {
            if (cancelled_) return;
            persona& p = doc_.personas.emplace_back();
            reading_persona_ = true;
            read_persona(n, p);
            std::size_t text = p.id.size() + p.name.size() + p.created_by.size() + p.last_updated_at.size() +
                               p.profile.role.size() + p.profile.organisation.size() + p.profile.segment.size() +
                               p.profile.success_metric.size();
            if (p.summary) text += p.summary->text.size() + p.summary->generated_at.size();
            std::size_t bound = (p.summary ? empty_.persona_with_summary : empty_.persona) +
                                max_written_bytes_per_text_byte * text;
            for (const extension& e : p.extensions) bound += extension_bound(e, extension_place::persona);
            const bool kept = count(n, bound, [&] { return own_content_bytes(p); });
            reading_persona_ = false;
            if (!kept) doc_.personas.pop_back();
            cancelled_ = !keep_going(progress_, offset_of(n), text_.size());
        });
    }

    void read_persona(pugi::xml_node el, persona& p) {
        const auto [id_attribute] = attributes<1>(el, {"id"});
        p.id = id(el, id_attribute, persona_ids_);
        const pugi::xml_node first = el.first_child();
        require(el, first, "name");
        require(el, first ? first.next_sibling() : first, "status");
        std::unordered_set<std::string> keys;
        each_child(
            el,
            std::array<std::string_view, 9>{"name", "status", "created-by", "last-updated-at", "profile", "pain-points",
                                            "stages", "summary", "extension"},
            [&](pugi::xml_node n, std::size_t i) {
                switch (i) {
                    case 0: p.name = text(n); break;
                    case 1: read_status(n, p); break;
                    case 2: p.created_by = text(n); break;
                    case 3: p.last_updated_at = timestamp(n); break;
                    case 4: read_profile(n, p.profile); break;
                    case 5: read_pain_points(n, p); break;
                    case 6: read_stages(n, p); break;
                    case 7: read_summary(n, p); break;
                    default:
                        if (auto e = read_extension(n, extension_place::persona, keys)) p.extensions.push_back(std::move(*e));
                }
            },
            8);
    }

    void read_status(pugi::xml_node el, persona& p) {
        const std::string s = text(el);
        if (const auto st = persona_status_from_key(s)) p.status = *st;
        else problem(el, format(_("status \"{1}\" is not one of in_progress, completed"), s));
    }

    void read_profile(pugi::xml_node el, persona_profile& pr) {
        attributes<0>(el, {});
        each_child(el, std::array<std::string_view, 4>{"role", "organisation", "segment", "success-metric"},
                   [&](pugi::xml_node n, std::size_t i) {
                       if (i == 0) pr.role = text(n);
                       else if (i == 1) pr.organisation = text(n);
                       else if (i == 2) pr.segment = text(n);
                       else pr.success_metric = text(n);
                   });
    }

    void read_pain_points(pugi::xml_node el, persona& p) {
        attributes<0>(el, {});
        each_item(el, "pain-point", [&](pugi::xml_node n) {
            const auto [category_attribute] = attributes<1>(n, {"category"});
            pain_point pp;
            pp.text = text_content(n);
            const std::string cat = attribute_value(category_attribute);
            if (const auto c = pain_category_from_key(cat)) pp.category = *c;
            else
                problem(n, format(_("pain point category \"{1}\" is not one of financial, productivity, process, "
                                    "support, other"),
                                  cat));
            const std::size_t bound = empty_.pain_point + 2 * max_written_bytes_per_text_byte * pp.text.size();
            if (count(n, bound, [&] { return content_bytes(pp); })) p.pain_points.push_back(std::move(pp));
        });
    }

    void read_stages(pugi::xml_node el, persona& p) {
        attributes<0>(el, {});
        std::size_t items = 0;
        for (pugi::xml_node n = el.first_child(); n; n = n.next_sibling()) ++items;
        p.stages.reserve(items);
        each_item(el, "stage", [&](pugi::xml_node n) {
            const auto [id_attribute] = attributes<1>(n, {"id"});
            // Read where the persona keeps it, rather than moved there and destroyed: five loads
            // of the 200 x 12 map, 190.5M -> 186.7M instructions.
            stage& s = p.stages.emplace_back();
            reading_stage_ = true;
            s.id = id(n, id_attribute, stage_ids_);
            require(n, n.first_child(), "name");
            pugi::xml_node journey;
            std::unordered_set<std::string> keys;
            each_child(
                n, stage_children,
                [&](pugi::xml_node f, std::size_t i) {
                    if (i < stage_texts.size()) s.*stage_texts[i] = text(f);
                    else if (i == stage_texts.size()) journey = f;
                    else if (auto e = read_extension(f, extension_place::stage, keys)) s.extensions.push_back(std::move(*e));
                },
                stage_texts.size() + 1);
            std::size_t text = s.id.size();
            for (std::string stage::*t : stage_texts) text += (s.*t).size();
            std::size_t bound = empty_.stage + max_written_bytes_per_text_byte * text;
            for (const extension& e : s.extensions) bound += extension_bound(e, extension_place::stage);
            const bool kept = count(n, bound, [&] { return content_bytes(s); });
            reading_stage_ = false;
            if (!kept) {
                p.stages.pop_back();
                return;
            }
            if (journey) read_journey(journey, s);
        });
    }

    // The journey tasks of a stage, each counted as it is read, and each of its people, so that
    // a task of a million people stops at the limit like a million stages.
    void read_journey(pugi::xml_node el, stage& s) {
        attributes<0>(el, {});
        each_item(el, "task", [&](pugi::xml_node n) {
            const auto [score_attribute] = attributes<1>(n, {"score"});
            journey_task t;
            t.score = score(n, score_attribute);
            stray_text(n, n.value(), xml_markup::text);
            pugi::xml_node text_element;
            for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
                if (!is_element(c, n)) continue;
                if (name_is(c.name(), "text") && !text_element) text_element = c;
                else if (name_is(c.name(), "text"))
                    problem(c, format(_("{1} appears twice inside {2}"), quoted(c.name()), quoted(n.name())));
                else if (!name_is(c.name(), "person"))
                    problem(c, format(_("unexpected element {1} inside {2}"), quoted(c.name()), quoted(n.name())));
            }
            if (text_element) t.text = text(text_element);
            else problem(n, format(_("{1} has no {2} element"), quoted(n.name()), quoted("text")));
            if (!count(n, empty_.journey_task + max_written_bytes_per_text_byte * t.text.size(),
                       [&] { return content_bytes(t); }))
                return;
            s.journey.push_back(std::move(t));
            for (pugi::xml_node c = n.child("person"); c; c = c.next_sibling("person")) {
                std::string person = text(c);
                if (!count(c, empty_.journey_person + max_written_bytes_per_text_byte * person.size(),
                           [&] { return journey_person_content_bytes(person); }))
                    return;
                s.journey.back().people.push_back(std::move(person));
            }
        });
    }

    // A task's score: a whole number from 1 to 5, as the schema's xs:integer spells it (white
    // space around it, a sign, leading zeros).
    int score(pugi::xml_node el, pugi::xml_attribute a) {
        if (!a) {
            problem(el, format(_("{1} has no score attribute"), quoted(el.name())));
            return min_journey_score;
        }
        const std::string s = attribute_value(a);
        std::string_view digits = trim(s);
        const bool negative = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '+' || negative)) digits.remove_prefix(1);
        while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
        const bool whole = !digits.empty() && digits.size() <= 2 &&
                           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        const int value = whole ? std::stoi(std::string(digits)) : 0;
        if (whole && !negative && value >= min_journey_score && value <= max_journey_score) return value;
        // TRANSLATORS: {1} is the score as written; a journey task's score is Mermaid's, from 1 to 5
        problem(el, format(_("score \"{1}\" is not a whole number from 1 to 5"), one_line_excerpt(s, 40)));
        return min_journey_score;
    }

    void read_summary(pugi::xml_node el, persona& p) {
        const auto [source, generated_at] = attributes<2>(el, {"source", "generated-at"});
        persona_summary sum;
        const std::string source_value = attribute_value(source);
        if (!source) problem(el, _("<summary> has no source attribute"));
        else if (const auto s = summary_source_from_key(source_value)) sum.source = *s;
        else problem(el, format(_("summary source \"{1}\" is not one of template, ai"), source_value));
        sum.generated_at = checked_timestamp(el, attribute_value(generated_at), "generated-at");
        sum.text = text_content(el);
        p.summary = std::move(sum);
    }

    // The conflicts a merge recorded. Their ids need not name a persona or stage the map has: an
    // edit may have removed it since, and the conflict is kept until someone resolves it.
    void read_conflicts(pugi::xml_node el) {
        attributes<0>(el, {});
        each_item(el, "conflict", [&](pugi::xml_node n) {
            if (cancelled_) return;
            const auto [persona, stage, field, comment, removed_by] =
                attributes<5>(n, {"persona", "stage", "field", "comment", "removed-by"});
            merge_conflict c;
            c.persona_id = conflict_id(n, persona);
            c.stage_id = conflict_id(n, stage);
            c.comment_id = conflict_id(n, comment);
            c.field = attribute_value(field);
            const std::string side = attribute_value(removed_by);
            if (const auto s = conflict_side_from_key(side)) c.removed_by = *s;
            else problem(n, format(_("removed-by \"{1}\" is not one of ours, theirs"), side));
            each_child(n, std::array<std::string_view, 4>{"pain-point", "base", "ours", "theirs"},
                       [&](pugi::xml_node f, std::size_t i) {
                           std::string value = text(f);
                           if (i == 0) c.pain_point = std::move(value);
                           else if (i == 1) c.base = std::move(value);
                           else if (i == 2) c.ours = std::move(value);
                           else c.theirs = std::move(value);
                       });
            if (const std::string why = conflict_shape_problem(c); !why.empty()) problem(n, why);
            const std::size_t text = c.persona_id.size() + c.stage_id.size() + c.field.size() + c.comment_id.size() +
                                     (c.pain_point ? c.pain_point->size() : 0) + c.base.size() + c.ours.size() +
                                     c.theirs.size();
            if (count(n, empty_.conflict + max_written_bytes_per_text_byte * text, [&] { return content_bytes(c); }))
                doc_.conflicts.push_back(std::move(c));
        });
    }

    // A conflict's or comment's persona or stage id: of the shape ids have, or "" when not given
    // (an empty attribute too, as JSON's ""; whether one is needed is the shape check's to say).
    std::string conflict_id(pugi::xml_node el, pugi::xml_attribute a) {
        std::string value = attribute_value(a);
        if (!value.empty() && !is_valid_id(value))
            problem(el, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"), value));
        return value;
    }

    // The team's comments, each counted as it is read, and each of its replies, so that a comment
    // of a million replies stops at the limit like a million stages.
    void read_comments(pugi::xml_node el) {
        attributes<0>(el, {});
        each_item(el, "comment", [&](pugi::xml_node n) {
            if (!cancelled_) read_comment(n);
        });
    }

    void read_comment(pugi::xml_node el) {
        const auto [id_attribute, persona, stage, field, resolved] =
            attributes<5>(el, {"id", "persona", "stage", "field", "resolved"});
        comment c;
        c.id = id(el, id_attribute, comment_ids_);
        c.persona_id = conflict_id(el, persona);
        c.stage_id = conflict_id(el, stage);
        c.field = attribute_value(field);
        c.resolved = flag(el, resolved);
        // The replies are read once the comment is counted.
        each_child(
            el, std::array<std::string_view, 4>{"author", "created-at", "text", "reply"},
            [&](pugi::xml_node n, std::size_t i) {
                if (i == 0) c.author = text(n);
                else if (i == 1) c.created_at = timestamp(n);
                else if (i == 2) c.text = text(n);
            },
            3);
        if (const std::string why = comment_shape_problem(c); !why.empty()) problem(el, why);
        const std::size_t bytes = c.id.size() + c.persona_id.size() + c.stage_id.size() + c.field.size() +
                                  c.author.size() + c.created_at.size() + c.text.size();
        if (!count(el, empty_.comment + max_written_bytes_per_text_byte * bytes, [&] { return own_content_bytes(c); }))
            return;
        doc_.comments.push_back(std::move(c));
        comment_offsets_.push_back(offset_of(el));
        for (pugi::xml_node n = el.child("reply"); n; n = n.next_sibling("reply")) {
            const auto [reply_id] = attributes<1>(n, {"id"});
            comment_reply r;
            r.id = id(n, reply_id, comment_ids_);
            each_child(n, std::array<std::string_view, 3>{"author", "created-at", "text"},
                       [&](pugi::xml_node f, std::size_t i) {
                           if (i == 0) r.author = text(f);
                           else if (i == 1) r.created_at = timestamp(f);
                           else r.text = text(f);
                       });
            if (const std::string why = reply_shape_problem(r); !why.empty()) problem(n, why);
            const std::size_t reply_text = r.id.size() + r.author.size() + r.created_at.size() + r.text.size();
            if (!count(n, empty_.reply + max_written_bytes_per_text_byte * reply_text, [&] { return content_bytes(r); }))
                return;
            doc_.comments.back().replies.push_back(std::move(r));
        }
    }

    // An xs:boolean attribute, absent meaning false.
    bool flag(pugi::xml_node el, pugi::xml_attribute a) {
        if (!a) return false;
        const std::string s = attribute_value(a);
        const std::string_view v = trim(s);
        if (v == "true" || v == "1") return true;
        if (v == "false" || v == "0") return false;
        problem(el, format(_("{1} \"{2}\" is not true or false"), std::string(a.name()), one_line_excerpt(s, 40)));
        return false;
    }

    // A comment about a persona or stage the map does not have (removed since, or by a merge) is
    // kept as it is, so that nothing said is lost, with a warning.
    void check_comment_places() {
        std::unordered_map<std::string_view, const persona*> personas;
        for (const persona& p : doc_.personas) personas.emplace(p.id, &p);
        for (std::size_t i = 0; i < doc_.comments.size(); ++i) {
            const comment& c = doc_.comments[i];
            if (c.persona_id.empty()) continue;  // refused already: a comment must name its persona
            const auto p = personas.find(c.persona_id);
            if (p == personas.end()) {
                // TRANSLATORS: {1} is the id of a persona that a comment is about
                notes_.warning(format(_("a comment about persona \"{1}\", which the map does not have: kept as it is"),
                                      c.persona_id),
                               comment_offsets_[i]);
            } else if (!c.stage_id.empty() && !p->second->stage_by_id(c.stage_id)) {
                // TRANSLATORS: {1} is the id of a stage that a comment is about, {2} the name of a persona
                notes_.warning(format(_("a comment about stage \"{1}\", which {2} does not have: kept as it is"),
                                      c.stage_id, shown_name(*p->second)),
                               comment_offsets_[i]);
            }
        }
    }

    static std::string shown_name(const persona& p) {
        return trim(p.name).empty() ? "\"" + p.id + "\"" : one_line_excerpt(p.name, 60);
    }

    std::string_view text_;
    const progress_fn& progress_;
    bool cancelled_ = false;
    const xml_text_problem report_;  // places decode's problems
    std::string buffer_;  // a copy of text_ that pugixml parses in place, then padding
    document doc_;
    read_notes notes_;
    id_places persona_ids_;  // offsets of their elements
    id_places stage_ids_;
    id_places comment_ids_;  // of comments and replies
    std::vector<std::size_t> comment_offsets_;  // of each comment kept
    std::forward_list<std::string> decoded_ids_;  // ids that references spelled, as keys of the maps above
    const empty_parts& empty_ = empty_parts::get();
    std::size_t content_ = 0;  // content_bytes counted, or their bound while exact_ is false
    bool exact_ = false;
    bool metadata_counted_ = false;
    bool reading_persona_ = false;  // the last persona is being read: its own fields are not counted yet
    bool reading_stage_ = false;  // the last stage of the persona being read is being read: not counted yet
    std::size_t over_at_ = npos;    // where content_ first passed max_content_bytes
};

}  // namespace

result<document> failed_load(std::vector<diagnostic> problems, std::size_t unlisted) {
    std::size_t more = unlisted;
    if (problems.size() > max_reported_problems) {
        more += problems.size() - max_reported_problems;
        problems.resize(max_reported_problems);
    }
    if (more > 0)
        problems.push_back({format(_n("and {1} more problem", "and {1} more problems", more), std::to_string(more))});
    return result<document>::failure(std::move(problems));
}

namespace {

// Whether the root element of a .bpm file holds nothing after its </personas>: no recorded
// conflicts, comments or extensions, which the quick pass leaves to the reader. Told from the end
// of the file, so that such a map is not read twice, once up to them and then whole.
bool only_personas_inside(std::string_view bytes) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t end = bytes.size();
    while (end > 0 && space(bytes[end - 1])) --end;
    constexpr std::string_view root_close = "</buying-process-map>";
    static_assert(root_close.substr(2, root_close.size() - 3) == bpm_root_name);
    if (end < root_close.size() || bytes.substr(end - root_close.size(), root_close.size()) != root_close) return false;
    end -= root_close.size();
    while (end > 0 && space(bytes[end - 1])) --end;
    const auto ends_with = [&](std::string_view s) { return end >= s.size() && bytes.substr(end - s.size(), s.size()) == s; };
    return ends_with("</personas>") || ends_with("<personas />");
}

result<document> read_bpm_text(std::string_view bytes, const progress_fn& progress, bool quick) {
    // A UTF-8 byte order mark is harmless but not part of the text positions people see.
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    // Nearly every file is laid out as write_bpm writes it, and is read in one pass; the reader
    // below reads any other layout through pugixml's tree and says what is wrong. Five loads of the
    // 200 x 12 map, 186.7M -> 98.9M instructions (pugixml's bare parse: 93.5M).
    // What the quick pass told before it found the layout otherwise is not told again by the
    // reader after it, so progress is told at the points, and as often, as the reader alone tells
    // it. A cancel asked for in the pass stops the reading, whatever the rest of the file holds.
    std::optional<std::size_t> reached;
    const progress_fn told = !progress ? progress : [&](std::size_t done, std::size_t total) {
        if (reached && done <= *reached) return true;
        reached = done;
        return progress(done, total);
    };
    if (quick && bytes.size() <= max_document_bytes && only_personas_inside(bytes) &&
        find_invalid_utf8(bytes) == std::string_view::npos) {
        written_read read = read_written_bpm(bytes, told);
        if (read.cancelled) return result<document>::cancelled();
        if (read.doc) return result<document>::success(std::move(*read.doc));
    }
    return reader(bytes, told).read();
}

}  // namespace

result<document> read_bpm(std::string_view bytes, const progress_fn& progress) {
    return read_bpm_text(bytes, progress, true);
}

result<document> read_bpm_through_tree(std::string_view bytes, const progress_fn& progress) {
    return read_bpm_text(bytes, progress, false);
}

int bpm_format_version_for(const document& doc) {
    if (!doc.extensions.empty() || !doc.conflicts.empty() || !doc.comments.empty()) return 2;
    for (const persona& p : doc.personas) {
        if (!p.extensions.empty()) return 2;
        for (const stage& s : p.stages)
            if (!s.extensions.empty() || !s.journey.empty()) return 2;
    }
    return 1;
}

std::string write_bpm(const document& doc) { return write_canonical_bpm(doc); }

result<document> load_bpm(const std::string& path, const progress_fn& progress) {
    auto bytes = read_file(path, max_document_bytes);
    if (!bytes) return result<document>::failure_of(bytes);
    return read_bpm(*bytes.value, progress);
}

result<> save_bpm(const document& doc, const std::string& path) { return write_file_atomic(path, write_bpm(doc)); }

}  // namespace bpm
