#define BOOST_TEST_MODULE svg_export
#include <boost/test/unit_test.hpp>

#include <pugixml.hpp>

#include "bpm/journey_layout.h"
#include "bpm/svg_export.h"
#include "layout_checks.h"
#include "test_support.h"

using namespace bpm;

namespace {

pugi::xml_document parsed(const std::string& svg) {
    pugi::xml_document doc;
    const pugi::xml_parse_result r = doc.load_string(svg.c_str());
    BOOST_TEST_REQUIRE(bool(r), "not well-formed at byte " << r.offset << ": " << r.description());
    return doc;
}

draw::drawing one_text(std::vector<std::string> lines, draw::align a = draw::align::left) {
    draw::drawing d;
    d.width = 200;
    d.height = 100;
    d.items.push_back(draw::text{{10, 20, 180, 12.5 * static_cast<double>(lines.size())}, std::move(lines),
                                 draw::font{10, true}, {17, 34, 51}, a});
    return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_document_is_standalone_svg_of_the_drawings_size) {
    draw::drawing d;
    d.width = 640.5;
    d.height = 480;
    const auto doc = parsed(*to_svg(d).value);
    const pugi::xml_node svg = doc.child("svg");
    BOOST_TEST_REQUIRE(bool(svg));
    BOOST_TEST(svg.attribute("xmlns").value() == std::string("http://www.w3.org/2000/svg"));
    BOOST_TEST(svg.attribute("version").value() == std::string("1.1"));
    BOOST_TEST(svg.attribute("width").value() == std::string("640.5"));
    BOOST_TEST(svg.attribute("height").value() == std::string("480"));
    BOOST_TEST(svg.attribute("viewBox").value() == std::string("0 0 640.5 480"));
    BOOST_TEST(std::string(svg.attribute("font-family").value()).find("DejaVu Sans") == 0u);
}

BOOST_AUTO_TEST_CASE(text_is_escaped_and_keeps_its_characters) {
    const std::vector<std::string> lines = {"R&D <team> says \"hi\" 'there'", "Maison Éclat — 時間"};
    const std::string svg = *to_svg(one_text(lines)).value;
    BOOST_TEST(svg.find("R&amp;D &lt;team&gt; says") != std::string::npos);
    const auto doc = parsed(svg);
    const pugi::xml_node text = doc.child("svg").child("text");
    BOOST_TEST(text.attribute("font-weight").value() == std::string("bold"));
    BOOST_TEST(text.attribute("fill").value() == std::string("#112233"));
    std::vector<std::string> read;
    for (const pugi::xml_node span : text.children("tspan")) read.emplace_back(span.child_value());
    BOOST_TEST(read == lines, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_line_is_one_tspan_a_line_pitch_below_the_last) {
    const auto doc = parsed(*to_svg(one_text({"one", "two", "three"}, draw::align::centre)).value);
    const pugi::xml_node text = doc.child("svg").child("text");
    BOOST_TEST(text.attribute("text-anchor").value() == std::string("middle"));
    std::vector<double> ys;
    for (const pugi::xml_node span : text.children("tspan")) {
        BOOST_TEST(span.attribute("x").as_double() == 100.0);
        ys.push_back(span.attribute("y").as_double());
    }
    BOOST_TEST_REQUIRE(ys.size() == 3u);
    BOOST_TEST(ys[1] - ys[0] == 12.5, boost::test_tools::tolerance(0.01));
    BOOST_TEST(ys[2] - ys[1] == 12.5, boost::test_tools::tolerance(0.01));
    BOOST_TEST(ys[0] > 20.0);
    BOOST_TEST(ys[0] < 32.5);
}

BOOST_AUTO_TEST_CASE(characters_xml_cannot_carry_are_dropped) {
    const auto doc = parsed(*to_svg(one_text({std::string("bell\x07") + "ed"})).value);
    BOOST_TEST(doc.child("svg").child("text").child("tspan").child_value() == std::string("belled"));
}

BOOST_AUTO_TEST_CASE(boxes_are_rounded_rects_with_their_colours) {
    draw::drawing d;
    d.width = d.height = 100;
    d.items.push_back(draw::box{{1, 2, 30, 40}, {255, 0, 0, 128}, {0, 0, 255, 255}, 2, 6});
    d.items.push_back(draw::box{{5, 5, 10, 10}, {0, 0, 0, 0}, {0, 128, 0, 255}, 1, 0});
    const auto doc = parsed(*to_svg(d).value);
    const pugi::xml_node rounded = doc.child("svg").child("rect");
    BOOST_TEST(rounded.attribute("x").as_double() == 1.0);
    BOOST_TEST(rounded.attribute("height").as_double() == 40.0);
    BOOST_TEST(rounded.attribute("rx").as_double() == 6.0);
    BOOST_TEST(rounded.attribute("fill").value() == std::string("#ff0000"));
    BOOST_TEST(rounded.attribute("fill-opacity").as_double() == 0.5, boost::test_tools::tolerance(0.01));
    BOOST_TEST(rounded.attribute("stroke").value() == std::string("#0000ff"));
    BOOST_TEST(rounded.attribute("stroke-width").as_double() == 2.0);
    BOOST_TEST(!rounded.attribute("stroke-opacity"));
    const pugi::xml_node square = rounded.next_sibling("rect");
    BOOST_TEST(square.attribute("fill").value() == std::string("none"));
    BOOST_TEST(!square.attribute("rx"));
}

BOOST_AUTO_TEST_CASE(only_arrows_get_a_head) {
    draw::drawing d;
    d.width = d.height = 100;
    d.items.push_back(draw::line{{10, 50}, {90, 50}, {1, 2, 3}, 1.5, true});
    d.items.push_back(draw::line{{10, 60}, {90, 60}, {1, 2, 3}, 1, false});
    const auto doc = parsed(*to_svg(d).value);
    const pugi::xml_node svg = doc.child("svg");
    BOOST_TEST(std::distance(svg.children("line").begin(), svg.children("line").end()) == 2);
    const pugi::xml_node head = svg.child("polygon");
    BOOST_TEST_REQUIRE(bool(head));
    BOOST_TEST(!head.next_sibling("polygon"));
    BOOST_TEST(std::string(head.attribute("points").value()).find("90,50") == 0u);
    BOOST_TEST(head.attribute("fill").value() == std::string("#010203"));
}

BOOST_AUTO_TEST_CASE(a_journey_map_exports_every_text_line) {
    const persona p = test::rich_document().personas[0];
    const test::fixed_measurer m;
    const journey_layout j = layout_journey(p, m);
    const auto doc = parsed(*to_svg(j.picture).value);
    std::size_t lines = 0;
    for (const draw::text* t : test::texts(j.picture)) lines += t->lines.size();
    BOOST_TEST(doc.select_nodes("//tspan").size() == lines);
    BOOST_TEST(doc.select_nodes("//rect").size() > 0u);
    BOOST_TEST(doc.select_nodes("//polygon").size() == 1u);  // two stages, one arrow
}

BOOST_AUTO_TEST_CASE(a_long_drawing_tells_its_progress_and_can_be_cancelled) {
    draw::drawing d;
    d.width = d.height = 100;
    for (int i = 0; i < 2500; ++i) d.items.push_back(draw::line{{0, 0}, {10, 10}, {}, 1, false});
    std::vector<std::size_t> told;
    BOOST_TEST_REQUIRE(bool(to_svg(d, [&](std::size_t done, std::size_t total) {
        BOOST_TEST(total == 2500u);
        told.push_back(done);
        return true;
    })));
    // Every thousand items, and at the end.
    BOOST_TEST(told == (std::vector<std::size_t>{1000, 2000, 2500}), boost::test_tools::per_element());
    const auto stopped = to_svg(d, [](std::size_t, std::size_t) { return false; });
    BOOST_TEST(stopped.was_cancelled());
    BOOST_TEST(!stopped.value.has_value());
}

BOOST_AUTO_TEST_CASE(right_to_left_lines_keep_their_text_and_sit_at_the_right) {
    const auto doc = parsed(*to_svg(one_text({"CFO first", "מנהלת שיווק", "مديرة"}, draw::align::left)).value);
    const pugi::xml_node text = doc.child("svg").child("text");
    const pugi::xml_node ltr = text.first_child();
    BOOST_TEST(std::string(ltr.attribute("x").value()) == "10");
    BOOST_TEST(!ltr.attribute("direction"));
    // The renderer orders the logical text itself, right to left, from the area's right edge
    // ("start" in that direction).
    for (pugi::xml_node rtl = ltr.next_sibling(); rtl; rtl = rtl.next_sibling()) {
        BOOST_TEST(std::string(rtl.attribute("direction").value()) == "rtl");
        BOOST_TEST(std::string(rtl.attribute("text-anchor").value()) == "start");
        BOOST_TEST(std::string(rtl.attribute("x").value()) == "190");
    }
    BOOST_TEST(std::string(ltr.next_sibling().text().get()) == "מנהלת שיווק");
}
