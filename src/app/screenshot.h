#pragma once

#include <wx/string.h>

#include "bpm/diagnostic.h"

class wxTopLevelWindow;

/// Lets a window finish its layout and painting, then saves what it shows (menu bar and
/// toolbar included) as a PNG.
bpm::result<> SaveWindowScreenshot(wxTopLevelWindow* window, const wxString& path);
