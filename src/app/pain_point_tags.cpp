#include "pain_point_tags.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/menu.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>
#include <wx/wrapsizer.h>

#include "accessibility.h"
#include "bpm/edit.h"
#include "pain_point_chip.h"
#include "wx_string.h"

namespace {

constexpr bpm::pain_category categories[] = {bpm::pain_category::none,    bpm::pain_category::financial,
                                             bpm::pain_category::productivity, bpm::pain_category::process,
                                             bpm::pain_category::support, bpm::pain_category::other};

wxArrayString CategoryChoices() {
    wxArrayString choices;
    for (bpm::pain_category c : categories)
        choices.push_back(c == bpm::pain_category::none ? _("No category") : ToWx(bpm::pain_category_title(c)));
    return choices;
}

int ChoiceOf(bpm::pain_category category) {
    for (int i = 0; i < static_cast<int>(std::size(categories)); ++i)
        if (categories[i] == category) return i;
    return 0;
}

bpm::pain_category CategoryAt(int choice) {
    return choice >= 0 && choice < static_cast<int>(std::size(categories)) ? categories[choice] : bpm::pain_category::none;
}

// Asks for a pain point's text and category; false when cancelled.
bool EditDialog(wxWindow* parent, bpm::pain_point& point) {
    wxDialog dialog(parent, wxID_ANY, _("Edit Pain Point"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    auto* category = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, CategoryChoices());
    category->SetSelection(ChoiceOf(point.category));
    SetAccessibleName(category, _("Category"));
    auto* text = new wxTextCtrl(&dialog, wxID_ANY, ToWx(point.text), wxDefaultPosition,
                                dialog.FromDIP(wxSize(420, 90)), wxTE_MULTILINE | wxTE_WORDWRAP);
    SetAccessibleName(text, _("Pain point"));
    auto* grid = new wxFlexGridSizer(2, dialog.FromDIP(wxSize(8, 8)));
    grid->AddGrowableCol(1);
    grid->AddGrowableRow(1);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Category:")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(category, 0);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("&Pain point:")), 0);
    grid->Add(text, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, dialog.FromDIP(12));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM,
               dialog.FromDIP(12));
    dialog.SetSizerAndFit(sizer);
    text->SetFocus();
    if (dialog.ShowModal() != wxID_OK) return false;
    point.text = ToUtf8(text->GetValue().Trim().Trim(false));
    point.category = CategoryAt(category->GetSelection());
    return !point.text.empty();
}

}  // namespace

PainPointTags::PainPointTags(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetAccessibleName(this, _("Pain points"));
    m_tagPanel = new wxPanel(this, wxID_ANY);
    m_tags = new wxWrapSizer(wxHORIZONTAL);
    m_tagPanel->SetSizer(m_tags);

    m_category = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, CategoryChoices());
    m_category->SetSelection(0);
    SetAccessibleName(m_category, _("Category of the new pain point"));
    m_entry = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_entry->SetHint(_("Add a pain point, e.g. \"Workflow is too complex\""));
    SetAccessibleName(m_entry, _("New pain point"));
    auto* add = new wxButton(this, wxID_ADD, _("&Add"));
    SetAccessibleName(add, _("Add pain point"));
    m_add = add;

    auto* entryRow = new wxBoxSizer(wxHORIZONTAL);
    entryRow->Add(m_category, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    entryRow->Add(m_entry, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    entryRow->Add(add, 0, wxALIGN_CENTER_VERTICAL);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_tagPanel, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    sizer->Add(entryRow, 0, wxEXPAND);
    SetSizer(sizer);

    m_entry->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { AddFromEntry(); });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddFromEntry(); });
}

const bpm::persona* PainPointTags::Persona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

void PainPointTags::ShowPersona(BpmDocument* doc, const std::string& personaId, bool editable) {
    m_doc = doc;
    m_personaId = personaId;
    m_editable = editable;
    for (wxWindow* w : {static_cast<wxWindow*>(m_category), static_cast<wxWindow*>(m_entry), m_add}) w->Show(editable);
    m_entry->ChangeValue(wxString());
    Reload();
}

void PainPointTags::Reload() {
    m_tagPanel->Freeze();
    m_tags->Clear(true);
    const bpm::persona* p = Persona();
    if (p && p->pain_points.empty()) {
        auto* none = new wxStaticText(m_tagPanel, wxID_ANY, _("No pain points yet."));
        none->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        m_tags->Add(none, 0, wxBOTTOM, FromDIP(4));
    }
    if (p) {
        for (std::size_t i = 0; i < p->pain_points.size(); ++i) {
            PainPointChip::Actions actions;
            // A read-only map's chips only show their pain point.
            if (!m_editable) {
                m_tags->Add(new PainPointChip(m_tagPanel, p->pain_points[i], actions), 0, wxRIGHT | wxBOTTOM,
                            FromDIP(6));
                continue;
            }
            actions.edit = [this, i] { CallAfter([this, i] { Edit(i); }); };
            actions.remove = [this, i] { CallAfter([this, i] { Remove(i); }); };
            actions.menu = [this, i](wxWindow* chip, const wxPoint& where) {
                CallAfter([this, i, chip = wxWeakRef<wxWindow>(chip), where] {
                    if (chip) ShowMenu(i, chip, where);
                });
            };
            m_tags->Add(new PainPointChip(m_tagPanel, p->pain_points[i], actions), 0, wxRIGHT | wxBOTTOM, FromDIP(6));
        }
    }
    m_tagPanel->Thaw();
    Enable(p != nullptr);
    // The tags' height changes with their number: the form around them lays out again, up to
    // the scrolled window that holds it.
    for (wxWindow* w = this; w && !w->IsTopLevel(); w = w->GetParent()) {
        w->Layout();
        if (auto* scrolled = dynamic_cast<wxScrolledWindow*>(w)) {
            scrolled->FitInside();
            break;
        }
    }
}

bool PainPointTags::AddFromEntry() {
    const bpm::persona* p = Persona();
    const std::string text = ToUtf8(m_entry->GetValue().Trim().Trim(false));
    if (!p || text.empty()) return false;
    const bpm::pain_point point{text, CategoryAt(m_category->GetSelection())};
    if (!m_doc->Submit(bpm::insert_pain_point(m_personaId, p->pain_points.size(), point))) {
        wxBell();
        return false;
    }
    m_entry->ChangeValue(wxString());
    m_entry->SetFocus();
    return true;
}

void PainPointTags::Edit(std::size_t index) {
    const bpm::persona* p = Persona();
    if (!p || index >= p->pain_points.size()) return;
    bpm::pain_point point = p->pain_points[index];
    if (!EditDialog(this, point)) return;
    if (!m_doc->Submit(bpm::set_pain_point(m_personaId, index, point))) return;
    FocusChip(index);
}

void PainPointTags::Remove(std::size_t index) {
    if (!m_doc->Submit(bpm::remove_pain_point(m_personaId, index))) return;
    const bpm::persona* p = Persona();
    if (p && !p->pain_points.empty()) FocusChip(std::min(index, p->pain_points.size() - 1));
    else m_entry->SetFocus();
}

void PainPointTags::Move(std::size_t index, int delta) {
    const bpm::persona* p = Persona();
    if (!p) return;
    const long target = static_cast<long>(index) + delta;
    if (target < 0 || target >= static_cast<long>(p->pain_points.size())) return;
    if (m_doc->Submit(bpm::move_pain_point(m_personaId, index, static_cast<std::size_t>(target))))
        FocusChip(static_cast<std::size_t>(target));
}

void PainPointTags::SetCategory(std::size_t index, bpm::pain_category category) {
    const bpm::persona* p = Persona();
    if (!p || index >= p->pain_points.size()) return;
    bpm::pain_point point = p->pain_points[index];
    point.category = category;
    if (m_doc->Submit(bpm::set_pain_point(m_personaId, index, point))) FocusChip(index);
}

void PainPointTags::ShowMenu(std::size_t index, wxWindow* chip, const wxPoint& where) {
    const bpm::persona* p = Persona();
    if (!p || index >= p->pain_points.size()) return;
    enum { id_edit = wxID_HIGHEST + 1, id_left, id_right, id_remove, id_category };
    wxMenu menu;
    menu.Append(id_edit, _("&Edit...\tEnter"));
    auto* categoryMenu = new wxMenu;
    for (int i = 0; i < static_cast<int>(std::size(categories)); ++i) {
        categoryMenu->AppendRadioItem(id_category + i, CategoryChoices()[static_cast<std::size_t>(i)]);
        if (categories[i] == p->pain_points[index].category) categoryMenu->Check(id_category + i, true);
    }
    menu.AppendSubMenu(categoryMenu, _("&Category"));
    menu.AppendSeparator();
    menu.Append(id_left, _("Move &Left"))->Enable(index > 0);
    menu.Append(id_right, _("Move &Right"))->Enable(index + 1 < p->pain_points.size());
    menu.AppendSeparator();
    menu.Append(id_remove, _("&Delete\tDelete"));
    const int chosen = chip->GetPopupMenuSelectionFromUser(menu, where);
    if (chosen == id_edit) Edit(index);
    else if (chosen == id_left) Move(index, -1);
    else if (chosen == id_right) Move(index, +1);
    else if (chosen == id_remove) Remove(index);
    else if (chosen >= id_category && chosen < id_category + static_cast<int>(std::size(categories)))
        SetCategory(index, categories[chosen - id_category]);
}

void PainPointTags::FocusChip(std::size_t index) {
    std::size_t n = 0;
    for (wxSizerItem* item : m_tags->GetChildren()) {
        auto* chip = dynamic_cast<PainPointChip*>(item->GetWindow());
        if (!chip) continue;
        if (n++ == index) {
            chip->SetFocus();
            return;
        }
    }
}
