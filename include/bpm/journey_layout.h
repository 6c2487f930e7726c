#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "bpm/drawing.h"
#include "bpm/model.h"

// The journey map: a persona's stages as cards in journey order, joined by arrows, under a
// header and a timeline. The layout is pure geometry in abstract units (points when printed,
// device-independent pixels on screen); renderers only draw the resulting items.
namespace bpm {

/// How to lay out a journey map; the defaults suit a screen of about 1,600 units.
struct journey_options {
    /// Widest a row of stage cards may grow before the next card starts a new row (NaN: one card).
    double max_row_width = 1500;
    /// Cards per row, overriding max_row_width when not 0 (the printout picks its own).
    std::size_t stages_per_row = 0;
    /// Width of one stage card (at least 120; infinite or NaN: the default).
    double card_width = 220;
    /// Most lines of one field's text, 0 for no limit; longer text ends with an ellipsis.
    std::size_t max_field_lines = 8;
    /// The first stage to show (the printout splits a long journey over pages).
    std::size_t first_stage = 0;
    /// How many stages to show from first_stage; npos shows the rest.
    std::size_t stage_count = npos;
    /// Whether to draw the persona's name and pain points above the timeline.
    bool show_header = true;
};

/// Where one stage was drawn, for hit testing and for scrolling a stage into view.
struct stage_region {
    std::string stage_id;
    std::size_t index = 0;  // in persona::stages
    draw::rect card;        // the whole card
    draw::rect segment;     // the stage's slice of the timeline band
};

/// An arrow from one stage's card to the next, as the path of line segments drawn for it.
struct stage_arrow {
    std::size_t from = 0;  // index in persona::stages
    std::size_t to = 0;
    std::vector<draw::point> path;  // starts on the `from` card, ends on the `to` card
};

/// A laid-out journey map.
struct journey_layout {
    draw::drawing picture;
    std::vector<stage_region> stages;  // in journey order
    std::vector<stage_arrow> arrows;
    std::size_t rows = 0;  // rows of stage cards

    /// The stage whose card or timeline segment contains p, or nullptr.
    const stage_region* stage_at(draw::point p) const;
    /// The region of the stage with this id, or nullptr.
    const stage_region* find(const std::string& stage_id) const;
};

/// The text of a journey map as wrapped and cut to fit, kept from one layout of the map to the
/// next so that laying it out again after an edit measures only the text that changed (the card
/// of the stage edited) rather than every card. Filled through one measurer: clear it when that
/// measurer's fonts or resolution change. Each layout drops what it did not use.
class journey_cache {
public:
    journey_cache();
    ~journey_cache();
    journey_cache(const journey_cache&) = delete;
    journey_cache& operator=(const journey_cache&) = delete;

    /// Forgets all the text kept.
    void clear();

private:
    friend class journey_text;
    struct store;
    std::unique_ptr<store> store_;
};

/// The outline that marks a card as selected: 5 units outside it, 2.5 wide, rounded like the card.
/// A view draws it over the laid-out map, so moving the selection lays nothing out again.
draw::box selection_outline(const draw::rect& card, draw::colour colour);

/// Lays out a persona's journey map, wrapping text with the renderer's measurer; with a cache,
/// the text earlier layouts wrapped through the same measurer is not measured again.
journey_layout layout_journey(const persona& p, const draw::text_measurer& m, const journey_options& options = {},
                              journey_cache* cache = nullptr);

/// Fill, outline and ink of a pain point chip, shared by the map and the printout.
struct category_colours {
    draw::colour fill;
    draw::colour outline;
    draw::colour ink;
};

/// The chip colours of a pain category (the GUI's pain point chips use the same hues).
category_colours pain_category_colours(pain_category c);

}  // namespace bpm
