#include "csv_import_dialog.h"

#include <algorithm>
#include <utility>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filename.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include "accessibility.h"
#include "wx_string.h"

namespace {

// The separators offered, in the chooser's order (the file's own first).
constexpr char separators[] = {',', ';', '\t'};

wxString SeparatorName(char c) {
    switch (c) {
        case ',': return _("Comma");
        case ';': return _("Semicolon");
        case '\t': return _("Tab");
    }
    return wxString(wxUniChar(static_cast<unsigned char>(c)));
}

// Tables this small are imported on every change to show what the import comes to; larger ones
// only when the user imports.
constexpr std::size_t max_previewed_cells = 200000;

// A cell's text for one line of the list: its first line, cut short.
wxString Shown(std::string_view text) {
    wxString shown = ToWx(std::string(text.substr(0, std::min<std::size_t>(text.find_first_of("\r\n"), 200))));
    if (shown.length() > 40) shown = shown.Left(39) + wxString::FromUTF8("\u2026");
    return shown;
}

}  // namespace

CsvImportDialog::CsvImportDialog(wxWindow* parent, std::string path, bpm::csv_table table, bpm::csv_mapping mapping)
    : wxDialog(parent, wxID_ANY, _("Import Spreadsheet"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_path(std::move(path)),
      m_table(std::move(table)),
      m_mapping(std::move(mapping)) {
    const int gap = FromDIP(8);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // TRANSLATORS: at the top of the CSV import preview; {1} is the file's name
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                FormatText(_("Choose what each column of \"{1}\" holds. Columns set to \"Not "
                                             "imported\" are left out."),
                                           wxFileName(ToWx(m_path)).GetFullName())),
               0, wxALL, gap);

    auto* choices = new wxFlexGridSizer(6, gap, gap);
    m_separator = new wxChoice(this, wxID_ANY);
    for (char c : separators) m_separator->Append(SeparatorName(c));
    m_separator->SetSelection(static_cast<int>(std::find(std::begin(separators), std::end(separators), m_table.separator()) -
                                               std::begin(separators)) % 3);
    m_layout = new wxChoice(this, wxID_ANY);
    // TRANSLATORS: how a spreadsheet lays out its buying stages, in the CSV import preview
    m_layout->Append(_("One stage per row"));
    m_layout->Append(_("One stage per column"));
    m_header = new wxSpinCtrl(this, wxID_ANY);
    m_headerLabel = new wxStaticText(this, wxID_ANY, wxString());
    choices->Add(new wxStaticText(this, wxID_ANY, _("&Separator:")), 0, wxALIGN_CENTER_VERTICAL);
    choices->Add(m_separator);
    choices->Add(new wxStaticText(this, wxID_ANY, _("&Layout:")), 0, wxALIGN_CENTER_VERTICAL);
    choices->Add(m_layout);
    choices->Add(m_headerLabel, 0, wxALIGN_CENTER_VERTICAL);
    choices->Add(m_header);
    SetAccessibleName(m_separator, _("Separator"));
    SetAccessibleName(m_layout, _("Layout"));
    sizer->Add(choices, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);

    m_columns = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(560, 300)), wxVSCROLL | wxBORDER_THEME);
    m_columns->SetScrollRate(0, FromDIP(10));
    sizer->Add(m_columns, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);

    m_outcome = new wxStaticText(this, wxID_ANY, wxString());
    sizer->Add(m_outcome, 0, wxEXPAND | wxALL, gap);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    if (auto* ok = FindWindow(wxID_OK)) static_cast<wxButton*>(ok)->SetLabel(_("&Import"));
    SetSizer(sizer);

    m_separator->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) { ReadAgain(separators[e.GetSelection()]); });
    m_layout->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        m_mapping = bpm::guess_csv_mapping(m_table, e.GetSelection() == 0 ? bpm::csv_layout::stages_in_rows
                                                                          : bpm::csv_layout::stages_in_columns);
        ListColumns();
    });
    m_header->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent& e) {
        // The headers move: each column is read again from its new header.
        m_mapping.header = static_cast<std::size_t>(std::max(1, e.GetPosition()) - 1);
        const bool rows = m_mapping.layout == bpm::csv_layout::stages_in_rows;
        const std::size_t count = rows ? m_table.column_count() : m_table.row_count();
        m_mapping.columns.assign(count, bpm::csv_column::none);
        for (std::size_t i = 0; i < count; ++i) {
            const bpm::csv_column c = bpm::csv_column_for_header(
                rows ? m_table.cell(m_mapping.header, i) : m_table.cell(i, m_mapping.header));
            if (std::find(m_mapping.columns.begin(), m_mapping.columns.end(), c) == m_mapping.columns.end() ||
                c == bpm::csv_column::none)
                m_mapping.columns[i] = c;
        }
        ListColumns();
    });
    Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) { e.Enable(m_mapping.columns.size() > 0); }, wxID_OK);
    ListColumns();
    Fit();
    SetMinSize(GetSize());
}

wxChoice* CsvImportDialog::GetFieldChoice(std::size_t column) const {
    return column < m_fields.size() ? m_fields[column] : nullptr;
}

void CsvImportDialog::ReadAgain(char separator) {
    bpm::result<bpm::csv_table> table = bpm::read_csv_file(m_path, separator);
    if (!table) {
        m_outcome->SetLabel(ToWx(table.error()));
        return;
    }
    m_table = std::move(*table.value);
    m_mapping = bpm::guess_csv_mapping(m_table, m_mapping.layout);
    ListColumns();
}

void CsvImportDialog::ListColumns() {
    const bool rows = m_mapping.layout == bpm::csv_layout::stages_in_rows;
    m_layout->SetSelection(rows ? 0 : 1);
    // TRANSLATORS: in the CSV import preview: the row (or column) whose cells name the others
    m_headerLabel->SetLabel(rows ? _("&Header row:") : _("&Header column:"));
    const std::size_t lines = rows ? m_table.row_count() : m_table.column_count();
    m_header->SetRange(1, static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(lines, 50))));
    m_header->SetValue(static_cast<int>(m_mapping.header + 1));
    SetAccessibleName(m_header, rows ? _("Header row") : _("Header column"));

    m_columns->DestroyChildren();
    m_fields.clear();
    const int gap = FromDIP(6);
    auto* list = new wxFlexGridSizer(3, gap, 2 * gap);
    list->AddGrowableCol(1);
    // TRANSLATORS: the headings of the CSV import preview's list
    for (const wxString& heading : {rows ? _("Column") : _("Row"), _("First value"), _("Imported as")}) {
        auto* label = new wxStaticText(m_columns, wxID_ANY, heading);
        label->SetFont(label->GetFont().Bold());
        list->Add(label);
    }
    const std::size_t listed = std::min(m_mapping.columns.size(), max_listed);
    wxArrayString titles;
    titles.push_back(ToWx(bpm::csv_column_title(bpm::csv_column::none)));
    for (bpm::csv_column c : bpm::all_csv_columns) titles.push_back(ToWx(bpm::csv_column_title(c)));
    for (std::size_t i = 0; i < listed; ++i) {
        const std::string_view header = rows ? m_table.cell(m_mapping.header, i) : m_table.cell(i, m_mapping.header);
        const std::string_view first = rows ? m_table.cell(m_mapping.header + 1, i) : m_table.cell(i, m_mapping.header + 1);
        // TRANSLATORS: in the CSV import preview, a column without a header; {1} is its number
        const wxString name = header.empty() ? FormatText(_("(column {1})"), wxString::Format("%zu", i + 1)) : Shown(header);
        list->Add(new wxStaticText(m_columns, wxID_ANY, name), 0, wxALIGN_CENTER_VERTICAL);
        list->Add(new wxStaticText(m_columns, wxID_ANY, Shown(first)), 0, wxALIGN_CENTER_VERTICAL);
        auto* field = new wxChoice(m_columns, wxID_ANY, wxDefaultPosition, wxDefaultSize, titles);
        const bpm::csv_column now = m_mapping.columns[i];
        const auto at = std::find(bpm::all_csv_columns.begin(), bpm::all_csv_columns.end(), now);
        field->SetSelection(now == bpm::csv_column::none ? 0 : static_cast<int>(at - bpm::all_csv_columns.begin()) + 1);
        // TRANSLATORS: the accessible name of a column's chooser in the CSV import preview; {1} is its header
        SetAccessibleName(field, FormatText(_("{1} imported as"), name));
        field->Bind(wxEVT_CHOICE, [this, i](wxCommandEvent& e) {
            m_mapping.columns[i] = e.GetSelection() <= 0 ? bpm::csv_column::none
                                                         : bpm::all_csv_columns[static_cast<std::size_t>(e.GetSelection() - 1)];
            ShowOutcome();
        });
        list->Add(field, 0, wxEXPAND);
        m_fields.push_back(field);
    }
    if (m_mapping.columns.size() > listed)
        // TRANSLATORS: under the CSV import preview's list; {1} is how many columns are not listed
        list->Add(new wxStaticText(m_columns, wxID_ANY,
                                   FormatText(_("{1} more are imported as their headers say."),
                                              wxString::Format("%zu", m_mapping.columns.size() - listed))));
    m_columns->SetSizer(list);
    m_columns->FitInside();
    m_columns->Layout();
    ShowOutcome();
}

void CsvImportDialog::ShowOutcome() {
    wxString text;
    if (m_table.row_count() * std::max<std::size_t>(1, m_table.column_count()) > max_previewed_cells) {
        text = _("The sheet is large: what it holds is counted when you import it.");
    } else {
        const bpm::result<bpm::document> map =
            bpm::import_csv(m_table, m_mapping, ToUtf8(wxFileName(ToWx(m_path)).GetName()));
        if (!map) {
            // TRANSLATORS: in the CSV import preview, when the import would fail; {1} says why
            text = FormatText(_("Cannot import: {1}"), ToWx(map.error()));
        } else {
            std::size_t stages = 0;
            for (const bpm::persona& p : map.value->personas) stages += p.stages.size();
            const std::size_t personas = map.value->personas.size();
            // TRANSLATORS: in the CSV import preview, what the import comes to
            text = FormatText(_("{1} and {2}."),
                              FormatText(wxPLURAL("{1} persona", "{1} personas", personas), wxString::Format("%zu", personas)),
                              FormatText(wxPLURAL("{1} stage", "{1} stages", stages), wxString::Format("%zu", stages)));
            if (!map.warnings.empty())
                // TRANSLATORS: after what a CSV import comes to; {1} is the first of its notes
                text << " " << FormatText(wxPLURAL("Note: {1}", "Notes, the first: {1}", map.warnings.size()),
                                          ToWx(map.warnings.front().to_string()));
        }
    }
    m_outcome->SetLabel(text);
    m_outcome->Wrap(std::max(m_columns->GetSize().GetWidth(), GetClientSize().GetWidth() - FromDIP(16)));
    Layout();
}
