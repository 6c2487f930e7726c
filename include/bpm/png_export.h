#pragma once

#include <string>

#include "bpm/diagnostic.h"
#include "bpm/drawing.h"
#include "bpm/pdf_export.h"
#include "bpm/progress.h"

// Drawings as PNG images, without a display: cairo draws the display list with FreeType, each
// line's glyphs being those the PDF draws (pdf_text_measurer::glyphs: bidi order, Arabic joining,
// fallback fonts) in the same font files and at the same advances, so the image breaks and fills
// each line as the layout did. The editor's File ▸ Export and
// bpmap-cli export both draw through here, so their pictures cannot differ.
namespace bpm {

/// The most pixels a PNG may have on a side: 32,767, cairo's limit.
constexpr double max_png_side = 32767;

/// The largest scale (pixels per unit) at which the drawing still fits within max_png_side.
double max_png_scale(const draw::drawing& d);

/// The scale File ▸ Export uses: 2 pixels per unit (sharp on slides and high-density displays),
/// or max_png_scale when that is less.
double default_png_scale(const draw::drawing& d);

/// The PNG bytes (RGB, 8 bits a channel, white where nothing is drawn) of d at scale pixels per
/// unit, floor(width × scale) by floor(height × scale) pixels, its text in the measurer's fonts.
/// Tells progress (thousandths: drawing, then rows encoded); cancelled through it, no bytes.
/// Fails, with a one-line message, when the size is not 1 to max_png_side pixels a side, when a
/// font file cannot be read, and when cairo or libpng run out of memory.
result<std::string> to_png(const draw::drawing& d, double scale, const pdf_text_measurer& fonts,
                           const progress_fn& progress = {});

}  // namespace bpm
