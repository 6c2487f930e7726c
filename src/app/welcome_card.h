#pragma once

#include <utility>
#include <vector>

#include <wx/panel.h>

class wxStaticText;

/// What a first-time user sees before a map is open: the tool explained in the words of the
/// spec's Phase 1, the Awareness -> Consideration -> Decision illustration, and buttons to start
/// a map, open one or open the sample.
class WelcomeCard : public wxPanel {
public:
    explicit WelcomeCard(wxWindow* parent);

private:
    void OnSize(wxSizeEvent& event);
    void OnPaint(wxPaintEvent& event);

    wxPanel* m_card = nullptr;
    // Paragraphs that wrap to the card's width, with their unwrapped text.
    std::vector<std::pair<wxStaticText*, wxString>> m_paragraphs;
};

/// The buying journey drawn as three linked stages: Awareness, Consideration, Decision.
class StageIllustration : public wxWindow {
public:
    explicit StageIllustration(wxWindow* parent);

protected:
    wxSize DoGetBestClientSize() const override;

private:
    void OnPaint(wxPaintEvent& event);
};
