#include "main_frame.h"

#include <algorithm>

#include <wx/app.h>
#include <wx/aui/dockart.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/toolbar.h>

#include "accessibility.h"
#include "ai_preferences.h"
#include "ai_service.h"
#include "bpm/completeness.h"
#include "chat_panel.h"
#include "dashboard_view.h"
#include "empty_map_panel.h"
#include "journey_map_view.h"
#include "map_printout.h"
#include "doc_manager.h"
#include "history_command_processor.h"
#include "persona_form.h"
#include "persona_list.h"
#include "stage_grid.h"
#include "summary_panel.h"
#include "welcome_card.h"
#include "wx_string.h"

namespace {

const char* const perspective_key = "/Layout/Perspective";
const char* const width_key = "/Layout/Width";
const char* const height_key = "/Layout/Height";
const char* const maximized_key = "/Layout/Maximized";
const char* const personas_pane = "personas";
const char* const main_pane = "main";
const char* const chat_pane = "chat";

}  // namespace

MainFrame::MainFrame(wxDocManager* manager)
    // Created at a usable size: laid out at wx's tiny default size, GTK complains about
    // scrollbars with no room.
    : wxDocParentFrame(manager, nullptr, wxID_ANY, wxTheApp->GetAppDisplayName(), wxDefaultPosition,
                       wxSize(1280, 800)),
      m_pageSetup(DefaultPageSetup()) {
    SetAccessibleName(this, wxTheApp->GetAppDisplayName());
    m_aui.SetManagedWindow(this);
    m_aui.SetFlags(wxAUI_MGR_DEFAULT | wxAUI_MGR_LIVE_RESIZE);
    wxAuiDockArt* art = m_aui.GetArtProvider();
    art->SetMetric(wxAUI_DOCKART_GRADIENT_TYPE, wxAUI_GRADIENT_NONE);
    art->SetMetric(wxAUI_DOCKART_PANE_BORDER_SIZE, 0);
    art->SetMetric(wxAUI_DOCKART_SASH_SIZE, FromDIP(5));
    art->SetColour(wxAUI_DOCKART_ACTIVE_CAPTION_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    art->SetColour(wxAUI_DOCKART_INACTIVE_CAPTION_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    art->SetColour(wxAUI_DOCKART_ACTIVE_CAPTION_TEXT_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT));
    art->SetColour(wxAUI_DOCKART_INACTIVE_CAPTION_TEXT_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT));

    CreateMenus();
    CreateTools();
    CreateStatusBar(2);
    const int widths[] = {-1, FromDIP(360)};
    SetStatusWidths(2, widths);
    CreatePanes();
    BindCommands();
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::OnClose, this);
    SetMinSize(FromDIP(wxSize(800, 520)));
    ShowDocument(nullptr);
}

MainFrame::~MainFrame() {
    ClosePreferences();
    m_subscription.Reset();
    m_aui.UnInit();
}

void MainFrame::CreatePanes() {
    m_personaList = new PersonaList(this, [this](const std::string& id) { SelectPersona(id); });
    m_aui.AddPane(m_personaList, wxAuiPaneInfo()
                                     .Name(personas_pane)
                                     .Caption(_("Personas"))
                                     .Left()
                                     .Layer(1)
                                     .BestSize(FromDIP(wxSize(250, 400)))
                                     .MinSize(FromDIP(wxSize(220, 200)))
                                     .CloseButton(true)
                                     .MaximizeButton(false));

    m_mainArea = new wxSimplebook(this, wxID_ANY);
    m_welcome = new WelcomeCard(m_mainArea);
    m_pages = new wxNotebook(m_mainArea, wxID_ANY);
    SetAccessibleName(m_pages, _("Main area"));
    m_personaForm = new PersonaForm(m_pages);
    m_stageGrid = new StageGrid(m_pages);
    m_journey = new JourneyMapView(m_pages);
    m_journey->onStageChosen = [this](const std::string& stageId) { m_stageGrid->ShowStage(stageId); };
    m_journey->onStageActivated = [this](const std::string& stageId) {
        ShowPage(Page::Stages);
        m_stageGrid->ShowStage(stageId);
        m_stageGrid->GetGrid()->SetFocus();
    };
    // The map follows the grid's cursor, so both always show the same stage as selected.
    m_stageGrid->GetGrid()->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
        event.Skip();
        const bpm::persona* p = SelectedPersona();
        const int row = event.GetRow();
        if (p && row >= 0 && static_cast<std::size_t>(row) < p->stages.size())
            m_journey->SelectStage(p->stages[static_cast<std::size_t>(row)].id);
    });
    m_summary = new SummaryPanel(m_pages);
    m_dashboard = new DashboardView(m_pages, [this](const std::string& id) { SelectPersona(id); });
    m_pages->AddPage(m_personaForm, _("Persona"));
    m_pages->AddPage(m_stageGrid, _("Buying Stages"));
    m_pages->AddPage(m_journey, _("Journey Map"));
    m_pages->AddPage(m_summary, _("Summary"));
    m_pages->AddPage(m_dashboard, _("Dashboard"));
    m_mainArea->AddPage(m_welcome, _("Welcome"));
    m_mainArea->AddPage(m_pages, _("Map"));
    m_mainArea->AddPage(new EmptyMapPanel(m_mainArea), _("Empty Map"));
    m_aui.AddPane(m_mainArea, wxAuiPaneInfo().Name(main_pane).CenterPane().PaneBorder(false));

    // RestoreLayout shows any pane that a perspective saved before it existed does not mention.
    m_chat = new ChatPanel(this);
    m_chat->onFocus = [this](const std::string& personaId, const std::string& stageId) {
        SelectPersona(personaId);
        if (!stageId.empty()) {
            ShowPage(Page::Stages);
            m_stageGrid->ShowStage(stageId);
        }
    };
    m_aui.AddPane(m_chat, wxAuiPaneInfo()
                              .Name(chat_pane)
                              .Caption(_("Assistant"))
                              .Right()
                              .Layer(1)
                              .BestSize(FromDIP(wxSize(320, 500)))
                              .MinSize(FromDIP(wxSize(280, 240)))
                              .CloseButton(true)
                              .MaximizeButton(false));
    m_defaultPerspective = m_aui.SavePerspective();
    m_aui.Update();
}

void MainFrame::RestoreLayout() {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    const wxRect screen = wxDisplay(0u).GetClientArea();
    SetSize(config->ReadLong(width_key, std::min(1280, screen.width)),
            config->ReadLong(height_key, std::min(800, screen.height)));
    Centre();
    if (config->ReadBool(maximized_key, false)) Maximize();

    const wxString perspective = config->Read(perspective_key, wxString());
    if (perspective.empty() || !m_aui.LoadPerspective(perspective, false)) return;
    // LoadPerspective hides every pane it does not mention: a pane added since it was saved
    // keeps its default place instead.
    wxAuiPaneInfoArray& panes = m_aui.GetAllPanes();
    for (size_t i = 0; i < panes.GetCount(); ++i)
        if (!perspective.Contains("name=" + panes[i].name + ";")) panes[i].Show();
    m_personaListWanted = m_aui.GetPane(personas_pane).IsShown();
    if (!m_doc) m_aui.GetPane(personas_pane).Hide();
    m_aui.Update();
}

void MainFrame::SaveLayout() {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    // Without a map the list is hidden for the welcome card, not by the user.
    wxAuiPaneInfo& list = m_aui.GetPane(personas_pane);
    const bool shown = list.IsShown();
    if (!m_doc) list.Show(m_personaListWanted);
    config->Write(perspective_key, m_aui.SavePerspective());
    list.Show(shown);
    config->Write(maximized_key, IsMaximized());
    if (!IsMaximized() && !IsIconized()) {
        config->Write(width_key, GetSize().x);
        config->Write(height_key, GetSize().y);
    }
}

void MainFrame::SetPersonaListShown(bool shown) {
    m_aui.GetPane(personas_pane).Show(shown);
    m_aui.Update();
}

void MainFrame::ShowDocument(BpmDocument* doc) {
    const std::string keep = doc == m_doc ? m_personaId : std::string();
    m_doc = doc;
    m_personaId.clear();
    m_personaList->SetDocument(doc);
    m_personaForm->SetDocument(doc);
    m_stageGrid->SetDocument(doc);
    m_journey->SetDocument(doc);
    m_summary->SetDocument(doc);
    m_dashboard->SetDocument(doc);
    if (doc != m_chat->GetDocument()) m_chat->SetDocument(doc);
    m_subscription.Reset(doc, [this](const bpm::change_set& changes) { OnChanges(changes); });
    if (doc) {
        if (wxView* view = doc->GetFirstView()) view->Activate(true);
        doc->GetCommandProcessor()->SetEditMenu(m_editMenu);
        const auto& personas = doc->Model().personas;
        const bool keepIt = !keep.empty() && doc->Model().find_persona(keep) != bpm::npos;
        if (m_mainArea->GetSelection() == welcome_card) SetPersonaListShown(m_personaListWanted);
        UpdateMainArea();
        SelectPersona(keepIt ? keep : personas.empty() ? std::string() : personas.front().id);
        if (!keepIt) ShowPage(Page::Stages);
    } else {
        if (m_mainArea->GetSelection() != welcome_card) m_personaListWanted = m_aui.GetPane(personas_pane).IsShown();
        m_mainArea->ChangeSelection(welcome_card);
        SetPersonaListShown(false);
    }
    UpdateTitle();
    UpdateUndoTools();
    UpdateStatusText();
}

void MainFrame::UpdateMainArea() {
    const int card = m_doc->Model().personas.empty() ? empty_map_card : map_card;
    if (m_mainArea->GetSelection() != card) m_mainArea->ChangeSelection(card);
}

void MainFrame::SelectPersona(const std::string& personaId) {
    if (!personaId.empty() && (!m_doc || m_doc->Model().find_persona(personaId) == bpm::npos)) return;
    if (personaId != m_personaId) {
        CommitPendingEdits();
        m_personaId = personaId;
        m_personaForm->ShowPersona(personaId);
        m_stageGrid->ShowPersona(personaId);
        m_journey->ShowPersona(personaId);
        m_summary->ShowPersona(personaId);
    }
    m_personaList->ShowPersona(personaId);
    m_dashboard->ShowPersona(personaId);
    m_chat->SetSelectedPersona(personaId);
    UpdateStatusText();
}

const bpm::persona* MainFrame::SelectedPersona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

std::size_t MainFrame::SelectedIndex() const { return m_doc ? m_doc->Model().find_persona(m_personaId) : bpm::npos; }

void MainFrame::ShowPage(Page page) {
    if (m_mainArea->GetSelection() != map_card) return;
    m_pages->SetSelection(static_cast<size_t>(page));
}

MainFrame::Page MainFrame::GetPage() const { return static_cast<Page>(std::max(m_pages->GetSelection(), 0)); }

void MainFrame::CommitPendingEdits() { m_stageGrid->CommitPendingEdit(); }

void MainFrame::UpdateTitle() { SetTitle(TheDocManager().MakeFrameTitle(m_doc)); }

void MainFrame::OnChanges(const bpm::change_set& changes) {
    std::string select;
    for (const bpm::change& c : changes) {
        if (c.what == bpm::change::kind::persona_added) {
            select = c.persona_id;
        } else if (c.what == bpm::change::kind::persona_removed && c.persona_id == m_personaId) {
            const auto& personas = m_doc->Model().personas;
            select = personas.empty() ? std::string() : personas[std::min(c.index, personas.size() - 1)].id;
            if (select.empty()) SelectPersona({});
        }
    }
    if (!select.empty()) SelectPersona(select);
    UpdateMainArea();
    UpdateUndoTools();
    UpdateStatusText();
}

void MainFrame::UpdateUndoTools() {
    auto* history = m_doc ? dynamic_cast<HistoryCommandProcessor*>(m_doc->GetCommandProcessor()) : nullptr;
    const wxString undo = history ? history->GetUndoLabel() : _("Undo");
    const wxString redo = history ? history->GetRedoLabel() : _("Redo");
    if (m_tools->GetToolShortHelp(wxID_UNDO) != undo) m_tools->SetToolShortHelp(wxID_UNDO, undo);
    if (m_tools->GetToolShortHelp(wxID_REDO) != redo) m_tools->SetToolShortHelp(wxID_REDO, redo);
}

void MainFrame::UpdateStatusText() {
    const bpm::persona* p = SelectedPersona();
    wxString text;
    if (p) {
        const bpm::field_count filled = bpm::filled_stage_fields(*p);
        text = wxString::Format(_("%d%% complete (%lu of %lu stage fields)"), bpm::completeness_percent(*p),
                                static_cast<unsigned long>(filled.filled), static_cast<unsigned long>(filled.total));
    }
    // Setting the same text again would still repaint the status bar after every keystroke.
    if (GetStatusBar()->GetStatusText(1) != text) SetStatusText(text, 1);
}

void MainFrame::OnClose(wxCloseEvent& event) {
    CommitPendingEdits();
    if (!GetDocumentManager()->CloseDocuments(!event.CanVeto())) {
        event.Veto();
        return;
    }
    SaveLayout();
    event.Skip();
}
