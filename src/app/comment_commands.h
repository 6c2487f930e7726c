#pragma once

class MainFrame;

/// Binds Edit ▸ Add Comment (Ctrl+Alt+M, also in the grid's context menu) and View ▸ Comments
/// on the frame. Add Comment is about what the user is on: the grid's cell on the Buying Stages
/// page, the selected stage on the Journey Map, the focused field of the persona form, the
/// summary on the Summary page, else the selected persona; one undo step.
void BindCommentCommands(MainFrame& frame);
