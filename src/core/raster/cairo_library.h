#pragma once
// Internal to the raster layer: cairo, loaded when the first picture is drawn rather than when the
// program starts. Linked the usual way, libcairo and the fifteen libraries it brings (pixman, X11,
// xcb...) cost every run of bpmap-cli 1.5 ms of CPU, picture or not (a PDF export takes 19). Where
// libcairo is not a shared ELF library (macOS, Windows, a static build) it is linked as usual and
// load_cairo() hands out the linked functions. The editor has cairo loaded by GTK either way.

#include <cairo-ft.h>
#include <cairo.h>

#include "bpm/diagnostic.h"

namespace bpm::raster_detail {

// The cairo functions the PNG export calls, each named once here.
#define BPM_CAIRO_FUNCTIONS(X) \
    X(cairo_arc) X(cairo_close_path) X(cairo_create) X(cairo_destroy) X(cairo_fill) X(cairo_fill_preserve) \
    X(cairo_font_face_destroy) X(cairo_font_face_set_user_data) X(cairo_font_options_create) \
    X(cairo_font_options_destroy) X(cairo_font_options_set_antialias) X(cairo_font_options_set_hint_metrics) \
    X(cairo_font_options_set_hint_style) X(cairo_ft_font_face_create_for_ft_face) X(cairo_image_surface_create) \
    X(cairo_image_surface_get_data) X(cairo_image_surface_get_height) X(cairo_image_surface_get_stride) \
    X(cairo_image_surface_get_width) X(cairo_line_to) X(cairo_move_to) X(cairo_new_sub_path) X(cairo_paint) \
    X(cairo_rectangle) X(cairo_scale) X(cairo_set_font_face) X(cairo_set_font_options) X(cairo_set_font_size) \
    X(cairo_set_line_cap) X(cairo_set_line_width) X(cairo_set_source_rgb) X(cairo_set_source_rgba) \
    X(cairo_show_glyphs) X(cairo_status) X(cairo_stroke) X(cairo_surface_destroy) X(cairo_surface_flush)

/// The cairo functions, by their own names.
struct cairo_functions {
#define BPM_CAIRO_SLOT(name) decltype(&::name) name = nullptr;
    BPM_CAIRO_FUNCTIONS(BPM_CAIRO_SLOT)
#undef BPM_CAIRO_SLOT
};

/// cairo's functions, loaded at the first call (from any thread, once per process); fails with a
/// one-line message naming the library when it cannot be loaded.
const result<const cairo_functions*>& load_cairo();

}  // namespace bpm::raster_detail
