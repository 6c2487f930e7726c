#define BOOST_TEST_MODULE api_key_mask
#include <boost/test/unit_test.hpp>

#include "bpm/api_key_mask.h"

using namespace bpm;

namespace {

const std::string key = "sk-test-SECRET-0123456789";

// The text fed to a masker in pieces of the given size, joined.
std::string masked_in_pieces(std::string_view text, std::size_t piece) {
    api_key_masker m(key);
    std::string out;
    for (std::size_t at = 0; at < text.size(); at += piece) out += m.feed(text.substr(at, piece));
    return out + m.finish();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_key_and_any_start_of_it_from_six_characters_are_masked) {
    BOOST_TEST(mask_api_key("key " + key + " end", key) == "key [API key] end");
    BOOST_TEST(mask_api_key(key + key, key) == "[API key][API key]");
    // A message cut short ends in a start of the key.
    BOOST_TEST(mask_api_key("provided: sk-test-SEC", key) == "provided: [API key]");
    BOOST_TEST(mask_api_key("provided: sk-tes…", key) == "provided: [API key]…");
    // Five characters say nothing about the key; the masking stops there.
    BOOST_TEST(mask_api_key("provided: sk-te", key) == "provided: sk-te");
    BOOST_TEST(mask_api_key("ssk-test-x", key) == "s[API key]x");
}

BOOST_AUTO_TEST_CASE(a_short_key_is_masked_whole_and_no_key_masks_nothing) {
    BOOST_TEST(mask_api_key("a abc abd", "abc") == "a [API key] abd");
    BOOST_TEST(mask_api_key("sk-test-SECRET", "") == "sk-test-SECRET");
    api_key_masker none;
    BOOST_TEST(none.feed("sk-") == "sk-");
    BOOST_TEST(none.finish().empty());
}

BOOST_AUTO_TEST_CASE(pieces_are_masked_as_the_whole_text_however_it_is_cut) {
    const std::string text = "Your key is " + key + ", or " + key.substr(0, 12) + "… and sk-te, then " + key +
                             key.substr(0, 7);
    const std::string whole = mask_api_key(text, key);
    BOOST_TEST(whole.find("SEC") == std::string::npos, whole);
    for (std::size_t piece = 1; piece <= text.size(); ++piece)
        BOOST_TEST(masked_in_pieces(text, piece) == whole, "pieces of " << piece);
}

BOOST_AUTO_TEST_CASE(no_piece_shows_a_part_of_a_key_split_between_pieces) {
    api_key_masker m(key);
    const std::string first = m.feed("Here: " + key.substr(0, 10));
    const std::string second = m.feed(key.substr(10) + " done");
    const std::string rest = m.finish();
    for (const std::string& shown : {first, second, rest}) BOOST_TEST(shown.find("sk-tes") == std::string::npos, shown);
    BOOST_TEST(first + second + rest == "Here: [API key] done");
}

BOOST_AUTO_TEST_CASE(held_back_bytes_never_split_a_character) {
    api_key_masker m(key);
    std::string out;
    const std::string text = "Ünïcödé ëvérÿwhérè, " + std::string(40, 'x') + " ✓";
    for (std::size_t at = 0; at < text.size(); ++at) {
        const std::string shown = m.feed(text.substr(at, 1));
        if (!shown.empty()) BOOST_TEST((static_cast<unsigned char>(shown.back()) & 0xC0) != 0xC0, shown);
        if (!shown.empty()) BOOST_TEST((static_cast<unsigned char>(shown.front()) & 0xC0) != 0x80, shown);
        out += shown;
    }
    BOOST_TEST(out + m.finish() == text);
}
