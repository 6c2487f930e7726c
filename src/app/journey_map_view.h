#pragma once

#include <memory>
#include <string>

#include <wx/scrolwin.h>

#include "bpm/diagnostic.h"
#include "bpm/journey_layout.h"
#include "bpm/progress.h"
#include "bpm_document.h"
#include "drawing_ui.h"
#include "editing_context.h"
#include "page_refresh.h"

/// The selected persona's journey map (spec Phase 5's flowchart), drawn with wxGraphicsContext
/// from the same core layout as the printout and the PDF. Zooms with Ctrl+wheel and the View
/// menu, scrolls, and outlines the context's selected stage: clicking a card (or the arrow keys)
/// selects its stage there, and a double click or Enter opens the stage in the grid. Lays out
/// again on every change to the map while its page is in front, and once it comes to the front
/// after changes made meanwhile.
class JourneyMapView : public wxScrolledCanvas {
public:
    JourneyMapView(wxWindow* parent, EditingContext& context);

    /// The stage outlined, "" for none.
    const std::string& GetSelectedStage() const { return m_stageId; }

    double GetZoom() const { return m_zoom; }
    /// Sets the zoom (1 = 100%), keeping it within 25%-400%.
    void SetZoom(double zoom);
    void ZoomIn();
    void ZoomOut();
    /// Zooms so that the whole map fits the window.
    void ZoomToFit();
    /// The layout as shown, in map units; while the page is hidden, as it was last shown.
    const bpm::journey_layout& GetLayout() const { return m_layout; }
    /// Where a point of the map is in the window at the current zoom and scroll position.
    wxPoint ToWindow(bpm::draw::point p) const;
    /// Window pixels per map unit at the current zoom (map units are points: 4/3 at 100%).
    double Scale() const;

    /// Writes the persona's journey map as a PNG at twice its size in points (less when that
    /// would pass max_png_side), laid out with the PDF's fonts exactly as bpmap-cli export draws
    /// it, atomically, telling progress; cancelled through it, the file that was there stays.
    bpm::result<> ExportPng(const wxString& path, const bpm::progress_fn& progress = {}) const;
    /// Writes the map as an SVG document, as ExportPng does.
    bpm::result<> ExportSvg(const wxString& path, const bpm::progress_fn& progress = {}) const;

private:
    void OnNotice(const EditingContext::Notice& notice);
    void ShowPersona(const std::string& personaId);
    // Outlines a stage's card and scrolls it into view ("" for none).
    void SelectStage(std::string stageId);
    void ScrollToStage();
    // Selects a stage and opens it in the grid.
    void OpenInGrid(const std::string& stageId);
    // The map of the shown persona; the selection is drawn over it.
    bpm::journey_layout Layout() const;
    // The window rectangle, in scrolled pixels, that shows area of the map.
    wxRect ScreenRect(const bpm::draw::rect& area) const;
    // Repaints the card of stageId with its selection outline, if the map shows that stage.
    void RefreshStage(const std::string& stageId);
    // Lays the map out now when its page is shown, else once it is.
    void Relayout();
    void ShowLayout();
    void UpdateVirtualSize();
    void OnPaint(wxPaintEvent& event);
    void OnMouseWheel(wxMouseEvent& event);
    void OnLeftDown(wxMouseEvent& event);
    void OnLeftDouble(wxMouseEvent& event);
    void OnKeyDown(wxKeyEvent& event);
    std::string StageAt(const wxPoint& windowPoint) const;
    // By value: callers pass ids from the layout, which choosing a stage lays out anew.
    void Choose(std::string stageId);
    const bpm::persona* Persona() const;

    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::string m_personaId;
    std::string m_stageId;
    bpm::journey_layout m_layout;
    // A hidden map waits: typing in the grid pays for no picture nobody sees. So does scrolling
    // to a stage selected meanwhile.
    PageRefresh m_layoutRefresh;
    bool m_scrollToStage = false;
    mutable std::unique_ptr<GraphicsTextMeasurer> m_measure;
    // What m_measure wrapped, so that a layout after an edit measures only the cards changed.
    mutable bpm::journey_cache m_textCache;
    double m_zoom = 1.0;
};
