#pragma once

#include <wx/string.h>

class wxWindow;

/// Names a control for assistive technology: its wxWidgets name and, on GTK, the name
/// screen readers announce (wxAccessible is not available there).
void SetAccessibleName(wxWindow* window, const wxString& name);
