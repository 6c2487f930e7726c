#include "doc_manager.h"

#include <algorithm>

#include <wx/app.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/print.h>
#include <wx/printdlg.h>

#include "bpm/map_formats.h"
#include "bpm_document.h"
#include "bpm_view.h"
#include "diagnostic_ui.h"
#include "lock_file_ui.h"
#include "map_printout.h"
#include "work_progress.h"
#include "wx_string.h"

namespace {

// "*.bpm;*.json;..." for every format a map can be read from.
wxString ImportablePatterns() {
    wxString patterns;
    for (bpm::map_format f : bpm::importable_formats())
        for (std::string_view ext : bpm::map_format_extensions(f))
            patterns << (patterns.empty() ? "" : ";") << "*." << ToWx(std::string(ext));
    return patterns;
}

// Creates documents that ask and report through the manager's prompts. It opens .bpm files and
// every file a map can be imported from (BpmDocument::OnOpenDocument tells them apart).
class BpmDocTemplate : public wxDocTemplate {
public:
    explicit BpmDocTemplate(BpmDocManager* manager)
        : wxDocTemplate(manager, _("Buying process maps"), ImportablePatterns(), wxString(), "bpm",
                        "Buying process map", "Buying process map view", wxCLASSINFO(BpmDocument),
                        wxCLASSINFO(BpmView)),
          m_prompts(manager->GetPrompts()) {}

    // By extension, whatever its case ("MAP.CSV" as "map.csv").
    bool FileMatchesTemplate(const wxString& path) override {
        const auto f = bpm::map_format_of_path(ToUtf8(path));
        return f && bpm::can_import(*f);
    }

protected:
    wxDocument* DoCreateDocument() override { return new BpmDocument(m_prompts); }

private:
    const Prompts& m_prompts;
};

}  // namespace

BpmDocManager::BpmDocManager() : wxDocManager(0, true) {
    // Ahead of wxDocManager's own print handlers (which print the view's OnDraw and keep quiet
    // about a missing printer): the handlers bound here run first.
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ShowPrintPreview(); }, wxID_PREVIEW);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { PrintMap(); }, wxID_PRINT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        wxPageSetupDialog dialog(GetFrame(), &GetPageSetupDialogData());
        if (dialog.ShowModal() != wxID_OK) return;
        GetPageSetupDialogData() = dialog.GetPageSetupDialogData();
        if (wxConfigBase* config = wxConfigBase::Get(false)) SavePageSetup(*config, GetPageSetupDialogData());
    }, wxID_PRINT_SETUP);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(PrintableView() != nullptr); }, wxID_PREVIEW);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(PrintableView() != nullptr); }, wxID_PRINT);
}

wxView* BpmDocManager::PrintableView() const {
    BpmDocument* doc = m_context.GetDocument();
    return doc && !doc->Model().personas.empty() ? doc->GetFirstView() : nullptr;
}

void BpmDocManager::ShowPrintPreview() {
    wxView* view = PrintableView();
    if (!view) return;
    std::unique_ptr<wxPrintout> shown(view->OnCreatePrintout());
    // The pages of a big map take a while to lay out: with their progress shown, and Cancel
    // opens no preview.
    if (auto* printout = dynamic_cast<MapPrintout*>(shown.get())) {
        // TRANSLATORS: the progress dialog while the pages of a big map are laid out for the preview
        WorkProgress progress(GetFrame(), _("Print Preview"), _("Laying out the pages\u2026"));
        if (!printout->LayOut(progress.Fn())) return;
    }
    wxPrintDialogData data(GetPageSetupDialogData().GetPrintData());
    auto* preview = new wxPrintPreview(shown.release(), view->OnCreatePrintout(), &data);
    if (!preview->IsOk()) {
        delete preview;
        m_prompts.reportProblem(GetFrame(), _("The print preview could not be shown: no printer is set up."),
                                _("Set up a printer, or export the same pages with File \u25B8 Export \u25B8 PDF."));
        return;
    }
    wxPreviewFrame* frame = CreatePreviewFrame(preview, GetFrame(), _("Print Preview"));
    frame->InitializeWithModality(wxPreviewFrame_AppModal);
    // After initialising, which fits the window to its first page: most of the screen, so a
    // landscape page reads at a useful zoom.
    const wxRect screen = wxDisplay(GetFrame()).GetClientArea();
    frame->SetSize(std::min(screen.width, GetFrame()->FromDIP(1100)), std::min(screen.height, GetFrame()->FromDIP(800)));
    frame->Centre();
    frame->Show();
}

void BpmDocManager::PrintMap() {
    wxView* view = PrintableView();
    if (!view) return;
    if (!PrinterIsSetUp()) {
        m_prompts.reportProblem(GetFrame(), _("The map cannot be printed: no printer is set up."),
                                _("Set up a printer in your system's settings, or export the same pages with File "
                                  "\u25B8 Export \u25B8 PDF."));
        return;
    }
    wxPrintDialogData data(GetPageSetupDialogData().GetPrintData());
    wxPrinter printer(&data);
    const std::unique_ptr<wxPrintout> printout(view->OnCreatePrintout());
    if (printer.Print(GetFrame(), printout.get(), true)) {
        GetPageSetupDialogData().SetPrintData(printer.GetPrintDialogData().GetPrintData());
    } else if (wxPrinter::GetLastError() == wxPRINTER_ERROR) {
        m_prompts.reportProblem(GetFrame(), _("The map could not be printed."),
                                _("Check that a printer is set up, or export the same pages with File \u25B8 Export "
                                  "\u25B8 PDF."));
    }
}

BpmDocManager::~BpmDocManager() {
    Clear(true);
    m_autosaver.reset();
}

void BpmDocManager::StartAutosave(bpm::recovery_folder folder, std::chrono::seconds interval) {
    m_autosaver = std::make_unique<Autosaver>(m_context, std::move(folder), interval);
}

void BpmDocManager::OfferRecovery(bool sayWhenNone) {
    if (!m_autosaver) return;
    std::vector<bpm::recovery_copy> copies = m_autosaver->GetFolder().orphans();
    if (copies.empty()) {
        if (sayWhenNone) m_prompts.inform(GetFrame(), _("There are no unsaved maps to recover."));
        return;
    }
    while (!copies.empty()) {
        const RecoveryChoice choice = m_prompts.chooseRecovery(GetFrame(), copies);
        if (choice.action == RecoveryChoice::Later || choice.index >= copies.size()) return;
        if (choice.action == RecoveryChoice::Recover) {
            OpenRecovered(copies[choice.index]);
            return;
        }
        bpm::recovery_folder::discard(copies[choice.index]);
        copies.erase(copies.begin() + static_cast<std::ptrdiff_t>(choice.index));
    }
}

bool BpmDocManager::OpenRecovered(const bpm::recovery_copy& copy) {
    bpm::result<bpm::document> loaded = [&] {
        // TRANSLATORS: in the progress dialog while a big recovered map is read; {1} is its name
        WorkProgress progress(GetFrame(), _("Recover Map"), FormatText(_("Reading \"{1}\"\u2026"), ToWx(copy.info.title)));
        return bpm::recovery_folder::load(copy, progress.Fn());
    }();
    // TRANSLATORS: {1} is the name of the map whose recovery copy could not be read
    if (!ReportFailure(m_prompts, GetFrame(), FormatText(_("Could not recover \"{1}\"."), ToWx(copy.info.title)),
                       loaded))
        return false;
    // In place of the map shown, which is closed first (asking about its changes) and so lets
    // go of its lock, should it be the same file.
    auto* doc = dynamic_cast<BpmDocument*>(CreateDocument(wxString(), wxDOC_NEW));
    if (!doc) return false;
    // Its file is locked as opening it would: someone else editing it now is asked about first,
    // and Cancel leaves the copy for later.
    const wxString original = ToWx(copy.info.original_path);
    OpenedLock lock = original.empty() ? OpenedLock{} : LockOpenedMap(m_prompts, GetFrame(), original);
    if (!lock.open) {
        CloseDocument(doc, true);
        return false;
    }
    if (!doc->ShowRecovered(std::move(*loaded.value), original, copy.info.original_version, std::move(lock)))
        return false;
    // The recovered map has a copy of its own before the one it came from goes.
    if (m_autosaver) m_autosaver->SaveNow();
    bpm::recovery_folder::discard(copy);
    return true;
}

void BpmDocManager::AddTemplates() {
    // The template registers itself with this manager, which deletes it.
    new BpmDocTemplate(this);
}

wxDocument* BpmDocManager::CreateDocument(const wxString& path, long flags) {
    BpmDocument* const shown = m_context.GetDocument();
    wxDocument* const created = wxDocManager::CreateDocument(path, flags);
    if (!created || created == shown) return created;
    if (shown && !CloseDocument(shown)) {
        CloseDocument(created, true);
        return nullptr;
    }
    if (wxView* view = created->GetFirstView()) view->Activate(true);
    m_context.ShowDocument(wxStaticCast(created, BpmDocument));
    return created;
}

wxDocTemplate* BpmDocManager::SelectDocumentPath(wxDocTemplate**, int count, wxString& path, long,
                                                 bool) {
    // TRANSLATORS: a file dialog's list of file types; {1} is a list such as *.bpm;*.json;*.csv
    const wxString all = FormatText(_("Maps and files to import ({1})"), ImportablePatterns());
    const wxString wildcard = all + "|" + ImportablePatterns() + "|" + _("Buying process maps (*.bpm)|*.bpm") + "|" +
                              _("All files (*)|*");
    // TRANSLATORS: the title of File > Open's dialog
    path = m_prompts.chooseOpenPath(GetFrame(), _("Open Map"), GetLastDirectory(), wildcard);
    if (path.empty() || count < 1) return nullptr;
    SetLastDirectory(wxPathOnly(path));
    if (wxDocTemplate* found = FindTemplateForPath(path)) return found;
    ReportUnreadable(path);
    return nullptr;
}

void BpmDocManager::ReportUnreadable(const wxString& path) {
    wxString others = ImportablePatterns().AfterFirst(';');
    others.Replace(";", ", ");
    // TRANSLATORS: {1} is a file's name; then the list of file types the editor opens
    m_prompts.reportProblem(GetFrame(), FormatText(_("\"{1}\" cannot be opened."), wxFileNameFromPath(path)),
                            FormatText(_("The editor opens maps (*.bpm) and imports {1}."),
                                       others));
}

wxDocument* BpmDocManager::OpenFile(const wxString& path) {
    if (!FindTemplateForPath(path)) {
        ReportUnreadable(path);
        return nullptr;
    }
    return CreateDocument(path, wxDOC_SILENT);
}

wxString BpmDocManager::MakeNewDocumentName() { return _("Untitled Map"); }

wxString BpmDocManager::MakeFrameTitle(wxDocument* doc) {
    const wxString app = wxTheApp->GetAppDisplayName();
    if (!doc) return app;
    // TRANSLATORS: window title; {1} is the file name, a leading * marks unsaved changes
    wxString name = doc->IsModified() ? FormatText(_("*{1}"), doc->GetUserReadableName())
                                      : doc->GetUserReadableName();
    const auto* map = dynamic_cast<const BpmDocument*>(doc);
    // TRANSLATORS: window title of a map open read-only; {1} is the file name
    if (map && map->IsReadOnly()) name = FormatText(_("{1} (Read-Only)"), name);
    // TRANSLATORS: window title: the map's name, then the program's
    return FormatText(_("{1} - {2}"), name, app);
}

BpmDocManager& TheDocManager() { return *wxStaticCast(wxDocManager::GetDocumentManager(), BpmDocManager); }
