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

/// The stages of a persona's journey with every card's text wrapped and every duration parsed a
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
    // Draws the header (when the options want one) into header, and places the rest.
    geometry plan(std::size_t first, std::size_t count, std::size_t per_row, draw::drawing& header) const;

    const persona& persona_;
    const draw::text_measurer& m_;
    journey_text text_;  // measures all the text, through the cache when given one
    journey_options options_;
    std::size_t first_ = 0;
    std::vector<card_text> texts_;
    std::vector<std::optional<double>> days_;  // middle of each prepared stage's duration
    std::string caption_;                       // the timeline's caption, the whole cycle's length
};

/// Cards in a row for n stages as the options ask (stages_per_row, else as many as fit in
/// max_row_width), spread evenly over the rows that takes.
std::size_t cards_per_row(std::size_t n, const journey_options& o);

}  // namespace bpm::layout
