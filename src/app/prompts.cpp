#include "prompts.h"

#include <cstdio>

#include <wx/app.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include "csv_import_dialog.h"
#include "recovery_dialog.h"
#include "wx_string.h"

Prompts Prompts::Dialogs() {
    Prompts p;
    p.askSaveChanges = [](wxWindow* parent, const wxString& name) {
        wxMessageDialog dialog(parent, FormatText(_("Save changes to \"{1}\" before closing?"), name),
                               wxTheApp->GetAppDisplayName(), wxYES_NO | wxCANCEL | wxICON_WARNING | wxCENTRE);
        dialog.SetExtendedMessage(_("If you don't save, your changes will be lost."));
        dialog.SetYesNoCancelLabels(_("&Save"), _("Do&n't Save"), _("&Cancel"));
        switch (dialog.ShowModal()) {
            case wxID_YES: return SaveChoice::Save;
            case wxID_NO: return SaveChoice::Discard;
            default: return SaveChoice::Cancel;
        }
    };
    p.confirmRevert = [](wxWindow* parent, const wxString& name) {
        wxMessageDialog dialog(parent, FormatText(_("Revert \"{1}\" to the saved version?"), name),
                               wxTheApp->GetAppDisplayName(), wxOK | wxCANCEL | wxICON_WARNING | wxCENTRE);
        dialog.SetExtendedMessage(_("Your changes since the last save will be lost."));
        dialog.SetOKCancelLabels(_("&Revert"), _("&Cancel"));
        return dialog.ShowModal() == wxID_OK;
    };
    p.confirmOverwriteChanged = [](wxWindow* parent, const wxString& name) {
        wxMessageDialog dialog(parent, FormatText(_("\"{1}\" changed on disk since you opened or saved it."), name),
                               wxTheApp->GetAppDisplayName(), wxOK | wxCANCEL | wxICON_WARNING | wxCENTRE);
        dialog.SetExtendedMessage(_("Someone else, a sync or another program changed it. Saving replaces their "
                                    "changes with your version; Cancel keeps both, and File \u25B8 Save As can "
                                    "save yours beside it."));
        dialog.SetOKCancelLabels(_("&Replace Their Version"), _("&Cancel"));
        return dialog.ShowModal() == wxID_OK;
    };
    p.confirmSaveWithConflicts = [](wxWindow* parent, const wxString& name, std::size_t conflicts) {
        // TRANSLATORS: {1} is the map's file name, {2} how many merge conflicts it still holds
        wxMessageDialog dialog(parent,
                               FormatText(wxPLURAL("\"{1}\" has {2} unresolved conflict.",
                                                   "\"{1}\" has {2} unresolved conflicts.", conflicts),
                                          name, wxString::Format("%zu", conflicts)),
                               wxTheApp->GetAppDisplayName(), wxOK | wxCANCEL | wxICON_WARNING | wxCENTRE);
        dialog.SetExtendedMessage(_("Saving keeps them in the file, to resolve later here or in another copy of "
                                    "the editor. Edit \u25B8 Conflicts \u25B8 Next Conflict (F8) shows each one."));
        dialog.SetOKCancelLabels(_("&Save Anyway"), _("&Cancel"));
        return dialog.ShowModal() == wxID_OK;
    };
    p.editConflictValue = [](wxWindow* parent, const wxString& title, wxString& value) {
        // TRANSLATORS: {1} is where the conflict is, e.g. "Duration of Awareness"
        wxTextEntryDialog dialog(parent, FormatText(_("The text that settles the conflict in {1}:"), title),
                                 _("Resolve Conflict"), value, wxOK | wxCANCEL | wxTE_MULTILINE | wxCENTRE);
        dialog.SetSize(parent->FromDIP(wxSize(520, 300)));
        if (dialog.ShowModal() != wxID_OK) return false;
        value = dialog.GetValue();
        return true;
    };
    p.chooseRecovery = ChooseRecovery;
    p.inform = [](wxWindow* parent, const wxString& message) {
        wxMessageBox(message, wxTheApp->GetAppDisplayName(), wxOK | wxICON_INFORMATION | wxCENTRE, parent);
    };
    p.reportProblem = [](wxWindow* parent, const wxString& message, const wxString& details) {
        wxMessageDialog dialog(parent, message, wxTheApp->GetAppDisplayName(), wxOK | wxICON_ERROR | wxCENTRE);
        if (!details.empty()) dialog.SetExtendedMessage(details);
        dialog.ShowModal();
    };
    p.askLockedOpen = [](wxWindow* parent, const wxString& name, const wxString& holder, const wxString& since) {
        // TRANSLATORS: {1} is a file name, {2} who edits it ("Ana (logged in as ana@kestrel)"), {3} a date and time
        wxMessageDialog dialog(parent, FormatText(_("\"{1}\" is being edited by {2} since {3}."), name, holder, since),
                               wxTheApp->GetAppDisplayName(), wxYES_NO | wxCANCEL | wxICON_WARNING | wxCENTRE);
        dialog.SetExtendedMessage(_("Open it read-only to look, print or export without changing it. If you open it "
                                    "anyway and you both save, one of you replaces the other's changes."));
        dialog.SetYesNoCancelLabels(_("Open &Read-Only"), _("Open &Anyway"), _("&Cancel"));
        switch (dialog.ShowModal()) {
            case wxID_YES: return LockChoice::ReadOnly;
            case wxID_NO: return LockChoice::Anyway;
            default: return LockChoice::Cancel;
        }
    };
    p.chooseSavePath = [](wxWindow* parent, const wxString& title, const wxString& directory, const wxString& name,
                          const wxString& wildcard) {
        wxFileDialog dialog(parent, title, directory, name, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    p.chooseCsvMapping = [](wxWindow* parent, const std::string& path, bpm::csv_table& table, bpm::csv_mapping& mapping) {
        CsvImportDialog dialog(parent, path, table, mapping);
        if (dialog.ShowModal() != wxID_OK) return false;
        table = dialog.GetTable();
        mapping = dialog.GetMapping();
        return true;
    };
    p.chooseOpenPath = [](wxWindow* parent, const wxString& title, const wxString& directory, const wxString& wildcard) {
        wxFileDialog dialog(parent, title, directory, wxString(), wildcard, wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    return p;
}

Prompts Prompts::Unattended() {
    Prompts p;
    p.askSaveChanges = [](wxWindow*, const wxString&) { return SaveChoice::Cancel; };
    p.confirmRevert = [](wxWindow*, const wxString&) { return false; };
    p.confirmOverwriteChanged = [](wxWindow*, const wxString&) { return false; };
    p.chooseRecovery = [](wxWindow*, const std::vector<bpm::recovery_copy>&) { return RecoveryChoice{}; };
    p.confirmSaveWithConflicts = [](wxWindow*, const wxString&, std::size_t) { return false; };
    p.editConflictValue = [](wxWindow*, const wxString&, wxString&) { return false; };
    p.inform = [](wxWindow*, const wxString& message) { std::fprintf(stderr, "%s\n", ToUtf8(message).c_str()); };
    p.reportProblem = [](wxWindow*, const wxString& message, const wxString& details) {
        std::fprintf(stderr, "%s\n", ToUtf8(message).c_str());
        if (!details.empty()) std::fprintf(stderr, "%s\n", ToUtf8(details).c_str());
    };
    // Looking never takes someone's lock.
    p.askLockedOpen = [](wxWindow*, const wxString&, const wxString&, const wxString&) { return LockChoice::ReadOnly; };
    p.chooseSavePath = [](wxWindow*, const wxString&, const wxString&, const wxString&, const wxString&) {
        return wxString();
    };
    p.chooseOpenPath = [](wxWindow*, const wxString&, const wxString&, const wxString&) { return wxString(); };
    // A spreadsheet shown without a question is read as its headers say.
    p.chooseCsvMapping = [](wxWindow*, const std::string&, bpm::csv_table&, bpm::csv_mapping&) { return true; };
    return p;
}
