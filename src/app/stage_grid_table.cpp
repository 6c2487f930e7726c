#include "stage_grid_table.h"

#include <algorithm>

#include "bpm/conflict_edit.h"
#include "bpm/edit.h"
#include "bpm_document.h"
#include "wx_string.h"

void StageGridTable::SetPersona(BpmDocument* doc, const std::string& personaId) {
    const int before = static_cast<int>(m_rowIds.size());
    m_doc = doc;
    m_personaId = personaId;
    m_rowIds.clear();
    if (before > 0) Notify(wxGRIDTABLE_NOTIFY_ROWS_DELETED, 0, before);
    Reload();
}

void StageGridTable::Reload() {
    const int before = static_cast<int>(m_rowIds.size());
    m_rowIds.clear();
    if (const bpm::persona* p = GetPersona())
        for (const bpm::stage& s : p->stages) m_rowIds.push_back(s.id);
    const int after = static_cast<int>(m_rowIds.size());
    if (after > before) Notify(wxGRIDTABLE_NOTIFY_ROWS_INSERTED, before, after - before);
    else if (after < before) Notify(wxGRIDTABLE_NOTIFY_ROWS_DELETED, after, before - after);
}

const bpm::persona* StageGridTable::GetPersona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

std::string StageGridTable::GetStageId(int row) const {
    return row >= 0 && row < static_cast<int>(m_rowIds.size()) ? m_rowIds[static_cast<std::size_t>(row)] : std::string();
}

int StageGridTable::FindRow(const std::string& stageId) const {
    const auto it = std::find(m_rowIds.begin(), m_rowIds.end(), stageId);
    return it == m_rowIds.end() ? wxNOT_FOUND : static_cast<int>(it - m_rowIds.begin());
}

void StageGridTable::StageAdded(const std::string& stageId, std::size_t index) {
    index = std::min(index, m_rowIds.size());
    m_rowIds.insert(m_rowIds.begin() + static_cast<std::ptrdiff_t>(index), stageId);
    Notify(wxGRIDTABLE_NOTIFY_ROWS_INSERTED, static_cast<int>(index), 1);
}

void StageGridTable::StageRemoved(std::size_t index) {
    if (index >= m_rowIds.size()) return;
    m_rowIds.erase(m_rowIds.begin() + static_cast<std::ptrdiff_t>(index));
    Notify(wxGRIDTABLE_NOTIFY_ROWS_DELETED, static_cast<int>(index), 1);
}

int StageGridTable::StageMoved(const std::string& stageId, std::size_t index) {
    const int from = FindRow(stageId);
    if (from == wxNOT_FOUND || index >= m_rowIds.size()) return from;
    m_rowIds.erase(m_rowIds.begin() + from);
    m_rowIds.insert(m_rowIds.begin() + static_cast<std::ptrdiff_t>(index), stageId);
    return from;
}

bpm::stage_field StageGridTable::FieldOf(int col) {
    return bpm::all_stage_fields[static_cast<std::size_t>(std::clamp(col, 0, 6))];
}

int StageGridTable::ColumnOf(bpm::stage_field field) {
    const auto it = std::find(bpm::all_stage_fields.begin(), bpm::all_stage_fields.end(), field);
    return static_cast<int>(it - bpm::all_stage_fields.begin());
}

int StageGridTable::GetNumberRows() { return static_cast<int>(m_rowIds.size()); }

int StageGridTable::GetNumberCols() { return static_cast<int>(bpm::all_stage_fields.size()); }

const bpm::stage* StageGridTable::StageAt(int row) const {
    const bpm::persona* p = GetPersona();
    if (!p || row < 0 || row >= static_cast<int>(m_rowIds.size())) return nullptr;
    // The grid's row order and the model agree except while a change is being told; fall back
    // to a search by id in that moment rather than show another stage's text.
    const std::size_t r = static_cast<std::size_t>(row);
    if (r < p->stages.size() && p->stages[r].id == m_rowIds[r]) return &p->stages[r];
    return p->stage_by_id(m_rowIds[r]);
}

wxString StageGridTable::GetValue(int row, int col) {
    const bpm::stage* s = StageAt(row);
    return s ? ToWx(s->field(FieldOf(col))) : wxString();
}

void StageGridTable::SetValue(int row, int col, const wxString& value) {
    const bpm::stage* s = StageAt(row);
    if (!s || !m_doc) return;
    // Each finished cell edit is a step of its own, even when the same cell is edited twice. Typed
    // into a conflicted cell, the value settles the conflict in the same step (as every edit does).
    m_doc->Submit(bpm::set_stage_field(m_personaId, s->id, FieldOf(col), ToUtf8(value)));
}

std::size_t StageGridTable::ConflictAt(int row, int col) const {
    if (!m_doc || m_doc->Model().conflicts.empty()) return bpm::npos;
    const bpm::stage* s = StageAt(row);
    if (!s) return bpm::npos;
    const std::size_t field =
        bpm::find_field_conflict(m_doc->Model(), m_personaId, s->id, bpm::stage_field_key(FieldOf(col)));
    if (field != bpm::npos || FieldOf(col) != bpm::stage_field::name) return field;
    return bpm::find_stage_removal_conflict(m_doc->Model(), m_personaId, s->id);
}

bool StageGridTable::HasConflict(int row, int col) const { return ConflictAt(row, col) != bpm::npos; }

bool StageGridTable::IsEmptyCell(int row, int col) {
    const bpm::stage* s = StageAt(row);
    return !s || s->field(FieldOf(col)).empty();
}

wxString StageGridTable::GetColLabelValue(int col) { return ToWx(bpm::stage_field_title(FieldOf(col))); }

wxString StageGridTable::GetRowLabelValue(int row) { return wxString::Format("%d", row + 1); }

void StageGridTable::Notify(int message, int position, int count) {
    if (wxGrid* grid = GetView()) {
        wxGridTableMessage msg(this, message, position, count);
        grid->ProcessTableMessage(msg);
    }
}
