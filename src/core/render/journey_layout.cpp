#include "bpm/journey_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "bpm/duration.h"
#include "bpm/utf8.h"
#include "journey_parts.h"
#include "layout_support.h"

namespace bpm {

namespace {

using draw::colour;
using draw::font;
using draw::point;
using draw::rect;
using layout::put_text;

constexpr double margin = layout::picture_margin;
constexpr double gap_x = 44;             // room for an arrow between two cards
constexpr double gap_y = 44;             // room for the elbow that joins two rows
constexpr double min_inner_width = 520;  // so that the header reads well above a single card
constexpr double min_card_width = layout::narrowest_card;  // below this a card holds a word or two per line
constexpr double min_segment_width = 40;
constexpr double segment_gap = 2;
constexpr double segment_pad = 5;
constexpr double card_radius = 8;
constexpr double card_pad = 10;
constexpr double lane_inset = 6;
constexpr double lane_pad = 8;
constexpr double field_gap = 6;
constexpr double chip_pad = 7;
constexpr double chip_gap = 6;
constexpr double chip_max_width = 300;
constexpr std::size_t lane_fields = 3;

const font name_font{22, true};
const font subtitle_font{11, false};
const font chip_title_font{8, true};
const font chip_font{9, false};
const font caption_font{9, true};
const font segment_title_font{8, true};
const font segment_font{8, false};
const font card_title_font{12, true};
const font lane_title_font{8, true};
const font label_font{8, true};
const font value_font{9.5, false};

constexpr colour shadow{15, 23, 42, 20};
constexpr colour card_outline{203, 213, 225};
constexpr colour arrow_colour{148, 163, 184};

struct lane {
    std::array<stage_field, lane_fields> fields;
    colour fill;
    colour ink;
};

const std::array<lane, 2> lanes = {{
    {{stage_field::buyer_actions, stage_field::duration, stage_field::key_influencers}, {238, 244, 251}, {46, 90, 136}},
    {{stage_field::seller_actions, stage_field::content_type, stage_field::key_message}, {253, 245, 233}, {168, 102, 26}},
}};

std::string lane_title(std::size_t lane_index) {
    // TRANSLATORS: heading of the part of a journey map card that says what the buyer does
    if (lane_index == 0) return _("Buyer");
    // TRANSLATORS: heading of the part of a journey map card that says what the seller does
    return _("Seller");
}

// The options with sizes a layout can use: a card width that is no number is the default one, and
// a row width that is none holds one card.
journey_options usable(journey_options o) {
    if (!std::isfinite(o.card_width)) o.card_width = journey_options{}.card_width;
    o.card_width = std::max(o.card_width, min_card_width);
    if (std::isnan(o.max_row_width)) o.max_row_width = 0;
    return o;
}

std::string stage_title(const stage& s, std::size_t index) {
    const std::string_view name = trim(s.name);
    // TRANSLATORS: a stage's number and name on a journey map ("2. Consideration")
    return format(_("{1}. {2}"), std::to_string(index + 1),
                  name.empty() ? placeholder_stage_name(index) : std::string(name));
}

}  // namespace

// A card's text, wrapped once and reused for measuring and drawing.
struct layout::journey_parts::card_text {
    std::vector<std::string> title;
    std::array<std::vector<std::string>, 2 * lane_fields> values;
    std::array<bool, 2 * lane_fields> empty{};
};

namespace {

using card_text = layout::journey_parts::card_text;

card_text wrap_card(const stage& s, std::size_t index, const journey_text& text, const journey_options& o) {
    card_text t;
    const double inner = o.card_width - 2 * card_pad;
    t.title = text.wrap(stage_title(s, index), inner, card_title_font, 2);
    const double field_width = o.card_width - 2 * (lane_inset + lane_pad);
    for (std::size_t l = 0; l < lanes.size(); ++l)
        for (std::size_t f = 0; f < lane_fields; ++f) {
            const std::size_t k = l * lane_fields + f;
            const std::string_view value = trim(s.field(lanes[l].fields[f]));
            t.empty[k] = value.empty();
            t.values[k] = t.empty[k] ? std::vector<std::string>{layout::empty_mark}
                                     : text.wrap(value, field_width, value_font, o.max_field_lines);
        }
    return t;
}

// Heights shared by the cards of one row, so that their lanes and fields line up.
struct row_metrics {
    double title = 0;
    std::array<double, 2 * lane_fields> field{};
    std::array<double, 2> lane{};
    double card = 0;
};

row_metrics measure_row(const card_text* cards, std::size_t begin, std::size_t end, const draw::text_measurer& m) {
    row_metrics r;
    std::size_t title_lines = 1;
    for (std::size_t i = begin; i < end; ++i) title_lines = std::max(title_lines, cards[i].title.size());
    r.title = layout::lines_height(m, card_title_font, title_lines) + 2 * card_pad;
    for (std::size_t k = 0; k < r.field.size(); ++k) {
        std::size_t lines = 1;
        for (std::size_t i = begin; i < end; ++i) lines = std::max(lines, cards[i].values[k].size());
        r.field[k] = m.line_height(label_font) + 1 + layout::lines_height(m, value_font, lines);
    }
    r.card = r.title;
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        r.lane[l] = 2 * lane_pad + m.line_height(lane_title_font) + 4;
        for (std::size_t f = 0; f < lane_fields; ++f) r.lane[l] += r.field[l * lane_fields + f];
        r.lane[l] += (lane_fields - 1) * field_gap;
        r.card += lane_inset + r.lane[l];
    }
    r.card += lane_inset;
    return r;
}

void draw_card(draw::drawing& d, const rect& card, const card_text& t, const row_metrics& r, colour head,
               const draw::text_measurer& m) {
    d.items.push_back(draw::box{{card.x + 2, card.y + 3, card.w, card.h}, shadow, {0, 0, 0, 0}, 0, card_radius});
    d.items.push_back(draw::box{card, layout::white, {0, 0, 0, 0}, 0, card_radius});
    d.items.push_back(draw::box{{card.x, card.y, card.w, r.title}, head, {0, 0, 0, 0}, 0, card_radius});
    // Squares the header's lower corners, where it meets the lanes.
    d.items.push_back(draw::box{{card.x, card.y + r.title - card_radius, card.w, card_radius}, head, {0, 0, 0, 0}, 0, 0});
    put_text(d, m, card.x + card_pad, card.y + card_pad, card.w - 2 * card_pad, t.title, card_title_font, layout::white);

    double y = card.y + r.title;
    const double lane_x = card.x + lane_inset;
    const double lane_w = card.w - 2 * lane_inset;
    const double text_x = lane_x + lane_pad;
    const double text_w = lane_w - 2 * lane_pad;
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        y += lane_inset;
        d.items.push_back(draw::box{{lane_x, y, lane_w, r.lane[l]}, lanes[l].fill, {0, 0, 0, 0}, 0, 5});
        double fy = y + lane_pad;
        fy += put_text(d, m, text_x, fy, text_w, {lane_title(l)}, lane_title_font, lanes[l].ink) + 4;
        for (std::size_t f = 0; f < lane_fields; ++f) {
            const std::size_t k = l * lane_fields + f;
            const double label_h =
                put_text(d, m, text_x, fy, text_w, {stage_field_title(lanes[l].fields[f])}, label_font, layout::muted);
            put_text(d, m, text_x, fy + label_h + 1, text_w, t.values[k], value_font,
                     t.empty[k] ? layout::faint : layout::ink);
            fy += r.field[k] + field_gap;
        }
        y += r.lane[l];
    }
    d.items.push_back(draw::box{card, {0, 0, 0, 0}, card_outline, 1, card_radius});
}

// Widths proportional to the stages' durations, none narrower than the minimum; stages without
// an understood duration count as long as the average known stage (all equal when none is known).
std::vector<double> segment_widths(const std::vector<std::optional<double>>& days, double total) {
    const std::size_t n = days.size();
    std::vector<double> widths(n, 0);
    if (n == 0) return widths;
    double known_sum = 0;
    std::size_t known = 0;
    for (const auto& d : days)
        if (d && *d > 0) {
            known_sum += *d;
            ++known;
        }
    const double fallback = known > 0 ? known_sum / static_cast<double>(known) : 1;
    std::vector<double> weight(n);
    for (std::size_t i = 0; i < n; ++i) weight[i] = days[i] && *days[i] > 0 ? *days[i] : fallback;

    const double minimum = std::min(min_segment_width, total / static_cast<double>(n));
    std::vector<bool> pinned(n, false);
    for (;;) {
        double free_width = total, free_weight = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (pinned[i]) free_width -= minimum;
            else free_weight += weight[i];
        }
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (pinned[i]) continue;
            widths[i] = free_width * weight[i] / free_weight;
            if (widths[i] < minimum) {
                pinned[i] = true;
                changed = true;
            }
        }
        if (!changed) break;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (pinned[i]) widths[i] = minimum;
    return widths;
}

// One line in a segment, or nothing when not even an ellipsis fits.
void put_segment_label(draw::drawing& d, const journey_text& text, const rect& area, const std::string& label,
                       const std::string& short_label, const font& f, colour c) {
    std::string line = text.segment_label(label, short_label, area.w, f);
    if (!line.empty()) put_text(d, text.measurer(), area.x, area.y, area.w, {std::move(line)}, f, c, draw::align::centre);
}

double draw_header(draw::drawing& d, const persona& p, const journey_text& text, double x0, double y,
                   double width) {
    const draw::text_measurer& m = text.measurer();
    y += put_text(d, m, x0, y, width, text.wrap(layout::display_name(p), width, name_font, 2), name_font,
                  layout::ink);
    std::string subtitle;
    for (const std::string* part : {&p.profile.role, &p.profile.organisation, &p.profile.segment}) {
        const std::string_view t = trim(*part);
        if (t.empty()) continue;
        if (!subtitle.empty()) subtitle += " · ";
        subtitle += t;
    }
    if (!subtitle.empty())
        y += 2 + put_text(d, m, x0, y + 2, width, text.wrap(subtitle, width, subtitle_font, 2), subtitle_font,
                          layout::muted);
    y += 10;

    if (p.pain_points.empty())
        return y + put_text(d, m, x0, y, width, text.wrap(_("No pain points recorded"), width, chip_font, 1),
                            chip_font, layout::faint);

    const double max_text = std::min(width, chip_max_width) - 2 * chip_pad;
    double x = x0, line_height = 0;
    for (const pain_point& pp : p.pain_points) {
        const std::string title = pain_category_title(pp.category);
        const std::string_view point = trim(pp.text);
        const std::string shown = point.empty() ? std::string(layout::empty_mark) : std::string(point);
        const double natural =
            std::max(title.empty() ? 0 : text.width(title, chip_title_font), text.width(shown, chip_font));
        const double text_w = std::min(max_text, natural);
        std::vector<std::string> lines = text.wrap(shown, text_w, chip_font, 3);
        const double title_h = title.empty() ? 0 : m.line_height(chip_title_font) + 1;
        const double w = text_w + 2 * chip_pad;
        const double h = 2 * chip_pad + title_h + layout::lines_height(m, chip_font, lines.size());
        if (x > x0 && x + w > x0 + width) {
            x = x0;
            y += line_height + chip_gap;
            line_height = 0;
        }
        const category_colours c = pain_category_colours(pp.category);
        d.items.push_back(draw::box{{x, y, w, h}, c.fill, c.outline, 1, 6});
        if (!title.empty())
            put_text(d, m, x + chip_pad, y + chip_pad, text_w, {text.elide(title, text_w, chip_title_font)},
                     chip_title_font, c.ink);
        put_text(d, m, x + chip_pad, y + chip_pad + title_h, text_w, std::move(lines), chip_font, layout::ink);
        x += w + chip_gap;
        line_height = std::max(line_height, h);
    }
    return y + line_height;
}

// Height of the timeline band under its caption.
double timeline_height(const draw::text_measurer& m) {
    return 2 * segment_pad + m.line_height(segment_title_font) + m.line_height(segment_font);
}

// The timeline band over the given stages, whose top is at y and whose caption is already
// wrapped; days are the stages' durations, and each region's segment is filled in.
void draw_timeline(draw::drawing& d, const persona& p, std::vector<stage_region>& regions,
                   const std::vector<std::optional<double>>& days, const std::vector<std::string>& caption,
                   const journey_text& text, double x0, double y, double width) {
    const draw::text_measurer& m = text.measurer();
    y += put_text(d, m, x0, y, width, caption, caption_font, layout::muted);
    y += 4;
    const double separators = segment_gap * static_cast<double>(regions.size() - 1);
    const std::vector<double> widths = segment_widths(days, width - separators);
    const double height = timeline_height(m);
    double x = x0;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        stage_region& r = regions[i];
        const stage& s = p.stages[r.index];
        r.segment = {x, y, widths[i], height};
        const colour base = layout::stage_colour(r.index, p.stages.size());
        const bool known = days[i].has_value();
        d.items.push_back(draw::box{r.segment, known ? base : layout::mix(base, layout::white, 0.82), {0, 0, 0, 0}, 0, 3});
        const colour text_colour = known ? layout::white : base;
        const rect inner{x + 3, y + segment_pad, widths[i] - 6, m.line_height(segment_title_font)};
        put_segment_label(d, text, inner, stage_title(s, r.index), std::to_string(r.index + 1), segment_title_font,
                          text_colour);
        const std::string_view duration = trim(s.duration);
        put_segment_label(d, text, {inner.x, inner.bottom(), inner.w, m.line_height(segment_font)},
                          duration.empty() ? std::string(layout::empty_mark) : std::string(duration), {},
                          segment_font, text_colour);
        x += widths[i] + segment_gap;
    }
}

void draw_arrow(draw::drawing& d, const stage_arrow& a) {
    for (std::size_t i = 1; i < a.path.size(); ++i)
        d.items.push_back(draw::line{a.path[i - 1], a.path[i], arrow_colour, 1.5, i + 1 == a.path.size()});
}

}  // namespace

category_colours pain_category_colours(pain_category c) {
    colour base{120, 120, 120};
    switch (c) {
        case pain_category::financial: base = {46, 125, 50}; break;
        case pain_category::productivity: base = {21, 101, 192}; break;
        case pain_category::process: base = {216, 67, 21}; break;
        case pain_category::support: base = {123, 31, 162}; break;
        case pain_category::other: base = {84, 110, 122}; break;
        case pain_category::none: break;
    }
    return {layout::mix(layout::white, base, 0.10), layout::mix(layout::white, base, 0.35), base};
}

const stage_region* journey_layout::stage_at(draw::point p) const {
    for (const stage_region& r : stages)
        if (r.card.contains(p) || r.segment.contains(p)) return &r;
    return nullptr;
}

const stage_region* journey_layout::find(const std::string& stage_id) const {
    for (const stage_region& r : stages)
        if (r.stage_id == stage_id) return &r;
    return nullptr;
}

namespace layout {

// Stages drift from blue to teal along the whole journey, so a stage keeps its colour on every
// page of a printout and its timeline segment matches its card.
colour stage_colour(std::size_t index, std::size_t count) {
    const double t = count > 1 ? static_cast<double>(index) / static_cast<double>(count - 1) : 0;
    return mix(accent, accent_end, t);
}

double card_width_filling(double width, std::size_t per_row) {
    const double n = static_cast<double>(std::max<std::size_t>(per_row, 1));
    return (width - (n - 1) * gap_x) / n;
}

std::size_t cards_per_row(std::size_t n, const journey_options& o) {
    std::size_t per_row = o.stages_per_row;
    if (per_row == 0)
        // Clamped, so that an infinite width (never wrap) converts safely.
        per_row = static_cast<std::size_t>(
            std::clamp(std::floor((o.max_row_width + gap_x) / (o.card_width + gap_x)), 1.0, 1e6));
    if (n == 0) return per_row;
    // Rows of even length read better than a full row followed by a lonely card.
    const std::size_t rows = n / per_row + (n % per_row != 0);
    return n / rows + (n % rows != 0);
}

// Where a part's header, timeline and rows of cards go, worked out before the timeline and the
// cards are drawn, so that a part's size and its drawing cannot disagree.
struct journey_parts::geometry {
    double cards_width = 0;            // of the rows of cards and of the timeline
    double width = 0;                  // of the picture inside its margins
    std::vector<std::string> caption;  // the timeline's, wrapped to cards_width
    double timeline_top = 0;
    std::vector<row_metrics> rows;
    std::vector<double> row_tops;
    double height = 0;  // of the whole picture
};

journey_parts::journey_parts(const persona& p, const draw::text_measurer& m, const journey_options& options,
                             journey_cache* cache)
    : persona_(p), m_(m), text_(m, cache), options_(usable(options)) {
    first_ = std::min(options_.first_stage, p.stages.size());
    const std::size_t n = std::min(options_.stage_count, p.stages.size() - first_);
    texts_.resize(n);
    wrapped_.assign(n, false);
    days_.reserve(n);
    for (std::size_t i = first_; i < first_ + n; ++i) {
        const auto range = parse_duration(p.stages[i].duration);
        days_.push_back(range ? std::optional<double>((range->min_days + range->max_days) / 2) : std::nullopt);
    }
    const cycle_length cycle = total_duration(p);
    caption_ = cycle.known ? format(_("Timeline — whole cycle: {1}"), format_day_range(*cycle.known)) : _("Timeline");
}

journey_parts::journey_parts(const journey_parts& other, double card_width)
    : persona_(other.persona_),
      m_(other.m_),
      text_(other.m_, nullptr),
      options_(other.options_),
      first_(other.first_),
      texts_(other.texts_.size()),
      wrapped_(other.wrapped_.size(), false),
      days_(other.days_),
      caption_(other.caption_) {
    options_.card_width = card_width;
    options_ = usable(options_);
}

journey_parts::~journey_parts() = default;

std::size_t journey_parts::count() const { return texts_.size(); }

void journey_parts::wrap(std::size_t first, std::size_t count) const {
    for (std::size_t i = first - first_; i < first - first_ + count; ++i)
        if (!wrapped_[i]) {
            texts_[i] = wrap_card(persona_.stages[first_ + i], first_ + i, text_, options_);
            wrapped_[i] = true;
        }
}

journey_parts::geometry journey_parts::plan(std::size_t first, std::size_t count, std::size_t per_row,
                                            draw::drawing& header) const {
    per_row = std::max<std::size_t>(per_row, 1);  // none would never end a row
    geometry g;
    g.cards_width = count == 0 ? 0 : static_cast<double>(std::min(per_row, count)) * (options_.card_width + gap_x) - gap_x;
    g.width = options_.show_header || count == 0 ? std::max(g.cards_width, min_inner_width) : g.cards_width;
    double y = margin;
    if (options_.show_header) y = draw_header(header, persona_, text_, margin, y, g.width) + 18;
    if (count == 0) {
        g.timeline_top = y;
        return g;
    }
    g.caption = text_.wrap(caption_, g.cards_width, caption_font, 2);
    g.timeline_top = y;
    y += layout::lines_height(m_, caption_font, g.caption.size());
    y += 4;
    y = y + timeline_height(m_) + 18;
    wrap(first, count);
    const card_text* cards = texts_.data() + (first - first_);
    for (std::size_t begin = 0; begin < count; begin += per_row) {
        g.rows.push_back(measure_row(cards, begin, std::min(count, begin + per_row), m_));
        g.row_tops.push_back(y);
        y += g.rows.back().card + gap_y;
    }
    g.height = y - gap_y + margin;
    return g;
}

part_size journey_parts::size(std::size_t first, std::size_t count, std::size_t per_row) const {
    draw::drawing scratch;
    const geometry g = plan(first, count, per_row, scratch);
    return {g.width + 2 * margin, g.height};
}

journey_layout journey_parts::layout(std::size_t first, std::size_t count, std::size_t per_row) const {
    per_row = std::max<std::size_t>(per_row, 1);
    const persona& p = persona_;
    const journey_options& o = options_;
    journey_layout out;
    draw::drawing& d = out.picture;
    const geometry g = plan(first, count, per_row, d);
    d.width = g.width + 2 * margin;
    if (count == 0) {
        d.height = g.timeline_top +
                   put_text(d, m_, margin, g.timeline_top, g.width,
                            text_.wrap(_("No buying stages mapped yet."), g.width, value_font), value_font,
                            layout::faint) +
                   margin;
        return out;
    }
    d.height = g.height;

    for (std::size_t i = 0; i < count; ++i) out.stages.push_back({p.stages[first + i].id, first + i, {}, {}});
    const std::size_t offset = first - first_;
    const std::vector<std::optional<double>> days(days_.begin() + static_cast<std::ptrdiff_t>(offset),
                                                  days_.begin() + static_cast<std::ptrdiff_t>(offset + count));
    draw_timeline(d, p, out.stages, days, g.caption, text_, margin, g.timeline_top, g.cards_width);

    std::vector<double> header_mid(count);
    for (std::size_t row = 0; row < g.rows.size(); ++row) {
        const row_metrics& r = g.rows[row];
        const double y = g.row_tops[row];
        const std::size_t begin = row * per_row, end = std::min(count, begin + per_row);
        for (std::size_t i = begin; i < end; ++i) {
            const double x = margin + static_cast<double>(i - begin) * (o.card_width + gap_x);
            out.stages[i].card = {x, y, o.card_width, r.card};
            header_mid[i] = y + r.title / 2;
            draw_card(d, out.stages[i].card, texts_[offset + i], r, stage_colour(first + i, p.stages.size()), m_);
        }
        ++out.rows;
    }

    for (std::size_t i = 0; i + 1 < count; ++i) {
        const rect& a = out.stages[i].card;
        const rect& b = out.stages[i + 1].card;
        stage_arrow arrow{first + i, first + i + 1, {}};
        if (b.y == a.y) {
            arrow.path = {{a.right(), header_mid[i]}, {b.x, header_mid[i]}};
        } else {
            // From the end of one row down, back along the gap, and down into the next row's first card.
            const double mid = a.bottom() + (b.y - a.bottom()) / 2;
            const double ax = a.x + a.w / 2, bx = b.x + b.w / 2;
            arrow.path = {{ax, a.bottom()}, {ax, mid}, {bx, mid}, {bx, b.y}};
            if (ax == bx) arrow.path = {{ax, a.bottom()}, {bx, b.y}};
        }
        draw_arrow(d, arrow);
        out.arrows.push_back(std::move(arrow));
    }
    return out;
}

}  // namespace layout

draw::box selection_outline(const draw::rect& card, draw::colour colour) {
    return draw::box{{card.x - 5, card.y - 5, card.w + 10, card.h + 10}, {0, 0, 0, 0}, colour, 2.5, card_radius + 5};
}

journey_layout layout_journey(const persona& p, const draw::text_measurer& m, const journey_options& options,
                              journey_cache* cache) {
    const layout::journey_parts parts(p, m, options, cache);
    return parts.layout(parts.first(), parts.count(), layout::cards_per_row(parts.count(), usable(options)));
}

}  // namespace bpm
