#pragma once
// Internal to the render layer: how a journey map wraps and cuts its text, through a
// journey_cache when the caller keeps one.

#include <string>
#include <string_view>
#include <vector>

#include "bpm/drawing.h"
#include "bpm/journey_layout.h"

namespace bpm {

/// Wraps and cuts the text of one layout of a journey map, keeping the results in a cache when
/// given one, and dropping from it what the layout did not use when the layout is done.
class journey_text {
public:
    /// Measures with m; cache may be null.
    journey_text(const draw::text_measurer& m, journey_cache* cache);
    ~journey_text();
    journey_text(const journey_text&) = delete;
    journey_text& operator=(const journey_text&) = delete;

    /// The measurer, for line heights.
    const draw::text_measurer& measurer() const { return m_; }
    /// As the measurer's width.
    double width(std::string_view text, const draw::font& f) const;
    /// As draw::wrap_text.
    std::vector<std::string> wrap(std::string_view text, double max_width, const draw::font& f,
                                  std::size_t max_lines = 0) const;
    /// As draw::elide.
    std::string elide(std::string_view line, double max_width, const draw::font& f) const;
    /// One line for a timeline segment: label shortened to fit, short_label instead when that
    /// leaves only a stub of label, or "" when not even an ellipsis fits.
    std::string segment_label(const std::string& label, const std::string& short_label, double max_width,
                              const draw::font& f) const;

private:
    const draw::text_measurer& m_;
    journey_cache* cache_;
};

}  // namespace bpm
