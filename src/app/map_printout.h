#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/cmndata.h>
#include <wx/config.h>
#include <wx/print.h>

#include "bpm/model.h"
#include "bpm/page_layout.h"
#include "bpm/pdf_export.h"
#include "bpm/progress.h"

class WorkProgress;

/// The page setup a fresh editor starts with: A4 (or the locale's paper) in landscape, which
/// gives the seven-column stage table room.
wxPageSetupDialogData DefaultPageSetup();
/// True when the system has a printer to print to; "Print to File" and other stand-ins do not
/// count. Asks GTK's print backends on Linux (CUPS answers at once, or fails at once without
/// it); elsewhere the system's print dialog says so itself, and this is true.
bool PrinterIsSetUp();

/// The page setup saved by SavePageSetup, or DefaultPageSetup() for what was never saved.
wxPageSetupDialogData LoadPageSetup(wxConfigBase& config);
/// Remembers paper, orientation and margins for the next run.
void SavePageSetup(wxConfigBase& config, const wxPageSetupDialogData& data);

/// The core page layout for a paper size and margins (in points) and a title for the footers.
bpm::page_setup ToPageSetup(const wxPageSetupDialogData& data, const std::string& title);

/// The PDF's fonts (DejaVu Sans), found and loaded on first use, or why there are none.
const bpm::result<bpm::pdf_text_measurer>& PdfFonts();

/// Measures text for printed pages: the PDF's own font metrics when DejaVu Sans is installed
/// (what print and PDF both draw with), otherwise the screen's.
std::shared_ptr<const bpm::draw::text_measurer> PrintTextMeasurer();

/// Prints a map (or some of its personas) as the core lays its pages out: a cover, the stage
/// table, the journey map and the summary per persona, with numbered footers. The same pages
/// go into the PDF export. The pages are laid out once to count them, then a persona's pages
/// again when one of them is drawn, so memory holds one persona's pages however big the map.
/// Laying out and printing a big map show their progress (WorkProgress) over parent and can be
/// cancelled, which stops the print job.
class MapPrintout : public wxPrintout {
public:
    /// Prints a copy of doc taken now, so later edits do not change a preview that is open.
    MapPrintout(const bpm::document& doc, std::vector<std::string> personaIds, const wxPageSetupDialogData& setup,
                wxWindow* parent = nullptr);
    ~MapPrintout() override;

    /// Lays the pages out ahead of OnPreparePrinting (the print preview does, before it opens),
    /// telling progress; cancelled through it, there is nothing to print.
    bpm::result<> LayOut(const bpm::progress_fn& progress);
    /// Lays the pages out unless LayOut did, with its progress shown when printing.
    void OnPreparePrinting() override;
    bool HasPage(int page) override;
    void GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) override;
    /// Draws a page; when printing, tells the progress too, and false (with the print job
    /// stopped) once the user cancelled.
    bool OnPrintPage(int page) override;
    void OnEndPrinting() override;

    /// How many pages there are (0 before they are laid out, or when that was cancelled).
    int GetPageCount() const;
    /// Page number (1-based, up to GetPageCount()), with its persona's: the pages kept from laying
    /// out the first time, laid out again after.
    const bpm::page& GetPage(int number);
    /// Whether the user cancelled laying out or printing.
    bool WasCancelled() const { return m_cancelled; }

private:
    // Stops the print job this printout is part of.
    void StopPrinting();

    bpm::document m_doc;
    std::vector<std::string> m_personaIds;
    wxPageSetupDialogData m_setup;
    wxWindow* m_parent;
    std::optional<bpm::page_groups> m_groups;
    // The persona's pages drawn last, so that the next page of the same persona is at hand.
    std::size_t m_group = bpm::npos;
    std::vector<bpm::page> m_groupPages;
    std::unique_ptr<WorkProgress> m_progress;  // while printing
    bool m_cancelled = false;
};
