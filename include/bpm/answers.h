#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/model.h"

namespace bpm {

/// "yes", "y", "sure", "ok" -> true; "no", "n", "nope", "not now" -> false; anything else -> nullopt.
/// The translated "yes" and "no" count too.
std::optional<bool> parse_yes_no(std::string_view answer);

/// A whole number written as digits or as an English word up to twenty ("3", "three",
/// "3 stages", "Four."); nullopt for anything else.
std::optional<int> parse_count(std::string_view answer);

/// Index of the first option whose words include the answer (case-insensitive, surrounding
/// punctuation ignored), or of the option numbered by it ("1" is the first); nullopt when none.
std::optional<std::size_t> parse_option(std::string_view answer,
                                        std::initializer_list<std::initializer_list<std::string_view>> options);

/// The pain points of an answer such as "Financial: too expensive; wasting time": split at ';'.
/// A category named before a colon (its key or title in any case, optionally followed by "pain",
/// or one of a few words such as "expensive" or "slow") is taken off the text and kept; otherwise
/// the category is guess_pain_category's.
std::vector<pain_point> parse_pain_points(std::string_view answer);

/// The category a pain point's whole words or phrases clearly name ("too expensive" is financial,
/// "wasting time" productivity), or none: for no such words, or for words of two categories
/// ("manual reports cost us hours").
pain_category guess_pain_category(std::string_view text);

}  // namespace bpm
