#pragma once
// What the GUI suites share: the application (created once, as bpmap's main would), a map open
// in the editor, and a scripted answer to every question the editor asks. They run under Xvfb
// when there is no display (see tests/CMakeLists.txt).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <set>

#include <wx/app.h>
#include <wx/button.h>
#include <wx/aui/framemanager.h>
#include <wx/clipbrd.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/grid.h>
#include <wx/image.h>
#include <wx/menu.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/progdlg.h>
#include <wx/sstream.h>
#include <wx/textctrl.h>
#include <wx/vlbox.h>

#include "bpm/csv_import.h"

#include "app.h"
#include "bpm/bpm_file.h"
#include "bpm/recovery.h"
#include "bpm_document.h"
#include "chat_panel.h"
#include "command_ids.h"
#include "dashboard_view.h"
#include "disk_change_bar.h"
#include "doc_manager.h"
#include "grid_clipboard.h"
#include "editing_context.h"
#include "history_command_processor.h"
#include "main_frame.h"
#include "persona_form.h"
#include "persona_list.h"
#include "stage_grid.h"
#include "stage_grid_table.h"
#include "summary_panel.h"
#include "test_support.h"
#include "wx_string.h"

namespace gui_test {

using namespace bpm;

inline BpmApp& App() { return *static_cast<BpmApp*>(wxTheApp); }
inline MainFrame& Frame() { return *App().GetMainFrame(); }
// The map shown and the selection, as the panels observe them.
inline EditingContext& Context() { return TheDocManager().GetContext(); }

// Lets queued events (CallAfter, size events) run.
void Pump();

// Answers the editor's questions from a script and records what it asked and reported.
struct scripted_prompts {
    std::vector<SaveChoice> answers;
    int asked = 0;
    // Whether to save over a file that changed on disk, and how often that was asked.
    bool replaceTheirs = false;
    int askedToReplace = 0;
    std::vector<wxString> problems;
    // What to do with the recovery copies offered, in turn (Later when the script runs out), and
    // the copies offered each time.
    std::vector<RecoveryChoice> recoveryChoices;
    std::vector<std::vector<bpm::recovery_copy>> offered;
    std::vector<wxString> told;
    // What to do with a map someone else is editing; who and since when each such map said.
    LockChoice lockChoice = LockChoice::Cancel;
    std::vector<std::pair<wxString, wxString>> lockedBy;
    // The file that Save As and the exports save to; "" cancels them. The folder and name they
    // offered last.
    wxString savePath;
    wxString offeredSaveDirectory, offeredSaveName;
    // The file File > Open opens ("" cancels it), and the file types the dialog offered.
    wxString openPath;
    wxString openWildcard;
    // Answers the CSV import preview (accepting the mapping guessed unless replaced, for instance
    // by the real dialog), and how often it was shown.
    std::function<bool(wxWindow*, const std::string&, bpm::csv_table&, bpm::csv_mapping&)> csvPreview;
    int csvPreviews = 0;
    // Whether to save a map that still has conflicts, and how often that was asked.
    bool saveWithConflicts = false;
    int askedAboutConflicts = 0;
    // The text Edit... settles a conflict with (cancelled when unset), and the text it offered.
    std::optional<wxString> conflictText;
    wxString offeredConflictText;

    void install() {
        Prompts p;
        p.askSaveChanges = [this](wxWindow*, const wxString&) {
            ++asked;
            if (answers.empty()) return SaveChoice::Cancel;
            const SaveChoice answer = answers.front();
            answers.erase(answers.begin());
            return answer;
        };
        p.confirmRevert = [](wxWindow*, const wxString&) { return true; };
        p.confirmOverwriteChanged = [this](wxWindow*, const wxString&) {
            ++askedToReplace;
            return replaceTheirs;
        };
        p.chooseRecovery = [this](wxWindow*, const std::vector<bpm::recovery_copy>& copies) {
            offered.push_back(copies);
            if (recoveryChoices.empty()) return RecoveryChoice{};
            const RecoveryChoice choice = recoveryChoices.front();
            recoveryChoices.erase(recoveryChoices.begin());
            return choice;
        };
        p.inform = [this](wxWindow*, const wxString& message) { told.push_back(message); };
        p.reportProblem = [this](wxWindow*, const wxString& message, const wxString& details) {
            problems.push_back(message + "\n" + details);
        };
        p.askLockedOpen = [this](wxWindow*, const wxString&, const wxString& holder, const wxString& since) {
            lockedBy.emplace_back(holder, since);
            return lockChoice;
        };
        p.chooseSavePath = [this](wxWindow*, const wxString&, const wxString& directory, const wxString& name,
                                  const wxString&) {
            offeredSaveDirectory = directory;
            offeredSaveName = name;
            return savePath;
        };
        p.chooseCsvMapping = [this](wxWindow* parent, const std::string& path, bpm::csv_table& table,
                                    bpm::csv_mapping& mapping) {
            ++csvPreviews;
            return csvPreview ? csvPreview(parent, path, table, mapping) : true;
        };
        p.chooseOpenPath = [this](wxWindow*, const wxString&, const wxString&, const wxString& wildcard) {
            openWildcard = wildcard;
            return openPath;
        };
        p.confirmSaveWithConflicts = [this](wxWindow*, const wxString&, std::size_t) {
            ++askedAboutConflicts;
            return saveWithConflicts;
        };
        p.editConflictValue = [this](wxWindow*, const wxString&, wxString& value) {
            offeredConflictText = value;
            if (!conflictText) return false;
            value = *conflictText;
            return true;
        };
        TheDocManager().SetPrompts(p);
    }
};

// Runs a menu command of the frame, as choosing it from the menu would.
void Command(int id);
// Whether the frame's menu shows a command enabled, asked as opening the menu asks.
bool CommandEnabled(int id);

// Lets events run until done() holds, for at most limit (a worker's result arrives through the
// event loop); false when it never did.
bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(5));

// The first window of type T among parent's descendants, depth first, or null.
template <class T>
T* FindChild(wxWindow* parent) {
    for (wxWindow* child : parent->GetChildren()) {
        if (auto* found = dynamic_cast<T*>(child)) return found;
        if (T* found = FindChild<T>(child)) return found;
    }
    return nullptr;
}

// Presses key, with wxMOD_SHIFT and wxMOD_CONTROL as modifiers say, on target as its key-down
// handler gets it, then lets events run.
void Press(wxWindow* target, int key, int modifiers = wxMOD_NONE);

// Opens the grid's cell editor at row, col, as typing into the focused cell does.
wxTextCtrl* OpenCellEditor(int row, int col);

// The strip under the toolbar that tells of the map's file, what it says ("" when dismissed),
// and whether that holds part.
inline DiskChangeBar& DiskBar() { return *Frame().GetDiskChangeBar(); }
inline wxString DiskBarMessage() { return DiskBar().GetShownMessage(); }
inline bool DiskBarSays(const wxString& part) { return DiskBarMessage().Contains(part); }
// Presses one of the strip's buttons, as GTK's info bar reports a click.
inline void PressOnDiskBar(int id) {
    wxCommandEvent click(wxEVT_BUTTON, id);
    click.SetEventObject(&DiskBar());
    DiskBar().ProcessWindowEvent(click);
    Pump();
}

inline ChatPanel& Chat() { return *Frame().GetChatPanel(); }
// Types text into the chat's input box and presses Enter.
void TypeAndEnter(const wxString& text);
// Clicks the button under the conversation that says label (failing the test when there is none).
void Click(const wxString& label);
// True when a bubble of the chat contains part.
bool Said(const wxString& part);

// Answers every modal dialog OK without showing it (the PDF export's options).
struct accept_dialogs : wxModalDialogHook {
    int shown = 0;
    accept_dialogs() { Register(); }
    ~accept_dialogs() override { Unregister(); }
    int Enter(wxDialog*) override {
        ++shown;
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}
};

// Presses Cancel in the first progress dialog that shows, as soon as it shows, as the user
// would. Meanwhile the dialog shows at the work's first progress rather than after half a second
// (BPMAP_PROGRESS_DELAY_MS=0), so the work need not run long for the test to see it.
struct cancel_progress : wxEventFilter {
    bool seen = false;
    cancel_progress() {
        setenv("BPMAP_PROGRESS_DELAY_MS", "0", 1);
        wxEvtHandler::AddFilter(this);
    }
    ~cancel_progress() override {
        wxEvtHandler::RemoveFilter(this);
        unsetenv("BPMAP_PROGRESS_DELAY_MS");
    }
    int FilterEvent(wxEvent& event) override {
        auto* dialog = dynamic_cast<wxGenericProgressDialog*>(event.GetEventObject());
        if (!seen && dialog) {
            seen = true;
            if (wxWindow* cancel = dialog->FindWindow(wxID_CANCEL)) {
                wxCommandEvent click(wxEVT_BUTTON, wxID_CANCEL);
                click.SetEventObject(cancel);
                cancel->ProcessWindowEvent(click);
            }
        }
        return Event_Skip;
    }
};

// A map of 300 personas of 12 stages (3,600 printed pages), written once per run: big enough for
// work on it to take a while.
std::string BigMap();

// A copy of a map (the sample unless told) in a folder of its own, open in the editor, closed
// (changes discarded) at the end.
struct editor {
    test::temp_dir dir;
    std::string path = dir.file("map.bpm");
    scripted_prompts prompts;
    BpmDocument* doc = nullptr;

    explicit editor(const std::string& source = test::sample("nlyzer-b2b-personas.bpm")) {
        test::spit(path, test::slurp(source));
        prompts.install();
        doc = wxStaticCast(TheDocManager().CreateDocument(ToWx(path), wxDOC_SILENT), BpmDocument);
        BOOST_TEST_REQUIRE(doc != nullptr);
        Context().ShowPage(EditingContext::Page::Stages);
        Pump();
    }
    ~editor() {
        if (Context().GetDocument()) {
            prompts.answers = {SaveChoice::Discard};
            TheDocManager().CloseDocuments(true);
        }
        Pump();
    }

    wxGrid& grid() const { return *Frame().GetStageGrid()->GetGrid(); }
    const persona& shown() const { return doc->Model().personas[doc->Model().find_persona(Context().GetPersonaId())]; }
    wxString undo_label() const { return UndoLabel(doc->History()); }
    // The grid's text of every cell, row by row, to compare with the model.
    std::vector<std::string> grid_rows() const {
        std::vector<std::string> rows;
        for (int r = 0; r < grid().GetNumberRows(); ++r) {
            std::string row;
            for (int c = 0; c < grid().GetNumberCols(); ++c) row += ToUtf8(grid().GetCellValue(r, c)) + "|";
            rows.push_back(row);
        }
        return rows;
    }
    std::vector<std::string> model_rows() const {
        std::vector<std::string> rows;
        for (const stage& s : shown().stages) {
            std::string row;
            for (stage_field f : all_stage_fields) row += s.field(f) + "|";
            rows.push_back(row);
        }
        return rows;
    }
};

}  // namespace gui_test
