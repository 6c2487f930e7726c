#include "command_ids.h"

#include <wx/toplevel.h>
#include <wx/window.h>

void ForwardButtonsAsMenuCommands(wxWindow* panel) {
    panel->Bind(wxEVT_BUTTON, [panel](wxCommandEvent& event) {
        wxCommandEvent menu(wxEVT_MENU, event.GetId());
        menu.SetEventObject(panel);
        if (wxWindow* frame = wxGetTopLevelParent(panel)) frame->GetEventHandler()->ProcessEvent(menu);
    });
}
