#define BOOST_TEST_MODULE png_export
#include <boost/test/unit_test.hpp>

#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/journey_picture.h"
#include "bpm/png_export.h"
#include "ink_checks.h"
#include "test_support.h"

using namespace bpm;

namespace {

test::rgb_image drawn(const draw::drawing& d, double scale) {
    const result<std::string> png = to_png(d, scale, test::picture_fonts());
    BOOST_TEST_REQUIRE(bool(png), png.error());
    return test::decode_png(*png.value);
}

// The columns that hold any pixel darker than near-white.
std::pair<int, int> inked_columns(const test::rgb_image& image) {
    int first = image.width, last = -1;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (image.at(x, y)[0] < 200) {
                first = std::min(first, x);
                last = std::max(last, x);
            }
    return {first, last};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_image_is_the_drawing_times_the_scale_on_white) {
    draw::drawing d;
    d.width = 300.7;
    d.height = 100;
    d.items.push_back(draw::box{{10, 10, 50, 20}, {255, 0, 0}});
    for (const double scale : {1.0, 2.0, 0.5}) {
        const test::rgb_image image = drawn(d, scale);
        BOOST_TEST(image.width == static_cast<int>(300.7 * scale));
        BOOST_TEST(image.height == static_cast<int>(100 * scale));
        const std::uint8_t* corner = image.at(0, 0);
        BOOST_TEST((corner[0] == 255 && corner[1] == 255 && corner[2] == 255));
        const std::uint8_t* red = image.at(static_cast<int>(30 * scale), static_cast<int>(20 * scale));
        BOOST_TEST((red[0] == 255 && red[1] == 0 && red[2] == 0));
    }
}

BOOST_AUTO_TEST_CASE(a_line_of_text_fills_the_width_its_measurer_gave_it) {
    const std::string line = "Researches vendors online and compares pricing";
    const draw::font f{10, false};
    const double width = test::picture_fonts().width(line, f);
    for (const auto& [alignment, left] :
         {std::pair{draw::align::left, 20.0}, std::pair{draw::align::centre, 20.0 + (400 - width) / 2},
          std::pair{draw::align::right, 420 - width}}) {
        draw::drawing d;
        d.width = 440;
        d.height = 40;
        d.items.push_back(draw::text{{20, 10, 400, 12.5}, {line}, f, {0, 0, 0}, alignment});
        const auto [first, last] = inked_columns(drawn(d, 2));
        // Ink starts at the line's left edge and ends at its measured width, give or take the
        // side bearings of the first and last glyph.
        BOOST_TEST(first / 2.0 >= left - 0.5);
        BOOST_TEST(first / 2.0 <= left + 1.5);
        BOOST_TEST(last / 2.0 <= left + width + 0.5);
        BOOST_TEST(last / 2.0 >= left + width - 2);
    }
}

BOOST_AUTO_TEST_CASE(text_ink_stays_in_its_room_for_every_sample_persona_and_long_texts) {
    std::vector<persona> personas = test::picture_personas();
    for (const persona& p : personas) {
        const draw::drawing picture = journey_picture(p, test::picture_fonts());
        const std::string stray = test::stray_text_ink(drawn(picture, 2), drawn(test::without_text(picture), 2), picture, 2);
        BOOST_TEST(stray.empty(), p.name << ": " << stray);
    }
}

BOOST_AUTO_TEST_CASE(characters_no_font_has_are_drawn_as_the_measurer_counts_them) {
    // Control characters take no room; a character outside every font is "?"; the ink still
    // ends where the measurer says the line ends.
    const std::string line = std::string("tab\there \x01 and \xF0\x9F\x94\x8D search");
    const draw::font f{10, true};
    draw::drawing d;
    d.width = 300;
    d.height = 30;
    d.items.push_back(draw::text{{10, 5, 280, 12.5}, {line}, f, {0, 0, 0}});
    const auto [first, last] = inked_columns(drawn(d, 2));
    BOOST_TEST(first >= 19);
    BOOST_TEST(last / 2.0 <= 10 + test::picture_fonts().width(line, f) + 0.5);
}

BOOST_AUTO_TEST_CASE(sizes_no_image_can_have_are_refused) {
    draw::drawing d;
    d.width = 100;
    d.height = 100;
    for (const double scale : {0.0, -1.0, 400.0, std::nan("")}) {
        const result<std::string> png = to_png(d, scale, test::picture_fonts());
        BOOST_TEST(!png, scale);
        BOOST_TEST(png.error().find("pixels cannot be drawn") != std::string::npos, png.error());
    }
    BOOST_TEST(max_png_scale(d) == 327.67, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(default_png_scale(d) == 2.0);
    d.height = 20000;
    BOOST_TEST(default_png_scale(d) == 32767 / 20000.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_big_picture_tells_its_progress_and_can_be_cancelled) {
    draw::drawing d;
    d.width = 200;
    d.height = 400;
    for (int i = 0; i < 2500; ++i) d.items.push_back(draw::line{{0, 0}, {10, 10}, {0, 0, 0}, 1, false});
    std::vector<std::size_t> told;
    BOOST_TEST_REQUIRE(bool(to_png(d, 1, test::picture_fonts(), [&](std::size_t done, std::size_t total) {
        BOOST_TEST(total == 1000u);
        told.push_back(done);
        return true;
    })));
    BOOST_TEST_REQUIRE(!told.empty());
    BOOST_TEST(std::is_sorted(told.begin(), told.end()));
    BOOST_TEST(told.back() == 1000u);
    for (const std::size_t stop_at : {std::size_t(1), told.size() - 1}) {
        std::size_t calls = 0;
        const auto stopped = to_png(d, 1, test::picture_fonts(), [&](std::size_t, std::size_t) { return ++calls < stop_at; });
        BOOST_TEST(stopped.was_cancelled());
        BOOST_TEST(!stopped.value.has_value());
    }
}
