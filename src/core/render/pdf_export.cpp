#include "bpm/pdf_export.h"

#include <hpdf.h>
// libharu's internals, for writing a page as soon as it is drawn.
#include <hpdf_encoder.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "bpm/file_io.h"
#include "bpm/model.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "pdf_content.h"
#include "pdf_encryption.h"
#include "pdf_font_file.h"
#include "pdf_fonts.h"

namespace bpm {

namespace {

using pdf_detail::face;
using pdf_detail::face_id;

constexpr std::size_t max_run_codes = 8192;  // a 16 KB string, inside the 32,767 bytes readers are sure to take

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
    case HPDF_XREF_COUNT_ERR:
        return _("it would hold more than the 8,388,607 objects a PDF may have; export fewer personas at a time");
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

// Pages hang from intermediate nodes of the page tree, this many to a node: one /Kids array of
// libharu holds at most 32,767 pages, and readers find a page faster in a tree of two levels.
constexpr HPDF_UINT pages_per_node = 1024;
// Bytes gathered before they go to the file: libharu writes a few bytes at a time.
constexpr std::size_t file_buffer_bytes = std::size_t(1) << 16;
// An unprotected PDF larger than this waits for its encryption in an unnamed temporary file
// rather than in memory: libqpdf holds about 1.5 KB per object while it encrypts (58 MiB for the
// 1,000 × 12 map's 35 MB), and the bytes as well would take that export past 100 MiB.
constexpr std::size_t unprotected_in_memory_bytes = std::size_t(16) << 20;
// libdeflate's level 3 deflates the eight-persona sample's page content and fonts (870 KB) in a
// little over half the time zlib's level 3 took, into 227 KB rather than 246.
constexpr int deflate_level = 3;

}  // namespace

// One libharu document being drawn, written out a page at a time; owns the HPDF_Doc.
//
// libharu writes a whole document at the end, from memory. Here every page is written as soon
// as it is drawn: its dictionary, content stream and the stream's length are final by then,
// and only they are written early; everything the pages share (fonts, which are subset at the
// end, the page tree, the outline, the catalogue, the document information) waits for
// finish(), in object order, as libharu's own save would write them. A written page keeps an
// empty dictionary, which the page tree and the outline refer to; its stream is freed.
class pdf_detail::haru_writer {
public:
    // Bytes go to the file when there is one and no password, else to memory.
    haru_writer(const pdf_detail::font_set& fonts, const draw::text_measurer& measurer, std::optional<atomic_file> file)
        : fonts_(fonts), measurer_(measurer), file_(std::move(file)), doc_(HPDF_New(on_haru_error, &error_)),
          deflater_(libdeflate_alloc_compressor(deflate_level), libdeflate_free_compressor) {
        if (!doc_ || !deflater_) throw std::bad_alloc();
        HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(doc_);
        HPDF_SetCurrentEncoder(doc_, "UTF-8");
        HPDF_SetPagesConfiguration(doc_, pages_per_node);
        utf8_ = HPDF_GetEncoder(doc_, "UTF-8");
    }
    ~haru_writer() {
        if (out_) HPDF_Stream_Free(out_);
        HPDF_Free(doc_);
    }
    haru_writer(const haru_writer&) = delete;
    haru_writer& operator=(const haru_writer&) = delete;

    // Sets the document information, keeps the password for finish() and writes the file's header.
    result<> start(const pdf_metadata& metadata, const std::optional<HPDF_Date>& created, std::string password) {
        HPDF_SetInfoAttr(doc_, HPDF_INFO_CREATOR, "Buying Process Mapper");
        const std::pair<HPDF_InfoType, const std::string*> info[] = {
            {HPDF_INFO_TITLE, &metadata.title}, {HPDF_INFO_AUTHOR, &metadata.author}, {HPDF_INFO_SUBJECT, &metadata.subject}};
        for (const auto& [type, value] : info)
            if (!value->empty()) HPDF_SetInfoAttr(doc_, type, clean_text(*value).c_str());
        if (created) HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, *created);
        password_ = std::move(password);
        out_ = HPDF_CallbackWriter_New(doc_->mmgr, on_write, this);
        if (!out_) return check(HPDF_FAILD_TO_ALLOC_MEM);
        // Version 1.4 for what a page may yet need (transparency; libqpdf raises it for the
        // encryption); the header is written before the pages are.
        return check(HPDF_Stream_WriteStr(out_, "%PDF-1.4\012%\267\276\255\252\012"));
    }

    // Draws a page and writes it out.
    result<> add(const pdf_page& page) {
        if (finished_) throw std::logic_error("pdf_writer::add after finish");
        if (!failure_.problems.empty()) return failure_;
        ++pages_;
        const double w = page.picture.width, h = page.picture.height;
        if (!(w >= HPDF_MIN_PAGE_SIZE && w <= HPDF_MAX_PAGE_SIZE && h >= HPDF_MIN_PAGE_SIZE && h <= HPDF_MAX_PAGE_SIZE))
            return fail(result<>::failure(cannot_create(
                format(_("page {1} measures {2} × {3} points, but PDF pages measure 3 to 14,400 points each way"),
                       std::to_string(pages_), std::to_string(std::lround(w)), std::to_string(std::lround(h))))));
        draw_page(page);
        if (result<> drawn = check(); !drawn) return drawn;
        outline_ = outline_ || !page.bookmark.empty();
        return write_page();
    }

    // Writes what the pages share, the cross-reference table and the trailer; puts the file in
    // place.
    result<rendered_pdf> finish(const progress_fn& progress) {
        using done = result<rendered_pdf>;
        if (std::exchange(finished_, true)) throw std::logic_error("pdf_writer::finish called twice");
        if (!failure_.problems.empty()) return done::failure_of(failure_);
        if (pages_ == 0) return done::failure(cannot_create(_("there are no pages to export")));
        if (outline_) HPDF_SetPageMode(doc_, HPDF_PAGE_MODE_USE_OUTLINE);
        if (!complete_fonts())
            return done::failure(cannot_create(_("libharu's font tables are not laid out as expected")));
        // Fonts may add objects as they are written: the count is read on every turn.
        HPDF_STATUS status = HPDF_OK;
        for (HPDF_UINT id = 1; status == HPDF_OK && id < doc_->xref->entries->count; ++id)
            if (id >= offsets_.size() || offsets_[id] == 0) status = write_object(id);
        if (result<> written = check(status); !written) return done::failure_of(written);

        const HPDF_UINT count = doc_->xref->entries->count;
        offsets_.resize(count);
        const std::uint64_t xref_at = written_;
        std::string table = "xref\0120 " + std::to_string(count) + "\012" + "0000000000 65535 f\015\012";
        char entry[24];
        for (HPDF_UINT id = 1; id < count; ++id) {
            // Readers want both \r and \n after each entry, as libharu writes them.
            std::snprintf(entry, sizeof entry, "%010llu 00000 n\015\012", static_cast<unsigned long long>(offsets_[id]));
            table += entry;
            if (table.size() >= file_buffer_bytes) status = flush_table(table, status);
        }
        status = flush_table(table, status);
        HPDF_Dict trailer = doc_->trailer;
        if (status == HPDF_OK) status = HPDF_Dict_Add(trailer, "Root", doc_->catalog);
        if (status == HPDF_OK) status = HPDF_Dict_Add(trailer, "Info", doc_->info);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(trailer, "Size", count);
        if (status == HPDF_OK) status = HPDF_Stream_WriteStr(out_, "trailer\012");
        if (status == HPDF_OK) status = HPDF_Dict_Write(trailer, out_, nullptr);
        const std::string end = "\012startxref\012" + std::to_string(xref_at) + "\012%%EOF\012";
        if (status == HPDF_OK) status = HPDF_Stream_WriteStr(out_, end.c_str());
        if (result<> written = check(status); !written) return done::failure_of(written);
        if (!password_.empty()) {
            // libharu's document is written whole: its memory goes back before libqpdf's is taken.
            HPDF_Stream_Free(std::exchange(out_, nullptr));
            HPDF_Free(std::exchange(doc_, nullptr));
            if (result<> encrypted = encrypt(progress); !encrypted) return done::failure_of(encrypted);
        } else if (file_) {
            if (result<> flushed = flush(); !flushed) return done::failure_of(flushed);
        }
        if (file_) {
            if (result<> committed = file_->commit(); !committed) return done::failure_of(fail(committed));
        }
        return done::success({std::move(bytes_), warnings()});
    }

private:
    // A face as the PDF uses it: loaded into libharu on first use, with what was drawn with it.
    struct embedded_face {
        HPDF_Font font = nullptr;
        std::string name;
        std::vector<bool> used_glyphs;                       // by glyph
        std::vector<bool> used_codes;                        // by code
        std::vector<std::uint16_t> codes;                    // those used, in order once the pages are drawn
        std::map<std::uint16_t, std::u32string> unicode_of;  // by code: what a presentation form stands for
        std::map<char32_t, std::uint16_t> code_of_astral;    // borrowed codes of characters past the BMP
        std::map<std::uint16_t, char32_t> astral_of_code;    // and the other way round
        std::uint32_t next_private = 0xF8FF;                 // the next code to borrow, downwards

        // The character drawn with a code that was used.
        char32_t char_of(std::size_t code) const {
            const auto it = astral_of_code.find(static_cast<std::uint16_t>(code));
            return it == astral_of_code.end() ? static_cast<char32_t>(code) : it->second;
        }
    };

    struct run {
        face_id face = pdf_detail::regular_face;
        std::u16string codes;
        unsigned long units = 0;  // thousandths of an em
    };

    bool failed() const { return error_.code != HPDF_OK; }

    // Remembers the first failure, which every later call returns: libharu refuses all work
    // after an error, and a file half written is no use.
    result<> fail(result<> why) {
        if (failure_.problems.empty()) failure_ = std::move(why);
        return failure_;
    }

    // Success, or the failure that libharu reported (or a call returned: some return an error
    // without reporting it) or that the output met.
    result<> check(HPDF_STATUS status = HPDF_OK) {
        if (out_of_memory_ || error_.code == HPDF_FAILD_TO_ALLOC_MEM || status == HPDF_FAILD_TO_ALLOC_MEM)
            throw std::bad_alloc();
        if (!output_failure_.problems.empty()) return fail(output_failure_);
        if (failed()) return fail(result<>::failure(cannot_create(describe(error_))));
        if (status != HPDF_OK) return fail(result<>::failure(cannot_create(describe({status, 0, {}}))));
        return result<>::success();
    }

    // Where libharu's output goes; called with a few bytes at a time.
    static HPDF_STATUS on_write(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
        auto* self = static_cast<haru_writer*>(stream->attr);
        const std::string_view bytes(reinterpret_cast<const char*>(data), size);
        // No exception may unwind through libharu's C frames.
        try {
            self->written_ += bytes.size();
            if (!self->password_.empty()) return self->keep_unprotected(bytes);
            if (!self->file_) {
                self->bytes_.append(bytes);
                return HPDF_OK;
            }
            self->buffer_.append(bytes);
            if (self->buffer_.size() < file_buffer_bytes) return HPDF_OK;
            return self->flush() ? HPDF_OK : HPDF_FILE_IO_ERROR;
        } catch (const std::bad_alloc&) {
            self->out_of_memory_ = true;
            return HPDF_FAILD_TO_ALLOC_MEM;
        }
    }

    // Keeps the unprotected PDF for encrypt(): in memory, and past unprotected_in_memory_bytes in
    // an unnamed temporary file, which nobody else can open and which is gone once closed.
    HPDF_STATUS keep_unprotected(std::string_view bytes) {
        if (!spilled_ && bytes_.size() + bytes.size() <= unprotected_in_memory_bytes) {
            bytes_.append(bytes);
            return HPDF_OK;
        }
        if (!spilled_) {
            spilled_.reset(std::tmpfile());
            if (!spilled_) return spill_failed();
            const std::string kept = std::exchange(bytes_, {});
            if (std::fwrite(kept.data(), 1, kept.size(), spilled_.get()) != kept.size()) return spill_failed();
        }
        if (std::fwrite(bytes.data(), 1, bytes.size(), spilled_.get()) != bytes.size()) return spill_failed();
        return HPDF_OK;
    }

    HPDF_STATUS spill_failed() {
        output_failure_ = result<>::failure(cannot_create(format(
            _("the temporary file that holds the pages until they are encrypted cannot be written: {1}"),
            std::string(std::strerror(errno)))));
        return HPDF_FILE_IO_ERROR;
    }

    // Rewrites the unprotected PDF with the password, into the file or in its place in memory; the
    // unprotected bytes are freed, or their temporary file closed, as soon as it is done.
    result<> encrypt(const progress_fn& progress) {
        const pdf_detail::pdf_sink sink = [this](std::string_view bytes) {
            if (file_) return file_->write(bytes);
            bytes_.append(bytes);
            return result<>::success();
        };
        result<> encrypted = result<>::success();
        if (spilled_) {
            if (std::fflush(spilled_.get()) != 0 || std::fseek(spilled_.get(), 0, SEEK_SET) != 0)
                return check(spill_failed());
            encrypted = pdf_detail::encrypt_pdf(spilled_.get(), password_, sink, progress);
            spilled_.reset();
        } else {
            const std::string plain = std::exchange(bytes_, {});
            encrypted = pdf_detail::encrypt_pdf(plain, password_, sink, progress);
        }
        return encrypted ? encrypted : fail(encrypted);
    }

    // Hands the gathered bytes to the file.
    result<> flush() {
        result<> written = file_->write(buffer_);
        buffer_.clear();
        if (!written) output_failure_ = written;
        return written;
    }

    HPDF_STATUS flush_table(std::string& table, HPDF_STATUS status) {
        if (status == HPDF_OK) status = HPDF_Stream_Write(out_, reinterpret_cast<const HPDF_BYTE*>(table.data()),
                                                          static_cast<HPDF_UINT>(table.size()));
        table.clear();
        return status;
    }

    // Writes one object as libharu's save does, numbered; a stream is deflated first
    // (deflate_stream).
    HPDF_STATUS write_object(HPDF_UINT id) {
        const auto entry = HPDF_Xref_GetEntry(doc_->xref, id);
        if (offsets_.size() <= id) offsets_.resize(id + 1);
        offsets_[id] = written_;
        const auto* header = static_cast<const HPDF_Obj_Header*>(entry->obj);
        if ((header->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT) {
            if (const HPDF_STATUS deflated = deflate_stream(static_cast<HPDF_Dict>(entry->obj)); deflated != HPDF_OK)
                return deflated;
        }
        const std::string head = std::to_string(id) + " " + std::to_string(entry->gen_no) + " obj\012";
        HPDF_STATUS status = HPDF_Stream_WriteStr(out_, head.c_str());
        if (status == HPDF_OK) status = HPDF_Obj_WriteValue(entry->obj, out_, nullptr);
        if (status == HPDF_OK) status = HPDF_Stream_WriteStr(out_, "\012endobj\012");
        return status;
    }

    // libharu deflates every stream with zlib's default level 6: for the eight-persona sample,
    // 870 KB of page content and fonts, half of a 30 ms export. A stream libharu would deflate is
    // deflated here with libdeflate at deflate_level instead (deflate_into).
    HPDF_STATUS deflate_stream(HPDF_Dict dict) {
        if (!dict->stream || !(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE) || dict->write_fn ||
            dict->stream->type != HPDF_STREAM_MEMORY)
            return HPDF_OK;
        const HPDF_UINT buffers = HPDF_MemStream_GetBufCount(dict->stream);
        std::string in;
        in.reserve(dict->stream->size);
        for (HPDF_UINT i = 0; i < buffers; ++i) {
            HPDF_UINT length = 0;
            const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(dict->stream, i, &length);
            if (!bytes) return HPDF_INVALID_OBJECT;
            in.append(reinterpret_cast<const char*>(bytes), length);
        }
        return deflate_into(dict, in);
    }

    // Makes `in`, deflated, the stream of `dict`, which libharu then writes as it is, under the
    // /Filter that flate_filter adds.
    HPDF_STATUS deflate_into(HPDF_Dict dict, std::string_view in) {
        // One buffer for every stream: a fresh one would be zeroed, and its pages faulted in, each time.
        const std::size_t bound = libdeflate_zlib_compress_bound(deflater_.get(), in.size());
        if (deflated_.size() < bound) deflated_.resize(bound);
        const std::size_t size =
            libdeflate_zlib_compress(deflater_.get(), in.data(), in.size(), deflated_.data(), deflated_.size());
        if (size == 0) return HPDF_ZLIB_ERROR;
        HPDF_MemStream_FreeData(dict->stream);
        const HPDF_STATUS status = HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(deflated_.data()),
                                                     static_cast<HPDF_UINT>(size));
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = flate_filter;
        return status;
    }

    // Declares a stream deflated by deflate_into, in place of the /Filter that libharu drops
    // from a stream it does not deflate itself.
    static HPDF_STATUS flate_filter(HPDF_Dict, HPDF_Stream out) {
        return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
    }

    // Writes the page just drawn: its dictionary, its content stream and the stream's length,
    // in object order (writing the dictionary closes what the stream left open). Then frees all
    // but the empty dictionary.
    result<> write_page() {
        const auto attr = static_cast<HPDF_PageAttr>(page_->attr);
        const HPDF_Dict contents = attr->contents;
        const auto length = static_cast<HPDF_Number>(HPDF_Dict_GetItem(contents, "Length", HPDF_OCLASS_NUMBER));
        if (!length) return check(HPDF_DICT_STREAM_LENGTH_NOT_FOUND);
        if (result<> deflated = check(deflate_into(contents, content_.bytes())); !deflated) return deflated;
        // libharu gives every page the /ProcSet that PDF 1.4 made obsolete (48 bytes) and its own
        // /MediaBox (26 bytes); pages as large as the first inherit theirs from the page tree.
        if (const auto resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page_, "Resources", HPDF_OCLASS_DICT)))
            HPDF_Dict_RemoveElement(resources, "ProcSet");
        const HPDF_Box box{0, 0, static_cast<HPDF_REAL>(width_), static_cast<HPDF_REAL>(height_)};
        if (!tree_box_) {
            tree_box_ = box;
            const HPDF_STATUS status = HPDF_Dict_Add(doc_->root_pages, "MediaBox", HPDF_Box_Array_New(doc_->mmgr, box));
            if (status != HPDF_OK) return check(status);
        }
        if (box.right == tree_box_->right && box.top == tree_box_->top) HPDF_Dict_RemoveElement(page_, "MediaBox");
        const HPDF_UINT ids[] = {id_of(page_), id_of(contents), id_of(length)};
        for (const HPDF_UINT id : ids)
            if (result<> written = check(write_object(id)); !written) return written;
        while (page_->list->count > 0) {
            const std::string key = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(page_->list, 0))->key;
            HPDF_Dict_RemoveElement(page_, key.c_str());
        }
        // Those pointed into the dictionary's resources, now gone; nothing draws on the page again.
        attr->fonts = attr->xobjects = attr->ext_gstates = nullptr;
        attr->contents = nullptr;
        attr->stream = nullptr;
        for (const HPDF_UINT id : {ids[1], ids[2]}) {
            const auto entry = HPDF_Xref_GetEntry(doc_->xref, id);
            HPDF_Obj_ForceFree(doc_->mmgr, entry->obj);
            entry->obj = nullptr;
        }
        return check();
    }

    static HPDF_UINT id_of(const void* object) {
        return static_cast<const HPDF_Obj_Header*>(object)->obj_id & 0x00FFFFFF;
    }

    void draw_page(const pdf_page& source) {
        page_ = HPDF_AddPage(doc_);
        if (!page_) return;
        HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(source.picture.width));
        HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(source.picture.height));
        width_ = source.picture.width;
        height_ = source.picture.height;
        state_ = {};
        content_.clear();
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
            if (!state) return false;
            HPDF_ExtGState_SetAlphaFill(state, channel(fill));
            HPDF_ExtGState_SetAlphaStroke(state, channel(stroke));
        }
        const char* name = HPDF_Page_GetExtGStateName(page_, state);
        if (!name) return false;
        content_.save();
        content_.graphics_state(name);
        return true;
    }

    // Undoes push_alpha, and with it every colour, width and font set since.
    void pop_alpha(bool pushed) {
        if (!pushed) return;
        content_.restore();
        state_ = {};
    }

    // These leave out the operators that would set what the graphics state already holds (a
    // text's font and size outlast its text object).
    void set_fill(draw::colour c) {
        c.a = 255;
        if (state_.fill == c) return;
        content_.fill_colour(channel(c.r), channel(c.g), channel(c.b));
        state_.fill = c;
    }
    void set_stroke(draw::colour c, double width) {
        c.a = 255;
        if (state_.stroke != c) content_.stroke_colour(channel(c.r), channel(c.g), channel(c.b));
        if (state_.line_width != width) content_.line_width(static_cast<HPDF_REAL>(width));
        state_.stroke = c;
        state_.line_width = width;
    }
    // False, having noted the error, for a size past the limit that libharu's
    // HPDF_Page_SetFontAndSize keeps.
    bool set_font(HPDF_Font f, double size) {
        if (state_.font == f && state_.font_size == size) return true;
        const auto points = static_cast<HPDF_REAL>(size);
        if (!(points > 0 && points <= HPDF_MAX_FONTSIZE)) {
            on_haru_error(HPDF_PAGE_INVALID_FONT_SIZE, 0, &error_);
            return false;
        }
        const char* name = HPDF_Page_GetLocalFontName(page_, f);  // adds the font to the page's resources
        if (!name) {
            on_haru_error(HPDF_PAGE_INVALID_FONT, 0, &error_);
            return false;
        }
        content_.font(name, points);
        state_.font = f;
        state_.font_size = size;
        return true;
    }

    void paint(const draw::box& b) {
        const bool fill = !b.fill.transparent();
        const bool stroke = !b.stroke.transparent() && b.stroke_width > 0;
        if (!(fill || stroke) || !finite(b.area) || !(b.area.w > 0) || !(b.area.h > 0)) return;
        const bool pushed = push_alpha(fill ? b.fill.a : 255, stroke ? b.stroke.a : 255);
        if (fill) set_fill(b.fill);
        if (stroke) set_stroke(b.stroke, b.stroke_width);
        const double left = b.area.x, right = b.area.right(), top = b.area.y, bottom = b.area.bottom();
        const double r = finite(b.corner_radius) ? std::min({b.corner_radius, b.area.w / 2, b.area.h / 2}) : 0;
        if (r > 0) {
            // Quarter circles as cubic Béziers, control points at the usual 0.5523 of the radius.
            const double k = r * (1 - 0.5522847498);
            content_.move_to(x(left + r), y(top));
            content_.line_to(x(right - r), y(top));
            content_.curve_to(x(right - k), y(top), x(right), y(top + k), x(right), y(top + r));
            content_.line_to(x(right), y(bottom - r));
            content_.curve_to(x(right), y(bottom - k), x(right - k), y(bottom), x(right - r), y(bottom));
            content_.line_to(x(left + r), y(bottom));
            content_.curve_to(x(left + k), y(bottom), x(left), y(bottom - k), x(left), y(bottom - r));
            content_.line_to(x(left), y(top + r));
            content_.curve_to(x(left), y(top + k), x(left + k), y(top), x(left + r), y(top));
            content_.close_path();
        } else {
            content_.rectangle(x(left), y(bottom), static_cast<HPDF_REAL>(b.area.w), static_cast<HPDF_REAL>(b.area.h));
        }
        if (fill && stroke)
            content_.fill_stroke();
        else if (fill)
            content_.fill();
        else
            content_.stroke();
        pop_alpha(pushed);
    }

    void paint(const draw::line& l) {
        if (l.stroke.transparent() || !(l.width > 0) || !finite(l.from) || !finite(l.to)) return;
        const bool pushed = push_alpha(l.stroke.a, l.stroke.a);
        set_stroke(l.stroke, l.width);
        draw::point end = l.to;
        std::array<draw::point, 3> head{};
        if (l.arrow_head) {
            // The shaft stops at the head's base, so a thick line's square end cannot poke out of the tip.
            head = draw::arrow_head(l);
            end = {(head[1].x + head[2].x) / 2, (head[1].y + head[2].y) / 2};
        }
        if (std::hypot(l.to.x - l.from.x, l.to.y - l.from.y) > std::hypot(l.to.x - end.x, l.to.y - end.y)) {
            content_.move_to(x(l.from.x), y(l.from.y));
            content_.line_to(x(end.x), y(end.y));
            content_.stroke();
        }
        if (l.arrow_head) {
            set_fill(l.stroke);
            content_.move_to(x(head[0].x), y(head[0].y));
            content_.line_to(x(head[1].x), y(head[1].y));
            content_.line_to(x(head[2].x), y(head[2].y));
            content_.close_path();
            content_.fill();
        }
        pop_alpha(pushed);
    }

    // Each line sits on its baseline, one ascent below its top; lines are one line_height apart,
    // the distance the layout reserved for them.
    void paint(const draw::text& t) {
        if (t.ink.transparent() || !(t.face.size > 0) || !finite(t.area) || t.lines.empty()) return;
        const bool pushed = push_alpha(t.ink.a, 255);
        set_fill(t.ink);
        content_.begin_text();
        const face_id main = pdf_detail::main_face(fonts_, t.face.bold);
        const double ascent = fonts_.get(main).ascent * t.face.size / 1000;
        const double step = measurer_.line_height(t.face);
        for (std::size_t i = 0; i < t.lines.size() && !failed(); ++i) {
            const unsigned long units = shape(t.lines[i], t.face.bold);
            const double width = static_cast<double>(units) * t.face.size / 1000;
            const draw::align alignment = draw::line_alignment(t.alignment, t.lines[i]);
            double left = t.area.x;
            if (alignment == draw::align::centre) left += (t.area.w - width) / 2;
            if (alignment == draw::align::right) left += t.area.w - width;
            const HPDF_REAL baseline = y(t.area.y + ascent + static_cast<double>(i) * step);
            for (const run& r : runs_) {
                HPDF_Font f = font(r.face);
                if (!f || !set_font(f, t.face.size)) break;
                content_.show(x(left), baseline, r.codes);
                left += static_cast<double>(r.units) * t.face.size / 1000;
            }
        }
        content_.end_text();
        pop_alpha(pushed);
    }

    // Splits a line, in visual order, into runs of one face each, noting the glyphs used, the
    // text that presentation forms stand for and the characters that had to become "?"; returns
    // the line's width in thousandths of an em.
    unsigned long shape(std::string_view line, bool bold) {
        runs_.clear();
        unsigned long total = 0;
        pdf_detail::for_each_glyph(fonts_, line, bold, true, [&](face_id id, char32_t drawn, char32_t wanted,
                                                                 unsigned advance, std::u32string_view source) {
            if (drawn != wanted) missing_.insert(wanted);
            if (!drawn) return;
            if (embedded_.size() <= id) embedded_.resize(std::size_t(id) + 1);
            embedded_face& e = embedded_[id];
            const face& f = fonts_.get(id);
            if (e.used_glyphs.empty()) {
                e.used_glyphs.resize(f.advance.size());
                e.used_codes.resize(0x10000);
            }
            const std::optional<std::uint16_t> code = code_for(e, f, drawn);
            if (!code) {
                missing_.insert(drawn);
                return;
            }
            // Text extraction reverses right-to-left text drawn in visual order, the letters a
            // ligature stands for among them (poppler and pdf.js alike): a lam-alef maps to
            // alef-lam, so that it extracts as lam-alef.
            if (is_presentation_form(drawn)) e.unicode_of.emplace(*code, std::u32string(source.rbegin(), source.rend()));
            if (runs_.empty() || runs_.back().face != id || runs_.back().codes.size() >= max_run_codes) runs_.push_back({id, {}, 0});
            runs_.back().codes += static_cast<char16_t>(*code);
            runs_.back().units += advance;
            total += advance;
            e.used_glyphs[f.glyph(drawn)] = true;
            if (!e.used_codes[*code]) {
                e.used_codes[*code] = true;
                e.codes.push_back(*code);
            }
        });
        return total;
    }

    // The code a character is drawn with in its font. Codes are two bytes, the BMP code points
    // (as for libharu's UTF-8 encoder, Identity-H), so a character past the BMP (emoji among
    // them) borrows a code of the Private Use Area that the font leaves unused; the font's
    // CIDToGIDMap points it at the right glyph and its /ToUnicode at the right character, so the
    // emoji prints and extracts as itself. Nothing when the 6,400 codes are all taken.
    static std::optional<std::uint16_t> code_for(embedded_face& e, const face& f, char32_t cp) {
        if (cp < 0x10000) return static_cast<std::uint16_t>(cp);
        return borrowed_code(e, f, cp);
    }

    static std::optional<std::uint16_t> borrowed_code(embedded_face& e, const face& f, char32_t cp) {
        if (const auto it = e.code_of_astral.find(cp); it != e.code_of_astral.end()) return it->second;
        while (e.next_private >= 0xE000 && (f.has(e.next_private) || e.used_codes[e.next_private])) --e.next_private;
        if (e.next_private < 0xE000) return std::nullopt;
        const auto code = static_cast<std::uint16_t>(e.next_private--);
        e.code_of_astral.emplace(cp, code);
        e.astral_of_code.emplace(code, cp);
        return code;
    }

    // Fonts load on first use, so that a PDF embeds only the faces its text uses.
    HPDF_Font font(face_id id) {
        embedded_face& e = embedded_[id];
        if (!e.font) {
            const face& f = fonts_.get(id);
            error_.font = f.path;
            const char* name = f.collection ? HPDF_LoadTTFontFromFile2(doc_, f.path.c_str(), f.index, HPDF_TRUE)
                                            : HPDF_LoadTTFontFromFile(doc_, f.path.c_str(), HPDF_TRUE);
            if (!name) return nullptr;
            e.name = name;
            e.font = type0_font(name);
            if (!failed()) error_.font.clear();
        }
        return e.font;
    }

    // libharu gives a font its widths and its CIDToGIDMap by going through all 65,536 codes of
    // the Basic Multilingual Plane, looking each up in the font's cmap (HPDF_Type0Font_New): once
    // a third of the whole export's time for DejaVu Sans and its bold, and 60 KB of widths and two
    // 128 KB maps in the file, though a map uses a few hundred characters. Only a CMap encoder is
    // asked which codes it has; so while the font is made, the UTF-8 encoder reads as one
    // (HPDF_CMapEncoder_ToUnicode) that has the space alone, and libharu looks one code up. Its
    // codes, and the decoding state that it keeps in the first of them, are then put back.
    // finish() writes the widths and map entries of the characters drawn (complete_fonts).
    HPDF_Font type0_font(const char* name) {
        auto* codes = static_cast<HPDF_CMapEncoderAttr>(utf8_->attr);
        const auto to_unicode = utf8_->to_unicode_fn;
        const std::vector<HPDF_UINT16> kept(&codes->cid_map[0][0], &codes->cid_map[0][0] + 256 * 256);
        std::fill(&codes->cid_map[0][0], &codes->cid_map[0][0] + 256 * 256, HPDF_UINT16(0));
        codes->cid_map[0][0x20] = 0x20;  // the space, as a one-byte code
        utf8_->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
        HPDF_Font font = HPDF_GetFont(doc_, name, "UTF-8");
        utf8_->to_unicode_fn = to_unicode;
        std::copy(kept.begin(), kept.end(), &codes->cid_map[0][0]);
        return font;
    }

    // What the fonts lack before they are written: the widths and CIDToGIDMap entries of the
    // characters drawn (type0_font left them empty), the parts of composite glyphs, and the
    // embedded subset (embed_program).
    bool complete_fonts() {
        for (std::size_t id = 0; id < embedded_.size(); ++id) {
            embedded_face& e = embedded_[id];
            if (!e.font) continue;
            const face& f = fonts_.get(static_cast<face_id>(id));
            HPDF_FontDef def = HPDF_GetFontDef(doc_, e.name.c_str());
            if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return false;
            auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
            if (!attr || !attr->glyph_tbl.flgs || attr->num_glyphs != f.advance.size()) return false;
            std::sort(e.codes.begin(), e.codes.end());
            if (!write_widths_and_map(e, f) || !write_to_unicode(e)) return false;
            embed_glyphs(attr, f, e.used_glyphs);
        }
        // In the order libharu writes the fonts, which is the order of their objects.
        std::vector<const embedded_face*> loaded;
        for (const embedded_face& e : embedded_)
            if (e.font) loaded.push_back(&e);
        std::sort(loaded.begin(), loaded.end(), [](const embedded_face* a, const embedded_face* b) {
            return id_of(a->font) < id_of(b->font);
        });
        for (const embedded_face* e : loaded) {
            HPDF_FontDef def = HPDF_GetFontDef(doc_, e->name.c_str());
            if (!embed_program(def, *static_cast<HPDF_TTFontDefAttr>(def->attr))) return false;
        }
        return true;
    }

    // Gives the font the descriptor that libharu would give it when the font is written
    // (CIDFontType2_BeforeWrite_Func), with the same entries in the same order, but with the
    // embedded subset made by subset_font_program from the font file libharu holds open. Leaves
    // the descriptor to libharu when the subset cannot be made here; false when libharu fails.
    bool embed_program(HPDF_FontDef def, const HPDF_TTFontDefAttr_Rec& attr) {
        if (def->descriptor || !attr.embedding || !attr.stream) return true;
        const auto read = [stream = attr.stream](std::uint64_t offset, std::size_t length, std::string& out) {
            if (offset > std::numeric_limits<HPDF_INT>::max() || length > std::numeric_limits<HPDF_UINT>::max() ||
                HPDF_Stream_Seek(stream, static_cast<HPDF_INT>(offset), HPDF_SEEK_SET) != HPDF_OK)
                return false;
            const std::size_t at = out.size();
            out.resize(at + length);
            auto size = static_cast<HPDF_UINT>(length);
            return length == 0 || (HPDF_Stream_Read(stream, reinterpret_cast<HPDF_BYTE*>(&out[at]), &size) == HPDF_OK &&
                                   size == length);
        };
        const std::optional<pdf_detail::font_program> program = pdf_detail::subset_font_program(attr, read);
        if (!program) return true;
        HPDF_Dict descriptor = HPDF_Dict_New(doc_->mmgr);
        HPDF_Dict data = descriptor ? HPDF_DictStream_New(doc_->mmgr, doc_->xref) : nullptr;
        if (!data) return false;
        HPDF_STATUS status = deflate_into(data, program->bytes);
        if (status == HPDF_OK) status = HPDF_Dict_Add(descriptor, "FontFile2", data);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(data, "Length1", static_cast<HPDF_INT32>(program->length1));
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(data, "Length2", 0);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(data, "Length3", 0);
        if (status == HPDF_OK) status = HPDF_Xref_Add(doc_->xref, descriptor);
        if (status == HPDF_OK) status = HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "Flags", def->flags);
        if (status == HPDF_OK) status = HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(doc_->mmgr, def->font_bbox));
        if (status == HPDF_OK) status = HPDF_Dict_AddName(descriptor, "FontName", attr.base_font);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
        if (status == HPDF_OK) status = HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height);
        if (status != HPDF_OK) return false;
        def->descriptor = descriptor;
        return true;
    }

    // The font's widths (W) and CIDToGIDMap for the characters drawn, whose codes are their BMP
    // code points (libharu's UTF-8 encoder with Identity-H) or borrowed ones (code_for): W in runs
    // of consecutive codes, the map up to the highest code drawn, glyph 0 for the codes between.
    bool write_widths_and_map(const embedded_face& e, const face& f) {
        const auto* attr = static_cast<HPDF_FontAttr>(e.font->attr);
        if (!attr || !attr->descendant_font || !attr->map_stream || !attr->map_stream->stream) return false;
        const auto widths = static_cast<HPDF_Array>(HPDF_Dict_GetItem(attr->descendant_font, "W", HPDF_OCLASS_ARRAY));
        if (!widths) return false;
        HPDF_Array_Clear(widths);
        std::string map;
        HPDF_Array run = nullptr;
        HPDF_STATUS status = HPDF_OK;
        std::size_t previous = 0;
        for (const std::size_t code : e.codes) {
            if (status != HPDF_OK) break;
            const char32_t cp = e.char_of(code);
            if (!run || code != previous + 1) {
                run = HPDF_Array_New(doc_->mmgr);
                if (!run) return false;
                status = HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(code));
                if (status == HPDF_OK) status = HPDF_Array_Add(widths, run);
            }
            if (status == HPDF_OK) status = HPDF_Array_AddNumber(run, static_cast<HPDF_INT32>(f.width(cp)));
            previous = code;
            const std::uint16_t glyph = f.glyph(cp);
            map.resize(2 * code + 2);
            map[2 * code] = static_cast<char>(glyph >> 8);
            map[2 * code + 1] = static_cast<char>(glyph & 0xFF);
        }
        HPDF_MemStream_FreeData(attr->map_stream->stream);
        if (status == HPDF_OK && !map.empty())
            status = HPDF_Stream_Write(attr->map_stream->stream, reinterpret_cast<const HPDF_BYTE*>(map.data()),
                                       static_cast<HPDF_UINT>(map.size()));
        return status == HPDF_OK;
    }

    // Arabic letters are drawn as the presentation forms of their joined shapes; text extraction
    // and search should find the letters themselves.
    static bool is_presentation_form(char32_t cp) {
        return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
    }

    // libharu 2.3.0 writes a /ToUnicode that is a CID map rather than a Unicode one, which text
    // extraction rejects ("Invalid 'begincidrange' operator in ToUnicode CMap") and then guesses.
    // This one maps each code drawn to its text: the character drawn with it, or the letters a
    // presentation form stands for.
    bool write_to_unicode(const embedded_face& e) {
        const auto* attr = static_cast<HPDF_FontAttr>(e.font->attr);
        if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream) return false;
        std::vector<std::pair<std::size_t, std::u32string>> entries;
        for (const std::uint16_t code : e.codes) {
            const auto it = e.unicode_of.find(code);
            entries.emplace_back(code, it == e.unicode_of.end() ? std::u32string(1, e.char_of(code)) : it->second);
        }
        std::string cmap =
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
        // At most 100 entries to a block, as the CMap format asks.
        for (std::size_t from = 0; from < entries.size(); from += 100) {
            const std::size_t to = std::min(entries.size(), from + 100);
            cmap += std::to_string(to - from) + " beginbfchar\n";
            for (std::size_t k = from; k < to; ++k) {
                const auto& [code, text] = entries[k];
                cmap += "<" + hex(code, 4) + "> <";
                for (const char32_t c : text) cmap += utf16_hex(c);
                cmap += ">\n";
            }
            cmap += "endbfchar\n";
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
        HPDF_MemStream_FreeData(attr->cmap_stream->stream);
        return HPDF_Stream_Write(attr->cmap_stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                                 static_cast<HPDF_UINT>(cmap.size())) == HPDF_OK;
    }

    static std::string utf16_hex(char32_t cp) {
        if (cp < 0x10000) return hex(cp, 4);
        cp -= 0x10000;
        return hex(0xD800 + (cp >> 10), 4) + hex(0xDC00 + (cp & 0x3FF), 4);
    }

    // libharu 2.3.0 embeds the glyphs it finds for the codes drawn (not those of borrowed codes)
    // and the direct parts of composite ones, but not the parts of parts (Ё is Е plus a
    // diaeresis, and Е is E) nor parts numbered above 32767, which then print as blanks.
    // Flagging every glyph drawn and every part of it completes the subset.
    static void embed_glyphs(HPDF_TTFontDefAttr attr, const face& f, const std::vector<bool>& used) {
        std::vector<bool> seen(f.advance.size());
        std::vector<std::uint16_t> todo;
        for (std::size_t g = 0; g < used.size(); ++g)
            if (used[g]) {
                attr->glyph_tbl.flgs[g] = 1;
                todo.push_back(static_cast<std::uint16_t>(g));
            }
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

    // One warning for the whole PDF, however many pages lack the characters: the first of them
    // and the Debian packages whose fonts would draw them.
    std::vector<std::string> warnings() const {
        if (missing_.empty()) return {};
        constexpr std::size_t max_listed = 8;
        std::string listed;
        std::size_t count = 0;
        for (char32_t cp : missing_) {
            if (++count > max_listed) continue;
            if (!listed.empty()) listed += ", ";
            if (cp == invalid_code_point) {
                listed += _("invalid UTF-8");
                continue;
            }
            append_utf8(listed, cp);
            listed += " (U+" + hex(cp, 4) + ")";
        }
        if (count > max_listed) listed += ", …";
        // TRANSLATORS: {1} lists characters, such as "中 (U+4E2D), 🔍 (U+1F50D)"
        std::string warning = format(_("No installed font has these characters, so they appear as \"?\" in the PDF: {1}."), listed);
        if (const std::vector<std::string> packages = pdf_detail::packages_to_install(missing_); !packages.empty()) {
            std::string names;
            for (const std::string& p : packages) names += (names.empty() ? "" : ", ") + p;
            // TRANSLATORS: {1} names Debian packages, such as "fonts-wqy-microhei, fonts-symbola"
            warning += " " + format(_("Installing {1} (or putting such a font in the folder named by BPM_FONT_DIR) fixes this."), names);
        }
        return {warning};
    }

    const pdf_detail::font_set& fonts_;
    const draw::text_measurer& measurer_;
    std::optional<atomic_file> file_;
    haru_error error_;
    HPDF_Doc doc_ = nullptr;
    std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> deflater_;
    std::string deflated_;  // deflate_into's output, reused
    HPDF_Stream out_ = nullptr;
    std::string password_;               // empty: the PDF is not protected
    std::string bytes_;                  // the PDF when there is no file; the unprotected PDF before encrypt()
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> spilled_{nullptr, std::fclose};  // the unprotected PDF, when large
    std::string buffer_;                 // bytes not yet handed to the file
    std::uint64_t written_ = 0;          // bytes written so far
    std::vector<std::uint64_t> offsets_;  // by object number, where each starts; 0: not written
    std::size_t pages_ = 0;
    bool outline_ = false;
    bool finished_ = false;
    bool out_of_memory_ = false;
    result<> output_failure_ = result<>::success();
    result<> failure_ = result<>::success();
    HPDF_Encoder utf8_ = nullptr;
    HPDF_Page page_ = nullptr;
    double width_ = 0;   // of the page being drawn
    double height_ = 0;
    // What the page's graphics state holds (empty: not known), for the set_ functions.
    struct graphics_state {
        std::optional<draw::colour> fill;
        std::optional<draw::colour> stroke;
        std::optional<double> line_width;
        HPDF_Font font = nullptr;
        double font_size = 0;
    } state_;
    std::optional<HPDF_Box> tree_box_;  // the /MediaBox of the page tree: the first page's
    std::vector<embedded_face> embedded_;  // by face_id
    std::map<std::pair<std::uint8_t, std::uint8_t>, HPDF_ExtGState> alpha_states_;
    std::set<char32_t> missing_;
    std::vector<run> runs_;
    pdf_detail::page_content content_;  // of the page being drawn
};

namespace {

// The options checked, and the creation date as libharu takes it; or why they cannot be used.
result<std::optional<HPDF_Date>> creation_date(const pdf_metadata& metadata, const pdf_options& options) {
    using checked = result<std::optional<HPDF_Date>>;
    if (!options.password.empty())
        if (result<> usable = check_pdf_password(options.password); !usable)
            return checked::failure(cannot_create(usable.error()));
    if (metadata.created_at.empty()) return checked::success(std::nullopt);
    std::optional<HPDF_Date> created = pdf_date(metadata.created_at);
    if (!created)
        return checked::failure(cannot_create(format(
            _("the creation date \"{1}\" is not an ISO 8601 date such as 2026-11-21T09:06:52Z"), metadata.created_at)));
    return checked::success(created);
}

}  // namespace

pdf_writer::pdf_writer(std::unique_ptr<pdf_detail::haru_writer> writer) : writer_(std::move(writer)) {}
pdf_writer::pdf_writer(pdf_writer&&) noexcept = default;
pdf_writer& pdf_writer::operator=(pdf_writer&&) noexcept = default;
pdf_writer::~pdf_writer() = default;

result<pdf_writer> pdf_writer::to_memory(const pdf_metadata& metadata, const pdf_options& options,
                                         const pdf_text_measurer& fonts) {
    const auto created = creation_date(metadata, options);
    if (!created) return result<pdf_writer>::failure_of(created);
    auto writer = std::make_unique<pdf_detail::haru_writer>(fonts.font_set(), fonts, std::nullopt);
    if (result<> started = writer->start(metadata, *created.value, options.password); !started)
        return result<pdf_writer>::failure_of(started);
    return result<pdf_writer>::success(pdf_writer(std::move(writer)));
}

result<pdf_writer> pdf_writer::to_file(const std::string& path, const pdf_metadata& metadata,
                                       const pdf_options& options, const pdf_text_measurer& fonts) {
    const auto created = creation_date(metadata, options);
    if (!created) return result<pdf_writer>::failure_of(created);
    result<atomic_file> file = atomic_file::open(path);
    if (!file) return result<pdf_writer>::failure_of(file);
    auto writer = std::make_unique<pdf_detail::haru_writer>(fonts.font_set(), fonts, std::move(file.value));
    if (result<> started = writer->start(metadata, *created.value, options.password); !started)
        return result<pdf_writer>::failure_of(started);
    return result<pdf_writer>::success(pdf_writer(std::move(writer)));
}

result<> pdf_writer::add(const pdf_page& page) { return writer_->add(page); }

result<rendered_pdf> pdf_writer::finish(const progress_fn& progress) { return writer_->finish(progress); }

namespace {

result<rendered_pdf> add_all(result<pdf_writer> writer, const std::vector<pdf_page>& pages) {
    if (!writer) return result<rendered_pdf>::failure_of(writer);
    for (const pdf_page& page : pages)
        if (result<> added = writer.value->add(page); !added) return result<rendered_pdf>::failure_of(added);
    return writer.value->finish();
}

}  // namespace

result<rendered_pdf> render_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                const pdf_options& options, const pdf_text_measurer& fonts) {
    return add_all(pdf_writer::to_memory(metadata, options, fonts), pages);
}

result<std::vector<std::string>> export_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                            const pdf_options& options, const pdf_text_measurer& fonts,
                                            const std::string& path) {
    result<rendered_pdf> pdf = add_all(pdf_writer::to_file(path, metadata, options, fonts), pages);
    if (!pdf) return result<std::vector<std::string>>::failure_of(pdf);
    return result<std::vector<std::string>>::success(std::move(pdf.value->warnings));
}

}  // namespace bpm
