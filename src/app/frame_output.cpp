// MainFrame: what leaves the editor - printed pages, the PDF, the journey map as a picture, the
// map as JSON, CSV or Markdown - and the journey map's zoom on screen.
#include <algorithm>

#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/printdlg.h>
#include <wx/uilocale.h>

#include "bpm/export_text.h"
#include "bpm/file_io.h"
#include "bpm/json_format.h"
#include "bpm/map_formats.h"
#include "bpm/map_pdf.h"
#include "bpm/mermaid_journey.h"
#include "bpm/xlsx_export.h"
#include "bpm_document.h"
#include "command_ids.h"
#include "diagnostic_ui.h"
#include "journey_map_view.h"
#include "main_frame.h"
#include "map_printout.h"
#include "pdf_export_dialog.h"
#include "work_progress.h"
#include "wx_string.h"

namespace {

// A file name from a title: what the user would type, without characters file systems refuse.
wxString FileNameFor(const std::string& title, const wxString& fallback) {
    wxString name = ToWx(title);
    for (wxUniChar bad : wxFileName::GetForbiddenChars()) name.Replace(wxString(bad), "-");
    name.Trim().Trim(false);
    return name.empty() ? fallback : name;
}

// TRANSLATORS: in the status bar after the user cancelled an export
wxString ExportCancelledNote() { return _("The export was cancelled; no file was written."); }

}  // namespace

void MainFrame::BindOutput() {
    Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
        m_context.ShowPage(Page::JourneyMap);
        switch (event.GetId()) {
            case ID_ZOOM_IN: m_journey->ZoomIn(); break;
            case ID_ZOOM_OUT: m_journey->ZoomOut(); break;
            case ID_ZOOM_FIT: m_journey->ZoomToFit(); break;
            case ID_ZOOM_ACTUAL: m_journey->SetZoom(1.0); break;
        }
    }, ID_ZOOM_IN, ID_ZOOM_ACTUAL);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_context.GetPersona() != nullptr); }, ID_ZOOM_IN,
         ID_ZOOM_ACTUAL);
    Bind(wxEVT_MENU, [this](wxCommandEvent& event) { ExportJourneyMap(event.GetId()); }, ID_EXPORT_PNG, ID_EXPORT_SVG);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_context.GetPersona() != nullptr); }, ID_EXPORT_PNG,
         ID_EXPORT_SVG);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ExportPdf(); }, ID_EXPORT_PDF);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ExportMermaid(); }, ID_EXPORT_MERMAID);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_context.GetPersona() != nullptr); }, ID_EXPORT_MERMAID);
    Bind(wxEVT_MENU, [this](wxCommandEvent& event) { ExportData(event.GetId()); }, ID_EXPORT_JSON, ID_EXPORT_MARKDOWN);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(Doc() && !Doc()->Model().personas.empty()); },
         ID_EXPORT_JSON, ID_EXPORT_MARKDOWN);
    // Printing is the document manager's, which wxDocParentFrame asks before the frame.
    // The submenu too: with no persona to export it is greyed, not a menu of greyed items.
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(Doc() && !Doc()->Model().personas.empty()); },
         ID_EXPORT_MENU, ID_EXPORT_PDF);
}

void MainFrame::ExportPdf() {
    if (!Doc() || Doc()->Model().personas.empty()) return;
    m_context.CommitPendingEdits();
    const bpm::persona* selected = m_context.GetPersona();
    const auto& comments = Doc()->Model().comments;
    const bool open = std::any_of(comments.begin(), comments.end(), [](const bpm::comment& c) { return !c.resolved; });
    PdfExportDialog choices(this, selected ? ToWx(selected->name) : wxString(), open);
    if (choices.ShowModal() != wxID_OK) return;
    const bpm::document& doc = Doc()->Model();
    const bool whole = choices.WholeMap() || !selected;
    const wxString suggested = FileNameFor(whole ? doc.metadata.title : selected->name, _("Buying Process Map"));
    const wxString path =
        m_prompts.chooseSavePath(this, _("Export PDF"), wxString(), suggested + ".pdf", _("PDF documents (*.pdf)|*.pdf"));
    if (path.empty()) return;

    const bpm::result<bpm::pdf_text_measurer>& fonts = PdfFonts();
    if (!ReportFailure(m_prompts, this, _("Export Failed"), fonts)) return;
    bpm::map_pdf_request request;
    if (!whole) request.persona_ids = {selected->id};
    request.setup = ToPageSetup(GetDocumentManager()->GetPageSetupDialogData(), doc.metadata.title);
    request.setup.open_comments = choices.IncludeComments();
    request.options.password = choices.Password();
    // TRANSLATORS: in the progress dialog of a long export; {1} is the file's name
    WorkProgress progress(this, _("Export PDF"), FormatText(_("Writing \"{1}\"\u2026"), wxFileName(path).GetFullName()));
    request.progress = progress.Fn();
    const bpm::result<std::vector<std::string>> done = bpm::export_map_pdf(doc, request, *fonts.value, ToUtf8(path));
    progress.Close();
    if (done.was_cancelled()) {
        SetStatusText(ExportCancelledNote());
        return;
    }
    if (!ReportFailure(m_prompts, this, FormatText(_("Could not export \"{1}\"."), wxFileName(path).GetFullName()), done))
        return;
    wxString note = FormatText(_("Exported \"{1}\"."), wxFileName(path).GetFullName());
    if (!done.value->empty()) {
        for (const std::string& warning : *done.value) note << "\n\n" << ToWx(warning);
        wxMessageBox(note, _("Export PDF"), wxOK | wxICON_WARNING, this);
    }
    SetStatusText(note.BeforeFirst('\n'));
}

void MainFrame::ExportData(int id) {
    if (!Doc() || Doc()->Model().personas.empty()) return;
    m_context.CommitPendingEdits();
    const bpm::document& doc = Doc()->Model();
    const bpm::map_format format = id == ID_EXPORT_JSON   ? bpm::map_format::json
                                   : id == ID_EXPORT_CSV  ? bpm::map_format::csv
                                   : id == ID_EXPORT_XLSX ? bpm::map_format::xlsx
                                                          : bpm::map_format::markdown;
    // TRANSLATORS: titles of File > Export's file dialogs and progress
    const wxString title = format == bpm::map_format::json   ? _("Export JSON")
                           : format == bpm::map_format::csv  ? _("Export CSV")
                           : format == bpm::map_format::xlsx ? _("Export Excel Workbook")
                                                             : _("Export Markdown Playbook");
    const wxString wildcard = format == bpm::map_format::json   ? _("JSON files (*.json)|*.json")
                              : format == bpm::map_format::csv  ? _("CSV files (*.csv)|*.csv")
                              : format == bpm::map_format::xlsx ? _("Excel workbooks (*.xlsx)|*.xlsx")
                                                                : _("Markdown documents (*.md)|*.md");
    const wxString ext = ToWx(std::string(bpm::map_format_extensions(format).front()));
    const wxString path = m_prompts.chooseSavePath(
        this, title, wxString(), FileNameFor(doc.metadata.title, _("Buying Process Map")) + "." + ext, wildcard);
    if (path.empty()) return;
    const wxString name = wxFileName(path).GetFullName();
    // Excel splits a CSV at the list separator of the user's locale: where the decimal mark is a
    // comma, that is a semicolon.
    bpm::csv_options csv;
    if (wxUILocale::GetCurrent().GetInfo(wxLOCALE_DECIMAL_POINT, wxLOCALE_CAT_NUMBER) == ",") csv.separator = ';';
    WorkProgress progress(this, title, FormatText(_("Writing \"{1}\"\u2026"), name));
    bpm::result<> done;
    if (format == bpm::map_format::json) {
        done = bpm::save_json(doc, ToUtf8(path), progress.Fn());
    } else if (format == bpm::map_format::xlsx) {
        done = bpm::save_xlsx(doc, ToUtf8(path), {}, progress.Fn());
    } else {
        const bpm::result<std::string> text =
            format == bpm::map_format::csv ? bpm::to_csv(doc, csv, progress.Fn()) : bpm::to_markdown(doc, progress.Fn());
        done = text ? bpm::write_file_atomic(ToUtf8(path), *text.value) : bpm::result<>::failure_of(text);
    }
    progress.Close();
    if (done.was_cancelled()) {
        SetStatusText(ExportCancelledNote());
        return;
    }
    if (!ReportFailure(m_prompts, this, FormatText(_("Could not export \"{1}\"."), name), done)) return;
    // Text cut to fit a spreadsheet's cell, say.
    if (!done.warnings.empty()) {
        wxString note = FormatText(_("Exported \"{1}\"."), name);
        for (const bpm::diagnostic& warning : done.warnings) note << "\n\n" << ToWx(warning.to_string());
        wxMessageBox(note, title, wxOK | wxICON_WARNING, this);
    }
    SetStatusText(csv.separator == ';' && format == bpm::map_format::csv
                      // TRANSLATORS: in the status bar after a CSV export; {1} is the file's name
                      ? FormatText(_("Exported \"{1}\", its columns separated by semicolons as Excel expects here."), name)
                      : FormatText(_("Exported \"{1}\"."), name));
}

void MainFrame::ExportMermaid() {
    const bpm::persona* p = m_context.GetPersona();
    if (!p) return;
    m_context.CommitPendingEdits();
    const wxString title = _("Export Journey as Mermaid");
    const wxString path = m_prompts.chooseSavePath(this, title, wxString(), FileNameFor(p->name, _("Journey")) + ".mmd",
                                                   _("Mermaid diagrams (*.mmd)|*.mmd"));
    if (path.empty()) return;
    const wxString name = wxFileName(path).GetFullName();
    if (!ReportFailure(m_prompts, this, FormatText(_("Could not export \"{1}\"."), name),
                       bpm::write_file_atomic(ToUtf8(path), bpm::to_mermaid_journey(*p))))
        return;
    SetStatusText(FormatText(_("Exported \"{1}\"."), name));
}

void MainFrame::ExportJourneyMap(int id) {
    const bpm::persona* p = m_context.GetPersona();
    if (!p) return;
    const bool png = id == ID_EXPORT_PNG;
    const wxString name = FileNameFor(p->name, _("Journey Map"));
    const wxString path = m_prompts.chooseSavePath(
        this, png ? _("Export Journey Map as PNG") : _("Export Journey Map as SVG"), wxString(),
        name + (png ? ".png" : ".svg"), png ? _("PNG images (*.png)|*.png") : _("SVG drawings (*.svg)|*.svg"));
    if (path.empty()) return;
    // TRANSLATORS: in the progress dialog of a long export; {1} is the file's name
    WorkProgress progress(this, png ? _("Export Journey Map as PNG") : _("Export Journey Map as SVG"),
                          FormatText(_("Writing \"{1}\"\u2026"), wxFileName(path).GetFullName()));
    const bpm::result<> done = png ? m_journey->ExportPng(path, progress.Fn()) : m_journey->ExportSvg(path, progress.Fn());
    progress.Close();
    if (done.was_cancelled()) SetStatusText(ExportCancelledNote());
    ReportFailure(m_prompts, this, _("Export Failed"), done);
}
