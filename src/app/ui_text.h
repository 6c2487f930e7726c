#pragma once
// The few kinds of static text the panels share, so they look the same everywhere.

#include <wx/string.h>

class wxStaticText;
class wxStaticTextBase;
class wxWindow;

/// A bold heading, scale times the normal font size.
wxStaticTextBase* NewHeading(wxWindow* parent, const wxString& text, double scale, long style = 0);
/// A line of secondary (grey) text.
wxStaticText* NewNote(wxWindow* parent, const wxString& text, long style = 0);
