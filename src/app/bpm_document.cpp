#include "bpm_document.h"

#include <utility>

#include <wx/filename.h>

#include "bpm/bpm_file.h"
#include "bpm/conflict_edit.h"
#include "bpm/map_merge.h"
#include "bpm/csv_import.h"
#include "bpm/map_formats.h"
#include "diagnostic_ui.h"
#include "history_command_processor.h"
#include "lock_file_ui.h"
#include "work_progress.h"
#include "wx_string.h"

wxIMPLEMENT_ABSTRACT_CLASS(BpmDocument, wxDocument);

namespace {

// Sets a flag for as long as it lives, and puts back what it was.
class BusyFlag {
public:
    explicit BusyFlag(bool& flag) : m_flag(flag), m_was(std::exchange(flag, true)) {}
    ~BusyFlag() { m_flag = m_was; }
    BusyFlag(const BusyFlag&) = delete;
    BusyFlag& operator=(const BusyFlag&) = delete;

private:
    bool& m_flag;
    bool m_was;
};

// The merge of the version on disk as one step: the content replaced by the merge, and the
// version merged in made the base of the next merge and of the next save's check. Undone, the
// base goes back too, so that the change on disk is news again (Save asks before writing over
// it; the strip offers Reload Theirs, Merge and Keep Mine); redone, it is merged in again. When a
// save, reload or Save As has moved the base on since, the step leaves the base where it is.
class MergeFromDiskStep final : public bpm::edit {
public:
    MergeFromDiskStep(std::unique_ptr<bpm::edit> replace, bpm::disk_version& disk, std::string& base,
                      std::string theirs, std::function<void()> baseMoved)
        : m_replace(std::move(replace)),
          m_disk(disk),
          m_base(base),
          m_path(disk.path()),
          m_left(disk.remembered()),
          m_otherStamp(bpm::stamp_bytes(theirs)),
          m_other(std::move(theirs)),
          m_baseMoved(std::move(baseMoved)) {}

    std::string label(const bpm::document& doc) const override { return m_replace->label(doc); }
    bool apply(bpm::document& doc, bpm::change_set& changes) override {
        if (!m_replace->apply(doc, changes)) return false;
        SwapBase();
        return true;
    }
    void revert(bpm::document& doc, bpm::change_set& changes) override {
        m_replace->revert(doc, changes);
        SwapBase();
    }
    std::size_t memory_bytes() const override {
        return sizeof(*this) + m_replace->memory_bytes() + m_path.capacity() + m_other.capacity();
    }

private:
    void SwapBase() {
        if (m_disk.path() != m_path || m_disk.remembered() != m_left) return;
        const bpm::file_stamp put = m_otherStamp;
        m_otherStamp = m_disk.remembered();
        m_disk.remember(m_path, put);
        m_left = put;
        std::swap(m_base, m_other);
        m_baseMoved();
    }

    std::unique_ptr<bpm::edit> m_replace;
    bpm::disk_version& m_disk;
    std::string& m_base;
    const std::string m_path;
    bpm::file_stamp m_left;        // the base's stamp as this step last left it (or found it)
    bpm::file_stamp m_otherStamp;  // the stamp of the base not in place
    std::string m_other;           // the bytes of the base not in place
    std::function<void()> m_baseMoved;
};

}  // namespace

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
// So is a map whose file was deleted, moved away or overwritten with something unreadable: it is
// on disk nowhere until saved, so Save, autosave and the question on closing keep it.
bool BpmDocument::IsModified() const {
    return HasOwnChanges() ||
           (!m_changesDiscarded && (m_announced == DiskNotice::Missing || m_announced == DiskNotice::Unreadable));
}

bool BpmDocument::HasOwnChanges() const { return !m_changesDiscarded && (!History().is_clean() || HasPendingEdits()); }

void BpmDocument::Modify(bool modified) {
    // wx calls Modify(false) only when it throws the changes away (Don't Save, a forced close) or
    // right after a save, when the history is already clean. Nothing ever calls Modify(true):
    // edits go through the history, which alone knows whether the map differs from its file.
    if (!modified && IsModified()) m_changesDiscarded = true;
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
    // An imported map is offered a place beside the file it came from, under that file's name.
    const wxString from = GetFilename().empty() ? m_importedFrom : GetFilename();
    wxString directory = wxPathOnly(from);
    if (directory.empty()) directory = GetDocumentManager()->GetLastDirectory();
    const wxString name = GetFilename().empty() && !from.empty() ? wxFileName(from).GetName() + ".bpm"
                                                                 : wxFileNameFromPath(GetFilename());
    wxString file = m_prompts.chooseSavePath(GetDocumentWindow(), _("Save As"), directory, name,
                                             _("Buying process maps (*.bpm)|*.bpm"));
    if (file.empty()) return false;
    if (wxFileName(file).GetExt().empty()) file += ".bpm";
    if (!OnSaveDocument(file)) return false;
    m_importedFrom.clear();
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

bpm::result<> BpmDocument::Load(const wxString& file, const wxString& title) {
    // TRANSLATORS: in the progress dialog while a big map is read; {1} is its file's name
    WorkProgress progress(GetDocumentWindow(), title, FormatText(_("Reading \"{1}\"\u2026"), wxFileName(file).GetFullName()));
    const bpm::result<std::string> bytes = bpm::read_file(ToUtf8(file), bpm::max_document_bytes);
    if (!bytes) return bpm::result<>::failure_of(bytes);
    bpm::result<bpm::document> loaded = bpm::read_bpm(*bytes.value, progress.Fn());
    progress.Close();
    // Cancelled, like a file that cannot be read, it leaves the map shown as it was.
    if (!loaded) return bpm::result<>::failure_of(loaded);
    if (!Replace(std::move(*loaded.value))) return bpm::result<>::failure({ToUtf8(_("the map could not be shown"))});
    // Remembered from the bytes read, so a change made right after reading still counts.
    m_disk.remember(ToUtf8(file), *bytes.value);
    m_loadedBytes = std::move(*bytes.value);
    Announce(DiskNotice::Settled);
    return bpm::result<>::success();
}

bool BpmDocument::OnOpenDocument(const wxString& file) {
    // Another format is imported into a new, untitled map: the file it came from is left as it is.
    if (const auto format = bpm::map_format_of_path(ToUtf8(file)); format && *format != bpm::map_format::bpm)
        return Import(file, *format);
    OpenedLock opened = LockOpenedMap(m_prompts, GetDocumentWindow(), file);
    if (!opened.open) return false;
    m_lock = std::move(opened.lock);
    m_history.set_read_only(opened.readOnly);
    m_readOnlyNote = opened.note;
    return wxDocument::OnOpenDocument(file);
}

namespace {

// What an import noticed, for a message box: at most a screenful of the notes, then how many more.
wxString ImportNotes(const wxString& name, const std::vector<bpm::diagnostic>& warnings) {
    // TRANSLATORS: {1} is the name of the file imported, {2} the number of notes that follow
    wxString text = FormatText(wxPLURAL("\"{1}\" was imported, with {2} note:", "\"{1}\" was imported, with {2} notes:",
                                        warnings.size()),
                               name, wxString::Format("%zu", warnings.size()));
    constexpr std::size_t shown = 12;
    for (std::size_t i = 0; i < warnings.size() && i < shown; ++i) text << "\n" << ToWx(warnings[i].to_string());
    if (warnings.size() > shown)
        // TRANSLATORS: after the first notes of an import; {1} is how many are not listed
        text << "\n" << FormatText(_("\u2026 and {1} more."), wxString::Format("%zu", warnings.size() - shown));
    return text;
}

}  // namespace

bpm::result<bpm::document> BpmDocument::ImportSpreadsheet(const wxString& file) {
    const wxString name = wxFileName(file).GetFullName();
    bpm::result<bpm::csv_table> table = [&] {
        WorkProgress progress(GetDocumentWindow(), _("Import"), FormatText(_("Reading \"{1}\"\u2026"), name));
        return bpm::read_csv_file(ToUtf8(file), 0, progress.Fn());
    }();
    if (!table) return bpm::result<bpm::document>::failure_of(table);
    // The user sees what each column becomes and corrects it; Cancel imports nothing.
    bpm::csv_mapping mapping = bpm::guess_csv_mapping(*table.value);
    if (!m_prompts.chooseCsvMapping(GetDocumentWindow(), ToUtf8(file), *table.value, mapping))
        return bpm::result<bpm::document>::cancelled();
    WorkProgress progress(GetDocumentWindow(), _("Import"), FormatText(_("Reading \"{1}\"\u2026"), name));
    bpm::result<bpm::document> map =
        bpm::import_csv(*table.value, mapping, ToUtf8(wxFileName(file).GetName()), progress.Fn());
    // How the file's bytes were read (as Windows-1252, say) is told with the import's own notes.
    map.warnings.insert(map.warnings.begin(), table.warnings.begin(), table.warnings.end());
    return map;
}

bool BpmDocument::Import(const wxString& file, bpm::map_format format) {
    const wxString name = wxFileName(file).GetFullName();
    const BusyFlag busy(m_busy);
    bpm::result<bpm::document> imported =
        format == bpm::map_format::csv || format == bpm::map_format::tsv ? ImportSpreadsheet(file) : [&] {
            // TRANSLATORS: the title of the progress dialog while a file (CSV, JSON, ...) is read as a map
            WorkProgress progress(GetDocumentWindow(), _("Import"), FormatText(_("Reading \"{1}\"\u2026"), name));
            return bpm::import_map(ToUtf8(file), format, progress.Fn());
        }();
    // TRANSLATORS: {1} is the name of a file that could not be read as a map
    if (!ReportFailure(m_prompts, GetDocumentWindow(), FormatText(_("Could not import \"{1}\"."), name), imported))
        return false;
    if (!Replace(std::move(*imported.value))) return false;
    // Untitled (wx named the document after the file it opens), so that Save asks where to keep
    // the map, next to the file it came from, and never writes the map over that file.
    m_importedFrom = file;
    SetFilename(wxString(), false);
    // TRANSLATORS: the name of an unsaved map read from another file; {1} is that file's name
    SetTitle(FormatText(_("Imported from {1}"), name));
    SetDocumentSaved(false);
    UpdateTitle(true);
    if (!imported.warnings.empty()) m_prompts.inform(GetDocumentWindow(), ImportNotes(name, imported.warnings));
    return true;
}

bool BpmDocument::DoOpenDocument(const wxString& file) {
    const wxString headline = FormatText(_("Could not open \"{1}\"."), wxFileName(file).GetFullName());
    const BusyFlag busy(m_busy);
    // TRANSLATORS: the title of the progress dialog while a big map opens
    return ReportFailure(m_prompts, GetDocumentWindow(), headline, Load(file, _("Open Map")));
}

bool BpmDocument::DoSaveDocument(const wxString& file) {
    const wxString headline = FormatText(_("Could not save \"{1}\"."), wxFileName(file).GetFullName());
    const BusyFlag busy(m_busy);
    // Conflicts left are saved with the map, once the user has said so.
    if (!Model().conflicts.empty() &&
        !m_prompts.confirmSaveWithConflicts(GetDocumentWindow(), wxFileName(file).GetFullName(), Model().conflicts.size()))
        return false;
    std::string bytes = bpm::write_bpm(Model());
    // A place this map holds no lock on (Save As, a new map's first save) is locked first, so no
    // map open in another editor is replaced unawares; the old place's lock goes once saved.
    const bool elsewhere = ToUtf8(file) != m_lock.map_path();
    bpm::result<bpm::map_lock> moved = elsewhere ? LockSavedMap(file) : bpm::result<bpm::map_lock>::success();
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, moved)) return false;
    // Never silently over someone else's version: a sync, a teammate or bpmap-cli may have
    // written the file since this map was read from it or saved to it. A file deleted or moved
    // away meanwhile holds no one's version: the save puts the map back.
    if (ToUtf8(file) == m_disk.path() && m_disk.check() == bpm::disk_state::changed &&
        !m_prompts.confirmOverwriteChanged(GetDocumentWindow(), wxFileName(file).GetFullName()))
        return false;
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, bpm::write_file_atomic(ToUtf8(file), bytes)))
        return false;
    m_disk.remember(ToUtf8(file), bytes);
    m_loadedBytes = std::move(bytes);
    if (elsewhere) {
        if (moved.value->held()) m_lock = std::move(*moved.value);
        // Saved where nobody else edits it: the copy is this user's to edit.
        m_readOnlyNote.clear();
        m_history.set_read_only(false);
    }
    History().mark_clean();
    m_changesDiscarded = false;
    UpdateTitle();
    Announce(DiskNotice::Settled);
    m_diskListeners.Call(DiskNotice{DiskNotice::Saved, {}});
    return true;
}

bool BpmDocument::ShowRecovered(bpm::document model, const wxString& originalFile,
                                const bpm::file_stamp& originalVersion, OpenedLock lock) {
    if (!m_history.replace_document(std::move(model), false)) return false;
    m_changesDiscarded = false;
    m_loadedBytes.clear();
    m_lock = std::move(lock.lock);
    m_readOnlyNote = lock.note;
    m_history.set_read_only(lock.readOnly);
    if (!originalFile.empty()) {
        m_disk.remember(ToUtf8(originalFile), originalVersion);
        SetTitle(wxFileName(originalFile).GetFullName());
        SetDocumentSaved(true);
        SetFilename(originalFile, true);  // tells the view, which titles the window
    }
    UpdateTitle();
    Announce(DiskNotice::Settled);  // the file is watched from now on
    return true;
}

BpmDocument::DiskListener BpmDocument::OnDiskNotice(std::function<void(const DiskNotice&)> listener) {
    return m_diskListeners.Add(std::move(listener));
}

void BpmDocument::Announce(DiskNotice::Kind kind, const wxString& problem) {
    const bool moved = m_disk.path() != m_announcedPath;
    const bool told = kind == m_announced && m_disk.seen() == m_announcedVersion && !moved;
    // Settling only ends a question or a warning, or follows the map to its new place after
    // Save As; the news of a reload stays until dismissed.
    const bool news = kind != DiskNotice::Settled || moved ||
                      (m_announced != DiskNotice::Settled && m_announced != DiskNotice::Reloaded);
    m_announced = kind;
    m_announcedVersion = m_disk.seen();
    m_announcedPath = m_disk.path();
    UpdateTitle();
    if (!told && news) m_diskListeners.Call(DiskNotice{kind, problem});
}

void BpmDocument::CheckDisk() {
    if (m_busy || m_disk.path().empty()) return;
    switch (m_disk.check()) {
        case bpm::disk_state::unchanged: Announce(DiskNotice::Settled); return;
        case bpm::disk_state::missing: Announce(DiskNotice::Missing); return;
        case bpm::disk_state::changed: break;
    }
    // The same change is acted on once: after "Keep Mine", or a file that could not be read,
    // the map stays as it is until the file changes again.
    if (m_disk.seen() == m_announcedVersion &&
        (m_announced == DiskNotice::Conflict || m_announced == DiskNotice::Unreadable ||
         m_announced == DiskNotice::ReloadCancelled))
        return;
    CommitPendingEdits();
    if (HasOwnChanges()) {
        Announce(DiskNotice::Conflict);
        return;
    }
    const BusyFlag busy(m_busy);
    // TRANSLATORS: the title of the progress dialog while a big map is read again after it changed on disk
    const bpm::result<> loaded = Load(ToWx(m_disk.path()), _("Reload Map"));
    if (loaded.was_cancelled()) {
        Announce(DiskNotice::ReloadCancelled);
        return;
    }
    if (!loaded) {
        Announce(DiskNotice::Unreadable, ToWx(loaded.error()));
        return;
    }
    Announce(DiskNotice::Reloaded);
}

bool BpmDocument::ReloadFromDisk() {
    if (m_disk.path().empty()) return false;
    const wxString file = ToWx(m_disk.path());
    const BusyFlag busy(m_busy);
    const bpm::result<> loaded = Load(file, _("Reload Map"));
    if (loaded.was_cancelled()) {
        // The question stays open: told again, though it was told about this version already.
        m_announced = DiskNotice::Settled;
        Announce(DiskNotice::ReloadCancelled);
    }
    return ReportFailure(m_prompts, GetDocumentWindow(),
                         FormatText(_("Could not reload \"{1}\"."), wxFileName(file).GetFullName()), loaded);
}

std::optional<std::size_t> BpmDocument::MergeFromDisk() {
    if (m_disk.path().empty() || m_loadedBytes.empty() || IsReadOnly()) return std::nullopt;
    CommitPendingEdits();
    const wxString file = ToWx(m_disk.path());
    const BusyFlag busy(m_busy);
    // TRANSLATORS: {1} is the map's file name
    const wxString headline = FormatText(_("Could not merge \"{1}\"."), wxFileName(file).GetFullName());
    bpm::result<std::string> bytes = bpm::read_file(m_disk.path(), bpm::max_document_bytes);
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, bytes)) return std::nullopt;
    bpm::result<bpm::document> theirs = [&] {
        // TRANSLATORS: the title of the progress dialog while the map changed on disk is read to merge it
        WorkProgress progress(GetDocumentWindow(), _("Merge"), FormatText(_("Reading \"{1}\"\u2026"), wxFileName(file).GetFullName()));
        return bpm::read_bpm(*bytes.value, progress.Fn());
    }();
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, theirs)) return std::nullopt;
    // The version last read or written was a map this editor showed, so it reads again.
    bpm::result<bpm::document> base = bpm::read_bpm(m_loadedBytes);
    if (!ReportFailure(m_prompts, GetDocumentWindow(), headline, base)) return std::nullopt;
    bpm::merge_result merged = bpm::merge_maps(*base.value, m_model, *theirs.value);
    const std::size_t found = merged.conflicts.size();
    if (merged.merged == m_model) {
        // The map holds every change on disk already: nothing to undo, only the base moves on.
        m_disk.remember(m_disk.path(), *bytes.value);
        m_loadedBytes = std::move(*bytes.value);
    } else {
        // TRANSLATORS: the undo step that merged the version on disk into the open map
        std::unique_ptr<bpm::edit> replace =
            bpm::replace_content(std::move(merged.merged), ToUtf8(_("Merge Changes on Disk")));
        // After an undo or redo of the merge, the file is looked at again against the base put back.
        m_history.submit(std::make_unique<MergeFromDiskStep>(std::move(replace), m_disk, m_loadedBytes,
                                                             std::move(*bytes.value),
                                                             [this] { CallAfter([this] { CheckDisk(); }); }));
    }
    // No state of the history matches the file any more: the map stays unsaved whatever is undone.
    m_history.mark_unsaved();
    UpdateTitle();
    Announce(DiskNotice::Settled);
    return found;
}

wxCommandProcessor* BpmDocument::OnCreateCommandProcessor() { return new HistoryCommandProcessor(*this); }

bpm::document NewMapContents() {
    bpm::document doc;
    doc.metadata.created_at = bpm::now_iso8601();
    return doc;
}
