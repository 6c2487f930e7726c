#include "history_command_processor.h"

#include <wx/menu.h>

#include "bpm_document.h"
#include "wx_string.h"

namespace {

// A label as a menu label: '&' would start a mnemonic, so it is doubled.
wxString MenuText(wxString label) {
    label.Replace("&", "&&");
    return label;
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

void HistoryCommandProcessor::SetMenuStrings() {
    wxMenu* menu = GetEditMenu();
    if (!menu) return;
    const bpm::history& history = m_doc.History();
    const wxString undo = CanUndo() ? MenuText(UndoLabel(history)) : _("&Undo");
    const wxString redo = CanRedo() ? MenuText(RedoLabel(history)) : _("&Redo");
    if (menu->FindItem(wxID_UNDO)) menu->SetLabel(wxID_UNDO, undo + '\t' + GetUndoAccelerator());
    if (menu->FindItem(wxID_REDO)) menu->SetLabel(wxID_REDO, redo + '\t' + GetRedoAccelerator());
}

wxString UndoLabel(const bpm::history& history) {
    return history.can_undo() ? ToWx(history.undo_label()) : _("Undo");
}

wxString RedoLabel(const bpm::history& history) {
    return history.can_redo() ? ToWx(history.redo_label()) : _("Redo");
}
