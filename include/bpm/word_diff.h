#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bpm {

/// A piece of a word-level difference: text both versions have, or text only one of them has.
struct word_run {
    enum class kind { same, removed, added };
    kind what = kind::same;
    std::string text;

    bool operator==(const word_run& o) const { return what == o.what && text == o.text; }
};

/// Word pairs the comparison of two differing middles may weigh before it gives up on words.
inline constexpr std::size_t word_diff_max_cells = std::size_t(1) << 22;

/// The difference of two texts word by word (a word is a run of characters other than ASCII
/// white space), for showing: in order, the runs of words both have (with new_text's white space
/// before each), removed and added; a removed or added run starts with a word, the space before
/// it ending the run before. White space is not compared. A longest common subsequence of the
/// words between the common start and end, in time and memory (two bytes a pair) proportional to
/// the product of the two middles' word counts; past max_cells pairs the whole middle is one
/// removed and one added run, and when only white space differs so are the whole texts.
std::vector<word_run> word_diff(std::string_view old_text, std::string_view new_text,
                                std::size_t max_cells = word_diff_max_cells);

}  // namespace bpm
