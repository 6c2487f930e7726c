#pragma once

class EditingContext;
class wxEvtHandler;

/// Binds the Persona menu's commands that change the map (Add New Persona, Delete, Move Up/Down,
/// Finish, Reopen) and Edit Persona on handler, from the menu bar and from buttons alike, with
/// their enabled states. They act on context's selected persona, each as one undo step; they
/// need nothing of the window that carries them.
void BindPersonaCommands(wxEvtHandler& handler, EditingContext& context);
