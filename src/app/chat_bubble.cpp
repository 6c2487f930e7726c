#include "chat_bubble.h"

#include <memory>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace {

constexpr int padding = 9;
constexpr double corner = 9.0;

wxColour Tint(ChatBubble::Role role) {
    switch (role) {
        case ChatBubble::Role::Assistant: return wxColour(0xF0, 0xF2, 0xF5);
        case ChatBubble::Role::Question: return wxColour(0xE6, 0xEE, 0xFA);
        case ChatBubble::Role::Summary: return wxColour(0xFF, 0xF7, 0xDD);
        case ChatBubble::Role::Error: return wxColour(0xFD, 0xE4, 0xE2);
        case ChatBubble::Role::User: return wxColour(0x2F, 0x6F, 0xD0);
    }
    return *wxWHITE;
}

}  // namespace

ChatBubble::ChatBubble(wxWindow* parent, Role role, const wxString& text, const wxString& hint)
    : wxPanel(parent, wxID_ANY), m_role(role), m_text(text), m_hint(hint) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // The labels get their text from Rewrap, wrapped: set here as well, each was laid out and
    // measured once more for nothing, a tenth of an interview answer.
    m_label = new wxStaticText(this, wxID_ANY, wxString());
    m_label->SetForegroundColour(role == Role::User ? *wxWHITE : wxColour(0x1F, 0x23, 0x28));
    if (role == Role::Question) m_label->SetFont(m_label->GetFont().Bold());
    sizer->Add(m_label, 0, wxALL, padding);
    if (!hint.empty()) {
        m_hintLabel = new wxStaticText(this, wxID_ANY, wxString());
        m_hintLabel->SetForegroundColour(wxColour(0x55, 0x5E, 0x6A));
        m_hintLabel->SetFont(m_hintLabel->GetFont().Smaller());
        sizer->Add(m_hintLabel, 0, wxLEFT | wxRIGHT | wxBOTTOM, padding);
    }
    SetSizer(sizer);
    // Screen readers announce who speaks as well as what is said.
    SetName(role == Role::User ? _("You") : _("Assistant"));
    Bind(wxEVT_PAINT, &ChatBubble::OnPaint, this);
}

void ChatBubble::Rewrap(int width) {
    m_width = width;
    const int inner = std::max(80, width - 2 * padding);
    m_label->SetLabelText(m_text);
    m_label->Wrap(inner);
    if (m_hintLabel) {
        m_hintLabel->SetLabelText(m_hint);
        m_hintLabel->Wrap(inner);
    }
    GetSizer()->SetSizeHints(this);
}

void ChatBubble::SetText(const wxString& text) {
    m_text = text;
    Rewrap(m_width);
    Refresh();
}

void ChatBubble::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    const wxSize size = GetClientSize();
    gc->SetBrush(wxBrush(Tint(m_role)));
    gc->SetPen(m_role == Role::Error ? wxPen(wxColour(0xE0, 0x9A, 0x94)) : *wxTRANSPARENT_PEN);
    gc->DrawRoundedRectangle(0.5, 0.5, size.x - 1.0, size.y - 1.0, corner);
}
