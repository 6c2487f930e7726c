#pragma once

#include <string>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "bpm/page_layout.h"
#include "bpm/pdf_export.h"
#include "bpm/progress.h"

// A buying process map as a PDF: the printed pages of page_layout, drawn by the PDF renderer,
// with a bookmark for the overview and one per persona and the map's facts as document information. The editor and
// bpmap-cli both export through here.
namespace bpm {

/// What to put into a map's PDF.
struct map_pdf_request {
    std::vector<std::string> persona_ids;  // empty: every persona, in document order
    page_setup setup;                      // paper, margins, footer title, the open comments appendix
    pdf_options options;                   // password
    std::string created_at;                // ISO 8601 for the document information; empty: now
    /// Told thousandths done as each persona's pages are counted, then as each group of pages
    /// (a page of the overview, a persona's pages) is written, then (with a password) as they are
    /// encrypted; cancelling leaves no file (and the file that was there as it was).
    progress_fn progress;
};

/// The pages of the request, laid out with the PDF's own font metrics.
std::vector<pdf_page> map_pdf_pages(const document& doc, const map_pdf_request& request,
                                    const pdf_text_measurer& fonts);

/// The PDF of the request in memory, with the renderer's warnings; laid out a group of pages
/// (a persona's, or a page of the overview) at a time.
result<rendered_pdf> render_map_pdf(const document& doc, const map_pdf_request& request,
                                    const pdf_text_measurer& fonts);

/// Writes the PDF of the request to path atomically as it is produced, a group of pages at a time,
/// so that memory holds one persona's pages (or one page of the overview) whatever the map's
/// size; returns the warnings (such as text no installed font can show). Fails when no persona matches, naming the problem.
result<std::vector<std::string>> export_map_pdf(const document& doc, const map_pdf_request& request,
                                                const pdf_text_measurer& fonts, const std::string& path);

}  // namespace bpm
