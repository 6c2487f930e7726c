#include <algorithm>
#include <cmath>

#include "bpm/duration.h"
#include "journey_parts.h"
#include "page_flow.h"

namespace bpm::layout {

namespace {

using draw::font;

const font intro_font{10, false};
const font header_font{8.5, true};
const font name_font{9, true};
const font role_font{7.5, false};
const font stage_font{8, true};
const font duration_font{8, true};
const font action_font{7.5, false};
const font cycle_font{9, true};
const font note_font{7.5, false};

constexpr draw::colour zebra{246, 248, 251};
constexpr draw::colour arrow{148, 163, 184};

// The columns beside the stages, as shares of the width with a ceiling, and the gaps between.
constexpr double name_share = 0.18, widest_name = 150;
constexpr double cycle_share = 0.12, widest_cycle = 100;
constexpr double column_gap = 8;
// A stage cell holds about twenty characters a line at 7.5 to 8 points; the gap between two
// cells holds the arrow from one to the next.
constexpr double narrowest_cell = 92;
constexpr double cell_gap = 12;
constexpr double cell_pad = 4;
constexpr double band_gap = 5;
constexpr double row_pad = 5;
constexpr double bar_height = 4;
constexpr std::size_t name_lines = 2;
constexpr std::size_t role_lines = 1;

// Where the columns of an overview page go.
struct columns {
    double name_x, name_w;
    double stages_x, stages_w;
    double cycle_x, cycle_w;
    double cell_w;
};

columns place_columns(const page_setup& setup, std::size_t cells) {
    columns c{};
    const double w = setup.width - 2 * setup.margin;
    c.name_x = setup.margin;
    c.name_w = std::min(widest_name, w * name_share);
    c.cycle_w = std::min(widest_cycle, w * cycle_share);
    c.cycle_x = setup.margin + w - c.cycle_w;
    c.stages_x = c.name_x + c.name_w + column_gap;
    c.stages_w = std::max(0.0, c.cycle_x - column_gap - c.stages_x);
    const double n = static_cast<double>(cells);
    c.cell_w = std::max(0.0, (c.stages_w - (n - 1) * cell_gap) / n);
    return c;
}

std::string stage_title(const stage& s, std::size_t index) {
    const std::string_view name = trim(s.name);
    return format(_("{1}. {2}"), std::to_string(index + 1),
                  name.empty() ? placeholder_stage_name(index) : std::string(name));
}

// The first line of text as wrapped w wide, ending in an ellipsis when there is more, or the
// empty mark in faint ink when there is no text.
void put_line(draw::drawing& d, const draw::text_measurer& m, double x, double y, double w, std::string_view text,
              const font& f, draw::colour c) {
    const std::string_view t = trim(text);
    if (t.empty()) {
        put_text(d, m, x, y, w, {draw::elide(empty_mark, w, f, m)}, f, faint);
        return;
    }
    std::vector<std::string> line = draw::wrap_text(t, w, f, m, 1);
    line.resize(1);
    put_text(d, m, x, y, w, std::move(line), f, c);
}

double cell_height(const draw::text_measurer& m) {
    return 2 * cell_pad + m.line_height(stage_font) + m.line_height(duration_font) + m.line_height(action_font);
}

// A persona's row on one page: the blocks beside its stages, and how tall it is with k bands.
struct row_text {
    std::vector<std::string> name, role, cycle, note;
    double known_days = -1;  // the cycle's upper estimate; below 0 when unknown
    double side_height(const draw::text_measurer& m) const {
        const double left = lines_height(m, name_font, name.size()) + lines_height(m, role_font, role.size());
        const double right = lines_height(m, cycle_font, cycle.size()) + lines_height(m, note_font, note.size()) +
                             (known_days >= 0 ? 3 + bar_height : 0);
        return std::max(left, right);
    }
};

row_text row_of(const persona& p, bool continues, const columns& c, const draw::text_measurer& m) {
    row_text r;
    const std::string name = display_name(p);
    // The role, unless the name says it already; without one, the name has its line.
    const std::string_view role = trim(p.profile.role);
    if (!role.empty() && name.find(role) == std::string::npos)
        r.role = draw::wrap_text(role, c.name_w, role_font, m, role_lines);
    r.name = draw::wrap_text(continues ? continued_heading(name) : name, c.name_w, name_font, m,
                             r.role.empty() ? name_lines + role_lines : name_lines);
    if (continues) return r;
    const cycle_length cycle = total_duration(p);
    if (cycle.known) {
        r.cycle = draw::wrap_text(format_day_range(*cycle.known), c.cycle_w, cycle_font, m, 2);
        r.known_days = cycle.known->max_days;
    } else {
        r.cycle = {empty_mark};
    }
    if (cycle.stages_without_duration > 0)
        // TRANSLATORS: under a persona's whole buying cycle in the printed overview
        r.note = draw::wrap_text(format(_n("{1} stage without a duration", "{1} stages without a duration",
                                           cycle.stages_without_duration),
                                        std::to_string(cycle.stages_without_duration)),
                                 c.cycle_w, note_font, m, 2);
    return r;
}

double row_height(const row_text& r, std::size_t bands, const draw::text_measurer& m) {
    const double b = static_cast<double>(bands);
    return std::max(r.side_height(m), b * cell_height(m) + (b - 1) * band_gap) + 2 * row_pad;
}

void draw_cell(draw::drawing& d, const draw::text_measurer& m, const stage& s, std::size_t index, std::size_t count,
               double x, double y, double w) {
    const draw::colour c = stage_colour(index, count);
    d.items.push_back(draw::box{{x, y, w, cell_height(m)}, mix(white, c, 0.08), mix(white, c, 0.45), 0.75, 4});
    const double tx = x + cell_pad, tw = w - 2 * cell_pad;
    double ty = y + cell_pad;
    put_text(d, m, tx, ty, tw, {draw::elide(stage_title(s, index), tw, stage_font, m)}, stage_font, c);
    ty += m.line_height(stage_font);
    put_line(d, m, tx, ty, tw, s.duration, duration_font, ink);
    ty += m.line_height(duration_font);
    put_line(d, m, tx, ty, tw, s.buyer_actions, action_font, ink);
}

// Draws bands [first, first + bands) of p's stages and the blocks beside them at y.
void draw_row(draw::drawing& d, const draw::text_measurer& m, const persona& p, const row_text& r, std::size_t first,
              std::size_t bands, const overview_shape& shape, const columns& c, double y, double h, bool striped) {
    if (striped) d.items.push_back(draw::box{{c.name_x, y, c.cycle_x + c.cycle_w - c.name_x, h}, zebra, {0, 0, 0, 0}, 0, 0});
    d.items.push_back(draw::line{{c.name_x, y + h}, {c.cycle_x + c.cycle_w, y + h}, hairline, 0.5, false});
    const double top = y + row_pad;
    const double name_h = put_text(d, m, c.name_x, top, c.name_w, r.name, name_font, ink);
    put_text(d, m, c.name_x, top + name_h, c.name_w, r.role, role_font, muted);

    double cy = top + put_text(d, m, c.cycle_x, top, c.cycle_w, r.cycle, cycle_font, r.known_days >= 0 ? ink : faint);
    if (r.known_days >= 0) {
        cy += 3;
        d.items.push_back(draw::box{{c.cycle_x, cy, c.cycle_w, bar_height}, mix(white, accent, 0.15), {0, 0, 0, 0}, 0, bar_height / 2});
        const double share = shape.longest_days > 0 ? std::clamp(r.known_days / shape.longest_days, 0.0, 1.0) : 0;
        d.items.push_back(draw::box{{c.cycle_x, cy, std::max(bar_height, c.cycle_w * share), bar_height}, accent, {0, 0, 0, 0}, 0,
                                    bar_height / 2});
        cy += bar_height + 2;
    }
    put_text(d, m, c.cycle_x, cy, c.cycle_w, r.note, note_font, muted);

    const std::size_t n = p.stages.size();
    if (n == 0) {
        put_text(d, m, c.stages_x, top, c.stages_w,
                 draw::wrap_text(_("No buying stages mapped yet."), c.stages_w, action_font, m, 1), action_font, faint);
        return;
    }
    const double cell_h = cell_height(m);
    for (std::size_t band = first; band < first + bands; ++band) {
        const double by = top + static_cast<double>(band - first) * (cell_h + band_gap);
        const std::size_t begin = band * shape.columns, end = std::min(n, begin + shape.columns);
        for (std::size_t i = begin; i < end; ++i) {
            const double x = c.stages_x + static_cast<double>(i - begin) * (c.cell_w + cell_gap);
            draw_cell(d, m, p.stages[i], i, n, x, by, c.cell_w);
            if (i + 1 < end)
                d.items.push_back(draw::line{{x + c.cell_w + 2, by + cell_h / 2},
                                             {x + c.cell_w + cell_gap - 2, by + cell_h / 2}, arrow, 0.75, true});
        }
    }
}

std::size_t bands_of(const persona& p, const overview_shape& shape) {
    return std::max<std::size_t>(1, (p.stages.size() + shape.columns - 1) / shape.columns);
}

}  // namespace

overview_shape shape_overview(const std::vector<const persona*>& personas, const page_setup& setup) {
    overview_shape shape;
    std::size_t most_stages = 1;
    for (const persona* p : personas) {
        most_stages = std::max(most_stages, p->stages.size());
        if (const cycle_length cycle = total_duration(*p); cycle.known)
            shape.longest_days = std::max(shape.longest_days, cycle.known->max_days);
    }
    const double stages_w = place_columns(setup, 1).stages_w;
    const double fit = std::floor((stages_w + cell_gap) / (narrowest_cell + cell_gap));
    shape.columns = std::clamp<std::size_t>(fit >= 1 ? static_cast<std::size_t>(fit) : 1, 1, most_stages);
    return shape;
}

overview_start add_overview_page(std::vector<page>& pages, const std::vector<const persona*>& personas,
                                 const overview_shape& shape, const std::string& title, const page_setup& setup,
                                 const draw::text_measurer& m, overview_start from) {
    const bool first_page = from.persona == 0 && from.band == 0;
    // TRANSLATORS: the bookmark of the overview page in a PDF's outline
    page_flow flow(pages, setup, m, first_page ? _("Overview") : std::string());
    // TRANSLATORS: heading of the page that opens a printout of several personas; {1} is the map's title
    const std::string heading = format(_("Overview: {1}"), title);
    flow.start(page_kind::overview, first_page ? heading : continued_heading(heading));
    draw::drawing& d = flow.picture();
    const columns c = place_columns(setup, shape.columns);
    const double header_h = m.line_height(header_font) + 2 * cell_pad;
    const double smallest_row = header_h + cell_height(m) + 2 * row_pad;
    if (first_page) {
        const std::string intro =
            format(_n("{1} persona: each buying stage with how long it takes and what the buyer does, and the whole "
                      "buying cycle.",
                      "{1} personas: each one's buying stages with how long they take and what the buyer does, and "
                      "the whole buying cycle.",
                      personas.size()),
                   std::to_string(personas.size()));
        std::vector<std::string> lines = draw::wrap_text(intro, flow.width(), intro_font, m, 3);
        // On paper too small for it and a row of stages, the intro gives way.
        if (lines_height(m, intro_font, lines.size()) + 8 + smallest_row <= flow.remaining())
            flow.advance(put_text(d, m, flow.left(), flow.y(), flow.width(), std::move(lines), intro_font, muted) + 8);
    }

    // TRANSLATORS: column headings of the printed overview: the persona, its stages in order, and
    // how long its whole buying cycle takes
    const std::vector<std::string> names = {_("Persona"), _("Buying stages: duration and what the buyer does"),
                                            _("Whole cycle")};
    d.items.push_back(draw::box{{c.name_x, flow.y(), c.cycle_x + c.cycle_w - c.name_x, header_h}, accent, {0, 0, 0, 0}, 0, 0});
    const double xs[] = {c.name_x, c.stages_x, c.cycle_x}, ws[] = {c.name_w, c.stages_w, c.cycle_w};
    for (std::size_t i = 0; i < names.size(); ++i)
        put_text(d, m, xs[i], flow.y() + cell_pad, ws[i], {draw::elide(names[i], ws[i], header_font, m)}, header_font,
                 white);
    flow.advance(header_h);

    const double page_room = flow.remaining();
    bool placed = false;
    while (from.persona < personas.size()) {
        const persona& p = *personas[from.persona];
        const std::size_t bands = bands_of(p, shape);
        const row_text r = row_of(p, from.band > 0, c, m);
        // A row goes whole onto the next page when it fits there; one taller than a page goes on
        // band by band, at least one a page.
        std::size_t fit = bands - from.band;
        const bool fits_a_page = row_height(r, fit, m) <= page_room;
        while (fit > 0 && row_height(r, fit, m) > flow.remaining()) --fit;
        if (placed && (fit == 0 || (fit < bands - from.band && fits_a_page))) break;
        fit = std::max<std::size_t>(fit, 1);
        const double h = row_height(r, fit, m);
        draw_row(d, m, p, r, from.band, fit, shape, c, flow.y(), h, from.persona % 2 == 1);
        flow.advance(h);
        placed = true;
        from.band += fit;
        if (from.band < bands) break;
        from = {from.persona + 1, 0};
    }
    return from;
}

}  // namespace bpm::layout
