#pragma once

#include <memory>
#include <string>

#include <wx/aui/framemanager.h>
#include <wx/cmndata.h>
#include <wx/docview.h>

#include "bpm_document.h"

class AiService;
class ChatPanel;
class DashboardView;
class JourneyMapView;
class PersonaForm;
class PersonaList;
class StageGrid;
class SummaryPanel;
class WelcomeCard;
class wxNotebook;
class wxSimplebook;
class wxToolBar;

/// The editor's one window. wxAUI panes hold the persona list (left) and the main area
/// (centre): the welcome card while no map is open, otherwise the selected persona's form,
/// stage grid and summary, and the dashboard of all personas. The frame shows a document and
/// keeps the persona selection; the panels observe the document's changes themselves.
class MainFrame : public wxDocParentFrame {
public:
    /// The pages of the main area, in order.
    enum class Page { Persona, Stages, JourneyMap, Summary, Dashboard };

    explicit MainFrame(wxDocManager* manager);
    ~MainFrame() override;

    /// Shows a document in every pane, or the welcome card for null.
    void ShowDocument(BpmDocument* doc);
    BpmDocument* GetShownDocument() const { return m_doc; }

    /// Shows a persona in the main area and highlights it in the list and the dashboard.
    void SelectPersona(const std::string& personaId);
    const std::string& GetSelectedPersona() const { return m_personaId; }

    /// Brings a page of the main area to the front.
    void ShowPage(Page page);
    Page GetPage() const;

    /// Writes unfinished input (an open grid cell editor) into the document.
    void CommitPendingEdits();
    /// "*name - Buying Process Mapper": the file name, with * while there are unsaved changes.
    void UpdateTitle();

    /// The Edit menu, whose Undo and Redo items the command processor labels.
    wxMenu* GetEditMenu() const { return m_editMenu; }

    /// Restores the window size and pane layout of the last run; panes that layout does not
    /// know keep their defaults.
    void RestoreLayout();
    /// Remembers the window size and pane layout for the next run.
    void SaveLayout();

    PersonaList* GetPersonaList() const { return m_personaList; }
    PersonaForm* GetPersonaForm() const { return m_personaForm; }
    StageGrid* GetStageGrid() const { return m_stageGrid; }
    JourneyMapView* GetJourneyMap() const { return m_journey; }
    SummaryPanel* GetSummaryPanel() const { return m_summary; }
    DashboardView* GetDashboard() const { return m_dashboard; }
    ChatPanel* GetChatPanel() const { return m_chat; }
    AiService& GetAiService() { return *m_ai; }
    wxAuiManager& GetAuiManager() { return m_aui; }

    /// The panels F6 cycles through, in order: the persona list, the main area, the assistant.
    enum class Panel { Personas, Main, Assistant };
    /// Moves the keyboard focus to a panel (showing it if hidden) at its natural control.
    void FocusPanel(Panel panel);
    /// The panel holding the keyboard focus, or Main when the focus is elsewhere.
    Panel GetFocusedPanel() const;

private:
    void CreateMenus();
    void CreateTools();
    void CreatePanes();
    void BindCommands();
    void BindNavigation();
    void BindOutput();
    void BindAi();
    void ExportJourneyMap(int id);
    void ExportPdf();
    void Print(bool preview);
    void ShowKeyboardHelp();

    void OnChanges(const bpm::change_set& changes);
    void UpdateUndoTools();
    // The cards of the main area, in the order they are added.
    enum MainAreaCard { welcome_card, map_card, empty_map_card };
    // The map's pages, or what to do first while the map has no persona.
    void UpdateMainArea();
    void UpdateStatusText();
    void SetPersonaListShown(bool shown);
    const bpm::persona* SelectedPersona() const;
    std::size_t SelectedIndex() const;

    void OnAddPersona(wxCommandEvent& event);
    void OnDeletePersona(wxCommandEvent& event);
    void OnMovePersona(wxCommandEvent& event);
    void OnPersonaStatus(wxCommandEvent& event);
    void OnEditPersona(wxCommandEvent& event);
    void OnGenerateSummary(wxCommandEvent& event);
    void OnStageCommand(wxCommandEvent& event);
    void OnClipboard(wxCommandEvent& event);
    void OnShowPage(wxCommandEvent& event);
    void OnOpenSample(wxCommandEvent& event);
    void OnAbout(wxCommandEvent& event);
    void OnUpdatePersonaCommand(wxUpdateUIEvent& event);
    void OnUpdateStageCommand(wxUpdateUIEvent& event);
    void OnUpdateClipboard(wxUpdateUIEvent& event);
    void OnClose(wxCloseEvent& event);

    wxAuiManager m_aui;
    wxMenu* m_editMenu = nullptr;
    wxMenu* m_columnsMenu = nullptr;
    wxToolBar* m_tools = nullptr;
    PersonaList* m_personaList = nullptr;
    wxSimplebook* m_mainArea = nullptr;
    WelcomeCard* m_welcome = nullptr;
    wxNotebook* m_pages = nullptr;
    PersonaForm* m_personaForm = nullptr;
    StageGrid* m_stageGrid = nullptr;
    JourneyMapView* m_journey = nullptr;
    wxPageSetupDialogData m_pageSetup;
    SummaryPanel* m_summary = nullptr;
    DashboardView* m_dashboard = nullptr;
    ChatPanel* m_chat = nullptr;
    // Destroyed before the panes (base-class destruction), so no call to it outlives them.
    std::unique_ptr<AiService> m_ai;

    BpmDocument* m_doc = nullptr;
    ChangeSubscription m_subscription;
    std::string m_personaId;
    // Whether the user had the persona list shown when the last map closed; the list is hidden
    // while the welcome card shows.
    bool m_personaListWanted = true;
    wxString m_defaultPerspective;
};
