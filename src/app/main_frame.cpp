#include "main_frame.h"

#include <algorithm>

#include <wx/app.h>
#include <wx/aui/dockart.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/dnd.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/simplebook.h>
#include <wx/statusbr.h>
#include <wx/toolbar.h>

#include "accessibility.h"
#include "ai_preferences.h"
#include "ai_service.h"
#include "bpm/completeness.h"
#include "chat_panel.h"
#include "comments_panel.h"
#include "conflicts_ui.h"
#include "dashboard_view.h"
#include "disk_change_bar.h"
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

// The completeness field changes with most edits. wx's status bar paints a changed field at once,
// before returning, so that a message shows before long work; for the count that paint came in
// the middle of every keystroke's work and was often painted again at idle. That field now waits
// for the next paint; the message field still shows at once.
class MapStatusBar : public wxStatusBar {
public:
    explicit MapStatusBar(wxWindow* parent) : wxStatusBar(parent) {}

protected:
    void DoUpdateStatusText(int field) override {
        wxRect rect;
        if (field == 0 || !GetFieldRect(field, rect)) return wxStatusBar::DoUpdateStatusText(field);
        RefreshRect(rect);
    }
};

const char* const perspective_key = "/Layout/Perspective";
const char* const width_key = "/Layout/Width";
const char* const height_key = "/Layout/Height";
const char* const maximized_key = "/Layout/Maximized";
const char* const personas_pane = "personas";
const char* const main_pane = "main";
const char* const chat_pane = "chat";
const char* const disk_pane = "disk";
const char* const conflict_pane = "conflict";
// The status bar's field that counts the map's merge conflicts.
constexpr int conflicts_field = 2;

// Files dropped on the window open as File > Open would: the first of them, once the drop is
// over (a question about unsaved changes must not hold up the drag).
class MapFileDropTarget : public wxFileDropTarget {
public:
    explicit MapFileDropTarget(wxFrame* frame) : m_frame(frame) {}
    bool OnDropFiles(wxCoord, wxCoord, const wxArrayString& files) override {
        if (files.empty()) return false;
        const wxString first = files[0];
        const size_t others = files.size() - 1;
        m_frame->CallAfter([frame = m_frame, first, others] {
            if (!TheDocManager().OpenFile(first) || !others) return;
            // TRANSLATORS: in the status bar after several files were dropped on the window; {1} is how many were not opened
            frame->SetStatusText(FormatText(wxPLURAL("Opened the first file dropped; {1} other was not opened.",
                                                     "Opened the first file dropped; {1} others were not opened.", others),
                                            wxString::Format("%zu", others)));
        });
        return true;
    }

private:
    wxFrame* m_frame;
};

}  // namespace

MainFrame::MainFrame(wxDocManager* manager, EditingContext& context, const Prompts& prompts)
    // Created at a usable size: laid out at wx's tiny default size, GTK complains about
    // scrollbars with no room.
    : wxDocParentFrame(manager, nullptr, wxID_ANY, wxTheApp->GetAppDisplayName(), wxDefaultPosition,
                       wxSize(1280, 800)),
      m_context(context),
      m_prompts(prompts) {
    SetAccessibleName(this, wxTheApp->GetAppDisplayName());
    m_aui.SetManagedWindow(this);
    m_aui.SetFlags(wxAUI_MGR_DEFAULT | wxAUI_MGR_LIVE_RESIZE);
    // wxGTK tells the window it was resized, at the same size, whenever any control's best size
    // changes (a bubble added to the chat), and wxAUI answers every size event by laying out
    // and repainting the whole window. Its panes change only through m_aui.Update(), so a size
    // event that does not change the size goes no further.
    m_aui.Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip(event.GetSize() != m_laidOutSize);
        m_laidOutSize = event.GetSize();
    });
    wxAuiDockArt* art = m_aui.GetArtProvider();
    art->SetMetric(wxAUI_DOCKART_GRADIENT_TYPE, wxAUI_GRADIENT_NONE);
    art->SetMetric(wxAUI_DOCKART_PANE_BORDER_SIZE, 0);
    art->SetMetric(wxAUI_DOCKART_SASH_SIZE, FromDIP(5));
    art->SetColour(wxAUI_DOCKART_ACTIVE_CAPTION_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    art->SetColour(wxAUI_DOCKART_INACTIVE_CAPTION_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    art->SetColour(wxAUI_DOCKART_ACTIVE_CAPTION_TEXT_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT));
    art->SetColour(wxAUI_DOCKART_INACTIVE_CAPTION_TEXT_COLOUR, wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT));

    // Subscribed before the panels, so a page is in front before its panel is asked for the focus.
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
    CreateMenus();
    CreateTools();
    SetStatusBar(new MapStatusBar(this));
    GetStatusBar()->SetFieldsCount(3);
    const int widths[] = {-1, FromDIP(360), FromDIP(120)};
    SetStatusWidths(3, widths);
    CreatePanes();
    BindCommands();
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::OnClose, this);
    SetDropTarget(new MapFileDropTarget(this));
    SetMinSize(FromDIP(wxSize(800, 520)));
    ShowDocument();
    ShowPage(static_cast<int>(m_context.GetPage()));
}

void MainFrame::ShowCard(int card) {
    if (m_mainArea->GetSelection() == card) return;
    // The focus in the card that goes (or nowhere) moves to the card that comes, so keys reach
    // what the user sees, not a hidden control.
    wxWindow* focus = wxWindow::FindFocus();
    const bool inside = !focus || m_mainArea->IsDescendant(focus);
    m_mainArea->ChangeSelection(static_cast<size_t>(card));
    if (!inside) return;
    // Once the panels have followed the change that showed the card (the chat's input is
    // enabled only then).
    CallAfter([this, card] {
        if (m_mainArea->GetSelection() != card) return;
        wxWindow* shown = m_mainArea->GetCurrentPage();
        if (shown == m_pages && m_pages->GetCurrentPage()) shown = m_pages->GetCurrentPage();
        // An empty map asks, in the Assistant, for its first persona: the answer is typed there.
        if (card == empty_map_card && m_aui.GetPane(chat_pane).IsShown() && m_chat->Input()->IsEnabled())
            shown = m_chat->Input();
        if (shown) shown->SetFocus();
    });
}

void MainFrame::ShowPage(int page) {
    if (m_pages->GetSelection() == page) return;
    // wxNotebook focuses the page it selects. While the notebook is hidden (the welcome card or
    // the empty map shows), GTK then sent every key to a widget never realized (Gtk-CRITICAL
    // gtk_widget_event on each key press) instead of to the control the user sees.
    wxWindow* focus = m_pages->IsShownOnScreen() ? nullptr : wxWindow::FindFocus();
    m_pages->SetSelection(static_cast<size_t>(page));
    if (!m_pages->IsShownOnScreen()) {
        if (focus && focus->IsShownOnScreen())
            focus->SetFocus();
        else if (m_mainArea->GetCurrentPage())
            m_mainArea->GetCurrentPage()->SetFocus();
    }
}

MainFrame::~MainFrame() {
    ClosePreferences();
    m_subscription.Reset();
    m_aui.UnInit();
}

void MainFrame::CreatePanes() {
    m_personaList = new PersonaList(this, m_context);
    m_aui.AddPane(m_personaList, wxAuiPaneInfo()
                                     .Name(personas_pane)
                                     .Caption(_("Personas"))
                                     .Left()
                                     .Layer(1)
                                     .BestSize(FromDIP(wxSize(250, 400)))
                                     .MinSize(FromDIP(wxSize(220, 200)))
                                     .CloseButton(true)
                                     .MaximizeButton(false));

    // Across the whole window under the toolbar, shown only while it has something to say: the
    // strip that tells of changes to the map's file on disk, with room for its buttons.
    m_diskBar = new DiskChangeBar(this, m_context);
    AddTopStrip(m_diskBar, disk_pane, 10, m_diskBar->onShownChanged);

    m_mainArea = new wxSimplebook(this, wxID_ANY);
    m_welcome = new WelcomeCard(m_mainArea);
    m_pages = new wxNotebook(m_mainArea, wxID_ANY);
    SetAccessibleName(m_pages, _("Main area"));
    m_personaForm = new PersonaForm(m_pages, m_context);
    m_stageGrid = new StageGrid(m_pages, m_context);
    m_journey = new JourneyMapView(m_pages, m_context);
    m_summary = new SummaryPanel(m_pages, m_context);
    m_dashboard = new DashboardView(m_pages, m_context);
    // Each page starts at a working size, not the 20x20 pixels of a window created without
    // one: laid out that small, a page's scroll bars got less than zero pixels, and GTK said so
    // on every start. The notebook gives the pages their real size when it is laid out.
    for (wxWindow* page : std::initializer_list<wxWindow*>{m_personaForm, m_stageGrid, m_journey, m_summary, m_dashboard})
        page->SetSize(FromDIP(wxSize(640, 480)));
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
    m_chat = new ChatPanel(this, m_context);
    m_aui.AddPane(m_chat, wxAuiPaneInfo()
                              .Name(chat_pane)
                              .Caption(_("Assistant"))
                              .Right()
                              .Layer(1)
                              .BestSize(FromDIP(wxSize(320, 500)))
                              .MinSize(FromDIP(wxSize(280, 240)))
                              .CloseButton(true)
                              .MaximizeButton(false));
    CreateConflictBar();
    // Under the assistant: the map's open comments, with jump-to. Hidden until a map with open
    // comments is shown or a comment is added, so the assistant keeps its room until then.
    m_comments = new CommentsPanel(this, m_context);
    m_aui.AddPane(m_comments, wxAuiPaneInfo()
                                  .Name(comments_pane_name)
                                  .Caption(_("Comments"))
                                  .Right()
                                  .Layer(1)
                                  .Position(1)
                                  .BestSize(FromDIP(wxSize(320, 300)))
                                  .MinSize(FromDIP(wxSize(240, 160)))
                                  .CloseButton(true)
                                  .MaximizeButton(false)
                                  .Hide());
    m_defaultPerspective = m_aui.SavePerspective();
    m_aui.Update();
}

void MainFrame::AddTopStrip(wxWindow* strip, const char* name, int layer, std::function<void(bool)>& onShownChanged) {
    m_aui.AddPane(strip, wxAuiPaneInfo()
                             .Name(name)
                             .Top()
                             .Layer(layer)
                             .CaptionVisible(false)
                             .PaneBorder(false)
                             .Gripper(false)
                             .DockFixed()
                             .Floatable(false)
                             .Movable(false)
                             .Resizable(false)
                             .Hide());
    onShownChanged = [this, strip, name](bool shown) {
        wxAuiPaneInfo& pane = m_aui.GetPane(name);
        const int height = strip->GetBestSize().y;
        if (shown) pane.BestSize(-1, height).MinSize(-1, height);
        pane.Show(shown);
        m_aui.Update();
        Refresh();  // the sashes the old layout drew where the strip now is
    };
}

void MainFrame::CreateConflictBar() {
    // Under the disk strip, across the window, shown while a conflict is shown.
    m_conflictBar = new ConflictBar(this, m_context, m_prompts, m_stageGrid, m_personaForm);
    AddTopStrip(m_conflictBar, conflict_pane, 9, m_conflictBar->onShownChanged);
    m_conflictBar->onCountChanged = [this](const wxString& text) { SetStatusText(text, conflicts_field); };
    // A conflict about a comment's text: the Comments pane shows that comment, selected, even a
    // resolved one.
    m_conflictBar->onShowComment = [this](const std::string& commentId) {
        wxAuiPaneInfo& pane = m_aui.GetPane(comments_pane_name);
        if (!pane.IsShown()) {
            pane.Show();
            m_aui.Update();
        }
        GetCommentsPanel()->RevealComment(commentId);
    };
    // Clicking the count goes to the next conflict, as F8 does.
    GetStatusBar()->Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& event) {
        event.Skip();
        wxRect rect;
        if (GetStatusBar()->GetFieldRect(conflicts_field, rect) && rect.Contains(event.GetPosition()))
            m_conflictBar->GoToNext(1);
    });
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
        if (!perspective.Contains("name=" + panes[i].name + ";") && panes[i].name != comments_pane_name) panes[i].Show();
    // The disk strip shows only while it has something to say, never as a layout left it.
    m_aui.GetPane(disk_pane).Show(!m_diskBar->GetShownMessage().empty());
    m_aui.GetPane(conflict_pane).Show(m_conflictBar->CurrentIndex() != bpm::npos);
    m_personaListWanted = m_aui.GetPane(personas_pane).IsShown();
    if (!Doc()) m_aui.GetPane(personas_pane).Hide();
    m_aui.Update();
}

void MainFrame::SaveLayout() {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    // Without a map the list is hidden for the welcome card, not by the user.
    wxAuiPaneInfo& list = m_aui.GetPane(personas_pane);
    const bool shown = list.IsShown();
    if (!Doc()) list.Show(m_personaListWanted);
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

void MainFrame::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) ShowDocument();
    // A map with open comments opens with them in view; closed, the pane stays closed.
    const auto open = [](const bpm::comment& c) { return !c.resolved; };
    if (notice.Has(EditingContext::DocumentChanged) && Doc() &&
        std::any_of(Doc()->Model().comments.begin(), Doc()->Model().comments.end(), open) &&
        !m_aui.GetPane(comments_pane_name).IsShown()) {
        m_aui.GetPane(comments_pane_name).Show();
        m_aui.Update();
    }
    if (notice.Has(EditingContext::PageChanged)) {
        const int page = static_cast<int>(m_context.GetPage());
        ShowPage(page);
    }
    if (notice.Has(EditingContext::Edited)) {
        UpdateMainArea();
        UpdateUndoTools();
    }
    if (notice.Has(EditingContext::DocumentChanged))
        NoteStatusDisagreements(nullptr);
    else if (notice.Has(EditingContext::Edited))
        NoteStatusDisagreements(notice.edits);
    // The note is about one persona: it goes when another is shown.
    if (notice.Has(EditingContext::PersonaChanged) && m_statusNotePersona != m_context.GetPersonaId())
        WithdrawStatusNote();
    // The line counts the selected persona's stage fields: moving between stages or pages
    // leaves it as it is.
    const auto namesPersona = [this](const bpm::change& c) { return c.persona_id == m_context.GetPersonaId(); };
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::PersonaChanged) ||
        (notice.Has(EditingContext::Edited) && std::any_of(notice.edits->begin(), notice.edits->end(), namesPersona)))
        UpdateStatusText();
}

void MainFrame::WithdrawStatusNote() {
    if (!m_statusNote.empty() && GetStatusBar()->GetStatusText(0) == m_statusNote) SetStatusText(wxString());
    m_statusNote.clear();
    m_statusNotePersona.clear();
}

void MainFrame::NoteStatusDisagreements(const bpm::change_set* changes) {
    const BpmDocument* doc = Doc();
    if (!changes) {
        m_completedWithGaps.clear();
        WithdrawStatusNote();
    }
    if (!doc) return;
    for (const bpm::persona& p : doc->Model().personas) {
        if (changes && std::none_of(changes->begin(), changes->end(),
                                    [&](const bpm::change& c) { return c.persona_id == p.id; }))
            continue;
        if (bpm::status_fit_of(p) != bpm::status_fit::completed_with_gaps) {
            m_completedWithGaps.erase(p.id);
            if (p.id == m_statusNotePersona) WithdrawStatusNote();
        } else if (m_completedWithGaps.insert(p.id).second && changes) {
            // TRANSLATORS: {1} is a persona's name
            m_statusNote = FormatText(_("{1} is marked completed but now has empty stage fields, so it is incomplete "
                                        "again: Persona \u25B8 Match Status to Stages reopens it."),
                                      p.name.empty() ? _("(unnamed persona)") : ToWx(p.name));
            m_statusNotePersona = p.id;
            SetStatusText(m_statusNote);
        }
    }
}

void MainFrame::ShowDocument() {
    if (BpmDocument* doc = Doc()) {
        doc->GetCommandProcessor()->SetEditMenu(m_editMenu);
        if (m_mainArea->GetSelection() == welcome_card) SetPersonaListShown(m_personaListWanted);
        UpdateMainArea();
    } else {
        if (m_mainArea->GetSelection() != welcome_card) m_personaListWanted = m_aui.GetPane(personas_pane).IsShown();
        ShowCard(welcome_card);
        SetPersonaListShown(false);
    }
    UpdateTitle();
    UpdateUndoTools();
}

void MainFrame::UpdateMainArea() {
    const int card = Doc()->Model().personas.empty() ? empty_map_card : map_card;
    ShowCard(card);
}

void MainFrame::UpdateTitle() { SetTitle(GetDocumentManager()->MakeFrameTitle(Doc())); }

void MainFrame::UpdateUndoTools() {
    BpmDocument* doc = Doc();
    const wxString undo = doc ? UndoLabel(doc->History()) : _("Undo");
    const wxString redo = doc ? RedoLabel(doc->History()) : _("Redo");
    if (m_tools->GetToolShortHelp(wxID_UNDO) != undo) m_tools->SetToolShortHelp(wxID_UNDO, undo);
    if (m_tools->GetToolShortHelp(wxID_REDO) != redo) m_tools->SetToolShortHelp(wxID_REDO, redo);
}

void MainFrame::UpdateStatusText() {
    const bpm::persona* p = m_context.GetPersona();
    wxString text;
    if (p) {
        const bpm::field_count filled = bpm::filled_stage_fields(*p);
        // xgettext:no-c-format
        text = FormatText(_("{1}% complete ({2} of {3} stage fields)"), bpm::completeness_percent(*p),
                          filled.filled, filled.total);
    }
    // Setting the same text again would still repaint the status bar after every keystroke.
    if (GetStatusBar()->GetStatusText(1) != text) SetStatusText(text, 1);
}

void MainFrame::OnClose(wxCloseEvent& event) {
    // Each map writes its editors' unfinished input before it asks about unsaved changes.
    if (!GetDocumentManager()->CloseDocuments(!event.CanVeto())) {
        event.Veto();
        return;
    }
    SaveLayout();
    event.Skip();
}
