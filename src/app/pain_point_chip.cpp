#include "pain_point_chip.h"

#include <algorithm>

#include <wx/dcbuffer.h>
#include <wx/dcclient.h>
#include <wx/renderer.h>
#include <wx/settings.h>

#include "accessibility.h"
#include "word_wrap.h"
#include "wx_string.h"

namespace {

// Widest a chip's text may run before it wraps, in DIPs.
constexpr int max_text_width = 320;
constexpr int padding = 8;
constexpr int close_size = 16;

wxColour Tint(const wxColour& colour, double share) {
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const auto mix = [&](unsigned char w, unsigned char c) { return static_cast<unsigned char>(w + (c - w) * share); };
    return {mix(window.Red(), colour.Red()), mix(window.Green(), colour.Green()), mix(window.Blue(), colour.Blue())};
}

}  // namespace

PainPointChip::PainPointChip(wxWindow* parent, const bpm::pain_point& point, Actions actions)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxBORDER_NONE),
      m_point(point),
      m_actions(std::move(actions)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    const wxString category = CategoryLabel();
    // TRANSLATORS: accessible name of a pain point tag: category, then the text
    SetAccessibleName(this, category.empty() ? ToWx(point.text)
                                             : FormatText(_("{1} pain point: {2}"), category, point.text));
    if (m_actions.edit) SetToolTip(_("Enter or double-click to edit, Delete to remove"));
    Bind(wxEVT_PAINT, &PainPointChip::OnPaint, this);
    Bind(wxEVT_LEFT_UP, &PainPointChip::OnLeftUp, this);
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
        SetFocus();
        e.Skip();
    });
    Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent&) {
        if (m_actions.edit) m_actions.edit();
    });
    Bind(wxEVT_KEY_DOWN, &PainPointChip::OnKeyDown, this);
    Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent& e) {
        const wxPoint where = e.GetPosition() == wxDefaultPosition ? wxPoint(0, GetSize().y) : ScreenToClient(e.GetPosition());
        if (m_actions.menu) m_actions.menu(this, where);
    });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
}

wxColour PainPointChip::CategoryColour(bpm::pain_category category) {
    switch (category) {
        case bpm::pain_category::financial: return {46, 125, 50};
        case bpm::pain_category::productivity: return {21, 101, 192};
        case bpm::pain_category::process: return {216, 67, 21};
        case bpm::pain_category::support: return {123, 31, 162};
        case bpm::pain_category::other: return {84, 110, 122};
        case bpm::pain_category::none: break;
    }
    return {120, 120, 120};
}

wxString PainPointChip::CategoryLabel() const { return ToWx(bpm::pain_category_title(m_point.category)); }

wxArrayString PainPointChip::Lines(wxDC& dc) const {
    dc.SetFont(GetFont());
    return WrapWords(dc, ToWx(m_point.text), FromDIP(max_text_width));
}

wxSize PainPointChip::DoGetBestClientSize() const {
    wxClientDC dc(const_cast<PainPointChip*>(this));
    const wxArrayString lines = Lines(dc);
    int width = 0;
    for (const wxString& line : lines) width = std::max(width, dc.GetTextExtent(line).x);
    int height = static_cast<int>(lines.size()) * dc.GetCharHeight();
    dc.SetFont(GetFont().Smaller().Bold());
    const wxString category = CategoryLabel().Upper();
    if (!category.empty()) {
        width = std::max(width, dc.GetTextExtent(category).x);
        height += dc.GetCharHeight() + FromDIP(2);
    }
    return {width + FromDIP(2 * padding + close_size + 4), height + FromDIP(2 * padding) - FromDIP(2)};
}

wxRect PainPointChip::CloseRect() const {
    const wxSize size = GetClientSize();
    return {size.x - FromDIP(close_size + padding / 2), FromDIP(padding / 2), FromDIP(close_size), FromDIP(close_size)};
}

void PainPointChip::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    const wxColour colour = CategoryColour(m_point.category);
    wxRect box(GetClientSize());
    dc.SetPen(wxPen(HasFocus() ? colour : Tint(colour, 0.35), FromDIP(HasFocus() ? 2 : 1)));
    dc.SetBrush(wxBrush(Tint(colour, 0.10)));
    dc.DrawRoundedRectangle(box.Deflate(1), FromDIP(6));

    int y = FromDIP(padding) - FromDIP(1);
    const int x = FromDIP(padding);
    const wxString category = CategoryLabel().Upper();
    if (!category.empty()) {
        dc.SetFont(GetFont().Smaller().Bold());
        dc.SetTextForeground(colour);
        dc.DrawText(category, x, y);
        y += dc.GetCharHeight() + FromDIP(2);
    }
    const wxArrayString lines = Lines(dc);
    dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    for (const wxString& line : lines) {
        dc.DrawText(line, x, y);
        y += dc.GetCharHeight();
    }
    if (!m_actions.remove) return;
    const wxRect close = CloseRect();
    dc.SetPen(wxPen(Tint(colour, 0.8), FromDIP(2)));
    const int inset = FromDIP(4);
    dc.DrawLine(close.x + inset, close.y + inset, close.GetRight() - inset, close.GetBottom() - inset);
    dc.DrawLine(close.GetRight() - inset, close.y + inset, close.x + inset, close.GetBottom() - inset);
}

void PainPointChip::OnLeftUp(wxMouseEvent& event) {
    if (m_actions.remove && CloseRect().Contains(event.GetPosition())) {
        m_actions.remove();
        return;
    }
    event.Skip();
}

void PainPointChip::OnKeyDown(wxKeyEvent& event) {
    switch (event.GetKeyCode()) {
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
        case WXK_F2:
            if (m_actions.edit) m_actions.edit();
            return;
        case WXK_DELETE:
        case WXK_BACK:
            if (m_actions.remove) m_actions.remove();
            return;
        case WXK_TAB: Navigate(event.ShiftDown() ? wxNavigationKeyEvent::IsBackward : wxNavigationKeyEvent::IsForward); return;
        default: event.Skip();
    }
}
