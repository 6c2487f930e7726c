#pragma once

#include <functional>
#include <memory>
#include <string>

#include <wx/scrolwin.h>

#include "bpm/diagnostic.h"
#include "bpm/journey_layout.h"
#include "bpm_document.h"
#include "drawing_ui.h"

/// The selected persona's journey map (spec Phase 5's flowchart), drawn with wxGraphicsContext
/// from the same core layout as the printout and the PDF. Zooms with Ctrl+wheel and the View
/// menu, scrolls, and shares the stage selection with the grid: clicking a card selects its
/// stage, and SelectStage shows the grid's. Redraws on every change to the map.
class JourneyMapView : public wxScrolledCanvas {
public:
    explicit JourneyMapView(wxWindow* parent);
    ~JourneyMapView() override;

    void SetDocument(BpmDocument* doc);
    /// Shows a persona's journey ("" for none).
    void ShowPersona(const std::string& personaId);
    /// Outlines a stage's card and scrolls it into view ("" for none).
    void SelectStage(std::string stageId);
    const std::string& GetSelectedStage() const { return m_stageId; }

    /// Called when the user picks a stage on the map (click, arrow keys).
    std::function<void(const std::string& stageId)> onStageChosen;
    /// Called when the user wants to edit a stage (double click, Enter).
    std::function<void(const std::string& stageId)> onStageActivated;

    double GetZoom() const { return m_zoom; }
    /// Sets the zoom (1 = 100%), keeping it within 25%-400%.
    void SetZoom(double zoom);
    void ZoomIn();
    void ZoomOut();
    /// Zooms so that the whole map fits the window.
    void ZoomToFit();
    /// The layout as shown, in map units.
    const bpm::journey_layout& GetLayout() const { return m_layout; }
    /// Where a point of the map is in the window at the current zoom and scroll position.
    wxPoint ToWindow(bpm::draw::point p) const;

    /// Writes the map at twice its size as a PNG.
    bpm::result<> ExportPng(const wxString& path) const;
    /// Writes the map as an SVG document.
    bpm::result<> ExportSvg(const wxString& path) const;

private:
    // The map of the shown persona, with a stage outlined as selected ("" for none).
    bpm::journey_layout Layout(const std::string& selectedStageId) const;
    void Relayout();
    void UpdateVirtualSize();
    double Scale() const;
    void OnPaint(wxPaintEvent& event);
    void OnMouseWheel(wxMouseEvent& event);
    void OnLeftDown(wxMouseEvent& event);
    void OnLeftDouble(wxMouseEvent& event);
    void OnKeyDown(wxKeyEvent& event);
    std::string StageAt(const wxPoint& windowPoint) const;
    // By value: callers pass ids from the layout, which choosing a stage lays out anew.
    void Choose(std::string stageId);
    const bpm::persona* Persona() const;

    BpmDocument* m_doc = nullptr;
    ChangeSubscription m_subscription;
    std::string m_personaId;
    std::string m_stageId;
    bpm::journey_layout m_layout;
    mutable std::unique_ptr<GraphicsTextMeasurer> m_measure;
    double m_zoom = 1.0;
};
