#include "doc_manager.h"

#include <wx/app.h>
#include <wx/filename.h>

#include "bpm_document.h"
#include "bpm_view.h"
#include "main_frame.h"

BpmDocManager::BpmDocManager() : wxDocManager(0, true) {}

void BpmDocManager::AddTemplates() {
    // The template registers itself with this manager, which deletes it.
    new wxDocTemplate(this, _("Buying process maps"), "*.bpm", wxString(), "bpm", "Buying process map",
                      "Buying process map view", wxCLASSINFO(BpmDocument), wxCLASSINFO(BpmView));
}

wxDocument* BpmDocManager::CreateDocument(const wxString& path, long flags) {
    auto* const shown = m_frame ? m_frame->GetShownDocument() : nullptr;
    wxDocument* const created = wxDocManager::CreateDocument(path, flags);
    if (!created || created == shown) return created;
    if (shown && !CloseDocument(shown)) {
        CloseDocument(created, true);
        return nullptr;
    }
    if (m_frame) m_frame->ShowDocument(wxStaticCast(created, BpmDocument));
    return created;
}

wxString BpmDocManager::MakeNewDocumentName() { return _("Untitled Map"); }

wxString BpmDocManager::MakeFrameTitle(wxDocument* doc) {
    const wxString app = wxTheApp->GetAppDisplayName();
    if (!doc) return app;
    // TRANSLATORS: window title; %s is the file name, a leading * marks unsaved changes
    const wxString name = doc->IsModified() ? wxString::Format(_("*%s"), doc->GetUserReadableName())
                                            : doc->GetUserReadableName();
    // TRANSLATORS: window title: the map's name, then the program's
    return wxString::Format(_("%s - %s"), name, app);
}

void BpmDocManager::SetFrame(MainFrame* frame) { m_frame = frame; }

BpmDocManager& TheDocManager() { return *wxStaticCast(wxDocManager::GetDocumentManager(), BpmDocManager); }
