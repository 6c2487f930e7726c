#pragma once

#include <string>

#include <wx/panel.h>

#include "bpm_document.h"

class wxChoice;
class wxTextCtrl;
class wxWrapSizer;

/// A persona's pain points as tags with categories, and a row to add one. Every change is a
/// pain point edit; the tags are rebuilt from the model when a change notice names them.
class PainPointTags : public wxPanel {
public:
    explicit PainPointTags(wxWindow* parent);

    /// Shows the pain points of a persona of doc (none for null or ""), to edit or only to read.
    void ShowPersona(BpmDocument* doc, const std::string& personaId, bool editable = true);
    /// Rebuilds the tags from the model after a change notice named them.
    void Reload();

    /// Adds the text of the entry field with the chosen category; false when refused.
    bool AddFromEntry();
    /// The entry field for a new pain point, for focus and tests.
    wxTextCtrl* GetEntry() const { return m_entry; }
    /// The category choice of the entry row, for tests.
    wxChoice* GetCategoryChoice() const { return m_category; }

private:
    const bpm::persona* Persona() const;
    void Edit(std::size_t index);
    void Remove(std::size_t index);
    void Move(std::size_t index, int delta);
    void SetCategory(std::size_t index, bpm::pain_category category);
    void ShowMenu(std::size_t index, wxWindow* chip, const wxPoint& where);
    void FocusChip(std::size_t index);

    wxWrapSizer* m_tags = nullptr;
    wxPanel* m_tagPanel = nullptr;
    wxChoice* m_category = nullptr;
    wxTextCtrl* m_entry = nullptr;
    BpmDocument* m_doc = nullptr;
    std::string m_personaId;
    bool m_editable = true;
    wxWindow* m_add = nullptr;
};
