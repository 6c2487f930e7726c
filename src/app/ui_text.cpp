#include "ui_text.h"

#include <wx/settings.h>
#include <wx/stattext.h>

#include <wx/generic/stattextg.h>

wxStaticTextBase* NewHeading(wxWindow* parent, const wxString& text, double scale, long style) {
    // A generic (self-drawn) label: GTK measures a native label before a new font takes effect,
    // so a large heading would come out clipped.
    auto* heading = new wxGenericStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, style);
    heading->SetFont(parent->GetFont().Bold().Scaled(static_cast<float>(scale)));
    heading->SetLabel(text);
    return heading;
}

wxStaticText* NewNote(wxWindow* parent, const wxString& text, long style) {
    auto* note = new wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, style);
    note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    return note;
}
