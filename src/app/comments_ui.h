#pragma once
// What the editor's comment commands share: who signs a comment, how many open comments a place
// has, the marker a grid cell shows for them, and the small window that asks for a comment's text.

#include <cstddef>
#include <optional>
#include <string>

#include <wx/string.h>

#include "bpm/model.h"

class BpmDocument;
class wxConfigBase;
class wxDC;
class wxRect;
class wxWindow;

/// The name the user gave under Preferences ▸ General ▸ Your name, "" when none.
wxString LoadCommentAuthorName(wxConfigBase& config);
/// Saves that name (trimmed; "" forgets it).
void SaveCommentAuthorName(wxConfigBase& config, const wxString& name);
/// Who signs a new comment or reply: the name from Preferences, else the system's user name,
/// else the login name.
wxString CommentAuthor();

/// Open comments on one stage field; the Stage (name) column's cell also counts the comments on
/// the stage as a whole.
std::size_t OpenCommentsOnCell(const bpm::document& doc, const std::string& personaId, const std::string& stageId,
                               bpm::stage_field field);
/// Open comments on a stage or any of its fields.
std::size_t OpenCommentsOnStage(const bpm::document& doc, const std::string& personaId, const std::string& stageId);

/// Draws the comment marker, a small amber triangle, into the top-left corner of a grid cell.
void DrawCommentMarker(wxDC& dc, const wxRect& cell);

/// Asks for the text of a comment or reply about place in a small modal window (Ctrl+Enter
/// confirms); "" when cancelled or left empty.
wxString AskCommentText(wxWindow* parent, const wxString& title, const wxString& place);

/// Adds a comment signed by CommentAuthor() at the history's time about a persona (stageId "")
/// or stage, or one of their fields (key as comment::field, "" for the whole), asking for its
/// text first; true when added (one undo step).
bool AddCommentAsking(wxWindow* parent, BpmDocument& doc, const std::string& personaId, const std::string& stageId,
                      const std::string& field);
/// Adds a reply to a comment, asking for its text first; true when added.
bool ReplyAsking(wxWindow* parent, BpmDocument& doc, const std::string& commentId);
