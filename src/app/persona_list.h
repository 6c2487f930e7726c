#pragma once

#include <string>
#include <vector>

#include <wx/panel.h>
#include <wx/vlbox.h>

#include "bpm_document.h"
#include "editing_context.h"

/// The personas of the map, each with its segment, status and how complete its stages are.
/// It follows the context's map and selection; choosing a persona here selects it there.
class PersonaList : public wxPanel {
public:
    PersonaList(wxWindow* parent, EditingContext& context);

    /// The list control, for focus and tests.
    wxVListBox* GetListBox() const;
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

    void OnNotice(const EditingContext::Notice& notice);
    void Rebuild();
    // Highlights a persona without selecting it in the context again.
    void ShowPersona(const std::string& personaId);
    void OnChanges(const bpm::change_set& changes);

    Items* m_list = nullptr;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::vector<std::string> m_ids;
    std::vector<Shown> m_shown;
};
