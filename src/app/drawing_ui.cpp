#include "drawing_ui.h"

#include <algorithm>

#include <wx/brush.h>
#include <wx/font.h>
#include <wx/fontenum.h>

#include "wx_string.h"

namespace {

wxColour ToColour(const bpm::draw::colour& c) { return wxColour(c.r, c.g, c.b, c.a); }

// A font for the context: sizes are in the context's pixels, like every other coordinate.
wxGraphicsFont MakeFont(wxGraphicsContext& gc, const bpm::draw::font& f, const wxColour& ink) {
    return gc.CreateFont(f.size, DrawingFaceName(), f.bold ? wxFONTFLAG_BOLD : wxFONTFLAG_DEFAULT, ink);
}

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

void DrawText(wxGraphicsContext& gc, const bpm::draw::text& t, GraphicsTextMeasurer& measure) {
    const wxGraphicsFont font = MakeFont(gc, t.face, ToColour(t.ink));
    const double step = measure.line_height(t.face);
    double y = t.area.y;
    for (const std::string& line : t.lines) {
        double x = t.area.x;
        // Pango orders and joins each line itself, in the direction of its first strong character.
        if (const bpm::draw::align a = bpm::draw::line_alignment(t.alignment, line); a != bpm::draw::align::left) {
            const double room = t.area.w - measure.width(line, t.face);
            x += a == bpm::draw::align::centre ? room / 2 : room;
        }
        // Measuring selects the measurer's own (black) font on the same context: set ours after.
        gc.SetFont(font);
        gc.DrawText(ToWx(line), x, y);
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

GraphicsTextMeasurer::GraphicsTextMeasurer(wxGraphicsContext* gc) {
    if (!gc) m_owned.reset(wxGraphicsRenderer::GetDefaultRenderer()->CreateMeasuringContext());
    m_gc = gc ? gc : m_owned.get();
}

void GraphicsTextMeasurer::Select(const bpm::draw::font& f) const {
    const std::pair<double, bool> key{f.size, f.bold};
    if (key == m_selected) return;
    auto it = m_fonts.find(key);
    if (it == m_fonts.end()) it = m_fonts.emplace(key, MakeFont(*m_gc, f, *wxBLACK)).first;
    m_gc->SetFont(it->second);
    m_selected = key;
}

double GraphicsTextMeasurer::width(std::string_view text, const bpm::draw::font& f) const {
    Select(f);
    double w = 0, h = 0;
    m_gc->GetTextExtent(wxString::FromUTF8(text.data(), text.size()), &w, &h);
    return w;
}

void DrawDrawing(wxGraphicsContext& gc, const bpm::draw::drawing& d, const bpm::draw::rect* only) {
    // Room for what an item draws past its bounds: strokes, arrow heads, glyphs.
    constexpr double reach = 12;
    const bpm::draw::rect shown =
        only ? bpm::draw::rect{only->x - reach, only->y - reach, only->w + 2 * reach, only->h + 2 * reach}
             : bpm::draw::rect{};
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    gc.SetInterpolationQuality(wxINTERPOLATION_GOOD);
    GraphicsTextMeasurer measure(&gc);
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
