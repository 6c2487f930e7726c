#include "bpm/map_size.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string_view>

#include "bpm/tr.h"
#include "bpm_canonical.h"

namespace bpm {

namespace {

// What the bounds below follow, so that content_bytes is never less than what a writer produces:
// write_bpm (bpm_canonical_write.cpp) writes one tab per level, "<name />" for empty elements and
// "<name>text</name>" on one line otherwise, every CR as "&#13;"; write_json
// (json_format.cpp) dumps with nlohmann, two spaces per level and non-ASCII characters as they are.

// How a byte of text is written: in a .bpm element, a .bpm attribute, a JSON string.
enum class escaping { xml_text, xml_attribute, json };

constexpr std::uint8_t written_bytes(escaping e, unsigned char c) {
    switch (e) {
        case escaping::xml_text:
            // "&amp;", "&lt;", "&gt;", "&#13;". The controls XML cannot carry are dropped: one is room enough.
            return c == '&' || c == '\r' ? 5 : c == '<' || c == '>' ? 4 : 1;
        case escaping::xml_attribute:
            // "&quot;", "&amp;", "&lt;", "&gt;" (some pugixml versions), "&#NN;" for tab, LF and CR.
            return c == '"' ? 6 : c == '&' || c == '\t' || c == '\n' || c == '\r' ? 5 : c == '<' || c == '>' ? 4 : 1;
        case escaping::json:
            // "\"", "\\", "\b", "\f", "\n", "\r", "\t"; "\u00XX" for the other controls.
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') return 2;
            return c < 0x20 ? 6 : 1;
    }
    return 6;
}

constexpr std::array<std::uint8_t, 256> escape_table(escaping e) {
    std::array<std::uint8_t, 256> table{};
    for (unsigned c = 0; c < 256; ++c) table[c] = written_bytes(e, static_cast<unsigned char>(c));
    return table;
}

constexpr auto xml_text_bytes = escape_table(escaping::xml_text);
constexpr auto xml_attribute_bytes = escape_table(escaping::xml_attribute);
constexpr auto json_bytes = escape_table(escaping::json);

constexpr bool within_max_written_bytes(const std::array<std::uint8_t, 256>& table) {
    for (std::uint8_t b : table)
        if (b > max_written_bytes_per_text_byte) return false;
    return true;
}
static_assert(within_max_written_bytes(xml_text_bytes) && within_max_written_bytes(xml_attribute_bytes) &&
                  within_max_written_bytes(json_bytes),
              "max_written_bytes_per_text_byte must bound every escape");

// Markup, in bytes, of the pieces the writers are made of. depth counts levels of indentation.
// .bpm: "<name>text</name>\n" (an empty "<name />\n" is shorter).
constexpr std::size_t xml_field(std::size_t depth, std::string_view name) { return depth + 2 * name.size() + 6; }
// .bpm: "<name>\n" and "</name>\n" around children (an empty "<name />\n" is shorter).
constexpr std::size_t xml_container(std::size_t depth, std::string_view name) {
    return 2 * depth + 2 * name.size() + 7;
}
// .bpm: ' name=""' around an attribute's value.
constexpr std::size_t xml_attribute(std::string_view name) { return name.size() + 4; }
// JSON: "\"key\": \"text\",\n".
constexpr std::size_t json_member(std::size_t depth, std::string_view key) { return 2 * depth + key.size() + 8; }
// JSON: "\"key\": [\n" and "],\n" around an array's items, or braces around an object's members
// (an empty "[]" is shorter).
constexpr std::size_t json_container(std::size_t depth, std::string_view key) {
    return 4 * depth + key.size() + 9;
}
// JSON: "{\n" and "},\n" around an object that is an array item.
constexpr std::size_t json_item(std::size_t depth) { return 4 * depth + 5; }

constexpr std::size_t longest(std::initializer_list<std::string_view> words) {
    std::size_t n = 0;
    for (std::string_view w : words) n = std::max(n, w.size());
    return n;
}

// The values of the enumerations, as persona_status_key, pain_category_key and summary_source_key
// give them.
constexpr std::size_t status_value = longest({"in_progress", "completed"});
constexpr std::size_t category_value = longest({"financial", "productivity", "process", "support", "other"});
constexpr std::size_t source_value = longest({"template", "ai"});

// The stage fields in JSON, as stage_field_key gives them; in .bpm they are bpm_stage_elements.
constexpr std::array<std::string_view, 7> stage_keys = {
    "stage_name", "buyer_actions", "duration", "key_influencers", "seller_actions", "content_type", "key_message"};

// Levels: .bpm root 0, <metadata>, <personas> and the map's <extension>s 1, <persona> 2, its
// fields 3, a <stage> or <pain-point> 4, a stage's fields 5. JSON root 0, its members 1, a persona
// 2, its members 3, a stage or pain point detail 4, their members 5; the metadata's and the
// profile's members 2 and 4. .bpm <conflicts> 1, <conflict> 2, its fields 3; JSON a conflict 2,
// its members 3. .bpm <comments> 1, <comment> 2, its fields and <reply>s 3, a reply's fields 4;
// JSON a comment 2, its members 3, a reply 4, its members 5. Extensions sit with the members of
// their object.

constexpr std::size_t bpm_framing =
    std::string_view("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").size() +
    std::string_view("<buying-process-map format-version=\"\">\n").size() + std::numeric_limits<int>::digits10 + 1 +
    xml_container(1, "personas") + std::string_view("</buying-process-map>\n").size();
constexpr std::size_t json_framing =
    std::string_view("{\n").size() + json_container(1, "buying_process_mappings") + std::string_view("}\n").size();

constexpr std::size_t bpm_metadata = xml_container(1, "metadata") + xml_field(2, "title") + xml_field(2, "created-by") +
                                     xml_field(2, "created-at") + xml_field(2, "modified-at");
constexpr std::size_t json_metadata = json_container(1, "document_metadata") + json_member(2, "title") +
                                      json_member(2, "created_by") + json_member(2, "created_at") +
                                      json_member(2, "modified_at");

// A persona without pain points, stages and summary.
constexpr std::size_t bpm_persona =
    xml_container(2, "persona") + xml_attribute("id") + xml_field(3, "name") + xml_field(3, "status") + status_value +
    xml_field(3, "created-by") + xml_field(3, "last-updated-at") + xml_container(3, "profile") + xml_field(4, "role") +
    xml_field(4, "organisation") + xml_field(4, "segment") + xml_field(4, "success-metric") +
    xml_container(3, "pain-points") + xml_container(3, "stages");
constexpr std::size_t json_persona =
    json_item(2) + json_member(3, "persona_id") + json_member(3, "persona_name") + json_member(3, "persona_pain_points") +
    json_container(3, "buying_stages") + json_member(3, "status") + status_value + json_member(3, "last_updated_at") +
    json_member(3, "created_by") + json_container(3, "persona_pain_point_details") +
    json_container(3, "persona_profile") + json_member(4, "role") + json_member(4, "organisation") +
    json_member(4, "segment") + json_member(4, "success_metric");

constexpr std::size_t bpm_summary =
    xml_field(3, "summary") + xml_attribute("source") + source_value + xml_attribute("generated-at");
constexpr std::size_t json_summary = json_member(3, "ai_generated_summary") + json_member(3, "summary_source") +
                                     source_value + json_member(3, "summary_generated_at");

// A pain point's text is written once in .bpm, twice in JSON: joined with "; " in
// "persona_pain_points", and in its "persona_pain_point_details" item.
constexpr std::size_t bpm_pain_point = xml_field(4, "pain-point") + xml_attribute("category") + category_value;
constexpr std::size_t json_pain_point = std::string_view("; ").size() + json_item(4) + json_member(5, "text") +
                                        json_member(5, "category") + category_value;

constexpr std::size_t bpm_stage_fields() {
    std::size_t n = 0;
    for (std::string_view e : bpm_stage_elements) n += xml_field(5, e);
    return n;
}
constexpr std::size_t json_stage_fields() {
    std::size_t n = 0;
    for (std::string_view k : stage_keys) n += json_member(5, k);
    return n;
}
constexpr std::size_t bpm_stage = xml_container(4, "stage") + xml_attribute("id") + bpm_stage_fields();
constexpr std::size_t json_stage = json_item(4) + json_member(5, "stage_id") + json_stage_fields();

// A journey task: in .bpm "<task score="N">" with its "<text>" inside the stage's "<journey>", in
// JSON an item of the stage's "journey_tasks" with "text", "score" and "people". Each task counts
// the list around the tasks once more, which is more than enough. A map built by code may hold
// any int as a score.
constexpr std::size_t score_value = std::numeric_limits<int>::digits10 + 2;
constexpr std::size_t bpm_journey_task = xml_container(5, "journey") + xml_container(6, "task") +
                                         xml_attribute("score") + score_value + xml_field(7, "text");
constexpr std::size_t json_journey_task = json_container(5, "journey_tasks") + json_item(6) + json_member(7, "text") +
                                          json_member(7, "score") + score_value + json_container(7, "people");
// One of its people: "<person>name</person>", or a string in "people".
constexpr std::size_t bpm_journey_person = xml_field(7, "person");
constexpr std::size_t json_journey_person = json_member(8, "");
// A conflict, with the list that holds it (written only when the map has conflicts, so counted
// with each: never less than what is written).
constexpr std::size_t side_value = longest({"ours", "theirs"});
constexpr std::size_t bpm_conflict = xml_container(1, "conflicts") + xml_container(2, "conflict") +
                                     xml_attribute("persona") + xml_attribute("stage") + xml_attribute("field") +
                                     xml_attribute("comment") + xml_attribute("removed-by") + side_value + xml_field(3, "pain-point") +
                                     xml_field(3, "base") + xml_field(3, "ours") + xml_field(3, "theirs");
constexpr std::size_t json_conflict = json_container(1, "merge_conflicts") + json_item(2) +
                                      json_member(3, "persona_id") + json_member(3, "stage_id") +
                                      json_member(3, "pain_point") + json_member(3, "field") +
                                      json_member(3, "comment_id") +
                                      json_member(3, "removed_by") + side_value + json_member(3, "base") +
                                      json_member(3, "ours") + json_member(3, "theirs");

// A comment, with the lists that hold it and its replies (written only when the map has comments
// and in JSON always, so counted with each); "resolved" is written as "true" in .bpm, as a JSON
// boolean. A reply inside it.
constexpr std::size_t bpm_comment = xml_container(1, "comments") + xml_container(2, "comment") +
                                    xml_attribute("id") + xml_attribute("persona") + xml_attribute("stage") +
                                    xml_attribute("field") + xml_attribute("resolved") + longest({"true"}) +
                                    xml_field(3, "author") + xml_field(3, "created-at") + xml_field(3, "text");
constexpr std::size_t json_comment = json_container(1, "bpmap_comments") + json_item(2) + json_member(3, "id") +
                                     json_member(3, "persona_id") + json_member(3, "stage_id") +
                                     json_member(3, "field") + json_member(3, "author") +
                                     json_member(3, "created_at") + json_member(3, "text") +
                                     json_member(3, "resolved") + longest({"false"}) + json_container(3, "replies");
constexpr std::size_t bpm_reply = xml_container(3, "reply") + xml_attribute("id") + xml_field(4, "author") +
                                  xml_field(4, "created-at") + xml_field(4, "text");
constexpr std::size_t json_reply = json_item(4) + json_member(5, "id") + json_member(5, "author") +
                                   json_member(5, "created_at") + json_member(5, "text");

// The bytes of one part of a map in each written form.
struct written {
    std::size_t bpm = 0;
    std::size_t json = 0;

    // Text written as an element's text in .bpm and as a JSON string, json_copies times.
    void text(std::string_view t, std::size_t json_copies = 1) {
        std::size_t x = 0, j = 0;
        for (char c : t) {
            const auto b = static_cast<unsigned char>(c);
            x += xml_text_bytes[b];
            j += json_bytes[b];
        }
        bpm += x;
        json += json_copies * j;
    }
    // Text written as an attribute's value in .bpm and as a JSON string.
    void attribute(std::string_view t) {
        for (char c : t) {
            const auto b = static_cast<unsigned char>(c);
            bpm += xml_attribute_bytes[b];
            json += json_bytes[b];
        }
    }
    // An extension at a depth of both forms: in .bpm '<extension key="KEY">JSON</extension>', the
    // JSON as an element's text; in JSON '"KEY": JSON,', the JSON as it is.
    void add(const extension& e, std::size_t depth) {
        bpm += xml_field(depth, "extension") + xml_attribute("key");
        json += json_member(depth, "");
        attribute(e.key);
        for (char c : e.json) bpm += xml_text_bytes[static_cast<unsigned char>(c)];
        json += e.json.size();
    }

    std::size_t larger() const { return std::max(bpm, json); }
};

// Each extension counts as a part of its own, so that a reader can count them one by one as it
// reads them and then the rest of their persona or stage, and come to the same sum.
std::size_t extensions_content_bytes(const std::vector<extension>& es, extension_place at) {
    std::size_t n = 0;
    for (const extension& e : es) n += content_bytes(e, at);
    return n;
}

}  // namespace

std::size_t framing_content_bytes() { return std::max(bpm_framing, json_framing); }

std::size_t content_bytes(const document_metadata& m) {
    written w{bpm_metadata, json_metadata};
    for (const std::string* t : {&m.title, &m.created_by, &m.created_at, &m.modified_at}) w.text(*t);
    return w.larger();
}

std::size_t own_content_bytes(const persona& p) {
    written w{bpm_persona, json_persona};
    w.attribute(p.id);
    for (const std::string* t : {&p.name, &p.created_by, &p.last_updated_at, &p.profile.role, &p.profile.organisation,
                                 &p.profile.segment, &p.profile.success_metric})
        w.text(*t);
    if (p.summary) {
        w.bpm += bpm_summary;
        w.json += json_summary;
        w.text(p.summary->text);
        w.attribute(p.summary->generated_at);
    }
    return w.larger() + extensions_content_bytes(p.extensions, extension_place::persona);
}

std::size_t content_bytes(const stage& s) {
    written w{bpm_stage, json_stage};
    w.attribute(s.id);
    for (stage_field f : all_stage_fields) w.text(s.field(f));
    std::size_t n = w.larger() + extensions_content_bytes(s.extensions, extension_place::stage);
    for (const journey_task& t : s.journey) n += content_bytes(t);
    return n;
}

std::size_t content_bytes(const journey_task& t) {
    written w{bpm_journey_task, json_journey_task};
    w.text(t.text);
    std::size_t n = w.larger();
    for (const std::string& person : t.people) n += journey_person_content_bytes(person);
    return n;
}

std::size_t journey_person_content_bytes(std::string_view name) {
    written w{bpm_journey_person, json_journey_person};
    w.text(name);
    return w.larger();
}

std::size_t content_bytes(const pain_point& p) {
    written w{bpm_pain_point, json_pain_point};
    w.text(p.text, 2);
    return w.larger();
}

std::size_t content_bytes(const merge_conflict& c) {
    written w{bpm_conflict, json_conflict};
    for (const std::string* id : {&c.persona_id, &c.stage_id, &c.field, &c.comment_id}) w.attribute(*id);
    if (c.pain_point) w.text(*c.pain_point);
    for (const std::string* t : {&c.base, &c.ours, &c.theirs}) w.text(*t);
    return w.larger();
}

std::size_t own_content_bytes(const comment& c) {
    written w{bpm_comment, json_comment};
    for (const std::string* a : {&c.id, &c.persona_id, &c.stage_id, &c.field}) w.attribute(*a);
    for (const std::string* t : {&c.author, &c.created_at, &c.text}) w.text(*t);
    return w.larger();
}

std::size_t content_bytes(const comment_reply& r) {
    written w{bpm_reply, json_reply};
    w.attribute(r.id);
    for (const std::string* t : {&r.author, &r.created_at, &r.text}) w.text(*t);
    return w.larger();
}

std::size_t content_bytes(const comment& c) {
    std::size_t n = own_content_bytes(c);
    for (const comment_reply& r : c.replies) n += content_bytes(r);
    return n;
}

std::size_t content_bytes(const persona& p) {
    std::size_t n = own_content_bytes(p);
    for (const pain_point& pp : p.pain_points) n += content_bytes(pp);
    for (const stage& s : p.stages) n += content_bytes(s);
    return n;
}

std::size_t content_bytes(const extension& e, extension_place at) {
    written w;
    w.add(e, at == extension_place::document ? 1 : at == extension_place::persona ? 3 : 5);
    return w.larger();
}

std::size_t content_bytes(const document& doc) {
    std::size_t n = framing_content_bytes() + content_bytes(doc.metadata) +
                    extensions_content_bytes(doc.extensions, extension_place::document);
    for (const persona& p : doc.personas) n += content_bytes(p);
    for (const merge_conflict& c : doc.conflicts) n += content_bytes(c);
    for (const comment& c : doc.comments) n += content_bytes(c);
    return n;
}

std::string content_limit_message(std::size_t bytes) {
    // TRANSLATORS: "here" is the line and column, or the JSON path, shown before the message
    return format(_("the map holds {1} MB of content; the limit is {2} MB, first passed here"),
                  std::to_string((bytes + (1 << 20) - 1) >> 20), std::to_string(max_content_bytes >> 20));
}

std::optional<diagnostic> check_document_size(std::size_t bytes) {
    if (bytes <= max_document_bytes) return std::nullopt;
    return diagnostic{format(_("the document is {1} MB, larger than the {2} MB limit"),
                             std::to_string((bytes + (1 << 20) - 1) >> 20), std::to_string(max_document_bytes >> 20)),
                      0, 0};
}

}  // namespace bpm
