#include "empty_map_panel.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "accessibility.h"
#include "command_ids.h"
#include "ui_text.h"

EmptyMapPanel::EmptyMapPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetAccessibleName(this, _("Empty map"));
    const int gap = FromDIP(12);
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(NewHeading(this, _("This map has no personas yet"), 1.4, wxALIGN_CENTRE_HORIZONTAL), 0,
                wxALIGN_CENTRE_HORIZONTAL | wxBOTTOM, gap);
    // TRANSLATORS: Assistant is the caption of the chat pane, which the user may dock on any side
    m_whole = _("Answer the questions in the Assistant pane to define your first buyer persona: "
                                "its name, its pain points and the stages of its buying journey. Everything you answer "
                                "appears here as you go, and you can change it at any time.");
    m_text = new wxStaticText(this, wxID_ANY, m_whole, wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
    column->Add(m_text, 0, wxEXPAND | wxBOTTOM, gap * 2);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* ask = new wxButton(this, ID_SHOW_ASSISTANT, _("Answer the &Assistant"));
    ask->SetDefault();
    auto* add = new wxButton(this, ID_PERSONA_ADD, _("&Add a Persona Yourself"));
    for (wxButton* b : {ask, add}) {
        SetAccessibleName(b, wxStripMenuCodes(b->GetLabel()));
        buttons->Add(b, 0, wxLEFT | wxRIGHT, gap / 2);
    }
    column->Add(buttons, 0, wxALIGN_CENTRE_HORIZONTAL);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->AddStretchSpacer(2);
    outer->Add(column, 0, wxALIGN_CENTRE_HORIZONTAL | wxLEFT | wxRIGHT, gap * 2);
    outer->AddStretchSpacer(3);
    SetSizer(outer);

    // The text wraps to the room there is, up to a readable line length.
    Bind(wxEVT_SIZE, [this, gap](wxSizeEvent& event) {
        const int width = std::min(FromDIP(520), event.GetSize().x - gap * 4);
        if (width > 0 && width != m_wrappedTo) {
            m_wrappedTo = width;
            m_text->SetLabel(m_whole);
            m_text->Wrap(width);
        }
        event.Skip();
    });
    ForwardButtonsAsMenuCommands(this);
}
