#pragma once

#include <string>
#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

#include "bpm_document.h"
#include "editing_context.h"

class wxStaticText;

/// All personas of the map at a glance: name, segment, stages, status, completeness and when
/// each was last updated, with the spec's actions Edit Persona, Add New Persona and Finish.
/// It follows the context's map and selection; choosing a row selects its persona there.
class DashboardView : public wxPanel {
public:
    DashboardView(wxWindow* parent, EditingContext& context);

    /// The table, for focus and tests.
    wxDataViewListCtrl* GetTable() const { return m_table; }

private:
    void OnNotice(const EditingContext::Notice& notice);
    void Rebuild();
    // Highlights a persona without selecting it in the context again.
    void ShowPersona(const std::string& personaId);
    void UpdateRow(std::size_t row);
    void UpdateTotals();
    void OnChanges(const bpm::change_set& changes);

    wxDataViewListCtrl* m_table = nullptr;
    wxStaticText* m_totals = nullptr;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::vector<std::string> m_ids;
};
