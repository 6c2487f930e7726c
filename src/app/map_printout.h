#pragma once

#include <memory>
#include <string>
#include <vector>

#include <wx/cmndata.h>
#include <wx/config.h>
#include <wx/print.h>

#include "bpm/model.h"
#include "bpm/page_layout.h"
#include "bpm/pdf_export.h"

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
/// go into the PDF export.
class MapPrintout : public wxPrintout {
public:
    /// Prints a copy of doc taken now, so later edits do not change a preview that is open.
    MapPrintout(const bpm::document& doc, std::vector<std::string> personaIds, const wxPageSetupDialogData& setup);

    void OnPreparePrinting() override;
    bool HasPage(int page) override;
    void GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) override;
    bool OnPrintPage(int page) override;

    /// The laid-out pages (after OnPreparePrinting).
    const std::vector<bpm::page>& GetPages() const { return m_pages; }

private:
    bpm::document m_doc;
    std::vector<std::string> m_personaIds;
    wxPageSetupDialogData m_setup;
    std::vector<bpm::page> m_pages;
};
