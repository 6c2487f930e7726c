#include "journey_map_view.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include "accessibility.h"
#include "bpm/file_io.h"
#include "bpm/journey_badge.h"
#include "bpm/journey_picture.h"
#include "bpm/png_export.h"
#include "bpm/svg_export.h"
#include "comments_ui.h"
#include "conflicts_ui.h"
#include "drawing_ui.h"
#include "map_printout.h"
#include "wx_string.h"

namespace {

constexpr double min_zoom = 0.25;
constexpr double max_zoom = 4.0;
constexpr double zoom_step = 1.2;
// Room around the map, in map units, so cards never touch the window's edge.
constexpr double margin = 16;

bpm::draw::colour ToDrawColour(const wxColour& c) { return {c.Red(), c.Green(), c.Blue(), 255}; }

}  // namespace

JourneyMapView::JourneyMapView(wxWindow* parent, EditingContext& context)
    : wxScrolledCanvas(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxHSCROLL | wxVSCROLL | wxWANTS_CHARS),
      m_context(context),
      m_layoutRefresh(context, EditingContext::Page::JourneyMap, [this] { ShowLayout(); }) {
    SetAccessibleName(this, _("Journey map"));
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetScrollRate(FromDIP(16), FromDIP(16));
    KeepScrollBarsVisible(this);
    Bind(wxEVT_PAINT, &JourneyMapView::OnPaint, this);
    Bind(wxEVT_MOUSEWHEEL, &JourneyMapView::OnMouseWheel, this);
    Bind(wxEVT_LEFT_DOWN, &JourneyMapView::OnLeftDown, this);
    Bind(wxEVT_LEFT_DCLICK, &JourneyMapView::OnLeftDouble, this);
    Bind(wxEVT_KEY_DOWN, &JourneyMapView::OnKeyDown, this);
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
    // Text measured at another resolution may wrap elsewhere.
    Bind(wxEVT_DPI_CHANGED, [this](wxDPIChangedEvent& e) {
        e.Skip();
        m_measure.reset();
        m_textCache.clear();
        Relayout();
    });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void JourneyMapView::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) {
        m_doc = m_context.GetDocument();
        m_personaId = m_context.GetPersonaId();
        m_stageId = m_context.GetStageId();
        Scroll(0, 0);
        Relayout();
    } else if (notice.Has(EditingContext::PersonaChanged)) {
        ShowPersona(m_context.GetPersonaId());
    } else if (notice.Has(EditingContext::Edited)) {
        // Any change can move, rename or refill a card, so the map lays out again; comments
        // change only the badges drawn over it.
        const auto badgesOnly = [](const bpm::change& c) { return c.what == bpm::change::kind::comments_changed; };
        if (std::all_of(notice.edits->begin(), notice.edits->end(), badgesOnly)) Refresh();
        else Relayout();
    }
    if (notice.Has(EditingContext::StageChanged)) SelectStage(m_context.GetStageId());
    m_layoutRefresh.Follow(notice);
    if (notice.Has(EditingContext::FocusRequested) && m_layoutRefresh.IsPageShown()) SetFocus();
}

void JourneyMapView::ShowPersona(const std::string& personaId) {
    if (personaId == m_personaId) return;
    m_personaId = personaId;
    m_stageId.clear();
    Scroll(0, 0);
    Relayout();
}

void JourneyMapView::SelectStage(std::string stageId) {
    if (stageId == m_stageId) return;
    // The outline is drawn over the map: only the two cards it leaves and reaches are painted.
    RefreshStage(m_stageId);
    m_stageId = std::move(stageId);
    RefreshStage(m_stageId);
    if (m_layoutRefresh.IsPageShown()) ScrollToStage();
    else m_scrollToStage = true;
}

wxRect JourneyMapView::ScreenRect(const bpm::draw::rect& area) const {
    const double s = Scale();
    const wxPoint at = CalcScrolledPosition(wxPoint(static_cast<int>(std::floor((area.x + margin) * s)),
                                                    static_cast<int>(std::floor((area.y + margin) * s))));
    return wxRect(at.x, at.y, static_cast<int>(std::ceil(area.w * s)) + 2, static_cast<int>(std::ceil(area.h * s)) + 2);
}

void JourneyMapView::RefreshStage(const std::string& stageId) {
    if (const bpm::stage_region* region = m_layout.find(stageId))
        RefreshRect(ScreenRect(bpm::selection_outline(region->card, {}).area).Inflate(FromDIP(3)));
}

void JourneyMapView::ScrollToStage() {
    const bpm::stage_region* region = m_layout.find(m_stageId);
    if (!region) return;
    // Just enough to bring the card into view.
    const double s = Scale();
    const wxRect card(static_cast<int>((region->card.x + margin) * s), static_cast<int>((region->card.y + margin) * s),
                      static_cast<int>(region->card.w * s), static_cast<int>(region->card.h * s));
    int unitX = 1, unitY = 1;
    GetScrollPixelsPerUnit(&unitX, &unitY);
    const wxPoint view = CalcUnscrolledPosition(wxPoint(0, 0));
    const wxSize size = GetClientSize();
    int x = view.x, y = view.y;
    if (card.GetLeft() < view.x || card.GetRight() > view.x + size.x) x = card.GetLeft() - FromDIP(8);
    if (card.GetTop() < view.y || card.GetBottom() > view.y + size.y) y = card.GetTop() - FromDIP(8);
    if (x != view.x || y != view.y) Scroll(std::max(0, x) / std::max(unitX, 1), std::max(0, y) / std::max(unitY, 1));
}

const bpm::persona* JourneyMapView::Persona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

bpm::journey_layout JourneyMapView::Layout() const {
    const bpm::persona* p = Persona();
    if (!p) return {};
    if (!m_measure) m_measure = std::make_unique<GraphicsTextMeasurer>();
    return bpm::layout_journey(*p, *m_measure, {}, &m_textCache);
}

void JourneyMapView::Relayout() {
    const bpm::persona* p = Persona();
    if (p && !m_stageId.empty() && p->find_stage(m_stageId) == bpm::npos) m_stageId.clear();
    m_layoutRefresh.Request();
}

void JourneyMapView::ShowLayout() {
    m_layout = Layout();
    UpdateVirtualSize();
    Refresh();
    if (std::exchange(m_scrollToStage, false)) ScrollToStage();
}

// Map units are points, as on paper: at 100% the map is as large on screen as it is printed
// (96 pixels per inch for 72 points), which keeps its 9.5-point field text readable.
double JourneyMapView::Scale() const { return m_zoom * GetDPIScaleFactor() * 96.0 / 72.0; }

void JourneyMapView::UpdateVirtualSize() {
    const double s = Scale();
    SetVirtualSize(static_cast<int>(std::ceil((m_layout.picture.width + 2 * margin) * s)),
                   static_cast<int>(std::ceil((m_layout.picture.height + 2 * margin) * s)));
}

void JourneyMapView::SetZoom(double zoom) {
    zoom = std::clamp(zoom, min_zoom, max_zoom);
    if (std::abs(zoom - m_zoom) < 1e-9) return;
    m_zoom = zoom;
    UpdateVirtualSize();
    Refresh();
}

void JourneyMapView::ZoomIn() { SetZoom(m_zoom * zoom_step); }
void JourneyMapView::ZoomOut() { SetZoom(m_zoom / zoom_step); }

void JourneyMapView::ZoomToFit() {
    const wxSize room = GetClientSize();
    const double w = m_layout.picture.width + 2 * margin, h = m_layout.picture.height + 2 * margin;
    if (w <= 0 || h <= 0 || room.x <= 0 || room.y <= 0) return;
    SetZoom(m_zoom * std::min(room.x / w, room.y / h) / Scale());
    Scroll(0, 0);
}

void JourneyMapView::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    dc.Clear();
    DoPrepareDC(dc);
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    if (!Persona()) {
        gc->SetFont(GetFont(), wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        gc->DrawText(_("Select a persona to see its journey map."), FromDIP(24), FromDIP(24));
        return;
    }
    const double s = Scale();
    gc->Scale(s, s);
    gc->Translate(margin, margin);
    const wxPoint view = CalcUnscrolledPosition(wxPoint(0, 0));
    const wxSize size = GetClientSize();
    const bpm::draw::rect shown{view.x / s - margin, view.y / s - margin, size.x / s, size.y / s};
    DrawDrawing(*gc, m_layout.picture, &shown);
    if (const bpm::stage_region* region = m_layout.find(m_stageId)) {
        bpm::draw::drawing outline;
        outline.items.emplace_back(
            bpm::selection_outline(region->card, ToDrawColour(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT))));
        DrawDrawing(*gc, outline);
    }
    if (m_doc) DrawConflictBadges(*gc, m_layout, m_doc->Model(), m_personaId);
    // Review notes, drawn over the map as the outline is: not part of the exported picture.
    for (const bpm::stage_region& region : m_layout.stages) {
        const std::size_t open = OpenCommentsOnStage(m_doc->Model(), m_personaId, region.stage_id);
        if (open == 0) continue;
        if (!m_measure) m_measure = std::make_unique<GraphicsTextMeasurer>();
        DrawDrawing(*gc, bpm::comment_badge(region.card, open, *m_measure));
    }
}

void JourneyMapView::OnMouseWheel(wxMouseEvent& event) {
    if (!event.ControlDown() || event.GetWheelRotation() == 0) {
        event.Skip();
        return;
    }
    // Zoom about the pointer: the map point under it stays under it.
    const wxPoint pointer = event.GetPosition();
    const wxPoint before = CalcUnscrolledPosition(pointer);
    const double old = Scale();
    event.GetWheelRotation() > 0 ? ZoomIn() : ZoomOut();
    const double ratio = Scale() / old;
    int unitX = 1, unitY = 1;
    GetScrollPixelsPerUnit(&unitX, &unitY);
    const int x = static_cast<int>(before.x * ratio) - pointer.x;
    const int y = static_cast<int>(before.y * ratio) - pointer.y;
    Scroll(std::max(0, x) / std::max(unitX, 1), std::max(0, y) / std::max(unitY, 1));
}

wxPoint JourneyMapView::ToWindow(bpm::draw::point p) const {
    const double s = Scale();
    return CalcScrolledPosition(wxPoint(static_cast<int>((p.x + margin) * s), static_cast<int>((p.y + margin) * s)));
}

std::string JourneyMapView::StageAt(const wxPoint& windowPoint) const {
    const wxPoint p = CalcUnscrolledPosition(windowPoint);
    const double s = Scale();
    const bpm::stage_region* region = m_layout.stage_at({p.x / s - margin, p.y / s - margin});
    return region ? region->stage_id : std::string();
}

void JourneyMapView::Choose(std::string stageId) {
    if (!stageId.empty()) m_context.SelectStage(stageId);
}

void JourneyMapView::OpenInGrid(const std::string& stageId) {
    m_context.SelectStage(stageId);
    m_context.FocusPage(EditingContext::Page::Stages);
}

void JourneyMapView::OnLeftDown(wxMouseEvent& event) {
    SetFocus();
    Choose(StageAt(event.GetPosition()));
    event.Skip();
}

void JourneyMapView::OnLeftDouble(wxMouseEvent& event) {
    const std::string id = StageAt(event.GetPosition());
    if (!id.empty()) OpenInGrid(id);
}

void JourneyMapView::OnKeyDown(wxKeyEvent& event) {
    const auto& regions = m_layout.stages;
    const int key = event.GetKeyCode();
    if (event.GetModifiers() != wxMOD_NONE || regions.empty()) {
        event.Skip();
        return;
    }
    auto at = std::find_if(regions.begin(), regions.end(), [this](const auto& r) { return r.stage_id == m_stageId; });
    const std::size_t i = at == regions.end() ? 0 : static_cast<std::size_t>(at - regions.begin());
    switch (key) {
        case WXK_RIGHT:
        case WXK_DOWN:
            Choose(regions[at == regions.end() ? 0 : std::min(i + 1, regions.size() - 1)].stage_id);
            return;
        case WXK_LEFT:
        case WXK_UP:
            Choose(regions[at == regions.end() ? 0 : (i == 0 ? 0 : i - 1)].stage_id);
            return;
        case WXK_HOME: Choose(regions.front().stage_id); return;
        case WXK_END: Choose(regions.back().stage_id); return;
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
            if (!m_stageId.empty()) OpenInGrid(m_stageId);
            return;
        default: event.Skip();
    }
}

// The exports are laid out with the PDF's measurer, not the screen's: its metrics are those of the
// font the SVG names and the PNG is drawn with, so the picture is the same wherever it is shown,
// and the same as bpmap-cli export draws.
bpm::result<> JourneyMapView::ExportPng(const wxString& path, const bpm::progress_fn& progress) const {
    const bpm::persona* p = Persona();
    if (!p) return bpm::result<>::failure(ToUtf8(_("There is no journey map to export: no persona is selected.")));
    const bpm::result<bpm::pdf_text_measurer>& fonts = PdfFonts();
    if (!fonts) return bpm::result<>::failure_of(fonts);
    const bpm::draw::drawing picture = bpm::journey_picture(*p, *fonts.value);
    const bpm::result<std::string> png = bpm::to_png(picture, bpm::default_png_scale(picture), *fonts.value, progress);
    if (!png) return bpm::result<>::failure_of(png);
    // Encoded in memory and written atomically, like every file the editor writes.
    return bpm::write_file_atomic(ToUtf8(path), *png.value);
}

bpm::result<> JourneyMapView::ExportSvg(const wxString& path, const bpm::progress_fn& progress) const {
    const bpm::persona* p = Persona();
    if (!p) return bpm::result<>::failure(ToUtf8(_("There is no journey map to export: no persona is selected.")));
    const bpm::result<bpm::pdf_text_measurer>& fonts = PdfFonts();
    if (!fonts) return bpm::result<>::failure_of(fonts);
    const bpm::result<std::string> svg = bpm::to_svg(bpm::journey_picture(*p, *fonts.value), progress);
    if (!svg) return bpm::result<>::failure_of(svg);
    return bpm::write_file_atomic(ToUtf8(path), *svg.value);
}
