#include "chat_bubble.h"

#include <algorithm>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/tokenzr.h>

#include "accessibility.h"
#include "wx_string.h"
#include "word_wrap.h"

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

wxColour Ink(ChatBubble::Role role) { return role == ChatBubble::Role::User ? *wxWHITE : wxColour(0x1F, 0x23, 0x28); }
const wxColour hint_ink(0x55, 0x5E, 0x6A);

// The width of a wrapped line: its words' widths and the spaces between them.
int LineWidth(const wxString& line, const TextWidths::Measure& widthOf) {
    int width = 0, words = 0;
    wxStringTokenizer tokens(line, " ", wxTOKEN_STRTOK);
    while (tokens.HasMoreTokens()) {
        width += widthOf(tokens.GetNextToken());
        ++words;
    }
    return width + std::max(0, words - 1) * widthOf(" ");
}

}  // namespace

ChatBubble::ChatBubble(wxWindow* parent, Role role, const wxString& text, const wxString& hint)
    : wxPanel(parent, wxID_ANY), m_role(role), m_text(text), m_hint(hint) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    m_textFont = GetFont();
    if (role == Role::Question) m_textFont.MakeBold();
    m_hintFont = GetFont().Smaller();
    NameForScreenReaders();
    Bind(wxEVT_PAINT, &ChatBubble::OnPaint, this);
}

void ChatBubble::NameForScreenReaders() {
    // Screen readers announce who speaks as well as what is said.
    const wxString who = m_role == Role::User ? _("You") : _("Assistant");
    // TRANSLATORS: a chat message as a screen reader reads it: who speaks, then what is said
    SetAccessibleName(this, FormatText(_("{1}: {2}"), who, m_text));
}

void ChatBubble::Rewrap(int width, std::shared_ptr<TextWidths> widths) {
    m_width = width;
    m_widths = std::move(widths);
    Rewrap();
}

void ChatBubble::Rewrap() {
    if (!m_widths) return;
    const int inner = std::max(80, m_width - 2 * padding);
    const TextWidths::Measure textWidth = m_widths->For(*this, m_textFont);
    m_lines = WrapWords(m_text, inner, textWidth);
    m_lineHeight = m_widths->LineHeight(*this, m_textFont);
    int widest = 0;
    for (const wxString& line : m_lines) widest = std::max(widest, LineWidth(line, textWidth));
    int height = padding + static_cast<int>(m_lines.size()) * m_lineHeight + padding;
    m_hintLines.clear();
    if (!m_hint.empty()) {
        const TextWidths::Measure hintWidth = m_widths->For(*this, m_hintFont);
        m_hintLines = WrapWords(m_hint, inner, hintWidth);
        m_hintLineHeight = m_widths->LineHeight(*this, m_hintFont);
        for (const wxString& line : m_hintLines) widest = std::max(widest, LineWidth(line, hintWidth));
        height += static_cast<int>(m_hintLines.size()) * m_hintLineHeight + padding;
    }
    m_best = wxSize(widest + 2 * padding, height);
    SetMinSize(m_best);
    InvalidateBestSize();
}

void ChatBubble::SetText(const wxString& text) {
    m_text = text;
    NameForScreenReaders();
    Rewrap();
    Refresh();
}

void ChatBubble::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    const wxSize size = GetClientSize();
    {
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (gc) {
            gc->SetBrush(wxBrush(Tint(m_role)));
            gc->SetPen(m_role == Role::Error ? wxPen(wxColour(0xE0, 0x9A, 0x94)) : *wxTRANSPARENT_PEN);
            gc->DrawRoundedRectangle(0.5, 0.5, size.x - 1.0, size.y - 1.0, corner);
        }
    }
    int y = padding;
    dc.SetFont(m_textFont);
    dc.SetTextForeground(Ink(m_role));
    for (const wxString& line : m_lines) {
        dc.DrawText(line, padding, y);
        y += m_lineHeight;
    }
    if (m_hintLines.empty()) return;
    y += padding;
    dc.SetFont(m_hintFont);
    dc.SetTextForeground(hint_ink);
    for (const wxString& line : m_hintLines) {
        dc.DrawText(line, padding, y);
        y += m_hintLineHeight;
    }
}
