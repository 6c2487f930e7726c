#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"

namespace bpm {

/// Who holds a map open for editing: the one entry of its lock file, in LibreOffice's format
/// (svl's LockFileComponent). Its fields, in LibreOffice's order: the user's full name, their
/// login, the host, when the map was opened (the holder's local time, "DD.MM.YYYY HH:MM"), the
/// user's settings URL (LibreOffice's profile; this editor leaves it empty); then, added by this
/// editor, the process id, so that a lock whose process is gone can be told from one in use.
struct lock_owner {
    std::string name;
    std::string login;
    std::string host;
    std::string since;
    std::string settings_url;
    /// 0 when not known (a lock LibreOffice wrote has no process id).
    long long pid = 0;

    /// True for a lock whose content could not be read: held, but nobody can say by whom.
    bool unknown() const { return name.empty() && login.empty() && host.empty(); }
    /// True when both name the same process: same login and host, same process id.
    bool same_process(const lock_owner& o) const { return login == o.login && host == o.host && pid == o.pid; }
};

/// Lock files longer than this are not LibreOffice-style entries: their holder is unknown.
inline constexpr std::size_t max_lock_file_bytes = 4096;

/// The lock file of a map, as LibreOffice names it: "DIR/.~lock.NAME#" beside the file that
/// symbolic links to the map lead to, so every way to the same file finds the same lock.
std::string lock_file_path(const std::string& map_path);

/// The lock file's content for owner: ",alice,kestrel,21.11.2026 09:06,,4242;" (one entry,
/// fields separated by ',' and ended by ';'; a '\', ',' or ';' inside a field is escaped with a
/// '\', as LibreOffice does).
std::string format_lock_entry(const lock_owner& owner);

/// The owner in lock file content: LibreOffice's five fields, optionally followed by a process
/// id. Nullopt for anything else (no ';', a bad escape, invalid UTF-8, a process id that is not
/// a number, more than max_lock_file_bytes); text after the first entry is ignored, as
/// LibreOffice does. Fields come back on one line and at most 200 bytes long.
std::optional<lock_owner> parse_lock_entry(std::string_view text);

/// A time as the lock file's field has it: local time, "DD.MM.YYYY HH:MM" (LibreOffice's form).
std::string lock_time_text(std::time_t when);

/// The lock file's time as this editor shows times ("2026-11-21 09:06", the holder's local
/// time); other text is returned unchanged.
std::string readable_lock_time(std::string_view since);

/// This process as a lock owner: the full name from the user database (GECOS), the login, the
/// host name, now, and the process id.
lock_owner current_lock_owner();

/// True when holder's process is gone: the lock was written on this host and no process has its
/// id (kill(pid, 0) fails with ESRCH). A lock from another host, or without a process id, is
/// never stale: nobody here can tell.
bool lock_is_stale(const lock_owner& holder);

/// Who holds the map: nullopt when it has no lock file, an owner that is unknown() when the lock
/// file cannot be read or is not an entry (it is read without following a symbolic link or
/// blocking, and at most max_lock_file_bytes of it).
std::optional<lock_owner> read_lock(const std::string& map_path);

/// Removes the map's lock file if owner holds it (same process); false, leaving it, otherwise.
bool release_lock(const std::string& map_path, const lock_owner& owner);

/// A lock this process holds on a map; released (removed, if it is still ours) when destroyed or
/// released. Empty when default-constructed.
class map_lock {
public:
    map_lock() = default;
    /// Holds what owner wrote on map_path's lock file (acquire_lock and take_over_lock make these).
    map_lock(std::string map_path, lock_owner owner);
    map_lock(map_lock&& other) noexcept;
    map_lock& operator=(map_lock&& other) noexcept;
    map_lock(const map_lock&) = delete;
    map_lock& operator=(const map_lock&) = delete;
    ~map_lock() { release(); }

    /// True while a lock is held.
    bool held() const { return !map_path_.empty(); }
    /// The map it locks, as it was given; "" when none.
    const std::string& map_path() const { return map_path_; }
    /// Removes the lock file if it is still ours (someone may have taken it over) and holds nothing.
    void release();

private:
    std::string map_path_;
    lock_owner owner_;
};

/// What trying to lock a map for editing came to.
struct lock_attempt {
    enum class outcome {
        /// The lock file is ours: lock holds it.
        locked,
        /// Someone else holds it: holder says who (unknown() when the lock cannot be read).
        held,
        /// The map can be read but not edited here, and nothing was locked: reason says why.
        read_only,
    };
    outcome what = outcome::read_only;
    map_lock lock;
    lock_owner holder;
    /// Translated and without a final full stop: "its folder is read-only".
    std::string reason;
    /// True when a stale lock (its process gone from this host) was removed on the way.
    bool removed_stale = false;
};

/// Locks a map for editing by me: creates its lock file atomically (O_CREAT | O_EXCL), after
/// quietly removing a stale one. A map on a read-only medium, in a folder without write
/// permission (for this user, or for anyone, which root too respects), or itself without write
/// permission, is read_only, as is a lock file that cannot be created.
lock_attempt acquire_lock(const std::string& map_path, const lock_owner& me);

/// Writes me over the map's lock file, whoever held it ("Open Anyway"): their release will then
/// leave it alone. Replaced atomically, never edited in place.
result<map_lock> take_over_lock(const std::string& map_path, const lock_owner& me);

}  // namespace bpm
