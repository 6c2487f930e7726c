// Right-to-left and mixed lines fit where the editor draws them: the journey map at every zoom,
// and the lines the grid and the chat wrap.
#include <algorithm>
#include <cstdlib>

#include <wx/dcclient.h>

#include "bpm/json_format.h"
#include "drawing_ui.h"
#include "gui_fixture.h"
#include "journey_map_view.h"
#include "layout_checks.h"
#include "word_wrap.h"

using namespace gui_test;

namespace {

JourneyMapView& Map() { return *Frame().GetJourneyMap(); }

// The Arabic and Hebrew map of tests/data as a .bpm file, written once per run.
std::string RtlMap() {
    static test::temp_dir dir;
    const std::string path = dir.file("rtl.bpm");
    if (!std::filesystem::exists(path)) {
        const result<document> d = load_json(test::data("10-rtl-arabic-hebrew.json"));
        BOOST_REQUIRE(bool(d));
        BOOST_REQUIRE(bool(save_bpm(*d.value, path)));
    }
    return path;
}

// The drawing as DrawDrawing paints it at scale, on white.
wxImage Paint(const draw::drawing& d, double scale) {
    wxImage image(static_cast<int>(std::ceil(d.width * scale)) + 1, static_cast<int>(std::ceil(d.height * scale)) + 1);
    image.SetRGB(wxRect(0, 0, image.GetWidth(), image.GetHeight()), 255, 255, 255);
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
    gc->Scale(scale, scale);
    DrawDrawing(*gc, d);
    gc.reset();
    return image;
}

// The pixels where two paintings differ, as a rectangle (empty when they do not).
wxRect Difference(const wxImage& a, const wxImage& b) {
    int left = a.GetWidth(), right = -1;
    int top = a.GetHeight(), bottom = -1;
    const unsigned char* p = a.GetData();
    const unsigned char* q = b.GetData();
    for (int y = 0; y < a.GetHeight(); ++y)
        for (int x = 0; x < a.GetWidth(); ++x) {
            const long i = 3L * (static_cast<long>(y) * a.GetWidth() + x);
            if (std::abs(p[i] - q[i]) + std::abs(p[i + 1] - q[i + 1]) + std::abs(p[i + 2] - q[i + 2]) < 24) continue;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    return right < 0 ? wxRect() : wxRect(wxPoint(left, top), wxPoint(right, bottom));
}

// Every text of the map whose ink, painted at scale, leaves its area sideways by more than the
// antialiasing's pixel: found by painting the map again with only that text's ink transparent,
// so every line lies where the map puts it, after everything drawn before it.
std::vector<std::string> Overflowing(const draw::drawing& d, double scale) {
    std::vector<std::string> out;
    const wxImage whole = Paint(d, scale);
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const auto* t = std::get_if<draw::text>(&d.items[k]);
        if (!t) continue;
        draw::drawing without = d;
        std::get<draw::text>(without.items[k]).ink.a = 0;
        const wxRect ink = Difference(whole, Paint(without, scale));
        constexpr double slack = 1.5;
        if (!ink.IsEmpty() && (ink.GetLeft() < t->area.x * scale - slack || ink.GetRight() + 1 > t->area.right() * scale + slack))
            out.push_back("\"" + t->lines.front() + "\": ink " + std::to_string(ink.GetLeft()) + ".." +
                          std::to_string(ink.GetRight() + 1) + " px, area " + std::to_string(t->area.x * scale) +
                          ".." + std::to_string(t->area.right() * scale) + " px");
    }
    return out;
}

// The Arabic and Hebrew map open in the editor.
struct rtl_editor : editor {
    rtl_editor() : editor(RtlMap()) {}
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(every_line_of_a_right_to_left_journey_map_fits_its_card_at_every_zoom, rtl_editor) {
    Command(ID_SHOW_JOURNEY);
    Command(ID_ZOOM_ACTUAL);
    const draw::drawing& map = Map().GetLayout().picture;
    BOOST_TEST_REQUIRE(map.items.size() > 20u);
    BOOST_TEST(test::all_text(map).find("החזר השקעה תוך 4 חודשים") != std::string::npos);
    for (const int zoom : {ID_ZOOM_ACTUAL, ID_ZOOM_IN, ID_ZOOM_IN, ID_ZOOM_ACTUAL, ID_ZOOM_OUT, ID_ZOOM_OUT}) {
        Command(zoom);
        const std::vector<std::string> overflowing = Overflowing(map, Map().Scale());
        BOOST_TEST(overflowing.empty(), "at " << Map().GetZoom() * 100 << "%: " << overflowing.size() << " lines, first "
                                              << (overflowing.empty() ? "" : overflowing.front()));
    }
}

BOOST_FIXTURE_TEST_CASE(right_to_left_lines_the_grid_and_the_chat_wrap_fit_as_pango_draws_them_whole, rtl_editor) {
    wxClientDC dc(&grid());
    TextWidths widths;
    for (const wxFont& font : {grid().GetDefaultCellFont(), Frame().GetFont()}) {
        dc.SetFont(font);
        for (const stage& s : shown().stages)
            for (const stage_field f : all_stage_fields)
                for (const int width : {40, 60, 80, 120, 200})
                    for (const wxString& line : WrapWords(ToWx(s.field(f)), width, widths.For(dc)))
                        if (line.length() > 1) BOOST_TEST(dc.GetTextExtent(line).x <= width, line);
    }
}

BOOST_FIXTURE_TEST_CASE(every_wrapped_line_of_the_sample_journey_map_fits_its_card_at_every_zoom, editor) {
    Command(ID_SHOW_JOURNEY);
    for (const int zoom : {ID_ZOOM_ACTUAL, ID_ZOOM_IN, ID_ZOOM_ACTUAL, ID_ZOOM_OUT, ID_ZOOM_OUT}) {
        Command(zoom);
        const std::vector<std::string> overflowing = Overflowing(Map().GetLayout().picture, Map().Scale());
        BOOST_TEST(overflowing.empty(), "at " << Map().GetZoom() * 100 << "%: " << overflowing.size() << " lines, first "
                                              << (overflowing.empty() ? "" : overflowing.front()));
    }
}
