#pragma once

#include <functional>
#include <memory>

#include <wx/fswatcher.h>
#include <wx/infobar.h>
#include <wx/timer.h>

#include "bpm_document.h"
#include "editing_context.h"

class wxActivateEvent;

/// The strip under the toolbar that says what happened to the shown map's file on disk:
/// reloaded (while the map had no unsaved edits), changed under unsaved edits (Reload Theirs /
/// Merge / Keep Mine), unreadable, or deleted or moved; and that the map is open read-only, and why
/// (Save As makes an editable copy). It watches the file's folder and checks again
/// whenever the window is activated, because watchers miss changes in network and synced
/// folders; the document decides, the bar tells and asks.
class DiskChangeBar : public wxInfoBar {
public:
    /// Button ids, as the bar's buttons send them.
    enum { ID_RELOAD_THEIRS = wxID_HIGHEST + 700, ID_KEEP_MINE, ID_MERGE };

    DiskChangeBar(wxWindow* parent, EditingContext& context);
    ~DiskChangeBar() override;

    /// The message shown, "" while the bar is dismissed.
    const wxString& GetShownMessage() const { return m_message; }
    /// Compares the shown map with its file now, as activating the window does.
    void CheckNow();

    void Dismiss() override;

    /// Called with true when the bar has something to show and false when it is dismissed, so
    /// that the window it is laid out in makes room for it.
    std::function<void(bool)> onShownChanged;

private:
    void OnContextNotice(const EditingContext::Notice& notice);
    void OnDiskNotice(const BpmDocument::DiskNotice& notice);
    // Watches the folder of the shown map's file (the file a symbolic link points to).
    void Watch();
    void OnFileSystemEvent(wxFileSystemWatcherEvent& event);
    void OnActivate(wxActivateEvent& event);
    // Says the map is open read-only, and why when the user did not choose it; or takes that
    // back once the map is editable.
    void TellReadOnly();
    // Merges the version on disk into the map and says how many conflicts are left.
    void Merge();
    enum class Buttons { Close, ReloadOrKeep, SaveAs };
    void Tell(const wxString& message, int flags, Buttons buttons);

    EditingContext& m_context;
    EditingContext::Subscription m_subscription;
    BpmDocument* m_doc = nullptr;
    BpmDocument::DiskListener m_diskListener;
    std::unique_ptr<wxFileSystemWatcher> m_watcher;
    wxString m_watchedFolder;
    wxString m_watchedName;
    // Started by each event about the file: a save arrives as several, checked once they settle.
    wxTimer m_settle;
    wxString m_message;
    bool m_readOnlyShown = false;
};
