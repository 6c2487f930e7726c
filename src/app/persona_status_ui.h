#pragma once
// How a persona's status and completeness look, the same in the list, the dashboard and the form.

#include <wx/gdicmn.h>
#include <wx/string.h>

#include "bpm/model.h"

class wxDC;

/// "In progress" or "Completed".
wxString StatusText(bpm::persona_status status);
/// The badge text for p: its status, marked with a warning sign when its stage fields disagree.
wxString StatusBadgeText(const bpm::persona& p);
/// How p's status and its stage fields disagree and how to settle it, in a sentence; empty when
/// they agree.
wxString StatusDisagreement(const bpm::persona& p);
/// Size of the rounded badge DrawStatusBadge draws for text in dc's current font.
wxSize MeasureStatusBadge(wxDC& dc, const wxString& text);
/// A rounded badge with the status text: green for completed, amber for in progress, red when
/// the status disagrees with the stage fields.
void DrawStatusBadge(wxDC& dc, const wxPoint& at, const wxString& text, const bpm::persona& p, bool onSelection);
/// A thin bar filled to percent.
void DrawCompletenessBar(wxDC& dc, const wxRect& rect, int percent, bool onSelection);
