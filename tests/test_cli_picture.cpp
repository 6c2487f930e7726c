#define BOOST_TEST_MODULE cli_picture
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <utility>

#include <pugixml.hpp>

#include "bpm/bpm_file.h"
#include "test_support.h"

// bpmap-cli export --format png|svg, run as the real program with no display.
using namespace bpm;
namespace fs = std::filesystem;

namespace {

const std::string nlyzer = test::sample("nlyzer-b2b-personas.bpm");
const std::string small = test::sample("small-business-owner.bpm");

// bpmap-cli with DISPLAY and WAYLAND_DISPLAY unset, as on a server or in CI.
test::run_result headless(std::vector<std::string> args) {
    args.insert(args.begin(), {"-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", BPM_CLI});
    return test::run_program("/usr/bin/env", args);
}

// Width and height from a PNG's IHDR chunk; {0, 0} when the bytes are not a PNG.
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& bytes) {
    if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || bytes.compare(12, 4, "IHDR") != 0)
        return {0, 0};
    const auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
        return v;
    };
    return {u32(16), u32(20)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(png_and_svg_need_no_display_and_agree_on_the_size) {
    test::temp_dir dir;
    const std::string svg = dir.file("emma.svg");
    const auto svg_run = headless({"export", nlyzer, "--persona", "Emma", "--format", "svg", "-o", svg});
    BOOST_TEST_REQUIRE(svg_run.exit_code == 0, svg_run.err);
    BOOST_TEST(svg_run.out.empty());
    pugi::xml_document doc;
    BOOST_TEST_REQUIRE(bool(doc.load_file(svg.c_str())));
    const double width = doc.child("svg").attribute("width").as_double();
    const double height = doc.child("svg").attribute("height").as_double();
    BOOST_TEST(width > 500);
    BOOST_TEST(doc.select_nodes("//tspan[contains(., 'Emma Rodriguez')]").size() == 1u);

    for (const int scale : {1, 2}) {
        const std::string png = dir.file("emma-" + std::to_string(scale) + ".png");
        const auto run = headless({"export", nlyzer, "--persona", "Emma", "--scale", std::to_string(scale), "-o", png});
        BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
        // The SVG's size in points, times the scale, rounded down: the same picture.
        const auto [w, h] = png_size(test::slurp(png));
        BOOST_TEST(w == static_cast<std::uint32_t>(width * scale));
        BOOST_TEST(h == static_cast<std::uint32_t>(height * scale));
    }
    // Without --scale, twice the size, as the editor exports it.
    const std::string plain = dir.file("emma.png");
    BOOST_TEST_REQUIRE(headless({"export", nlyzer, "--persona", "Emma", "-o", plain}).exit_code == 0);
    BOOST_TEST(test::slurp(plain) == test::slurp(dir.file("emma-2.png")));
}

BOOST_AUTO_TEST_CASE(without_persona_each_persona_gets_a_file_named_after_it) {
    test::temp_dir dir;
    const auto run = headless({"export", nlyzer, "-o", dir.file("map.svg")});
    BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
    const auto doc = load_bpm(nlyzer);
    std::string listed;
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        ++files;
        BOOST_TEST(entry.path().extension() == ".svg");
    }
    BOOST_TEST(files == doc.value->personas.size());
    const std::string first = dir.file("map-Emma-Rodriguez-Home-Decor-E-commerce-Director.svg");
    BOOST_TEST(fs::exists(first));
    BOOST_TEST(run.out.rfind(first + "\n", 0) == 0u, run.out);
    BOOST_TEST(test::slurp(first).find("Emma Rodriguez") != std::string::npos);

    // A map of one persona writes OUT itself, and says nothing.
    const auto one = headless({"export", small, "-o", dir.file("one.png")});
    BOOST_TEST(one.exit_code == 0, one.err);
    BOOST_TEST(one.out.empty());
    BOOST_TEST(png_size(test::slurp(dir.file("one.png"))).first > 0u);
}

BOOST_AUTO_TEST_CASE(the_format_comes_from_the_output_name_when_not_given) {
    test::temp_dir dir;
    for (const char* format : {"md", "csv", "pdf", "png", "svg"}) {
        const std::string named = dir.file(std::string("named.") + format), given = dir.file(std::string("given.") + format);
        BOOST_TEST(headless({"export", small, "-o", named}).exit_code == 0, format);
        BOOST_TEST(headless({"export", small, "--format", format, "-o", given}).exit_code == 0, format);
        if (std::string(format) != "pdf")  // a PDF carries its creation time
            BOOST_TEST(test::slurp(named) == test::slurp(given), format);
        BOOST_TEST(!test::slurp(named).empty(), format);
    }
    // --format wins over the extension.
    BOOST_TEST(headless({"export", small, "--format", "csv", "-o", dir.file("stages.txt")}).exit_code == 0);
    BOOST_TEST(test::slurp(dir.file("stages.txt")).find("persona_id,") <= 3u);  // after a byte order mark
    const auto unknown = headless({"export", small, "-o", dir.file("x.docx")});
    BOOST_TEST(unknown.exit_code == 2);
    BOOST_TEST(unknown.err.find("cannot tell the export format from") != std::string::npos, unknown.err);
    BOOST_TEST(unknown.err.find("give --format md, csv, xlsx, mermaid, pdf, png or svg") != std::string::npos,
               unknown.err);
}

BOOST_AUTO_TEST_CASE(a_scale_that_makes_no_sense_is_refused_with_what_would) {
    test::temp_dir dir;
    const std::string png = dir.file("map.png");
    for (const char* bad : {"0", "-1", "abc", "2x", "nan", "inf", "1e9", "9", ""}) {
        const auto run = headless({"export", small, "--scale", bad, "-o", png});
        BOOST_TEST(run.exit_code == 2, bad);
        BOOST_TEST(run.err.find("--scale takes a number from 0.25 to 8") != std::string::npos, bad << ": " << run.err);
    }
    BOOST_TEST(!fs::exists(png));
    const auto on_svg = headless({"export", small, "--scale", "2", "-o", dir.file("map.svg")});
    BOOST_TEST(on_svg.exit_code == 2);
    BOOST_TEST(on_svg.err.find("--scale is for --format png") != std::string::npos, on_svg.err);
    const auto to_stdout = headless({"export", small, "--format", "png", "-o", "-"});
    BOOST_TEST(to_stdout.exit_code == 2);
    BOOST_TEST(to_stdout.err.find("cannot go to standard output") != std::string::npos, to_stdout.err);
    const auto half = headless({"export", small, "--scale", "0.5", "-o", png});
    BOOST_TEST(half.exit_code == 0, half.err);
}

BOOST_AUTO_TEST_CASE(a_scale_too_large_for_the_map_names_the_largest_that_fits) {
    test::temp_dir dir;
    // A persona of many stages runs to thousands of points down the page.
    document doc = *load_bpm(small).value;
    persona& p = doc.personas[0];
    while (p.stages.size() < 250) {
        stage s = p.stages[0];
        s.id += "-" + std::to_string(p.stages.size());
        p.stages.push_back(s);
    }
    const std::string map = dir.file("long.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(doc, map)));
    const auto run = headless({"export", map, "--scale", "8", "-o", dir.file("long.png")});
    BOOST_TEST(run.exit_code == 1);
    BOOST_TEST(run.err.find("more than 32767 on a side: use --scale") != std::string::npos, run.err);
    BOOST_TEST(!fs::exists(dir.file("long.png")));
    // Without --scale it is drawn as large as fits, as the editor does.
    const auto fitted = headless({"export", map, "-o", dir.file("long.png")});
    BOOST_TEST_REQUIRE(fitted.exit_code == 0, fitted.err);
    const auto [w, h] = png_size(test::slurp(dir.file("long.png")));
    BOOST_TEST(std::max(w, h) <= 32767u);
    BOOST_TEST(std::max(w, h) > 32000u);
}
