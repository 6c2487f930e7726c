#include "comments_ui.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/config.h>
#include <wx/dc.h>
#include <wx/dialog.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "accessibility.h"
#include "bpm/edit.h"
#include "bpm_document.h"
#include "wx_string.h"

namespace {

const char* const author_key = "/Comments/AuthorName";

// Whether a comment on a stage field shows in the cell of field.
bool OnCell(const bpm::comment& c, bpm::stage_field field) {
    if (c.field.empty()) return field == bpm::stage_field::name;
    const std::optional<bpm::stage_field> f = bpm::stage_field_from_key(c.field);
    return f && *f == field;
}

// The window asking for a comment's text.
class CommentTextDialog : public wxDialog {
public:
    CommentTextDialog(wxWindow* parent, const wxString& title, const wxString& place)
        : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
        const int gap = FromDIP(8);
        auto* column = new wxBoxSizer(wxVERTICAL);
        // TRANSLATORS: above the text of a new comment; {1} is what it is about, e.g. "Duration of Awareness"
        auto* about = new wxStaticText(this, wxID_ANY, FormatText(_("On {1}:"), place));
        column->Add(about, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
        m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(420, 120)),
                                wxTE_MULTILINE);
        SetAccessibleName(m_text, title);
        column->Add(m_text, wxSizerFlags(1).Expand().Border(wxALL, 2 * gap));
        auto* hint = new wxStaticText(this, wxID_ANY, _("Ctrl+Enter saves it"));
        hint->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        column->Add(hint, wxSizerFlags().Border(wxLEFT | wxRIGHT, 2 * gap));
        column->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 2 * gap));
        SetSizerAndFit(column);
        m_text->SetFocus();
        if (wxWindow* ok = FindWindow(wxID_OK)) {
            ok->Enable(false);
            m_text->Bind(wxEVT_TEXT, [this, ok](wxCommandEvent&) { ok->Enable(!GetText().empty()); });
        }
        m_text->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& key) {
            const bool enter = key.GetKeyCode() == WXK_RETURN || key.GetKeyCode() == WXK_NUMPAD_ENTER;
            if (enter && key.GetModifiers() == wxMOD_CONTROL) {
                if (!GetText().empty()) EndModal(wxID_OK);
                return;
            }
            key.Skip();
        });
    }
    wxString GetText() const { return m_text->GetValue().Strip(wxString::both); }

private:
    wxTextCtrl* m_text = nullptr;
};

}  // namespace

wxString LoadCommentAuthorName(wxConfigBase& config) { return config.Read(author_key, wxString()).Strip(wxString::both); }

void SaveCommentAuthorName(wxConfigBase& config, const wxString& name) {
    const wxString trimmed = name.Strip(wxString::both);
    if (trimmed.empty()) config.DeleteEntry(author_key);
    else config.Write(author_key, trimmed);
}

wxString CommentAuthor() {
    if (wxConfigBase* config = wxConfigBase::Get()) {
        const wxString name = LoadCommentAuthorName(*config);
        if (!name.empty()) return name;
    }
    const wxString user = wxGetUserName();
    return user.empty() ? wxGetUserId() : user;
}

std::size_t OpenCommentsOnCell(const bpm::document& doc, const std::string& personaId, const std::string& stageId,
                               bpm::stage_field field) {
    return static_cast<std::size_t>(std::count_if(doc.comments.begin(), doc.comments.end(), [&](const bpm::comment& c) {
        return !c.resolved && c.persona_id == personaId && c.stage_id == stageId && OnCell(c, field);
    }));
}

std::size_t OpenCommentsOnStage(const bpm::document& doc, const std::string& personaId, const std::string& stageId) {
    return static_cast<std::size_t>(std::count_if(doc.comments.begin(), doc.comments.end(), [&](const bpm::comment& c) {
        return !c.resolved && c.persona_id == personaId && c.stage_id == stageId;
    }));
}

void DrawCommentMarker(wxDC& dc, const wxRect& cell) {
    const int side = std::min({dc.FromDIP(9), cell.width / 2, cell.height / 2});
    const wxPoint corner[] = {cell.GetTopLeft(), cell.GetTopLeft() + wxPoint(side, 0), cell.GetTopLeft() + wxPoint(0, side)};
    dc.SetPen(wxPen(wxColour(0xB9, 0x77, 0x0E)));
    dc.SetBrush(wxBrush(wxColour(0xF5, 0xA6, 0x23)));
    dc.DrawPolygon(3, corner);
}

wxString AskCommentText(wxWindow* parent, const wxString& title, const wxString& place) {
    CommentTextDialog dialog(parent, title, place);
    return dialog.ShowModal() == wxID_OK ? dialog.GetText() : wxString();
}

bool AddCommentAsking(wxWindow* parent, BpmDocument& doc, const std::string& personaId, const std::string& stageId,
                      const std::string& field) {
    bpm::comment c;
    c.persona_id = personaId;
    c.stage_id = stageId;
    c.field = field;
    const wxString text = AskCommentText(parent, _("Add Comment"), ToWx(bpm::comment_location(doc.Model(), c)));
    if (text.empty()) return false;
    c.id = bpm::new_comment_id(doc.Model().comments);
    c.author = ToUtf8(CommentAuthor());
    c.created_at = doc.History().now();
    c.text = ToUtf8(text);
    return doc.Submit(bpm::add_comment(std::move(c)));
}

bool ReplyAsking(wxWindow* parent, BpmDocument& doc, const std::string& commentId) {
    const auto& comments = doc.Model().comments;
    const auto it = std::find_if(comments.begin(), comments.end(), [&](const bpm::comment& c) { return c.id == commentId; });
    if (it == comments.end()) return false;
    const wxString text = AskCommentText(parent, _("Reply to Comment"), ToWx(bpm::comment_location(doc.Model(), *it)));
    if (text.empty()) return false;
    bpm::comment_reply reply;
    reply.id = bpm::new_comment_id(comments);
    reply.author = ToUtf8(CommentAuthor());
    reply.created_at = doc.History().now();
    reply.text = ToUtf8(text);
    return doc.Submit(bpm::reply_to_comment(commentId, std::move(reply)));
}
