// MainFrame: the menus, the toolbar and what their commands do.
#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/filename.h>
#include <wx/grid.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/toolbar.h>

#include "ai_service.h"
#include "bpm/version.h"
#include "chat_panel.h"
#include "command_ids.h"
#include "comment_commands.h"
#include "conflicts_ui.h"
#include "doc_manager.h"
#include "main_frame.h"
#include "persona_commands.h"
#include "stage_grid.h"
#include "summary_panel.h"
#include "wx_string.h"

namespace {

// The sample map: installed beside the program, or in the source tree of a build.
wxString SampleMapPath() {
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    const wxString name = "nlyzer-b2b-personas.bpm";
    wxFileName installed(exe.GetPath(), name);
    installed.AppendDir("..");
    installed.AppendDir("share");
    installed.AppendDir("bpmap");
    installed.AppendDir("samples");
    if (installed.FileExists()) return installed.GetAbsolutePath();
    const wxFileName source(BPM_SOURCE_SAMPLES_DIR, name);
    return source.FileExists() ? source.GetFullPath() : wxString();
}

}  // namespace

void MainFrame::CreateMenus() {
    auto* file = new wxMenu;
    file->Append(wxID_NEW, _("&New Map\tCtrl+N"), _("Start a new, empty map; the assistant asks about the first persona"));
    file->Append(wxID_OPEN, _("&Open...\tCtrl+O"), _("Open a map"));
    auto* recent = new wxMenu;
    file->AppendSubMenu(recent, _("Open &Recent"));
    file->Append(ID_OPEN_SAMPLE, _("Open the Sa&mple Map"), _("Open the NLyzer sample with eight B2B personas"));
    file->AppendSeparator();
    file->Append(wxID_SAVE, _("&Save\tCtrl+S"));
    file->Append(wxID_SAVEAS, _("Save &As...\tCtrl+Shift+S"));
    file->Append(wxID_REVERT, _("Re&vert to Saved"), _("Discard the changes since the last save"));
    file->Append(ID_RECOVER, _("Recover Unsaved &Maps..."),
                 _("Maps with changes that were not saved when the editor last stopped unexpectedly"));
    file->AppendSeparator();
    file->Append(wxID_PRINT_SETUP, _("Page Set&up..."), _("Paper, orientation and margins for printing and PDF"));
    file->Append(wxID_PREVIEW, _("Print Pre&view..."), _("See the printed pages of the whole map"));
    file->Append(wxID_PRINT, _("&Print...\tCtrl+P"), _("Print the whole map: cover, stage table, journey map and summary per persona"));
    auto* exports = new wxMenu;
    exports->Append(ID_EXPORT_PDF, _("&PDF...\tCtrl+E"), _("The printed pages as a PDF, optionally protected by a password"));
    exports->Append(ID_EXPORT_PNG, _("Journey Map as &PNG..."), _("A picture of the journey map, for slides"));
    exports->Append(ID_EXPORT_SVG, _("Journey Map as &SVG..."), _("The journey map as a scalable drawing"));
    exports->Append(ID_EXPORT_MERMAID, _("Journey as Mer&maid..."),
                    _("The selected persona's journey as a Mermaid user journey diagram, for GitHub and wikis"));
    exports->AppendSeparator();
    exports->Append(ID_EXPORT_JSON, _("&JSON..."), _("The whole map as JSON in the spec's shape, for scripts"));
    exports->Append(ID_EXPORT_CSV, _("&CSV..."), _("Every stage of every persona as a table, for spreadsheets"));
    exports->Append(ID_EXPORT_XLSX, _("E&xcel Workbook..."), _("An overview sheet and a sheet of stages per persona"));
    exports->Append(ID_EXPORT_MARKDOWN, _("&Markdown Playbook..."), _("The map as a Markdown document, for wikis"));
    file->Append(ID_EXPORT_MENU, _("&Export"), exports);
    file->AppendSeparator();
    file->Append(wxID_CLOSE, _("&Close\tCtrl+W"));
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
    GetDocumentManager()->FileHistoryUseMenu(recent);
    GetDocumentManager()->FileHistoryAddFilesToMenu(recent);

    m_editMenu = new wxMenu;
    m_editMenu->Append(wxID_UNDO, _("&Undo\tCtrl+Z"));
    m_editMenu->Append(wxID_REDO, _("&Redo\tCtrl+Shift+Z"));
    m_editMenu->AppendSeparator();
    m_editMenu->Append(wxID_CUT, _("Cu&t\tCtrl+X"));
    m_editMenu->Append(wxID_COPY, _("&Copy\tCtrl+C"));
    m_editMenu->Append(wxID_PASTE, _("&Paste\tCtrl+V"));
    m_editMenu->Append(wxID_SELECTALL, _("Select &All\tCtrl+A"));
    m_editMenu->AppendSeparator();
    auto* conflicts = new wxMenu;
    conflicts->Append(ID_CONFLICT_NEXT, _("&Next Conflict\tF8"), _("Go to the next conflict a merge left in the map"));
    conflicts->Append(ID_CONFLICT_PREVIOUS, _("&Previous Conflict\tShift+F8"), _("Go to the previous conflict"));
    conflicts->AppendSeparator();
    conflicts->Append(ID_CONFLICT_KEEP_MINE, _("&Keep Mine"), _("Settle the conflict shown with the map's value"));
    conflicts->Append(ID_CONFLICT_TAKE_THEIRS, _("&Take Theirs"), _("Settle the conflict shown with the other version's value"));
    conflicts->Append(ID_CONFLICT_EDIT, _("&Edit Conflicted Value..."), _("Settle the conflict shown with a value you type"));
    // TRANSLATORS: the Edit menu's submenu about conflicts a merge of two versions left
    m_editMenu->AppendSubMenu(conflicts, _("Con&flicts"));
    m_editMenu->Append(ID_COMMENT_ADD, _("Add Co&mment...\tCtrl+Alt+M"),
                       _("Comment on the cell, stage or persona field you are on, for your team to read and answer"));
    m_editMenu->AppendSeparator();
    m_editMenu->Append(wxID_PREFERENCES, _("Pre&ferences...\tCtrl+,"), _("The AI service the assistant may use"));

    auto* view = new wxMenu;
    view->AppendCheckItem(ID_SHOW_PERSONA_LIST, _("Persona &List\tCtrl+0"),
                          _("Show the persona list and go to it; from the list, hide it"));
    view->AppendSeparator();
    view->Append(ID_SHOW_PERSONA, _("&Persona\tCtrl+1"), _("The persona's name, profile and pain points"));
    view->Append(ID_SHOW_STAGES, _("Buying &Stages\tCtrl+2"), _("The grid of buying stages"));
    view->Append(ID_SHOW_JOURNEY, _("&Journey Map\tCtrl+3"), _("The persona's journey as a flowchart"));
    view->Append(ID_SHOW_SUMMARY, _("S&ummary\tCtrl+4"), _("The summary of the persona's journey"));
    view->Append(ID_SHOW_DASHBOARD, _("&Dashboard\tCtrl+5"), _("All personas at a glance"));
    view->AppendCheckItem(ID_SHOW_ASSISTANT, _("&Assistant\tCtrl+Shift+A"), _("Show the assistant and type an answer"));
    view->AppendCheckItem(ID_SHOW_COMMENTS, _("Co&mments\tCtrl+Shift+M"),
                          _("Show the map's open comments and go to them; from the list, hide them"));
    view->AppendSeparator();
    view->Append(ID_FOCUS_NEXT_PANEL, _("&Next Panel\tF6"), _("Move the keyboard focus to the next panel"));
    view->Append(ID_FOCUS_PREVIOUS_PANEL, _("P&revious Panel\tShift+F6"), _("Move the keyboard focus to the previous panel"));
    view->AppendSeparator();
    m_columnsMenu = new wxMenu;
    for (int col = 0; col < 7; ++col)
        m_columnsMenu->AppendCheckItem(ID_COLUMN_FIRST + col, ToWx(bpm::stage_field_title(bpm::all_stage_fields[col])));
    m_columnsMenu->AppendSeparator();
    m_columnsMenu->Append(ID_COLUMNS_RESET, _("&Reset Columns"));
    view->AppendSubMenu(m_columnsMenu, _("Stage &Columns"));
    view->Append(ID_RESET_LAYOUT, _("Reset &Layout"), _("Put the panes back where they started"));
    view->AppendSeparator();
    view->Append(ID_ZOOM_IN, _("Zoom &In\tCtrl+="), _("Enlarge the journey map"));
    view->Append(ID_ZOOM_OUT, _("Zoom &Out\tCtrl+-"), _("Shrink the journey map"));
    view->Append(ID_ZOOM_FIT, _("Zoom to &Fit\tCtrl+Shift+1"), _("Show the whole journey map"));
    view->Append(ID_ZOOM_ACTUAL, _("Actual Si&ze\tCtrl+Shift+0"), _("Show the journey map at 100%"));

    auto* persona = new wxMenu;
    persona->Append(ID_PERSONA_ADD, _("&Add New Persona\tCtrl+Shift+P"), _("Define another buyer persona"));
    persona->Append(ID_PERSONA_FROM_NOTES, _("New Persona from &Notes...\tCtrl+Shift+O"),
                    _("Paste interview notes or a call transcript; the AI assistant drafts the persona"));
    persona->Append(ID_PERSONA_EDIT, _("&Edit Persona"), _("Open the persona's form"));
    persona->Append(ID_PERSONA_DELETE, _("&Delete Persona"));
    persona->AppendSeparator();
    persona->Append(ID_PERSONA_MOVE_UP, _("Move Persona &Up"));
    persona->Append(ID_PERSONA_MOVE_DOWN, _("Move Persona Do&wn"));
    persona->AppendSeparator();
    persona->Append(ID_SUMMARY_GENERATE, _("&Generate Summary\tCtrl+Shift+G"));
    persona->Append(ID_PERSONA_FINISH, _("&Finish Persona\tCtrl+Shift+F"), _("Mark the persona as completed"));
    persona->Append(ID_PERSONA_REOPEN, _("&Reopen Persona"), _("Mark the persona as in progress again"));
    persona->Append(ID_PERSONA_SETTLE_STATUS, _("&Match Status to Stages"),
                    _("Reopen a completed persona with empty stage fields, or finish one whose fields are all filled"));

    auto* stage = new wxMenu;
    stage->Append(ID_STAGE_ADD, _("&Add Stage Below\tCtrl+Shift+N"));
    stage->Append(ID_STAGE_INSERT, _("&Insert Stage Above\tCtrl+Shift+I"));
    stage->Append(ID_STAGE_DELETE, _("&Delete Stage\tCtrl+Delete"));
    stage->AppendSeparator();
    stage->Append(ID_STAGE_MOVE_UP, _("Move Stage &Up\tAlt+Up"));
    stage->Append(ID_STAGE_MOVE_DOWN, _("Move Stage Do&wn\tAlt+Down"));
    stage->AppendSeparator();
    stage->Append(ID_STAGE_SUGGEST, _("&Suggest Seller Alignment\tCtrl+Shift+H"),
                  _("The AI assistant suggests seller actions, content and a key message for the stage"));
    stage->Append(ID_AI_STOP, _("Stop the AI &Assistant"), _("Stop what the AI assistant is writing"));

    auto* help = new wxMenu;
    help->Append(ID_KEYBOARD_HELP, _("&Keyboard Shortcuts\tF1"), _("Every key the editor understands"));
    help->AppendSeparator();
    help->Append(wxID_ABOUT, _("&About Buying Process Mapper"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(m_editMenu, _("&Edit"));
    bar->Append(view, _("&View"));
    bar->Append(persona, _("&Persona"));
    bar->Append(stage, _("&Stage"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    // A second key for Redo, as on other desktops.
    wxAcceleratorEntry extra[] = {{wxACCEL_CTRL, 'Y', wxID_REDO}};
    SetAcceleratorTable(wxAcceleratorTable(1, extra));
}

void MainFrame::CreateTools() {
    m_tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_FLAT);
    const auto tool = [&](int id, const wxString& label, const wxArtID& art, const wxString& help) {
        m_tools->AddTool(id, label, wxArtProvider::GetBitmapBundle(art, wxART_TOOLBAR), help);
    };
    tool(wxID_NEW, _("New"), wxART_NEW, _("New map (Ctrl+N)"));
    tool(wxID_OPEN, _("Open"), wxART_FILE_OPEN, _("Open a map (Ctrl+O)"));
    tool(wxID_SAVE, _("Save"), wxART_FILE_SAVE, _("Save (Ctrl+S)"));
    m_tools->AddSeparator();
    tool(wxID_UNDO, _("Undo"), wxART_UNDO, _("Undo"));
    tool(wxID_REDO, _("Redo"), wxART_REDO, _("Redo"));
    m_tools->AddSeparator();
    tool(wxID_CUT, _("Cut"), wxART_CUT, _("Cut (Ctrl+X)"));
    tool(wxID_COPY, _("Copy"), wxART_COPY, _("Copy (Ctrl+C)"));
    tool(wxID_PASTE, _("Paste"), wxART_PASTE, _("Paste (Ctrl+V)"));
    m_tools->Realize();
}

void MainFrame::BindCommands() {
    const auto both = [this](int id, void (MainFrame::*handler)(wxCommandEvent&)) {
        Bind(wxEVT_MENU, handler, this, id);
        Bind(wxEVT_BUTTON, handler, this, id);
    };
    BindPersonaCommands(*this, m_context);
    both(ID_SUMMARY_GENERATE, &MainFrame::OnGenerateSummary);
    Bind(wxEVT_MENU, &MainFrame::OnStageCommand, this, ID_STAGE_ADD, ID_STAGE_MOVE_DOWN);
    Bind(wxEVT_MENU, &MainFrame::OnStageCommand, this, ID_COLUMN_FIRST, ID_COLUMNS_RESET);
    for (int id : {wxID_CUT, wxID_COPY, wxID_PASTE, wxID_SELECTALL}) {
        Bind(wxEVT_MENU, &MainFrame::OnClipboard, this, id);
        Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateClipboard, this, id);
    }
    Bind(wxEVT_MENU, &MainFrame::OnShowPage, this, ID_SHOW_PERSONA_LIST, ID_SHOW_DASHBOARD);
    Bind(wxEVT_MENU, &MainFrame::OnOpenSample, this, ID_OPEN_SAMPLE);
    Bind(wxEVT_MENU, &MainFrame::OnAbout, this, wxID_ABOUT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { wxStaticCast(GetDocumentManager(), BpmDocManager)->OfferRecovery(true); },
         ID_RECOVER);
    BindConflictCommands(*this, *m_conflictBar);
    BindNavigation();
    BindOutput();
    BindAi();
    BindCommentCommands(*this);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        m_aui.LoadPerspective(m_defaultPerspective, false);
        m_personaListWanted = true;
        SetPersonaListShown(Doc() != nullptr);
        m_stageGrid->ResetColumns();
    }, ID_RESET_LAYOUT);
    Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateStageCommand, this, ID_STAGE_ADD, ID_STAGE_MOVE_DOWN);
    Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateStageCommand, this, ID_COLUMN_FIRST, ID_COLUMNS_RESET);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
        e.Enable(Doc() != nullptr);
        e.Check(Doc() && m_aui.GetPane("personas").IsShown());
    }, ID_SHOW_PERSONA_LIST);
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(Doc() != nullptr); }, ID_SHOW_PERSONA, ID_SHOW_DASHBOARD);
    m_pages->Bind(wxEVT_NOTEBOOK_PAGE_CHANGING, [this](wxBookCtrlEvent& e) {
        m_context.CommitPendingEdits();
        e.Skip();
    });
    // A tab the user clicks is the context's page too.
    m_pages->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (e.GetEventObject() == m_pages && e.GetSelection() >= 0) m_context.ShowPage(static_cast<Page>(e.GetSelection()));
        e.Skip();
    });
}

void MainFrame::OnGenerateSummary(wxCommandEvent&) {
    m_context.CommitPendingEdits();
    m_context.ShowPage(Page::Summary);
    // With an AI service on, the assistant writes it and says how that went; otherwise, or while
    // the service is busy, the offline summary is written at once.
    if (m_ai->Active() && m_chat->WriteAiSummary(m_context.GetPersonaId())) {
        FocusPanel(Panel::Assistant);
        return;
    }
    m_summary->Generate();
}

void MainFrame::OnStageCommand(wxCommandEvent& event) {
    m_context.ShowPage(Page::Stages);
    m_stageGrid->ProcessWindowEventLocally(event);
}

void MainFrame::OnClipboard(wxCommandEvent& event) {
    wxWindow* focus = FindFocus();
    // A spreadsheet's block goes into the grid's cells, even while a cell editor is open.
    const bool inGrid = m_stageGrid->IsDescendant(focus);
    if (inGrid && event.GetId() == wxID_PASTE && StageGrid::ClipboardHoldsBlock()) {
        m_stageGrid->PasteFromClipboard();
        return;
    }
    if (auto* text = dynamic_cast<wxTextEntry*>(focus)) {
        switch (event.GetId()) {
            case wxID_CUT: text->Cut(); break;
            case wxID_COPY: text->Copy(); break;
            case wxID_PASTE: text->Paste(); break;
            case wxID_SELECTALL: text->SelectAll(); break;
        }
        return;
    }
    if (!inGrid && m_context.GetPage() != Page::Stages) return;
    switch (event.GetId()) {
        case wxID_CUT: m_stageGrid->Cut(); break;
        case wxID_COPY: m_stageGrid->Copy(); break;
        case wxID_PASTE: m_stageGrid->PasteFromClipboard(); break;
        case wxID_SELECTALL: m_stageGrid->GetGrid()->SelectAll(); break;
    }
}

void MainFrame::OnUpdateClipboard(wxUpdateUIEvent& event) {
    wxWindow* focus = FindFocus();
    if (auto* text = dynamic_cast<wxTextEntry*>(focus)) {
        switch (event.GetId()) {
            case wxID_CUT: event.Enable(text->CanCut()); break;
            case wxID_COPY: event.Enable(text->CanCopy()); break;
            case wxID_PASTE: event.Enable(text->IsEditable()); break;
            default: event.Enable(true);
        }
        return;
    }
    const bool grid = Doc() && (m_stageGrid->IsDescendant(focus) || m_context.GetPage() == Page::Stages);
    // A read-only map still copies; cutting and pasting would change it.
    const bool changes = event.GetId() == wxID_CUT || event.GetId() == wxID_PASTE;
    event.Enable(grid && (!changes || m_context.CanEdit()) &&
                 (event.GetId() == wxID_PASTE ? m_stageGrid->HasPersona() : m_stageGrid->HasCurrentStage()));
}

void MainFrame::OnShowPage(wxCommandEvent& event) {
    if (!Doc()) return;
    switch (event.GetId()) {
        case ID_SHOW_PERSONA_LIST: {
            // A check item: clicked in the menu it shows or hides the list as its tick says. Its
            // key goes to the list, and hides it when the list already has the keyboard.
            const bool fromMenu = dynamic_cast<wxMenu*>(event.GetEventObject()) != nullptr;
            const bool hide = fromMenu ? !event.IsChecked()
                                       : m_aui.GetPane("personas").IsShown() && GetFocusedPanel() == Panel::Personas;
            if (!hide) {
                FocusPanel(Panel::Personas);
                break;
            }
            m_personaListWanted = false;
            SetPersonaListShown(false);
            FocusPanel(Panel::Main);
            break;
        }
        case ID_SHOW_PERSONA: m_context.ShowPage(Page::Persona); break;
        case ID_SHOW_STAGES: m_context.FocusPage(Page::Stages); break;
        case ID_SHOW_JOURNEY: m_context.FocusPage(Page::JourneyMap); break;
        case ID_SHOW_SUMMARY: m_context.ShowPage(Page::Summary); break;
        case ID_SHOW_DASHBOARD: m_context.ShowPage(Page::Dashboard); break;
    }
}

void MainFrame::OnOpenSample(wxCommandEvent&) {
    const wxString path = SampleMapPath();
    if (path.empty()) {
        m_prompts.reportProblem(this, _("The sample map is not installed."), wxString());
        return;
    }
    GetDocumentManager()->CreateDocument(path, wxDOC_SILENT);
}

void MainFrame::OnAbout(wxCommandEvent&) {
    wxAboutDialogInfo info;
    info.SetName(wxTheApp->GetAppDisplayName());
    info.SetVersion(bpm::version);
    info.SetDescription(_("Map how each of your buyer personas buys, stage by stage, and align your seller actions, "
                          "content and key messages with every step."));
    wxAboutBox(info, this);
}

void MainFrame::OnUpdateStageCommand(wxUpdateUIEvent& event) {
    const int id = event.GetId();
    if (id >= ID_COLUMN_FIRST && id <= ID_COLUMN_LAST) {
        event.Check(m_stageGrid->IsColumnShown(id - ID_COLUMN_FIRST));
        event.Enable(id != ID_COLUMN_FIRST);
        return;
    }
    if (id == ID_COLUMNS_RESET) return;
    if (!Doc() || m_context.GetPage() != Page::Stages) {
        event.Enable(false);
        return;
    }
    event.Skip();
    m_stageGrid->ProcessWindowEventLocally(event);
}
