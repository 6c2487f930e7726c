#pragma once

#include <string>

#include <wx/dialog.h>

#include "bpm/diagnostic.h"

class wxCheckBox;
class wxRadioButton;
class wxStaticText;
class wxTextCtrl;

/// Asks what goes into a PDF (the selected persona or the whole map, and whether the open comments
/// follow as an appendix) and whether to protect it with a password, typed twice. The file name
/// is asked for afterwards.
class PdfExportDialog : public wxDialog {
public:
    /// personaName is the selected persona's, or "" when none is selected; without open comments
    /// in the map the appendix cannot be chosen.
    PdfExportDialog(wxWindow* parent, const wxString& personaName, bool openComments = false);

    /// True for the whole map, false for the selected persona.
    bool WholeMap() const;
    /// True when the open comments are to follow the pages as an appendix.
    bool IncludeComments() const;
    /// "Include open comments as an appendix" (for tests).
    wxCheckBox* GetCommentsBox() const { return m_comments; }
    /// The password to protect the PDF with, or "" for none.
    std::string Password() const;

    /// Fills the fields as a user would (for tests).
    void SetChoices(bool wholeMap, const wxString& password, const wxString& confirmation);
    /// Whether the choices can be used, or what is wrong with them.
    bpm::result<> CheckChoices() const;
    /// "Require a password to open the PDF" (for tests).
    wxCheckBox* GetProtectBox() const { return m_protect; }
    /// The line under the fields that says what is wrong (for tests).
    wxStaticText* GetProblemLine() const { return m_problem; }

private:
    /// CheckChoices, leaving out whether the two passwords differ unless compared.
    bpm::result<> Check(bool compared) const;
    void UpdateControls();

    wxRadioButton* m_persona = nullptr;
    wxRadioButton* m_map = nullptr;
    wxCheckBox* m_comments = nullptr;
    wxCheckBox* m_protect = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxTextCtrl* m_confirm = nullptr;
    wxStaticText* m_problem = nullptr;
    wxString m_shownProblem;  // what m_problem says, before wrapping
};
