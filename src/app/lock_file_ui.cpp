#include "lock_file_ui.h"

#include <string>

#include <wx/filename.h>
#include <wx/translation.h>

#include "wx_string.h"

wxString DescribeLockHolder(const bpm::lock_owner& holder) {
    // TRANSLATORS: who edits a map when its lock file cannot be read
    if (holder.unknown()) return _("someone unknown");
    // Where they work, as user@host, which needs no translation.
    std::string account = holder.login;
    if (!holder.host.empty()) account += (account.empty() ? "" : "@") + holder.host;
    // A system account's full name is often its login again: "root (logged in as root@host)" says nothing more.
    if (holder.name.empty() || holder.name == holder.login) return ToWx(account);
    if (account.empty()) return ToWx(holder.name);
    // TRANSLATORS: who edits a map: {1} is their full name, {2} their login and computer ("ana@kestrel")
    return FormatText(_("{1} (logged in as {2})"), holder.name, account);
}

namespace {

wxString SinceText(const bpm::lock_owner& holder) {
    // TRANSLATORS: when someone started editing a map, if their lock file does not say
    return holder.since.empty() ? _("an unknown time") : ToWx(bpm::readable_lock_time(holder.since));
}

wxString ReadOnlyNote(const wxString& file, const std::string& reason) {
    // TRANSLATORS: {1} is a file name, {2} why it cannot be changed ("its folder is read-only")
    return FormatText(_("\"{1}\" is open read-only: {2}. File \u25B8 Save As saves a copy you can edit."),
                      wxFileName(file).GetFullName(), reason);
}

}  // namespace

OpenedLock LockOpenedMap(const Prompts& prompts, wxWindow* parent, const wxString& file) {
    OpenedLock opened;
    const std::string path = ToUtf8(file);
    const bpm::lock_owner me = bpm::current_lock_owner();
    bpm::lock_attempt attempt = bpm::acquire_lock(path, me);
    switch (attempt.what) {
        case bpm::lock_attempt::outcome::locked: opened.lock = std::move(attempt.lock); break;
        case bpm::lock_attempt::outcome::read_only:
            opened.readOnly = true;
            opened.note = ReadOnlyNote(file, attempt.reason);
            break;
        case bpm::lock_attempt::outcome::held:
            switch (prompts.askLockedOpen(parent, wxFileName(file).GetFullName(), DescribeLockHolder(attempt.holder),
                                          SinceText(attempt.holder))) {
                case LockChoice::ReadOnly:
                    opened.readOnly = true;
                    // TRANSLATORS: why a map is open read-only; {1} names who edits it
                    opened.note = ReadOnlyNote(file, ToUtf8(FormatText(_("{1} is editing it"),
                                                                       DescribeLockHolder(attempt.holder))));
                    break;
                case LockChoice::Cancel: opened.open = false; break;
                case LockChoice::Anyway: {
                    bpm::result<bpm::map_lock> taken = bpm::take_over_lock(path, me);
                    if (taken) {
                        opened.lock = std::move(*taken.value);
                    } else {
                        opened.readOnly = true;
                        opened.note = ReadOnlyNote(file, taken.error());
                    }
                    break;
                }
            }
            break;
    }
    return opened;
}

bpm::result<bpm::map_lock> LockSavedMap(const wxString& file) {
    const bpm::lock_owner me = bpm::current_lock_owner();
    bpm::lock_attempt attempt = bpm::acquire_lock(ToUtf8(file), me);
    switch (attempt.what) {
        case bpm::lock_attempt::outcome::locked: return bpm::result<bpm::map_lock>::success(std::move(attempt.lock));
        case bpm::lock_attempt::outcome::read_only: return bpm::result<bpm::map_lock>::failure(attempt.reason);
        case bpm::lock_attempt::outcome::held: break;
    }
    if (attempt.holder.same_process(me)) return bpm::result<bpm::map_lock>::success();
    // TRANSLATORS: {1} is who edits the file ("Ana (logged in as ana@kestrel)"), {2} since when
    return bpm::result<bpm::map_lock>::failure(
        ToUtf8(FormatText(_("{1} is editing it since {2}; save under another name"), DescribeLockHolder(attempt.holder),
                          SinceText(attempt.holder))));
}
