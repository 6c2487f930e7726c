#pragma once
// The editor's side of lock files (bpm/lock_file.h): who holds a map, in words, and what opening
// or saving a map does about its lock.

#include <wx/string.h>

#include "bpm/diagnostic.h"
#include "bpm/lock_file.h"
#include "prompts.h"

class wxWindow;

/// "Ana Müller (logged in as ana@kestrel)", "ana@kestrel", or "someone unknown" for a lock that
/// cannot be read.
wxString DescribeLockHolder(const bpm::lock_owner& holder);

/// What locking a map that is being opened came to.
struct OpenedLock {
    /// False when the user chose Cancel: the map is not opened.
    bool open = true;
    /// True when the map must open read-only (someone else edits it, or it cannot be written).
    bool readOnly = false;
    /// Why, in a sentence said once the map is open (who edits it, when the user chose to
    /// open it read-only).
    wxString note;
    /// The lock, when the map opens for editing.
    bpm::map_lock lock;
};

/// Locks the map at file for editing by this process. When someone else holds it, asks through
/// prompts whether to open it read-only, anyway (taking the lock over) or not at all; a map that
/// cannot be written opens read-only with a note. A stale lock goes without a word.
OpenedLock LockOpenedMap(const Prompts& prompts, wxWindow* parent, const wxString& file);

/// Locks the place a map is about to be saved to (Save As, a new map's first save): fails,
/// saying why, when someone else holds it or it cannot be written there. An empty lock when this
/// process already holds it (the same file under another name).
bpm::result<bpm::map_lock> LockSavedMap(const wxString& file);
