#pragma once

#include <memory>

#include <wx/arrstr.h>
#include <wx/panel.h>

class TextWidths;

/// One message of the chat: rounded, tinted by who speaks, its text wrapped to the width given.
/// It draws its own text: a label per bubble cost a GTK widget, a theme look-up and two layouts of
/// the whole text per chat turn, where the words' widths are known after the first turns.
class ChatBubble : public wxPanel {
public:
    /// Who a bubble speaks for; it sets the tint and the side.
    enum class Role { Assistant, Question, Summary, Error, User };

    /// A bubble that shows text (and hint under it) once Rewrap gives it a width.
    ChatBubble(wxWindow* parent, Role role, const wxString& text, const wxString& hint = wxString());

    Role GetRole() const { return m_role; }
    const wxString& GetText() const { return m_text; }
    /// Wraps the text so the bubble is at most width pixels wide, measuring words through widths.
    void Rewrap(int width, std::shared_ptr<TextWidths> widths);
    /// The width the text was last wrapped to.
    int GetWrapWidth() const { return m_width; }
    /// Replaces the text (an answer streaming in), wrapped at the last width given.
    void SetText(const wxString& text);

protected:
    wxSize DoGetBestClientSize() const override { return m_best; }

private:
    void Rewrap();
    void NameForScreenReaders();
    void OnPaint(wxPaintEvent& event);

    Role m_role;
    wxString m_text, m_hint;
    wxFont m_textFont, m_hintFont;
    wxArrayString m_lines, m_hintLines;
    int m_lineHeight = 0, m_hintLineHeight = 0;
    int m_width = 0;
    wxSize m_best{0, 0};
    std::shared_ptr<TextWidths> m_widths;
};
