#include "bpm/page_layout.h"

#include <algorithm>
#include <cmath>

#include "bpm/edit.h"
#include "bpm/journey_layout.h"
#include "bpm/summary.h"
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
// The sizes a summary's text is set in, largest first: it gives up a point to end on the page it
// starts on rather than leave a few lines on a page of their own.
const font summary_body_fonts[] = {{11, false}, {10.5, false}, {10, false}};
constexpr double paragraph_gap = 6;
// Page breaks in a summary follow the widow and orphan rule of book typography, with the values
// CSS prints with (the initial `orphans` and `widows` of CSS Fragmentation Level 3): a paragraph
// broken over two pages leaves at least two lines on each. Beyond a paragraph, the summary never
// leaves fewer than three of its lines on a page: what would is set smaller (above) or, when even
// that does not end it on the page, takes lines from the page before.
constexpr std::size_t orphans = 2;
constexpr std::size_t widows = 2;
constexpr std::size_t fewest_lines_alone = 3;

// Lines longer than this are hard to follow on a landscape page.
constexpr double reading_width = 640;
constexpr double label_width = 160;
constexpr double chip_width = 96;
// The paper the layout works on, in points: see page_setup.
constexpr double smallest_paper = 144;
constexpr double largest_paper = 14400;
// Drawing items of the pages page_groups keeps from counting, about two megabytes of them: the
// eight-persona sample's 35 pages hold 2,017 (0.4 MB).
constexpr std::size_t max_kept_items = 10000;

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
    if (height(b.lines.size(), true) > flow.remaining() && !flow.fresh()) flow.start(kind, layout::continued_heading(heading));
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
        flow.start(kind, layout::continued_heading(heading));
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
        flow.start(page_kind::cover, layout::continued_heading(heading));
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

// One line of a summary's text, as wrapped.
struct summary_line {
    std::string text;
    bool starts_paragraph = false;
};

// The summary's paragraphs wrapped w wide in f, and the height they take together (with the gaps
// between them).
std::vector<summary_line> wrap_summary(const std::string& text, double w, const font& f, const draw::text_measurer& m,
                                       double& height) {
    std::vector<summary_line> lines;
    height = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view para = trim(std::string_view(text).substr(start, nl - start));
        start = nl + 1;
        if (para.empty()) continue;
        if (!lines.empty()) height += paragraph_gap;
        bool first = true;
        for (std::string& line : draw::wrap_text(para, w, f, m)) {
            lines.push_back({std::move(line), first});
            first = false;
        }
    }
    height += layout::lines_height(m, f, lines.size());
    return lines;
}

// Where to end a page of the summary that has room for lines [from, fit) of all: earlier than fit
// when the lines after would break the rules above (widows, orphans, lines left alone), but
// never so early that the page shows none of them.
std::size_t summary_break(const std::vector<summary_line>& lines, std::size_t from, std::size_t fit) {
    const std::size_t n = lines.size();
    if (fit >= n) return n;
    std::size_t at = fit;
    if (n - at < fewest_lines_alone && n >= fewest_lines_alone) at = n - fewest_lines_alone;
    if (!lines[at].starts_paragraph) {
        std::size_t begin = at, end = at;
        while (begin > 0 && !lines[begin].starts_paragraph) --begin;
        while (end < n && (end == at || !lines[end].starts_paragraph)) ++end;
        if (end - at < widows) at = end >= widows ? end - widows : 0;
        if (at < begin || at - begin < orphans) at = begin;
    }
    return at > from ? at : std::max(fit, from + 1);
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

    // The largest size at which the summary ends on this page, else the largest; a summary far
    // longer than the page is not wrapped again in vain.
    font body = summary_body_fonts[0];
    double height = 0;
    std::vector<summary_line> lines = wrap_summary(text, w, body, m, height);
    if (height > flow.remaining() && height < flow.remaining() * 1.4) {
        for (std::size_t i = 1; i < std::size(summary_body_fonts); ++i) {
            double smaller_height = 0;
            std::vector<summary_line> smaller = wrap_summary(text, w, summary_body_fonts[i], m, smaller_height);
            if (smaller_height > flow.remaining()) continue;
            body = summary_body_fonts[i];
            lines = std::move(smaller);
            break;
        }
    }

    const double lh = m.line_height(body);
    for (std::size_t from = 0; from < lines.size();) {
        // The lines that fit below what the page holds, a paragraph's gap before each but its first.
        double y = flow.y();
        std::size_t fit = from;
        for (; fit < lines.size(); ++fit) {
            const double gap = fit > from && lines[fit].starts_paragraph ? paragraph_gap : 0;
            if (y + gap + lh > flow.bottom()) break;
            y += gap + lh;
        }
        if (fit == from && !flow.fresh()) {
            flow.start(page_kind::summary, layout::continued_heading(heading));
            continue;
        }
        const std::size_t end = summary_break(lines, from, fit);
        for (std::size_t i = from; i < end; ++i) {
            if (i > from && lines[i].starts_paragraph) flow.advance(paragraph_gap);
            flow.advance(put_text(flow.picture(), m, x, flow.y(), w, {std::move(lines[i].text)}, body, layout::ink));
        }
        from = end;
        if (from < lines.size()) flow.start(page_kind::summary, layout::continued_heading(heading));
    }
}

// What a comment is about as a heading: "Emma Rodriguez › Awareness › Duration"; a persona or
// stage the map lacks by its id.
std::string comment_place(const document& doc, const comment& c) {
    constexpr std::string_view separator = " \u203A ";
    const persona* p = doc.persona_by_id(c.persona_id);
    std::string place = p ? layout::display_name(*p) : "[" + c.persona_id + "]";
    if (!c.stage_id.empty()) {
        const stage* s = p ? p->stage_by_id(c.stage_id) : nullptr;
        place += std::string(separator) + (s ? (trim(s->name).empty() ? _("Unnamed stage") : std::string(trim(s->name)))
                                             : "[" + c.stage_id + "]");
    }
    if (c.field.empty()) return place;
    return place + std::string(separator) + comment_field_title(c);
}

// "Ana Müller · 20 Nov 2026, 09:15": who wrote a comment or reply, and when.
std::string byline(const std::string& author, const std::string& created_at) {
    // TRANSLATORS: who wrote a comment when the map does not say
    std::string by = trim(author).empty() ? _("Someone") : std::string(trim(author));
    if (!created_at.empty()) by += " \u00B7 " + readable_timestamp(created_at);
    return by;
}

// One line of the appendix of open comments, and whether a page may begin with it.
struct appendix_line {
    std::string text;
    double x = 0;
    const font* face = nullptr;
    draw::colour ink;
    double gap = 0;  // space above it, none at the top of a page; 0 within one wrapped text
    bool may_start_page = false;
};

// The appendix of open comments: each under its place, with its byline and text, and its replies
// indented below it; long texts wrap and go on over the next pages. A page breaks between
// comments, between a text and the reply after it, or within a text so as to leave at least
// `orphans` of its lines before the break and `widows` after it: a place, a byline and the first
// lines below them stay together. Only what cannot go on one page even so (a text of hundreds of
// lines, or tiny paper) breaks where the page is full.
void layout_open_comments(std::vector<page>& pages, const document& doc, const std::vector<const comment*>& comments,
                          const page_setup& setup, const draw::text_measurer& m) {
    // TRANSLATORS: heading of the printed appendix that lists the comments not yet resolved
    const std::string heading = _("Open comments");
    page_flow flow(pages, setup, m, heading);
    flow.start(page_kind::comments, heading);
    const double x = flow.left();
    const double w = std::min(flow.width(), reading_width);
    const double indent = std::min(24.0, w / 8);
    std::vector<appendix_line> lines;
    // A place or byline: a page may begin with it when may_start_page, never inside it.
    const auto label = [&](const std::string& text, double at, const font& f, double gap, draw::colour ink,
                           bool may_start_page) {
        for (std::string& l : draw::wrap_text(text, w - (at - x), f, m)) {
            lines.push_back({std::move(l), at, &f, ink, gap, may_start_page});
            gap = 0;
            may_start_page = false;
        }
    };
    const auto body = [&](const std::string& text, double at) {
        std::vector<std::string> wrapped = draw::wrap_text(text, w - (at - x), body_font, m);
        for (std::size_t i = 0; i < wrapped.size(); ++i)
            lines.push_back({std::move(wrapped[i]), at, &body_font, layout::ink, i == 0 ? 2.0 : 0.0,
                             i >= orphans && wrapped.size() - i >= widows});
    };
    for (const comment* c : comments) {
        label(comment_place(doc, *c), x, label_font, lines.empty() ? 0 : 14, layout::accent, true);
        label(byline(c->author, c->created_at), x, status_font, 2, layout::muted, false);
        body(c->text, x);
        for (const comment_reply& r : c->replies) {
            label(byline(r.author, r.created_at), x + indent, status_font, 6, layout::muted, true);
            body(r.text, x + indent);
        }
    }
    for (std::size_t from = 0; from < lines.size();) {
        // The lines that fit from here, then back to the last place a page may end.
        const auto gap_of = [&](std::size_t i) { return i == from && flow.fresh() ? 0.0 : lines[i].gap; };
        std::size_t fit = from;
        for (double y = flow.y(); fit < lines.size(); ++fit) {
            const double h = gap_of(fit) + m.line_height(*lines[fit].face);
            if (y + h > flow.bottom()) break;
            y += h;
        }
        std::size_t end = fit;
        while (end > from && end < lines.size() && !lines[end].may_start_page) --end;
        if (end == from) {
            if (!flow.fresh()) {
                flow.start(page_kind::comments, layout::continued_heading(heading));
                continue;
            }
            end = std::max(fit, from + 1);
        }
        // Each run of lines of one place, byline or text as one item.
        for (std::size_t i = from; i < end;) {
            std::size_t j = i + 1;
            while (j < end && lines[j].gap == 0 && lines[j].face == lines[i].face && lines[j].x == lines[i].x) ++j;
            flow.advance(gap_of(i));
            std::vector<std::string> run;
            for (std::size_t k = i; k < j; ++k) run.push_back(std::move(lines[k].text));
            flow.advance(put_text(flow.picture(), m, lines[i].x, flow.y(), w - (lines[i].x - x), std::move(run),
                                  *lines[i].face, lines[i].ink));
            i = j;
        }
        from = end;
        if (from < lines.size()) flow.start(page_kind::comments, layout::continued_heading(heading));
    }
}

// The open comments the appendix lists, in map order: those about the chosen personas, or all
// when all are.
std::vector<const comment*> open_comments(const document& doc, const std::vector<std::string>& persona_ids,
                                          const page_setup& setup) {
    std::vector<const comment*> open;
    if (!setup.open_comments) return open;
    for (const comment* c : comments_in_map_order(doc))
        if (!c->resolved && (persona_ids.empty() ||
                             std::find(persona_ids.begin(), persona_ids.end(), c->persona_id) != persona_ids.end()))
            open.push_back(c);
    return open;
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
    layout::layout_journey_pages(flow);
    layout_summary(flow);
}

// Whether a printout of these personas opens with an overview: when it compares two or more.
bool has_overview(const std::vector<const persona*>& chosen) { return chosen.size() > 1; }

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
    const std::vector<const persona*> chosen = choose(doc, persona_ids);
    const std::string title = footer_title(doc, setup);
    std::vector<page> pages;
    if (has_overview(chosen)) {
        const layout::overview_shape shape = layout::shape_overview(chosen, setup);
        for (layout::overview_start at; at.persona < chosen.size();)
            at = layout::add_overview_page(pages, chosen, shape, title, setup, m, at);
    }
    for (const persona* p : chosen) layout_group(pages, p, setup, m);
    if (const auto comments = open_comments(doc, persona_ids, setup); !comments.empty())
        layout_open_comments(pages, doc, comments, setup, m);
    add_footers(pages, 1, pages.size(), title, setup, m);
    return pages;
}

page_groups::page_groups(const document& doc, const std::vector<std::string>& persona_ids, const page_setup& setup,
                         const draw::text_measurer& m)
    : setup_(usable(setup)),
      m_(&m),
      chosen_(choose(doc, persona_ids)),
      doc_(&doc),
      open_comments_(open_comments(doc, persona_ids, setup)),
      title_(footer_title(doc, setup)) {
    first_page_.push_back(0);
}

result<page_groups> page_groups::lay_out(const document& doc, const std::vector<std::string>& persona_ids,
                                         const page_setup& setup, const draw::text_measurer& m,
                                         const progress_fn& progress) {
    page_groups groups(doc, persona_ids, setup, m);
    std::size_t kept_items = 0;
    const auto counted = [&](std::vector<page> pages) {
        groups.first_page_.push_back(groups.first_page_.back() + pages.size());
        for (const page& pg : pages) kept_items += pg.picture.items.size();
        groups.kept_.emplace_back();
        if (kept_items <= max_kept_items) groups.kept_.back() = std::move(pages);
    };
    const std::vector<const persona*>& chosen = groups.chosen_;
    if (has_overview(chosen)) {
        const layout::overview_shape shape = layout::shape_overview(chosen, groups.setup_);
        groups.overview_columns_ = shape.columns;
        groups.longest_cycle_days_ = shape.longest_days;
        for (layout::overview_start at; at.persona < chosen.size();) {
            groups.overview_.emplace_back(at.persona, at.band);
            std::vector<page> pages;
            at = layout::add_overview_page(pages, chosen, shape, groups.title_, groups.setup_, m, at);
            counted(std::move(pages));
        }
    }
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        std::vector<page> pages;
        layout_group(pages, chosen[i], groups.setup_, m);
        counted(std::move(pages));
        if (!keep_going(progress, i + 1, chosen.size())) return result<page_groups>::cancelled();
    }
    if (!groups.open_comments_.empty()) {
        std::vector<page> pages;
        layout_open_comments(pages, doc, groups.open_comments_, groups.setup_, m);
        counted(std::move(pages));
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
    if (pages.empty() && i < overview_.size())
        layout::add_overview_page(pages, chosen_, {overview_columns_, longest_cycle_days_}, title_, setup_, *m_,
                                  {overview_[i].first, overview_[i].second});
    else if (pages.empty() && i == overview_.size() + chosen_.size())
        layout_open_comments(pages, *doc_, open_comments_, setup_, *m_);
    else if (pages.empty())
        layout_group(pages, chosen_[i - overview_.size()], setup_, *m_);
    add_footers(pages, static_cast<int>(first_page_[i] + 1), page_count(), title_, setup_, *m_);
    return pages;
}

}  // namespace bpm
