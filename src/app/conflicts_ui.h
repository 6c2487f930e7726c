#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include <wx/panel.h>

#include "bpm/conflict_edit.h"
#include "bpm/journey_layout.h"
#include "editing_context.h"
#include "prompts.h"

class PersonaForm;
class StageGrid;
class wxButton;
class wxDC;
class wxFrame;
class wxGraphicsContext;
class wxMenu;
class wxStaticText;
class wxTextCtrl;

/// The colour that marks unresolved merge conflicts wherever they show.
wxColour ConflictColour();
/// Marks a grid cell holding a conflicted value: a triangle in the top-right corner of rect
/// (the top-left corner is left to other marks).
void DrawConflictCorner(wxDC& dc, const wxRect& rect);
/// Tints the ground of a grid cell holding a conflicted value (drawn before its text).
void DrawConflictBackground(wxDC& dc, const wxRect& rect);
/// Marks a text field holding a conflicted value (tinted, the versions in its tooltip), or
/// takes the mark back when conflict is null.
void MarkConflictedText(wxTextCtrl* text, const bpm::merge_conflict* conflict);
/// Draws a badge at the top-right corner of each card of layout whose stage, or a field of it,
/// has an unresolved conflict in doc. Screen only, as the selection outline: conflicts are the
/// state of an edit, not part of the map that prints.
void DrawConflictBadges(wxGraphicsContext& gc, const bpm::journey_layout& layout, const bpm::document& doc,
                        const std::string& personaId);
/// "Base: …  Mine: …  Theirs: …" of a conflict, each value cut to about max characters.
wxString ConflictVersionsText(const bpm::merge_conflict& c, std::size_t max = 60);
/// "2 conflicts", "" for none.
wxString ConflictCountText(std::size_t count);

/// The strip that shows one unresolved merge conflict of the shown map (where it is, and its
/// base, mine and theirs) with Keep Mine, Take Theirs, Edit... and Next. It follows the grid's
/// cursor and the persona form's focus onto conflicted fields, and Next Conflict (F8) walks
/// through all of them, selecting the persona, page, stage and field of each. Each resolution is
/// one undo step.
class ConflictBar : public wxPanel {
public:
    ConflictBar(wxWindow* parent, EditingContext& context, const Prompts& prompts, StageGrid* grid, PersonaForm* form);

    /// Unresolved conflicts in the shown map.
    std::size_t Count() const;
    /// Index in the map's conflicts of the one shown, or bpm::npos.
    std::size_t CurrentIndex() const;
    /// Shows the next conflict (direction 1) or the previous one (-1), going where it is.
    void GoToNext(int direction);
    /// Whether the conflict shown can be resolved that way.
    bool CanResolve(bpm::conflict_resolution how) const;
    /// Resolves the conflict shown as one undo step; Edit asks for the text first. False when
    /// nothing was resolved.
    bool Resolve(bpm::conflict_resolution how);

    /// Told true when the strip has a conflict to show and false when it has none, so the
    /// window makes room for it.
    std::function<void(bool)> onShownChanged;
    /// Told the status bar's count ("2 conflicts", "") whenever it changes.
    std::function<void(const wxString&)> onCountChanged;
    /// Called to go to a conflict about a comment's text: shows that comment (its id).
    std::function<void(const std::string&)> onShowComment;

private:
    void OnNotice(const EditingContext::Notice& notice);
    // Shows the conflict at index (npos hides the strip).
    void ShowConflict(std::size_t index);
    void UpdateCount();
    void GoTo(const bpm::merge_conflict& c);
    void FollowCell(int row, int col);

    EditingContext& m_context;
    const Prompts& m_prompts;
    StageGrid* m_grid;
    PersonaForm* m_form;
    EditingContext::Subscription m_subscription;
    std::optional<bpm::merge_conflict> m_current;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_versions = nullptr;
    wxButton* m_keep = nullptr;
    wxButton* m_take = nullptr;
    wxButton* m_edit = nullptr;
    wxString m_countText;
    bool m_shown = false;
};

/// Adds the commands that resolve the conflict shown to a context menu, then a separator.
void AppendConflictItems(wxMenu& menu);

/// Binds Edit > Conflicts (next, previous, keep mine, take theirs, edit) on frame to bar.
void BindConflictCommands(wxFrame& frame, ConflictBar& bar);
