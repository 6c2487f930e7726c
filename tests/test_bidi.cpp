#define BOOST_TEST_MODULE bidi
#include <boost/test/unit_test.hpp>

#include "bpm/bidi.h"
#include "bpm/drawing.h"
#include "layout_checks.h"

using namespace bpm;

namespace {

// The drawn characters of a line, in UTF-8.
std::string drawn(std::string_view text, bool visual) {
    std::string out;
    for (const bidi::shaped_char& c : bidi::shape(text, visual).chars) append_utf8(out, c.drawn);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_right_to_left_text_needs_the_bidi_algorithm) {
    BOOST_TEST(!bidi::needs_bidi("Maison Éclat – 中文 🔍"));
    BOOST_TEST(bidi::needs_bidi("CFO מנהלת"));
    BOOST_TEST(bidi::needs_bidi("مديرة"));
    BOOST_TEST(bidi::needs_bidi(std::string(bidi::rtl_mark) + "10"));
}

BOOST_AUTO_TEST_CASE(a_paragraph_takes_the_direction_of_its_first_strong_character) {
    BOOST_TEST(bidi::is_rtl("מנהלת שיווק"));
    BOOST_TEST(bidi::is_rtl("10 ساعات"));
    BOOST_TEST(!bidi::is_rtl("CFO مدير"));
    BOOST_TEST(!bidi::is_rtl("10 %"));
    BOOST_TEST(bidi::is_rtl(std::string(bidi::rtl_mark) + "ROI 10"));
}

BOOST_AUTO_TEST_CASE(hebrew_is_drawn_right_to_left_and_mixed_runs_keep_their_order) {
    BOOST_TEST(drawn("שיווק", true) == "קוויש");
    BOOST_TEST(drawn("שיווק", false) == "שיווק");
    // A left-to-right paragraph: "CFO", then the Hebrew word reversed.
    BOOST_TEST(drawn("CFO מנהלת", true) == "CFO תלהנמ");
    // A right-to-left paragraph: the Hebrew word at the right, the number (still left to right) at the left.
    BOOST_TEST(drawn("חודשים 4", true) == "4 םישדוח");
}

BOOST_AUTO_TEST_CASE(arabic_letters_join_and_brackets_mirror) {
    // مدير: meem initial, dal final, yeh initial, reh final.
    BOOST_TEST(drawn("مدير", false) == "\uFEE3\uFEAA\uFEF3\uFEAE");
    BOOST_TEST(drawn("مدير", true) == "\uFEAE\uFEF3\uFEAA\uFEE3");
    // A bracket in right-to-left text is drawn mirrored.
    BOOST_TEST(drawn("(مدير)", true) == "(\uFEAE\uFEF3\uFEAA\uFEE3)");
}

BOOST_AUTO_TEST_CASE(a_lam_alef_ligature_stands_for_both_letters) {
    const bidi::shaped_line line = bidi::shape("لا", true);
    BOOST_TEST_REQUIRE(line.chars.size() == 1u);
    BOOST_TEST(static_cast<std::uint32_t>(line.chars[0].drawn) == 0xFEFBu);
    BOOST_TEST(line.chars[0].first == 0u);
    BOOST_TEST(line.chars[0].count == 2u);
}

BOOST_AUTO_TEST_CASE(broken_utf8_is_shaped_as_replacement_characters) {
    BOOST_TEST(drawn("\xFF" "مدير", false).substr(0, 3) == "\uFFFD");
}

BOOST_AUTO_TEST_CASE(wrapped_lines_keep_their_paragraphs_direction) {
    const test::fixed_measurer m;
    const draw::font f{10, false};
    // An Arabic paragraph whose second line starts with a Latin word: that line is marked right to left.
    const auto lines = draw::wrap_text("وفّر ROI 10", 5.5 * 6 + 1, f, m);
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[0] == "وفّر");
    BOOST_TEST(lines[1] == std::string(bidi::rtl_mark) + "ROI 10");
    BOOST_TEST(bidi::is_rtl(lines[1]));
    // A left-to-right paragraph whose second line starts with Hebrew is marked left to right.
    const auto mixed = draw::wrap_text("CFO מנהלת", 5.5 * 5 + 1, f, m);
    BOOST_TEST_REQUIRE(mixed.size() == 2u);
    BOOST_TEST(mixed[1] == std::string(bidi::ltr_mark) + "מנהלת");
    // Plain text is left alone.
    BOOST_TEST(draw::wrap_text("one two", 5.5 * 3 + 1, f, m) == (std::vector<std::string>{"one", "two"}));
}

BOOST_AUTO_TEST_CASE(right_to_left_lines_aligned_left_sit_at_the_right) {
    BOOST_TEST((draw::line_alignment(draw::align::left, "מנהלת שיווק") == draw::align::right));
    BOOST_TEST((draw::line_alignment(draw::align::left, "CFO مدير") == draw::align::left));
    BOOST_TEST((draw::line_alignment(draw::align::centre, "מנהלת") == draw::align::centre));
    BOOST_TEST((draw::line_alignment(draw::align::right, "Page 2") == draw::align::right));
}
