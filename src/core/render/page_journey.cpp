#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "bpm/drawing_transform.h"
#include "bpm/journey_layout.h"
#include "journey_parts.h"
#include "page_flow.h"

namespace bpm::layout {

namespace {

// The journey map on paper: as large as the page allows, up to a quarter above its design size
// (card text then prints at 12 points); never so small that its smallest text, the field labels,
// prints below 7 points, the smallest a reader takes in without effort at arm's length (issue
// 17's floor) — a journey too long for that is split over more pages.
constexpr double largest_scale = 1.25;
constexpr double smallest_text = 7;
constexpr double smallest_scale = smallest_text / smallest_font_size;
// Card widths are tried in steps, so that the many ways of cutting a journey into pages share
// the cards wrapped at each width; the widest keeps lines of card text at about 70 characters.
constexpr double card_width_step = 10;
constexpr double widest_card = 400;
// The most rows of cards on one page; more only make the cards smaller on a landscape page.
constexpr std::size_t most_rows = 3;

// A measurer that measures each piece of text once (advance_units, which is what wrapping asks
// for the PDF's fonts): planning a journey wraps the same cards at many widths.
class remembering_measurer final : public draw::text_measurer {
public:
    explicit remembering_measurer(const draw::text_measurer& m) : m_(m) {}

    double width(std::string_view text, const draw::font& f) const override { return m_.width(text, f); }
    double line_height(const draw::font& f) const override { return m_.line_height(f); }
    std::optional<unsigned long> advance_units(std::string_view text, const draw::font& f) const override {
        const auto [it, added] = units_[{f.size, f.bold}].try_emplace(std::string(text));
        if (added) it->second = m_.advance_units(text, f);
        return it->second;
    }

private:
    const draw::text_measurer& m_;
    mutable std::map<std::pair<double, bool>, std::unordered_map<std::string, std::optional<unsigned long>>> units_;
};

// A persona's journey with its cards wrapped at each card width asked for, each width once.
class journey_widths {
public:
    journey_widths(const persona& p, const draw::text_measurer& m) : m_(m), stages_(p, m_, without_header()) {}

    const journey_parts& at(double card_width) {
        std::unique_ptr<journey_parts>& parts = by_width_[card_width];
        if (!parts) parts = std::make_unique<journey_parts>(stages_, card_width);
        return *parts;
    }

private:
    static journey_options without_header() {
        journey_options o;
        o.show_header = false;
        return o;
    }

    remembering_measurer m_;
    journey_parts stages_;  // prepared once, never wrapped
    std::map<double, std::unique_ptr<journey_parts>> by_width_;
};

// How one page shows its part of a journey: its stages, cards per row and their width, and the
// scale at which the map fills the page's width or height.
struct journey_part {
    std::size_t first = 0;
    std::size_t count = 0;
    std::size_t per_row = 1;
    double card_width = narrowest_card;
    double scale = -std::numeric_limits<double>::infinity();
    double filled = 0;  // share of the page's body the map covers
};

// The map's size without the margin around it, which the page's own margin replaces.
part_size content_size(const journey_parts& parts, const journey_part& part) {
    const part_size s = parts.size(part.first, part.count, part.per_row);
    return {s.width - 2 * picture_margin, s.height - 2 * picture_margin};
}

// The largest picture of stages [first, first + count) in w × h points: for one to three rows,
// the card width that fills the page's width at a scale, and the scale that then fits its height,
// narrowed down in a few steps (wider cards wrap into fewer lines, so the map grows shorter);
// or the first picture at least `enough` large, for a plan that only asks whether it fits.
journey_part fit_part(journey_widths& widths, std::size_t first, std::size_t count, double w, double h,
                      double enough) {
    journey_part best{first, count};
    const auto consider = [&](const journey_part& p) {
        // A larger picture wins; of two about as large, the one that covers more of the page.
        if (p.scale > best.scale * 1.01 || (p.scale >= best.scale * 0.99 && p.filled > best.filled)) best = p;
    };
    std::size_t tried_per_row = 0;
    for (std::size_t rows = 1; rows <= std::min(most_rows, count) && best.scale < enough; ++rows) {
        journey_options o;
        o.stages_per_row = (count + rows - 1) / rows;
        const std::size_t per_row = cards_per_row(count, o);
        if (per_row == tried_per_row) continue;
        tried_per_row = per_row;
        // The map with cards as wide as fill the page at a scale; returns the scale it is drawn at.
        const auto at_scale = [&](double scale) {
            journey_part p{first, count, per_row};
            const double fill = std::floor(card_width_filling(w / scale, per_row) / card_width_step) * card_width_step;
            p.card_width = std::clamp(fill, narrowest_card, widest_card);
            const part_size size = content_size(widths.at(p.card_width), p);
            p.scale = std::min({w / size.width, h / size.height, largest_scale});
            p.filled = size.width * p.scale * size.height * p.scale / (w * h);
            consider(p);
            return p.scale;
        };
        // Too tall at the largest scale: from the scale that fits its height there (which wider
        // cards only make shorter), towards the largest, in two steps.
        double fits = at_scale(largest_scale), too_large = largest_scale;
        if (!(fits > 0) || fits >= largest_scale || best.scale >= enough) continue;
        fits = std::max(fits, at_scale(fits));
        for (int step = 0; step < 2 && best.scale < enough; ++step) {
            const double mid = (fits + too_large) / 2;
            if (at_scale(mid) >= mid) fits = mid;
            else too_large = mid;
        }
    }
    return best;
}

// A journey split evenly over pages, each part as large as it can be, and the smallest of them.
struct journey_plan {
    std::vector<journey_part> parts;
    double scale = std::numeric_limits<double>::infinity();
};

journey_plan plan_journey(journey_widths& widths, std::size_t n, std::size_t pages, double w, double h) {
    journey_plan plan;
    for (std::size_t k = 0; k < pages; ++k) {
        const std::size_t first = n * k / pages, count = n * (k + 1) / pages - first;
        plan.parts.push_back(fit_part(widths, first, count, w, h, std::numeric_limits<double>::infinity()));
        plan.scale = std::min(plan.scale, plan.parts.back().scale);
    }
    return plan;
}

// Whether every part of the journey split evenly over pages is at least `enough`, found with as
// few pictures tried as it takes.
bool reaches(journey_widths& widths, std::size_t n, std::size_t pages, double w, double h, double enough) {
    for (std::size_t k = 0; k < pages; ++k) {
        const std::size_t first = n * k / pages, count = n * (k + 1) / pages - first;
        if (!(fit_part(widths, first, count, w, h, enough).scale >= enough)) return false;
    }
    return true;
}

}  // namespace

void layout_journey_pages(page_flow& flow) {
    const persona& p = flow.who();
    const std::size_t n = p.stages.size();
    if (n == 0) return;
    const double w = flow.width(), h = flow.body_height_under_heading();
    journey_widths widths(p, flow.measurer());
    // The fewest pages at which every part's smallest text is at least 7 points, or, when no
    // split gets there, as large as one stage per page makes it. More pages give each part fewer
    // stages, so that, but for rare row breaks, the scale only grows with the pages: a bisection
    // finds the count with log n plans.
    const double wanted = reaches(widths, n, n, w, h, smallest_scale) ? smallest_scale : plan_journey(widths, n, n, w, h).scale;
    std::size_t fits = n;  // a plan of `fits` pages reaches wanted
    for (std::size_t fails = 0; fits - fails > 1;) {
        const std::size_t pages = fails + (fits - fails) / 2;
        (reaches(widths, n, pages, w, h, wanted) ? fits : fails) = pages;
    }
    // The bisection only asked whether each count fits; the parts of the one it chose are now made
    // as large as they can be, mostly from cards it wrapped already.
    const journey_plan plan = plan_journey(widths, n, fits, w, h);
    const std::size_t pages = plan.parts.size();
    for (const journey_part& part : plan.parts) {
        const std::string heading =
            pages == 1 ? format(_("Journey map: {1}"), flow.name())
                       // TRANSLATORS: heading of one page of a journey map printed over several pages
                       : format(_("Journey map: {1} (stages {2}–{3})"), flow.name(), std::to_string(part.first + 1),
                                std::to_string(part.first + part.count));
        flow.start(page_kind::journey_map, heading);
        const draw::drawing d = widths.at(part.card_width).layout(part.first, part.count, part.per_row).picture;
        const double content_w = d.width - 2 * picture_margin, content_h = d.height - 2 * picture_margin;
        // A heading that wraps leaves less room than planned; with none left at all, the map is
        // drawn as wide as the page, over the footer.
        double scale = std::min({part.scale, w / content_w, flow.remaining() / content_h});
        if (!(scale > 0)) scale = std::min(1.0, w / content_w);
        // The map's own margin gives way to the page's: its timeline starts under the heading.
        const double x = flow.left() + (w - content_w * scale) / 2 - picture_margin * scale;
        draw::embed(flow.picture(), d, scale, {x, flow.y() - picture_margin * scale});
        flow.advance(content_h * scale);
    }
}

}  // namespace bpm::layout
