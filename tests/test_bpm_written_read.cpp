#define BOOST_TEST_MODULE bpm_written_read
// read_bpm reads a file laid out as write_bpm writes it in one quick pass, and any other through
// pugixml's tree (read_bpm_through_tree). Whatever the bytes, the two must come to the same thing:
// the same document, or the same problems and warnings.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <filesystem>
#include <random>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> texts(const std::vector<diagnostic>& ds) {
    std::vector<std::string> out;
    for (const diagnostic& d : ds) out.push_back(d.to_string());
    return out;
}

// Reads bytes both ways and requires the same outcome.
void require_read_alike(const std::string& bytes, const std::string& what) {
    const auto quick = read_bpm(bytes);
    const auto tree = read_bpm_through_tree(bytes);
    BOOST_TEST_REQUIRE(bool(quick) == bool(tree), what << ": " << quick.error() << " | " << tree.error());
    if (quick) BOOST_TEST_REQUIRE((*quick.value == *tree.value), what);
    BOOST_TEST_REQUIRE(texts(quick.problems) == texts(tree.problems), what);
    BOOST_TEST_REQUIRE(texts(quick.warnings) == texts(tree.warnings), what);
}

// Text from the characters each reader must treat alike, XML's own among them.
std::string random_text(std::mt19937& rng) {
    static const char* const pool[] = {"a", "Z", "0", " ", "  ", "\t", "\n", "\r", "\r\n", "<", ">", "&", "\"",
                                       "'", ";", "]]>", "é", "中", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "#", "x"};
    std::uniform_int_distribution<std::size_t> len(0, 12), pick(0, std::size(pool) - 1);
    std::string out;
    for (std::size_t i = len(rng); i > 0; --i) out += pool[pick(rng)];
    return out;
}

// A map with every part the quick pass reads, its texts random; some parts left empty or out.
document random_plain_map(std::mt19937& rng) {
    document d;
    d.metadata = {random_text(rng), random_text(rng), "2026-11-21T09:00:00Z", rng() % 2 ? "" : "2026-11-21T10:00:00+01:00"};
    for (int pi = 0, n = static_cast<int>(rng() % 3); pi < n; ++pi) {
        persona p;
        p.id = d.new_persona_id();
        p.name = random_text(rng);
        p.status = rng() % 2 ? persona_status::completed : persona_status::in_progress;
        p.created_by = random_text(rng);
        if (rng() % 2) p.last_updated_at = "2026-11-21T09:30:00Z";
        p.profile = {random_text(rng), random_text(rng), random_text(rng), random_text(rng)};
        for (int k = 0, m = static_cast<int>(rng() % 4); k < m; ++k)
            p.pain_points.push_back({random_text(rng), pain_category(k % 6)});
        for (int si = 0, m = static_cast<int>(rng() % 4); si < m; ++si) {
            stage s;
            s.id = "stage-" + std::to_string(pi * 10 + si + 1);
            for (stage_field f : all_stage_fields) s.field(f) = random_text(rng);
            for (int k = 0, tasks = static_cast<int>(rng() % 3); k < tasks; ++k) {
                journey_task t{random_text(rng), 1 + static_cast<int>(rng() % 5), {}};
                for (int j = 0, people = static_cast<int>(rng() % 3); j < people; ++j) t.people.push_back(random_text(rng));
                s.journey.push_back(t);
            }
            p.stages.push_back(s);
        }
        if (rng() % 2)
            p.summary = persona_summary{random_text(rng), rng() % 2 ? summary_source::ai : summary_source::template_text,
                                        rng() % 2 ? "" : "2026-01-01T00:00:00Z"};
        d.personas.push_back(p);
    }
    return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_maps_read_back_alike_both_ways) {
    std::mt19937 rng(2026);
    for (int i = 0; i < 400; ++i) {
        const document d = random_plain_map(rng);
        const std::string bytes = write_bpm(d);
        require_read_alike(bytes, "map " + std::to_string(i));
        const auto back = read_bpm(bytes);
        BOOST_TEST_REQUIRE((back.value && write_bpm(*back.value) == bytes), "map " << i);
    }
}

BOOST_AUTO_TEST_CASE(every_sample_test_file_and_fuzz_seed_reads_alike_both_ways) {
    std::size_t files = 0;
    for (const fs::path& dir : {fs::path(BPM_SOURCE_DIR) / "resources" / "samples", fs::path(BPM_TEST_DATA_DIR),
                               fs::path(BPM_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "bpm_load"}) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() != ".bpm" && dir.filename() != "bpm_load") continue;
            require_read_alike(test::slurp(entry.path().string()), entry.path().string());
            ++files;
        }
    }
    BOOST_TEST(files >= 20u);
    require_read_alike(write_bpm(test::bench_document(30, 12)), "benchmark map");
}

// Each a change to a written map that the quick pass must either read as the tree does or leave
// to it.
BOOST_AUTO_TEST_CASE(variants_of_the_written_layout_read_alike_both_ways) {
    document d = test::bench_document(2, 2);
    d.personas[0].summary = persona_summary{"A & B", summary_source::ai, "2026-01-01T00:00:00Z"};
    d.personas[1].pain_points.push_back({"", pain_category::none});
    d.personas[1].stages[1].journey = {{"Reads the case study", 3, {"CFO", ""}}, {"Asks for a demo", 5, {}}};
    const std::string written = write_bpm(d);
    const std::string version = "format-version=\"" + std::to_string(bpm_format_version_for(d)) + "\"";
    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = written;
        const std::size_t at = s.find(from);
        BOOST_TEST_REQUIRE(at != std::string::npos, from);
        s.replace(at, from.size(), to);
        return s;
    };
    std::string crlf;
    for (char c : written) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    std::string spaced = written;
    std::replace(spaced.begin(), spaced.end(), '\t', ' ');
    const std::vector<std::string> variants = {
        written,
        crlf,
        spaced,
        written.substr(written.find('\n') + 1),  // no XML declaration
        "\xEF\xBB\xBF" + written,
        written + "  \n\n",
        written + "x",
        written + "<!-- after -->",
        replaced("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>"),
        replaced(version, "format-version=\"01\""),
        replaced(version, "format-version=\"1\""),  // journeys, as builds before version 2 wrote them
        replaced(version, "format-version=\"2\""),
        replaced(version, "format-version=\"3\""),
        replaced(version, "format-version=\"0\""),
        replaced(version, "format-version=\"99\""),
        replaced(version, "format-version=\" 1 \""),
        replaced(version, "format-version='1'"),
        replaced("<title>", "<title >"),
        replaced("<title>", "<title a=\"b\">"),
        replaced("</title>", "</title >"),
        replaced("<metadata>", "<metadata><!-- c -->"),
        replaced("Stage 1</name>", "Stage 1<![CDATA[ & more]]></name>"),
        replaced("Stage 1</name>", "Stage 1<!-- c --></name>"),
        replaced("Stage 1</name>", "Stage &amp; &lt;1&gt; &quot;&apos; &#233;&#x4E2D;</name>"),
        replaced("Stage 1</name>", "Stage & 1 &unknown; &#; &#x; &amp</name>"),
        replaced("Stage 1</name>", "Stage &#0;</name>"),
        replaced("Stage 1</name>", "Stage &#xFFFE;</name>"),
        replaced("Stage 1</name>", "Stage &#x110000;</name>"),
        replaced("Stage 1</name>", "Stage &#xD800;</name>"),
        replaced("Stage 1</name>", "Stage &#13;1</name>"),
        replaced("Stage 1</name>", "Stage\r\n1\r</name>"),
        replaced("Stage 1</name>", "Stage \x01</name>"),
        replaced("Stage 1</name>", "Stage \xEF\xBF\xBF</name>"),
        replaced("Stage 1</name>", "Stage \xEF\xBF\xBD ]]></name>"),
        replaced("Stage 1</name>", "Stage \xC3</name>"),
        replaced("Stage 1</name>", "</name>"),
        replaced("Stage 1</name>", "Stage 1</nam>"),
        replaced("<name>Stage 1</name>", "<name/>"),
        replaced("<name>Stage 1</name>", "<name></name>"),
        replaced("<name>Stage 1</name>", "<name>  </name>"),
        replaced("<name>Stage 1</name>", ""),
        replaced("<duration>", "<duration/><duration>"),
        replaced("<status>", "<created-by>x</created-by><status>"),
        replaced("<status>in_progress</status>", "<status>done</status>"),
        replaced("<status>in_progress</status>", "<status />"),
        replaced("<created-at>2026", "<created-at>x2026"),
        replaced("<last-updated-at>2026", "<last-updated-at>2026-13"),
        replaced("stage id=\"stage-2\"", "stage id=\"stage-1\""),
        replaced("persona id=\"persona-2\"", "persona id=\"persona-1\""),
        replaced("stage id=\"stage-2\"", "stage id=\"stage 2\""),
        replaced("stage id=\"stage-2\"", "stage id=\"stage-&#50;\""),
        replaced("stage id=\"stage-2\"", "stage  id=\"stage-2\""),
        replaced("stage id=\"stage-2\"", "stage id=\"stage-2\" x=\"y\""),
        replaced("stage id=\"stage-2\"", "stage"),
        replaced("category=\"", "category=\"x"),
        replaced("category=\"", "category =\""),
        replaced("<pain-point category=\"", "<pain-point category=\"\" a=\""),
        replaced("source=\"ai\"", "source=\"human\""),
        replaced("generated-at=\"2026", "generated-at=\"x2026"),
        replaced("</summary>", "</summary><extension key=\"k\">1</extension>"),
        replaced("</stages>", "</stages><stages />"),
        replaced("score=\"3\"", "score=\"0\""),
        replaced("score=\"3\"", "score=\"6\""),
        replaced("score=\"3\"", "score=\"03\""),
        replaced("score=\"3\"", "score=\" 3\""),
        replaced("score=\"3\"", "score=\"33\""),
        replaced("<task score=\"3\">", "<task>"),
        replaced("<text>Reads the case study</text>", ""),
        replaced("<text>Reads the case study</text>", "<person>A</person><text>Reads</text>"),
        replaced("<person>CFO</person>", "<person>CFO</person><text>again</text>"),
        replaced("<person>CFO</person>", "<person/>"),
        replaced("<journey>", "<journey><!-- c -->"),
        replaced("</journey>", "</journey><journey />"),
        replaced("</personas>", "</personas><comments />"),
        replaced("</personas>", "</personas><conflicts />"),
        replaced("</personas>", "</personas><extension key=\"k\">1</extension>"),
        replaced("</personas>", "</personas><!-- c -->"),
        replaced("</personas>", "</personas>x"),
        "<buying-process-map format-version=\"1\"><metadata/><personas /></buying-process-map>",
        "<buying-process-map format-version=\"1\"><personas /></buying-process-map>",
        replaced("</personas>", ""),
        replaced("<personas>", "<personas><!DOCTYPE x>"),
        written.substr(0, written.size() / 2),
        written.substr(0, written.rfind("</buying-process-map>")),
    };
    for (std::size_t i = 0; i < variants.size(); ++i) require_read_alike(variants[i], "variant " + std::to_string(i));
}

// Random edits of a written map, of the bytes XML gives a meaning to and of whole pieces of markup.
BOOST_AUTO_TEST_CASE(random_edits_of_a_written_map_read_alike_both_ways) {
    document d = test::bench_document(2, 2);
    d.personas[1].summary = persona_summary{"Summary", summary_source::template_text, ""};
    const std::string written = write_bpm(d);
    static const char* const pieces[] = {"<", ">", "&", "&amp;", "&#0;", "&#x41;", "\r", "\n", " ", "\"", "'", "/",
                                         "=", "\t", "é", "\xEF\xBF\xBF", "\xC3", "<!-- -->", "<![CDATA[x]]>",
                                         "</name>", "<name>", "<name/>", " id=\"p\"", "<stage id=\"s\">", "</stage>",
                                         "<persona id=\"persona-1\">", "</persona>", "<pain-point>", "\x00"};
    std::mt19937 rng(19);
    std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1);
    for (int i = 0; i < 3000; ++i) {
        std::string s = written;
        for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
            const std::size_t at = rng() % (s.size() + 1);
            switch (rng() % 3) {
                case 0: s.erase(at, rng() % 12); break;
                case 1: {
                    const char* const p = pieces[piece(rng)];
                    s.insert(at, *p == '\0' ? std::string(1, '\0') : std::string(p));  // "\x00": a NUL
                    break;
                }
                default:
                    if (at < s.size()) s[at] = static_cast<char>(rng() % 256);
            }
        }
        require_read_alike(s, "edit " + std::to_string(i));
    }
}

// A file in the layout up to its second persona, which the tree refuses.
BOOST_AUTO_TEST_CASE(progress_is_told_as_the_tree_tells_it_when_the_pass_gives_up) {
    document d = test::bench_document(3, 2);
    std::string bytes = write_bpm(d);
    const std::size_t second = bytes.find("<persona id=\"persona-2\"");
    bytes.insert(bytes.find("</name>", second) + 7, "<bogus/>");
    const auto calls = [&](auto read) {
        std::vector<std::size_t> told;
        const auto r = read(bytes, [&](std::size_t done, std::size_t) {
            told.push_back(done);
            return true;
        });
        BOOST_TEST(r.error().find("unexpected element <bogus>") != std::string::npos);
        return told;
    };
    const auto quick = calls([](std::string_view b, const progress_fn& p) { return read_bpm(b, p); });
    const auto tree = calls([](std::string_view b, const progress_fn& p) { return read_bpm_through_tree(b, p); });
    BOOST_TEST(quick == tree, boost::test_tools::per_element());
    BOOST_TEST(quick.size() == 4u);  // each persona, then the whole

    // Cancelled at the first persona, the reading stops there, although the file is refused later.
    const auto stopped = read_bpm(bytes, [](std::size_t, std::size_t) { return false; });
    BOOST_TEST(stopped.was_cancelled());
    BOOST_TEST(stopped.problems.empty());
}
