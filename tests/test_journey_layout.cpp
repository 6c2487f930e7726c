#define BOOST_TEST_MODULE journey_layout
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "bpm/bpm_file.h"
#include "bpm/journey_badge.h"
#include "bpm/journey_layout.h"
#include "layout_checks.h"
#include "test_support.h"

using namespace bpm;
namespace bdata = boost::unit_test::data;

namespace {

const test::fixed_measurer measurer;
const char* const ellipsis = "\xE2\x80\xA6";

persona journey_of(std::size_t n) {
    persona p;
    p.id = "persona-1";
    p.name = "Operations Manager";
    p.pain_points = {{"Month-end close takes two weeks", pain_category::productivity},
                     {"Budget frozen until Q3", pain_category::financial},
                     {"Approvals by email", pain_category::none}};
    p.profile.role = "Head of Operations";
    for (std::size_t i = 0; i < n; ++i) {
        stage s;
        const std::string k = std::to_string(i + 1);
        s.id = "stage-" + k;
        s.name = "Stage name " + k;
        s.buyer_actions = "Buyer does thing " + k + " and compares vendors on price and support";
        s.duration = std::to_string(i % 4 + 1) + " weeks";
        s.key_influencers = "Influencer " + k;
        s.seller_actions = "Seller answers " + k;
        s.content_type = "Case study " + k;
        s.key_message = "Message " + k + ": save a week every month";
        p.stages.push_back(s);
    }
    return p;
}

bool ends_with_ellipsis(const std::string& line) {
    return line.size() >= 3 && line.compare(line.size() - 3, 3, ellipsis) == 0;
}

// The geometric promises every journey map keeps, whatever the persona.
void check_geometry(const journey_layout& j, const persona& p) {
    const draw::drawing& d = j.picture;
    BOOST_TEST_REQUIRE(j.stages.size() == p.stages.size());
    for (std::size_t i = 0; i < j.stages.size(); ++i) {
        BOOST_TEST(j.stages[i].stage_id == p.stages[i].id);
        BOOST_TEST(test::inside(j.stages[i].card, {0, 0, d.width, d.height}));
        for (std::size_t k = i + 1; k < j.stages.size(); ++k)
            BOOST_TEST(!j.stages[i].card.overlaps(j.stages[k].card), "cards " << i << " and " << k << " overlap");
    }

    const auto items = test::texts(d);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const draw::text& t = *items[i];
        BOOST_TEST(test::inside(t.area, {0, 0, d.width, d.height}), "text outside the drawing: " << test::joined(t));
        BOOST_TEST(t.area.h + 1e-6 >= measurer.line_height(t.face) * static_cast<double>(t.lines.size()));
        for (const std::string& line : t.lines)
            BOOST_TEST(measurer.width(line, t.face) <= t.area.w + 1e-6, "line wider than its area: " << line);
        for (std::size_t k = i + 1; k < items.size(); ++k)
            BOOST_TEST(!t.area.overlaps(items[k]->area),
                       "\"" << test::joined(t) << "\" overlaps \"" << test::joined(*items[k]) << "\"");
    }

    const std::size_t expected_arrows = p.stages.empty() ? 0 : p.stages.size() - 1;
    BOOST_TEST_REQUIRE(j.arrows.size() == expected_arrows);
    std::size_t heads = 0;
    for (const draw::item& it : d.items)
        if (const auto* l = std::get_if<draw::line>(&it); l && l->arrow_head) ++heads;
    BOOST_TEST(heads == expected_arrows);
    for (std::size_t i = 0; i < j.arrows.size(); ++i) {
        const stage_arrow& a = j.arrows[i];
        BOOST_TEST(a.from == i);
        BOOST_TEST(a.to == i + 1);
        BOOST_TEST_REQUIRE(a.path.size() >= 2u);
        BOOST_TEST(j.stages[i].card.contains(a.path.front()), "arrow " << i << " does not start on its card");
        BOOST_TEST(j.stages[i + 1].card.contains(a.path.back()), "arrow " << i << " does not end on the next card");
        for (std::size_t k = 0; k < j.stages.size(); ++k) {
            if (k == i || k == i + 1) continue;
            for (const draw::point& pt : a.path)
                BOOST_TEST(!j.stages[k].card.contains(pt), "arrow " << i << " crosses card " << k);
        }
    }
}

std::size_t rows_of(const journey_layout& j) {
    std::size_t rows = 0;
    double last_y = -1;
    for (const stage_region& r : j.stages)
        if (r.card.y != last_y) {
            ++rows;
            last_y = r.card.y;
        }
    return rows;
}

}  // namespace

BOOST_DATA_TEST_CASE(cards_text_and_arrows_keep_their_geometry, bdata::make({1, 3, 12, 30}), n) {
    const persona p = journey_of(static_cast<std::size_t>(n));
    const journey_layout j = layout_journey(p, measurer);
    check_geometry(j, p);
    BOOST_TEST(j.rows == rows_of(j));
}

BOOST_DATA_TEST_CASE(every_field_is_placed_and_its_text_appears, bdata::make({1, 3, 12, 30}), n) {
    const persona p = journey_of(static_cast<std::size_t>(n));
    const journey_layout j = layout_journey(p, measurer);
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        std::string card_text;
        for (const draw::text* t : test::texts(j.picture))
            if (test::inside(t->area, j.stages[i].card)) card_text += test::joined(*t) + " | ";
        for (stage_field f : all_stage_fields) {
            BOOST_TEST(card_text.find(test::collapse_space(p.stages[i].field(f))) != std::string::npos,
                       "stage " << i << " lacks its " << stage_field_key(f));
            if (f != stage_field::name)
                BOOST_TEST(card_text.find(stage_field_title(f)) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(empty_fields_keep_their_place_with_a_dash) {
    persona p = journey_of(3);
    p.stages[1].buyer_actions.clear();
    p.stages[1].key_message = "   ";
    p.stages[2] = stage{};
    p.stages[2].id = "stage-x";
    const journey_layout j = layout_journey(p, measurer);
    check_geometry(j, p);
    auto dashes_in = [&](std::size_t i) {
        std::size_t dashes = 0, labels = 0;
        for (const draw::text* t : test::texts(j.picture)) {
            if (!test::inside(t->area, j.stages[i].card)) continue;
            if (test::joined(*t) == "—") ++dashes;
            for (stage_field f : all_stage_fields)
                if (f != stage_field::name && test::joined(*t) == stage_field_title(f)) ++labels;
        }
        BOOST_TEST(labels == 6u, "every field of stage " << i << " keeps its label");
        return dashes;
    };
    BOOST_TEST(dashes_in(0) == 0u);
    BOOST_TEST(dashes_in(1) == 2u);
    BOOST_TEST(dashes_in(2) == 6u);
    // A stage without a name is shown by its number, as a new stage is.
    BOOST_TEST(test::all_text(j.picture).find("3. Stage 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(timeline_segments_follow_the_durations) {
    persona p = journey_of(3);
    p.stages[0].duration = "2 weeks";
    p.stages[1].duration = "4 weeks";
    p.stages[2].duration = "1-3 weeks";  // counts as its middle, 2 weeks
    const journey_layout j = layout_journey(p, measurer);
    const double w0 = j.stages[0].segment.w, w1 = j.stages[1].segment.w, w2 = j.stages[2].segment.w;
    BOOST_TEST(w1 / w0 == 2.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(w2 / w0 == 1.0, boost::test_tools::tolerance(0.01));
    for (std::size_t i = 0; i + 1 < j.stages.size(); ++i) {
        BOOST_TEST(j.stages[i].segment.right() <= j.stages[i + 1].segment.x);
        BOOST_TEST(j.stages[i].segment.y == j.stages[i + 1].segment.y);
    }
    // The band spans the cards below it.
    BOOST_TEST(j.stages.front().segment.x == j.stages.front().card.x);
    BOOST_TEST(j.stages.back().segment.right() == j.stages.back().card.right(), boost::test_tools::tolerance(1e-9));
    const std::string text = test::all_text(j.picture);
    BOOST_TEST(text.find("4 weeks") != std::string::npos);
    BOOST_TEST(text.find("Timeline — whole cycle: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(timeline_segments_are_equal_when_durations_are_unknown) {
    persona p = journey_of(4);
    p.stages[0].duration = "";
    p.stages[1].duration = "ongoing";
    p.stages[2].duration = "it depends";
    p.stages[3].duration = "";
    const journey_layout j = layout_journey(p, measurer);
    for (const stage_region& r : j.stages) BOOST_TEST(r.segment.w == j.stages[0].segment.w, boost::test_tools::tolerance(1e-9));
    const std::string text = test::all_text(j.picture);
    BOOST_TEST(text.find("ongoing") != std::string::npos);
    BOOST_TEST(text.find("whole cycle") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(short_stages_keep_a_readable_segment) {
    persona p = journey_of(3);
    p.stages[0].duration = "1 day";
    p.stages[1].duration = "2 years";
    p.stages[2].duration = "";  // counts as an average stage
    const journey_layout j = layout_journey(p, measurer);
    BOOST_TEST(j.stages[0].segment.w >= 40.0 - 1e-9);
    BOOST_TEST(j.stages[1].segment.w > j.stages[2].segment.w);
    BOOST_TEST(j.stages[2].segment.w > j.stages[0].segment.w);
    check_geometry(j, p);
}

BOOST_AUTO_TEST_CASE(very_long_text_ends_with_an_ellipsis_inside_its_card) {
    persona p = journey_of(2);
    std::string essay;
    for (int i = 0; i < 200; ++i) essay += "procurement ";
    p.stages[0].buyer_actions = essay;
    p.stages[0].name = "A stage whose name is far too long to fit on the two lines of a card header at all";
    p.stages[1].key_message = std::string(500, 'x');  // one word wider than the card
    journey_options o;
    o.max_field_lines = 5;
    const journey_layout j = layout_journey(p, measurer, o);
    check_geometry(j, p);

    std::size_t elided = 0;
    for (const draw::text* t : test::texts(j.picture)) {
        if (t->lines.empty() || !ends_with_ellipsis(t->lines.back())) continue;
        const bool in_card = test::inside(t->area, j.stages[0].card) || test::inside(t->area, j.stages[1].card);
        const bool in_segment = test::inside(t->area, j.stages[0].segment) || test::inside(t->area, j.stages[1].segment);
        BOOST_TEST((in_card || in_segment), "cut text outside the stages: " << test::joined(*t));
        if (!in_card) continue;
        ++elided;
        BOOST_TEST(t->lines.size() <= 5u);
    }
    BOOST_TEST(elided == 3u);  // the essay, the long name and the long word
}

BOOST_AUTO_TEST_CASE(text_that_fits_is_never_cut) {
    persona p = journey_of(6);
    for (stage& s : p.stages) s.duration = "3 weeks";  // segments as wide as the cards
    const journey_layout j = layout_journey(p, measurer);
    for (const draw::text* t : test::texts(j.picture))
        for (const std::string& line : t->lines) BOOST_TEST(!ends_with_ellipsis(line), "cut: " << line);
}

BOOST_AUTO_TEST_CASE(wide_journeys_wrap_onto_rows_that_line_up) {
    const persona p = journey_of(12);
    journey_options o;
    o.max_row_width = 1000;  // room for 3 cards of 220 with arrows between them
    const journey_layout j = layout_journey(p, measurer, o);
    check_geometry(j, p);
    BOOST_TEST(j.rows == 4u);
    for (std::size_t i = 0; i < j.stages.size(); ++i) {
        const std::size_t row_start = i / 3 * 3;
        BOOST_TEST(j.stages[i].card.y == j.stages[row_start].card.y);
        BOOST_TEST(j.stages[i].card.h == j.stages[row_start].card.h, "cards of a row share their height");
        BOOST_TEST(j.stages[i].card.right() <= o.max_row_width + 24 + 1e-9);
    }
    // The arrow out of a row's last card leads down to the next row's first card.
    const stage_arrow& a = j.arrows[2];
    BOOST_TEST(a.path.front().y == j.stages[2].card.bottom());
    BOOST_TEST(a.path.back().y == j.stages[3].card.y);

    o.stages_per_row = 5;  // 12 cards in rows of 4, 4 and 4 rather than 5, 5 and 2
    const journey_layout even = layout_journey(p, measurer, o);
    BOOST_TEST(even.rows == 3u);
    BOOST_TEST(rows_of(even) == 3u);
    BOOST_TEST(even.stages[4].card.y > even.stages[3].card.y);
}

BOOST_AUTO_TEST_CASE(a_journey_without_a_width_limit_stays_on_one_row) {
    const persona p = journey_of(30);
    journey_options o;
    o.max_row_width = std::numeric_limits<double>::infinity();
    const journey_layout j = layout_journey(p, measurer, o);
    BOOST_TEST(j.rows == 1u);
    o.max_row_width = 0;
    o.stages_per_row = std::numeric_limits<std::size_t>::max();
    BOOST_TEST(layout_journey(p, measurer, o).rows == 1u);
    check_geometry(j, p);
}

BOOST_AUTO_TEST_CASE(one_card_per_row_joins_cards_with_straight_arrows) {
    const persona p = journey_of(3);
    journey_options o;
    o.stages_per_row = 1;
    const journey_layout j = layout_journey(p, measurer, o);
    check_geometry(j, p);
    BOOST_TEST(j.rows == 3u);
    for (const stage_arrow& a : j.arrows) BOOST_TEST(a.path.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_selection_outline_surrounds_only_the_selected_stage) {
    const persona p = journey_of(5);
    const journey_layout j = layout_journey(p, measurer);
    const draw::colour colour{200, 0, 100};
    const draw::box outline = selection_outline(j.stages[3].card, colour);
    BOOST_TEST((outline.stroke == colour));
    BOOST_TEST(outline.fill.a == 0);
    BOOST_TEST(test::inside(j.stages[3].card, outline.area));
    for (std::size_t i = 0; i < j.stages.size(); ++i)
        if (i != 3) BOOST_TEST(!outline.area.overlaps(j.stages[i].card));
}

BOOST_AUTO_TEST_CASE(points_find_the_stage_drawn_there) {
    const persona p = journey_of(4);
    const journey_layout j = layout_journey(p, measurer);
    const draw::rect& card = j.stages[2].card;
    const stage_region* hit = j.stage_at({card.x + card.w / 2, card.y + card.h / 2});
    BOOST_TEST_REQUIRE(hit != nullptr);
    BOOST_TEST(hit->stage_id == "stage-3");
    const draw::rect& segment = j.stages[1].segment;
    hit = j.stage_at({segment.x + 1, segment.y + 1});
    BOOST_TEST_REQUIRE(hit != nullptr);
    BOOST_TEST(hit->index == 1u);
    BOOST_TEST(j.stage_at({1, 1}) == nullptr);
    BOOST_TEST(j.find("stage-4") == &j.stages[3]);
    BOOST_TEST(j.find("stage-9") == nullptr);
}

BOOST_AUTO_TEST_CASE(the_header_shows_the_name_and_pain_points_by_category) {
    const persona p = journey_of(2);
    const journey_layout j = layout_journey(p, measurer);
    const auto items = test::texts(j.picture);
    BOOST_TEST_REQUIRE(!items.empty());
    BOOST_TEST(test::joined(*items.front()) == "Operations Manager");
    BOOST_TEST(items.front()->face.bold);
    const std::string text = test::all_text(j.picture);
    BOOST_TEST(text.find("Head of Operations") != std::string::npos);
    BOOST_TEST(text.find("Productivity | Month-end close takes two weeks") != std::string::npos);
    BOOST_TEST(text.find("Financial | Budget frozen until Q3") != std::string::npos);
    BOOST_TEST(text.find("Approvals by email") != std::string::npos);
    for (const stage_region& r : j.stages) BOOST_TEST(r.card.y > items.front()->area.bottom());

    journey_options o;
    o.show_header = false;
    const std::string bare = test::all_text(layout_journey(p, measurer, o).picture);
    BOOST_TEST(bare.find("Operations Manager") == std::string::npos);
    BOOST_TEST(bare.find("Budget frozen") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_part_of_the_journey_keeps_its_stage_numbers) {
    const persona p = journey_of(10);
    journey_options o;
    o.first_stage = 6;
    o.stage_count = 3;
    const journey_layout j = layout_journey(p, measurer, o);
    BOOST_TEST_REQUIRE(j.stages.size() == 3u);
    BOOST_TEST(j.stages[0].index == 6u);
    BOOST_TEST(j.stages[0].stage_id == "stage-7");
    BOOST_TEST(j.arrows.front().from == 6u);
    BOOST_TEST(test::all_text(j.picture).find("7. Stage name 7") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_persona_without_stages_says_so) {
    persona p = journey_of(0);
    p.name.clear();
    p.pain_points.clear();
    const journey_layout j = layout_journey(p, measurer);
    BOOST_TEST(j.stages.empty());
    BOOST_TEST(j.arrows.empty());
    const std::string text = test::all_text(j.picture);
    BOOST_TEST(text.find("Unnamed persona") != std::string::npos);
    BOOST_TEST(text.find("No pain points recorded") != std::string::npos);
    BOOST_TEST(text.find("No buying stages mapped yet.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_persona_of_the_sample_lays_out_cleanly) {
    const auto loaded = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
    BOOST_TEST_REQUIRE(loaded.value->personas.size() == 8u);
    for (const persona& p : loaded.value->personas) {
        BOOST_TEST_CONTEXT(p.name) {
            const journey_layout j = layout_journey(p, measurer);
            check_geometry(j, p);
            for (const stage_region& r : j.stages)
                for (const draw::text* t : test::texts(j.picture))
                    if (test::inside(t->area, r.card))
                        for (const std::string& line : t->lines) BOOST_TEST(!ends_with_ellipsis(line), "cut: " << line);
        }
    }
}

BOOST_AUTO_TEST_CASE(sizes_that_are_no_sizes_still_lay_every_stage_out) {
    const persona p = journey_of(7);
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    std::vector<journey_options> variants;
    for (double w : {-5.0, 0.0, nan, inf, -inf, 1e9}) {
        journey_options o;
        o.card_width = w;
        variants.push_back(o);
    }
    for (double w : {-1.0, 0.0, nan, -inf, 1e-300}) {
        journey_options o;
        o.max_row_width = w;
        variants.push_back(o);
    }
    journey_options every_card_in_a_row;
    every_card_in_a_row.stages_per_row = std::numeric_limits<std::size_t>::max();
    variants.push_back(every_card_in_a_row);
    for (const journey_options& o : variants) {
        BOOST_TEST_CONTEXT("card width " << o.card_width << ", row width " << o.max_row_width << ", per row "
                                         << o.stages_per_row) {
            const journey_layout j = layout_journey(p, measurer, o);
            check_geometry(j, p);
            BOOST_TEST((std::isfinite(j.picture.width) && std::isfinite(j.picture.height)));
            BOOST_TEST(j.rows >= 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_font_too_large_for_a_card_still_lays_every_stage_out) {
    // Every character 400 units wide, lines 600 apart: not one fits on a card.
    class giant_measurer : public draw::text_measurer {
    public:
        double width(std::string_view text, const draw::font&) const override {
            return 400.0 * static_cast<double>(code_point_count(text));
        }
        double line_height(const draw::font&) const override { return 600; }
    } giant;
    const persona p = journey_of(3);
    const journey_layout j = layout_journey(p, giant);
    BOOST_TEST_REQUIRE(j.stages.size() == 3u);
    BOOST_TEST(j.arrows.size() == 2u);
    BOOST_TEST((std::isfinite(j.picture.width) && std::isfinite(j.picture.height)));
}

namespace {

// Records every text it measures.
class recording_measurer : public test::fixed_measurer {
public:
    double width(std::string_view text, const draw::font& f) const override {
        measured.emplace_back(text);
        return fixed_measurer::width(text, f);
    }
    mutable std::vector<std::string> measured;
};

// What a layout shows, to compare two layouts: the size, every card and every line of text.
std::string shown(const journey_layout& j) {
    std::string out = std::to_string(j.picture.width) + "x" + std::to_string(j.picture.height) + " " +
                      std::to_string(j.picture.items.size()) + " items\n";
    for (const stage_region& r : j.stages)
        out += r.stage_id + " " + std::to_string(r.card.x) + "," + std::to_string(r.card.y) + " " +
               std::to_string(r.card.h) + "\n";
    return out + test::all_text(j.picture);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_layout_through_a_cache_is_the_layout_without_one) {
    const auto loaded = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
    journey_cache cache;
    journey_options o;
    o.max_field_lines = 3;  // cuts some of the sample's text, so ellipses are kept too
    for (persona p : loaded.value->personas) {
        BOOST_TEST_CONTEXT(p.name) {
            BOOST_TEST(shown(layout_journey(p, measurer, o, &cache)) == shown(layout_journey(p, measurer, o)));
            BOOST_TEST(shown(layout_journey(p, measurer, o, &cache)) == shown(layout_journey(p, measurer, o)));
            p.stages.front().buyer_actions += " and asks a peer who bought it last year";
            p.stages.back().duration = "9 months";
            BOOST_TEST(shown(layout_journey(p, measurer, o, &cache)) == shown(layout_journey(p, measurer, o)));
        }
    }
}

BOOST_AUTO_TEST_CASE(laying_out_again_after_one_card_changed_measures_only_that_card) {
    persona p = journey_of(40);
    const recording_measurer m;
    journey_cache cache;
    layout_journey(p, m, {}, &cache);
    BOOST_TEST(!m.measured.empty());

    // Laying out again measures nothing.
    m.measured.clear();
    layout_journey(p, m, {}, &cache);
    BOOST_TEST(m.measured.empty());

    const std::string edited = "Reads three analyst reports and books two demos";
    p.stages[6].buyer_actions = edited;
    layout_journey(p, m, {}, &cache);
    BOOST_TEST(!m.measured.empty());
    for (const std::string& text : m.measured) BOOST_TEST(edited.find(text) != std::string::npos, text);

    // Once cleared, everything is measured again.
    m.measured.clear();
    cache.clear();
    layout_journey(p, m, {}, &cache);
    BOOST_TEST(m.measured.size() > 40u * 6);
}

BOOST_AUTO_TEST_CASE(a_comment_badge_sits_on_the_card_s_top_left_corner_and_shows_the_count) {
    const draw::rect card{100, 50, 220, 160};
    BOOST_TEST(comment_badge(card, 0, measurer).items.empty());
    const draw::drawing badge = comment_badge(card, 3, measurer);
    BOOST_TEST_REQUIRE(badge.items.size() == 2u);
    const auto& pill = std::get<draw::box>(badge.items[0]);
    BOOST_TEST(pill.area.contains({card.x, card.y}));
    BOOST_TEST(pill.area.right() < card.x + card.w / 2);  // clear of the top-right corner
    const auto& count = std::get<draw::text>(badge.items[1]);
    BOOST_TEST((count.lines == std::vector<std::string>{"3"}));
    BOOST_TEST(std::get<draw::text>(comment_badge(card, 250, measurer).items[1]).lines.front() == "99+");
    // A wider count widens the badge, which still holds it.
    const draw::drawing wider = comment_badge(card, 42, measurer);
    BOOST_TEST(std::get<draw::box>(wider.items[0]).area.w >= measurer.width("42", count.face));
}
