#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/drawing.h"
#include "bpm/progress.h"

// PDF export through libharu. The page layout measures its text with a pdf_text_measurer first;
// render_pdf then draws the pages with the very fonts and metrics that were measured, so the
// lines wrap in the PDF exactly where the layout wrapped them.
namespace bpm {

namespace pdf_detail {
struct font_set;
class haru_writer;
}

/// The TrueType files a PDF is drawn with.
struct pdf_font_files {
    std::string regular;     // DejaVu Sans
    std::string bold;        // DejaVu Sans Bold; empty: bold text uses the regular face
    std::string cjk;         // a first fallback, such as a CJK font; empty when there is none
    unsigned cjk_index = 0;  // which font of a .ttc collection
    // Whether characters none of these has are looked for in the other installed fonts (by
    // coverage through fontconfig, and CJK fonts by name in the font folders).
    bool system_fallbacks = true;
};

/// The folders searched for fonts, in order: $BPM_FONT_DIR when set, then the usual system font
/// folders of Linux, macOS and Windows.
std::vector<std::string> default_font_folders();

/// Measures text exactly as render_pdf draws it, from the fonts' own metrics. Immutable once
/// loaded: cheap to copy (the metrics are shared) and safe to use from several threads.
class pdf_text_measurer final : public draw::text_measurer {
public:
    /// Finds DejaVu Sans (and its bold face) in the folders and loads them; fails naming the
    /// folders when DejaVu Sans is in none of them. Fonts for characters DejaVu Sans lacks are
    /// found when text first needs them: CJK fonts by name in these folders, others by coverage.
    static result<pdf_text_measurer> find(const std::vector<std::string>& folders = default_font_folders());
    /// Loads these files; fails naming the first one that libharu could not embed.
    static result<pdf_text_measurer> load(const pdf_font_files& files);

    /// Width of one line of UTF-8 text in points, as drawn: characters no font has count as "?",
    /// control characters as nothing.
    double width(std::string_view text, const draw::font& f) const override;
    /// The advances of text's characters added up, unless text has right-to-left characters
    /// (shaped as a whole: Arabic joining, mirrored brackets).
    std::optional<unsigned long> advance_units(std::string_view text, const draw::font& f) const override;
    /// One character of a line as drawn: the font file and face, whose glyph, and where it starts.
    struct glyph {
        std::string_view file;  // the font file; valid while the measurer (or a copy of it) lives
        unsigned index = 0;     // the face within a .ttc collection
        char32_t drawn = 0;     // a presentation form, a mirrored bracket, "?" for one no font has
        double x = 0;           // from the line's left end, in the font size's units
    };
    /// The characters of one line as render_pdf draws them, for other renderers to draw the same:
    /// in visual order (right-to-left runs reversed, Arabic joined), each in the face that has it,
    /// placed by the advances width() adds up; invisible characters are left out.
    std::vector<glyph> glyphs(std::string_view line, const draw::font& f) const;
    /// How far below the top of a line its baseline lies, as render_pdf places it: the ascent
    /// of the face's main font, in the font size's units.
    double ascent(const draw::font& f) const;
    /// The files in use, to show the user which fonts the PDF embeds.
    const pdf_font_files& files() const;
    /// The loaded metrics, for render_pdf.
    const pdf_detail::font_set& font_set() const { return *fonts_; }

private:
    explicit pdf_text_measurer(std::shared_ptr<const pdf_detail::font_set> fonts) : fonts_(std::move(fonts)) {}

    std::shared_ptr<const pdf_detail::font_set> fonts_;
};

/// One page: a drawing in points (1/72 inch, y growing downwards) whose size is the page size.
struct pdf_page {
    draw::drawing picture;
    std::string bookmark;  // when not empty, an outline entry that opens this page
};

/// The document information shown by PDF readers.
struct pdf_metadata {
    std::string title;
    std::string author;
    std::string subject;
    std::string created_at;  // ISO 8601, such as 2026-11-21T09:06:52Z or ...T10:06:52+01:00; empty: none
};

/// How the PDF is protected.
struct pdf_options {
    /// When not empty, readers ask for it before showing anything: the file is encrypted with
    /// AES-256 (PDF 2.0, revision 6) and allows printing at full resolution and copying text.
    std::string password;
};

/// Whether password can protect a PDF as it is (UTF-8): not empty, no control characters, at
/// most 127 bytes, and left unchanged by SASLprep (RFC 4013), so that PDF readers that apply it
/// and readers that do not both open the file with what was typed. Fails with a one-line message
/// naming the problem (and where, counted in characters), never quoting the password.
result<> check_pdf_password(std::string_view password);

/// A PDF in memory, and what the user should know about it.
struct rendered_pdf {
    std::string bytes;
    std::vector<std::string> warnings;  // such as characters no font could show; one sentence each
};

/// A PDF written a page at a time: each page added is drawn and written out at once, so that
/// only what the pages share (fonts, outline, page tree, where each object starts) stays in
/// memory, however many pages there are. There is no limit to the pages but PDF's own (8.4
/// million objects, about 2.8 million pages). With a password, the pages wait unprotected for
/// finish(), which writes them out encrypted: in memory up to 16 MiB (2,000 to 5,000 pages),
/// beyond that in an unnamed temporary file (std::tmpfile, readable by the user alone, gone when
/// closed). Draws with the measurer's fonts, and keeps a reference to the measurer, which must
/// outlive it.
class pdf_writer {
public:
    /// Starts a PDF in memory. Fails, with a one-line message, on a password that
    /// check_pdf_password refuses and on a malformed date.
    static result<pdf_writer> to_memory(const pdf_metadata& metadata, const pdf_options& options,
                                        const pdf_text_measurer& fonts);
    /// Starts a PDF written as it is produced to a temporary file that replaces the file at path
    /// atomically when finished; failed or left unfinished, it leaves no partial file and any
    /// previous file untouched. Fails as to_memory does, and when path cannot be written.
    static result<pdf_writer> to_file(const std::string& path, const pdf_metadata& metadata,
                                      const pdf_options& options, const pdf_text_measurer& fonts);
    pdf_writer(pdf_writer&&) noexcept;
    pdf_writer& operator=(pdf_writer&&) noexcept;
    ~pdf_writer();

    /// Draws one page and writes it out. Fails, with a one-line message, on a page size PDF
    /// cannot hold and on any libharu or write error; after a failure every call fails alike.
    result<> add(const pdf_page& page);
    /// Writes what the pages share and puts the file in place; the PDF's bytes (empty when
    /// written to a file) and its warnings. Fails when no page was added. With a password,
    /// progress is told the encryption's percent (of 100) and may cancel it, leaving no file.
    /// Called once, and nothing after it (std::logic_error).
    result<rendered_pdf> finish(const progress_fn& progress = {});

private:
    explicit pdf_writer(std::unique_ptr<pdf_detail::haru_writer> writer);
    std::unique_ptr<pdf_detail::haru_writer> writer_;
};

/// Draws the pages into a PDF in memory with the measurer's fonts (pdf_writer::to_memory, add
/// and finish). Fails, with a one-line message, on bad input (no pages, a page size PDF cannot
/// hold, a password that check_pdf_password refuses, a malformed date) and on any libharu or
/// libqpdf error.
result<rendered_pdf> render_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                const pdf_options& options, const pdf_text_measurer& fonts);

/// Renders the pages and replaces the file at path with the PDF atomically, so that a failed
/// export leaves no partial file and any previous file untouched (pdf_writer::to_file, add and
/// finish); returns the warnings.
result<std::vector<std::string>> export_pdf(const std::vector<pdf_page>& pages, const pdf_metadata& metadata,
                                            const pdf_options& options, const pdf_text_measurer& fonts,
                                            const std::string& path);

}  // namespace bpm
