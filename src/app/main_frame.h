#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include <wx/aui/framemanager.h>
#include <wx/cmndata.h>
#include <wx/docview.h>

#include "bpm_document.h"
#include "editing_context.h"
#include "prompts.h"

class AiService;
class ChatPanel;
class CommentsPanel;
class ConflictBar;
class DashboardView;
class DiskChangeBar;
class JourneyMapView;
class PersonaForm;
class PersonaList;
class StageGrid;
class SummaryPanel;
class WelcomeCard;
class wxKeyEvent;
class wxNotebook;
class wxSimplebook;
class wxToolBar;

/// The editor's one window. wxAUI panes hold the persona list (left) and the main area
/// (centre): the welcome card while no map is open, otherwise the selected persona's form,
/// stage grid and summary, and the dashboard of all personas. The frame creates the panels and
/// lays them out; each panel observes the editing context (the map shown and the selection)
/// itself, and the frame follows it too, for its title, cards, page and status line.
class MainFrame : public wxDocParentFrame {
public:
    using Page = EditingContext::Page;

    /// A frame showing what context says, asking and reporting through prompts (both must
    /// outlive it).
    MainFrame(wxDocManager* manager, EditingContext& context, const Prompts& prompts);
    ~MainFrame() override;

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
    CommentsPanel* GetCommentsPanel() const { return m_comments; }
    DiskChangeBar* GetDiskChangeBar() const { return m_diskBar; }
    ConflictBar* GetConflictBar() const { return m_conflictBar; }
    AiService& GetAiService() { return *m_ai; }
    wxAuiManager& GetAuiManager() { return m_aui; }

    /// The panels F6 cycles through, in order: the persona list, the main area, the assistant.
    enum class Panel { Personas, Main, Assistant };
    /// Moves the keyboard focus to a panel (showing it if hidden) at its natural control.
    void FocusPanel(Panel panel);
    /// The panel holding the keyboard focus, or Main when the focus is elsewhere.
    Panel GetFocusedPanel() const;
    /// The menu command a key runs while focus has the keyboard focus, ahead of that control
    /// (wxID_NONE for typing, and for the keys a text field keeps for its text: select all,
    /// copy, cut, paste, undo, redo, delete a word).
    int CommandForKey(const wxKeyEvent& event, wxWindow* focus) const;

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
    // File > Export > JSON, CSV or Markdown (by command id): the whole map as data.
    void ExportData(int id);
    // File > Export > Journey as Mermaid: the selected persona's journey as a .mmd diagram.
    void ExportMermaid();
    void ShowKeyboardHelp();

    void OnNotice(const EditingContext::Notice& notice);
    // Shows the map's cards and panes, or the welcome card while no map is shown.
    void ShowDocument();
    BpmDocument* Doc() const { return m_context.GetDocument(); }
    void UpdateTitle();
    void UpdateUndoTools();
    // The cards of the main area, in the order they are added.
    enum MainAreaCard { welcome_card, map_card, empty_map_card };
    // The map's pages, or what to do first while the map has no persona.
    void UpdateMainArea();
    void UpdateStatusText();
    /// Selects a page of the map's notebook, leaving the focus alone while the notebook is hidden.
    void ShowPage(int page);
    /// Shows a card of the main area (welcome, map, empty map), moving the focus along with it.
    void ShowCard(int card);
    /// Says on the status bar when an edit leaves a completed persona with empty stage fields.
    void NoteStatusDisagreements(const bpm::change_set* changes);
    /// Clears the status bar's note on a persona's status, if it still shows.
    void WithdrawStatusNote();
    void SetPersonaListShown(bool shown);
    // The strip and the status bar's count of the map's merge conflicts.
    void CreateConflictBar();
    // Adds strip across the window under the toolbar (a higher layer nearer the toolbar), hidden
    // until it has something to say: onShownChanged, set here, makes room for it or takes it back.
    void AddTopStrip(wxWindow* strip, const char* name, int layer, std::function<void(bool)>& onShownChanged);

    void OnGenerateSummary(wxCommandEvent& event);
    void OnStageCommand(wxCommandEvent& event);
    void OnClipboard(wxCommandEvent& event);
    void OnShowPage(wxCommandEvent& event);
    void OnOpenSample(wxCommandEvent& event);
    void OnAbout(wxCommandEvent& event);
    void OnUpdateStageCommand(wxUpdateUIEvent& event);
    void OnUpdateClipboard(wxUpdateUIEvent& event);
    void OnClose(wxCloseEvent& event);

    wxAuiManager m_aui;
    wxMenu* m_editMenu = nullptr;
    wxMenu* m_columnsMenu = nullptr;
    wxToolBar* m_tools = nullptr;
    PersonaList* m_personaList = nullptr;
    DiskChangeBar* m_diskBar = nullptr;
    ConflictBar* m_conflictBar = nullptr;
    wxSimplebook* m_mainArea = nullptr;
    WelcomeCard* m_welcome = nullptr;
    wxNotebook* m_pages = nullptr;
    PersonaForm* m_personaForm = nullptr;
    StageGrid* m_stageGrid = nullptr;
    JourneyMapView* m_journey = nullptr;
    SummaryPanel* m_summary = nullptr;
    DashboardView* m_dashboard = nullptr;
    ChatPanel* m_chat = nullptr;
    CommentsPanel* m_comments = nullptr;
    // Destroyed before the panes (base-class destruction), so no call to it outlives them.
    std::unique_ptr<AiService> m_ai;

    EditingContext& m_context;
    const Prompts& m_prompts;
    EditingContext::Subscription m_subscription;
    // Whether the user had the persona list shown when the last map closed; the list is hidden
    // while the welcome card shows.
    bool m_personaListWanted = true;
    // Completed personas with empty stage fields, as of the last notice.
    std::set<std::string> m_completedWithGaps;
    // The status bar's note about one of them, and whom it is about ("" when none shows).
    wxString m_statusNote;
    std::string m_statusNotePersona;
    wxString m_defaultPerspective;
    // The window size the panes were last laid out for.
    wxSize m_laidOutSize;
};
