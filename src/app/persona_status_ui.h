#pragma once
// How a persona's status and completeness look, the same in the list, the dashboard and the form.

#include <wx/gdicmn.h>
#include <wx/string.h>

#include "bpm/model.h"

class wxDC;

/// "In progress" or "Completed".
wxString StatusText(bpm::persona_status status);
/// Size of the rounded badge DrawStatusBadge draws for text in dc's current font.
wxSize MeasureStatusBadge(wxDC& dc, const wxString& text);
/// A rounded badge with the status text: green for completed, amber for in progress.
void DrawStatusBadge(wxDC& dc, const wxPoint& at, const wxString& text, bpm::persona_status status, bool onSelection);
/// A thin bar filled to percent.
void DrawCompletenessBar(wxDC& dc, const wxRect& rect, int percent, bool onSelection);
