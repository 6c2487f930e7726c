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

#if defined(__WXGTK__) && wxUSE_GTKPRINT
#include <wx/gtk/print.h>
#endif

#include "drawing_ui.h"
#include "work_progress.h"
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

MapPrintout::MapPrintout(const bpm::document& doc, std::vector<std::string> personaIds, const wxPageSetupDialogData& setup,
                         wxWindow* parent)
    : wxPrintout(ToWx(doc.metadata.title.empty() ? std::string("Buying Process Map") : doc.metadata.title)),
      m_doc(doc),
      m_personaIds(std::move(personaIds)),
      m_setup(setup),
      m_parent(parent) {}

MapPrintout::~MapPrintout() = default;

bpm::result<> MapPrintout::LayOut(const bpm::progress_fn& progress) {
    m_group = bpm::npos;
    m_groupPages.clear();
    bpm::result<bpm::page_groups> groups = bpm::page_groups::lay_out(
        m_doc, m_personaIds, ToPageSetup(m_setup, m_doc.metadata.title), *PrintTextMeasurer(), progress);
    m_cancelled = groups.was_cancelled();
    if (!groups) {
        m_groups.reset();
        return bpm::result<>::failure_of(groups);
    }
    m_groups = std::move(*groups.value);
    return bpm::result<>::success();
}

namespace {

// Laying out is about a sixth of printing, as of the PDF (see map_pdf.cpp).
constexpr std::size_t laid_out_share = 150;

}  // namespace

void MapPrintout::OnPreparePrinting() {
    if (!IsPreview()) {
        // TRANSLATORS: the title of the progress dialog while a map prints
        m_progress = std::make_unique<WorkProgress>(m_parent, _("Print"), _("Laying out the pages\u2026"));
    }
    if (m_groups) return;
    LayOut(m_progress ? bpm::progress_part(m_progress->Fn(), 0, laid_out_share) : bpm::progress_fn());
    if (m_cancelled) StopPrinting();
}

bool MapPrintout::HasPage(int page) { return page >= 1 && page <= GetPageCount(); }

void MapPrintout::GetPageInfo(int* minPage, int* maxPage, int* pageFrom, int* pageTo) {
    // A cancelled printout still claims a page, which it never draws: printing stops at once, where
    // no page at all would be an error.
    const int count = m_cancelled ? 1 : GetPageCount();
    *minPage = *pageFrom = count > 0 ? 1 : 0;
    *maxPage = *pageTo = count;
}

int MapPrintout::GetPageCount() const { return m_groups ? static_cast<int>(m_groups->page_count()) : 0; }

const bpm::page& MapPrintout::GetPage(int number) {
    const std::size_t index = static_cast<std::size_t>(number - 1);
    const std::size_t group = m_groups->group_of(index);
    if (group != m_group) {
        m_groupPages = m_groups->group(group);
        m_group = group;
    }
    return m_groupPages[index - m_groups->first_page(group)];
}

bool MapPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || !HasPage(page) || m_cancelled) return false;
    if (m_progress) {
        // TRANSLATORS: in the progress dialog while a map prints; {1} and {2} are page numbers
        m_progress->SetMessage(FormatText(_("Printing page {1} of {2}\u2026"), page, GetPageCount()));
        if (!bpm::progress_part(m_progress->Fn(), laid_out_share, 1000)(static_cast<std::size_t>(page - 1),
                                                                         static_cast<std::size_t>(GetPageCount()))) {
            m_cancelled = true;
            StopPrinting();
            return false;
        }
    }
    const bpm::draw::drawing& picture = GetPage(page).picture;
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

void MapPrintout::OnEndPrinting() { m_progress.reset(); }

void MapPrintout::StopPrinting() {
#if defined(__WXGTK__) && wxUSE_GTKPRINT
    // GTK asks for every page whatever OnPrintPage answers (and prints those it skips blank), but
    // its print operation stops when told. The printer runs it through the native data that the
    // copies of the page setup share, this printout's among them.
    if (auto* native = wxDynamicCast(m_setup.GetPrintData().GetNativeData(), wxGtkPrintNativeData))
        if (GtkPrintOperation* job = native->GetPrintJob()) gtk_print_operation_cancel(job);
#endif
}
