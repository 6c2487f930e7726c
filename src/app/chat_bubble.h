#pragma once

#include <wx/panel.h>

class wxStaticText;

/// One message of the chat: rounded, tinted by who speaks, its text wrapped to the width given.
class ChatBubble : public wxPanel {
public:
    /// Who a bubble speaks for; it sets the tint and the side.
    enum class Role { Assistant, Question, Summary, Error, User };

    /// A bubble that shows text (and hint under it) once Rewrap gives it a width.
    ChatBubble(wxWindow* parent, Role role, const wxString& text, const wxString& hint = wxString());

    Role GetRole() const { return m_role; }
    const wxString& GetText() const { return m_text; }
    /// Wraps the text so the bubble is at most width pixels wide.
    void Rewrap(int width);
    /// The width the text was last wrapped to.
    int GetWrapWidth() const { return m_width; }
    /// Replaces the text (an answer streaming in), wrapped at the last width given.
    void SetText(const wxString& text);

private:
    void OnPaint(wxPaintEvent& event);

    Role m_role;
    wxString m_text, m_hint;
    int m_width = 0;
    wxStaticText* m_label = nullptr;
    wxStaticText* m_hintLabel = nullptr;
};
