#pragma once
// Draws the core's renderer-neutral drawings (journey map, printed pages) with
// wxGraphicsContext, on screen, on paper and into images alike.

#include <memory>
#include <string_view>

#include <wx/graphics.h>

#include "bpm/drawing.h"

/// The face every drawing uses: DejaVu Sans where installed (what the PDF embeds), else the
/// platform's sans-serif.
wxString DrawingFaceName();

/// Measures and draws lines of text for drawings. A font's size is its em in drawing units, and
/// a line is exactly as wide at every scale it is drawn at (zoomed on screen, twice as large in an
/// image, on paper): on GTK, Pango lays text out with unhinted metrics and unrounded glyph
/// positions, so a layout wrapped once fits wherever it is drawn.
class GraphicsTextMeasurer : public bpm::draw::text_measurer {
public:
    GraphicsTextMeasurer();
    ~GraphicsTextMeasurer() override;
    GraphicsTextMeasurer(const GraphicsTextMeasurer&) = delete;
    GraphicsTextMeasurer& operator=(const GraphicsTextMeasurer&) = delete;

    // Line spacing stays the base class's fixed share of the size, so a layout measured once
    // draws identically on any context.
    double width(std::string_view text, const bpm::draw::font& f) const override;

    /// Draws one line with the top left of its box at (x, y) in gc's coordinates, ordered and
    /// shaped by direction as width() measured it.
    void Draw(wxGraphicsContext& gc, std::string_view line, const bpm::draw::font& f, const wxColour& ink, double x,
              double y) const;

private:
    struct Text;
    std::unique_ptr<Text> m_text;
};

/// Draws every item of d onto gc in its current coordinate system (one unit = one pixel of gc),
/// or only those that show within *only (in the drawing's units): a window shows a part of a
/// large map, and drawing the rest cost more than drawing what shows.
void DrawDrawing(wxGraphicsContext& gc, const bpm::draw::drawing& d, const bpm::draw::rect* only = nullptr);
