#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/drawing.h"
#include "bpm/model.h"
#include "bpm/progress.h"

// Printed pages of a buying process map, laid out once for both the printer (wxPrintout) and
// the PDF writer so that they always agree. Units are points (1/72 inch).
namespace bpm {

/// Paper and margins in points, and the title for the footers. Pages are laid out on paper of 144
/// to 14,400 points each way (2 to 200 inches; other sizes, NaN included, are brought into that
/// range), within a margin that shrinks to leave at least 144 points each way inside it.
struct page_setup {
    double width = 842;   // A4 landscape
    double height = 595;
    double margin = 36;
    /// Title in every footer; "" uses the document's title, then a generic one.
    std::string document_title;
    /// Whether the pages end with an appendix, "Open comments", listing the unresolved comments
    /// about the chosen personas (all of them, those about personas the map lacks too, when all
    /// are chosen): each with its place, author, time, text and replies.
    bool open_comments = false;
};

/// What a page shows, for callers that treat some kinds differently.
enum class page_kind { overview, cover, stage_table, journey_map, summary, comments };

/// One laid-out page.
struct page {
    draw::drawing picture;  // width and height are the page's, items include the footer
    std::string persona_id;  // "" on the overview
    /// The persona's name on the first page of its group ("Overview" on the overview's first), for
    /// the PDF outline; "" on the others.
    std::string bookmark;
    int number = 0;  // 1-based, counted across the whole document
    page_kind kind = page_kind::cover;
};

/// Lays out the pages of the chosen personas (empty: all, in document order): with two or more,
/// first an overview (personas down, stages across, each whole cycle); then per persona a cover,
/// the stage table, the journey map and the summary, each flowing onto as many pages as it needs;
/// then, when the setup asks for it and there are any, the open comments.
/// Ids that name no persona are skipped; with no persona left, one page says so.
std::vector<page> layout_pages(const document& doc, const std::vector<std::string>& persona_ids,
                               const page_setup& setup, const draw::text_measurer& m);

/// layout_pages a group at a time (a page of the overview, a persona's pages, or the one page
/// saying there is none), for
/// output too long to hold at once, such as a PDF or a printout of a thousand personas: the same
/// pages, with the same numbers and footers. The footers say how many pages there are ("Page 3 of
/// 40"), so lay_out lays every group out once to count the pages; it keeps the pages of the first
/// groups, up to about two megabytes of them, and group() lays the others out again. Keeps
/// references to the document and the measurer, which must outlive it.
class page_groups {
public:
    /// Chooses the personas as layout_pages does and counts their pages, telling progress (personas
    /// counted, of all); cancelled through it, no groups.
    static result<page_groups> lay_out(const document& doc, const std::vector<std::string>& persona_ids,
                                       const page_setup& setup, const draw::text_measurer& m,
                                       const progress_fn& progress = {});
    /// How many groups there are, at least 1.
    std::size_t size() const { return overview_.size() + chosen_.size() + (open_comments_.empty() ? 0 : 1); }
    /// How many pages all the groups have.
    std::size_t page_count() const { return first_page_.back(); }
    /// The group that holds page index (0-based, below page_count()).
    std::size_t group_of(std::size_t index) const;
    /// The index (0-based) of group i's first page.
    std::size_t first_page(std::size_t i) const { return first_page_[i]; }
    /// The pages of group i (below size()), numbered and with their footers; kept pages are
    /// handed over (a second call lays them out again).
    std::vector<page> group(std::size_t i);

private:
    page_groups(const document& doc, const std::vector<std::string>& persona_ids, const page_setup& setup,
                const draw::text_measurer& m);

    page_setup setup_;
    const draw::text_measurer* m_;  // a pointer, so that a result can hold the groups
    std::vector<const persona*> chosen_;   // nullptr: the page that says there is no persona
    const document* doc_;                  // for the names the comments appendix gives places
    std::vector<const comment*> open_comments_;  // of the appendix, the last group when there are any
    // Where each page of the overview starts (a persona's index in chosen_, the band of its stages
    // on that page), each page a group before the personas'; the stage cells across a band and
    // the longest cycle in days that they all share.
    std::vector<std::pair<std::size_t, std::size_t>> overview_;
    std::size_t overview_columns_ = 1;
    double longest_cycle_days_ = 0;
    std::vector<std::size_t> first_page_;  // each group's first page (0-based), then the count
    std::vector<std::vector<page>> kept_;  // by group, the pages laid out when counting; empty: not kept
    std::string title_;                    // of the footers
};

}  // namespace bpm
