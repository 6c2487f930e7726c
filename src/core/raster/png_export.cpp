#include "bpm/png_export.h"

#include <csetjmp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <variant>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <png.h>

#include "bpm/tr.h"
#include "cairo_library.h"

namespace bpm {

namespace {

// cairo's functions; to_png loads them before anything draws.
const raster_detail::cairo_functions& cairo_api() { return **raster_detail::load_cairo().value; }

// Drawing takes about a quarter of the time, encoding the PNG the rest (a persona of 150 stages).
constexpr std::size_t drawn_share = 250;

struct cairo_deleter {
    void operator()(cairo_t* c) const { cairo_api().cairo_destroy(c); }
    void operator()(cairo_surface_t* s) const { cairo_api().cairo_surface_destroy(s); }
    void operator()(cairo_font_face_t* f) const { cairo_api().cairo_font_face_destroy(f); }
    void operator()(cairo_font_options_t* o) const { cairo_api().cairo_font_options_destroy(o); }
};
template <class T>
using cairo_ptr = std::unique_ptr<T, cairo_deleter>;

// One face of a font file as cairo draws it.
struct raster_face {
    FT_Face ft = nullptr;
    cairo_ptr<cairo_font_face_t> cairo;
};

// The one FreeType library of the process, made on first use and kept: cairo frees each face
// when it drops the last reference to it, which may be long after an image is done (it caches
// fonts), so the library that owns the faces must outlive them all. Null when FreeType failed.
FT_Library freetype() {
    static const FT_Library library = [] {
        FT_Library made = nullptr;
        return FT_Init_FreeType(&made) == 0 ? made : nullptr;
    }();
    return library;
}

// FreeType's library may load or free one face at a time.
std::mutex loading;

// The faces of one image, loaded from the files the measurer names as each is first needed.
class raster_fonts {
public:
    // The face of a file, or null when it cannot be read (the message says which, once).
    const raster_face* get(std::string_view file, unsigned index) {
        const auto key = std::make_pair(std::string(file), index);
        if (const auto it = faces_.find(key); it != faces_.end()) return it->second.get();
        auto face = std::make_unique<raster_face>();
        if (!freetype()) {
            fail(_("Could not start the font engine (FreeType)."));
            return nullptr;
        }
        {
            const std::lock_guard<std::mutex> lock(loading);
            if (FT_New_Face(freetype(), key.first.c_str(), static_cast<FT_Long>(index), &face->ft) != 0) {
                // TRANSLATORS: {1} is a font file's path
                fail(format(_("Could not read the font {1}."), key.first));
                return nullptr;
            }
        }
        face->cairo.reset(cairo_api().cairo_ft_font_face_create_for_ft_face(face->ft, 0));
        static const cairo_user_data_key_t owner{};
        if (cairo_api().cairo_font_face_set_user_data(face->cairo.get(), &owner, face->ft, [](void* ft) {
                const std::lock_guard<std::mutex> lock(loading);
                FT_Done_Face(static_cast<FT_Face>(ft));
            }) != CAIRO_STATUS_SUCCESS) {
            FT_Done_Face(face->ft);
            fail(_("Out of memory while drawing the image."));
            return nullptr;
        }
        return faces_.emplace(key, std::move(face)).first->second.get();
    }

    // Why a face could not be loaded; "" while every one could.
    const std::string& error() const { return error_; }

private:
    void fail(std::string message) {
        if (error_.empty()) error_ = std::move(message);
    }

    std::map<std::pair<std::string, unsigned>, std::unique_ptr<raster_face>> faces_;
    std::string error_;
};

void set_source(cairo_t* cr, draw::colour c) { cairo_api().cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void rounded_rectangle(cairo_t* cr, const draw::rect& r, double radius) {
    radius = std::min({radius, r.w / 2, r.h / 2});
    if (!(radius > 0)) {
        cairo_api().cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        return;
    }
    constexpr double quarter = M_PI / 2;
    cairo_api().cairo_new_sub_path(cr);
    cairo_api().cairo_arc(cr, r.right() - radius, r.y + radius, radius, -quarter, 0);
    cairo_api().cairo_arc(cr, r.right() - radius, r.bottom() - radius, radius, 0, quarter);
    cairo_api().cairo_arc(cr, r.x + radius, r.bottom() - radius, radius, quarter, 2 * quarter);
    cairo_api().cairo_arc(cr, r.x + radius, r.y + radius, radius, 2 * quarter, 3 * quarter);
    cairo_api().cairo_close_path(cr);
}

class painter {
public:
    painter(cairo_t* cr, raster_fonts& faces, const pdf_text_measurer& measure)
        : cr_(cr), faces_(faces), measure_(measure) {}

    void operator()(const draw::box& b) const {
        const bool fill = !b.fill.transparent();
        const bool stroke = !b.stroke.transparent() && b.stroke_width > 0;
        if (!fill && !stroke) return;
        rounded_rectangle(cr_, b.area, b.corner_radius);
        if (fill) {
            set_source(cr_, b.fill);
            stroke ? cairo_api().cairo_fill_preserve(cr_) : cairo_api().cairo_fill(cr_);
        }
        if (stroke) {
            set_source(cr_, b.stroke);
            cairo_api().cairo_set_line_width(cr_, b.stroke_width);
            cairo_api().cairo_stroke(cr_);
        }
    }

    void operator()(const draw::line& l) const {
        if (l.stroke.transparent()) return;
        set_source(cr_, l.stroke);
        cairo_api().cairo_set_line_width(cr_, l.width);
        cairo_api().cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
        cairo_api().cairo_move_to(cr_, l.from.x, l.from.y);
        cairo_api().cairo_line_to(cr_, l.to.x, l.to.y);
        cairo_api().cairo_stroke(cr_);
        if (!l.arrow_head) return;
        const auto head = draw::arrow_head(l);
        cairo_api().cairo_move_to(cr_, head[0].x, head[0].y);
        cairo_api().cairo_line_to(cr_, head[1].x, head[1].y);
        cairo_api().cairo_line_to(cr_, head[2].x, head[2].y);
        cairo_api().cairo_close_path(cr_);
        cairo_api().cairo_fill(cr_);
    }

    // Each glyph is the one render_pdf draws, in its face, where the measurer's advances put it,
    // so that a line is exactly as wide as the layout measured it; the baseline is one ascent
    // below the line's top, and right-to-left lines align as in the PDF.
    void operator()(const draw::text& t) const {
        if (t.ink.transparent() || !(t.face.size > 0) || t.lines.empty()) return;
        set_source(cr_, t.ink);
        cairo_api().cairo_set_font_size(cr_, t.face.size);
        const double step = measure_.line_height(t.face);
        for (std::size_t i = 0; i < t.lines.size(); ++i) {
            const std::string& line = t.lines[i];
            double x = t.area.x;
            if (const draw::align a = draw::line_alignment(t.alignment, line); a != draw::align::left) {
                const double room = t.area.w - measure_.width(line, t.face);
                x += a == draw::align::centre ? room / 2 : room;
            }
            const double baseline = t.area.y + measure_.ascent(t.face) + static_cast<double>(i) * step;
            show_line(line, t.face, x, baseline);
        }
    }

private:
    void show_line(const std::string& line, const draw::font& f, double x, double baseline) const {
        const raster_face* run_face = nullptr;
        glyphs_.clear();
        for (const pdf_text_measurer::glyph& g : measure_.glyphs(line, f)) {
            const raster_face* face = faces_.get(g.file, g.index);
            if (!face) continue;
            if (face != run_face) {
                flush(run_face);
                run_face = face;
            }
            glyphs_.push_back({FT_Get_Char_Index(face->ft, g.drawn), x + g.x, baseline});
        }
        flush(run_face);
    }

    void flush(const raster_face* face) const {
        if (!face || glyphs_.empty()) return;
        cairo_api().cairo_set_font_face(cr_, face->cairo.get());
        cairo_api().cairo_show_glyphs(cr_, glyphs_.data(), static_cast<int>(glyphs_.size()));
        glyphs_.clear();
    }

    cairo_t* cr_;
    raster_fonts& faces_;
    const pdf_text_measurer& measure_;
    mutable std::vector<cairo_glyph_t> glyphs_;
};

extern "C" void append_to_string(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

extern "C" void no_flush(png_structp) {}

// libpng's state, freed however the encoding ends.
struct png_write {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~png_write() { png_destroy_write_struct(&png, &info); }
};

enum class encoded { done, failed, cancelled };

// Writes the image's rows as RGB through row (one row's bytes); libpng jumps back here on
// failure, past no C++ object that needs destroying.
encoded write_rows(png_write& state, cairo_surface_t* surface, unsigned char* row, const progress_fn& progress) {
    if (setjmp(png_jmpbuf(state.png))) return encoded::failed;
    const int width = cairo_api().cairo_image_surface_get_width(surface), height = cairo_api().cairo_image_surface_get_height(surface);
    const int stride = cairo_api().cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_api().cairo_image_surface_get_data(surface);
    png_set_IHDR(state.png, state.info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(state.png, state.info);
    for (int y = 0; y < height; ++y) {
        // CAIRO_FORMAT_RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB.
        const auto* pixels = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            const std::uint32_t p = pixels[x];
            row[3 * x] = static_cast<unsigned char>(p >> 16);
            row[3 * x + 1] = static_cast<unsigned char>(p >> 8);
            row[3 * x + 2] = static_cast<unsigned char>(p);
        }
        png_write_row(state.png, row);
        // Every 64 rows: often enough for a moving gauge, seldom enough to cost nothing.
        if ((y % 64 == 63 || y + 1 == height) &&
            !keep_going(progress, static_cast<std::size_t>(y + 1), static_cast<std::size_t>(height)))
            return encoded::cancelled;
    }
    png_write_end(state.png, state.info);
    return encoded::done;
}

result<std::string> encode(cairo_surface_t* surface, const progress_fn& progress) {
    const auto failed = [] { return result<std::string>::failure(_("Could not encode the image as PNG.")); };
    cairo_api().cairo_surface_flush(surface);
    std::vector<unsigned char> row(3 * static_cast<std::size_t>(cairo_api().cairo_image_surface_get_width(surface)));
    std::string bytes;
    png_write state;
    state.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!state.png) return failed();
    state.info = png_create_info_struct(state.png);
    if (!state.info) return failed();
    png_set_write_fn(state.png, &bytes, append_to_string, no_flush);
    switch (write_rows(state, surface, row.data(), progress)) {
        case encoded::done: return result<std::string>::success(std::move(bytes));
        case encoded::cancelled: return result<std::string>::cancelled();
        case encoded::failed: break;
    }
    return failed();
}

// A pixel count as the user reads it: "2400", "1e+40" or "nan".
std::string whole_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

double max_png_scale(const draw::drawing& d) {
    if (!(d.width > 0) || !(d.height > 0)) return 0;
    return std::min(max_png_side / d.width, max_png_side / d.height);
}

double default_png_scale(const draw::drawing& d) { return std::min(2.0, max_png_scale(d)); }

result<std::string> to_png(const draw::drawing& d, double scale, const pdf_text_measurer& fonts,
                           const progress_fn& progress) {
    const double w = std::floor(d.width * scale), h = std::floor(d.height * scale);
    if (!(w >= 1 && h >= 1 && w <= max_png_side && h <= max_png_side))
        return result<std::string>::failure(
            // TRANSLATORS: {1} and {2} are the image's width and height in pixels, {3} the largest side
            format(_("An image of {1} by {2} pixels cannot be drawn: each side must be 1 to {3} pixels."),
                   whole_number(w), whole_number(h), whole_number(max_png_side)));
    if (const auto& loaded = raster_detail::load_cairo(); !loaded) return result<std::string>::failure(loaded.error());
    const cairo_ptr<cairo_surface_t> surface(
        cairo_api().cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(w), static_cast<int>(h)));
    const cairo_ptr<cairo_t> cr(cairo_api().cairo_create(surface.get()));
    if (cairo_api().cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return result<std::string>::failure(_("Out of memory while drawing the image."));
    cairo_api().cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_api().cairo_paint(cr.get());
    cairo_api().cairo_scale(cr.get(), scale, scale);
    // Outlines as designed, not snapped to the pixel grid, so that glyphs sit where they were
    // measured at every scale.
    const cairo_ptr<cairo_font_options_t> options(cairo_api().cairo_font_options_create());
    cairo_api().cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
    cairo_api().cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    cairo_api().cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_api().cairo_set_font_options(cr.get(), options.get());

    const progress_fn drawing = progress_part(progress, 0, drawn_share);
    raster_fonts faces;
    const painter paint(cr.get(), faces, fonts);
    for (std::size_t i = 0; i < d.items.size(); ++i) {
        std::visit(paint, d.items[i]);
        if (i % 1000 == 999 && !keep_going(drawing, i + 1, d.items.size())) return result<std::string>::cancelled();
    }
    if (!faces.error().empty()) return result<std::string>::failure(faces.error());
    if (cairo_api().cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return result<std::string>::failure(_("Out of memory while drawing the image."));
    if (!keep_going(drawing, d.items.size(), d.items.size())) return result<std::string>::cancelled();
    return encode(surface.get(), progress_part(progress, drawn_share, 1000));
}

}  // namespace bpm
