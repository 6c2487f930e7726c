#include "comments_panel.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dc.h>
#include <wx/dcclient.h>
#include <wx/menu.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>
#include <wx/vlbox.h>

#include "accessibility.h"
#include "bpm/bidi.h"
#include "bpm/edit.h"
#include "bpm_document.h"
#include "comments_ui.h"
#include "word_wrap.h"
#include "wx_string.h"

namespace {

enum { ID_REPLY = wxID_HIGHEST + 900, ID_TOGGLE_RESOLVED, ID_GO_TO, ID_DELETE_COMMENT };

// One line of a listed comment as drawn.
struct Line {
    enum Style { Group, Heading, Byline, Text } style;
    wxString text;
    int x = 0;  // indent from the item's left padding
    int y = 0;  // from the item's top
    bool rtl = false;
};

wxFont FontOf(const wxWindow& w, Line::Style style) {
    wxFont font = w.GetFont();
    if (style == Line::Group || style == Line::Heading) font.MakeBold();
    if (style == Line::Byline) font.SetFractionalPointSize(font.GetFractionalPointSize() * 0.9);
    return font;
}

// "Ana · 2027-01-01 10:00 UTC", or only the author while the time is unknown.
wxString Byline(const std::string& author, const std::string& at) {
    const wxString who = author.empty() ? _("(unknown author)") : ToWx(author);
    if (at.empty()) return who;
    // TRANSLATORS: who wrote a comment and when, e.g. "Ana · 2027-01-01 10:00 UTC"
    return FormatText(_("{1} \u00B7 {2}"), who, bpm::readable_timestamp(at));
}

// The persona a group of comments is about, as the list shows it over the group.
wxString GroupOf(const bpm::document& doc, const bpm::comment& c) {
    const bpm::persona* p = doc.persona_by_id(c.persona_id);
    if (!p) return ToWx(bpm::comment_location(doc, c));
    return p->name.empty() ? _("(unnamed persona)") : ToWx(p->name);
}

// Where in its persona a comment is: the stage or stage field, or the persona's field.
wxString Heading(const bpm::document& doc, const bpm::comment& c) {
    if (!doc.persona_by_id(c.persona_id)) return wxString();
    if (!c.stage_id.empty()) return ToWx(bpm::comment_location(doc, c));
    // TRANSLATORS: in the Comments pane, a comment about a persona as a whole
    return c.field.empty() ? _("The persona") : ToWx(bpm::comment_field_title(c));
}

}  // namespace

// The list: one item per comment, its replies drawn under it, text wrapped to the width.
class CommentList : public wxVListBox {
public:
    explicit CommentList(CommentsPanel* panel)
        : wxVListBox(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_THEME | wxWANTS_CHARS), m_panel(panel) {
        SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            e.Skip();
            if (e.GetSize().x != m_width) {
                m_width = e.GetSize().x;
                RefreshAll();
            }
        });
    }

    // The lines of item n at the list's current width, the item's height, and where its comment
    // starts below the name of its persona (which the first comment of each persona carries).
    std::vector<Line> Lay(wxDC& dc, size_t n, int& height, int& top) const {
        std::vector<Line> lines;
        height = top = 0;
        const bpm::comment* c = m_panel->CommentAt(n);
        const BpmDocument* doc = m_panel->m_context.GetDocument();
        if (!c || !doc) return lines;
        const int pad = FromDIP(8), indent = FromDIP(16), gap = FromDIP(4);
        const int width = std::max(GetClientSize().x - 2 * pad, FromDIP(60));
        int y = pad / 2;
        const auto add = [&](Line::Style style, const wxString& text, int x) {
            dc.SetFont(FontOf(*this, style));
            const int lineHeight = dc.GetCharHeight();
            const bool rtl = bpm::bidi::is_rtl(ToUtf8(text));
            for (const wxString& piece : WrapWords(dc, text, width - x)) {
                lines.push_back({style, piece, x, y, rtl});
                y += lineHeight;
            }
        };
        const bpm::comment* before = n > 0 ? m_panel->CommentAt(n - 1) : nullptr;
        if (!before || before->persona_id != c->persona_id) {
            add(Line::Group, GroupOf(doc->Model(), *c), 0);
            y += pad / 2;
            top = y;
        }
        y += pad / 2;
        wxString heading = Heading(doc->Model(), *c);
        if (c->resolved)
            // TRANSLATORS: after a comment's place in the Comments pane, when it is resolved
            heading = FormatText(_("{1} (resolved)"), heading);
        if (!heading.empty()) add(Line::Heading, heading, 0);
        add(Line::Byline, Byline(c->author, c->created_at), 0);
        y += gap / 2;
        add(Line::Text, ToWx(c->text), 0);
        for (const bpm::comment_reply& r : c->replies) {
            y += gap;
            // TRANSLATORS: in the Comments pane, before who replied and when
            add(Line::Byline, FormatText(_("Reply: {1}"), Byline(r.author, r.created_at)), indent);
            add(Line::Text, ToWx(r.text), indent);
        }
        height = y + pad;
        return lines;
    }

protected:
    wxCoord OnMeasureItem(size_t n) const override {
        wxClientDC dc(const_cast<CommentList*>(this));
        int height = 0, top = 0;
        Lay(dc, n, height, top);
        return std::max(height, FromDIP(24));
    }

    void OnDrawItem(wxDC& dc, const wxRect& rect, size_t n) const override {
        int height = 0, top = 0;
        const std::vector<Line> lines = Lay(dc, n, height, top);
        const bool selected = IsSelected(n);
        const bpm::comment* c = m_panel->CommentAt(n);
        const wxColour ink = selected ? wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT)
                                      : wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOXTEXT);
        const wxColour faint = selected ? ink : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
        const int pad = FromDIP(8);
        const int right = rect.GetRight() - pad;
        for (const Line& line : lines) {
            dc.SetFont(FontOf(*this, line.style));
            const bool dim = line.style == Line::Byline || (c && c->resolved);
            if (line.style == Line::Group) dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNTEXT));
            else dc.SetTextForeground(dim ? faint : ink);
            // A right-to-left paragraph reads from the right edge.
            const int x = line.rtl ? right - dc.GetTextExtent(line.text).x : rect.x + pad + line.x;
            dc.DrawText(line.text, x, rect.y + line.y);
        }
        if (!selected) {
            dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_3DLIGHT)));
            dc.DrawLine(rect.GetLeft(), rect.GetBottom(), rect.GetRight() + 1, rect.GetBottom());
        }
        // The same amber as the grid's marker, on open comments.
        if (c && !c->resolved) {
            dc.SetPen(*wxTRANSPARENT_PEN);
            dc.SetBrush(wxBrush(wxColour(0xF5, 0xA6, 0x23)));
            dc.DrawRectangle(rect.x, rect.y + top, FromDIP(3), rect.height - top - 1);
        }
    }

    // The persona's band over its first comment; the selection covers the comment alone.
    void OnDrawBackground(wxDC& dc, const wxRect& rect, size_t n) const override {
        int height = 0, top = 0;
        Lay(dc, n, height, top);
        dc.SetPen(*wxTRANSPARENT_PEN);
        if (top > 0) {
            dc.SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE)));
            dc.DrawRectangle(rect.x, rect.y, rect.width, top);
        }
        if (IsSelected(n)) {
            dc.SetBrush(wxBrush(GetSelectionBackground().IsOk() ? GetSelectionBackground()
                                                                : wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT)));
            dc.DrawRectangle(rect.x, rect.y + top, rect.width, rect.height - top);
        }
    }

private:
    CommentsPanel* m_panel;
    int m_width = -1;
};

CommentsPanel::CommentsPanel(wxWindow* parent, EditingContext& context) : wxPanel(parent, wxID_ANY), m_context(context) {
    SetAccessibleName(this, _("Comments"));
    const int gap = FromDIP(6);
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    m_count = new wxStaticText(this, wxID_ANY, wxString());
    top->Add(m_count, wxSizerFlags(1).CentreVertical());
    m_showResolved = new wxCheckBox(this, wxID_ANY, _("Show &resolved"));
    SetAccessibleName(m_showResolved, _("Show resolved comments"));
    top->Add(m_showResolved, wxSizerFlags().CentreVertical());
    column->Add(top, wxSizerFlags().Expand().Border(wxALL, gap));

    m_list = new CommentList(this);
    SetAccessibleName(m_list, _("Comments"));
    KeepScrollBarsVisible(m_list);
    column->Add(m_list, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, gap));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const auto button = [&](int id, const wxString& label, const wxString& tip) {
        auto* b = new wxButton(this, id, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
        b->SetToolTip(tip);
        SetAccessibleName(b, wxStripMenuCodes(label));
        buttons->Add(b, wxSizerFlags().Border(wxRIGHT, gap));
        return b;
    };
    m_reply = button(ID_REPLY, _("Re&ply..."), _("Reply to the selected comment"));
    m_resolve = button(ID_TOGGLE_RESOLVED, _("Re&solve"), _("Mark the selected comment resolved, or open it again"));
    m_delete = button(ID_DELETE_COMMENT, _("&Delete"), _("Delete the selected comment and its replies (Delete)"));
    column->Add(buttons, wxSizerFlags().Border(wxALL, gap));
    SetSizer(column);

    m_showResolved->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { Rebuild(); });
    m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { UpdateButtons(); });
    m_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { GoToSelected(); });
    m_list->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& key) {
        const int code = key.GetKeyCode();
        if ((code == WXK_RETURN || code == WXK_NUMPAD_ENTER) && key.GetModifiers() == wxMOD_NONE) GoToSelected();
        else if ((code == WXK_DELETE || code == WXK_NUMPAD_DELETE) && key.GetModifiers() == wxMOD_NONE) DeleteSelected();
        else if (code == WXK_WINDOWS_MENU || (code == WXK_F10 && key.GetModifiers() == wxMOD_SHIFT)) {
            const int row = m_list->GetSelection();
            const wxRect item = row == wxNOT_FOUND ? wxRect() : m_list->GetItemRect(static_cast<size_t>(row));
            ShowMenu(ScreenToClient(m_list->ClientToScreen(item.GetBottomLeft())));
        } else key.Skip();
    });
    m_list->Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent& e) {
        if (e.GetPosition() == wxDefaultPosition) {
            ShowMenu(wxDefaultPosition);
            return;
        }
        const int row = m_list->HitTest(m_list->ScreenToClient(e.GetPosition()));
        if (row != wxNOT_FOUND) m_list->SetSelection(row);
        UpdateButtons();
        ShowMenu(ScreenToClient(e.GetPosition()));
    });
    const auto command = [this](wxCommandEvent& e) {
        switch (e.GetId()) {
            case ID_REPLY: ReplyToSelected(); break;
            case ID_TOGGLE_RESOLVED: ToggleSelectedResolved(); break;
            case ID_GO_TO: GoToSelected(); break;
            case ID_DELETE_COMMENT: DeleteSelected(); break;
        }
    };
    Bind(wxEVT_BUTTON, command, ID_REPLY, ID_DELETE_COMMENT);
    Bind(wxEVT_MENU, command, ID_REPLY, ID_DELETE_COMMENT);
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
    Rebuild();
}

CommentsPanel::~CommentsPanel() { m_subscription.Reset(); }

void CommentsPanel::OnNotice(const EditingContext::Notice& notice) {
    using kind = bpm::change::kind;
    if (notice.Has(EditingContext::DocumentChanged)) {
        Rebuild();
        return;
    }
    if (notice.Has(EditingContext::ReadOnlyChanged)) UpdateButtons();
    if (!notice.Has(EditingContext::Edited)) return;
    // Headings name personas and stages, so renaming or moving them changes the list too.
    for (const bpm::change& c : *notice.edits) {
        const bool names = (c.what == kind::persona_field && c.pfield == bpm::persona_field::name) ||
                           (c.what == kind::stage_field && c.sfield == bpm::stage_field::name);
        if (c.what == kind::comments_changed || names || c.what == kind::persona_moved || c.what == kind::stage_moved ||
            c.what == kind::persona_removed || c.what == kind::persona_added || c.what == kind::stage_removed ||
            c.what == kind::stage_added || c.what == kind::document_replaced) {
            Rebuild();
            return;
        }
    }
}

const bpm::comment* CommentsPanel::CommentAt(size_t n) const {
    const BpmDocument* doc = m_context.GetDocument();
    if (!doc || n >= m_ids.size()) return nullptr;
    for (const bpm::comment& c : doc->Model().comments)
        if (c.id == m_ids[n]) return &c;
    return nullptr;
}

void CommentsPanel::Rebuild() {
    const std::string selected = GetSelectedId();
    const int selectedRow = m_list->GetSelection();
    m_ids.clear();
    std::size_t open = 0;
    if (const BpmDocument* doc = m_context.GetDocument()) {
        const bpm::document& model = doc->Model();
        for (const bpm::comment* c : bpm::comments_in_map_order(model)) {
            if (!c->resolved) ++open;
            if (!c->resolved || m_showResolved->GetValue()) m_ids.push_back(c->id);
        }
    }
    // TRANSLATORS: at the top of the Comments pane
    m_count->SetLabel(open == 0 ? _("No open comments")
                                : FormatText(wxPLURAL("{1} open comment", "{1} open comments", open), open));
    m_list->SetItemCount(m_ids.size());
    m_list->RefreshAll();
    SelectComment(selected);
    // A comment resolved or deleted leaves the list: the one that took its row is selected.
    if (m_list->GetSelection() == wxNOT_FOUND && !m_ids.empty())
        m_list->SetSelection(std::clamp(selectedRow, 0, static_cast<int>(m_ids.size()) - 1));
    UpdateButtons();
}

std::string CommentsPanel::GetSelectedId() const {
    const int row = m_list->GetSelection();
    return row == wxNOT_FOUND || static_cast<size_t>(row) >= m_ids.size() ? std::string() : m_ids[static_cast<size_t>(row)];
}

void CommentsPanel::SelectComment(const std::string& commentId) {
    const auto it = std::find(m_ids.begin(), m_ids.end(), commentId);
    m_list->SetSelection(it == m_ids.end() ? wxNOT_FOUND : static_cast<int>(it - m_ids.begin()));
    UpdateButtons();
}

void CommentsPanel::RevealComment(const std::string& commentId) {
    const BpmDocument* doc = m_context.GetDocument();
    const bool listed = std::find(m_ids.begin(), m_ids.end(), commentId) != m_ids.end();
    if (doc && !listed && !m_showResolved->GetValue()) {
        const auto& comments = doc->Model().comments;
        const bool resolved = std::any_of(comments.begin(), comments.end(),
                                          [&](const bpm::comment& c) { return c.id == commentId && c.resolved; });
        if (resolved) {
            m_showResolved->SetValue(true);
            Rebuild();
        }
    }
    SelectComment(commentId);
}

void CommentsPanel::UpdateButtons() {
    const bpm::comment* c = m_list->GetSelection() == wxNOT_FOUND ? nullptr
                                                                  : CommentAt(static_cast<size_t>(m_list->GetSelection()));
    const bool edit = c && m_context.CanEdit();
    m_reply->Enable(edit);
    m_resolve->Enable(edit);
    m_delete->Enable(edit);
    const wxString label = c && c->resolved ? _("Re&open") : _("Re&solve");
    if (m_resolve->GetLabel() != label) {
        m_resolve->SetLabel(label);
        SetAccessibleName(m_resolve, wxStripMenuCodes(label));
        Layout();
    }
}

void CommentsPanel::ShowMenu(const wxPoint& at) {
    const bpm::comment* c = m_list->GetSelection() == wxNOT_FOUND ? nullptr
                                                                  : CommentAt(static_cast<size_t>(m_list->GetSelection()));
    if (!c) return;
    const bool edit = m_context.CanEdit();
    wxMenu menu;
    menu.Append(ID_GO_TO, _("&Go to Place\tEnter"));
    menu.AppendSeparator();
    menu.Append(ID_REPLY, _("Re&ply..."));
    menu.Append(ID_TOGGLE_RESOLVED, c->resolved ? _("Re&open") : _("Re&solve"));
    menu.Append(ID_DELETE_COMMENT, _("&Delete Comment\tDelete"));
    for (int id : {ID_REPLY, ID_TOGGLE_RESOLVED, ID_DELETE_COMMENT}) menu.Enable(id, edit);
    menu.Enable(ID_GO_TO, m_context.GetDocument() && m_context.GetDocument()->Model().persona_by_id(c->persona_id));
    PopupMenu(&menu, at);
}

void CommentsPanel::GoToSelected() {
    const BpmDocument* doc = m_context.GetDocument();
    const bpm::comment* c = m_list->GetSelection() == wxNOT_FOUND ? nullptr
                                                                  : CommentAt(static_cast<size_t>(m_list->GetSelection()));
    if (!c || !doc) return;
    const bpm::persona* p = doc->Model().persona_by_id(c->persona_id);
    if (!p) return;
    const std::string stageId = c->stage_id;
    const std::optional<bpm::stage_field> field = bpm::stage_field_from_key(c->field);
    m_context.SelectPersona(p->id);
    if (stageId.empty() || !p->stage_by_id(stageId)) {
        m_context.FocusPage(EditingContext::Page::Persona);
        return;
    }
    m_context.SelectStageField(stageId, field.value_or(bpm::stage_field::name));
    m_context.FocusPage(EditingContext::Page::Stages);
}

void CommentsPanel::ReplyToSelected() {
    BpmDocument* doc = m_context.GetDocument();
    const std::string id = GetSelectedId();
    if (!doc || id.empty() || !m_context.CanEdit()) return;
    if (ReplyAsking(this, *doc, id)) SelectComment(id);
}

void CommentsPanel::ToggleSelectedResolved() {
    BpmDocument* doc = m_context.GetDocument();
    const bpm::comment* c = m_list->GetSelection() == wxNOT_FOUND ? nullptr
                                                                  : CommentAt(static_cast<size_t>(m_list->GetSelection()));
    if (!doc || !c || !m_context.CanEdit()) return;
    doc->Submit(bpm::set_comment_resolved(c->id, !c->resolved));
}

void CommentsPanel::DeleteSelected() {
    BpmDocument* doc = m_context.GetDocument();
    const std::string id = GetSelectedId();
    if (!doc || id.empty() || !m_context.CanEdit()) return;
    doc->Submit(bpm::remove_comment(id));
}
