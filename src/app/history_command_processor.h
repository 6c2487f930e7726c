#pragma once

#include <wx/cmdproc.h>

#include "bpm/history.h"

class BpmDocument;

/// Presents a document's bpm::history to wxWidgets as its command processor, so the doc/view
/// framework's Undo, Redo, menu labels and dirty state all read the one core history. It keeps
/// no commands of its own.
class HistoryCommandProcessor : public wxCommandProcessor {
public:
    explicit HistoryCommandProcessor(BpmDocument& doc);

    /// Refused: edits are bpm::edit objects submitted to the history, never wxCommands.
    bool Submit(wxCommand* command, bool storeIt = true) override;
    bool Undo() override;
    bool Redo() override;
    bool CanUndo() const override;
    bool CanRedo() const override;
    bool IsDirty() const override;
    /// Sets the Edit menu's Undo and Redo items to the history's labels.
    void SetMenuStrings() override;

private:
    BpmDocument& m_doc;
};

/// What Undo would take back, as the toolbar says it: "Undo Edit Duration of Awareness", or
/// plain "Undo" when there is nothing to undo.
wxString UndoLabel(const bpm::history& history);
/// What Redo would do again: "Redo ...", or plain "Redo".
wxString RedoLabel(const bpm::history& history);
