#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <wx/docview.h>

#include "bpm/file_io.h"
#include "bpm/history.h"
#include "bpm/lock_file.h"
#include "bpm/map_formats.h"
#include "bpm/model.h"
#include "listener_list.h"
#include "lock_file_ui.h"
#include "prompts.h"

/// The wxWidgets side of a buying process map: a thin adapter that owns the core document and
/// its one undo history for its whole life (loading and Revert replace the contents, not the
/// history). Every change goes through History(); whether the map is modified is the history's
/// answer (not a flag kept here), and the Edit menu reads the same history.
class BpmDocument : public wxDocument {
public:
    /// A map that asks and reports through prompts, which must outlive it.
    explicit BpmDocument(const Prompts& prompts);
    ~BpmDocument() override;

    /// The map, for reading.
    const bpm::document& Model() const { return m_model; }
    /// The one undo history; submit edits here and subscribe to its change notices.
    bpm::history& History() { return m_history; }
    const bpm::history& History() const { return m_history; }
    /// Submits an edit to the history; false when it does not apply.
    bool Submit(std::unique_ptr<bpm::edit> edit, bpm::merge how = bpm::merge::never);
    /// True while the map is open read-only (someone else edits it, or it cannot be written):
    /// the history refuses every edit until Save As makes it an editable copy.
    bool IsReadOnly() const { return m_history.read_only(); }
    /// Removes this map's lock file (if still its own) before the program ends without closing it.
    void ReleaseLock() { m_lock.release(); }
    /// Why the map opened read-only when the user did not choose it ("\"map.bpm\" is open
    /// read-only: its folder is read-only. ..."), "" otherwise.
    const wxString& ReadOnlyNote() const { return m_readOnlyNote; }

    /// Keeps an editor registered by AddPendingEditsHook for as long as it lives.
    using PendingEditsHook = ListenerList<bool, bool&>::Registration;
    /// Registers an editor that may hold unfinished input (an open grid cell editor): commit
    /// writes it into the map, and runs before the map is saved, undone, redone, reverted or
    /// closed, and whenever CommitPendingEdits is called; pending says whether there is any.
    [[nodiscard]] PendingEditsHook AddPendingEditsHook(std::function<void()> commit, std::function<bool()> pending);
    /// Writes every editor's unfinished input into the map.
    void CommitPendingEdits();
    /// True when an editor holds input that is not in the map yet.
    bool HasPendingEdits() const;

    /// What comparing the map with its file on disk found, told to the disk listeners.
    struct DiskNotice {
        enum Kind {
            /// The file holds this map's version again: nothing to say any more.
            Settled,
            /// Someone changed it while the map had no unsaved edits: the map was reloaded in
            /// place and its undo history starts over.
            Reloaded,
            /// Someone changed it while the map has unsaved edits: reload theirs or keep mine.
            Conflict,
            /// Someone changed it, and what it holds now cannot be loaded (problem says why):
            /// the map shown is kept.
            Unreadable,
            /// Someone changed it, and the user cancelled reading it (a big map shows its
            /// progress): the map shown is kept, reload theirs or keep mine.
            ReloadCancelled,
            /// Deleted or moved away: the next save writes it again.
            Missing,
            /// The map was just saved to its file (told after every save, the first included).
            Saved,
        };
        Kind kind = Settled;
        wxString problem;
    };
    /// Keeps a listener registered by OnDiskNotice for as long as it lives.
    using DiskListener = ListenerList<const DiskNotice&>::Registration;
    [[nodiscard]] DiskListener OnDiskNotice(std::function<void(const DiskNotice&)> listener);
    /// Compares the map with its file (one stat() while the file's size and times have not
    /// moved) and acts on a change: reloads a map without unsaved edits, otherwise leaves the
    /// choice to the user. Each state of the file is told once.
    void CheckDisk();
    /// Replaces the map with what its file holds now, dropping unsaved edits; false, after
    /// reporting why, when it cannot be read.
    bool ReloadFromDisk();
    /// Merges what the file holds now into the map, against the version last read or written
    /// (bpm::merge_maps: base that version, ours the map, theirs the file), as one undo step; the
    /// file's version becomes the one loaded, and the map stays unsaved. The conflicts the merge
    /// found, or nothing (after reporting why) when the file cannot be read or no version is known.
    std::optional<std::size_t> MergeFromDisk();
    /// Whether MergeFromDisk has a version to merge against.
    bool CanMergeFromDisk() const { return !m_disk.path().empty() && !m_loadedBytes.empty() && !IsReadOnly(); }
    /// The file's bytes as this map last read or wrote them: the base of a three-way merge with
    /// what is on disk now.
    const std::string& LoadedVersion() const { return m_loadedBytes; }
    /// The version of its file this map was last read from or written to (exists false when none).
    const bpm::file_stamp& DiskVersion() const { return m_disk.remembered(); }
    /// Shows a recovered copy of a map: titled as its original file (untitled without one), and
    /// unsaved, so that Save puts it back in place, asking first when that file has changed
    /// since the version given. lock is what locking the original came to (LockOpenedMap).
    bool ShowRecovered(bpm::document model, const wxString& originalFile, const bpm::file_stamp& originalVersion,
                       OpenedLock lock);

    /// Whether the map differs from its file: edits not saved (text in an open cell editor
    /// included), or a file deleted, moved away or made unreadable since.
    bool IsModified() const override;
    void Modify(bool modified) override;
    bool OnNewDocument() override;
    bool OnSaveModified() override;
    bool Save() override;
    bool SaveAs() override;
    bool Revert() override;

protected:
    /// Locks the map for editing first (asking when someone else holds it), then reads it; a
    /// file of another format (JSON, CSV, ...) is imported as an untitled map instead.
    bool OnOpenDocument(const wxString& file) override;
    bool DoOpenDocument(const wxString& file) override;
    bool DoSaveDocument(const wxString& file) override;
    wxCommandProcessor* OnCreateCommandProcessor() override;

private:
    // Replaces the contents: the history stays, its steps go, and its listeners hear of it.
    bool Replace(bpm::document model);
    // Reads a file of another format into the map, untitled, telling what the import noticed;
    // false after reporting why it cannot be read (or when cancelled).
    bool Import(const wxString& file, bpm::map_format format);
    // Reads a CSV or TSV file, asks the user to confirm or correct what each column holds, then
    // imports it; cancelled when the user cancels.
    bpm::result<bpm::document> ImportSpreadsheet(const wxString& file);
    // The file an untitled map was imported from, where Save As offers to put it; "" otherwise.
    wxString m_importedFrom;
    void UpdateTitle(bool always = false);

    const Prompts& m_prompts;
    bpm::document m_model;
    bpm::history m_history{m_model};
    // Called with true to commit, with false to ask whether anything is pending (into the flag).
    ListenerList<bool, bool&> m_pendingEdits;
    // Set when the user chose "Don't Save": the document is being closed and its changes are
    // forfeit, so wx must not ask again while it tears the views down.
    bool m_changesDiscarded = false;
    // Reads the file into the map, its progress shown under title once it takes a while; the
    // problem when it cannot be loaded, cancelled when the user cancelled.
    bpm::result<> Load(const wxString& file, const wxString& title);
    void Announce(DiskNotice::Kind kind, const wxString& problem = {});
    // Edits not in the file, whatever became of the file.
    bool HasOwnChanges() const;

    // The file this map was last read from or written to, what it held then, and the bytes.
    bpm::disk_version m_disk;
    wxString m_readOnlyNote;
    std::string m_loadedBytes;
    ListenerList<const DiskNotice&> m_diskListeners;
    // What was last told about the file, and the version of it that it was about, so that each
    // state is told once.
    DiskNotice::Kind m_announced = DiskNotice::Settled;
    bpm::file_stamp m_announcedVersion;
    std::string m_announcedPath;
    // Set while the map is read or written: a check then would see a half-done change.
    bool m_busy = false;
    bool m_wasModified = false;
    // The lock file that says this map is being edited here; released when the map closes or is
    // saved elsewhere.
    bpm::map_lock m_lock;

    wxDECLARE_ABSTRACT_CLASS(BpmDocument);
};

/// A new, empty map: the assistant's interview starts by asking for the first persona.
bpm::document NewMapContents();
