#define BOOST_TEST_MODULE utf8
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "bpm/utf8.h"

using namespace bpm;

namespace {

// The code points of text as next_code_point reads them, one call each.
std::vector<char32_t> decoded(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_text_has_no_invalid_offset) {
    BOOST_TEST(find_invalid_utf8("") == std::string_view::npos);
    BOOST_TEST(is_valid_utf8("plain ASCII, long enough to be read eight bytes at a time"));
    BOOST_TEST(is_valid_utf8("Maison Éclat — 中文 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
}

BOOST_AUTO_TEST_CASE(the_offset_is_where_the_bad_sequence_starts) {
    BOOST_TEST(find_invalid_utf8("abc\xC0\xAF") == 3u);                 // overlong '/'
    BOOST_TEST(find_invalid_utf8("abcdefghij\xE0\x80\xAF") == 10u);     // overlong, three bytes
    BOOST_TEST(find_invalid_utf8("é\xED\xA0\x80") == 2u);               // a UTF-16 surrogate
    BOOST_TEST(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);            // past U+10FFFF
    BOOST_TEST(find_invalid_utf8("\xF8\x88\x80\x80\x80") == 0u);        // five-byte form
    BOOST_TEST(find_invalid_utf8("ok \xC3") == 3u);                     // cut at the end
    BOOST_TEST(find_invalid_utf8("ok \xE2\x82x") == 3u);                // cut by an ASCII byte
    BOOST_TEST(find_invalid_utf8("é\x80") == 2u);                       // a stray continuation byte
    BOOST_TEST(!is_valid_utf8("\xFF"));
}

BOOST_AUTO_TEST_CASE(decoding_yields_code_points_and_skips_one_byte_of_garbage) {
    BOOST_TEST((decoded("aé€\xF0\x9F\x98\x80") == std::vector<char32_t>{U'a', 0xE9, 0x20AC, 0x1F600}));
    BOOST_TEST((decoded("\xC0\xAF!") == std::vector<char32_t>{invalid_code_point, invalid_code_point, U'!'}));
    BOOST_TEST((decoded("\xE2\x82") == std::vector<char32_t>{invalid_code_point, invalid_code_point}));
}

BOOST_AUTO_TEST_CASE(encoding_round_trips) {
    std::string out;
    for (char32_t cp : {char32_t(U'a'), char32_t(0xE9), char32_t(0x20AC), char32_t(0x1F600)}) append_utf8(out, cp);
    BOOST_TEST(out == "aé€\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(characters_are_counted_and_stepped_over_whole) {
    BOOST_TEST(code_point_count("") == 0u);
    BOOST_TEST(code_point_count("Éclat €") == 7u);
    const std::string_view text = "aé€";
    BOOST_TEST(next_char_start(text, 0) == 1u);
    BOOST_TEST(next_char_start(text, 1) == 3u);
    BOOST_TEST(next_char_start(text, 3) == 6u);
    BOOST_TEST(previous_char_start(text, 6) == 3u);
    BOOST_TEST(previous_char_start(text, 3) == 1u);
    BOOST_TEST(previous_char_start(text, 1) == 0u);
}

BOOST_AUTO_TEST_CASE(shortened_text_ends_on_a_character_with_an_ellipsis) {
    BOOST_TEST(shorten("short", 5) == "short");
    BOOST_TEST(shorten("ééééé", 5) == "éé…");
    BOOST_TEST(shorten("abc def", 4) == "abc…");
    BOOST_TEST(shorten("abc\ndef", 4) == "abc…");
    BOOST_TEST(shorten("€uro", 2) == "…");
}

BOOST_AUTO_TEST_CASE(an_excerpt_is_one_line) {
    BOOST_TEST(one_line_excerpt("  Line one\n\n\tLine two  ", 100) == "Line one Line two");
    BOOST_TEST(one_line_excerpt("ok \xC3\x28 rest", 100) == "ok");
    BOOST_TEST(one_line_excerpt("Line one\nLine two", 9) == "Line one…");
}
