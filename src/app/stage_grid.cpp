#include "stage_grid.h"

#include <algorithm>
#include <set>

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/dcclient.h>
#include <wx/menu.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "accessibility.h"
#include "command_ids.h"
#include "conflicts_ui.h"
#include "stage_cell_renderer.h"
#include "stage_grid_table.h"
#include "wx_string.h"

namespace {

constexpr int column_count = 7;

// wxGrid, with access to the attributes it draws a cell with, to measure rows as it would.
class MeasurableGrid : public wxGrid {
public:
    using wxGrid::wxGrid;
    wxGridCellAttrPtr AttrOf(int row, int col) const { return GetCellAttrPtr(row, col); }
};

wxString HintOf(bpm::stage_field field) {
    switch (field) {
        case bpm::stage_field::name: return _("Name this stage");
        case bpm::stage_field::buyer_actions: return _("What is the buyer doing, learning or trying to achieve?");
        case bpm::stage_field::duration: return _("e.g. 1-2 weeks");
        case bpm::stage_field::key_influencers: return _("Who influences the decision here?");
        case bpm::stage_field::seller_actions: return _("What should your team do at this stage?");
        case bpm::stage_field::content_type: return _("e.g. case study, webinar, demo");
        case bpm::stage_field::key_message: return _("What should the buyer take away?");
    }
    return {};
}

}  // namespace

StageGrid::StageGrid(wxWindow* parent, EditingContext& context)
    : wxPanel(parent, wxID_ANY), m_table(std::make_unique<StageGridTable>()),
      m_textWidths(std::make_shared<TextWidths>()),
      m_context(context) {
    SetAccessibleName(this, _("Buying stages"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // The buttons wrap onto a second line in a narrow window rather than being cut off.
    auto* bar = new wxWrapSizer(wxHORIZONTAL);
    CreateButtons(bar);
    sizer->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));

    m_grid = new MeasurableGrid(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxBORDER_NONE);
    m_grid->SetTable(m_table.get(), false, wxGrid::wxGridSelectCells);
    m_grid->UseNativeColHeader(true);
    m_grid->SetRowLabelSize(FromDIP(36));
    m_grid->SetRowLabelAlignment(wxALIGN_CENTRE, wxALIGN_TOP);
    m_grid->SetDefaultCellAlignment(wxALIGN_LEFT, wxALIGN_TOP);
    m_grid->SetTabBehaviour(wxGrid::Tab_Leave);
    m_grid->SetMargins(0, 0);
    SetAccessibleName(m_grid, _("Stage grid"));
    KeepScrollBarsVisible(m_grid);
    ConfigureColumns();
    sizer->Add(m_grid, 1, wxEXPAND);
    SetSizer(sizer);

    RestoreColumns();
    m_grid->Bind(wxEVT_KEY_DOWN, &StageGrid::OnKeyDown, this);
    m_grid->Bind(wxEVT_GRID_TABBING, &StageGrid::OnTabbing, this);
    // Enter in the cell editor (a multi-line text view) keeps the change; Ctrl+Enter puts a line
    // break at the caret. GTK's text view took both for itself: Ctrl+Enter did nothing and
    // Enter left a line break at the end of the cell.
    m_grid->Bind(wxEVT_GRID_EDITOR_CREATED, [this](wxGridEditorCreatedEvent& event) {
        event.Skip();
        auto* text = dynamic_cast<wxTextCtrl*>(event.GetControl());
        if (!text) return;
        text->Bind(wxEVT_CHAR_HOOK, [this, text](wxKeyEvent& key) {
            const int code = key.GetKeyCode();
            if ((code != WXK_RETURN && code != WXK_NUMPAD_ENTER) || key.AltDown() || key.ShiftDown()) {
                key.Skip();
                return;
            }
            if (key.ControlDown()) {
                text->WriteText("\n");
                return;
            }
            m_grid->SaveEditControlValue();
            m_grid->DisableCellEditControl();
            MoveCursorOnceEditorClosed(m_grid->GetGridCursorRow() + 1, m_grid->GetGridCursorCol());
        });
    });
    // A closed cell editor is destroyed, not kept hidden: wx 3.2 moves every child of the grid
    // when it scrolls, hidden or not, and GTK complains of each hidden one
    // ("gtk_widget_set_allocation: assertion ... visible"). The next edit creates it again.
    m_grid->Bind(wxEVT_GRID_EDITOR_HIDDEN, [this](wxGridEvent& event) {
        event.Skip();
        // The editor is held from now: by the time the call runs, its cell may be gone.
        wxGridCellEditorPtr editor(m_grid->GetCellEditor(event.GetRow(), event.GetCol()));
        // After wx has read the editor's value, and only if no editor opened in the meantime.
        CallAfter([this, editor] {
            if (!m_grid->IsCellEditControlShown() && editor && editor->IsCreated()) editor->Destroy();
        });
    });
    m_grid->Bind(wxEVT_GRID_CELL_RIGHT_CLICK, &StageGrid::OnCellRightClick, this);
    m_grid->Bind(wxEVT_GRID_LABEL_RIGHT_CLICK, &StageGrid::OnLabelRightClick, this);
    m_grid->Bind(wxEVT_GRID_COL_SIZE, &StageGrid::OnColumnSized, this);
    m_grid->Bind(wxEVT_SIZE, &StageGrid::OnGridSize, this);
    m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
        event.Skip();
        const std::string stageId = m_table->GetStageId(event.GetRow());
        if (stageId.empty()) return;
        // The cursor is on its way to that row: the notice need not move it there.
        m_cursorMoving = true;
        m_context.SelectStage(stageId);
        m_cursorMoving = false;
    });
    // Words measured at another resolution or in another theme's fonts have other widths.
    const auto remeasure = [this](wxEvent& event) {
        event.Skip();
        m_textWidths->Clear();
        ResizeRowsLater();
    };
    Bind(wxEVT_DPI_CHANGED, remeasure);
    Bind(wxEVT_SYS_COLOUR_CHANGED, remeasure);
    Bind(wxEVT_SHOW, [this](wxShowEvent& event) {
        if (event.IsShown() && m_rowsStale) ResizeRowsLater();
        event.Skip();
    });
    for (int id : {ID_STAGE_ADD, ID_STAGE_INSERT, ID_STAGE_DELETE, ID_STAGE_MOVE_UP, ID_STAGE_MOVE_DOWN}) {
        Bind(wxEVT_BUTTON, &StageGrid::OnCommand, this, id);
        Bind(wxEVT_UPDATE_UI, &StageGrid::OnUpdateCommand, this, id);
    }
    // Context menus pop up from this panel, so their commands arrive here first.
    Bind(wxEVT_MENU, &StageGrid::OnCommand, this, ID_STAGE_ADD, ID_STAGE_MOVE_DOWN);
    Bind(wxEVT_MENU, &StageGrid::OnCommand, this, ID_COLUMN_FIRST, ID_COLUMNS_RESET);
    for (int id : {wxID_CUT, wxID_COPY, wxID_PASTE}) Bind(wxEVT_MENU, &StageGrid::OnCommand, this, id);
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

StageGrid::~StageGrid() {
    m_subscription.Reset();
    m_pendingEditsHook.Reset();
    // The grid refers to the table until it is gone; detach before the table is destroyed.
    m_grid->SetTable(nullptr);
}

void StageGrid::CreateButtons(wxSizer* bar) {
    const auto add = [&](int id, const wxString& label, const wxArtID& art, const wxString& tip) {
        auto* button = new wxButton(this, id, label);
        button->SetBitmap(wxArtProvider::GetBitmapBundle(art, wxART_BUTTON));
        button->SetToolTip(tip);
        SetAccessibleName(button, label);
        bar->Add(button, 0, wxRIGHT | wxBOTTOM, FromDIP(6));
    };
    add(ID_STAGE_ADD, _("Add Stage"), wxART_PLUS, _("Add a stage below the current one (Ctrl+Shift+N)"));
    add(ID_STAGE_INSERT, _("Insert Above"), wxART_GO_TO_PARENT, _("Insert a stage above the current one (Ctrl+Shift+I)"));
    add(ID_STAGE_DELETE, _("Delete"), wxART_DELETE, _("Delete the selected stages (Ctrl+Delete)"));
    add(ID_STAGE_MOVE_UP, _("Move Up"), wxART_GO_UP, _("Move the stage up (Alt+Up)"));
    add(ID_STAGE_MOVE_DOWN, _("Move Down"), wxART_GO_DOWN, _("Move the stage down (Alt+Down)"));
    // Handled by the frame, which owns the AI service.
    add(ID_STAGE_SUGGEST, _("Suggest"), wxART_TIP,
        _("The AI assistant suggests seller actions, content and a key message for the stage (Ctrl+Shift+H)"));
    const wxString tipText = _("F2 edits a cell, Ctrl+Enter adds a line break");
    auto* tip = new wxStaticText(this, wxID_ANY, tipText, wxDefaultPosition, wxDefaultSize, wxALIGN_RIGHT);
    tip->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    bar->Add(tip, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxBOTTOM, FromDIP(6));
    // The tip shows where it fits beside the buttons; it never takes a line of its own, and half
    // a tip reads as a glitch (Help ▸ Keyboard Shortcuts keeps it).
    Bind(wxEVT_SIZE, [this, bar, tip](wxSizeEvent& event) {
        event.Skip();
        int needed = tip->GetBestSize().x + FromDIP(16 + 6);
        for (wxSizerItem* item : bar->GetChildren())
            if (item->GetWindow() != tip) needed += item->GetMinSizeWithBorder().x;
        if (tip->IsShown() != (needed <= event.GetSize().x)) tip->Show(needed <= event.GetSize().x);
    });
}

void StageGrid::ConfigureColumns() {
    for (int col = 0; col < column_count; ++col) {
        auto* attr = new wxGridCellAttr;
        const bpm::stage_field field = StageGridTable::FieldOf(col);
        attr->SetRenderer(new StageCellRenderer(HintOf(field), m_textWidths));
        attr->SetEditor(new wxGridCellAutoWrapStringEditor);
        if (field == bpm::stage_field::name) attr->SetFont(m_grid->GetDefaultCellFont().Bold());
        m_grid->SetColAttr(col, attr);
    }
}

void StageGrid::OnNotice(const EditingContext::Notice& notice) {
    // Read first: showing a persona moves the cursor, which selects a stage.
    const std::string stageId = m_context.GetStageId();
    if (notice.Has(EditingContext::DocumentChanged)) {
        CommitPendingEdit();
        m_doc = m_context.GetDocument();
        m_pendingEditsHook = m_doc ? m_doc->AddPendingEditsHook([this] { CommitPendingEdit(); },
                                                                [this] { return HasPendingEdit(); })
                                   : BpmDocument::PendingEditsHook();
    }
    // A read-only map's cells open no editor, whatever key or click asks for one.
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::ReadOnlyChanged))
        m_grid->EnableEditing(m_context.CanEdit());
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::PersonaChanged))
        ShowPersona(m_context.GetPersonaId());
    else if (notice.Has(EditingContext::Edited))
        OnChanges(*notice.edits);
    if (notice.Has(EditingContext::StageChanged) && !stageId.empty() && !m_cursorMoving) ShowStage(stageId);
    // GTK sends no show event when a notebook page comes to the front: rows that changed while
    // another page was shown are sized when the Stages page is.
    if (notice.Has(EditingContext::PageChanged) && m_context.GetPage() == EditingContext::Page::Stages && m_rowsStale)
        ResizeRowsLater();
    if (notice.Has(EditingContext::FocusRequested) && m_context.GetPage() == EditingContext::Page::Stages) {
        m_grid->SetFocus();
        if (m_grid->GetNumberRows() > 0 && m_grid->GetGridCursorRow() < 0) m_grid->SetGridCursor(0, 0);
    }
}

void StageGrid::ShowPersona(const std::string& personaId) {
    if (m_grid->IsCellEditControlEnabled()) m_grid->DisableCellEditControl();
    m_grid->BeginBatch();
    m_grid->ClearSelection();
    m_table->SetPersona(m_doc, personaId);
    if (CanSizeRows()) m_grid->AutoSizeRows(false);
    else m_rowsStale = true;
    m_grid->EndBatch();
    if (m_grid->GetNumberRows() > 0) GoTo(0, 0);
}

bool StageGrid::HasPersona() const { return m_table->GetPersona() != nullptr; }

bool StageGrid::HasCurrentStage() const {
    const int row = m_grid->GetGridCursorRow();
    return HasPersona() && row >= 0 && row < m_grid->GetNumberRows();
}

void StageGrid::OnChanges(const bpm::change_set& changes) {
    const std::string& personaId = m_table->GetPersonaId();
    if (personaId.empty()) return;
    std::set<int> rowsToSize;
    int goToRow = -1;
    // A batch repaints the whole grid when it ends: worth it for a paste, not for one cell.
    const bool batch = changes.size() > 1;
    if (batch) m_grid->BeginBatch();
    for (const bpm::change& c : changes) {
        // The cells' conflict marks: few cells, so the grid repaints what shows.
        if (c.what == bpm::change::kind::conflicts_changed) m_grid->GetGridWindow()->Refresh();
        if (c.persona_id != personaId) continue;
        switch (c.what) {
            case bpm::change::kind::persona_removed:
                m_table->SetPersona(m_doc, {});
                rowsToSize.clear();
                goToRow = -1;
                break;
            case bpm::change::kind::persona_added:
                m_table->Reload();
                for (int r = 0; r < m_grid->GetNumberRows(); ++r) rowsToSize.insert(r);
                break;
            case bpm::change::kind::stage_added: {
                const int row = static_cast<int>(c.index);
                m_table->StageAdded(c.stage_id, c.index);
                // Rows below shift down, so sizes computed for them are kept by the grid.
                std::set<int> shifted;
                for (int r : rowsToSize) shifted.insert(r >= row ? r + 1 : r);
                rowsToSize = std::move(shifted);
                rowsToSize.insert(row);
                goToRow = row;
                break;
            }
            case bpm::change::kind::stage_removed: {
                const int row = static_cast<int>(c.index);
                m_table->StageRemoved(c.index);
                std::set<int> shifted;
                for (int r : rowsToSize)
                    if (r != row) shifted.insert(r > row ? r - 1 : r);
                rowsToSize = std::move(shifted);
                goToRow = std::min(row, m_grid->GetNumberRows() - 1);
                break;
            }
            case bpm::change::kind::stage_moved: {
                const int to = static_cast<int>(c.index);
                const int from = m_table->StageMoved(c.stage_id, c.index);
                if (from == wxNOT_FOUND) break;
                for (int r = std::min(from, to); r <= std::max(from, to); ++r) rowsToSize.insert(r);
                m_grid->RefreshBlock(std::min(from, to), 0, std::max(from, to), column_count - 1);
                goToRow = to;
                break;
            }
            case bpm::change::kind::comments_changed: {
                // The comment markers of the stage's cells.
                const int row = m_table->FindRow(c.stage_id);
                if (row != wxNOT_FOUND) m_grid->RefreshBlock(row, 0, row, column_count - 1);
                break;
            }
            case bpm::change::kind::stage_field: {
                const int row = m_table->FindRow(c.stage_id);
                if (row == wxNOT_FOUND || !c.sfield) break;
                const int col = StageGridTable::ColumnOf(*c.sfield);
                m_grid->RefreshBlock(row, col, row, col);
                rowsToSize.insert(row);
                if (!batch) Flash(row, col);
                break;
            }
            default: break;
        }
    }
    if (CanSizeRows()) {
        for (int row : rowsToSize) {
            if (row < 0 || row >= m_grid->GetNumberRows()) continue;
            const int height = BestRowHeight(row);
            if (height == m_grid->GetRowSize(row)) continue;
            // Resizing a row below the visible part makes wx refresh an area of negative
            // height; inside a batch it refreshes nothing until the batch ends.
            const bool hidden = !batch && !m_grid->IsVisible(row, 0, false);
            if (hidden) m_grid->BeginBatch();
            m_grid->SetRowSize(row, height);
            if (hidden) m_grid->EndBatch();
        }
    } else if (!rowsToSize.empty()) {
        m_rowsStale = true;
    }
    if (batch) m_grid->EndBatch();
    if (goToRow >= 0 && !m_grid->IsCellEditControlShown())
        GoTo(goToRow, std::max(m_grid->GetGridCursorCol(), 0));
}

int StageGrid::BestRowHeight(int row) const {
    wxClientDC dc(m_grid->GetGridWindow());
    int height = m_grid->GetRowMinimalAcceptableHeight();
    for (int col = 0; col < m_grid->GetNumberCols(); ++col) {
        if (!m_grid->IsColShown(col)) continue;
        const wxGridCellAttrPtr attr = static_cast<const MeasurableGrid*>(m_grid)->AttrOf(row, col);
        const wxGridCellRendererPtr renderer = attr->GetRendererPtr(m_grid, row, col);
        height = std::max(height, renderer->GetBestHeight(*m_grid, *attr, dc, row, col, m_grid->GetColSize(col)));
    }
    return height;
}

void StageGrid::GoToField(const std::string& stageId, bpm::stage_field field) {
    const int row = m_table->FindRow(stageId);
    if (row == wxNOT_FOUND) return;
    if (m_grid->IsCellEditControlEnabled()) m_grid->DisableCellEditControl();
    GoTo(row, StageGridTable::ColumnOf(field));
    m_grid->SetFocus();
}

std::string StageGrid::NewStageId() const { return m_doc->Model().new_stage_id(); }

void StageGrid::GoTo(int row, int col) {
    if (row < 0 || row >= m_grid->GetNumberRows()) return;
    m_grid->SetGridCursor(row, col);
    m_grid->MakeCellVisible(row, col);
}

void StageGrid::SubmitBatch(const wxString& label, const std::function<void(bpm::batch&)>& fill) {
    bpm::batch batch(m_doc->History(), ToUtf8(label));
    fill(batch);
    batch.push();
}

void StageGrid::AddStage() {
    if (!HasPersona()) return;
    CommitPendingEdit();
    const int row = m_grid->GetGridCursorRow();
    const std::size_t index = HasCurrentStage() ? static_cast<std::size_t>(row) + 1 : m_table->GetPersona()->stages.size();
    bpm::stage s;
    s.id = NewStageId();
    s.name = bpm::placeholder_stage_name(index);
    if (m_doc->Submit(bpm::insert_stage(m_table->GetPersonaId(), index, std::move(s))))
        GoTo(static_cast<int>(index), 0);
}

void StageGrid::InsertStage() {
    if (!HasPersona()) return;
    CommitPendingEdit();
    const std::size_t index = HasCurrentStage() ? static_cast<std::size_t>(m_grid->GetGridCursorRow()) : 0;
    bpm::stage s;
    s.id = NewStageId();
    s.name = bpm::placeholder_stage_name(index);
    if (m_doc->Submit(bpm::insert_stage(m_table->GetPersonaId(), index, std::move(s))))
        GoTo(static_cast<int>(index), 0);
}

void StageGrid::DeleteStages() {
    if (!HasCurrentStage()) return;
    CommitPendingEdit();
    const Block block = SelectedBlock();
    std::vector<std::string> ids;
    for (int row = block.top; row <= block.bottom; ++row) ids.push_back(m_table->GetStageId(row));
    const std::string personaId = m_table->GetPersonaId();
    if (ids.size() == 1) {
        m_doc->Submit(bpm::remove_stage(personaId, ids.front()));
    } else {
        SubmitBatch(_("Delete Stages"), [&](bpm::batch& batch) {
            for (const std::string& id : ids) batch.submit(bpm::remove_stage(personaId, id));
        });
    }
    m_grid->ClearSelection();
}

void StageGrid::MoveStage(int delta) {
    if (!HasCurrentStage()) return;
    CommitPendingEdit();
    const int row = m_grid->GetGridCursorRow();
    const int target = row + delta;
    if (target < 0 || target >= m_grid->GetNumberRows()) return;
    const int col = m_grid->GetGridCursorCol();
    if (m_doc->Submit(bpm::move_stage(m_table->GetPersonaId(), m_table->GetStageId(row), static_cast<std::size_t>(target))))
        GoTo(target, std::max(col, 0));
}

StageGrid::Block StageGrid::SelectedBlock() const {
    Block block;
    bool any = false;
    for (const wxGridBlockCoords& b : m_grid->GetSelectedBlocks()) {
        if (!any) {
            block = {b.GetTopRow(), b.GetLeftCol(), b.GetBottomRow(), b.GetRightCol()};
            any = true;
            continue;
        }
        block.top = std::min(block.top, b.GetTopRow());
        block.left = std::min(block.left, b.GetLeftCol());
        block.bottom = std::max(block.bottom, b.GetBottomRow());
        block.right = std::max(block.right, b.GetRightCol());
    }
    if (!any) {
        const int row = m_grid->GetGridCursorRow(), col = m_grid->GetGridCursorCol();
        if (row >= 0 && col >= 0) block = {row, col, row, col};
    }
    return block;
}

CellBlock StageGrid::CellsOf(const Block& block) const {
    CellBlock cells;
    const bpm::persona* p = m_table->GetPersona();
    if (!p) return cells;
    for (int row = block.top; row <= block.bottom; ++row) {
        std::vector<std::string> line;
        const bpm::stage* s = p->stage_by_id(m_table->GetStageId(row));
        for (int col = block.left; col <= block.right; ++col)
            if (m_grid->IsColShown(col)) line.push_back(s ? s->field(StageGridTable::FieldOf(col)) : std::string());
        cells.push_back(std::move(line));
    }
    return cells;
}

void StageGrid::Copy() {
    const Block block = SelectedBlock();
    if (block.bottom < block.top || !HasPersona()) return;
    wxClipboardLocker lock;
    if (!lock) return;
    wxTheClipboard->SetData(new wxTextDataObject(ToWx(FormatTabSeparated(CellsOf(block)))));
}

void StageGrid::Cut() {
    Copy();
    const Block block = SelectedBlock();
    if (block.bottom < block.top || !HasPersona()) return;
    const std::string personaId = m_table->GetPersonaId();
    SubmitBatch(_("Cut"), [&](bpm::batch& batch) {
        for (int row = block.top; row <= block.bottom; ++row)
            for (int col = block.left; col <= block.right; ++col)
                batch.submit(bpm::set_stage_field(personaId, m_table->GetStageId(row), StageGridTable::FieldOf(col), {}));
    });
}

void StageGrid::ClearCells() {
    const Block block = SelectedBlock();
    if (block.bottom < block.top || !HasPersona()) return;
    const std::string personaId = m_table->GetPersonaId();
    SubmitBatch(_("Clear Cells"), [&](bpm::batch& batch) {
        for (int row = block.top; row <= block.bottom; ++row)
            for (int col = block.left; col <= block.right; ++col)
                batch.submit(bpm::set_stage_field(personaId, m_table->GetStageId(row), StageGridTable::FieldOf(col), {}));
    });
}

void StageGrid::PasteFromClipboard() {
    wxClipboardLocker lock;
    if (!lock || !wxTheClipboard->IsSupported(wxDF_UNICODETEXT)) return;
    wxTextDataObject data;
    if (wxTheClipboard->GetData(data)) PasteText(data.GetText());
}

bool StageGrid::ClipboardHoldsBlock() {
    wxClipboardLocker lock;
    if (!lock || !wxTheClipboard->IsSupported(wxDF_UNICODETEXT)) return false;
    wxTextDataObject data;
    if (!wxTheClipboard->GetData(data)) return false;
    const CellBlock block = ParseTabSeparated(ToUtf8(data.GetText()));
    return block.size() > 1 || (block.size() == 1 && block.front().size() > 1);
}

bool StageGrid::PasteText(const wxString& text) {
    if (!HasPersona()) return false;
    CommitPendingEdit();
    const CellBlock block = ParseTabSeparated(ToUtf8(text));
    if (block.empty()) return false;
    const int top = std::max(m_grid->GetGridCursorRow(), 0);
    const int left = std::max(m_grid->GetGridCursorCol(), 0);
    const std::string personaId = m_table->GetPersonaId();
    int right = left;
    SubmitBatch(_("Paste"), [&](bpm::batch& batch) {
        for (std::size_t r = 0; r < block.size(); ++r) {
            // Edits in a batch apply at once: the model already holds the stages added for
            // earlier lines, even though the grid hears of them only when the batch is pushed.
            const bpm::persona& p = *m_table->GetPersona();
            const std::size_t index = static_cast<std::size_t>(top) + r;
            if (index >= p.stages.size()) {
                bpm::stage s;
                s.id = NewStageId();
                s.name = bpm::placeholder_stage_name(index);
                if (!batch.submit(bpm::insert_stage(personaId, index, std::move(s)))) break;
            }
            const std::string stageId = m_table->GetPersona()->stages[index].id;
            int col = left;
            for (const std::string& cell : block[r]) {
                while (col < column_count && !m_grid->IsColShown(col)) ++col;
                if (col >= column_count) break;
                batch.submit(bpm::set_stage_field(personaId, stageId, StageGridTable::FieldOf(col), cell));
                right = std::max(right, col);
                ++col;
            }
        }
    });
    const int bottom = std::min(top + static_cast<int>(block.size()) - 1, m_grid->GetNumberRows() - 1);
    GoTo(top, left);
    m_grid->SelectBlock(top, left, bottom, right);
    return true;
}

void StageGrid::CommitPendingEdit() {
    if (m_grid->IsCellEditControlEnabled()) m_grid->DisableCellEditControl();
}

bool StageGrid::HasPendingEdit() const {
    if (!m_grid->IsCellEditControlShown()) return false;
    const int row = m_grid->GetGridCursorRow(), col = m_grid->GetGridCursorCol();
    wxGridCellEditor* editor = m_grid->GetCellEditor(row, col);
    const bool changed = editor->GetValue() != m_grid->GetCellValue(row, col);
    editor->DecRef();
    return changed;
}

void StageGrid::OnKeyDown(wxKeyEvent& event) {
    const bool editing = m_grid->IsCellEditControlEnabled();
    const int key = event.GetKeyCode();
    if (!editing && event.GetModifiers() == wxMOD_NONE && (key == WXK_DELETE || key == WXK_BACK)) {
        ClearCells();
        return;
    }
    const bool menuKey = key == WXK_WINDOWS_MENU || (key == WXK_F10 && event.GetModifiers() == wxMOD_SHIFT);
    if (!editing && menuKey && HasCurrentStage()) {
        const int row = m_grid->GetGridCursorRow(), col = m_grid->GetGridCursorCol();
        const wxPoint corner = m_grid->CellToRect(row, col).GetBottomLeft();
        const wxPoint onScreen = m_grid->GetGridWindow()->ClientToScreen(m_grid->CalcScrolledPosition(corner));
        ShowStageMenu(row, col, ScreenToClient(onScreen));
        return;
    }
    event.Skip();
}

void StageGrid::OnTabbing(wxGridEvent& event) {
    // Tab walks the cells row by row like a spreadsheet, and leaves the grid past its last cell
    // (Shift+Tab: before its first), so the keyboard is never stuck in it.
    const bool back = event.ShiftDown();
    const int rows = m_grid->GetNumberRows();
    int row = event.GetRow(), col = event.GetCol();
    const auto visible = [this](int c) { return c >= 0 && c < m_grid->GetNumberCols() && m_grid->IsColShown(c); };
    do col += back ? -1 : 1;
    while (col >= 0 && col < m_grid->GetNumberCols() && !visible(col));
    if (!visible(col)) {
        row += back ? -1 : 1;
        col = back ? m_grid->GetNumberCols() - 1 : 0;
        while (!visible(col)) col += back ? -1 : 1;
    }
    if (row < 0 || row >= rows) {
        // Within the page the grid is the last control, so leaving it means the next panel, as F6.
        CommitPendingEdit();
        wxCommandEvent panel(wxEVT_MENU, back ? ID_FOCUS_PREVIOUS_PANEL : ID_FOCUS_NEXT_PANEL);
        panel.SetEventObject(this);
        if (wxWindow* frame = wxGetTopLevelParent(this)) frame->GetEventHandler()->ProcessEvent(panel);
        return;
    }
    CommitPendingEdit();
    MoveCursorOnceEditorClosed(row, col);
}

void StageGrid::MoveCursorOnceEditorClosed(int row, int col) {
    // The closed editor is destroyed by a call queued when it closed (see EDITOR_HIDDEN): moving
    // now could scroll the grid with the hidden editor still in it, which GTK complains of.
    CallAfter([this, row, col] {
        if (row < 0 || row >= m_grid->GetNumberRows() || col < 0 || col >= m_grid->GetNumberCols()) return;
        m_grid->SetGridCursor(row, col);
        m_grid->MakeCellVisible(row, col);
    });
}

void StageGrid::OnCellRightClick(wxGridEvent& event) {
    if (HasPersona()) ShowStageMenu(event.GetRow(), event.GetCol(), wxDefaultPosition);
}

void StageGrid::ShowStageMenu(int row, int col, const wxPoint& at) {
    if (!m_grid->IsInSelection(row, col)) GoTo(row, col);
    wxMenu menu;
    if (m_table->HasConflict(row, col)) AppendConflictItems(menu);
    menu.Append(ID_STAGE_INSERT, _("&Insert Stage Above\tCtrl+Shift+I"));
    menu.Append(ID_STAGE_ADD, _("&Add Stage Below\tCtrl+Shift+N"));
    menu.Append(ID_STAGE_DELETE, _("&Delete Stage\tCtrl+Delete"));
    menu.AppendSeparator();
    menu.Append(ID_STAGE_MOVE_UP, _("Move Stage &Up\tAlt+Up"));
    menu.Append(ID_STAGE_MOVE_DOWN, _("Move Stage Do&wn\tAlt+Down"));
    menu.AppendSeparator();
    menu.Append(ID_STAGE_SUGGEST, _("&Suggest Seller Alignment\tCtrl+Shift+H"));
    menu.Append(ID_COMMENT_ADD, _("Add Co&mment...\tCtrl+Alt+M"));
    menu.AppendSeparator();
    menu.Append(wxID_CUT);
    menu.Append(wxID_COPY);
    menu.Append(wxID_PASTE);
    menu.Enable(ID_STAGE_MOVE_UP, row > 0);
    menu.Enable(ID_STAGE_MOVE_DOWN, row + 1 < m_grid->GetNumberRows());
    PopupMenu(&menu, at);
}

void StageGrid::OnLabelRightClick(wxGridEvent& event) {
    if (event.GetCol() < 0) {
        event.Skip();
        return;
    }
    wxMenu menu;
    for (int col = 0; col < column_count; ++col) {
        menu.AppendCheckItem(ID_COLUMN_FIRST + col, m_table->GetColLabelValue(col));
        menu.Check(ID_COLUMN_FIRST + col, IsColumnShown(col));
    }
    menu.Enable(ID_COLUMN_FIRST, false);
    menu.AppendSeparator();
    menu.Append(ID_COLUMNS_RESET, _("&Reset Columns"));
    PopupMenu(&menu);
}

void StageGrid::OnCommand(wxCommandEvent& event) {
    const int id = event.GetId();
    switch (id) {
        case ID_STAGE_ADD: AddStage(); break;
        case ID_STAGE_INSERT: InsertStage(); break;
        case ID_STAGE_DELETE: DeleteStages(); break;
        case ID_STAGE_MOVE_UP: MoveStage(-1); break;
        case ID_STAGE_MOVE_DOWN: MoveStage(+1); break;
        case wxID_CUT: Cut(); break;
        case wxID_COPY: Copy(); break;
        case wxID_PASTE: PasteFromClipboard(); break;
        case ID_COLUMNS_RESET: ResetColumns(); break;
        default:
            if (id >= ID_COLUMN_FIRST && id <= ID_COLUMN_LAST) SetColumnShown(id - ID_COLUMN_FIRST, !IsColumnShown(id - ID_COLUMN_FIRST));
            else event.Skip();
    }
}

void StageGrid::OnUpdateCommand(wxUpdateUIEvent& event) {
    const int row = m_grid->GetGridCursorRow();
    if (!m_context.CanEdit()) {
        event.Enable(false);
        return;
    }
    switch (event.GetId()) {
        case ID_STAGE_ADD:
        case ID_STAGE_INSERT: event.Enable(HasPersona()); break;
        case ID_STAGE_DELETE: event.Enable(HasCurrentStage()); break;
        case ID_STAGE_MOVE_UP: event.Enable(HasCurrentStage() && row > 0); break;
        case ID_STAGE_MOVE_DOWN: event.Enable(HasCurrentStage() && row + 1 < m_grid->GetNumberRows()); break;
        default: event.Skip();
    }
}

void StageGrid::ShowStage(const std::string& stageId) {
    const int row = m_table->FindRow(stageId);
    if (row == wxNOT_FOUND || m_grid->IsCellEditControlShown()) return;
    int col = std::max(m_grid->GetGridCursorCol(), 0);
    if (const auto& field = m_context.GetStageField(); field && m_grid->IsColShown(StageGridTable::ColumnOf(*field)))
        col = StageGridTable::ColumnOf(*field);
    GoTo(row, col);
}

void StageGrid::Flash(int row, int col) {
    if (!m_flashTimer.GetOwner()) {
        m_flashTimer.SetOwner(this);
        Bind(wxEVT_TIMER, &StageGrid::OnFlashEnd, this, m_flashTimer.GetId());
    }
    m_grid->SetCellBackgroundColour(row, col, wxColour(0xFF, 0xF0, 0xB3));
    m_grid->RefreshBlock(row, col, row, col);
    m_flashed.emplace_back(row, col);
    m_flashTimer.StartOnce(900);
}

void StageGrid::OnFlashEnd(wxTimerEvent&) {
    const wxColour normal = m_grid->GetDefaultCellBackgroundColour();
    for (const auto& [row, col] : m_flashed) {
        // Rows may have been removed meanwhile.
        if (row >= m_grid->GetNumberRows()) continue;
        m_grid->SetCellBackgroundColour(row, col, normal);
        m_grid->RefreshBlock(row, col, row, col);
    }
    m_flashed.clear();
}
