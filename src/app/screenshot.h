#pragma once

#include <wx/string.h>

class wxTopLevelWindow;

/// Lets a window finish its layout and painting, then saves what it shows (menu bar and
/// toolbar included) as a PNG. Returns "" or what went wrong.
wxString SaveWindowScreenshot(wxTopLevelWindow* window, const wxString& path);
