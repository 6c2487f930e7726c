#include "welcome_card.h"

#include <algorithm>
#include <memory>

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "accessibility.h"
#include "bpm/model.h"
#include "command_ids.h"
#include "ui_text.h"
#include "wx_string.h"

namespace {

// Widest the card grows, in DIPs: long lines are hard to read.
constexpr int max_card_width = 760;

wxColour Mix(const wxColour& a, const wxColour& b, double share_of_b) {
    const auto mix = [&](unsigned char x, unsigned char y) { return static_cast<unsigned char>(x + (y - x) * share_of_b); };
    return {mix(a.Red(), b.Red()), mix(a.Green(), b.Green()), mix(a.Blue(), b.Blue())};
}

}  // namespace

WelcomeCard::WelcomeCard(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetAccessibleName(this, _("Welcome"));
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    m_card = new wxPanel(this, wxID_ANY);
    m_card->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    const int gap = FromDIP(16);

    auto* title = NewHeading(m_card, _("Buyer Persona Buying Process Mapping"), 1.8);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(title, 0, wxTOP, gap * 2);

    const auto paragraph = [&](const wxString& text, bool lead) {
        auto* label = new wxStaticText(m_card, wxID_ANY, text);
        if (lead) label->SetFont(GetFont().Scaled(1.15f));
        else label->SetForegroundColour(Mix(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT),
                                            wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW), 0.2));
        m_paragraphs.emplace_back(label, text);
        sizer->Add(label, 0, wxTOP, gap);
    };
    paragraph(_("Define your buyer personas' journey, key actions, and align your marketing and sales strategies for "
                "optimal impact."),
              true);
    sizer->Add(new StageIllustration(m_card), 0, wxEXPAND | wxTOP, gap * 2);
    paragraph(_("Welcome to the Buyer Persona Buying Process Mapping tool. This guided experience will help us deeply "
                "understand your buyer personas' journeys - from their initial problem awareness to their final "
                "purchase decision. By mapping these stages, we can align your sales and marketing efforts to deliver "
                "the right message at the right time, ultimately improving engagement and conversions."),
              false);
    paragraph(_("We'll cover key aspects such as what your buyers are doing at each stage, who influences them, and "
                "what content and seller actions are most effective. This tailored approach helps ensure your "
                "strategy is highly relevant and impactful."),
              false);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* create = new wxButton(m_card, wxID_NEW, _("&New Map"));
    create->SetDefault();
    auto* open = new wxButton(m_card, wxID_OPEN, _("&Open Map..."));
    auto* sample = new wxButton(m_card, ID_OPEN_SAMPLE, _("Open the &Sample Map"));
    for (wxButton* b : {create, open, sample}) {
        SetAccessibleName(b, wxStripMenuCodes(b->GetLabel()));
        buttons->Add(b, 0, wxRIGHT, FromDIP(8));
    }
    sizer->Add(buttons, 0, wxTOP | wxBOTTOM, gap * 2);
    // One margin for everything on the card, so its left edges line up.
    auto* margins = new wxBoxSizer(wxVERTICAL);
    margins->Add(sizer, 1, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    m_card->SetSizer(margins);

    Bind(wxEVT_SIZE, &WelcomeCard::OnSize, this);
    Bind(wxEVT_PAINT, &WelcomeCard::OnPaint, this);
    ForwardButtonsAsMenuCommands(m_card);
}

void WelcomeCard::OnSize(wxSizeEvent& event) {
    const wxSize area = event.GetSize();
    const int margin = FromDIP(24);
    const int width = std::min(FromDIP(max_card_width), area.x - 2 * margin);
    if (width <= 0) return;
    const int textWidth = width - FromDIP(16) * 4;
    for (const auto& [label, text] : m_paragraphs) {
        label->SetLabel(text);
        label->Wrap(textWidth);
    }
    m_card->SetSize(width, -1);
    m_card->Layout();
    const wxSize best = m_card->GetSizer()->ComputeFittingClientSize(m_card);
    const int height = best.y;
    m_card->SetSize((area.x - width) / 2, std::max(margin, (area.y - height) / 2), width, height);
    Refresh();
}

void WelcomeCard::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour face = wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE);
    dc.SetBackground(wxBrush(Mix(face, wxColour(0, 0, 0), 0.03)));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    // A soft shadow under the card lifts it off the background.
    const wxRect card = m_card->GetRect();
    for (int i = 3; i >= 1; --i) {
        gc->SetPen(*wxTRANSPARENT_PEN);
        gc->SetBrush(wxBrush(wxColour(0, 0, 0, static_cast<unsigned char>(10 * (4 - i)))));
        gc->DrawRoundedRectangle(card.x - i, card.y - i + 2, card.width + 2 * i, card.height + 2 * i, FromDIP(8) + i);
    }
    gc->SetBrush(wxBrush(window));
    gc->DrawRoundedRectangle(card.x, card.y, card.width, card.height, FromDIP(8));
}

StageIllustration::StageIllustration(wxWindow* parent) : wxWindow(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetAccessibleName(this, _("Awareness, then Consideration, then Decision"));
    Bind(wxEVT_PAINT, &StageIllustration::OnPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

wxSize StageIllustration::DoGetBestClientSize() const { return FromDIP(wxSize(600, 100)); }

void StageIllustration::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);

    const std::vector<std::string> names = bpm::standard_stage_names();
    const wxString captions[] = {_("Researching the problem"), _("Evaluating solutions"), _("Choosing and buying")};
    const wxColour colours[] = {{53, 132, 228}, {38, 162, 105}, {229, 165, 10}};
    const wxSize size = GetClientSize();
    const double arrow = FromDIP(22);
    const double height = FromDIP(64);
    const double count = static_cast<double>(names.size());
    const double width = (size.x - arrow) / count;
    const wxFont font = GetFont().Bold().Scaled(1.15f);
    const wxFont small = GetFont();

    for (std::size_t i = 0; i < names.size(); ++i) {
        const double x = i * width;
        // A chevron: flat left edge for the first stage, a notch for the others, a point on the right.
        wxGraphicsPath path = gc->CreatePath();
        path.MoveToPoint(x, 0);
        path.AddLineToPoint(x + width, 0);
        path.AddLineToPoint(x + width + arrow, height / 2);
        path.AddLineToPoint(x + width, height);
        path.AddLineToPoint(x, height);
        if (i > 0) path.AddLineToPoint(x + arrow, height / 2);
        path.CloseSubpath();
        const wxColour base = colours[i % 3];
        gc->SetBrush(gc->CreateLinearGradientBrush(x, 0, x, height, Mix(base, *wxWHITE, 0.18), base));
        gc->SetPen(wxPen(GetParent()->GetBackgroundColour(), FromDIP(3)));
        gc->DrawPath(path);

        const wxString name = ToWx(names[i]);
        gc->SetFont(font, *wxWHITE);
        double tw = 0, th = 0;
        gc->GetTextExtent(name, &tw, &th);
        const double left = x + (i > 0 ? arrow : 0);
        const double inner = width - (i > 0 ? arrow : 0);
        gc->DrawText(name, left + (inner - tw) / 2 + arrow / 3, (height - th) / 2);

        gc->SetFont(small, Mix(base, *wxBLACK, 0.35));
        gc->GetTextExtent(captions[i], &tw, &th);
        gc->DrawText(captions[i], left + (inner - tw) / 2 + arrow / 3, height + FromDIP(10));
    }
}
