#include "bpm/page_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bpm/drawing_transform.h"
#include "bpm/journey_layout.h"
#include "bpm/summary.h"
#include "journey_parts.h"
#include "page_flow.h"

namespace bpm {

namespace {

using draw::font;
using layout::page_flow;
using layout::put_text;

const font kicker_font{10, true};
const font title_font{26, true};
const font status_font{11, false};
const font stale_font{11, true};
const font section_font{13, true};
const font label_font{10, true};
const font body_font{11, false};
const font chip_font{8, true};

// Lines longer than this are hard to follow on a landscape page.
constexpr double reading_width = 640;
constexpr double label_width = 160;
constexpr double chip_width = 96;
// The paper the layout works on, in points: see page_setup.
constexpr double smallest_paper = 144;
constexpr double largest_paper = 14400;
// The journey map may shrink to half size before it is split over more pages.
constexpr double min_journey_scale = 0.5;
// Drawing items of the pages page_groups keeps from counting, about two megabytes of them: the
// eight-persona sample's 35 pages hold 2,017 (0.4 MB).
constexpr std::size_t max_kept_items = 10000;

std::string continued(const std::string& heading) { return format(_("{1} (continued)"), heading); }

// A block of the cover: lines of text, with something beside their first line (a label, a chip)
// that side() draws at the given top, side_height tall; gap follows the block.
struct side_block {
    std::vector<std::string> lines;
    double x = 0;
    double width = 0;
    const font* face = nullptr;
    double side_height = 0;
    double gap = 0;
    draw::colour ink = layout::ink;
};

// Adds a block at the flow's position, first moving to a continuation page when it does not fit
// on a page that already holds something. Lines that do not fit even on a page of their own go on
// to the next, at least one a page, so that nothing is lost however small the page.
template <class Side>
void add_block(page_flow& flow, page_kind kind, const std::string& heading, side_block b, Side side) {
    const draw::text_measurer& m = flow.measurer();
    const double lh = m.line_height(*b.face);
    const auto height = [&](std::size_t lines, bool first) {
        return std::max(first ? b.side_height : 0.0, layout::lines_height(m, *b.face, lines)) + b.gap;
    };
    if (height(b.lines.size(), true) > flow.remaining() && !flow.fresh()) flow.start(kind, continued(heading));
    side(flow.y());
    for (std::size_t from = 0, part = 0;; ++part) {
        std::size_t count = b.lines.size() - from;
        if (count > 1 && height(count, part == 0) > flow.remaining()) {
            const double room = std::floor((flow.remaining() - b.gap) / lh);
            if (!(room >= static_cast<double>(count))) count = room > 1 ? static_cast<std::size_t>(room) : 1;
        }
        const auto begin = b.lines.begin() + static_cast<std::ptrdiff_t>(from);
        put_text(flow.picture(), m, b.x, flow.y(), b.width, {begin, begin + static_cast<std::ptrdiff_t>(count)}, *b.face,
                 b.ink);
        from += count;
        if (from >= b.lines.size()) {
            flow.advance(height(count, part == 0));
            return;
        }
        flow.start(kind, continued(heading));
    }
}

void layout_cover(page_flow& flow) {
    const persona& p = flow.who();
    const draw::text_measurer& m = flow.measurer();
    const double x = flow.left();
    const double w = std::min(flow.width(), reading_width);
    flow.start(page_kind::cover, "");
    draw::drawing& d = flow.picture();
    // TRANSLATORS: small heading above the persona's name on the cover of a printout
    flow.advance(put_text(d, m, x, flow.y(), w, {draw::elide(_("Buyer persona"), w, kicker_font, m)}, kicker_font,
                          layout::accent) + 4);
    flow.advance(put_text(d, m, x, flow.y(), flow.width(), draw::wrap_text(flow.name(), flow.width(), title_font, m, 3),
                          title_font, layout::ink) + 4);

    std::string status = p.status == persona_status::completed ? _("Completed") : _("In progress");
    if (!p.last_updated_at.empty())
        status = format(_("{1} · last updated {2}"), status, readable_timestamp(p.last_updated_at));
    const std::string stages = format(_n("{1} buying stage", "{1} buying stages", p.stages.size()),
                                      std::to_string(p.stages.size()));
    const std::string heading = flow.name();
    add_block(flow, page_kind::cover, heading,
              {draw::wrap_text(status + " · " + stages, w, status_font, m), x, w, &status_font, 0, 10, layout::muted},
              [](double) {});
    add_block(flow, page_kind::cover, heading, {{}, x, w, &status_font, 0, 22}, [&](double y) {
        flow.picture().items.push_back(draw::line{{x, y}, {x + 64, y}, layout::accent, 3, false});
    });

    // On narrow paper the labels give up width before the values do.
    const double label_w = std::min(label_width, w / 3);
    const double chip_w = std::min(chip_width, label_w - 12);
    const double value_x = x + label_w;
    const double value_w = w - label_w;
    const std::pair<std::string, const std::string*> profile[] = {
        {_("Role"), &p.profile.role},
        {_("Organisation"), &p.profile.organisation},
        {_("Segment"), &p.profile.segment},
        {_("Primary success metric"), &p.profile.success_metric},
    };
    for (const auto& [label, value] : profile) {
        const std::string_view v = trim(*value);
        if (v.empty()) continue;
        auto label_lines = draw::wrap_text(label, label_w - 12, label_font, m);
        const double label_h = layout::lines_height(m, label_font, label_lines.size());
        add_block(flow, page_kind::cover, heading,
                  {draw::wrap_text(v, value_w, body_font, m), value_x, value_w, &body_font, label_h, 6}, [&](double y) {
                      put_text(flow.picture(), m, x, y + 1, label_w - 12, std::move(label_lines), label_font, layout::muted);
                  });
    }

    flow.advance(14);
    // The section heading stays with at least the first line below it.
    if (m.line_height(section_font) + 8 + m.line_height(body_font) > flow.remaining())
        flow.start(page_kind::cover, continued(heading));
    flow.advance(put_text(flow.picture(), m, x, flow.y(), w, draw::wrap_text(_("Pain points"), w, section_font, m),
                          section_font, layout::ink) + 8);
    if (p.pain_points.empty()) {
        flow.advance(put_text(flow.picture(), m, x, flow.y(), w, draw::wrap_text(_("None recorded."), w, body_font, m),
                              body_font, layout::faint));
        return;
    }
    for (const pain_point& pp : p.pain_points) {
        const std::string title = pain_category_title(pp.category);
        const std::string_view text = trim(pp.text);
        auto lines = draw::wrap_text(text.empty() ? std::string_view(layout::empty_mark) : text, value_w, body_font, m);
        const double chip_h = m.line_height(chip_font) + 6;
        add_block(flow, page_kind::cover, heading, {std::move(lines), value_x, value_w, &body_font, chip_h, 8},
                  [&](double y) {
                      if (title.empty()) return;
                      const category_colours c = pain_category_colours(pp.category);
                      flow.picture().items.push_back(draw::box{{x, y, chip_w, chip_h}, c.fill, c.outline, 1, chip_h / 2});
                      put_text(flow.picture(), m, x + 4, y + 3, chip_w - 8, {draw::elide(title, chip_w - 8, chip_font, m)},
                               chip_font, c.ink, draw::align::centre);
                  });
    }
}

// One page's part of a journey split over pages: its stages and its cards per row, chosen to
// give it the largest picture.
struct journey_part {
    std::size_t first = 0;
    std::size_t count = 0;
    std::size_t per_row = 0;
};

// A journey split evenly over pages, and the one scale at which every part fits.
struct journey_plan {
    std::vector<journey_part> parts;
    double scale = 0;
};

journey_plan plan_journey(const layout::journey_parts& journey, std::size_t pages, double w, double h) {
    journey_plan plan{{}, 1};
    const std::size_t n = journey.count();
    for (std::size_t k = 0; k < pages; ++k) {
        const std::size_t first = n * k / pages, count = n * (k + 1) / pages - first;
        // On a page with no room below its heading every scale is negative: the part keeps its
        // stages all the same.
        double best = -std::numeric_limits<double>::infinity();
        journey_part best_part{first, count, count};
        // One to three rows; more only make the cards smaller on a landscape page.
        for (std::size_t rows = 1; rows <= std::min<std::size_t>(3, count); ++rows) {
            journey_options o;
            o.stages_per_row = (count + rows - 1) / rows;
            const std::size_t per_row = layout::cards_per_row(count, o);
            const layout::part_size size = journey.size(first, count, per_row);
            const double scale = std::min({w / size.width, h / size.height, 1.0});
            if (scale > best) {
                best = scale;
                best_part = {first, count, per_row};
            }
        }
        plan.parts.push_back(best_part);
        plan.scale = std::min(plan.scale, best);
    }
    return plan;
}

void layout_journey_pages(page_flow& flow) {
    const persona& p = flow.who();
    const std::size_t n = p.stages.size();
    if (n == 0) return;
    const double w = flow.width(), h = flow.body_height_under_heading();
    journey_options options;
    options.show_header = false;
    const layout::journey_parts journey(p, flow.measurer(), options);
    // The fewest pages at which the map is at least min_journey_scale, or, when no split gets
    // there, as large as one stage per page makes it. More pages give each part fewer stages,
    // so that, but for rare row breaks, the scale only grows with the pages: a bisection finds
    // the count with log n plans of n stages each, where trying 1, 2, 3 ... pages took n².
    journey_plan plan = plan_journey(journey, n, w, h);
    const double wanted = std::min(min_journey_scale, plan.scale);
    for (std::size_t fails = 0, fits = n; fits - fails > 1;) {  // a plan of `fits` pages is wanted
        const std::size_t pages = fails + (fits - fails) / 2;
        journey_plan candidate = plan_journey(journey, pages, w, h);
        if (candidate.scale >= wanted) {
            fits = pages;
            plan = std::move(candidate);
        } else {
            fails = pages;
        }
    }
    const std::size_t pages = plan.parts.size();
    for (const journey_part& part : plan.parts) {
        const std::string heading =
            pages == 1 ? format(_("Journey map: {1}"), flow.name())
                       // TRANSLATORS: heading of one page of a journey map printed over several pages
                       : format(_("Journey map: {1} (stages {2}–{3})"), flow.name(), std::to_string(part.first + 1),
                                std::to_string(part.first + part.count));
        flow.start(page_kind::journey_map, heading);
        const draw::drawing d = journey.layout(part.first, part.count, part.per_row).picture;
        // A heading that wraps leaves less room than planned; with none left at all, the map is
        // drawn as wide as the page, over the footer.
        double scale = std::min({plan.scale, w / d.width, flow.remaining() / d.height});
        if (!(scale > 0)) scale = std::min(1.0, w / d.width);
        const double x = flow.left() + (w - d.width * scale) / 2;
        draw::embed(flow.picture(), d, scale, {x, flow.y()});
        flow.advance(d.height * scale);
    }
}

void layout_summary(page_flow& flow) {
    const persona& p = flow.who();
    const draw::text_measurer& m = flow.measurer();
    const std::string text = summary_text(p);
    std::string note = _("Generated from the stage table");
    if (has_ai_summary(p))
        note = p.summary->generated_at.empty()
                   ? _("Written by AI")
                   : format(_("Written by AI on {1}"), readable_timestamp(p.summary->generated_at));

    const std::string heading = format(_("Summary: {1}"), flow.name());
    flow.start(page_kind::summary, heading);
    const double x = flow.left();
    const double w = std::min(flow.width(), reading_width);
    flow.advance(put_text(flow.picture(), m, x, flow.y(), w, draw::wrap_text(note, w, status_font, m), status_font,
                          layout::muted) + 4);
    const std::string stale = stale_summary_note(p);
    if (!stale.empty())
        flow.advance(put_text(flow.picture(), m, x, flow.y(), w, draw::wrap_text(stale, w, stale_font, m), stale_font,
                              layout::warning));
    flow.advance(6);
    const double lh = m.line_height(body_font);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view para = trim(std::string_view(text).substr(start, nl - start));
        start = nl + 1;
        if (para.empty()) continue;
        for (std::string& line : draw::wrap_text(para, w, body_font, m)) {
            if (lh > flow.remaining()) flow.start(page_kind::summary, continued(heading));
            flow.advance(put_text(flow.picture(), m, x, flow.y(), w, {std::move(line)}, body_font, layout::ink));
        }
        flow.advance(6);
    }
}

// Numbers the pages from first_number of total and adds their footers.
void add_footers(std::vector<page>& pages, int first_number, std::size_t total, const std::string& title,
                 const page_setup& setup, const draw::text_measurer& m) {
    const double x = setup.margin;
    const double w = setup.width - 2 * setup.margin;
    const double lh = m.line_height(layout::footer_font);
    const double text_y = setup.height - setup.margin - lh;
    const double rule_y = text_y - 6;
    const std::string total_text = std::to_string(total);
    for (page& pg : pages) {
        pg.number = first_number++;
        draw::drawing& d = pg.picture;
        d.items.push_back(draw::line{{x, rule_y}, {x + w, rule_y}, layout::hairline, 0.5, false});
        const std::string number = draw::elide(format(_("Page {1} of {2}"), std::to_string(pg.number), total_text), w,
                                               layout::footer_font, m);
        const double number_w = m.width(number, layout::footer_font);
        put_text(d, m, x + w - number_w, text_y, number_w, {number}, layout::footer_font, layout::muted,
                 draw::align::right);
        const double title_w = w - number_w - 24;
        if (title_w > 0)
            put_text(d, m, x, text_y, title_w, {draw::elide(title, title_w, layout::footer_font, m)},
                     layout::footer_font, layout::muted);
    }
}

// The personas to print, in order, each once; a single nullptr when there is none.
std::vector<const persona*> choose(const document& doc, const std::vector<std::string>& persona_ids) {
    std::vector<const persona*> chosen;
    if (persona_ids.empty())
        for (const persona& p : doc.personas) chosen.push_back(&p);
    for (const std::string& id : persona_ids) {
        const persona* p = doc.persona_by_id(id);
        if (p && std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
    }
    if (chosen.empty()) chosen.push_back(nullptr);
    return chosen;
}

// Appends the pages of one persona (nullptr: the page that says there is none), without footers.
void layout_group(std::vector<page>& pages, const persona* p, const page_setup& setup, const draw::text_measurer& m) {
    if (!p) {
        // A printout always has a page, so that printers and PDF readers have something to show.
        const persona none;
        page_flow flow(pages, setup, m, none);
        flow.start(page_kind::cover, "");
        pages.back().bookmark.clear();
        put_text(flow.picture(), m, flow.left(), flow.y(), flow.width(),
                 draw::wrap_text(_("This map has no personas yet."), flow.width(), body_font, m), body_font,
                 layout::faint);
        return;
    }
    page_flow flow(pages, setup, m, *p);
    layout_cover(flow);
    layout::layout_stage_table(flow);
    layout_journey_pages(flow);
    layout_summary(flow);
}

// The setup brought within what the layout can fill: paper from the smallest that holds a few
// characters a line (2 inches) to PDF's largest page (200 inches), and a margin that leaves that
// smallest area inside it.
page_setup usable(page_setup s) {
    const auto paper = [](double v) {
        return std::isnan(v) ? smallest_paper : std::clamp(v, smallest_paper, largest_paper);
    };
    s.width = paper(s.width);
    s.height = paper(s.height);
    const double widest_margin = (std::min(s.width, s.height) - smallest_paper) / 2;
    s.margin = std::isnan(s.margin) ? 0 : std::clamp(s.margin, 0.0, widest_margin);
    return s;
}

std::string footer_title(const document& doc, const page_setup& setup) {
    std::string title(trim(setup.document_title));
    if (title.empty()) title = trim(doc.metadata.title);
    if (title.empty()) title = _("Buying process map");
    return title;
}

}  // namespace

std::vector<page> layout_pages(const document& doc, const std::vector<std::string>& persona_ids,
                               const page_setup& given, const draw::text_measurer& m) {
    const page_setup setup = usable(given);
    std::vector<page> pages;
    for (const persona* p : choose(doc, persona_ids)) layout_group(pages, p, setup, m);
    add_footers(pages, 1, pages.size(), footer_title(doc, setup), setup, m);
    return pages;
}

page_groups::page_groups(const document& doc, const std::vector<std::string>& persona_ids, const page_setup& setup,
                         const draw::text_measurer& m)
    : setup_(usable(setup)), m_(&m), chosen_(choose(doc, persona_ids)), title_(footer_title(doc, setup)) {
    first_page_.push_back(0);
    kept_.resize(chosen_.size());
}

result<page_groups> page_groups::lay_out(const document& doc, const std::vector<std::string>& persona_ids,
                                         const page_setup& setup, const draw::text_measurer& m,
                                         const progress_fn& progress) {
    page_groups groups(doc, persona_ids, setup, m);
    std::size_t kept_items = 0;
    for (std::size_t i = 0; i < groups.chosen_.size(); ++i) {
        std::vector<page> pages;
        layout_group(pages, groups.chosen_[i], groups.setup_, m);
        groups.first_page_.push_back(groups.first_page_.back() + pages.size());
        for (const page& pg : pages) kept_items += pg.picture.items.size();
        if (kept_items <= max_kept_items) groups.kept_[i] = std::move(pages);
        if (!keep_going(progress, i + 1, groups.chosen_.size())) return result<page_groups>::cancelled();
    }
    return result<page_groups>::success(std::move(groups));
}

std::size_t page_groups::group_of(std::size_t index) const {
    // first_page_ rises; the group is the last whose first page is at or before index.
    return static_cast<std::size_t>(std::upper_bound(first_page_.begin(), first_page_.end(), index) -
                                    first_page_.begin()) - 1;
}

std::vector<page> page_groups::group(std::size_t i) {
    std::vector<page> pages = std::move(kept_[i]);
    kept_[i].clear();
    if (pages.empty()) layout_group(pages, chosen_[i], setup_, *m_);
    add_footers(pages, static_cast<int>(first_page_[i] + 1), page_count(), title_, setup_, *m_);
    return pages;
}

}  // namespace bpm
