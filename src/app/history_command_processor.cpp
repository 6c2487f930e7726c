#include "history_command_processor.h"

#include <wx/menu.h>

#include "bpm_document.h"
#include "wx_string.h"

namespace {

// A history label as a menu label: '&' would start a mnemonic, so it is doubled.
wxString MenuText(const std::string& label) {
    wxString text = ToWx(label);
    text.Replace("&", "&&");
    return text;
}

}  // namespace

HistoryCommandProcessor::HistoryCommandProcessor(BpmDocument& doc) : m_doc(doc) {
    SetUndoAccelerator("Ctrl+Z");
    SetRedoAccelerator("Ctrl+Shift+Z");
}

bool HistoryCommandProcessor::Submit(wxCommand* command, bool) {
    wxFAIL_MSG("edits are submitted to bpm::history, not as wxCommands");
    delete command;
    return false;
}

bool HistoryCommandProcessor::Undo() {
    // Text still being typed into a grid cell becomes a step of its own first, so Undo takes
    // back what the user sees rather than the step before it.
    m_doc.CommitPendingEdits();
    return m_doc.History().undo();
}

bool HistoryCommandProcessor::Redo() {
    m_doc.CommitPendingEdits();
    return m_doc.History().redo();
}

bool HistoryCommandProcessor::CanUndo() const { return m_doc.History().can_undo(); }

bool HistoryCommandProcessor::CanRedo() const { return m_doc.History().can_redo(); }

bool HistoryCommandProcessor::IsDirty() const { return !m_doc.History().is_clean(); }

wxString HistoryCommandProcessor::GetUndoLabel() const {
    return CanUndo() ? ToWx(m_doc.History().undo_label()) : _("Undo");
}

wxString HistoryCommandProcessor::GetRedoLabel() const {
    return CanRedo() ? ToWx(m_doc.History().redo_label()) : _("Redo");
}

void HistoryCommandProcessor::SetMenuStrings() {
    wxMenu* menu = GetEditMenu();
    if (!menu) return;
    const wxString undo = CanUndo() ? MenuText(m_doc.History().undo_label()) : _("&Undo");
    const wxString redo = CanRedo() ? MenuText(m_doc.History().redo_label()) : _("&Redo");
    if (menu->FindItem(wxID_UNDO)) menu->SetLabel(wxID_UNDO, undo + '\t' + GetUndoAccelerator());
    if (menu->FindItem(wxID_REDO)) menu->SetLabel(wxID_REDO, redo + '\t' + GetRedoAccelerator());
}
