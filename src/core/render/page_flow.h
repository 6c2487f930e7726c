#pragma once
// Internal to the core: fills printed pages from the top down, shared by the parts of
// page_layout (overview, cover, stage table, journey map, summary).

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bpm/page_layout.h"
#include "layout_support.h"

namespace bpm::layout {

/// Fonts of the printed pages.
inline const draw::font heading_font{14, true};
inline const draw::font footer_font{8, false};

/// The heading of a page that goes on with what the page before began.
inline std::string continued_heading(const std::string& heading) {
    // TRANSLATORS: heading of a page that continues what the page before began; {1} is that heading
    return format(_("{1} (continued)"), heading);
}

/// Height of the footer band above the bottom margin: a hairline and one line of text.
inline double footer_height(const draw::text_measurer& m) { return m.line_height(footer_font) + 14; }

/// The pages of one persona, or of what is about no one persona (the overview), filled from the
/// top down.
class page_flow {
public:
    page_flow(std::vector<page>& pages, const page_setup& setup, const draw::text_measurer& m, const persona& p)
        : pages_(pages), setup_(setup), m_(m), persona_(&p), name_(display_name(p)), bookmark_(name_) {}
    /// Pages of no persona, the first of which carries bookmark ("": none).
    page_flow(std::vector<page>& pages, const page_setup& setup, const draw::text_measurer& m, std::string bookmark)
        : pages_(pages), setup_(setup), m_(m), bookmark_(std::move(bookmark)) {}

    /// Starts a page of this kind under a heading (none when empty); the first page carries the
    /// bookmark.
    void start(page_kind kind, const std::string& heading) {
        page pg;
        pg.picture.width = setup_.width;
        pg.picture.height = setup_.height;
        if (persona_) pg.persona_id = persona_->id;
        pg.kind = kind;
        if (!started_) pg.bookmark = bookmark_;
        started_ = true;
        pages_.push_back(std::move(pg));
        y_ = setup_.margin;
        if (!heading.empty()) {
            y_ += put_text(picture(), m_, left(), y_, width(),
                           draw::wrap_text(heading, width(), heading_font, m_, 2), heading_font, ink);
            y_ += 10;
        }
        top_ = y_;
    }

    /// The height a page's body has below a heading of one line.
    double body_height_under_heading() const {
        return bottom() - setup_.margin - m_.line_height(heading_font) - 10;
    }

    draw::drawing& picture() { return pages_.back().picture; }
    const draw::text_measurer& measurer() const { return m_; }
    /// The persona of a flow constructed with one.
    const persona& who() const { return *persona_; }
    const std::string& name() const { return name_; }

    double left() const { return setup_.margin; }
    double width() const { return setup_.width - 2 * setup_.margin; }
    double y() const { return y_; }
    double bottom() const { return setup_.height - setup_.margin - footer_height(m_); }
    double remaining() const { return bottom() - y_; }
    /// True when nothing has been placed below the heading yet.
    bool fresh() const { return y_ == top_; }
    void advance(double h) { y_ += h; }

private:
    std::vector<page>& pages_;
    const page_setup& setup_;
    const draw::text_measurer& m_;
    const persona* persona_ = nullptr;
    std::string name_;
    std::string bookmark_;
    bool started_ = false;
    double y_ = 0;
    double top_ = 0;
};

/// The stage table of the flow's persona: wrapped cells, the header row on every page.
void layout_stage_table(page_flow& flow);

/// The journey map of the flow's persona on pages of its own, each filled by its part of the map.
void layout_journey_pages(page_flow& flow);

/// Where a page of the overview starts: a persona (an index into those printed) and the first
/// band of its stages on that page.
struct overview_start {
    std::size_t persona = 0;
    std::size_t band = 0;
};

/// What every page of the overview shares: the stage cells across a band, and the longest whole
/// cycle (its upper estimate in days, 0 when none is known), against which each cycle's bar is drawn.
struct overview_shape {
    std::size_t columns = 1;
    double longest_days = 0;
};

/// The shape of the overview of these personas on this paper, in one pass over their stages.
overview_shape shape_overview(const std::vector<const persona*>& personas, const page_setup& setup);

/// Appends the page of the overview that starts at from (the first page: {0, 0}) under a heading
/// naming title, and returns where the next page starts: {personas.size(), 0} after the last. The
/// overview opens a printout of several personas with personas down, their stages across (each
/// with its duration and what the buyer does) and each whole cycle; it is laid out a page at a
/// time, so that a printout of thousands of personas holds one page of it at once.
overview_start add_overview_page(std::vector<page>& pages, const std::vector<const persona*>& personas,
                                 const overview_shape& shape, const std::string& title, const page_setup& setup,
                                 const draw::text_measurer& m, overview_start from);

}  // namespace bpm::layout
