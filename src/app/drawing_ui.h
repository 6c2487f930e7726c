#pragma once
// Draws the core's renderer-neutral drawings (journey map, printed pages) with
// wxGraphicsContext, on screen, on paper and into images alike.

#include <map>
#include <memory>
#include <utility>

#include <wx/graphics.h>

#include "bpm/drawing.h"

/// The face every drawing uses: DejaVu Sans where installed (what the PDF embeds), else the
/// platform's sans-serif.
wxString DrawingFaceName();

/// Measures text as a wxGraphicsContext draws it, so layouts wrap exactly where the renderer
/// would. Drawing units are the context's pixels before any scaling.
class GraphicsTextMeasurer : public bpm::draw::text_measurer {
public:
    /// Measures with gc, which must outlive the measurer; null uses a measuring context of the
    /// default renderer.
    explicit GraphicsTextMeasurer(wxGraphicsContext* gc = nullptr);

    // Line spacing stays the base class's fixed share of the size, so a layout measured on one
    // context draws identically on any other.
    double width(std::string_view text, const bpm::draw::font& f) const override;

private:
    void Select(const bpm::draw::font& f) const;

    std::unique_ptr<wxGraphicsContext> m_owned;
    wxGraphicsContext* m_gc;
    mutable std::map<std::pair<double, bool>, wxGraphicsFont> m_fonts;
    mutable std::pair<double, bool> m_selected{-1, false};
};

/// Draws every item of d onto gc in its current coordinate system (one unit = one pixel of gc),
/// or only those that show within *only (in the drawing's units): a window shows a part of a
/// large map, and drawing the rest cost more than drawing what shows.
void DrawDrawing(wxGraphicsContext& gc, const bpm::draw::drawing& d, const bpm::draw::rect* only = nullptr);
