#pragma once
// Internal to the core: fills printed pages from the top down, shared by the parts of
// page_layout (cover, stage table, journey map, summary).

#include <string>
#include <vector>

#include "bpm/page_layout.h"
#include "layout_support.h"

namespace bpm::layout {

/// Fonts of the printed pages.
inline const draw::font heading_font{14, true};
inline const draw::font footer_font{8, false};

/// Height of the footer band above the bottom margin: a hairline and one line of text.
inline double footer_height(const draw::text_measurer& m) { return m.line_height(footer_font) + 14; }

/// The pages of one persona, filled from the top down.
class page_flow {
public:
    page_flow(std::vector<page>& pages, const page_setup& setup, const draw::text_measurer& m, const persona& p)
        : pages_(pages), setup_(setup), m_(m), persona_(p), name_(display_name(p)) {}

    /// Starts a page of this kind under a heading (none when empty); the persona's first page
    /// carries its bookmark.
    void start(page_kind kind, const std::string& heading) {
        page pg;
        pg.picture.width = setup_.width;
        pg.picture.height = setup_.height;
        pg.persona_id = persona_.id;
        pg.kind = kind;
        if (!started_) pg.bookmark = name_;
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
    const persona& who() const { return persona_; }
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
    const persona& persona_;
    std::string name_;
    bool started_ = false;
    double y_ = 0;
    double top_ = 0;
};

/// The stage table of the flow's persona: wrapped cells, the header row on every page.
void layout_stage_table(page_flow& flow);

}  // namespace bpm::layout
