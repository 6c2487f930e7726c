#pragma once

#include <string>
#include <vector>

#include <wx/grid.h>

#include "bpm/model.h"

class BpmDocument;

/// The stages of one persona as a virtual wxGrid table: a row per stage, a column per stage
/// field. Cells are read straight from the core model; writing a cell submits a
/// bpm::set_stage_field edit to the document's history and never touches the model itself.
class StageGridTable : public wxGridTableBase {
public:
    /// Shows the stages of a persona (none when doc is null or the id is unknown).
    void SetPersona(BpmDocument* doc, const std::string& personaId);

    BpmDocument* GetDocument() const { return m_doc; }
    const std::string& GetPersonaId() const { return m_personaId; }
    /// The persona shown, or null.
    const bpm::persona* GetPersona() const;
    /// Id of the stage in a row as the grid knows it ("" when out of range).
    std::string GetStageId(int row) const;
    /// Row of a stage as the grid knows it, or wxNOT_FOUND.
    int FindRow(const std::string& stageId) const;

    /// Records that a stage appeared at index and tells the grid.
    void StageAdded(const std::string& stageId, std::size_t index);
    /// Records that the stage at index went away and tells the grid.
    void StageRemoved(std::size_t index);
    /// Records that a stage moved to index; returns the row it left.
    int StageMoved(const std::string& stageId, std::size_t index);
    /// Rereads the stage list after the persona changed wholesale and tells the grid.
    void Reload();

    /// The unresolved conflict a cell shows (index in the map's conflicts), or bpm::npos: one
    /// about its value, or, in the Stage column, one about the stage one version deleted.
    std::size_t ConflictAt(int row, int col) const;
    /// Whether the cell shows a conflict (ConflictAt).
    bool HasConflict(int row, int col) const;

    /// The stage field shown in a column.
    static bpm::stage_field FieldOf(int col);
    /// The column of a stage field.
    static int ColumnOf(bpm::stage_field field);

    int GetNumberRows() override;
    int GetNumberCols() override;
    wxString GetValue(int row, int col) override;
    void SetValue(int row, int col, const wxString& value) override;
    bool IsEmptyCell(int row, int col) override;
    wxString GetColLabelValue(int col) override;
    wxString GetRowLabelValue(int row) override;

private:
    const bpm::stage* StageAt(int row) const;
    void Notify(int message, int position, int count);

    BpmDocument* m_doc = nullptr;
    std::string m_personaId;
    // Stage ids in the order the grid shows them; moves are only told as ids and a new index.
    std::vector<std::string> m_rowIds;
};
