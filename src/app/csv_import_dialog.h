#pragma once

#include <string>
#include <vector>

#include <wx/dialog.h>

#include "bpm/csv_import.h"

class wxChoice;
class wxScrolledWindow;
class wxSpinCtrl;
class wxStaticText;

/// The preview of a CSV or TSV import: what each column of the sheet (each row, with the stages in
/// columns) becomes in the map, as guessed from its header, for the user to correct before the
/// import; the separator, the layout and the header row too, and what the import would come to
/// (personas, stages, the first note or the problem that stops it).
class CsvImportDialog : public wxDialog {
public:
    /// For the file at path (shown by its name), read into table with the mapping guessed.
    CsvImportDialog(wxWindow* parent, std::string path, bpm::csv_table table, bpm::csv_mapping mapping);

    /// The table as last read (another separator reads the file again) and the mapping chosen.
    const bpm::csv_table& GetTable() const { return m_table; }
    const bpm::csv_mapping& GetMapping() const { return m_mapping; }

    /// The field choosers, one per column listed (for tests); null past the last one.
    wxChoice* GetFieldChoice(std::size_t column) const;
    wxChoice* GetLayoutChoice() const { return m_layout; }
    wxChoice* GetSeparatorChoice() const { return m_separator; }
    /// The line that says what the import comes to.
    wxStaticText* GetOutcomeLine() const { return m_outcome; }

    /// Most columns listed: more are imported as guessed.
    static constexpr std::size_t max_listed = 200;

private:
    void ListColumns();
    void ShowOutcome();
    void ReadAgain(char separator);

    std::string m_path;
    bpm::csv_table m_table;
    bpm::csv_mapping m_mapping;
    wxChoice* m_separator = nullptr;
    wxChoice* m_layout = nullptr;
    wxSpinCtrl* m_header = nullptr;
    wxStaticText* m_headerLabel = nullptr;
    wxScrolledWindow* m_columns = nullptr;
    std::vector<wxChoice*> m_fields;
    wxStaticText* m_outcome = nullptr;
};
