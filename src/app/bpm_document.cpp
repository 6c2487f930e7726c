#include "bpm_document.h"

#include <wx/filename.h>

#include "bpm/bpm_file.h"
#include "diagnostic_ui.h"
#include "history_command_processor.h"
#include "lock_file_ui.h"
#include "wx_string.h"

wxIMPLEMENT_ABSTRACT_CLASS(BpmDocument, wxDocument);

BpmDocument::BpmDocument(const Prompts& prompts) : m_prompts(prompts) {
    // The title follows the modified state and says "(Read-Only)"; this listener lives as long as
    // the history.
    m_history.subscribe([this](const bpm::change_set& changes) {
        UpdateTitle(changes.size() == 1 && changes.front().what == bpm::change::kind::read_only_changed);
    });
}

BpmDocument::~BpmDocument() = default;

bool BpmDocument::Submit(std::unique_ptr<bpm::edit> edit, bpm::merge how) { return m_history.submit(std::move(edit), how); }

BpmDocument::PendingEditsHook BpmDocument::AddPendingEditsHook(std::function<void()> commit,
                                                               std::function<bool()> pending) {
    return m_pendingEdits.Add([commit = std::move(commit), pending = std::move(pending)](bool doCommit, bool& any) {
        if (doCommit) commit();
        else any = any || pending();
    });
}

void BpmDocument::CommitPendingEdits() {
    bool unused = false;
    m_pendingEdits.Call(true, unused);
}

bool BpmDocument::HasPendingEdits() const {
    bool any = false;
    m_pendingEdits.Call(false, any);
    return any;
}

bool BpmDocument::Replace(bpm::document model) {
    m_changesDiscarded = false;
    return m_history.replace_document(std::move(model));
}

void BpmDocument::UpdateTitle(bool always) {
    const bool modified = IsModified();
    if (modified == m_wasModified && !always) return;
    m_wasModified = modified;
    if (wxView* view = GetFirstView()) view->OnChangeFilename();
}

// Text typed into a cell but not yet entered counts: File > Save must be there to save it.
bool BpmDocument::IsModified() const { return !m_changesDiscarded && (!History().is_clean() || HasPendingEdits()); }

void BpmDocument::Modify(bool modified) {
    // wx calls Modify(false) only when it throws the changes away (Don't Save, a forced close) or
    // right after a save, when the history is already clean. Nothing ever calls Modify(true):
    // edits go through the history, which alone knows whether the map differs from its file.
    if (!modified && !History().is_clean()) m_changesDiscarded = true;
    UpdateTitle();
}

bool BpmDocument::OnNewDocument() {
    return wxDocument::OnNewDocument() && Replace(NewMapContents());
}

bool BpmDocument::OnSaveModified() {
    CommitPendingEdits();
    if (!IsModified()) return true;
    switch (m_prompts.askSaveChanges(GetDocumentWindow(), GetUserReadableName())) {
        case SaveChoice::Save: return Save();
        case SaveChoice::Discard: Modify(false); return true;
        case SaveChoice::Cancel: return false;
    }
    return false;
}

bool BpmDocument::Save() {
    // Before wx asks whether there is anything to save: the open cell may be the only change.
    CommitPendingEdits();
    return wxDocument::Save();
}

bool BpmDocument::SaveAs() {
    CommitPendingEdits();
    // As wxDocument::SaveAs, with the file asked for through the prompts.
    wxString directory = wxPathOnly(GetFilename());
    if (directory.empty()) directory = GetDocumentManager()->GetLastDirectory();
    wxString file = m_prompts.chooseSavePath(GetDocumentWindow(), _("Save As"), directory,
                                             wxFileNameFromPath(GetFilename()), _("Buying process maps (*.bpm)|*.bpm"));
    if (file.empty()) return false;
    if (wxFileName(file).GetExt().empty()) file += ".bpm";
    if (!OnSaveDocument(file)) return false;
    SetTitle(wxFileNameFromPath(file));
    SetFilename(file, true);
    GetDocumentManager()->AddFileToHistory(file);
    return true;
}

bool BpmDocument::Revert() {
    if (!GetDocumentSaved()) return false;
    CommitPendingEdits();
    if (!m_prompts.confirmRevert(GetDocumentWindow(), GetUserReadableName())) return false;
    return DoOpenDocument(GetFilename());
}

bool BpmDocument::OnOpenDocument(const wxString& file) {
    OpenedLock opened = LockOpenedMap(m_prompts, GetDocumentWindow(), file);
    if (!opened.open) return false;
    m_lock = std::move(opened.lock);
    m_history.set_read_only(opened.readOnly);
    if (!wxDocument::OnOpenDocument(file)) return false;
    if (!opened.note.empty()) m_prompts.noteReadOnly(GetDocumentWindow(), opened.note);
    return true;
}

bool BpmDocument::DoOpenDocument(const wxString& file) {
    const wxString headline = FormatText(_("Could not open \"{1}\"."), wxFileName(file).GetFullName());
    const bpm::result<std::string> bytes = bpm::read_file(ToUtf8(file), bpm::max_document_bytes);
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, bytes)) return false;
    bpm::result<bpm::document> loaded = bpm::read_bpm(*bytes.value);
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, loaded) || !Replace(std::move(*loaded.value)))
        return false;
    // Stamped from the bytes read, so a change made right after reading still counts.
    m_diskStamp = bpm::stamp_bytes(*bytes.value);
    m_stampedFile = file;
    return true;
}

bool BpmDocument::DoSaveDocument(const wxString& file) {
    const wxString headline = FormatText(_("Could not save \"{1}\"."), wxFileName(file).GetFullName());
    const bpm::result<std::string> bytes = bpm::write_bpm(Model());
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, bytes)) return false;
    // A place this map holds no lock on (Save As, a new map's first save) is locked first, so no
    // map open in another editor is replaced unawares; the old place's lock goes once saved.
    const bool elsewhere = ToUtf8(file) != m_lock.map_path();
    bpm::result<bpm::map_lock> moved = elsewhere ? LockSavedMap(file) : bpm::result<bpm::map_lock>::success();
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, moved)) return false;
    // Never silently over someone else's version: a sync, a teammate or bpmap-cli may have
    // written the file since this map was read from it or saved to it. A file deleted or moved
    // away meanwhile holds no one's version: the save puts the map back.
    if (file == m_stampedFile) {
        const bpm::file_stamp now = bpm::stamp_file(ToUtf8(file));
        if (now.exists && now != m_diskStamp &&
            !m_prompts.confirmOverwriteChanged(GetDocumentWindow(), wxFileName(file).GetFullName()))
            return false;
    }
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, bpm::write_file_atomic(ToUtf8(file), *bytes.value)))
        return false;
    m_diskStamp = bpm::stamp_bytes(*bytes.value);
    m_stampedFile = file;
    if (elsewhere) {
        if (moved.value->held()) m_lock = std::move(*moved.value);
        // Saved where nobody else edits it: the copy is this user's to edit.
        m_history.set_read_only(false);
    }
    History().mark_clean();
    m_changesDiscarded = false;
    UpdateTitle();
    return true;
}

wxCommandProcessor* BpmDocument::OnCreateCommandProcessor() { return new HistoryCommandProcessor(*this); }

bpm::document NewMapContents() {
    bpm::document doc;
    doc.metadata.created_at = bpm::now_iso8601();
    return doc;
}
