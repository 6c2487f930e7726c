#pragma once

#include <functional>

#include <wx/arrstr.h>
#include <wx/window.h>

#include "bpm/model.h"

/// One pain point drawn as a tag: its category in small capitals over the (wrapped) text,
/// tinted by category, with a remove button. It can take the focus: Enter or F2 edits,
/// Delete removes, the context-menu key opens its menu.
class PainPointChip : public wxWindow {
public:
    /// What the chip asks its owner to do. Doing it rebuilds the chips, destroying this one, so
    /// the owner must do it after the event that asked (CallAfter), not inside it. Without them
    /// (a read-only map) the chip only shows its pain point, with no remove button.
    struct Actions {
        std::function<void()> edit;
        std::function<void()> remove;
        std::function<void(wxWindow* chip, const wxPoint& where)> menu;
    };

    PainPointChip(wxWindow* parent, const bpm::pain_point& point, Actions actions);

    bool AcceptsFocus() const override { return true; }
    /// The colour that marks a category.
    static wxColour CategoryColour(bpm::pain_category category);

protected:
    wxSize DoGetBestClientSize() const override;

private:
    void OnPaint(wxPaintEvent& event);
    void OnLeftUp(wxMouseEvent& event);
    void OnKeyDown(wxKeyEvent& event);
    wxArrayString Lines(wxDC& dc) const;
    wxRect CloseRect() const;
    wxString CategoryLabel() const;

    bpm::pain_point m_point;
    Actions m_actions;
};
