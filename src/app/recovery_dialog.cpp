#include "recovery_dialog.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "accessibility.h"
#include "bpm/model.h"
#include "wx_string.h"

RecoveryChoice ChooseRecovery(wxWindow* parent, const std::vector<bpm::recovery_copy>& copies) {
    wxDialog dialog(parent, wxID_ANY, _("Recover Unsaved Maps"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    const int gap = dialog.FromDIP(8);
    auto* intro = new wxStaticText(&dialog, wxID_ANY,
                                   _("The editor did not close normally last time. These maps had changes that "
                                     "were not saved; their recovery copies are kept until you recover or discard "
                                     "them."));
    intro->Wrap(dialog.FromDIP(560));

    auto* list = new wxListView(&dialog, wxID_ANY, wxDefaultPosition, dialog.FromDIP(wxSize(600, 180)),
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    SetAccessibleName(list, _("Recoverable maps"));
    list->AppendColumn(_("Map"), wxLIST_FORMAT_LEFT, dialog.FromDIP(150));
    // TRANSLATORS: column header: when the recovery copy was written
    list->AppendColumn(_("Copied"), wxLIST_FORMAT_LEFT, dialog.FromDIP(185));
    list->AppendColumn(_("Personas"), wxLIST_FORMAT_RIGHT, dialog.FromDIP(70));
    // TRANSLATORS: column header: the folder of the map's file
    list->AppendColumn(_("File"), wxLIST_FORMAT_LEFT, dialog.FromDIP(185));
    for (std::size_t i = 0; i < copies.size(); ++i) {
        const bpm::recovery_copy& c = copies[i];
        const long row = list->InsertItem(static_cast<long>(i), ToWx(c.info.title));
        list->SetItem(row, 1, ToWx(bpm::readable_timestamp(c.written_at)));
        list->SetItem(row, 2, wxString::Format("%zu", c.personas));
        // TRANSLATORS: in the File column, for a map that was never saved
        list->SetItem(row, 3, c.info.original_path.empty() ? _("(never saved)") : ToWx(c.info.original_path));
    }
    list->Select(0);
    list->Focus(0);

    auto* recover = new wxButton(&dialog, wxID_OK, _("&Recover"));
    auto* discard = new wxButton(&dialog, wxID_DELETE, _("&Discard"));
    auto* later = new wxButton(&dialog, wxID_CANCEL, _("&Later"));
    recover->SetDefault();
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(discard);
    buttons->AddStretchSpacer();
    buttons->Add(later, wxSizerFlags().Border(wxRIGHT, gap));
    buttons->Add(recover);

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(intro, wxSizerFlags().Border(wxALL, 2 * gap));
    column->Add(list, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 2 * gap));
    column->Add(buttons, wxSizerFlags().Expand().Border(wxALL, 2 * gap));
    dialog.SetSizerAndFit(column);
    dialog.SetEscapeId(wxID_CANCEL);

    RecoveryChoice choice;
    const auto selected = [list] {
        const long row = list->GetFirstSelected();
        return row < 0 ? std::size_t(0) : static_cast<std::size_t>(row);
    };
    discard->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        choice = {RecoveryChoice::Discard, selected()};
        dialog.EndModal(wxID_DELETE);
    });
    list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [&](wxListEvent&) { dialog.EndModal(wxID_OK); });
    if (dialog.ShowModal() == wxID_OK) choice = {RecoveryChoice::Recover, selected()};
    return choice;
}
