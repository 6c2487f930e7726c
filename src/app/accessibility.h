#pragma once

#include <wx/string.h>

class wxWindow;

/// Names a control for assistive technology: its wxWidgets name and, on GTK, the name
/// screen readers announce (wxAccessible is not available there).
void SetAccessibleName(wxWindow* window, const wxString& name);

/// Keeps a scrolled window's scroll bars on screen while there is more to scroll to. GTK's
/// overlay scroll bars show only while the pointer moves over the window, so a page cut off at
/// 1024x700 looked cut off, with nothing saying it scrolls.
void KeepScrollBarsVisible(wxWindow* window);
