#include "map_printout.h"

#include <wx/arrstr.h>
#include <wx/paper.h>

#include <algorithm>
#include <utility>

#include <wx/dc.h>
#include <wx/graphics.h>

#ifdef BPM_HAVE_GTK
#include <gtk/gtkunixprint.h>
#endif

#include "drawing_ui.h"
#include "wx_string.h"

namespace {

constexpr double points_per_mm = 72.0 / 25.4;

}  // namespace

bool PrinterIsSetUp() {
#ifdef BPM_HAVE_GTK
    bool found = false;
    gtk_enumerate_printers(
        [](GtkPrinter* printer, gpointer data) -> gboolean {
            if (!gtk_printer_is_virtual(printer)) *static_cast<bool*>(data) = true;
            return *static_cast<bool*>(data);  // true stops the enumeration
        },
        &found, nullptr, TRUE);
    return found;
#else
    return true;
#endif
}

wxPageSetupDialogData DefaultPageSetup() {
    wxPageSetupDialogData data;
    data.GetPrintData().SetOrientation(wxLANDSCAPE);
    if (data.GetPaperId() == wxPAPER_NONE) data.SetPaperId(wxPAPER_A4);
    data.SetMarginTopLeft(wxPoint(13, 13));
    data.SetMarginBottomRight(wxPoint(13, 13));
    return data;
}

namespace {

const char* const paper_key = "/PageSetup/Paper";
const char* const landscape_key = "/PageSetup/Landscape";
const char* const margins_key = "/PageSetup/Margins";

}  // namespace

wxPageSetupDialogData LoadPageSetup(wxConfigBase& config) {
    wxPageSetupDialogData data = DefaultPageSetup();
    long paper = 0;
    if (config.Read(paper_key, &paper) && paper > wxPAPER_NONE && wxThePrintPaperDatabase &&
        wxThePrintPaperDatabase->FindPaperType(static_cast<wxPaperSize>(paper)))
        data.SetPaperId(static_cast<wxPaperSize>(paper));
    bool landscape = true;
    if (config.Read(landscape_key, &landscape)) data.GetPrintData().SetOrientation(landscape ? wxLANDSCAPE : wxPORTRAIT);
    // "top,left,bottom,right" in millimetres; anything else keeps the default margins.
    long m[4] = {};
    const wxArrayString parts = wxSplit(config.Read(margins_key, wxString()), ',');
    bool valid = parts.size() == 4;
    for (size_t i = 0; valid && i < 4; ++i) valid = parts[i].ToLong(&m[i]) && m[i] >= 0 && m[i] <= 100;
    if (valid) {
        data.SetMarginTopLeft(wxPoint(static_cast<int>(m[1]), static_cast<int>(m[0])));
        data.SetMarginBottomRight(wxPoint(static_cast<int>(m[3]), static_cast<int>(m[2])));
    }
    return data;
}

void SavePageSetup(wxConfigBase& config, const wxPageSetupDialogData& data) {
    config.Write(paper_key, static_cast<long>(data.GetPaperId()));
    config.Write(landscape_key, data.GetPrintData().GetOrientation() == wxLANDSCAPE);
    const wxPoint tl = data.GetMarginTopLeft(), br = data.GetMarginBottomRight();
    config.Write(margins_key, wxString::Format("%d,%d,%d,%d", tl.y, tl.x, br.y, br.x));
}

bpm::page_setup ToPageSetup(const wxPageSetupDialogData& data, const std::string& title) {
    // The paper chosen is its id: the dialog data's own size is not kept in step with it, and an
    // export on US Letter came out A4.
    double width = data.GetPaperSize().x, height = data.GetPaperSize().y;  // in millimetres, portrait
    if (wxThePrintPaperDatabase)
        if (const wxPrintPaperType* type = wxThePrintPaperDatabase->FindPaperType(data.GetPrintData().GetPaperId())) {
            width = type->GetWidth() / 10.0;  // tenths of a millimetre
            height = type->GetHeight() / 10.0;
        }
    if (width <= 0 || height <= 0) width = 210, height = 297;
    if (data.GetPrintData().GetOrientation() == wxLANDSCAPE) std::swap(width, height);
    bpm::page_setup setup;
    setup.width = width * points_per_mm;
    setup.height = height * points_per_mm;
    const wxPoint tl = data.GetMarginTopLeft(), br = data.GetMarginBottomRight();
    // The layout has one margin; the widest the user asked for keeps everything inside all four.
    const int margin = std::max({tl.x, tl.y, br.x, br.y, 5});
    setup.margin = margin * points_per_mm;
    setup.document_title = title;
    return setup;
}

const bpm::result<bpm::pdf_text_measurer>& PdfFonts() {
    static const bpm::result<bpm::pdf_text_measurer> fonts = bpm::pdf_text_measurer::find();
    return fonts;
}

std::shared_ptr<const bpm::draw::text_measurer> PrintTextMeasurer() {
    static const std::shared_ptr<const bpm::draw::text_measurer> measurer = [] {
        const bpm::result<bpm::pdf_text_measurer>& pdf = PdfFonts();
        if (pdf) return std::shared_ptr<const bpm::draw::text_measurer>(std::make_shared<bpm::pdf_text_measurer>(*pdf.value));
        return std::shared_ptr<const bpm::draw::text_measurer>(std::make_shared<GraphicsTextMeasurer>());
    }();
    return measurer;
}

MapPrintout::MapPrintout(const bpm::document& doc, std::vector<std::string> personaIds, const wxPageSetupDialogData& setup)
    : wxPrintout(ToWx(doc.metadata.title.empty() ? std::string("Buying Process Map") : doc.metadata.title)),
      m_doc(doc),
      m_personaIds(std::move(personaIds)),
      m_setup(setup) {}

void MapPrintout::OnPreparePrinting() {
    m_pages = bpm::layout_pages(m_doc, m_personaIds, ToPageSetup(m_setup, m_doc.metadata.title), *PrintTextMeasurer());
}

bool MapPrintout::HasPage(int page) { return page >= 1 && page <= static_cast<int>(m_pages.size()); }

void MapPrintout::GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) {
    *minPage = *pageFrom = m_pages.empty() ? 0 : 1;
    *maxPage = *pageTo = static_cast<int>(m_pages.size());
}

bool MapPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || !HasPage(page)) return false;
    const bpm::draw::drawing& picture = m_pages[static_cast<std::size_t>(page - 1)].picture;
    // The page is laid out in points on the whole sheet. The printable area's origin can sit
    // inside the sheet (GetPaperRectPixels is relative to it), and a preview draws smaller than
    // the printer would: both are undone here, so the drawing lands where the layout put it.
    int pageW = 0, pageH = 0;
    GetPageSizePixels(&pageW, &pageH);
    const wxRect paper = GetPaperRectPixels();
    int dcW = 0, dcH = 0;
    dc->GetSize(&dcW, &dcH);
    if (pageW <= 0 || paper.width <= 0 || picture.width <= 0) return false;
    const double toDevice = static_cast<double>(dcW) / pageW;
    const double scale = toDevice * paper.width / picture.width;
    dc->SetUserScale(1, 1);
    dc->SetDeviceOrigin(0, 0);
    dc->SetLogicalOrigin(0, 0);
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::CreateFromUnknownDC(*dc));
    if (!gc) return false;
    gc->Translate(paper.x * toDevice, paper.y * toDevice);
    gc->Scale(scale, scale);
    DrawDrawing(*gc, picture);
    return true;
}
