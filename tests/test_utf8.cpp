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

// find_invalid_utf8 checks many bytes at a time: wherever a character, valid or not, sits among
// them, and whatever follows it, it finds what checking one character after the other finds.
BOOST_AUTO_TEST_CASE(the_offset_is_found_wherever_the_sequence_sits) {
    const auto one_by_one = [](std::string_view text) {
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t n = utf8_char_bytes(text, i);
            if (n == 0) return i;
            i += n;
        }
        return std::string_view::npos;
    };
    const std::vector<std::string> pieces = {"\xC3\xA9",     "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xC3",     "\xA9",
                                             "\xE2\x80",     "\xC0\xAF",     "\xED\xA0\x80",     "\xFF",     "\xC3\xC3\xA9",
                                             "\xC2\xAB\xE9", "\xDF\xBF",     "\xF4\x90\x80\x80", "\xE0\xA0\x80",
                                             "\xE0\x80\xAF", "\xED\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80",
                                             "\xF4\x8F\xBF\xBF", "\xF5\x80\x80\x80", "\xEF\xBF\xBF", "\xE4\xB8\xAD\xE6\x96\x87"};
    for (const std::string& first : pieces)
        for (const std::string& second : {std::string(), std::string("\xC3\xA9"), std::string("\x80")})
            for (std::size_t k = 0; k < 40; ++k)
                // k or 64 + k bytes of ASCII, or k of two-byte characters (and an ASCII byte when k
                // is odd).
                for (const std::string& before : {std::string(k, 'a'), std::string(64 + k, 'a'), [&] {
                                                      std::string s;
                                                      while (s.size() + 2 <= k) s += "\xC3\xA9";
                                                      return s + std::string(k - s.size(), 'a');
                                                  }()}) {
                    const std::string text = before + first + std::string(k % 17, 'z') + second + std::string(80, 'y');
                    BOOST_TEST(find_invalid_utf8(text) == one_by_one(text), "k " << k << " piece " << first.size());
                    const std::string cut = before + first;  // ending with the piece
                    BOOST_TEST(find_invalid_utf8(cut) == one_by_one(cut), "k " << k << " piece " << first.size());
                }
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

BOOST_AUTO_TEST_CASE(a_files_text_loses_its_byte_order_mark_and_valid_utf8_is_kept) {
    const decoded_text plain = decode_text_file("\xEF\xBB\xBFM\xC3\xBCller, \xE2\x82\xAC");
    BOOST_TEST(plain.text == "Müller, €");
    BOOST_TEST((plain.encoding == decoded_text::source::utf8));
    BOOST_TEST(plain.guessed == 0u);
    BOOST_TEST(decode_text_file("").text.empty());
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_are_read_as_windows_1252) {
    // Excel's plain "CSV" in Western Europe; a UTF-8 file with one stray byte keeps its UTF-8.
    const decoded_text excel = decode_text_file("M\xFCller \x80 \x93quoted\x94 \x81");
    BOOST_TEST(excel.text == "Müller € “quoted” \xC2\x81");
    BOOST_TEST(excel.guessed == 5u);
    BOOST_TEST(excel.first_guess == 1u);
    const decoded_text mixed = decode_text_file("Caf\xC3\xA9 \xE9t\xE9");
    BOOST_TEST(mixed.text == "Café été");
    BOOST_TEST(mixed.first_guess == 6u);
}

BOOST_AUTO_TEST_CASE(utf16_with_a_byte_order_mark_is_decoded) {
    const decoded_text le = decode_text_file(std::string("\xFF\xFEM\0\xFC\0\x3D\xD8\x00\xDE", 10));
    BOOST_TEST((le.encoding == decoded_text::source::utf16le));
    BOOST_TEST(le.text == "Mü\xF0\x9F\x98\x80");
    BOOST_TEST(le.guessed == 0u);
    const decoded_text be = decode_text_file(std::string("\xFE\xFF\0M\xD8\x3D\0x\0", 9));
    BOOST_TEST((be.encoding == decoded_text::source::utf16be));
    BOOST_TEST(be.text == "M\xEF\xBF\xBDx\xEF\xBF\xBD");  // a lone surrogate and an odd last byte
    BOOST_TEST(be.guessed == 2u);
    BOOST_TEST(be.first_guess == 1u);
}
