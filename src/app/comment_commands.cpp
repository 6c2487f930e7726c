#include "comment_commands.h"

#include <wx/aui/framemanager.h>
#include <wx/grid.h>
#include <wx/menu.h>
#include <wx/textctrl.h>
#include <wx/vlbox.h>

#include "command_ids.h"
#include "comments_panel.h"
#include "comments_ui.h"
#include "doc_manager.h"
#include "journey_map_view.h"
#include "main_frame.h"
#include "pain_point_tags.h"
#include "persona_form.h"
#include "stage_grid.h"
#include "stage_grid_table.h"

namespace {

struct Place {
    std::string personaId, stageId, field;
};

// The persona field key (as comment::field) of the form's control holding the focus, "" for none.
std::string FocusedPersonaField(const PersonaForm& form) {
    wxWindow* focus = wxWindow::FindFocus();
    if (!focus) return {};
    const std::pair<bpm::persona_field, const char*> keys[] = {
        {bpm::persona_field::name, "name"}, {bpm::persona_field::role, "role"},
        {bpm::persona_field::organisation, "organisation"}, {bpm::persona_field::segment, "segment"},
        {bpm::persona_field::success_metric, "success_metric"}};
    for (const auto& [field, key] : keys)
        if (wxTextCtrl* text = form.GetField(field); text && (text == focus || text->IsDescendant(focus))) return key;
    if (form.GetPainPoints() && form.GetPainPoints()->IsDescendant(focus)) return "pain_points";
    return {};
}

Place CurrentPlace(MainFrame& frame, EditingContext& context) {
    Place place{context.GetPersonaId(), {}, {}};
    switch (context.GetPage()) {
        case EditingContext::Page::Stages: {
            const StageGrid& grid = *frame.GetStageGrid();
            const int row = grid.GetGrid()->GetGridCursorRow(), col = grid.GetGrid()->GetGridCursorCol();
            if (!grid.HasCurrentStage() || col < 0) break;
            place.stageId = grid.GetTable()->GetStageId(row);
            place.field = std::string(bpm::stage_field_key(StageGridTable::FieldOf(col)));
            break;
        }
        case EditingContext::Page::JourneyMap: place.stageId = context.GetStageId(); break;
        case EditingContext::Page::Persona: place.field = FocusedPersonaField(*frame.GetPersonaForm()); break;
        case EditingContext::Page::Summary: place.field = "summary"; break;
        case EditingContext::Page::Dashboard: break;
    }
    return place;
}

}  // namespace

void BindCommentCommands(MainFrame& frame) {
    EditingContext& context = TheDocManager().GetContext();
    frame.Bind(wxEVT_MENU, [&frame, &context](wxCommandEvent&) {
        BpmDocument* doc = context.GetDocument();
        if (!doc || !context.CanEdit() || !context.GetPersona()) return;
        context.CommitPendingEdits();
        const Place place = CurrentPlace(frame, context);
        wxWindow* focus = wxWindow::FindFocus();
        if (!AddCommentAsking(&frame, *doc, place.personaId, place.stageId, place.field)) return;
        // The pane shows the new comment, selected; the keyboard stays where the user was.
        wxAuiPaneInfo& pane = frame.GetAuiManager().GetPane(comments_pane_name);
        if (!pane.IsShown()) {
            pane.Show();
            frame.GetAuiManager().Update();
        }
        const auto& comments = doc->Model().comments;
        if (!comments.empty()) frame.GetCommentsPanel()->SelectComment(comments.back().id);
        if (focus) focus->SetFocus();
    }, ID_COMMENT_ADD);
    frame.Bind(wxEVT_UPDATE_UI, [&context](wxUpdateUIEvent& e) { e.Enable(context.CanEdit() && context.GetPersona()); },
               ID_COMMENT_ADD);

    // Shows the pane and goes to its list; from the list, hides it.
    frame.Bind(wxEVT_MENU, [&frame](wxCommandEvent& event) {
        wxAuiPaneInfo& pane = frame.GetAuiManager().GetPane(comments_pane_name);
        CommentsPanel* panel = frame.GetCommentsPanel();
        const bool fromMenu = dynamic_cast<wxMenu*>(event.GetEventObject()) != nullptr;
        const bool focused = panel->IsDescendant(wxWindow::FindFocus());
        const bool hide = fromMenu ? !event.IsChecked() : pane.IsShown() && focused;
        pane.Show(!hide);
        frame.GetAuiManager().Update();
        if (!hide) panel->GetList()->SetFocus();
        else if (focused) frame.FocusPanel(MainFrame::Panel::Main);
    }, ID_SHOW_COMMENTS);
    frame.Bind(wxEVT_UPDATE_UI, [&frame](wxUpdateUIEvent& e) {
        e.Check(frame.GetAuiManager().GetPane(comments_pane_name).IsShown());
    }, ID_SHOW_COMMENTS);
}
