#pragma once
// Internal to the core: a journey map prepared once and laid out in parts, for layout_journey
// (one part: the stages it is asked for) and for the printed pages, which try many ways of
// cutting a long journey into pages before drawing the one they keep.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bpm/journey_layout.h"
#include "journey_text.h"

namespace bpm::layout {

/// Width and height of a laid-out part, in the journey map's units.
struct part_size {
    double width = 0;
    double height = 0;
};

/// The stages of a persona's journey with every card's text wrapped (when a part first needs it) and every duration parsed a
/// single time, so that measuring a part costs time linear in its stages, whatever was measured
/// before. Keeps references to the persona, the measurer and the cache, which must outlive it.
class journey_parts {
public:
    struct card_text;

    /// Prepares the stages that options.first_stage and options.stage_count choose (clamped to
    /// those there are), with the options' card width, lines per field, header and selection;
    /// with a cache, text wrapped by earlier parts through the same measurer is not measured again.
    journey_parts(const persona& p, const draw::text_measurer& m, const journey_options& options,
                  journey_cache* cache = nullptr);
    /// The stages that other prepared, their durations parsed already, with cards card_width wide
    /// (wrapped anew, without a cache).
    journey_parts(const journey_parts& other, double card_width);
    ~journey_parts();

    /// The first stage prepared (an index into persona::stages).
    std::size_t first() const { return first_; }
    /// How many stages are prepared.
    std::size_t count() const;

    /// The size of the map of `count` (at least 1) prepared stages from `first`, per_row cards
    /// (at least 1) to a row: the size of layout()'s picture, found without drawing the cards.
    part_size size(std::size_t first, std::size_t count, std::size_t per_row) const;
    /// The map of `count` prepared stages from `first`, per_row cards to a row.
    journey_layout layout(std::size_t first, std::size_t count, std::size_t per_row) const;

private:
    struct geometry;
    // Wraps the cards of stages [first, first + count) that are not wrapped yet.
    void wrap(std::size_t first, std::size_t count) const;
    // Draws the header (when the options want one) into header, and places the rest.
    geometry plan(std::size_t first, std::size_t count, std::size_t per_row, draw::drawing& header) const;

    const persona& persona_;
    const draw::text_measurer& m_;
    journey_text text_;  // measures all the text, through the cache when given one
    journey_options options_;
    std::size_t first_ = 0;
    // Each card's text, wrapped when a part first needs it: the printed pages try many card
    // widths, each for a few of the stages.
    mutable std::vector<card_text> texts_;
    mutable std::vector<bool> wrapped_;
    std::vector<std::optional<double>> days_;  // middle of each prepared stage's duration
    std::string caption_;                       // the timeline's caption, the whole cycle's length
};

/// Space around everything a journey map draws, in its units.
inline constexpr double picture_margin = 24;
/// The smallest font a journey map draws with (field labels, the timeline), in its units.
inline constexpr double smallest_font_size = 8;
/// The narrowest card a journey map draws.
inline constexpr double narrowest_card = 120;

/// The card width at which per_row cards (at least 1) and the gaps between them are `width` wide.
double card_width_filling(double width, std::size_t per_row);

/// The colour of stage index (0-based) of count, drifting from blue to teal along a journey; the
/// journey map's cards and timeline and the printed overview share it.
draw::colour stage_colour(std::size_t index, std::size_t count);

/// Cards in a row for n stages as the options ask (stages_per_row, else as many as fit in
/// max_row_width), spread evenly over the rows that takes.
std::size_t cards_per_row(std::size_t n, const journey_options& o);

}  // namespace bpm::layout
