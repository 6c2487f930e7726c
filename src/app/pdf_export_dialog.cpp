#include "pdf_export_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "accessibility.h"
#include "bpm/pdf_export.h"
#include "ui_text.h"
#include "wx_string.h"

PdfExportDialog::PdfExportDialog(wxWindow* parent, const wxString& personaName, bool openComments)
    : wxDialog(parent, wxID_ANY, _("Export PDF")) {
    const int gap = FromDIP(8);
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    auto* scope = new wxStaticBoxSizer(wxVERTICAL, this, _("Pages"));
    m_persona = new wxRadioButton(scope->GetStaticBox(), wxID_ANY,
                                  personaName.empty() ? _("The selected persona") : FormatText(_("Persona \"{1}\""), personaName),
                                  wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    m_map = new wxRadioButton(scope->GetStaticBox(), wxID_ANY, _("The whole map, one bookmarked section per persona"));
    (personaName.empty() ? m_map : m_persona)->SetValue(true);
    m_persona->Enable(!personaName.empty());
    scope->Add(m_persona, 0, wxALL, gap / 2);
    scope->Add(m_map, 0, wxALL, gap / 2);
    // The appendix lists the open comments about the personas exported.
    m_comments = new wxCheckBox(scope->GetStaticBox(), wxID_ANY, _("Include open &comments as an appendix"));
    SetAccessibleName(m_comments, _("Include open comments as an appendix"));
    m_comments->Enable(openComments);
    scope->Add(m_comments, 0, wxALL, gap / 2);
    sizer->Add(scope, 0, wxEXPAND | wxALL, gap);

    auto* security = new wxStaticBoxSizer(wxVERTICAL, this, _("Protection"));
    wxWindow* box = security->GetStaticBox();
    m_protect = new wxCheckBox(box, wxID_ANY, _("&Require a password to open the PDF"));
    security->Add(m_protect, 0, wxALL, gap / 2);
    auto* fields = new wxFlexGridSizer(2, gap, gap);
    fields->AddGrowableCol(1);
    m_password = new wxTextCtrl(box, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(220, -1)), wxTE_PASSWORD);
    m_confirm = new wxTextCtrl(box, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(220, -1)), wxTE_PASSWORD);
    SetAccessibleName(m_password, _("Password"));
    SetAccessibleName(m_confirm, _("Password again"));
    fields->Add(new wxStaticText(box, wxID_ANY, _("&Password:")), 0, wxALIGN_CENTER_VERTICAL);
    fields->Add(m_password, 1, wxEXPAND);
    fields->Add(new wxStaticText(box, wxID_ANY, _("&Again:")), 0, wxALIGN_CENTER_VERTICAL);
    fields->Add(m_confirm, 1, wxEXPAND);
    security->Add(fields, 0, wxEXPAND | wxALL, gap / 2);
    security->Add(NewNote(box, _("Letters of any script, digits, spaces and punctuation: up to 127 plain\n"
                                 "ASCII characters, fewer in other scripts. The PDF is encrypted with AES-256.\n"
                                 "The password is not stored anywhere: keep it safe, as nobody can open\n"
                                 "the PDF without it.")),
                  0, wxALL, gap / 2);
    sizer->Add(security, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);

    m_problem = new wxStaticText(this, wxID_ANY, wxString());
    m_problem->SetForegroundColour(*wxRED);
    sizer->Add(m_problem, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, gap);
    if (auto* ok = FindWindow(wxID_OK)) static_cast<wxButton*>(ok)->SetLabel(_("&Export..."));
    SetSizerAndFit(sizer);

    m_protect->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        UpdateControls();
        if (m_protect->GetValue()) m_password->SetFocus();
    });
    for (wxTextCtrl* field : {m_password, m_confirm}) field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateControls(); });
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(bool(CheckChoices())); }, wxID_OK);
    UpdateControls();
}

bool PdfExportDialog::WholeMap() const { return m_map->GetValue(); }

bool PdfExportDialog::IncludeComments() const { return m_comments->IsEnabled() && m_comments->GetValue(); }

std::string PdfExportDialog::Password() const { return m_protect->GetValue() ? ToUtf8(m_password->GetValue()) : std::string(); }

void PdfExportDialog::SetChoices(bool wholeMap, const wxString& password, const wxString& confirmation) {
    (wholeMap ? m_map : m_persona)->SetValue(true);
    m_protect->SetValue(!password.empty() || !confirmation.empty());
    m_password->ChangeValue(password);
    m_confirm->ChangeValue(confirmation);
    UpdateControls();
}

bpm::result<> PdfExportDialog::CheckChoices() const { return Check(true); }

bpm::result<> PdfExportDialog::Check(bool compared) const {
    const auto wrong = [](const wxString& why) { return bpm::result<>::failure(ToUtf8(why)); };
    if (!m_protect->GetValue()) return bpm::result<>::success();
    const wxString password = m_password->GetValue();
    if (password.empty()) return wrong(_("Type the password, or clear the box to export without one."));
    if (const bpm::result<> usable = bpm::check_pdf_password(ToUtf8(password)); !usable) {
        // The core's message is a clause ("character 5 of the password is ..."): made a sentence.
        wxString sentence = ToWx(usable.error());
        sentence[0] = wxToupper(sentence[0]);
        return wrong(sentence + ".");
    }
    if (compared && m_confirm->GetValue() != password) return wrong(_("The two passwords differ."));
    return bpm::result<>::success();
}

void PdfExportDialog::UpdateControls() {
    m_password->Enable(m_protect->GetValue());
    m_confirm->Enable(m_protect->GetValue());
    // A password PDF cannot hold is said as it is typed; that the two differ, only once the second
    // one is as long as the first.
    const bool typing = m_confirm->GetValue().length() < m_password->GetValue().length();
    const wxString problem = ToWx(Check(!typing).error());
    if (m_shownProblem != problem) {
        m_shownProblem = problem;
        m_problem->SetLabel(problem);
        m_problem->Wrap(GetClientSize().GetWidth() - 2 * FromDIP(8));
        Fit();
    }
}
