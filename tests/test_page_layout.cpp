#define BOOST_TEST_MODULE page_layout
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "bpm/bpm_file.h"
#include "bpm/drawing_transform.h"
#include "bpm/duration.h"
#include "bpm/page_layout.h"
#include "bpm/summary.h"
#include "layout_checks.h"
#include "test_support.h"

using namespace bpm;

namespace {

const test::fixed_measurer measurer;

document nlyzer() {
    auto loaded = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
    return std::move(*loaded.value);
}

std::string text_of(const std::vector<page>& pages) {
    std::string all;
    for (const page& pg : pages) all += test::all_text(pg.picture);
    return all;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

// A persona whose journey is long and wordy enough to need many pages.
persona long_persona() {
    persona p;
    p.id = "long";
    p.name = "Procurement Committee";
    p.pain_points = {{"Every purchase needs three quotes", pain_category::process}};
    std::string words;
    for (int i = 0; i < 40; ++i) words += "evaluation ";
    for (int i = 0; i < 30; ++i) {
        stage s;
        s.id = "stage-" + std::to_string(i + 1);
        s.name = "Step " + std::to_string(i + 1);
        s.buyer_actions = words;
        s.duration = std::to_string(i % 5 + 1) + " weeks";
        s.key_influencers = "CFO, legal, IT security, the board";
        s.seller_actions = words;
        s.content_type = "Security questionnaire";
        s.key_message = "Approved vendor " + std::to_string(i + 1);
        p.stages.push_back(s);
    }
    return p;
}

void check_inside_page(const std::vector<page>& pages, const page_setup& setup) {
    for (const page& pg : pages) {
        BOOST_TEST(pg.picture.width == setup.width);
        BOOST_TEST(pg.picture.height == setup.height);
        const draw::rect sheet{0, 0, setup.width, setup.height};
        const draw::rect printable{setup.margin, setup.margin, setup.width - 2 * setup.margin,
                                   setup.height - 2 * setup.margin};
        for (const draw::item& it : pg.picture.items)
            BOOST_TEST(test::inside(draw::bounds(it), sheet), "item off page " << pg.number);
        const auto items = test::texts(pg.picture);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const draw::text& t = *items[i];
            BOOST_TEST(test::inside(t.area, printable), "text in the margin of page " << pg.number << ": " << test::joined(t));
            for (const std::string& line : t.lines) BOOST_TEST(measurer.width(line, t.face) <= t.area.w + 1e-6);
            for (std::size_t k = i + 1; k < items.size(); ++k)
                BOOST_TEST(!test::overlap(t.area, items[k]->area), "on page " << pg.number << " \"" << test::joined(t)
                                                                          << "\" overlaps \"" << test::joined(*items[k]) << "\"");
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_persona_gets_a_group_of_pages_in_document_order_after_the_overview) {
    const document d = nlyzer();
    const auto pages = layout_pages(d, {}, {}, measurer);
    BOOST_TEST_REQUIRE(!pages.empty());
    BOOST_TEST((pages.front().kind == page_kind::overview));
    BOOST_TEST(pages.front().bookmark == "Overview");
    std::vector<std::string> order, bookmarks;
    for (const page& pg : pages) {
        if (pg.kind == page_kind::overview) {
            BOOST_TEST(pg.persona_id.empty());
            BOOST_TEST(order.empty(), "the overview comes before every persona");
            continue;
        }
        if (order.empty() || order.back() != pg.persona_id) {
            order.push_back(pg.persona_id);
            BOOST_TEST((pg.kind == page_kind::cover));
            BOOST_TEST(!pg.bookmark.empty());
        }
        if (!pg.bookmark.empty()) bookmarks.push_back(pg.bookmark);
    }
    std::vector<std::string> ids, names;
    for (const persona& p : d.personas) {
        ids.push_back(p.id);
        names.push_back(p.name);
    }
    BOOST_TEST(order == ids, boost::test_tools::per_element());
    BOOST_TEST(bookmarks == names, boost::test_tools::per_element());

    // Within a group: cover, stage table, journey map, summary.
    for (std::size_t i = 1; i < pages.size(); ++i)
        if (pages[i].persona_id == pages[i - 1].persona_id)
            BOOST_TEST(static_cast<int>(pages[i].kind) >= static_cast<int>(pages[i - 1].kind));
    std::set<std::pair<std::string, page_kind>> kinds;
    for (const page& pg : pages) kinds.insert({pg.persona_id, pg.kind});
    BOOST_TEST(kinds.size() == 4 * d.personas.size() + 1);
}

BOOST_AUTO_TEST_CASE(the_overview_shows_every_persona_its_stages_durations_and_whole_cycle_on_one_page) {
    const document d = nlyzer();
    const auto pages = layout_pages(d, {}, {}, measurer);
    BOOST_TEST_REQUIRE(pages.size() > 1u);
    BOOST_TEST((pages[1].kind != page_kind::overview), "the sample's overview fits on one page");
    const std::string overview = test::all_text(pages[0].picture);
    BOOST_TEST(overview.find("Overview: NLyzer B2B buyer personas |") != std::string::npos);
    BOOST_TEST(overview.find("8 personas:") != std::string::npos);
    for (const persona& p : d.personas) {
        BOOST_TEST_CONTEXT(p.id) {
            // Names may wrap or end in an ellipsis; their first word is always shown.
            BOOST_TEST(overview.find(p.name.substr(0, p.name.find(' '))) != std::string::npos);
            for (std::size_t i = 0; i < p.stages.size(); ++i) {
                BOOST_TEST(overview.find("| " + p.stages[i].duration + " |") != std::string::npos, p.stages[i].duration);
                BOOST_TEST(overview.find("| " + std::to_string(i + 1) + ". ") != std::string::npos);
            }
            const std::string cycle = format_day_range(*total_duration(p).known);
            BOOST_TEST(overview.find(test::collapse_space(cycle)) != std::string::npos, cycle);
        }
    }
    // Every text of the overview is at least 7 points.
    for (const draw::text* t : test::texts(pages[0].picture)) BOOST_TEST(t->face.size >= 7.0);
}

BOOST_AUTO_TEST_CASE(one_persona_has_no_overview) {
    const document d = nlyzer();
    for (const page& pg : layout_pages(d, {"persona-2"}, {}, measurer)) BOOST_TEST((pg.kind != page_kind::overview));
}

BOOST_AUTO_TEST_CASE(pages_are_numbered_across_the_document_in_every_footer) {
    const document d = nlyzer();
    const auto pages = layout_pages(d, {}, {}, measurer);
    const std::string total = std::to_string(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
        BOOST_TEST(pages[i].number == static_cast<int>(i + 1));
        const std::string text = test::all_text(pages[i].picture);
        BOOST_TEST(count(text, "Page " + std::to_string(i + 1) + " of " + total + " |") == 1u);
        BOOST_TEST(text.find("NLyzer B2B buyer personas") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_footer_title_comes_from_the_setup_then_the_document) {
    document d = nlyzer();
    page_setup setup;
    setup.document_title = "Board pack";
    BOOST_TEST(test::all_text(layout_pages(d, {"persona-1"}, setup, measurer).front().picture).find("Board pack") !=
               std::string::npos);
    d.metadata.title.clear();
    const std::string text = test::all_text(layout_pages(d, {"persona-1"}, {}, measurer).front().picture);
    BOOST_TEST(text.find("Buying process map |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_table_page_repeats_the_header_row) {
    const document d = nlyzer();
    std::size_t table_pages = 0;
    for (const page& pg : layout_pages(d, {}, {}, measurer)) {
        if (pg.kind != page_kind::stage_table) continue;
        ++table_pages;
        std::set<std::string> cells;
        for (const draw::text* t : test::texts(pg.picture)) cells.insert(test::joined(*t));
        for (stage_field f : all_stage_fields) BOOST_TEST(cells.count(stage_field_title(f)) == 1u);
    }
    BOOST_TEST(table_pages >= d.personas.size());
}

BOOST_AUTO_TEST_CASE(every_stage_and_field_of_the_sample_is_printed) {
    const document d = nlyzer();
    const std::string all = text_of(layout_pages(d, {}, {}, measurer));
    for (const persona& p : d.personas) {
        BOOST_TEST(all.find(test::collapse_space(p.name)) != std::string::npos);
        for (const pain_point& pp : p.pain_points) BOOST_TEST(all.find(test::collapse_space(pp.text)) != std::string::npos);
        for (const stage& s : p.stages)
            for (stage_field f : all_stage_fields)
                BOOST_TEST(all.find(test::collapse_space(s.field(f))) != std::string::npos,
                           p.id << "/" << s.id << " lacks " << stage_field_key(f));
    }
}

BOOST_AUTO_TEST_CASE(nothing_is_drawn_off_the_page) {
    const document d = nlyzer();
    page_setup setup;
    check_inside_page(layout_pages(d, {}, setup, measurer), setup);
    setup.width = 595;  // A4 portrait
    setup.height = 842;
    setup.margin = 48;
    check_inside_page(layout_pages(d, {}, setup, measurer), setup);
}

BOOST_AUTO_TEST_CASE(pages_laid_out_a_persona_at_a_time_are_the_pages_laid_out_at_once) {
    document d = nlyzer();
    d.personas.push_back(long_persona());
    for (const std::vector<std::string>& ids : {std::vector<std::string>{}, std::vector<std::string>{"long", "persona-2"},
                                                std::vector<std::string>{"no-such-persona"}}) {
        const auto at_once = layout_pages(d, ids, {}, measurer);
        auto laid_out = page_groups::lay_out(d, ids, {}, measurer);
        BOOST_TEST_REQUIRE(bool(laid_out));
        page_groups& groups = *laid_out.value;
        BOOST_TEST(groups.page_count() == at_once.size());
        std::size_t next = 0;
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (const page& pg : groups.group(g)) {
                BOOST_TEST_REQUIRE(next < at_once.size());
                BOOST_TEST(groups.group_of(next) == g);
                BOOST_TEST(groups.first_page(g) <= next);
                const page& expected = at_once[next++];
                BOOST_TEST(pg.number == expected.number);
                BOOST_TEST(pg.persona_id == expected.persona_id);
                BOOST_TEST(pg.bookmark == expected.bookmark);
                BOOST_TEST((pg.kind == expected.kind));
                BOOST_TEST(test::all_text(pg.picture) == test::all_text(expected.picture));
                BOOST_TEST(pg.picture.items.size() == expected.picture.items.size());
            }
        BOOST_TEST(next == at_once.size());
        // The pages kept from counting are handed over; asked again, the group is laid out again.
        const std::vector<page> again = groups.group(0);
        BOOST_TEST_REQUIRE(!again.empty());
        BOOST_TEST(test::all_text(again.front().picture) == test::all_text(at_once.front().picture));
    }
}

BOOST_AUTO_TEST_CASE(laying_out_groups_tells_its_progress_and_can_be_cancelled) {
    const document d = nlyzer();
    std::vector<std::pair<std::size_t, std::size_t>> told;
    const auto counted = page_groups::lay_out(d, {}, {}, measurer, [&](std::size_t done, std::size_t total) {
        told.emplace_back(done, total);
        return true;
    });
    BOOST_TEST_REQUIRE(bool(counted));
    // Once per persona, up to all of them.
    BOOST_TEST_REQUIRE(told.size() == d.personas.size());
    BOOST_TEST(told.front().first == 1u);
    BOOST_TEST(told.back().first == told.back().second);

    std::size_t asked = 0;
    const auto stopped = page_groups::lay_out(d, {}, {}, measurer, [&](std::size_t, std::size_t) { return ++asked < 3; });
    BOOST_TEST(!stopped);
    BOOST_TEST(stopped.was_cancelled());
    BOOST_TEST(stopped.problems.empty());
    BOOST_TEST(asked == 3u);
}

BOOST_AUTO_TEST_CASE(choosing_one_persona_prints_only_its_pages) {
    const document d = nlyzer();
    const auto pages = layout_pages(d, {"persona-3", "no-such-persona"}, {}, measurer);
    BOOST_TEST_REQUIRE(!pages.empty());
    for (const page& pg : pages) BOOST_TEST(pg.persona_id == "persona-3");
    BOOST_TEST(pages.front().bookmark == d.personas[d.find_persona("persona-3")].name);
    const std::string last = test::all_text(pages.back().picture);
    const std::string n = std::to_string(pages.size());
    BOOST_TEST(last.find("Page " + n + " of " + n) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_persona_chosen_twice_is_printed_once) {
    const document d = nlyzer();
    const auto once = layout_pages(d, {"persona-2"}, {}, measurer);
    const auto twice = layout_pages(d, {"persona-2", "persona-2"}, {}, measurer);
    BOOST_TEST(twice.size() == once.size());
}

BOOST_AUTO_TEST_CASE(a_map_without_personas_prints_one_page_that_says_so) {
    document d;
    const auto pages = layout_pages(d, {}, {}, measurer);
    BOOST_TEST_REQUIRE(pages.size() == 1u);
    BOOST_TEST(pages[0].bookmark.empty());
    const std::string text = test::all_text(pages[0].picture);
    BOOST_TEST(text.find("This map has no personas yet.") != std::string::npos);
    BOOST_TEST(text.find("Page 1 of 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_wordy_journey_flows_over_many_pages) {
    document d;
    d.metadata.title = "Long";
    d.personas.push_back(long_persona());
    page_setup setup;
    const auto pages = layout_pages(d, {}, setup, measurer);
    check_inside_page(pages, setup);
    std::size_t tables = 0, journeys = 0;
    std::string table_text;
    for (const page& pg : pages) {
        if (pg.kind == page_kind::stage_table) {
            ++tables;
            table_text += test::all_text(pg.picture);
        }
        if (pg.kind == page_kind::journey_map) ++journeys;
    }
    BOOST_TEST(tables > 1u);
    BOOST_TEST(journeys > 1u);
    // Rows are never split: each stage's name and its last field appear once, on the same page.
    for (const stage& s : d.personas[0].stages) {
        BOOST_TEST(count(table_text, "| " + s.name + " |") == 1u);
        for (const page& pg : pages)
            if (pg.kind == page_kind::stage_table) {
                const std::string text = test::all_text(pg.picture);
                BOOST_TEST((text.find("| " + s.name + " |") != std::string::npos) ==
                           (text.find(s.key_message + " |") != std::string::npos));
            }
    }
    // The journey map is split into parts that each show the whole of their stages.
    for (std::size_t i = 0; i < 30; ++i) {
        const std::string title = "| " + std::to_string(i + 1) + ". Step " + std::to_string(i + 1) + " |";
        std::size_t showing = 0;
        for (const page& pg : pages)
            if (pg.kind == page_kind::journey_map && test::all_text(pg.picture).find(title) != std::string::npos)
                ++showing;
        BOOST_TEST(showing == 1u, title << " is on " << showing << " journey pages");
    }
    BOOST_TEST(text_of(pages).find("(stages 1–") != std::string::npos);
}

// The area a page's drawing covers below its heading and above its footer.
draw::rect body_bounds(const page& pg, const page_setup& setup) {
    const double footer = setup.height - setup.margin - 24;
    double left = setup.width, top = setup.height, right = 0, bottom = 0;
    bool heading = true;
    for (const draw::item& it : pg.picture.items) {
        const draw::rect r = draw::bounds(it);
        if (heading) {  // the first item is the heading
            heading = false;
            continue;
        }
        if (r.y >= footer) continue;
        left = std::min(left, r.x);
        top = std::min(top, r.y);
        right = std::max(right, r.right());
        bottom = std::max(bottom, r.bottom());
    }
    return {left, top, right - left, bottom - top};
}

BOOST_AUTO_TEST_CASE(the_journey_map_fills_its_page_uniformly_and_never_prints_below_7_points) {
    const document d = nlyzer();
    for (const page_setup& setup : {page_setup{}, page_setup{595, 842, 36, ""}, page_setup{1191, 842, 36, ""}}) {
        BOOST_TEST_CONTEXT(setup.width << " x " << setup.height) {
            const auto pages = layout_pages(d, {"persona-1"}, setup, measurer);
            std::size_t maps = 0;
            for (const page& pg : pages) {
                if (pg.kind != page_kind::journey_map) continue;
                ++maps;
                // "N. Stage" is both a card title (12 units) and a timeline label (8 units): one scale.
                std::set<double> sizes;
                double smallest = 1e9;
                for (const draw::text* t : test::texts(pg.picture)) {
                    smallest = std::min(smallest, t->face.size);
                    if (t->face.bold && test::joined(*t).find(". ") == 1) sizes.insert(t->face.size);
                }
                BOOST_TEST_REQUIRE(sizes.size() == 2u);
                BOOST_TEST(*sizes.rbegin() / *sizes.begin() == 1.5, boost::test_tools::tolerance(1e-9));
                BOOST_TEST(smallest >= 7.0);
                // The drawing spans the printable width or the height below the heading.
                const draw::rect used = body_bounds(pg, setup);
                const double w = setup.width - 2 * setup.margin, h = setup.height - 2 * setup.margin - 24 - 27.5;
                BOOST_TEST((used.w >= 0.95 * w || used.h >= 0.9 * h), used.w << " of " << w << ", " << used.h << " of " << h);
            }
            BOOST_TEST(maps >= 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_row_taller_than_a_page_is_split_between_pages_without_loss) {
    document d;
    persona p;
    p.id = "tall";
    p.name = "Tall";
    stage s;
    s.id = "stage-1";
    s.name = "Research";
    for (int i = 0; i < 900; ++i) s.buyer_actions += "w" + std::to_string(1000 + i) + " ";
    p.stages.push_back(s);
    d.personas.push_back(p);
    page_setup setup;
    const auto pages = layout_pages(d, {}, setup, measurer);
    check_inside_page(pages, setup);
    std::string table_text;
    std::size_t tables = 0;
    for (const page& pg : pages)
        if (pg.kind == page_kind::stage_table) {
            ++tables;
            table_text += test::all_text(pg.picture);
        }
    BOOST_TEST(tables > 1u);
    for (int i = 0; i < 900; ++i) BOOST_TEST(count(table_text, "w" + std::to_string(1000 + i)) == 1u);
}

// A font far too large for any page: every character 400 points wide, lines 600 points apart.
class giant_measurer : public draw::text_measurer {
public:
    double width(std::string_view text, const draw::font&) const override {
        return 400.0 * static_cast<double>(code_point_count(text));
    }
    double line_height(const draw::font&) const override { return 600; }
};

// The pages of d on this paper, through both ways the editor and bpmap-cli lay pages out; checks
// that they agree, that every page has a finite size and every persona its bookmark.
std::vector<page> laid_out_both_ways(const document& d, const page_setup& setup, const draw::text_measurer& m) {
    std::vector<page> pages = layout_pages(d, {}, setup, m);
    const auto groups = page_groups::lay_out(d, {}, setup, m);
    BOOST_TEST_REQUIRE(bool(groups));
    BOOST_TEST(groups.value->page_count() == pages.size());
    std::set<std::string> bookmarks;
    for (const page& pg : pages) {
        BOOST_TEST((std::isfinite(pg.picture.width) && std::isfinite(pg.picture.height)));
        BOOST_TEST(pg.picture.width >= 144.0);
        BOOST_TEST(pg.picture.height >= 144.0);
        if (!pg.bookmark.empty()) bookmarks.insert(pg.bookmark);
    }
    // Each persona's, and the overview's when there are several.
    BOOST_TEST(bookmarks.size() == d.personas.size() + (d.personas.size() > 1));
    return pages;
}

BOOST_AUTO_TEST_CASE(paper_too_small_for_its_margins_or_anything_is_laid_out_at_a_usable_size) {
    const document d = nlyzer();
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    const page_setup setups[] = {
        {50, 50, 0, ""},      {10, 10, 3, ""},    {842, 595, 400, ""}, {842, 595, 297.5, ""}, {0, 0, 0, ""},
        {-842, -595, -36, ""}, {nan, nan, nan, ""}, {inf, inf, 36, ""},  {842, 595, inf, ""},   {1e-9, 1e9, 0, ""},
    };
    for (const page_setup& setup : setups) {
        BOOST_TEST_CONTEXT(setup.width << " x " << setup.height << " points, margin " << setup.margin) {
            const std::vector<page> pages = laid_out_both_ways(d, setup, measurer);
            // The largest paper a PDF can have, 200 inches, and the smallest the layout works on, 2.
            for (const page& pg : pages) {
                BOOST_TEST(pg.picture.width <= 14400.0);
                BOOST_TEST(pg.picture.height <= 14400.0);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(paper_that_fits_keeps_its_size_and_margins_only_shrink_to_leave_room) {
    const document d = nlyzer();
    // A margin of 30 would leave 140 x 90 points: it shrinks to 3, which leaves 144 x 144.
    const std::vector<page> pages = layout_pages(d, {}, {200, 150, 30, ""}, measurer);
    check_inside_page(pages, {200, 150, 3, ""});
}

// The number of times c occurs in the lines of the stage table pages.
std::size_t in_tables(const std::vector<page>& pages, char c) {
    std::size_t n = 0;
    for (const page& pg : pages)
        if (pg.kind == page_kind::stage_table)
            for (const draw::text* t : test::texts(pg.picture))
                for (const std::string& line : t->lines) n += static_cast<std::size_t>(std::count(line.begin(), line.end(), c));
    return n;
}

BOOST_AUTO_TEST_CASE(a_font_too_large_for_any_page_still_lays_out_and_ends) {
    document d;
    persona p = long_persona();
    p.stages.resize(3);
    p.stages[1].key_message = "ZZZ ZZZZ ZZZZZ";
    d.personas.push_back(p);
    const giant_measurer giant;
    // No line fits under a heading: each gets a page of its own, and none is lost.
    const std::vector<page> pages = laid_out_both_ways(d, {}, giant);
    BOOST_TEST(pages.size() < 5000u);
    BOOST_TEST(in_tables(pages, 'Z') == 12u);
}

BOOST_AUTO_TEST_CASE(a_word_wider_than_the_page_is_broken_where_lines_end) {
    document d;
    persona p;
    p.id = "wide";
    p.name = std::string(400, 'N');
    stage s;
    s.id = "stage-1";
    s.name = "Research";
    s.buyer_actions = std::string(3000, 'w');
    p.stages.push_back(s);
    d.personas.push_back(p);
    for (const page_setup& setup : {page_setup{}, page_setup{150, 150, 0, ""}}) {
        BOOST_TEST(in_tables(laid_out_both_ways(d, setup, measurer), 'w') == 3000u);
    }
}

BOOST_AUTO_TEST_CASE(a_pain_point_or_profile_longer_than_a_page_goes_on_over_the_next_pages_without_loss) {
    document d;
    persona p;
    p.id = "wordy";
    p.name = "Wordy";
    for (int i = 0; i < 900; ++i) p.profile.role += "r" + std::to_string(1000 + i) + " ";
    std::string pain;
    for (int i = 0; i < 900; ++i) pain += "p" + std::to_string(1000 + i) + " ";
    p.pain_points = {{pain, pain_category::process}};
    d.personas.push_back(p);
    const page_setup setup;
    const auto pages = layout_pages(d, {}, setup, measurer);
    check_inside_page(pages, setup);
    std::string cover_text;
    std::size_t covers = 0;
    for (const page& pg : pages)
        if (pg.kind == page_kind::cover) {
            ++covers;
            cover_text += test::all_text(pg.picture);
        }
    BOOST_TEST(covers > 2u);
    for (int i = 0; i < 900; ++i) {
        BOOST_TEST(count(cover_text, "r" + std::to_string(1000 + i)) == 1u);
        BOOST_TEST(count(cover_text, "p" + std::to_string(1000 + i)) == 1u);
    }
}

BOOST_AUTO_TEST_CASE(the_summary_is_the_stored_one_else_the_template) {
    const document d = test::rich_document();
    const auto pages = layout_pages(d, {}, {}, measurer);
    std::string first, second;
    for (const page& pg : pages)
        if (pg.kind == page_kind::summary) (pg.persona_id == "persona-1" ? first : second) += test::all_text(pg.picture);
    BOOST_TEST(first.find("Written by AI on 2026-11-02 17:00 UTC") != std::string::npos);
    BOOST_TEST(first.find("Persona: Marketing Director") != std::string::npos);
    BOOST_TEST(second.find("Generated from the stage table") != std::string::npos);
    BOOST_TEST(second.find("No buying stages mapped yet.") != std::string::npos);
    // The stage-less persona has no journey page, and its table says why it is empty.
    for (const page& pg : pages)
        if (pg.persona_id == "p.two_2") BOOST_TEST((pg.kind != page_kind::journey_map));
    BOOST_TEST(text_of(pages).find("Unnamed persona") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_ai_summary_older_than_the_persona_is_printed_with_a_warning) {
    document d = test::rich_document();
    // Changed ten days after the AI wrote its summary (2026-11-02 17:00 UTC).
    d.personas[0].last_updated_at = "2026-11-12T14:20:00Z";
    const auto pages = layout_pages(d, {"persona-1"}, {}, measurer);
    check_inside_page(pages, {});
    const auto summary = std::find_if(pages.begin(), pages.end(), [](const page& pg) { return pg.kind == page_kind::summary; });
    BOOST_TEST_REQUIRE((summary != pages.end()));
    const auto items = test::texts(summary->picture);
    std::vector<std::string> read;
    for (const draw::text* t : items) read.push_back(test::joined(*t));
    const auto at = [&](const std::string& text) { return std::find(read.begin(), read.end(), text) - read.begin(); };
    const auto warning = at("Written before the last changes on 2026-11-12 14:20 UTC");
    BOOST_TEST_REQUIRE(warning < static_cast<std::ptrdiff_t>(read.size()));
    // Under who wrote it, over the text it warns of, and bold.
    BOOST_TEST(at("Written by AI on 2026-11-02 17:00 UTC") < warning);
    BOOST_TEST(at("Persona: Marketing Director") > warning);
    BOOST_TEST(items[static_cast<std::size_t>(warning)]->face.bold);

    // Current again, it has no warning.
    d.personas[0].last_updated_at = "2026-11-02T17:00:00Z";
    BOOST_TEST(text_of(layout_pages(d, {"persona-1"}, {}, measurer)).find("Written before") == std::string::npos);
}

// A persona whose AI summary has paragraphs of these many words, each word naming its paragraph
// ("p2w17" is word 17 of paragraph 2).
persona with_summary(const std::vector<int>& words) {
    persona p = test::rich_document().personas[0];
    p.summary = persona_summary{"", summary_source::ai, "2026-11-02T17:00:00Z"};
    p.last_updated_at = "2026-11-02T17:00:00Z";
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (int w = 0; w < words[i]; ++w) p.summary->text += "p" + std::to_string(i) + "w" + std::to_string(w) + " ";
        p.summary->text += "\n";
    }
    return p;
}

BOOST_AUTO_TEST_CASE(no_page_holds_a_few_orphan_lines_of_a_summary) {
    // Summaries from a line to about three pages, in three paragraphs of unequal length.
    for (int n = 1; n < 600; n += 7) {
        const std::vector<int> words = {n, n / 2 + 1, 2 * n};
        document d;
        d.personas.push_back(with_summary(words));
        const page_setup setup;
        const auto pages = layout_pages(d, {}, setup, measurer);
        // Lines of each paragraph on each summary page.
        std::vector<std::vector<std::size_t>> lines;
        std::size_t words_printed = 0;
        for (const page& pg : pages) {
            if (pg.kind != page_kind::summary) continue;
            lines.emplace_back(words.size(), 0);
            for (const draw::text* t : test::texts(pg.picture))
                for (const std::string& line : t->lines)
                    if (line.rfind('p', 0) == 0) {
                        ++lines.back()[static_cast<std::size_t>(line[1] - '0')];
                        words_printed += count(line, "w");
                    }
        }
        BOOST_TEST_CONTEXT(n << " words: " << lines.size() << " summary pages") {
            BOOST_TEST(words_printed == static_cast<std::size_t>(words[0] + words[1] + words[2]));
            std::size_t total = 0;
            for (const auto& page_lines : lines)
                for (std::size_t k : page_lines) total += k;
            for (std::size_t pg = 0; pg < lines.size(); ++pg) {
                std::size_t on_page = 0;
                for (std::size_t k : lines[pg]) on_page += k;
                // No page holds fewer than three lines of a summary longer than that.
                BOOST_TEST((on_page >= 3 || on_page == total), "page " << pg << " holds " << on_page << " lines");
                // A paragraph broken between pages leaves at least two lines on each.
                if (pg + 1 < lines.size())
                    for (std::size_t para = 0; para < words.size(); ++para)
                        if (lines[pg][para] > 0 && lines[pg + 1][para] > 0)
                            BOOST_TEST((lines[pg][para] >= 2 && lines[pg + 1][para] >= 2),
                                       "paragraph " << para << " broken " << lines[pg][para] << " / " << lines[pg + 1][para]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_summary_a_little_longer_than_its_page_is_set_smaller_to_end_on_it) {
    // At 11 points this summary runs a few lines over its page.
    document d;
    d.personas.push_back(with_summary({290, 290}));
    const auto at_size = [&](std::vector<page> pages) {
        std::size_t summary_pages = 0;
        double size = 0;
        for (const page& pg : pages)
            if (pg.kind == page_kind::summary) {
                ++summary_pages;
                for (const draw::text* t : test::texts(pg.picture))
                    if (t->lines.front().rfind("p0w", 0) == 0) size = t->face.size;
            }
        return std::pair{summary_pages, size};
    };
    const auto [pages, size] = at_size(layout_pages(d, {}, {}, measurer));
    BOOST_TEST(pages == 1u);
    BOOST_TEST(size < 11.0);
    BOOST_TEST(size >= 10.0);
    // A short one keeps the full size.
    d.personas[0] = with_summary({40, 40});
    BOOST_TEST(at_size(layout_pages(d, {}, {}, measurer)).second == 11.0);
}

BOOST_AUTO_TEST_CASE(a_template_summary_is_printed_as_the_stages_are_now) {
    document d = test::rich_document();
    persona& p = d.personas[0];
    p.summary = persona_summary{template_summary(p), summary_source::template_text, "2026-11-02T17:00:00Z"};
    p.stages[0].duration = "9 weeks";
    std::string summary;
    // The summary's lines, each a text item, read back as one text.
    for (const page& pg : layout_pages(d, {"persona-1"}, {}, measurer))
        if (pg.kind == page_kind::summary)
            for (const draw::text* t : test::texts(pg.picture)) summary += test::joined(*t) + " ";
    BOOST_TEST(summary.find("Generated from the stage table") != std::string::npos);
    BOOST_TEST(summary.find("Duration: 9 weeks") != std::string::npos);
    BOOST_TEST(summary.find("Duration: 1-2 weeks") == std::string::npos);
    BOOST_TEST(summary.find("Written before") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_cover_lists_profile_status_and_categorised_pain_points) {
    const document d = test::rich_document();
    const auto pages = layout_pages(d, {"persona-1"}, {}, measurer);
    const std::string cover = test::all_text(pages.front().picture);
    for (const char* expected : {"Buyer persona |", "Marketing Director |", "Completed · last updated", "2 buying stages",
                                 "Role | VP Marketing |", "Organisation | Maison Éclat |", "Pain points |",
                                 "Financial | Too expensive |", "Board pressure |", "Uncategorised point |"})
        BOOST_TEST(cover.find(expected) != std::string::npos, "cover lacks " << expected);
}

BOOST_AUTO_TEST_CASE(embedding_scales_positions_fonts_and_strokes) {
    draw::drawing inner;
    inner.items.push_back(draw::box{{10, 10, 100, 50}, {}, {1, 1, 1}, 2, 8});
    inner.items.push_back(draw::line{{0, 0}, {100, 0}, {1, 1, 1}, 4, true});
    inner.items.push_back(draw::text{{20, 30, 80, 25}, {"a", "b"}, draw::font{10, true}, {}, draw::align::right});
    draw::drawing outer;
    draw::embed(outer, inner, 0.5, {100, 200});
    BOOST_TEST_REQUIRE(outer.items.size() == 3u);
    const auto& b = std::get<draw::box>(outer.items[0]);
    BOOST_TEST(b.area.x == 105.0);
    BOOST_TEST(b.area.y == 205.0);
    BOOST_TEST(b.area.w == 50.0);
    BOOST_TEST(b.stroke_width == 1.0);
    BOOST_TEST(b.corner_radius == 4.0);
    const auto& l = std::get<draw::line>(outer.items[1]);
    BOOST_TEST(l.to.x == 150.0);
    BOOST_TEST(l.width == 2.0);
    BOOST_TEST(l.arrow_head);
    const auto& t = std::get<draw::text>(outer.items[2]);
    BOOST_TEST(t.face.size == 5.0);
    BOOST_TEST(t.face.bold);
    BOOST_TEST(t.area.h == 12.5);
    BOOST_TEST((t.alignment == draw::align::right));

    // An arrow's bounds take in its head, which is wider than the line.
    const draw::rect r = draw::bounds(inner.items[1]);
    BOOST_TEST(r.y < -2.0);
    BOOST_TEST(r.right() == 102.0);
}

BOOST_AUTO_TEST_CASE(the_open_comments_appendix_lists_each_unresolved_comment_with_its_place_and_replies) {
    document d = test::commented_document();
    std::string words;
    for (int i = 0; i < 400; ++i) words += "realistic ";
    d.comments[1].text = words;  // long enough to go on over pages
    page_setup setup;
    setup.open_comments = true;
    const auto pages = layout_pages(d, {}, setup, measurer);
    std::vector<const page*> appendix;
    for (const page& pg : pages)
        if (pg.kind == page_kind::comments) appendix.push_back(&pg);
    BOOST_TEST_REQUIRE(appendix.size() >= 2u);
    BOOST_TEST(appendix.back() == &pages.back());
    BOOST_TEST(appendix.front()->bookmark == "Open comments");
    std::string text;
    for (const page* pg : appendix) text += test::all_text(pg->picture);
    BOOST_TEST(count(text, "Marketing Director \u203A Awareness \u203A Duration") == 1u, text);
    BOOST_TEST(count(text, "Ana Müller \u00B7 ") == 1u);
    BOOST_TEST(count(text, "Is 2 weeks realistic?") == 1u);
    BOOST_TEST(count(text, "Closer to 4 in enterprise.") == 1u);
    BOOST_TEST(count(text, "Agreed — 3-5 weeks.") == 1u);
    BOOST_TEST(count(text, "realistic ") >= 400u);
    BOOST_TEST(count(text, "Who is this?") == 1u);
    BOOST_TEST(count(text, "Open comments (continued)") >= 1u);
    // Resolved ones are not listed.
    BOOST_TEST(count(text, "second line") == 0u);
    check_inside_page(pages, setup);
    // Laid out a group at a time, the same pages.
    auto groups = page_groups::lay_out(d, {}, setup, measurer);
    BOOST_TEST_REQUIRE(bool(groups));
    BOOST_TEST(groups.value->page_count() == pages.size());
    const std::vector<page> last = groups.value->group(groups.value->size() - 1);
    BOOST_TEST(last.size() == appendix.size());
    BOOST_TEST(test::all_text(last.back().picture) == test::all_text(pages.back().picture));
    // One persona's pages list only its comments; without the option, or without open comments,
    // there is no appendix.
    const std::string second = text_of(layout_pages(d, {"p.two_2"}, setup, measurer));
    BOOST_TEST(count(second, "Who is this?") == 1u);
    BOOST_TEST(count(second, "Is 2 weeks realistic?") == 0u);
    for (const page& pg : layout_pages(d, {}, {}, measurer)) BOOST_TEST((pg.kind != page_kind::comments));
    for (comment& c : d.comments) c.resolved = true;
    for (const page& pg : layout_pages(d, {}, setup, measurer)) BOOST_TEST((pg.kind != page_kind::comments));
}

namespace {

// Many open comments of every length, with replies, in the order the tester's map had them.
document many_comments() {
    document d = test::rich_document();
    std::uint32_t seed = 19;
    const auto next = [&seed](std::uint32_t n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    const auto words = [&](std::uint32_t n) {
        std::string text = "Start";
        for (std::uint32_t i = 0; i < n; ++i) text += " word" + std::to_string(i);
        return text + " the point.";
    };
    const std::uint32_t lengths[] = {3, 12, 25, 40, 60, 90};
    for (int i = 0; i < 150; ++i) {
        comment c;
        c.id = "comment-" + std::to_string(100000000000 + i);
        c.persona_id = next(3) == 0 ? "p.two_2" : "persona-1";
        if (c.persona_id == "persona-1" && next(4) != 0) c.stage_id = next(2) == 0 ? "stage-1" : "stage-2";
        c.author = "Author " + std::to_string(i % 7);
        c.created_at = "2026-11-20T09:15:00Z";
        c.text = words(lengths[next(6)]);
        c.resolved = i % 10 == 3;
        for (std::uint32_t r = next(4); r > 0; --r)
            c.replies.push_back({"comment-" + std::to_string(200000000000 + i * 10 + r), "Replier", "2026-11-21T10:00:00Z",
                                 words(lengths[next(5)])});
        d.comments.push_back(std::move(c));
    }
    return d;
}

// What an item of the appendix is: its place, a byline, or lines of a comment's or reply's text.
enum class appendix_item { place, byline, text };

std::vector<std::pair<appendix_item, const draw::text*>> appendix_items(const page& pg) {
    std::vector<std::pair<appendix_item, const draw::text*>> items;
    for (const draw::text* t : test::texts(pg.picture)) {
        if (t->face.size == 14 || t->face.size == 8) continue;  // the page's heading and footer
        const bool byline = t->lines.front().find(" \u00B7 2026") != std::string::npos;
        items.emplace_back(t->face.bold ? appendix_item::place : byline ? appendix_item::byline : appendix_item::text, t);
    }
    return items;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_open_comments_appendix_keeps_a_byline_with_its_text_and_leaves_no_line_alone) {
    const document d = many_comments();
    for (const double height : {595.0, 842.0, 400.0, 520.0}) {
        page_setup setup;
        setup.height = height;
        setup.open_comments = true;
        std::vector<page> appendix;
        for (page& pg : layout_pages(d, {}, setup, measurer))
            if (pg.kind == page_kind::comments) appendix.push_back(std::move(pg));
        BOOST_TEST_REQUIRE(appendix.size() > 5u);
        for (std::size_t i = 0; i < appendix.size(); ++i) {
            const auto items = appendix_items(appendix[i]);
            BOOST_TEST_REQUIRE(!items.empty());
            // A page ends with text, never with a place or byline whose text is on the next page.
            BOOST_TEST((items.back().first == appendix_item::text), "page " << i << " of height " << height);
            // A text broken over two pages leaves at least two of its lines on each.
            if (i > 0 && items.front().first == appendix_item::text) {
                BOOST_TEST(items.front().second->lines.size() >= 2u, "page " << i << " of height " << height);
                BOOST_TEST(appendix_items(appendix[i - 1]).back().second->lines.size() >= 2u,
                           "page " << i - 1 << " of height " << height);
            }
        }
        const auto last = appendix_items(appendix.back());
        BOOST_TEST(!(last.size() == 1u && last.front().second->lines.size() == 1u));
        // Nothing is lost: 135 open comments with their replies.
        std::string text;
        for (const page& pg : appendix) text += test::all_text(pg.picture);
        BOOST_TEST(count(text, "Author ") == 135u);
        BOOST_TEST(count(text, "the point.") >= 135u);
    }
}

BOOST_AUTO_TEST_CASE(the_open_comments_appendix_lists_comments_in_map_order) {
    document d = test::commented_document();
    std::reverse(d.comments.begin(), d.comments.end());
    page_setup setup;
    setup.open_comments = true;
    const std::string text = text_of(layout_pages(d, {}, setup, measurer));
    const std::size_t duration = text.find("Is 2 weeks realistic?");
    const std::size_t stage = text.find("Split this stage in two?");
    const std::size_t other = text.find("Who is this?");
    BOOST_TEST_REQUIRE(other != std::string::npos);
    BOOST_TEST(duration < stage);
    BOOST_TEST(stage < other);
}
