#include "bpm/pdf_export.h"

#include <hpdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <new>
#include <optional>
#include <random>
#include <set>
#include <utility>

#include "bpm/file_io.h"
#include "bpm/model.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "pdf_fonts.h"

namespace bpm {

namespace {

using pdf_detail::face;
using pdf_detail::face_id;

constexpr std::size_t max_password_length = 32;  // PDF's standard security handler pads or cuts to 32 bytes
constexpr std::size_t max_run_bytes = 8192;        // well inside libharu's 65,535-byte string limit

// The first error libharu reported; every later one is a consequence of it.
struct haru_error {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
    std::string font;  // the font file being loaded, when that is what failed
};

// libharu calls this and then returns an error code from the failing call; recording instead of
// unwinding (or longjmp-ing, as libharu's examples do) keeps C frames out of C++ error handling.
void on_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
    auto* error = static_cast<haru_error*>(data);
    if (error->code == HPDF_OK) {
        error->code = code;
        error->detail = detail;
    }
}

std::string hex(unsigned long value, int digits) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*lX", digits, value);
    return buf;
}

std::string describe(const haru_error& e) {
    switch (e.code) {
    case HPDF_FILE_OPEN_ERROR:
    case HPDF_FILE_IO_ERROR:
        return format(_("cannot read the font {1}"), e.font);
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        return format(_("{1} does not allow embedding in documents"), e.font);
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
        return format(_("libharu cannot read the font {1}"), e.font);
    case HPDF_PAGE_INVALID_FONT_SIZE:
        return _("a text is larger than the 600 points a PDF font size can be");
    case HPDF_STRING_OUT_OF_RANGE:
        return _("a text is too long for a PDF string");
    case HPDF_ZLIB_ERROR:
        return _("compressing the PDF failed");
    default:
        return format(_("libharu error 0x{1} (detail {2})"), hex(e.code, 4), std::to_string(e.detail));
    }
}

diagnostic cannot_create(const std::string& why) {
    // TRANSLATORS: {1} says why, such as "libharu cannot read the font /usr/share/fonts/x.ttf"
    return diagnostic{format(_("cannot create the PDF: {1}"), why)};
}

// Titles, metadata and bookmarks need no glyphs, but libharu converts them to UTF-16 only within
// the Basic Multilingual Plane and passes broken UTF-8 through as garbage.
std::string clean_text(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = next_code_point(text, i);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
        if (cp > 0xFFFF) cp = 0xFFFD;
        append_utf8(out, cp);
    }
    return out;
}

bool valid_password(std::string_view password) {
    if (password.size() > max_password_length) return false;
    for (char c : password)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

// Readers open the file with the user password; the owner password would lift the print and
// copy restrictions, so nobody may know it: it is random and never stored.
std::string random_owner_password() {
    std::random_device random;
    std::string out;
    for (int i = 0; i < 4; ++i) out += hex(random(), 8);
    return out;
}

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// The document's ISO 8601 date as libharu takes it; libharu also refuses days that are not on
// the calendar, leap seconds and offsets of a day or more.
std::optional<HPDF_Date> pdf_date(std::string_view text) {
    const std::optional<iso8601_time> t = parse_iso8601(text);
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!t || t->day > days[t->month - 1] + (t->month == 2 && leap_year(t->year)) || t->second > 59 ||
        t->offset_hours > 23 || t->offset_minutes > 59)
        return std::nullopt;
    HPDF_Date d{};
    d.year = t->year;
    d.month = t->month;
    d.day = t->day;
    d.hour = t->hour;
    d.minutes = t->minute;
    d.seconds = t->second;
    d.ind = t->zone;
    d.off_hour = t->offset_hours;
    d.off_minutes = t->offset_minutes;
    return d;
}

bool finite(double v) { return std::isfinite(v); }
bool finite(draw::point p) { return finite(p.x) && finite(p.y); }
bool finite(const draw::rect& r) { return finite(r.x) && finite(r.y) && finite(r.w) && finite(r.h); }

HPDF_REAL channel(std::uint8_t v) { return static_cast<HPDF_REAL>(v / 255.0); }

// One libharu document being drawn; owns the HPDF_Doc.
class haru_writer {
public:
    haru_writer(const pdf_detail::font_set& fonts, const draw::text_measurer& measurer)
        : fonts_(fonts), measurer_(measurer), doc_(HPDF_New(on_haru_error, &error_)) {
        if (!doc_) throw std::bad_alloc();
        HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(doc_);
        HPDF_SetCurrentEncoder(doc_, "UTF-8");
        utf8_ = HPDF_GetEncoder(doc_, "UTF-8");
    }
    ~haru_writer() { HPDF_Free(doc_); }
    haru_writer(const haru_writer&) = delete;
    haru_writer& operator=(const haru_writer&) = delete;

    result<rendered_pdf> render(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                const std::optional<HPDF_Date>& created, const std::string& password) {
        HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, "Buying Process Mapper");
        const std::pair<HPDF_InfoType, const std::string*> info[] = {
            {HPDF_INFO_TITLE, &metadata.title}, {HPDF_INFO_AUTHOR, &metadata.author}, {HPDF_INFO_SUBJECT, &metadata.subject}};
        for (const auto& [type, value] : info)
            if (!value->empty()) HPDF_SetInfoAttr(doc_, type, clean_text(*value).c_str());
        if (created) HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, *created);

        bool outline = false;
        for (const auto& page : pages) {
            draw_page(page);
            if (failed()) return failure();
            outline = outline || !page.bookmark.empty();
        }
        if (outline) HPDF_SetPageMode(doc_, HPDF_PAGE_MODE_USE_OUTLINE);
        if (!embed_component_glyphs())
            return result<rendered_pdf>::failure(cannot_create(_("libharu's font tables are not laid out as expected")));
        if (!password.empty()) {
            HPDF_SetPassword(doc_, random_owner_password().c_str(), password.c_str());
            HPDF_SetPermission(doc_, HPDF_ENABLE_READ | HPDF_ENABLE_PRINT | HPDF_ENABLE_COPY);
            HPDF_SetEncryptionMode(doc_, HPDF_ENCRYPT_R3, 16);
        }
        if (failed()) return failure();

        rendered_pdf out;
        if (HPDF_SaveToStream(doc_) != HPDF_OK || failed()) return failure();
        HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
        out.bytes.assign(size, '\0');
        HPDF_ResetStream(doc_);
        const HPDF_STATUS read = HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.bytes.data()), &size);
        if ((read != HPDF_OK && read != HPDF_STREAM_EOF) || size != out.bytes.size()) return failure();
        out.warnings = warnings();
        return result<rendered_pdf>::success(std::move(out));
    }

private:
    struct run {
        face_id face = face_id::regular;
        std::string text;
        unsigned long units = 0;  // thousandths of an em
    };

    bool failed() const { return error_.code != HPDF_OK; }

    result<rendered_pdf> failure() const {
        if (error_.code == HPDF_FAILD_TO_ALLOC_MEM) throw std::bad_alloc();
        return result<rendered_pdf>::failure(cannot_create(describe(error_)));
    }

    void draw_page(const pdf_page& source) {
        page_ = HPDF_AddPage(doc_);
        if (!page_) return;
        HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(source.picture.width));
        HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(source.picture.height));
        height_ = source.picture.height;
        for (const auto& item : source.picture.items) {
            std::visit([this](const auto& it) { paint(it); }, item);
            if (failed()) return;
        }
        if (!source.bookmark.empty()) {
            HPDF_Outline entry = HPDF_CreateOutline(doc_, nullptr, clean_text(source.bookmark).c_str(), utf8_);
            if (entry) HPDF_Outline_SetDestination(entry, HPDF_Page_CreateDestination(page_));
        }
    }

    // PDF's y axis points up from the bottom of the page; the drawing's points down from the top.
    HPDF_REAL x(double v) const { return static_cast<HPDF_REAL>(v); }
    HPDF_REAL y(double v) const { return static_cast<HPDF_REAL>(height_ - v); }

    // Transparency needs a graphics state object per alpha pair; plain items pay nothing.
    bool push_alpha(std::uint8_t fill, std::uint8_t stroke) {
        if (fill == 255 && stroke == 255) return false;
        HPDF_ExtGState& state = alpha_states_[{fill, stroke}];
        if (!state) {
            state = HPDF_CreateExtGState(doc_);
            HPDF_ExtGState_SetAlphaFill(state, channel(fill));
            HPDF_ExtGState_SetAlphaStroke(state, channel(stroke));
        }
        HPDF_Page_GSave(page_);
        HPDF_Page_SetExtGState(page_, state);
        return true;
    }

    void paint(const draw::box& b) {
        const bool fill = !b.fill.transparent();
        const bool stroke = !b.stroke.transparent() && b.stroke_width > 0;
        if (!(fill || stroke) || !finite(b.area) || !(b.area.w > 0) || !(b.area.h > 0)) return;
        const bool pushed = push_alpha(fill ? b.fill.a : 255, stroke ? b.stroke.a : 255);
        if (fill) HPDF_Page_SetRGBFill(page_, channel(b.fill.r), channel(b.fill.g), channel(b.fill.b));
        if (stroke) {
            HPDF_Page_SetRGBStroke(page_, channel(b.stroke.r), channel(b.stroke.g), channel(b.stroke.b));
            HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(b.stroke_width));
        }
        const double left = b.area.x, right = b.area.right(), top = b.area.y, bottom = b.area.bottom();
        const double r = finite(b.corner_radius) ? std::min({b.corner_radius, b.area.w / 2, b.area.h / 2}) : 0;
        if (r > 0) {
            // Quarter circles as cubic Béziers, control points at the usual 0.5523 of the radius.
            const double k = r * (1 - 0.5522847498);
            HPDF_Page_MoveTo(page_, x(left + r), y(top));
            HPDF_Page_LineTo(page_, x(right - r), y(top));
            HPDF_Page_CurveTo(page_, x(right - k), y(top), x(right), y(top + k), x(right), y(top + r));
            HPDF_Page_LineTo(page_, x(right), y(bottom - r));
            HPDF_Page_CurveTo(page_, x(right), y(bottom - k), x(right - k), y(bottom), x(right - r), y(bottom));
            HPDF_Page_LineTo(page_, x(left + r), y(bottom));
            HPDF_Page_CurveTo(page_, x(left + k), y(bottom), x(left), y(bottom - k), x(left), y(bottom - r));
            HPDF_Page_LineTo(page_, x(left), y(top + r));
            HPDF_Page_CurveTo(page_, x(left), y(top + k), x(left + k), y(top), x(left + r), y(top));
            HPDF_Page_ClosePath(page_);
        } else {
            HPDF_Page_Rectangle(page_, x(left), y(bottom), static_cast<HPDF_REAL>(b.area.w), static_cast<HPDF_REAL>(b.area.h));
        }
        if (fill && stroke)
            HPDF_Page_FillStroke(page_);
        else if (fill)
            HPDF_Page_Fill(page_);
        else
            HPDF_Page_Stroke(page_);
        if (pushed) HPDF_Page_GRestore(page_);
    }

    void paint(const draw::line& l) {
        if (l.stroke.transparent() || !(l.width > 0) || !finite(l.from) || !finite(l.to)) return;
        const bool pushed = push_alpha(l.stroke.a, l.stroke.a);
        HPDF_Page_SetRGBStroke(page_, channel(l.stroke.r), channel(l.stroke.g), channel(l.stroke.b));
        HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(l.width));
        draw::point end = l.to;
        std::array<draw::point, 3> head{};
        if (l.arrow_head) {
            // The shaft stops at the head's base, so a thick line's square end cannot poke out of the tip.
            head = draw::arrow_head(l);
            end = {(head[1].x + head[2].x) / 2, (head[1].y + head[2].y) / 2};
        }
        if (std::hypot(l.to.x - l.from.x, l.to.y - l.from.y) > std::hypot(l.to.x - end.x, l.to.y - end.y)) {
            HPDF_Page_MoveTo(page_, x(l.from.x), y(l.from.y));
            HPDF_Page_LineTo(page_, x(end.x), y(end.y));
            HPDF_Page_Stroke(page_);
        }
        if (l.arrow_head) {
            HPDF_Page_SetRGBFill(page_, channel(l.stroke.r), channel(l.stroke.g), channel(l.stroke.b));
            HPDF_Page_MoveTo(page_, x(head[0].x), y(head[0].y));
            HPDF_Page_LineTo(page_, x(head[1].x), y(head[1].y));
            HPDF_Page_LineTo(page_, x(head[2].x), y(head[2].y));
            HPDF_Page_ClosePath(page_);
            HPDF_Page_Fill(page_);
        }
        if (pushed) HPDF_Page_GRestore(page_);
    }

    // Each line sits on its baseline, one ascent below its top; lines are one line_height apart,
    // the distance the layout reserved for them.
    void paint(const draw::text& t) {
        if (t.ink.transparent() || !(t.face.size > 0) || !finite(t.area) || t.lines.empty()) return;
        const bool pushed = push_alpha(t.ink.a, 255);
        HPDF_Page_SetRGBFill(page_, channel(t.ink.r), channel(t.ink.g), channel(t.ink.b));
        HPDF_Page_BeginText(page_);
        const face_id main = t.face.bold && fonts_.bold ? face_id::bold : face_id::regular;
        const double ascent = fonts_.get(main).ascent * t.face.size / 1000;
        const double step = measurer_.line_height(t.face);
        std::optional<face_id> current;
        for (std::size_t i = 0; i < t.lines.size() && !failed(); ++i) {
            const unsigned long units = shape(t.lines[i], t.face.bold);
            const double width = static_cast<double>(units) * t.face.size / 1000;
            double left = t.area.x;
            if (t.alignment == draw::align::centre) left += (t.area.w - width) / 2;
            if (t.alignment == draw::align::right) left += t.area.w - width;
            const HPDF_REAL baseline = y(t.area.y + ascent + static_cast<double>(i) * step);
            for (const run& r : runs_) {
                if (current != r.face) {
                    HPDF_Font f = font(r.face);
                    if (!f) break;
                    HPDF_Page_SetFontAndSize(page_, f, static_cast<HPDF_REAL>(t.face.size));
                    current = r.face;
                }
                HPDF_Page_TextOut(page_, x(left), baseline, r.text.c_str());
                left += static_cast<double>(r.units) * t.face.size / 1000;
            }
        }
        HPDF_Page_EndText(page_);
        if (pushed) HPDF_Page_GRestore(page_);
    }

    // Splits a line into runs of one face each, noting the glyphs used and the characters that
    // had to become "?"; returns the line's width in thousandths of an em.
    unsigned long shape(std::string_view line, bool bold) {
        runs_.clear();
        unsigned long total = 0;
        pdf_detail::for_each_glyph(fonts_, line, bold, [&](face_id id, char32_t drawn, char32_t wanted, unsigned advance) {
            if (drawn != wanted) missing_.insert(wanted);
            if (!drawn) return;
            if (runs_.empty() || runs_.back().face != id || runs_.back().text.size() >= max_run_bytes) runs_.push_back({id, {}, 0});
            append_utf8(runs_.back().text, drawn);
            runs_.back().units += advance;
            total += advance;
            auto& used = used_glyphs_[static_cast<std::size_t>(id)];
            const face& f = fonts_.get(id);
            if (used.empty()) used.resize(f.advance.size());
            used[f.glyph_of[drawn]] = true;
        });
        return total;
    }

    // Fonts load on first use, so that a PDF without bold or CJK text does not embed those faces.
    HPDF_Font font(face_id id) {
        const auto slot = static_cast<std::size_t>(id);
        if (!loaded_[slot]) {
            const face& f = fonts_.get(id);
            error_.font = f.path;
            const char* name = f.collection ? HPDF_LoadTTFontFromFile2(doc_, f.path.c_str(), f.index, HPDF_TRUE)
                                            : HPDF_LoadTTFontFromFile(doc_, f.path.c_str(), HPDF_TRUE);
            if (!name) return nullptr;
            names_[slot] = name;
            loaded_[slot] = HPDF_GetFont(doc_, name, "UTF-8");
            if (!failed()) error_.font.clear();
        }
        return loaded_[slot];
    }

    // libharu 2.3.0 embeds the glyphs drawn and the direct parts of composite ones, but not the
    // parts of parts (Ё is Е plus a diaeresis, and Е is E) nor parts numbered above 32767, which
    // then print as blanks. Flagging every part of every glyph drawn completes the subset.
    bool embed_component_glyphs() {
        for (std::size_t slot = 0; slot < loaded_.size(); ++slot) {
            if (!loaded_[slot]) continue;
            const face& f = fonts_.get(static_cast<face_id>(slot));
            HPDF_FontDef def = HPDF_GetFontDef(doc_, names_[slot].c_str());
            if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return false;
            auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
            if (!attr || !attr->glyph_tbl.flgs || attr->num_glyphs != f.advance.size()) return false;
            const auto& used = used_glyphs_[slot];
            std::vector<bool> seen(f.advance.size());
            std::vector<std::uint16_t> todo;
            for (std::size_t g = 0; g < used.size(); ++g)
                if (used[g]) todo.push_back(static_cast<std::uint16_t>(g));
            while (!todo.empty()) {
                const std::uint16_t g = todo.back();
                todo.pop_back();
                for (std::uint32_t k = f.first_component[g]; k < f.first_component[g + 1]; ++k) {
                    const std::uint16_t part = f.components[k];
                    if (seen[part]) continue;
                    seen[part] = true;
                    attr->glyph_tbl.flgs[part] = 1;
                    todo.push_back(part);
                }
            }
        }
        return true;
    }

    std::vector<std::string> warnings() const {
        std::vector<std::string> out;
        std::string others;
        std::size_t listed = 0;
        bool cjk = false;
        for (char32_t cp : missing_) {
            if (pdf_detail::is_cjk(cp)) {
                cjk = true;
                continue;
            }
            if (++listed > 8) continue;
            if (!others.empty()) others += ", ";
            others += cp == invalid_code_point ? _("invalid UTF-8") : "U+" + hex(cp, 4);
        }
        if (cjk)
            out.push_back(_("No font for Chinese, Japanese or Korean text was found, so such characters appear as \"?\" "
                            "in the PDF. Installing the fonts-wqy-microhei package (or putting wqy-microhei.ttc in "
                            "the folder named by BPM_FONT_DIR) fixes this."));
        if (listed > 8) others += ", …";
        if (listed)
            out.push_back(format(_("Some characters cannot be shown with the PDF's fonts and appear as \"?\": {1}."), others));
        return out;
    }

    const pdf_detail::font_set& fonts_;
    const draw::text_measurer& measurer_;
    haru_error error_;
    HPDF_Doc doc_ = nullptr;
    HPDF_Encoder utf8_ = nullptr;
    HPDF_Page page_ = nullptr;
    double height_ = 0;
    std::array<HPDF_Font, 3> loaded_{};
    std::array<std::string, 3> names_;
    std::array<std::vector<bool>, 3> used_glyphs_;
    std::map<std::pair<std::uint8_t, std::uint8_t>, HPDF_ExtGState> alpha_states_;
    std::set<char32_t> missing_;
    std::vector<run> runs_;
};

}  // namespace

result<rendered_pdf> render_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                const pdf_options& options, const pdf_text_measurer& fonts) {
    using failed = result<rendered_pdf>;
    if (pages.empty()) return failed::failure(cannot_create(_("there are no pages to export")));
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const double w = pages[i].picture.width, h = pages[i].picture.height;
        if (!(w >= HPDF_MIN_PAGE_SIZE && w <= HPDF_MAX_PAGE_SIZE && h >= HPDF_MIN_PAGE_SIZE && h <= HPDF_MAX_PAGE_SIZE))
            return failed::failure(cannot_create(
                format(_("page {1} measures {2} × {3} points, but PDF pages measure 3 to 14,400 points each way"),
                       std::to_string(i + 1), std::to_string(std::lround(w)), std::to_string(std::lround(h)))));
    }
    if (!valid_password(options.password))
        return failed::failure(cannot_create(_("the password must be at most 32 characters long and use only "
                                               "unaccented letters, digits, spaces and punctuation")));
    std::optional<HPDF_Date> created;
    if (!metadata.created_at.empty()) {
        created = pdf_date(metadata.created_at);
        if (!created)
            return failed::failure(cannot_create(format(
                _("the creation date \"{1}\" is not an ISO 8601 date such as 2026-11-21T09:06:52Z"), metadata.created_at)));
    }
    haru_writer writer(fonts.font_set(), fonts);
    return writer.render(pages, metadata, created, options.password);
}

result<std::vector<std::string>> export_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                            const pdf_options& options, const pdf_text_measurer& fonts,
                                            const std::string& path) {
    auto pdf = render_pdf(pages, metadata, options, fonts);
    if (!pdf) return result<std::vector<std::string>>::failure_of(pdf);
    if (auto written = write_file_atomic(path, pdf.value->bytes); !written)
        return result<std::vector<std::string>>::failure_of(written);
    return result<std::vector<std::string>>::success(std::move(pdf.value->warnings));
}

}  // namespace bpm
