#include "drawing_ui.h"

#include <algorithm>
#include <map>
#include <utility>

#include <wx/brush.h>
#include <wx/font.h>
#include <wx/fontenum.h>

#ifdef __WXGTK__
#include <pango/pangocairo.h>
#endif

namespace {

wxColour ToColour(const bpm::draw::colour& c) { return wxColour(c.r, c.g, c.b, c.a); }

void DrawBox(wxGraphicsContext& gc, const bpm::draw::box& b) {
    const bool fill = !b.fill.transparent();
    const bool stroke = !b.stroke.transparent() && b.stroke_width > 0;
    if (!fill && !stroke) return;
    gc.SetBrush(fill ? gc.CreateBrush(wxBrush(ToColour(b.fill))) : wxNullGraphicsBrush);
    gc.SetPen(stroke ? gc.CreatePen(wxGraphicsPenInfo(ToColour(b.stroke)).Width(b.stroke_width)) : wxNullGraphicsPen);
    const auto& r = b.area;
    if (b.corner_radius > 0) gc.DrawRoundedRectangle(r.x, r.y, r.w, r.h, b.corner_radius);
    else gc.DrawRectangle(r.x, r.y, r.w, r.h);
}

void DrawLine(wxGraphicsContext& gc, const bpm::draw::line& l) {
    const wxColour ink = ToColour(l.stroke);
    gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(ink).Width(l.width).Cap(wxCAP_BUTT)));
    gc.StrokeLine(l.from.x, l.from.y, l.to.x, l.to.y);
    if (!l.arrow_head) return;
    const auto head = bpm::draw::arrow_head(l);
    wxGraphicsPath path = gc.CreatePath();
    path.MoveToPoint(head[0].x, head[0].y);
    path.AddLineToPoint(head[1].x, head[1].y);
    path.AddLineToPoint(head[2].x, head[2].y);
    path.CloseSubpath();
    gc.SetPen(wxNullGraphicsPen);
    gc.SetBrush(gc.CreateBrush(wxBrush(ink)));
    gc.FillPath(path);
}

void DrawText(wxGraphicsContext& gc, const bpm::draw::text& t, const GraphicsTextMeasurer& measure) {
    const wxColour ink = ToColour(t.ink);
    const double step = measure.line_height(t.face);
    double y = t.area.y;
    for (const std::string& line : t.lines) {
        double x = t.area.x;
        // The line reads in the direction of its first strong character, as Pango orders it.
        if (const bpm::draw::align a = bpm::draw::line_alignment(t.alignment, line); a != bpm::draw::align::left) {
            const double room = t.area.w - measure.width(line, t.face);
            x += a == bpm::draw::align::centre ? room / 2 : room;
        }
        measure.Draw(gc, line, t.face, ink, x, y);
        y += step;
    }
}

// The area an item covers, without what its stroke adds.
bpm::draw::rect Bounds(const bpm::draw::item& it) {
    if (const auto* b = std::get_if<bpm::draw::box>(&it)) return b->area;
    if (const auto* t = std::get_if<bpm::draw::text>(&it)) return t->area;
    const auto& l = std::get<bpm::draw::line>(it);
    const double x = std::min(l.from.x, l.to.x), y = std::min(l.from.y, l.to.y);
    return {x, y, std::max(l.from.x, l.to.x) - x, std::max(l.from.y, l.to.y) - y};
}

}  // namespace

wxString DrawingFaceName() {
    static const wxString face = wxFontEnumerator::IsValidFacename("DejaVu Sans")
                                     ? wxString("DejaVu Sans")
                                     : wxFont(wxFontInfo().Family(wxFONTFAMILY_SWISS)).GetFaceName();
    return face;
}

#ifdef __WXGTK__

// Pango's context for measuring and the font of each size and weight. Hinted metrics and glyph
// positions rounded to whole pixels would make a line's width depend on the scale it is drawn
// at (up to 6% at the screen's 4/3 scale): a line wrapped to fit at one scale overflowed its card
// at another.
struct GraphicsTextMeasurer::Text {
    PangoContext* context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    PangoLayout* layout = nullptr;
    std::map<std::pair<double, bool>, PangoFontDescription*> fonts;

    Text() {
        Unhint(context);
        layout = pango_layout_new(context);
    }
    ~Text() {
        for (auto& [key, font] : fonts) pango_font_description_free(font);
        g_object_unref(layout);
        g_object_unref(context);
    }

    static void Unhint(PangoContext* c) {
        pango_context_set_round_glyph_positions(c, FALSE);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(c, options);
        cairo_font_options_destroy(options);
    }

    const PangoFontDescription* Font(const bpm::draw::font& f) {
        PangoFontDescription*& font = fonts[{f.size, f.bold}];
        if (!font) {
            font = pango_font_description_new();
            pango_font_description_set_family(font, DrawingFaceName().utf8_str());
            pango_font_description_set_weight(font, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
            pango_font_description_set_absolute_size(font, f.size * PANGO_SCALE);
        }
        return font;
    }

    static void SetLine(PangoLayout* l, const PangoFontDescription* font, std::string_view line) {
        pango_layout_set_font_description(l, font);
        pango_layout_set_text(l, line.data(), static_cast<int>(line.size()));
    }
};

GraphicsTextMeasurer::GraphicsTextMeasurer() : m_text(std::make_unique<Text>()) {}

GraphicsTextMeasurer::~GraphicsTextMeasurer() = default;

double GraphicsTextMeasurer::width(std::string_view text, const bpm::draw::font& f) const {
    Text::SetLine(m_text->layout, m_text->Font(f), text);
    PangoRectangle logical;
    pango_layout_get_extents(m_text->layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

void GraphicsTextMeasurer::Draw(wxGraphicsContext& gc, std::string_view line, const bpm::draw::font& f,
                                const wxColour& ink, double x, double y) const {
    auto* cr = static_cast<cairo_t*>(gc.GetNativeContext());
    // A layout of the target's own, for its transformation and antialiasing, but measured as above.
    PangoLayout* layout = pango_cairo_create_layout(cr);
    Text::Unhint(pango_layout_get_context(layout));
    pango_layout_context_changed(layout);
    Text::SetLine(layout, m_text->Font(f), line);
    cairo_save(cr);
    cairo_set_source_rgba(cr, ink.Red() / 255.0, ink.Green() / 255.0, ink.Blue() / 255.0, ink.Alpha() / 255.0);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
}

#else

// Elsewhere wxGraphicsContext measures, on a context of its own, and draws.
struct GraphicsTextMeasurer::Text {
    std::unique_ptr<wxGraphicsContext> gc{wxGraphicsRenderer::GetDefaultRenderer()->CreateMeasuringContext()};

    static wxGraphicsFont Font(wxGraphicsContext& on, const bpm::draw::font& f, const wxColour& ink) {
        return on.CreateFont(f.size, DrawingFaceName(), f.bold ? wxFONTFLAG_BOLD : wxFONTFLAG_DEFAULT, ink);
    }
};

GraphicsTextMeasurer::GraphicsTextMeasurer() : m_text(std::make_unique<Text>()) {}

GraphicsTextMeasurer::~GraphicsTextMeasurer() = default;

double GraphicsTextMeasurer::width(std::string_view text, const bpm::draw::font& f) const {
    m_text->gc->SetFont(Text::Font(*m_text->gc, f, *wxBLACK));
    double w = 0, h = 0;
    m_text->gc->GetTextExtent(wxString::FromUTF8(text.data(), text.size()), &w, &h);
    return w;
}

void GraphicsTextMeasurer::Draw(wxGraphicsContext& gc, std::string_view line, const bpm::draw::font& f,
                                const wxColour& ink, double x, double y) const {
    gc.SetFont(Text::Font(gc, f, ink));
    gc.DrawText(wxString::FromUTF8(line.data(), line.size()), x, y);
}

#endif

void DrawDrawing(wxGraphicsContext& gc, const bpm::draw::drawing& d, const bpm::draw::rect* only) {
    // Room for what an item draws past its bounds: strokes, arrow heads, glyphs.
    constexpr double reach = 12;
    const bpm::draw::rect shown =
        only ? bpm::draw::rect{only->x - reach, only->y - reach, only->w + 2 * reach, only->h + 2 * reach}
             : bpm::draw::rect{};
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    gc.SetInterpolationQuality(wxINTERPOLATION_GOOD);
    const GraphicsTextMeasurer measure;
    for (const bpm::draw::item& it : d.items) {
        // Bounds of no area (a straight line) still count as inside when they touch.
        if (only) {
            const bpm::draw::rect b = Bounds(it);
            if (b.right() < shown.x || b.x > shown.right() || b.bottom() < shown.y || b.y > shown.bottom()) continue;
        }
        if (const auto* b = std::get_if<bpm::draw::box>(&it)) DrawBox(gc, *b);
        else if (const auto* l = std::get_if<bpm::draw::line>(&it)) DrawLine(gc, *l);
        else if (const auto* t = std::get_if<bpm::draw::text>(&it)) DrawText(gc, *t, measure);
    }
}
