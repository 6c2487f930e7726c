#include "bpm_document.h"

#include <algorithm>

#include <wx/filename.h>

#include "bpm/bpm_file.h"
#include "bpm_view.h"
#include "diagnostic_ui.h"
#include "doc_manager.h"
#include "history_command_processor.h"
#include "wx_string.h"

wxIMPLEMENT_DYNAMIC_CLASS(BpmDocument, wxDocument);

struct BpmDocument::Contents {
    explicit Contents(bpm::document m) : model(std::move(m)) {}
    bpm::document model;
    bpm::history history{model};
};

BpmDocument::BpmDocument() { Replace(bpm::document{}); }

BpmDocument::~BpmDocument() = default;

const bpm::document& BpmDocument::Model() const { return m_contents->model; }

bpm::history& BpmDocument::History() { return m_contents->history; }

const bpm::history& BpmDocument::History() const { return m_contents->history; }

bool BpmDocument::Submit(std::unique_ptr<bpm::edit> edit, bpm::merge how) {
    return History().submit(std::move(edit), how);
}

std::size_t BpmDocument::Subscribe(bpm::history::listener fn) {
    m_listeners.emplace_back(m_nextToken, std::move(fn));
    return m_nextToken++;
}

void BpmDocument::Unsubscribe(std::size_t token) {
    m_listeners.erase(std::remove_if(m_listeners.begin(), m_listeners.end(),
                                     [token](const auto& l) { return l.first == token; }),
                      m_listeners.end());
}

void BpmDocument::CommitPendingEdits() {
    for (wxList::compatibility_iterator node = GetViews().GetFirst(); node; node = node->GetNext())
        if (auto* view = wxDynamicCast(node->GetData(), BpmView)) view->CommitPendingEdits();
}

void BpmDocument::Replace(bpm::document model) {
    m_contents = std::make_unique<Contents>(std::move(model));
    m_contents->history.subscribe([this](const bpm::change_set& changes) { OnHistoryChanges(changes); });
    m_changesDiscarded = false;
    m_wasModified = false;
}

void BpmDocument::OnHistoryChanges(const bpm::change_set& changes) {
    // A listener may unsubscribe while being told; iterate over a copy of the list.
    const auto listeners = m_listeners;
    for (const auto& [token, fn] : listeners) fn(changes);
    UpdateTitle();
}

void BpmDocument::UpdateTitle() {
    const bool modified = IsModified();
    if (modified == m_wasModified) return;
    m_wasModified = modified;
    if (wxView* view = GetFirstView()) view->OnChangeFilename();
}

bool BpmDocument::IsModified() const { return !m_changesDiscarded && !History().is_clean(); }

void BpmDocument::Modify(bool modified) {
    // wx calls Modify(false) only when it throws the changes away (Don't Save, a forced close) or
    // right after a save, when the history is already clean. Nothing ever calls Modify(true):
    // edits go through the history, which alone knows whether the map differs from its file.
    if (!modified && !History().is_clean()) m_changesDiscarded = true;
    UpdateTitle();
}

bool BpmDocument::OnNewDocument() {
    if (!wxDocument::OnNewDocument()) return false;
    Replace(NewMapContents());
    return true;
}

bool BpmDocument::OnSaveModified() {
    if (!IsModified()) return true;
    switch (TheDocManager().GetPrompts().askSaveChanges(GetDocumentWindow(), GetUserReadableName())) {
        case SaveChoice::Save: return Save();
        case SaveChoice::Discard: Modify(false); return true;
        case SaveChoice::Cancel: return false;
    }
    return false;
}

bool BpmDocument::Revert() {
    if (!GetDocumentSaved()) return false;
    CommitPendingEdits();
    if (!TheDocManager().GetPrompts().confirmRevert(GetDocumentWindow(), GetUserReadableName())) return false;
    if (!DoOpenDocument(GetFilename())) return false;
    UpdateAllViews();
    if (wxView* view = GetFirstView()) view->OnChangeFilename();
    return true;
}

bool BpmDocument::DoOpenDocument(const wxString& file) {
    bpm::result<bpm::document> loaded = bpm::load_bpm(ToUtf8(file));
    if (!ReportFailure(GetDocumentWindow(),
                       wxString::Format(_("Could not open \"%s\"."), wxFileName(file).GetFullName()), loaded))
        return false;
    Replace(std::move(*loaded.value));
    return true;
}

bool BpmDocument::DoSaveDocument(const wxString& file) {
    CommitPendingEdits();
    if (!ReportFailure(GetDocumentWindow(),
                       wxString::Format(_("Could not save \"%s\"."), wxFileName(file).GetFullName()),
                       bpm::save_bpm(Model(), ToUtf8(file))))
        return false;
    History().mark_clean();
    m_changesDiscarded = false;
    UpdateTitle();
    return true;
}

wxCommandProcessor* BpmDocument::OnCreateCommandProcessor() { return new HistoryCommandProcessor(*this); }

void ChangeSubscription::Reset(BpmDocument* doc, bpm::history::listener fn) {
    if (m_doc) m_doc->Unsubscribe(m_token);
    m_doc = doc;
    m_token = doc ? doc->Subscribe(std::move(fn)) : 0;
}

bpm::document NewMapContents() {
    bpm::document doc;
    doc.metadata.created_at = bpm::now_iso8601();
    return doc;
}
