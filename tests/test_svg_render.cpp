#define BOOST_TEST_MODULE svg_render
#include <boost/test/unit_test.hpp>

#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/file_io.h"
#include "bpm/journey_picture.h"
#include "bpm/pdf_export.h"
#include "bpm/svg_export.h"
#include "ink_checks.h"
#include "test_support.h"

// The journey map's SVG as other programs read it: xmllint accepts it and rsvg draws each line
// where the layout put it, inside its card.
using namespace bpm;

namespace {

// rsvg's picture of the drawing's SVG at zoom pixels per unit.
test::rgb_image rendered(const test::temp_dir& dir, const draw::drawing& d, const std::string& name, double zoom) {
    const std::string svg = dir.file(name + ".svg"), png = dir.file(name + ".png");
    BOOST_TEST_REQUIRE(bool(write_file_atomic(svg, *to_svg(d).value)));
    const test::run_result r = test::run_program(BPM_RSVG_CONVERT, {"--zoom", std::to_string(zoom), "-o", png, svg});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    return test::decode_png(test::slurp(png));
}

}  // namespace

BOOST_AUTO_TEST_CASE(rsvg_draws_no_text_outside_its_room_for_any_sample_persona_or_long_texts) {
    test::temp_dir dir;
    std::vector<persona> personas = test::picture_personas();
    for (const persona& p : personas) {
        const draw::drawing picture = journey_picture(p, test::picture_fonts());
        const test::rgb_image with = rendered(dir, picture, "with", 2);
        BOOST_TEST_REQUIRE(std::abs(with.width - picture.width * 2) <= 1);
        const std::string stray =
            test::stray_text_ink(with, rendered(dir, test::without_text(picture), "without", 2), picture, 2);
        BOOST_TEST(stray.empty(), p.name << ": " << stray);
    }
}

BOOST_AUTO_TEST_CASE(xmllint_accepts_the_svg_of_awkward_text) {
    test::temp_dir dir;
    persona p = test::long_text_persona();
    p.stages[0].key_message = std::string("bell\x07, form feed\x0C, ]]> & \"quotes\" 'too' <b>not bold</b>");
    const std::string svg = dir.file("map.svg");
    BOOST_TEST_REQUIRE(bool(write_file_atomic(svg, *to_svg(journey_picture(p, test::picture_fonts())).value)));
    const test::run_result r = test::run_program(BPM_XMLLINT, {"--noout", svg});
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty(), r.err);
    BOOST_TEST(test::slurp(svg).find("&lt;b&gt;not bold&lt;/b&gt;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_svg_names_the_font_and_sizes_the_layout_measured_with) {
    const persona p = load_bpm(test::sample("nlyzer-b2b-personas.bpm")).value->personas[0];
    const draw::drawing picture = journey_picture(p, test::picture_fonts());
    const std::string svg = *to_svg(picture).value;
    BOOST_TEST(svg.find("font-family=\"DejaVu Sans, sans-serif\"") != std::string::npos);
    // Every size the drawing uses is declared as it is, and every laid-out line is one <tspan>.
    std::size_t lines = 0;
    for (const draw::item& it : picture.items)
        if (const auto* t = std::get_if<draw::text>(&it)) {
            lines += t->lines.size();
            char size[32];
            std::snprintf(size, sizeof size, "font-size=\"%g\"", t->face.size);
            BOOST_TEST(svg.find(size) != std::string::npos, size);
        }
    std::size_t spans = 0;
    for (std::size_t at = svg.find("<tspan"); at != std::string::npos; at = svg.find("<tspan", at + 1)) ++spans;
    BOOST_TEST(spans == lines);
}
