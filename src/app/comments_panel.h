#pragma once

#include <string>
#include <vector>

#include <wx/panel.h>

#include "editing_context.h"

/// The name of the Comments pane in the frame's layout.
inline constexpr const char* comments_pane_name = "comments";

class wxButton;
class wxCheckBox;
class wxStaticText;
class wxVListBox;

/// The Comments pane: the map's open comments (resolved ones too while "Show resolved" is
/// ticked), in map order, each with its place, author, time, text and replies. Enter or a double
/// click goes to the cell or persona a comment is about; Reply, Resolve or Reopen and Delete act
/// on the selected comment (buttons, context menu, Delete key), each one undo step. A comment
/// whose persona or stage is gone (a merge can leave one) shows as on a removed stage.
class CommentsPanel : public wxPanel {
public:
    CommentsPanel(wxWindow* parent, EditingContext& context);
    ~CommentsPanel() override;

    /// The ids of the comments listed, top to bottom.
    const std::vector<std::string>& GetListedIds() const { return m_ids; }
    /// The selected comment's id, "" for none.
    std::string GetSelectedId() const;
    /// Selects a listed comment ("" for none).
    void SelectComment(const std::string& commentId);
    /// Selects a comment of the map, resolved or not: a resolved one while resolved ones are
    /// hidden ticks "Show resolved" first, so that the user sees what they were sent to.
    void RevealComment(const std::string& commentId);

    /// Shows the selected comment's place: its stage's cell in the grid, or its persona's form.
    void GoToSelected();
    /// Asks for a reply to the selected comment and adds it.
    void ReplyToSelected();
    /// Resolves the selected comment, or reopens it when resolved.
    void ToggleSelectedResolved();
    /// Deletes the selected comment with its replies.
    void DeleteSelected();

    wxVListBox* GetList() const { return m_list; }
    wxCheckBox* GetShowResolvedBox() const { return m_showResolved; }

private:
    void OnNotice(const EditingContext::Notice& notice);
    // Lists the comments again, keeping the selection where it can.
    void Rebuild();
    void UpdateButtons();
    void ShowMenu(const wxPoint& at);
    // The listed comment at row n, or null.
    const bpm::comment* CommentAt(size_t n) const;
    friend class CommentList;

    EditingContext& m_context;
    EditingContext::Subscription m_subscription;
    wxCheckBox* m_showResolved = nullptr;
    wxStaticText* m_count = nullptr;
    wxVListBox* m_list = nullptr;
    wxButton* m_reply = nullptr;
    wxButton* m_resolve = nullptr;
    wxButton* m_delete = nullptr;
    std::vector<std::string> m_ids;
};
