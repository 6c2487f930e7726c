#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/file_io.h"
#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

/// The user's own state folder for this program, created with mode 0700 when missing:
/// $XDG_STATE_HOME/bpmap when that is an absolute path, else ~/.local/state/bpmap (the XDG Base
/// Directory Specification), else the system's temporary folder.
std::filesystem::path user_state_folder();

/// What a recovery copy is a copy of.
struct recovery_info {
    /// The map's file, "" for a map never saved.
    std::string original_path;
    /// The name the editor shows for it ("Untitled Map" for a map never saved).
    std::string title;
    /// The version of the original file the map was last read from or written to (exists false
    /// when unknown), so that saving the recovered map asks before replacing a later version.
    file_stamp original_version;
};

/// A recovery copy left in a recovery folder.
struct recovery_copy {
    recovery_info info;
    /// The file that holds the copy: its description on the first line, then the map.
    std::string copy_path;
    /// When it was written, ISO 8601 UTC.
    std::string written_at;
    /// How many personas the map holds.
    std::size_t personas = 0;
};

/// The recovery copies of one editor process's open maps, in a folder of their own
/// (user_state_folder()/recovery unless given). Each map has a slot; writing a slot replaces its
/// copy, one file (HOST-PID-SLOT.bpmrecovery: a one-line JSON description, then the .bpm bytes),
/// atomically, with mode 0600. A copy whose process is no longer running on this host (it
/// crashed, was killed, the power went) is an orphan, offered at the next start; a copy from
/// another host is offered too, since its process cannot be asked.
class recovery_folder {
public:
    /// The copies of this process in folder (created, mode 0700, when first written).
    explicit recovery_folder(std::filesystem::path folder = user_state_folder() / "recovery");

    /// Writes the copy of the map in slot (any short name of letters, digits and dashes): bytes
    /// as write_bpm made them, and what it is a copy of; replaces that slot's earlier copy.
    result<> write(const std::string& slot, const recovery_info& info, std::string_view bytes,
                   std::size_t personas) const;
    /// Removes slot's copy: the map was saved, or closed without saving on purpose.
    void remove(const std::string& slot) const;
    /// Every copy in the folder whose process is gone, newest first. Unreadable descriptions are
    /// skipped, never fatal.
    std::vector<recovery_copy> orphans() const;

    /// Reads a copy's map back, telling progress as read_bpm does; fails as read_bpm does, or
    /// when the file is no recovery copy.
    static result<document> load(const recovery_copy& copy, const progress_fn& progress = {});
    /// Deletes a copy for good (discarded, or recovered into an open map).
    static void discard(const recovery_copy& copy);

    const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path file_of(const std::string& slot) const;

    std::filesystem::path folder_;
};

}  // namespace bpm
