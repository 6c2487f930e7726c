#pragma once

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <wx/grid.h>
#include <wx/panel.h>
#include <wx/timer.h>

#include "bpm/edit.h"
#include "bpm_document.h"
#include "editing_context.h"
#include "grid_clipboard.h"

class TextWidths;
class StageGridTable;

/// The buying stages of the selected persona as an editable grid, with buttons, a context
/// menu and shortcuts to add, insert, delete and move stages. Every change is a core edit;
/// the grid listens to the document's change notices and repaints only the cells and rows
/// they name, so undo and redo (and edits from elsewhere) show up the same way. It shows the
/// context's selected persona, keeps its cursor on the context's selected stage, and selects
/// the stage whose row the cursor moves to.
class StageGrid : public wxPanel {
public:
    StageGrid(wxWindow* parent, EditingContext& context);
    ~StageGrid() override;

    wxGrid* GetGrid() const { return m_grid; }
    StageGridTable* GetTable() const { return m_table.get(); }

    /// True when a persona is shown, so stages can be added.
    bool HasPersona() const;
    /// True when the cursor is on a stage.
    bool HasCurrentStage() const;
    /// Adds a stage below the cursor row (at the end when there is none) and moves there.
    void AddStage();
    /// Inserts a stage above the cursor row.
    void InsertStage();
    /// Deletes the selected rows, or the cursor row.
    void DeleteStages();
    /// Moves the cursor row up (delta -1) or down (+1).
    void MoveStage(int delta);

    /// Copies the selected cells (or the cursor cell) as tab-separated text.
    void Copy();
    /// Copies, then empties the cells, as one undo step.
    void Cut();
    /// Pastes the clipboard's text at the cursor.
    void PasteFromClipboard();
    /// Whether the clipboard holds a block of several cells (tab-separated, as spreadsheets copy
    /// them), which pastes into the grid even from an open cell editor.
    static bool ClipboardHoldsBlock();
    /// Fills the cells a block of tab-separated text covers from the cursor down and right,
    /// adding stages when it runs past the last row, as one undo step.
    bool PasteText(const wxString& text);
    /// Empties the selected cells (or the cursor cell) as one undo step.
    void ClearCells();

    /// Writes the text of an open cell editor into the map.
    void CommitPendingEdit();
    /// True when an open cell editor holds text that differs from its cell.
    bool HasPendingEdit() const;

    /// Puts the cursor on a stage's field and the focus in the grid, scrolled into view.
    void GoToField(const std::string& stageId, bpm::stage_field field);

    bool IsColumnShown(int col) const;
    /// Shows or hides a column (the Stage column always stays) and remembers it.
    void SetColumnShown(int col, bool shown);
    /// Back to all columns, widths fitted to the window.
    void ResetColumns();

private:
    void OnNotice(const EditingContext::Notice& notice);
    // Shows the stages of a persona ("" for none).
    void ShowPersona(const std::string& personaId);
    // Scrolls to a stage of the shown persona and puts the cursor on its row.
    void ShowStage(const std::string& stageId);
    void CreateButtons(wxSizer* sizer);
    void ConfigureColumns();
    void OnChanges(const bpm::change_set& changes);
    /// Tints a changed cell for a moment, so an answer typed in the chat is seen landing.
    void Flash(int row, int col);
    void OnFlashEnd(wxTimerEvent& event);
    void OnKeyDown(wxKeyEvent& event);
    void OnTabbing(wxGridEvent& event);
    // Puts the grid cursor on (row, col) and scrolls it into view once the cell editor that just
    // closed is gone; does nothing when that cell no longer exists.
    void MoveCursorOnceEditorClosed(int row, int col);
    void OnCellRightClick(wxGridEvent& event);
    void ShowStageMenu(int row, int col, const wxPoint& at);
    void OnLabelRightClick(wxGridEvent& event);
    void OnColumnSized(wxGridSizeEvent& event);
    void OnGridSize(wxSizeEvent& event);
    void OnCommand(wxCommandEvent& event);
    void OnUpdateCommand(wxUpdateUIEvent& event);

    struct Block {
        int top = 0, left = 0, bottom = -1, right = -1;
    };
    /// The selected block, or the cursor cell as a block.
    Block SelectedBlock() const;
    CellBlock CellsOf(const Block& block) const;
    /// Submits the edits made by fill as one undo step with this label.
    void SubmitBatch(const wxString& label, const std::function<void(bpm::batch&)>& fill);
    std::string NewStageId() const;
    /// The height a row needs for its wrapped text at the current column widths.
    int BestRowHeight(int row) const;
    void GoTo(int row, int col);

    void FitColumnsToWidth();
    /// Gives the shown columns the widths in m_widths.
    void ApplyColumnWidths();
    /// Sizes every row to its text (after fitting the columns to the width, if asked) once the
    /// current event is done; repeated calls cost one pass.
    void ResizeRowsLater(bool fitColumns = false);
    /// True when the grid is on screen, so rows can be measured against its columns.
    bool CanSizeRows() const;
    void RestoreColumns();
    void SaveColumns() const;

    wxGrid* m_grid = nullptr;
    std::unique_ptr<StageGridTable> m_table;
    // What the cells' renderers have measured.
    std::shared_ptr<TextWidths> m_textWidths;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    // Writes an open cell editor into the shown map before it is saved, undone or closed.
    BpmDocument::PendingEditsHook m_pendingEditsHook;
    std::array<int, 7> m_widths{};
    bool m_userSizedColumns = false;
    bool m_rowResizePending = false;
    bool m_cursorMoving = false;
    bool m_fitPending = false;
    bool m_rowsStale = false;  // rows changed while the grid was hidden; sized when it shows
    int m_fittedWidth = -1;  // grid width the columns were last fitted to
    wxTimer m_flashTimer;
    std::vector<std::pair<int, int>> m_flashed;
};
