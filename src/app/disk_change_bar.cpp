#include "disk_change_bar.h"

#include <filesystem>
#include <system_error>

#include <wx/evtloop.h>
#include <wx/filename.h>
#include <wx/fswatcher.h>
#include <wx/toplevel.h>

#include "wx_string.h"

namespace {

// Long enough for a save's several events (a temporary file written, then renamed) to settle.
constexpr int settle_ms = 300;

}  // namespace

DiskChangeBar::DiskChangeBar(wxWindow* parent, EditingContext& context)
    : wxInfoBar(parent), m_context(context), m_settle(this) {
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& n) { OnContextNotice(n); });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { CheckNow(); });
    Bind(wxEVT_FSWATCHER, &DiskChangeBar::OnFileSystemEvent, this);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        Dismiss();
        if (m_doc) m_doc->ReloadFromDisk();
    }, ID_RELOAD_THEIRS);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Merge(); }, ID_MERGE);
    // Keeping mine changes nothing now: the next save asks once before it replaces theirs.
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Dismiss(); }, ID_KEEP_MINE);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_doc) m_doc->SaveAs();
    }, wxID_SAVEAS);
    wxGetTopLevelParent(parent)->Bind(wxEVT_ACTIVATE, &DiskChangeBar::OnActivate, this);
    OnContextNotice({EditingContext::DocumentChanged});
}

DiskChangeBar::~DiskChangeBar() {
    if (wxWindow* top = wxGetTopLevelParent(GetParent())) top->Unbind(wxEVT_ACTIVATE, &DiskChangeBar::OnActivate, this);
}

void DiskChangeBar::OnContextNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged) && m_context.GetDocument() != m_doc) {
        m_doc = m_context.GetDocument();
        m_diskListener.Reset();
        Dismiss();
        if (m_doc) m_diskListener = m_doc->OnDiskNotice([this](const BpmDocument::DiskNotice& n) { OnDiskNotice(n); });
        Watch();
        TellReadOnly();
    } else if (notice.Has(EditingContext::ReadOnlyChanged)) {
        TellReadOnly();
    }
}

void DiskChangeBar::TellReadOnly() {
    if (!m_doc || !m_doc->IsReadOnly()) {
        if (m_readOnlyShown) Dismiss();
        return;
    }
    // TRANSLATORS: {1} is the map's file name; the user chose to open it read-only
    const wxString chosen = FormatText(_("\"{1}\" is open read-only. File \u25B8 Save As saves a copy you can edit."),
                                       m_doc->GetUserReadableName());
    const wxString& note = m_doc->ReadOnlyNote();
    Tell(note.empty() ? chosen : note, wxICON_INFORMATION, Buttons::SaveAs);
    m_readOnlyShown = true;
}

void DiskChangeBar::Merge() {
    if (!m_doc) return;
    const wxString name = m_doc->GetUserReadableName();
    const std::optional<std::size_t> conflicts = m_doc->MergeFromDisk();
    if (!conflicts) return;
    if (*conflicts == 0) {
        // TRANSLATORS: {1} is the map's file name; the other version's changes fitted with the user's
        Tell(FormatText(_("Merged the changes on disk into \"{1}\"; none conflicted with yours. Save to keep "
                          "the merge, or Undo to take it back."),
                        name),
             wxICON_INFORMATION, Buttons::Close);
        return;
    }
    // TRANSLATORS: {1} is the map's file name, {2} how many conflicts the merge left
    Tell(FormatText(wxPLURAL("Merged the changes on disk into \"{1}\": {2} conflict to resolve (F8 shows it).",
                             "Merged the changes on disk into \"{1}\": {2} conflicts to resolve (F8 shows each).",
                             *conflicts),
                    name, wxString::Format("%zu", *conflicts)),
         wxICON_WARNING, Buttons::Close);
}

void DiskChangeBar::Watch() {
    wxString folder, name;
    if (m_doc && m_doc->GetDocumentSaved()) {
        // The folder of the file itself: a link's own folder never sees its target change.
        std::error_code error;
        const std::filesystem::path real = std::filesystem::weakly_canonical(ToUtf8(m_doc->GetFilename()), error);
        const wxFileName file(error ? m_doc->GetFilename() : ToWx(real.string()));
        folder = file.GetPath();
        name = file.GetFullName();
    }
    m_watchedName = name;
    if (folder == m_watchedFolder) return;
    m_watchedFolder.clear();
    if (m_watcher) m_watcher->RemoveAll();
    if (folder.empty()) return;
    // The watcher needs a running event loop: a map opened from the command line, before the
    // loop runs, is watched from the window's first activation.
    if (!wxEventLoopBase::GetActive()) return;
    if (!m_watcher) {
        m_watcher = std::make_unique<wxFileSystemWatcher>();
        m_watcher->SetOwner(this);
    }
    // Without a watch (too many watches, a folder that cannot be watched) activation still checks.
    if (m_watcher->Add(wxFileName::DirName(folder), wxFSW_EVENT_CREATE | wxFSW_EVENT_DELETE | wxFSW_EVENT_RENAME |
                                                         wxFSW_EVENT_MODIFY | wxFSW_EVENT_ATTRIB |
                                                         wxFSW_EVENT_WARNING | wxFSW_EVENT_ERROR))
        m_watchedFolder = folder;
}

void DiskChangeBar::OnFileSystemEvent(wxFileSystemWatcherEvent& event) {
    // Lost events (an overflowing queue) may have been about the file.
    const bool aboutFile = event.GetChangeType() == wxFSW_EVENT_WARNING ||
                           event.GetChangeType() == wxFSW_EVENT_ERROR ||
                           event.GetPath().GetFullName() == m_watchedName ||
                           event.GetNewPath().GetFullName() == m_watchedName;
    if (aboutFile) m_settle.StartOnce(settle_ms);
}

void DiskChangeBar::OnActivate(wxActivateEvent& event) {
    event.Skip();
    // After the activation is handled: a reload must not run inside a focus change.
    if (event.GetActive()) CallAfter(&DiskChangeBar::CheckNow);
}

void DiskChangeBar::CheckNow() {
    if (!m_doc) return;
    Watch();
    m_doc->CheckDisk();
}

void DiskChangeBar::OnDiskNotice(const BpmDocument::DiskNotice& notice) {
    const wxString name = m_doc->GetUserReadableName();
    switch (notice.kind) {
        case BpmDocument::DiskNotice::Settled:
        case BpmDocument::DiskNotice::Saved:
            Dismiss();
            Watch();  // a Save As moves the map to another folder
            TellReadOnly();
            return;
        case BpmDocument::DiskNotice::Reloaded:
            // TRANSLATORS: {1} is the map's file name
            Tell(FormatText(_("\"{1}\" changed on disk and was reloaded. Undo history starts over."), name),
                 wxICON_INFORMATION, Buttons::Close);
            return;
        case BpmDocument::DiskNotice::Conflict:
            // TRANSLATORS: {1} is the map's file name; "you" are the person using the editor
            Tell(FormatText(_("\"{1}\" changed on disk, and you have unsaved changes."), name),
                 wxICON_WARNING, Buttons::ReloadOrKeep);
            return;
        case BpmDocument::DiskNotice::ReloadCancelled:
            // TRANSLATORS: {1} is the map's file name; the user cancelled reading the changed file
            Tell(FormatText(_("\"{1}\" changed on disk; reading it again was cancelled."), name), wxICON_WARNING,
                 Buttons::ReloadOrKeep);
            return;
        case BpmDocument::DiskNotice::Unreadable:
            // TRANSLATORS: {1} is the map's file name, {2} what is wrong with the file now
            Tell(FormatText(_("\"{1}\" changed on disk, but it cannot be read now: {2}. Your map is kept as it "
                              "was; saving writes it again."),
                            name, notice.problem),
                 wxICON_WARNING, Buttons::Close);
            return;
        case BpmDocument::DiskNotice::Missing:
            // TRANSLATORS: {1} is the map's file name
            Tell(FormatText(_("\"{1}\" was deleted or moved on disk. Saving writes it again."), name),
                 wxICON_WARNING, Buttons::Close);
            return;
    }
}

void DiskChangeBar::Tell(const wxString& message, int flags, Buttons buttons) {
    while (GetButtonCount() > 0) RemoveButton(GetButtonId(0));
    m_readOnlyShown = false;
    // TRANSLATORS: a button on the strip that says a map is open read-only
    if (buttons == Buttons::SaveAs) AddButton(wxID_SAVEAS, _("Save As..."));
    if (buttons == Buttons::ReloadOrKeep) {
        // TRANSLATORS: replaces the map shown with the version on disk, losing unsaved changes
        AddButton(ID_RELOAD_THEIRS, _("Reload Theirs (Discard Mine)"));
        // TRANSLATORS: merges the version on disk into the map shown, as one step Undo takes back
        if (m_doc && m_doc->CanMergeFromDisk()) AddButton(ID_MERGE, _("Merge"));
        // TRANSLATORS: keeps the map shown; the next save asks before replacing the file on disk
        AddButton(ID_KEEP_MINE, _("Keep Mine"));
    }
    m_message = message;
    ShowMessage(message, flags);
    if (onShownChanged) onShownChanged(true);
}

void DiskChangeBar::Dismiss() {
    const bool wasShown = !m_message.empty();
    m_message.clear();
    m_readOnlyShown = false;
    if (IsShown()) wxInfoBar::Dismiss();
    if (wasShown && onShownChanged) onShownChanged(false);
}
