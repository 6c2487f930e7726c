#pragma once

#include <functional>
#include <string>
#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

#include "bpm_document.h"

class wxStaticText;

/// All personas of the map at a glance: name, segment, stages, status, completeness and when
/// each was last updated, with the spec's actions Edit Persona, Add New Persona and Finish.
class DashboardView : public wxPanel {
public:
    using SelectHandler = std::function<void(const std::string& personaId)>;

    DashboardView(wxWindow* parent, SelectHandler onSelect);

    /// Lists the personas of doc (nothing for null) and follows its changes.
    void SetDocument(BpmDocument* doc);
    /// Highlights a persona without telling the select handler.
    void ShowPersona(const std::string& personaId);
    /// The table, for focus and tests.
    wxDataViewListCtrl* GetTable() const { return m_table; }

private:
    void Rebuild();
    void UpdateRow(std::size_t row);
    void UpdateTotals();
    void OnChanges(const bpm::change_set& changes);

    wxDataViewListCtrl* m_table = nullptr;
    wxStaticText* m_totals = nullptr;
    BpmDocument* m_doc = nullptr;
    ChangeSubscription m_subscription;
    std::vector<std::string> m_ids;
    SelectHandler m_onSelect;
};
