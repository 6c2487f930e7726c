#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <wx/string.h>

class wxWindow;
namespace bpm {
struct recovery_copy;
class csv_table;
struct csv_mapping;
}

/// What the user chose when asked about unsaved changes.
enum class SaveChoice { Save, Discard, Cancel };

/// What the user chose among the recovery copies offered: one to recover or discard, or Later
/// for all of them.
struct RecoveryChoice {
    enum Action { Recover, Discard, Later };
    Action action = Later;
    std::size_t index = 0;
};

/// What the user chose when the map they open is being edited by someone else.
enum class LockChoice { ReadOnly, Anyway, Cancel };

/// The questions and reports the editor puts to the user. They are replaceable so that tests
/// and the --screenshot mode answer without a modal dialog.
struct Prompts {
    /// "Save changes to X before closing?" with Save / Don't Save / Cancel.
    std::function<SaveChoice(wxWindow* parent, const wxString& documentName)> askSaveChanges;
    /// "Discard your changes and reload X?"; true to revert.
    std::function<bool(wxWindow* parent, const wxString& documentName)> confirmRevert;
    /// "X changed on disk since you opened it: replace it with your version?"; true to save over it.
    std::function<bool(wxWindow* parent, const wxString& documentName)> confirmOverwriteChanged;
    /// "X has N unresolved conflicts: save anyway?"; true to save them with the map.
    std::function<bool(wxWindow* parent, const wxString& documentName, std::size_t conflicts)> confirmSaveWithConflicts;
    /// Asks for the text that settles a conflict about title (a field and where it is), starting
    /// from value; false when cancelled.
    std::function<bool(wxWindow* parent, const wxString& title, wxString& value)> editConflictValue;
    /// Lists the recovery copies left by editors that did not end normally (name, when, personas,
    /// where) and asks what to do with one of them.
    std::function<RecoveryChoice(wxWindow* parent, const std::vector<bpm::recovery_copy>& copies)> chooseRecovery;
    /// Tells something that needs no answer.
    std::function<void(wxWindow* parent, const wxString& message)> inform;
    /// Shows a failure: a one-line message and details (one problem per line).
    std::function<void(wxWindow* parent, const wxString& message, const wxString& details)> reportProblem;
    /// "X is being edited by HOLDER since WHEN." with Open Read-Only / Open Anyway / Cancel.
    std::function<LockChoice(wxWindow* parent, const wxString& documentName, const wxString& holder,
                             const wxString& since)>
        askLockedOpen;
    /// The file to save to (Save As, exports), overwriting asked about; "" when cancelled.
    /// wildcard is a file dialog's ("PDF documents (*.pdf)|*.pdf").
    std::function<wxString(wxWindow* parent, const wxString& title, const wxString& directory,
                           const wxString& name, const wxString& wildcard)>
        chooseSavePath;
    /// The file to open (File > Open); "" when cancelled. wildcard as chooseSavePath's.
    std::function<wxString(wxWindow* parent, const wxString& title, const wxString& directory, const wxString& wildcard)>
        chooseOpenPath;

    /// The CSV import preview: what each column of the file at path holds, guessed in mapping,
    /// for the user to correct (another separator reads the file again into table); false when
    /// the import is cancelled.
    std::function<bool(wxWindow* parent, const std::string& path, bpm::csv_table& table, bpm::csv_mapping& mapping)>
        chooseCsvMapping;

    /// Modal message dialogs: what people see.
    static Prompts Dialogs();
    /// No dialogs: problems and notes go to standard error and every question is answered Cancel,
    /// except that a map someone else is editing opens read-only.
    static Prompts Unattended();
};
