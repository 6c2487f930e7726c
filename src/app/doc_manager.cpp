#include "doc_manager.h"

#include <wx/app.h>

#include "bpm_document.h"
#include "bpm_view.h"
#include "wx_string.h"

namespace {

// Creates documents that ask and report through the manager's prompts.
class BpmDocTemplate : public wxDocTemplate {
public:
    explicit BpmDocTemplate(BpmDocManager* manager)
        : wxDocTemplate(manager, _("Buying process maps"), "*.bpm", wxString(), "bpm", "Buying process map",
                        "Buying process map view", wxCLASSINFO(BpmDocument), wxCLASSINFO(BpmView)),
          m_prompts(manager->GetPrompts()) {}

protected:
    wxDocument* DoCreateDocument() override { return new BpmDocument(m_prompts); }

private:
    const Prompts& m_prompts;
};

}  // namespace

BpmDocManager::BpmDocManager() : wxDocManager(0, true) {}

BpmDocManager::~BpmDocManager() { Clear(true); }

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

wxString BpmDocManager::MakeNewDocumentName() { return _("Untitled Map"); }

wxString BpmDocManager::MakeFrameTitle(wxDocument* doc) {
    const wxString app = wxTheApp->GetAppDisplayName();
    if (!doc) return app;
    // TRANSLATORS: window title; {1} is the file name, a leading * marks unsaved changes
    wxString name = doc->IsModified() ? FormatText(_("*{1}"), doc->GetUserReadableName())
                                      : doc->GetUserReadableName();
    const auto* map = wxDynamicCast(doc, BpmDocument);
    // TRANSLATORS: window title of a map open read-only; {1} is the file name
    if (map && map->IsReadOnly()) name = FormatText(_("{1} (Read-Only)"), name);
    // TRANSLATORS: window title: the map's name, then the program's
    return FormatText(_("{1} - {2}"), name, app);
}

BpmDocManager& TheDocManager() { return *wxStaticCast(wxDocManager::GetDocumentManager(), BpmDocManager); }
