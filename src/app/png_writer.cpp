#include "png_writer.h"

#include <csetjmp>

#include <png.h>
#include <wx/image.h>
#include <wx/intl.h>

#include "wx_string.h"

namespace {

extern "C" void AppendToString(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

extern "C" void NoFlush(png_structp) {}

// libpng's state, freed however the encoding ends.
struct PngWrite {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngWrite() { png_destroy_write_struct(&png, &info); }
};

// Writes the image; false when libpng failed (it jumps back here, past no C++ object that needs
// destroying) or progress cancelled, which cancelled then says.
bool WriteRows(PngWrite& state, const wxImage& image, const bpm::progress_fn& progress, bool& cancelled) {
    if (setjmp(png_jmpbuf(state.png))) return false;
    const int width = image.GetWidth(), height = image.GetHeight();
    png_set_IHDR(state.png, state.info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(state.png, state.info);
    unsigned char* rows = image.GetData();
    for (int y = 0; y < height; ++y) {
        png_write_row(state.png, rows + static_cast<std::size_t>(y) * static_cast<std::size_t>(width) * 3);
        // Every 64 rows: often enough for a moving gauge, seldom enough to cost nothing.
        if ((y % 64 == 63 || y + 1 == height) &&
            !bpm::keep_going(progress, static_cast<std::size_t>(y + 1), static_cast<std::size_t>(height))) {
            cancelled = true;
            return false;
        }
    }
    png_write_end(state.png, state.info);
    return true;
}

}  // namespace

bpm::result<std::string> EncodePng(const wxImage& image, const bpm::progress_fn& progress) {
    const auto failed = [] { return bpm::result<std::string>::failure(ToUtf8(_("Could not encode the image as PNG."))); };
    if (!image.IsOk()) return failed();
    std::string bytes;
    PngWrite state;
    state.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!state.png) return failed();
    state.info = png_create_info_struct(state.png);
    if (!state.info) return failed();
    png_set_write_fn(state.png, &bytes, AppendToString, NoFlush);
    bool cancelled = false;
    if (!WriteRows(state, image, progress, cancelled))
        return cancelled ? bpm::result<std::string>::cancelled() : failed();
    return bpm::result<std::string>::success(std::move(bytes));
}
