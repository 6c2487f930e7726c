#pragma once

#include <functional>
#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/vlbox.h>

#include "bpm_document.h"

/// The personas of the map, each with its segment, status and how complete its stages are.
/// Selecting one shows it in the main area.
class PersonaList : public wxPanel {
public:
    using SelectHandler = std::function<void(const std::string& personaId)>;

    PersonaList(wxWindow* parent, SelectHandler onSelect);

    /// Lists the personas of doc (nothing for null) and follows its changes.
    void SetDocument(BpmDocument* doc);
    /// Highlights a persona without telling the select handler.
    void ShowPersona(const std::string& personaId);
    /// The list control, for focus and tests.
    wxVListBox* GetListBox() const { return m_list; }
    /// Persona ids in the order shown.
    const std::vector<std::string>& GetIds() const { return m_ids; }

private:
    class Items;
    // What a row shows, to repaint only rows whose look changed.
    struct Shown {
        std::string name, segment;
        std::size_t stages = 0;
        int percent = 0;
        bpm::persona_status status = bpm::persona_status::in_progress;
        bool operator==(const Shown& o) const {
            return name == o.name && segment == o.segment && stages == o.stages && percent == o.percent &&
                   status == o.status;
        }
    };
    static Shown ShownOf(const bpm::persona& p);

    void Rebuild();
    void OnChanges(const bpm::change_set& changes);

    wxVListBox* m_list = nullptr;
    BpmDocument* m_doc = nullptr;
    ChangeSubscription m_subscription;
    std::vector<std::string> m_ids;
    std::vector<Shown> m_shown;
    SelectHandler m_onSelect;
};
