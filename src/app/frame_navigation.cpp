// MainFrame: moving the keyboard between panels, and the list of every key the editor knows.
#include <cctype>
#include <memory>
#include <vector>

#include <wx/accel.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/vlbox.h>

#ifdef BPM_HAVE_GTK
#include <gdk/gdk.h>
#endif

#include "accessibility.h"
#include "chat_panel.h"
#include "command_ids.h"
#include "main_frame.h"
#include "stage_grid.h"
#include "persona_list.h"

namespace {

const char* const personas_pane = "personas";
const char* const chat_pane = "chat";

// Joins a menu and its item: "Edit ▸ Redo".
wxString MenuArrow() { return wxString::FromUTF8(" \u25B8 "); }

// "Ctrl+Shift+A" for a menu item's accelerator, or nothing.
wxString AcceleratorOf(const wxMenuItem* item) {
    const wxString label = item->GetItemLabel();
    const int tab = label.Find('\t');
    return tab == wxNOT_FOUND ? wxString() : label.Mid(static_cast<size_t>(tab) + 1);
}

void CollectMenuKeys(const wxMenu* menu, const wxString& path, std::vector<std::pair<wxString, wxString>>& keys) {
    for (const wxMenuItem* item : menu->GetMenuItems()) {
        const wxString name = path + MenuArrow() + wxStripMenuCodes(item->GetItemLabelText());
        if (item->IsSubMenu()) {
            CollectMenuKeys(item->GetSubMenu(), name, keys);
            continue;
        }
        const wxString key = AcceleratorOf(item);
        if (!key.empty()) keys.emplace_back(key, name);
    }
}

// The menu bar's command for a key (modifiers and key code as wxAcceleratorEntry has them), or
// wxID_NONE.
int MenuCommandFor(const wxMenu* menu, int flags, int keyCode) {
    for (const wxMenuItem* item : menu->GetMenuItems()) {
        if (item->IsSubMenu()) {
            if (const int id = MenuCommandFor(item->GetSubMenu(), flags, keyCode); id != wxID_NONE) return id;
            continue;
        }
        const std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
        if (accel && accel->GetFlags() == flags && accel->GetKeyCode() == keyCode) return item->GetId();
    }
    return wxID_NONE;
}

// The key pressed with Shift, as the key without it ('0' for Ctrl+Shift+0): wx reports some
// shifted keys by the character they type (')' on a US keyboard), so "Ctrl+Shift+0" in the menu
// never matched. GTK's keymap turns the hardware key back into its unshifted character.
int UnshiftedKey(const wxKeyEvent& event) {
#ifdef BPM_HAVE_GTK
    GdkDisplay* display = gdk_display_get_default();
    guint keyval = 0;
    if (display && gdk_keymap_translate_keyboard_state(gdk_keymap_get_for_display(display), event.GetRawKeyFlags(),
                                                       GdkModifierType(0), 0, &keyval, nullptr, nullptr, nullptr)) {
        const gunichar c = gdk_keyval_to_unicode(keyval);
        if (c > 0x20 && c < 0x7f) return std::toupper(static_cast<int>(c));
    }
#endif
    return event.GetKeyCode();
}

// Keys that a text field, or the grid's cell editor, keeps for its text (select, copy, cut,
// paste, undo, redo, delete a word): the menu's command for them runs when the focus is
// elsewhere.
bool IsTextEditingKey(int flags, int keyCode) {
    if (flags == wxACCEL_CTRL)
        return keyCode == 'A' || keyCode == 'C' || keyCode == 'X' || keyCode == 'V' || keyCode == 'Z' || keyCode == 'Y' ||
               keyCode == WXK_DELETE || keyCode == WXK_BACK;
    return flags == (wxACCEL_CTRL | wxACCEL_SHIFT) && keyCode == 'Z';
}

}  // namespace

void MainFrame::BindNavigation() {
    // The menu bar's keys, ahead of the focused control: GTK's text fields take Ctrl+Shift+A
    // (unselect) and the grid opens its cell editor on Ctrl+Delete before an accelerator is
    // looked at, so View > Assistant and Stage > Delete Stage did nothing from there. Keys a
    // text field needs for its text stay with it while one has the focus.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        event.Skip();
        const int id = CommandForKey(event, wxWindow::FindFocus());
        if (id == wxID_NONE) return;
        // As the menu would: only while the command is enabled.
        wxUpdateUIEvent update(id);
        update.SetEventObject(this);
        ProcessWindowEvent(update);
        if (update.GetSetEnabled() && !update.GetEnabled()) return;
        event.Skip(false);
        wxCommandEvent command(wxEVT_MENU, id);
        command.SetEventObject(this);
        HandleWindowEvent(command);
    });

    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        const bool shown = m_aui.GetPane(chat_pane).IsShown();
        if (shown && m_chat->IsDescendant(wxWindow::FindFocus())) {
            m_aui.GetPane(chat_pane).Hide();
            m_aui.Update();
            FocusPanel(Panel::Main);
        } else {
            FocusPanel(Panel::Assistant);
        }
    }, ID_SHOW_ASSISTANT);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Check(m_aui.GetPane(chat_pane).IsShown()); }, ID_SHOW_ASSISTANT);
    Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
        std::vector<Panel> panels;
        if (Doc()) panels.push_back(Panel::Personas);
        panels.push_back(Panel::Main);
        panels.push_back(Panel::Assistant);
        const Panel current = GetFocusedPanel();
        std::size_t at = 0;
        while (at < panels.size() && panels[at] != current) ++at;
        const std::size_t n = panels.size();
        const std::size_t next = event.GetId() == ID_FOCUS_NEXT_PANEL ? (at + 1) % n : (at + n - 1) % n;
        FocusPanel(panels[next]);
    }, ID_FOCUS_NEXT_PANEL, ID_FOCUS_PREVIOUS_PANEL);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ShowKeyboardHelp(); }, ID_KEYBOARD_HELP);
}

int MainFrame::CommandForKey(const wxKeyEvent& event, wxWindow* focus) const {
    int flags = 0;
    if (event.ControlDown()) flags |= wxACCEL_CTRL;
    if (event.AltDown()) flags |= wxACCEL_ALT;
    if (event.ShiftDown()) flags |= wxACCEL_SHIFT;
    int keyCode = event.GetKeyCode();
    if (keyCode >= 'a' && keyCode <= 'z') keyCode -= 'a' - 'A';
    // Plain keys and Shift+key are typing (F-keys aside, which the accelerators below have).
    const bool functionKey = keyCode >= WXK_F1 && keyCode <= WXK_F24;
    if (!functionKey && (flags == 0 || flags == wxACCEL_SHIFT)) return wxID_NONE;
    int id = wxID_NONE;
    const wxMenuBar* bar = GetMenuBar();
    for (size_t i = 0; bar && i < bar->GetMenuCount() && id == wxID_NONE; ++i)
        id = MenuCommandFor(bar->GetMenu(i), flags, keyCode);
    if (id == wxID_NONE && (flags & wxACCEL_SHIFT)) {
        keyCode = UnshiftedKey(event);
        for (size_t i = 0; bar && i < bar->GetMenuCount() && id == wxID_NONE; ++i)
            id = MenuCommandFor(bar->GetMenu(i), flags, keyCode);
    }
    if (id == wxID_NONE) return id;
    // A spreadsheet's block pastes into the grid's cells, even from the cell editor.
    const bool blockIntoGrid = id == wxID_PASTE && m_stageGrid->IsDescendant(focus) && StageGrid::ClipboardHoldsBlock();
    if (IsTextEditingKey(flags, keyCode) && dynamic_cast<wxTextCtrl*>(focus) && !blockIntoGrid) return wxID_NONE;
    return id;
}

MainFrame::Panel MainFrame::GetFocusedPanel() const {
    wxWindow* focus = wxWindow::FindFocus();
    if (m_personaList->IsDescendant(focus)) return Panel::Personas;
    if (m_chat->IsDescendant(focus)) return Panel::Assistant;
    return Panel::Main;
}

void MainFrame::FocusPanel(Panel panel) {
    switch (panel) {
        case Panel::Personas:
            if (!Doc()) return;
            m_personaListWanted = true;
            SetPersonaListShown(true);
            m_personaList->GetListBox()->SetFocus();
            return;
        case Panel::Assistant:
            if (!m_aui.GetPane(chat_pane).IsShown()) {
                m_aui.GetPane(chat_pane).Show();
                m_aui.Update();
            }
            m_chat->Input()->SetFocus();
            return;
        case Panel::Main:
            break;
    }
    if (m_mainArea->GetSelection() == map_card) m_context.FocusPage(m_context.GetPage());
    else m_mainArea->GetCurrentPage()->SetFocus();
}

void MainFrame::ShowKeyboardHelp() {
    std::vector<std::pair<wxString, wxString>> keys;
    const wxMenuBar* bar = GetMenuBar();
    for (size_t i = 0; i < bar->GetMenuCount(); ++i)
        CollectMenuKeys(bar->GetMenu(i), wxStripMenuCodes(bar->GetMenuLabelText(i)), keys);
    keys.emplace_back("Ctrl+Y", wxStripMenuCodes(_("&Edit")) + MenuArrow() + wxStripMenuCodes(_("&Redo")));
    keys.emplace_back("Tab, Shift+Tab", _("Stage grid: next or previous cell; past the last cell, the next control"));
    keys.emplace_back(_("Arrow keys"), _("Stage grid: move between cells"));
    keys.emplace_back(_("F2 or Enter"), _("Stage grid: edit the cell; Enter again keeps the change, Esc drops it"));
    keys.emplace_back("Ctrl+Enter", _("Stage grid, while editing: a line break in the cell"));
    keys.emplace_back(_("Delete"), _("Stage grid: clear the selected cells"));
    keys.emplace_back("Shift+F10", _("Stage grid: the stage menu"));
    keys.emplace_back("Enter", _("Assistant: send the answer"));
    keys.emplace_back("Shift+Enter", _("Assistant: a new line in the answer"));
    keys.emplace_back(_("Up, Down"), _("Assistant: earlier answers"));
    keys.emplace_back("Enter", _("Comments: go to the cell or field the comment is about"));
    keys.emplace_back(_("Delete"), _("Comments: delete the selected comment"));
    keys.emplace_back("Ctrl+Enter", _("Comment window: save the comment"));

    wxDialog dialog(this, wxID_ANY, _("Keyboard Shortcuts"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    auto* list = new wxListView(&dialog, wxID_ANY, wxDefaultPosition, dialog.FromDIP(wxSize(640, 460)),
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    SetAccessibleName(list, _("Keyboard shortcuts"));
    list->AppendColumn(_("Keys"));
    list->AppendColumn(_("Action"));
    for (const auto& [key, action] : keys) {
        const long row = list->InsertItem(list->GetItemCount(), key);
        list->SetItem(row, 1, action);
    }
    list->SetColumnWidth(0, wxLIST_AUTOSIZE);
    list->SetColumnWidth(1, wxLIST_AUTOSIZE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(list, 1, wxEXPAND | wxALL, dialog.FromDIP(12));
    sizer->Add(dialog.CreateButtonSizer(wxCLOSE), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, dialog.FromDIP(12));
    dialog.SetSizerAndFit(sizer);
    dialog.SetEscapeId(wxID_CLOSE);
    list->SetFocus();
    dialog.ShowModal();
}
