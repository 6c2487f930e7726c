#define BOOST_TEST_MODULE bpm_file
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include "bench_document.h"
#include "largest_map.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/map_size.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

document round_trip(const document& d) {
    const auto back = read_bpm(write_bpm(d));
    BOOST_TEST_REQUIRE(bool(back), back.error());
    return *back.value;
}

// Random text from code points that XML 1.0 can carry, weighted towards the awkward ones.
std::string random_text(std::mt19937& rng) {
    static const char32_t pool[] = {
        U'a', U'Z', U'0', U' ', U' ', U'\t', U'\n', U'\r', U'<', U'>', U'&', U'"', U'\'', U';', U']',
        U'é', U'É', U'ß', U'Ω', U'λ', U'Ж', U'я', U'中', U'文', U'日', U'本', U'ع', U'ב', U'\u0301',
        U'\u200D', U'\u00A0', U'\uFEFF', U'\u2028', U'\uFFFD', U'\U0001F600', U'\U0001F4C8', U'\U00010348', U'\x7F'};
    std::uniform_int_distribution<std::size_t> len(0, 40), pick(0, std::size(pool) - 1);
    std::string out;
    const std::size_t n = len(rng);
    for (std::size_t i = 0; i < n; ++i) {
        const char32_t c = pool[pick(rng)];
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// Random text as a JSON string, for an extension's value.
std::string random_json(std::mt19937& rng) { return nlohmann::json(random_text(rng)).dump(); }

// Every part of a map present, with the longest values the enumerations have and text made of
// what each writer escapes most: the most markup and escaping a map of its size can have.
document escaped_everywhere(std::string_view text, std::string_view attribute) {
    document d;
    // An extension's text is JSON, and its key an attribute.
    const std::vector<extension> extensions = {{std::string(attribute), "[\"&<>&<>&<>\"]"}};
    d.extensions = extensions;
    d.metadata = {std::string(text), std::string(text), std::string(text), std::string(text)};
    persona p;
    p.id = std::string(attribute);
    p.name = p.created_by = p.last_updated_at = std::string(text);
    p.profile = {std::string(text), std::string(text), std::string(text), std::string(text)};
    p.status = persona_status::in_progress;
    p.pain_points = {{std::string(text), pain_category::productivity}};
    stage s;
    s.id = std::string(attribute);
    for (stage_field f : all_stage_fields) s.field(f) = std::string(text);
    s.journey = {{std::string(text), 5, {std::string(text), std::string(text)}}, {std::string(text), 1, {}}};
    s.extensions = extensions;
    p.extensions = extensions;
    p.stages = {s, s};
    p.summary = persona_summary{std::string(text), summary_source::template_text, std::string(attribute)};
    d.personas = {p, p};
    merge_conflict c;
    c.persona_id = c.stage_id = c.field = std::string(attribute);
    c.pain_point = std::string(text);
    c.base = c.ours = c.theirs = std::string(text);
    merge_conflict removal = c;
    removal.removed_by = conflict_side::theirs;
    d.conflicts = {c, removal};
    comment note;
    note.id = note.persona_id = note.stage_id = note.field = std::string(attribute);
    note.author = note.created_at = note.text = std::string(text);
    note.resolved = true;
    note.replies = {{std::string(attribute), std::string(text), std::string(text), std::string(text)}};
    d.comments = {note, note};
    return d;
}

// A map with a conflict of each kind a merge records.
document with_conflicts() {
    document d = test::rich_document();
    const persona& p = d.personas[0];
    merge_conflict duration;
    duration.persona_id = p.id;
    duration.stage_id = p.stages[0].id;
    duration.field = "duration";
    duration.base = "2-4 weeks";
    duration.ours = "3-5 weeks";
    duration.theirs = "4 weeks\r\n& more";
    merge_conflict category;
    category.persona_id = p.id;
    category.pain_point = p.pain_points[0].text;
    category.field = "category";
    category.base = "financial";
    category.theirs = "support";
    merge_conflict title;
    title.field = "title";
    title.ours = "Q4 <plan>";
    merge_conflict removed;
    removed.persona_id = d.personas[1].id;
    removed.removed_by = conflict_side::ours;
    d.conflicts = {duration, category, title, removed};
    return d;
}

void expect_within_content_bytes(const document& d, const std::string& what) {
    const std::size_t bound = content_bytes(d);
    BOOST_TEST(write_bpm(d).size() <= bound, what << ": .bpm " << write_bpm(d).size() << " > " << bound);
    BOOST_TEST(write_json(d).size() <= bound, what << ": JSON " << write_json(d).size() << " > " << bound);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_field_survives_a_round_trip) {
    const document d = test::rich_document();
    BOOST_TEST((round_trip(d) == d));
}

BOOST_AUTO_TEST_CASE(conflicts_a_merge_recorded_are_kept_in_their_own_element_at_the_end) {
    const document d = with_conflicts();
    BOOST_TEST((round_trip(d) == d));
    const std::string text = write_bpm(d);
    const std::string tail = text.substr(text.find("\t</personas>\n"));
    BOOST_TEST(tail == "\t</personas>\n"
                       "\t<conflicts>\n"
                       "\t\t<conflict persona=\"" + d.personas[0].id + "\" stage=\"" + d.personas[0].stages[0].id +
                           "\" field=\"duration\">\n"
                           "\t\t\t<base>2-4 weeks</base>\n"
                           "\t\t\t<ours>3-5 weeks</ours>\n"
                           "\t\t\t<theirs>4 weeks&#13;\n&amp; more</theirs>\n"
                           "\t\t</conflict>\n"
                           "\t\t<conflict persona=\"" + d.personas[0].id + "\" field=\"category\">\n"
                           "\t\t\t<pain-point>" + d.personas[0].pain_points[0].text + "</pain-point>\n"
                           "\t\t\t<base>financial</base>\n"
                           "\t\t\t<ours />\n"
                           "\t\t\t<theirs>support</theirs>\n"
                           "\t\t</conflict>\n"
                           "\t\t<conflict field=\"title\">\n"
                           "\t\t\t<base />\n"
                           "\t\t\t<ours>Q4 &lt;plan&gt;</ours>\n"
                           "\t\t\t<theirs />\n"
                           "\t\t</conflict>\n"
                           "\t\t<conflict persona=\"" + d.personas[1].id + "\" removed-by=\"ours\" />\n"
                           "\t</conflicts>\n"
                           "</buying-process-map>\n");
    // A map without conflicts has no such element.
    BOOST_TEST(write_bpm(test::rich_document()).find("conflicts") == std::string::npos);
    BOOST_TEST((read_json(write_json(d)).value == d));
    expect_within_content_bytes(d, "conflicts");
}

BOOST_AUTO_TEST_CASE(comments_are_kept_in_their_own_element_after_the_conflicts) {
    const document d = test::commented_document();
    BOOST_TEST((round_trip(d) == d));
    const std::string text = write_bpm(d);
    BOOST_TEST(text.find("\t<comments>\n"
                         "\t\t<comment id=\"comment-0a1b2c3d4e5f\" persona=\"persona-1\" stage=\"stage-1\" field=\"duration\">\n"
                         "\t\t\t<author>Ana Müller</author>\n"
                         "\t\t\t<created-at>2026-11-20T09:15:00Z</created-at>\n"
                         "\t\t\t<text>Is 2 weeks realistic?</text>\n"
                         "\t\t\t<reply id=\"comment-111111111111\">\n"
                         "\t\t\t\t<author>Ben</author>\n"
                         "\t\t\t\t<created-at>2026-11-20T10:00:00Z</created-at>\n"
                         "\t\t\t\t<text>Closer to 4 in enterprise.</text>\n"
                         "\t\t\t</reply>\n"
                         "\t\t\t<reply id=\"comment-222222222222\">\n"
                         "\t\t\t\t<author />\n"
                         "\t\t\t\t<created-at />\n"
                         "\t\t\t\t<text>Agreed — 3-5 weeks.</text>\n"
                         "\t\t\t</reply>\n"
                         "\t\t</comment>\n") != std::string::npos,
               text);
    BOOST_TEST(text.find("<comment id=\"comment-444444444444\" persona=\"persona-1\" field=\"role\" resolved=\"true\">\n"
                         "\t\t\t<author>Ben</author>\n"
                         "\t\t\t<created-at />\n"
                         "\t\t\t<text>Title &lt;b&gt; &amp; \"role\"&#13;\nsecond line</text>\n") != std::string::npos,
               text);
    // After the conflicts, before the map's extensions.
    document both = with_conflicts();
    both.comments = d.comments;
    both.extensions = {{"source", "1"}};
    const std::string all = write_bpm(both);
    BOOST_TEST(all.find("</conflicts>\n\t<comments>") != std::string::npos);
    BOOST_TEST(all.find("</comments>\n\t<extension key=\"source\">") != std::string::npos);
    // A conflict about a comment's text names the comment.
    merge_conflict on_text;
    on_text.persona_id = "persona-1";
    on_text.stage_id = "stage-1";
    on_text.field = "text";
    on_text.comment_id = "comment-0a1b2c3d4e5f";
    on_text.base = "Is 2 weeks realistic?";
    on_text.ours = "Is 3 weeks realistic?";
    on_text.theirs = "Is 4 weeks realistic?";
    both.conflicts.push_back(on_text);
    BOOST_TEST(write_bpm(both).find("<conflict persona=\"persona-1\" stage=\"stage-1\" field=\"text\" "
                                    "comment=\"comment-0a1b2c3d4e5f\">") != std::string::npos);
    expect_within_content_bytes(both, "comment conflict");
    BOOST_TEST((round_trip(both) == both));
    // A map without comments has no such element.
    BOOST_TEST(write_bpm(test::rich_document()).find("comments") == std::string::npos);
    expect_within_content_bytes(d, "comments");
    // resolved is read as the schema's xs:boolean spells it.
    std::string spelled = text;
    const std::string was = "resolved=\"true\"";
    spelled.replace(spelled.find(was), was.size(), "resolved=\" 1 \"");
    BOOST_TEST((round_trip(d) == *read_bpm(spelled).value));
}

BOOST_AUTO_TEST_CASE(awkward_text_is_kept_exactly) {
    const std::string awkward[] = {
        "  leading and trailing  ", "   ", "\n", "line one\nline two\n", "windows\r\nline ends\r", "tab\there",
        "<b>not markup</b> & \"quotes\" 'apostrophes'", "]]> and <![CDATA[", "&amp; stays literal", "Maison Éclat",
        "Ελληνικά, Русский, 中文, العربية, 😀", "\xEF\xBB\xBF" "BOM character first",
    };
    for (const std::string& text : awkward) {
        document d;
        persona p;
        p.id = "persona-1";
        p.name = text;
        p.pain_points = {{text, pain_category::process}};
        stage s;
        s.id = "stage-1";
        for (stage_field f : all_stage_fields) s.field(f) = text;
        p.stages.push_back(s);
        p.summary = persona_summary{text, summary_source::template_text, ""};
        d.metadata.title = text;
        d.personas.push_back(p);
        BOOST_TEST((round_trip(d) == d), "text: [" << text << "]");
    }
}

BOOST_AUTO_TEST_CASE(random_unicode_documents_round_trip) {
    std::mt19937 rng(4242);
    for (int iteration = 0; iteration < 300; ++iteration) {
        document d;
        d.metadata.title = random_text(rng);
        d.metadata.created_by = random_text(rng);
        for (int pi = 0; pi < 2; ++pi) {
            persona p;
            p.id = d.new_persona_id();
            p.name = random_text(rng);
            p.created_by = random_text(rng);
            p.profile = {random_text(rng), random_text(rng), random_text(rng), random_text(rng)};
            for (int k = 0; k < 3; ++k) p.pain_points.push_back({random_text(rng), pain_category(k)});
            for (int si = 0; si < 3; ++si) {
                stage s;
                s.id = "stage-" + std::to_string(pi * 3 + si + 1);
                for (stage_field f : all_stage_fields) s.field(f) = random_text(rng);
                if (si > 0) s.journey = {{random_text(rng), si + 2, {random_text(rng), random_text(rng)}}};
                s.extensions = {{"x" + random_text(rng), random_json(rng)}};
                p.stages.push_back(s);
            }
            if (iteration % 2) p.summary = persona_summary{random_text(rng), summary_source::ai, "2026-01-01T00:00:00Z"};
            p.extensions = {{"x" + random_text(rng), random_json(rng)}, {"y" + random_text(rng), "{}"}};
            d.personas.push_back(p);
        }
        merge_conflict c;
        c.persona_id = "persona-1";
        c.stage_id = iteration % 3 ? "stage-1" : "";
        c.field = iteration % 3 ? "key_message" : "summary";
        c.base = random_text(rng);
        c.ours = random_text(rng);
        c.theirs = random_text(rng);
        d.conflicts.push_back(c);
        comment note;
        note.id = "comment-" + std::to_string(iteration);
        note.persona_id = "persona-2";
        note.stage_id = iteration % 2 ? "stage-4" : "";
        note.field = iteration % 3 ? "" : iteration % 2 ? "buyer_actions" : "segment";
        note.author = random_text(rng);
        note.text = "t" + random_text(rng);
        note.resolved = iteration % 5 == 0;
        for (int k = 0; k < iteration % 3; ++k)
            note.replies.push_back({"reply-" + std::to_string(k), random_text(rng), "2026-01-01T00:00:00Z",
                                     "r" + random_text(rng)});
        d.comments = {note};
        d.extensions = {{"x" + random_text(rng), random_json(rng)}};
        const document back = round_trip(d);
        BOOST_TEST_REQUIRE((back == d), "iteration " << iteration);
    }
}

BOOST_AUTO_TEST_CASE(content_bytes_is_never_less_than_what_either_writer_writes) {
    // The size limits rest on this: a map that loads is written within max_document_bytes.
    expect_within_content_bytes(document(), "empty");
    expect_within_content_bytes(test::rich_document(), "rich");
    const std::string longest_id(128, 'i');
    expect_within_content_bytes(escaped_everywhere("", longest_id), "empty fields");
    expect_within_content_bytes(escaped_everywhere("&<>\r\"\\\b\f\n\t\x01\x1F\x7F" "é中😀", "\"&<>\t\n\r"),
                                "escapes");
    for (const char* text : {"&", ">", "\r", "\"", "\x01"})
        expect_within_content_bytes(escaped_everywhere(std::string(1000, *text), longest_id), text);
    std::mt19937 rng(2026);
    for (int iteration = 0; iteration < 100; ++iteration) {
        document d;
        d.metadata.title = random_text(rng);
        for (int pi = 0; pi < 2; ++pi) {
            persona p;
            p.id = d.new_persona_id();
            p.name = random_text(rng);
            p.profile = {random_text(rng), random_text(rng), random_text(rng), random_text(rng)};
            p.pain_points = {{random_text(rng), pain_category(pi)}};
            stage s;
            s.id = "stage-" + std::to_string(pi + 1);
            for (stage_field f : all_stage_fields) s.field(f) = random_text(rng);
            s.journey = {{random_text(rng), 3, {random_text(rng)}}};
            p.stages.push_back(s);
            if (iteration % 2) p.summary = persona_summary{random_text(rng), summary_source::ai, "2026-01-01T00:00:00Z"};
            d.personas.push_back(p);
        }
        d.comments = {{"comment-1", "persona-1", "stage-1", "duration", random_text(rng), random_text(rng),
                       random_text(rng), {{"comment-2", random_text(rng), random_text(rng), random_text(rng)}}, true}};
        expect_within_content_bytes(d, "random " + std::to_string(iteration));
    }
}

BOOST_AUTO_TEST_CASE(characters_xml_cannot_carry_are_dropped_not_written) {
    document d;
    d.metadata.title = std::string("bell\x07 and nul\x01 gone") + "\xEF\xBF\xBF";
    const auto back = read_bpm(write_bpm(d));
    BOOST_TEST_REQUIRE(bool(back), back.error());
    BOOST_TEST(back.value->metadata.title == "bell and nul gone");
}

BOOST_AUTO_TEST_CASE(output_is_stable_pretty_printed_and_one_element_per_field) {
    const document d = test::rich_document();
    const std::string first = write_bpm(d);
    const std::string second = write_bpm(*read_bpm(first).value);
    BOOST_TEST(first == second);
    // Version 2: a stage has journey tasks.
    BOOST_TEST(first.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<buying-process-map format-version=\"2\">\n", 0) == 0u);
    BOOST_TEST(first.find("\t\t\t\t\t<buyer-actions>") != std::string::npos);
    BOOST_TEST(first.find("<key-message>Вы теряете время — we save it. 時間を節約</key-message>") != std::string::npos);
    BOOST_TEST(first.find("&lt;2024&gt;") != std::string::npos);
    BOOST_TEST(first.back() == '\n');
}

// A map is written as format version 1 unless it uses what version 2 added (<extension>, a
// stage's <journey>, <conflicts>, <comments>), so that a program that reads only version 1 still
// opens it, and one that would not understand it says it was written by a newer version rather
// than find an "unexpected element". Before, every map was written as version 1.
BOOST_AUTO_TEST_CASE(the_format_version_is_2_only_for_a_map_using_what_version_2_added) {
    const auto version_of = [](const document& d) {
        const std::string bytes = write_bpm(d);
        const std::string head = "<buying-process-map format-version=\"";
        const std::size_t at = bytes.find(head);
        BOOST_TEST_REQUIRE(at != std::string::npos);
        BOOST_TEST(bool(read_bpm(bytes)), read_bpm(bytes).error());
        return bytes.substr(at + head.size(), 2);
    };
    document plain = test::rich_document();
    plain.personas[0].stages[0].journey.clear();
    BOOST_TEST(version_of(plain) == "1\"");
    BOOST_TEST(bpm_format_version_for(plain) == 1);
    BOOST_TEST(version_of(document{}) == "1\"");

    document with = plain;
    with.comments = test::commented_document().comments;
    BOOST_TEST(version_of(with) == "2\"");
    with = plain;
    with.conflicts = {test::field_conflict("persona-1", "stage-1", "duration", "a", "b", "c")};
    BOOST_TEST(version_of(with) == "2\"");
    with = plain;
    with.personas[0].stages[1].journey = {{"Signs", 5, {}}};
    BOOST_TEST(version_of(with) == "2\"");
    for (int place = 0; place < 3; ++place) {
        with = plain;
        const extension kept{"persona_goals", "[1]"};
        if (place == 0) with.extensions = {kept};
        else if (place == 1) with.personas[1].extensions = {kept};
        else with.personas[0].stages[1].extensions = {kept};
        BOOST_TEST(version_of(with) == "2\"", "extension at place " << place);
    }
    BOOST_TEST(bpm_format_version_for(with) == bpm_format_version);
}

// Versions 1 and 2 are read, whatever version 1 file this program wrote before it wrote 2 (one
// with comments, say); 3 is refused as newer.
BOOST_AUTO_TEST_CASE(versions_1_and_2_are_read_and_3_is_refused_as_newer) {
    std::string bytes = write_bpm(test::commented_document());
    const std::string two = "format-version=\"2\"";
    const std::size_t at = bytes.find(two);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    BOOST_TEST(bool(read_bpm(bytes)));
    const auto as = [&](const char* version) { return std::string(bytes).replace(at, two.size(), version); };
    const auto one = read_bpm(as("format-version=\"1\""));
    BOOST_TEST_REQUIRE(bool(one), one.error());
    BOOST_TEST((*one.value == test::commented_document()));
    const auto three = read_bpm(as("format-version=\"3\""));
    BOOST_TEST_REQUIRE(!three);
    BOOST_TEST(three.error() == "2:1: this file uses format version 3, written by a newer Buying Process Mapper; "
                                "this version reads format 2 and older");
}

BOOST_AUTO_TEST_CASE(samples_load_and_are_written_back_byte_for_byte) {
    for (const char* name : {"small-business-owner.bpm", "nlyzer-b2b-personas.bpm"}) {
        const std::string bytes = test::slurp(test::sample(name));
        const auto doc = read_bpm(bytes);
        BOOST_TEST_REQUIRE(bool(doc), name << ": " << doc.error());
        BOOST_TEST(write_bpm(*doc.value) == bytes, name);
    }
}

BOOST_AUTO_TEST_CASE(whatever_loads_saves_to_a_file_that_loads_back_equal_and_saves_the_same) {
    // The .bpm fuzz target's property, over its seeds (tests/fuzz/corpus/bpm_load: the samples,
    // tests/data and the inputs fuzzing found), so the normal suite keeps them too; and as JSON.
    std::size_t loaded = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(BPM_SOURCE_DIR) / "tests/fuzz/corpus/bpm_load")) {
        const std::string name = entry.path().filename().string();
        const auto doc = read_bpm(test::slurp(entry.path().string()));
        if (!doc) {
            BOOST_TEST(doc.problems.front().line > 0u, name << ": " << doc.error());
            continue;
        }
        ++loaded;
        const std::string saved = write_bpm(*doc.value);
        const auto again = read_bpm(saved);
        BOOST_TEST_REQUIRE(bool(again), name << ": " << again.error());
        BOOST_TEST((*again.value == *doc.value), name);
        BOOST_TEST(write_bpm(*again.value) == saved, name);
        const auto via_json = read_json(write_json(*doc.value));
        BOOST_TEST_REQUIRE(bool(via_json), name << ": " << via_json.error());
        BOOST_TEST((*via_json.value == *doc.value), name);
    }
    BOOST_TEST(loaded >= 3u);
}

BOOST_AUTO_TEST_CASE(the_eight_persona_sample_maps_every_persona_fully) {
    const auto doc = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(doc), doc.error());
    const auto& personas = doc.value->personas;
    BOOST_TEST_REQUIRE(personas.size() == 8u);
    for (const char* name : {"Emma Rodriguez", "James Chen", "Maria Fernandez", "David Park", "Jennifer Wright",
                             "Sophie Laurent", "Mike Thompson", "Lisa Chang"}) {
        const auto it = std::find_if(personas.begin(), personas.end(),
                                     [&](const persona& p) { return p.name.find(name) == 0; });
        BOOST_TEST_REQUIRE((it != personas.end()), name);
        BOOST_TEST(!it->profile.role.empty());
        BOOST_TEST(!it->profile.organisation.empty());
        BOOST_TEST(!it->profile.segment.empty());
        BOOST_TEST(!it->profile.success_metric.empty());
        BOOST_TEST(it->pain_points.size() >= 3u);
        BOOST_TEST(it->stages.size() >= 3u);
        for (const stage& s : it->stages)
            for (stage_field f : all_stage_fields) BOOST_TEST(!s.field(f).empty(), name << " " << s.name);
    }
    bool eclat = false;
    for (const persona& p : personas) eclat = eclat || p.profile.organisation.find("Maison Éclat") == 0;
    BOOST_TEST(eclat);
}

BOOST_AUTO_TEST_CASE(save_writes_a_file_that_loads_back) {
    test::temp_dir dir;
    const document d = test::rich_document();
    const std::string path = dir.file("map.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(d, path)));
    const auto back = load_bpm(path);
    BOOST_TEST_REQUIRE(bool(back), back.error());
    BOOST_TEST((*back.value == d));
}

BOOST_AUTO_TEST_CASE(a_failed_save_keeps_the_previous_file_and_leaves_no_litter) {
    test::temp_dir dir;
    const std::string path = dir.file("map.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(test::rich_document(), path)));
    const std::string before = test::slurp(path);
    ::chmod(path.c_str(), 0444);

    document changed = test::rich_document();
    changed.metadata.title = "Changed";
    const result<> s = save_bpm(changed, path);
    BOOST_TEST(!bool(s));
    BOOST_TEST(s.error().find(path) != std::string::npos, s.error());
    BOOST_TEST(test::slurp(path) == before);
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(a_map_edited_past_the_limits_is_saved_whole_and_reading_it_names_what_is_over) {
    // Saving never refuses a map for its size, so nothing typed is lost (issue 13); it is the
    // reader that says what is over.
    test::temp_dir dir;
    document big_field = test::rich_document();
    big_field.personas[0].stages[0].buyer_actions.assign(max_field_bytes + 1, 'x');
    BOOST_TEST_REQUIRE(bool(save_bpm(big_field, dir.file("field.bpm"))));
    BOOST_TEST(test::slurp(dir.file("field.bpm")).find(big_field.personas[0].stages[0].buyer_actions) !=
               std::string::npos);
    const auto field = load_bpm(dir.file("field.bpm"));
    BOOST_TEST_REQUIRE(!field);
    BOOST_TEST(field.error().find("<buyer-actions> holds 1048577 bytes of text, more than the 1 MB limit for one field") !=
                   std::string::npos,
               field.error());

    document over = test::largest_map();
    over.metadata.title += 'x';
    BOOST_TEST_REQUIRE(bool(save_bpm(over, dir.file("over.bpm"))));
    const auto map = load_bpm(dir.file("over.bpm"));
    BOOST_TEST_REQUIRE(!map);
    BOOST_TEST(map.error().find("the map holds 65 MB of content; the limit is 64 MB") != std::string::npos, map.error());
}

BOOST_AUTO_TEST_CASE(saving_into_a_missing_folder_fails_with_the_path) {
    test::temp_dir dir;
    const std::string path = dir.file("no-such-folder/map.bpm");
    const result<> s = save_bpm(test::rich_document(), path);
    BOOST_TEST(!bool(s));
    BOOST_TEST(s.error().find(path) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(saving_over_a_file_keeps_its_permissions_and_leaves_no_temporary_file) {
    test::temp_dir dir;
    const std::string path = dir.file("private.bpm");
    test::spit(path, "old");
    ::chmod(path.c_str(), 0600);
    BOOST_TEST_REQUIRE(bool(save_bpm(test::rich_document(), path)));
    struct stat st {};
    ::stat(path.c_str(), &st);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
    BOOST_TEST(bool(load_bpm(path)));
}

BOOST_AUTO_TEST_CASE(the_benchmark_document_round_trips) {
    const document d = test::bench_document(20, 12);
    BOOST_TEST(d.personas.size() == 20u);
    BOOST_TEST(d.personas[19].stages.size() == 12u);
    BOOST_TEST((round_trip(d) == d));
}

BOOST_AUTO_TEST_CASE(the_largest_map_that_loads_is_saved_and_read_back_unchanged) {
    // Stages with every field empty, read from a file without indentation or empty elements: the
    // most the writer adds to what it reads.
    const document largest = test::largest_map();
    BOOST_TEST(content_bytes(largest) == max_content_bytes);
    test::temp_dir dir;
    const std::string compact = test::compact_bpm(largest);
    test::spit(dir.file("compact.bpm"), compact);

    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const auto loaded = load_bpm(dir.file("compact.bpm"));
    BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
    BOOST_TEST_REQUIRE(bool(save_bpm(*loaded.value, dir.file("saved.bpm"))));
    const auto reloaded = load_bpm(dir.file("saved.bpm"));
    const auto elapsed = clock::now() - start;
    BOOST_TEST_REQUIRE(bool(reloaded), reloaded.error());
    BOOST_TEST((*loaded.value == largest));
    BOOST_TEST((*reloaded.value == largest));

    const std::size_t saved = fs::file_size(dir.file("saved.bpm"));
    BOOST_TEST(saved <= max_document_bytes);
    std::size_t stages = 0;
    for (const persona& p : largest.personas) stages += p.stages.size();
    BOOST_TEST_MESSAGE("largest map: " << stages << " stages, " << compact.size() << " bytes read, " << saved
                                       << " written (x" << double(saved) / double(compact.size()) << "); load, save "
                                       << "and reload took "
                                       << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                                       << " ms");
}

BOOST_AUTO_TEST_CASE(reading_tells_its_progress_in_bytes_and_a_cancel_leaves_no_document) {
    const document d = test::bench_document(20, 3);
    const std::string bytes = write_bpm(d);
    std::vector<std::size_t> told;
    const auto read = read_bpm(bytes, [&](std::size_t done, std::size_t total) {
        BOOST_TEST(total == bytes.size());
        told.push_back(done);
        return true;
    });
    BOOST_TEST_REQUIRE(bool(read));
    BOOST_TEST((*read.value == d));
    // As each persona is read, rising to the whole.
    BOOST_TEST_REQUIRE(told.size() == d.personas.size() + 1);
    BOOST_TEST(std::is_sorted(told.begin(), told.end()));
    BOOST_TEST(told.front() > 0u);
    BOOST_TEST(told.back() == bytes.size());

    std::size_t asked = 0;
    const auto stopped = read_bpm(bytes, [&](std::size_t, std::size_t) { return ++asked < 5; });
    BOOST_TEST(!stopped);
    BOOST_TEST(stopped.was_cancelled());
    BOOST_TEST(stopped.problems.empty());
    BOOST_TEST(asked == 5u);
}

namespace {

// A map whose first stage holds the given <extension> elements.
std::string with_stage_extensions(const std::string& extensions) {
    return "<buying-process-map format-version=\"1\"><personas><persona id=\"p\"><name>A</name><status>completed</status>"
           "<stages><stage id=\"s\"><name>S</name>" +
           extensions + "</stage></stages></persona></personas></buying-process-map>";
}

std::string first_problem(const std::string& bpm) {
    const auto r = read_bpm(bpm);
    BOOST_TEST_REQUIRE(!r);
    return r.error();
}

}  // namespace

BOOST_AUTO_TEST_CASE(extensions_are_written_after_the_fields_of_their_part_one_a_line) {
    document d = test::rich_document();
    d.extensions = {{"source", R"({"tool":"crm-sync","v":2})"}};
    d.personas[0].extensions = {{"persona_goals", R"(["Lower CAC by 15%","One <dashboard> & more"])"},
                                {"tab\tkey \"q\"", "null"}};
    d.personas[0].stages[0].extensions = {{"emotion_score", "2"}};
    const std::string bpm = write_bpm(d);
    // After the stage's journey tasks, if it has any.
    BOOST_TEST(bpm.find("</journey>\n\t\t\t\t\t<extension key=\"emotion_score\">2</extension>\n\t\t\t\t</stage>\n") !=
               std::string::npos);
    BOOST_TEST(bpm.find("</summary>\n\t\t\t<extension key=\"persona_goals\">[\"Lower CAC by 15%\",\"One &lt;dashboard&gt; "
                        "&amp; more\"]</extension>\n\t\t\t<extension key=\"tab&#09;key &quot;q&quot;\">null</extension>\n"
                        "\t\t</persona>\n") != std::string::npos);
    BOOST_TEST(bpm.find("\t</personas>\n\t<extension key=\"source\">{\"tool\":\"crm-sync\",\"v\":2}</extension>\n"
                        "</buying-process-map>\n") != std::string::npos);
    const auto back = read_bpm(bpm);
    BOOST_TEST_REQUIRE(bool(back), back.error());
    BOOST_TEST((*back.value == d));
    BOOST_TEST(write_bpm(*back.value) == bpm);
    // Kept, and said to be unused, where each is.
    std::vector<std::string> warnings;
    for (const diagnostic& w : back.warnings) warnings.push_back(w.message);
    BOOST_TEST(warnings == (std::vector<std::string>{"<extension> \"emotion_score\": kept, not used",
                                                     "<extension> \"persona_goals\": kept, not used",
                                                     "<extension> \"tab key \"q\"\": kept, not used",
                                                     "<extension> \"source\": kept, not used"}));
    BOOST_TEST(back.warnings.front().line > 1u);
    BOOST_TEST(back.warnings.front().column == 6u);
}

BOOST_AUTO_TEST_CASE(an_extension_holds_one_json_value_read_compact) {
    const auto r = read_bpm(with_stage_extensions("<extension key=\"a\">[ 1 ,\n\t\"b c\" ]</extension>"
                                                  "<extension key=\"persona_name\">{\"x\" : true}</extension>"));
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST((r.value->personas.at(0).stages.at(0).extensions ==
                std::vector<extension>{{"a", "[1,\"b c\"]"}, {"persona_name", "{\"x\":true}"}}));

    const std::string at = "1:142: ";  // where the extension starts
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\">[1,</extension>")) ==
               at + "<extension> \"a\" does not hold JSON: not valid JSON: syntax error while parsing value - unexpected "
                    "end of input; expected '[', '{', or a literal");
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\">1 2</extension>")).find("does not hold JSON") !=
               std::string::npos);
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\"/>")).find("does not hold JSON") !=
               std::string::npos);
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\">" + std::string(300, '[') +
                                                   std::string(300, ']') + "</extension>")) ==
               at + "<extension> \"a\" does not hold JSON: not valid JSON: nested more than 256 levels deep");
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"key_message\">1</extension>")) ==
               at + "<extension> \"key_message\" is a field of the map, not an extension");
    BOOST_TEST(first_problem(with_stage_extensions("<extension>1</extension>")) ==
               at + "<extension> has no key attribute");
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\">1</extension><extension key=\"a\">2</extension>")) ==
               "1:174: <extension> \"a\" appears twice inside <stage>");
    const auto too_big = read_bpm(with_stage_extensions("<extension key=\"a\">\"" + std::string(max_field_bytes, 'x') +
                                                         "\"</extension>"));
    BOOST_TEST_REQUIRE(too_big.problems.size() == 1u);
    BOOST_TEST(too_big.error() == at + "<extension> holds 1048578 bytes of text, more than the 1 MB limit for one field");
    // Found by fuzzing: a byte order mark before the value, which the parser skips at the start of
    // a text, and which made the JSON written from the map invalid.
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"a\">\xEF\xBB\xBF" "2</extension>")) ==
               at + "<extension> \"a\" does not hold JSON: not valid JSON: a byte order mark (U+FEFF) before the value");
    // Found by fuzzing: a control character in a key was read, and written back as a reference
    // no XML reader takes.
    BOOST_TEST(first_problem(with_stage_extensions("<extension key=\"touchpoin\x19s\">1</extension>")) ==
               at + "<extension> \"touchpoin s\": the character U+0019 is not allowed in XML");
    // Keys of the other parts are theirs only.
    BOOST_TEST(first_problem("<buying-process-map format-version=\"1\"><personas/>"
                             "<extension key=\"document_metadata\">{}</extension></buying-process-map>") ==
               "1:51: <extension> \"document_metadata\" is a field of the map, not an extension");
}
