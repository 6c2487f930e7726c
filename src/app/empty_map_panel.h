#pragma once

#include <wx/panel.h>

class wxStaticText;

/// What the main area shows while a map has no persona: where the first one comes from (the
/// assistant's questions, or the Add Persona command) instead of an empty form and grid.
class EmptyMapPanel : public wxPanel {
public:
    explicit EmptyMapPanel(wxWindow* parent);

private:
    wxStaticText* m_text = nullptr;
    wxString m_whole;  // the text before wrapping
    int m_wrappedTo = 0;
};
