#pragma once

#include <set>
#include <string>
#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

#include "bpm_document.h"
#include "editing_context.h"
#include "page_refresh.h"

class wxStaticText;

/// All personas of the map at a glance: name, segment, stages, status, completeness and when
/// each was last updated, with the spec's actions Edit Persona, Add New Persona and Finish.
/// It follows the context's map and selection; choosing a row selects its persona there. Rows
/// are brought up to date while its page is in front, and as the page comes to the front.
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
    // Remembers what changes touched, for ShowChanges.
    void NoteChanges(const bpm::change_set& changes);
    // Shows what changed since it last did: the rows of the personas changed, or all of them.
    void ShowChanges();

    wxDataViewListCtrl* m_table = nullptr;
    wxStaticText* m_totals = nullptr;
    EditingContext& m_context;
    BpmDocument* m_doc = nullptr;
    EditingContext::Subscription m_subscription;
    std::vector<std::string> m_ids;
    // Personas changed, and whether personas were added, removed or moved (or another map shown),
    // since the rows were last brought up to date.
    std::set<std::string> m_changed;
    bool m_rebuild = false;
    PageRefresh m_tableRefresh;
};
