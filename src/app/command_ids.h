#pragma once
// Commands shared by menus, toolbar, buttons and context menus, so each has one handler.

#include <wx/defs.h>

enum CommandId {
    ID_PERSONA_ADD = wxID_HIGHEST + 1,
    ID_PERSONA_DELETE,
    ID_PERSONA_MOVE_UP,
    ID_PERSONA_MOVE_DOWN,
    ID_PERSONA_EDIT,
    ID_PERSONA_FINISH,
    ID_PERSONA_REOPEN,
    ID_PERSONA_SETTLE_STATUS,
    ID_SUMMARY_GENERATE,
    ID_STAGE_ADD,
    ID_STAGE_INSERT,
    ID_STAGE_DELETE,
    ID_STAGE_MOVE_UP,
    ID_STAGE_MOVE_DOWN,
    ID_SHOW_PERSONA_LIST,
    ID_SHOW_PERSONA,
    ID_SHOW_STAGES,
    ID_SHOW_JOURNEY,
    ID_SHOW_SUMMARY,
    ID_SHOW_DASHBOARD,
    ID_RESET_LAYOUT,
    ID_SHOW_ASSISTANT,
    ID_FOCUS_NEXT_PANEL,
    ID_FOCUS_PREVIOUS_PANEL,
    ID_KEYBOARD_HELP,
    ID_ZOOM_IN,
    ID_ZOOM_OUT,
    ID_ZOOM_FIT,
    ID_ZOOM_ACTUAL,
    ID_EXPORT_MENU,  // File > Export, the submenu itself
    ID_EXPORT_PDF,
    ID_EXPORT_PNG,
    ID_EXPORT_SVG,
    ID_EXPORT_MERMAID,  // the selected persona's journey as a Mermaid diagram
    ID_EXPORT_JSON,  // the whole map as data: JSON, CSV, XLSX, Markdown (a range)
    ID_EXPORT_CSV,
    ID_EXPORT_XLSX,
    ID_EXPORT_MARKDOWN,
    ID_OPEN_SAMPLE,
    ID_STAGE_SUGGEST,
    ID_PERSONA_FROM_NOTES,
    ID_AI_STOP,
    ID_RECOVER,
    // One per stage column (seven), for showing and hiding them.
    ID_COLUMN_FIRST,
    ID_COLUMN_LAST = ID_COLUMN_FIRST + 6,
    ID_COLUMNS_RESET,
    // Edit > Conflicts: go to the next or previous merge conflict, resolve the one shown.
    ID_CONFLICT_NEXT,
    ID_CONFLICT_PREVIOUS,
    ID_CONFLICT_KEEP_MINE,
    ID_CONFLICT_TAKE_THEIRS,
    ID_CONFLICT_EDIT,
    ID_COMMENT_ADD,       // Edit > Add Comment: on the grid's cell, or the persona shown
    ID_SHOW_COMMENTS,     // View > Comments: the Comments pane
};

class wxWindow;

/// Turns clicks on the buttons inside panel into the frame's menu commands of the same id, so
/// a button on a card and its menu item share one handler.
void ForwardButtonsAsMenuCommands(wxWindow* panel);
