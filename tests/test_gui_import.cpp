// Opening files of other formats in the editor (File > Open, a drop on the window, the command
// line) and File > Export's data formats, through the real window.
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <wx/choice.h>
#include <wx/dnd.h>
#include <wx/stattext.h>

#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/mermaid_journey.h"
#include "csv_import_dialog.h"
#include "bpm/xlsx_export.h"
#include "gui_fixture.h"

using namespace gui_test;

namespace {

// The map File > Open leaves shown, as the editor's document.
BpmDocument* Shown() { return Context().GetDocument(); }

// Drops files on the window, as the desktop does at the end of a drag.
void Drop(std::initializer_list<std::string> paths) {
    wxArrayString files;
    for (const std::string& p : paths) files.push_back(ToWx(p));
    auto* target = dynamic_cast<wxFileDropTarget*>(Frame().GetDropTarget());
    BOOST_TEST_REQUIRE(target != nullptr);
    BOOST_TEST(target->OnDropFiles(10, 10, files));
    Pump();
}

wxString StatusText() { return Frame().GetStatusBar()->GetStatusText(0); }

}  // namespace

// Case 20: the spec's own JSON opened from File > Open is an untitled map, imported from it.
BOOST_FIXTURE_TEST_CASE(file_open_imports_json_as_an_untitled_map_that_save_puts_beside_it, editor) {
    const std::string json = dir.file("20-open-json-in-editor.json");
    test::spit(json, test::slurp(test::data("20-open-json-in-editor.json")));
    prompts.openPath = ToWx(json);
    Command(wxID_OPEN);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(prompts.openWildcard.Contains("*.bpm;*.json"));
    BOOST_TEST_REQUIRE(Shown() != nullptr);
    BOOST_TEST(Shown() != doc);
    doc = Shown();
    const document expected = *read_json(test::slurp(json)).value;
    BOOST_TEST((doc->Model().personas == expected.personas));
    BOOST_TEST(Frame().GetTitle().StartsWith("Imported from 20-open-json-in-editor.json"), Frame().GetTitle());
    BOOST_TEST(!doc->GetDocumentSaved());
    BOOST_TEST(!std::filesystem::exists(dir.file(".~lock.20-open-json-in-editor.json#")));
    // Save asks where, offering the JSON's folder and name as a .bpm; the JSON stays as it was.
    const std::string before = test::slurp(json);
    prompts.savePath = ToWx(dir.file("cmo.bpm"));
    Command(wxID_SAVE);
    BOOST_TEST(prompts.offeredSaveName == "20-open-json-in-editor.bpm");
    BOOST_TEST(prompts.offeredSaveDirectory == ToWx(dir.path().string()));
    BOOST_TEST(prompts.problems.empty());
    const result<document> saved = load_bpm(dir.file("cmo.bpm"));
    BOOST_TEST_REQUIRE(bool(saved));
    BOOST_TEST((saved.value->personas == expected.personas));
    BOOST_TEST(test::slurp(json) == before);
    BOOST_TEST(Frame().GetTitle().StartsWith("cmo.bpm"), Frame().GetTitle());
}

// A sheet saved by a European Excel (byte order mark, ';', CRLF, a cell over two lines) opens as a
// map imported from it, what was left out listed with its place; a file cut short inside a quoted
// cell is refused with that place.
BOOST_FIXTURE_TEST_CASE(file_open_imports_a_csv_and_lists_what_it_left_out, editor) {
    const std::string csv = dir.file("Emma Rodriguez.csv");
    test::spit(csv, "\xEF\xBB\xBFPhase;Activities;Time;Notes\r\nAwareness;\"Reads blogs;\r\nasks peers\";2 weeks;x\r\n"
                    "Decision;Signs;1 month;\r\n");
    prompts.openPath = ToWx(csv);
    Command(wxID_OPEN);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(prompts.openWildcard.Contains("*.csv;*.tsv"));
    BOOST_TEST_REQUIRE(Shown() != doc);
    doc = Shown();
    BOOST_TEST_REQUIRE(doc->Model().personas.size() == 1u);
    const persona& p = doc->Model().personas[0];
    BOOST_TEST(p.name == "Emma Rodriguez");
    BOOST_TEST_REQUIRE(p.stages.size() == 2u);
    BOOST_TEST(p.stages[0].buyer_actions == "Reads blogs;\r\nasks peers");
    BOOST_TEST(p.stages[1].duration == "1 month");
    BOOST_TEST(Frame().GetTitle().StartsWith("Imported from Emma Rodriguez.csv"), Frame().GetTitle());
    BOOST_TEST(prompts.csvPreviews == 1);
    BOOST_TEST_REQUIRE(prompts.told.size() == 1u);
    BOOST_TEST(prompts.told[0].Contains("1:23: column \"Notes\" is not imported"), prompts.told[0]);

    const std::string cut = dir.file("cut.csv");
    test::spit(cut, "Stage,Buyer actions\nAwareness,\"Reads\nblogs\n");
    prompts.openPath = ToWx(cut);
    Command(wxID_OPEN);
    BOOST_TEST(Shown() == doc);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].StartsWith("Could not import \"cut.csv\"."), prompts.problems[0]);
    BOOST_TEST(prompts.problems[0].Contains("Line 2"), prompts.problems[0]);
}

namespace {

// Acts on the first modal dialog instead of the user, then closes it with what act returns.
struct drive_dialog : wxModalDialogHook {
    std::function<int(wxDialog&)> act;
    int shown = 0;
    explicit drive_dialog(std::function<int(wxDialog&)> a) : act(std::move(a)) { Register(); }
    ~drive_dialog() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        ++shown;
        return act(*dialog);
    }
    void Exit(wxDialog*) override {}
};

// Chooses item of a chooser as the user does: the selection, then the event it sends.
void Choose(wxChoice& choice, int item) {
    choice.SetSelection(item);
    wxCommandEvent e(wxEVT_CHOICE, choice.GetId());
    e.SetEventObject(&choice);
    e.SetInt(item);
    choice.GetEventHandler()->ProcessEvent(e);
}

}  // namespace

// The preview shows what each column becomes; the user maps the column the headers left out, and
// the import follows the choice. Cancel imports nothing.
BOOST_FIXTURE_TEST_CASE(the_csv_preview_lets_the_user_choose_what_a_column_holds, editor) {
    const std::string csv = dir.file("Emma Rodriguez.csv");
    test::spit(csv, "Phase;Activities;Time;Notes\r\nAwareness;Reads blogs;2 weeks;Look around\r\n"
                    "Decision;Signs;1 month;Sign now\r\n");
    prompts.csvPreview = Prompts::Dialogs().chooseCsvMapping;
    prompts.openPath = ToWx(csv);
    wxString before, after;
    {
        drive_dialog user([&](wxDialog& dialog) {
            auto& preview = dynamic_cast<CsvImportDialog&>(dialog);
            BOOST_TEST(preview.GetSeparatorChoice()->GetStringSelection() == "Semicolon");
            // As read, the line breaks the label wraps at taken out.
            before = preview.GetOutcomeLine()->GetLabel();
            before.Replace("\n", " ");
            wxChoice* notes = preview.GetFieldChoice(3);
            BOOST_TEST_REQUIRE(notes != nullptr);
            BOOST_TEST(notes->GetStringSelection() == "Not imported");
            Choose(*notes, notes->FindString("Key Message"));
            after = preview.GetOutcomeLine()->GetLabel();
            after.Replace("\n", " ");
            return wxID_OK;
        });
        Command(wxID_OPEN);
        BOOST_TEST(user.shown == 1);
    }
    BOOST_TEST(before.Contains("1 persona and 2 stages"), before);
    BOOST_TEST(before.Contains("\"Notes\" is not imported"), before);
    BOOST_TEST(after == "1 persona and 2 stages.", after);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST_REQUIRE(Shown() != doc);
    doc = Shown();
    BOOST_TEST_REQUIRE(doc->Model().personas.at(0).stages.size() == 2u);
    BOOST_TEST(doc->Model().personas[0].stages[1].key_message == "Sign now");
    BOOST_TEST(prompts.told.empty());

    // Cancel in the preview: nothing imported, nothing said, the map shown stays.
    {
        drive_dialog user([](wxDialog&) { return wxID_CANCEL; });
        Command(wxID_OPEN);
        BOOST_TEST(user.shown == 1);
    }
    BOOST_TEST(Shown() == doc);
    BOOST_TEST(prompts.problems.empty());
}

// A Mermaid journey (.mmd, or the first journey block of a .md) and a TSV open as imports too;
// the journey goes back out through File > Export > Journey as Mermaid as it came in.
BOOST_FIXTURE_TEST_CASE(file_open_imports_mermaid_markdown_and_tsv, editor) {
    const std::string diagram = "journey\n    title Emma Rodriguez\n    section Awareness\n      Reads a blog: 3: CMO\n"
                                "    section Decision\n      Books a demo: 5: CFO, IT\n";
    const std::string mmd = dir.file("emma.mmd"), md = dir.file("notes.md"), tsv = dir.file("stages.tsv");
    test::spit(mmd, diagram);
    test::spit(md, "# Notes\n\n```mermaid\n" + diagram + "```\n");
    test::spit(tsv, "Stage\tBuyer actions\nAwareness\tReads a blog\nDecision\tBooks a demo\n");
    for (const std::string& file : {mmd, md, tsv}) {
        prompts.openPath = ToWx(file);
        Command(wxID_OPEN);
        BOOST_TEST(prompts.problems.empty(), file);
        BOOST_TEST_REQUIRE(Shown() != doc, file);
        doc = Shown();
        BOOST_TEST_REQUIRE(doc->Model().personas.size() == 1u, file);
        const persona& p = doc->Model().personas[0];
        BOOST_TEST_REQUIRE(p.stages.size() == 2u, file);
        BOOST_TEST(p.stages[1].name == "Decision", file);
        BOOST_TEST(p.stages[1].buyer_actions == "Books a demo", file);
        BOOST_TEST(Frame().GetTitle().StartsWith("Imported from " + ToWx(std::filesystem::path(file).filename().string())),
                   Frame().GetTitle());
    }
    prompts.openPath = ToWx(mmd);
    Command(wxID_OPEN);
    doc = Shown();
    BOOST_TEST(CommandEnabled(ID_EXPORT_MERMAID));
    prompts.savePath = ToWx(dir.file("out.mmd"));
    Command(ID_EXPORT_MERMAID);
    BOOST_TEST(prompts.problems.empty());
    const result<document> back = load_mermaid_journey(dir.file("out.mmd"), false);
    BOOST_TEST_REQUIRE(bool(back), back.error());
    BOOST_TEST((back.value->personas.at(0).stages == doc->Model().personas[0].stages));
}

BOOST_FIXTURE_TEST_CASE(file_open_cancelled_keeps_the_map_shown, editor) {
    prompts.openPath.clear();
    Command(wxID_OPEN);
    BOOST_TEST(Shown() == doc);
    BOOST_TEST(prompts.problems.empty());
}

BOOST_FIXTURE_TEST_CASE(a_file_dropped_on_the_window_opens_as_file_open_would, editor) {
    // The extension's case does not matter.
    const std::string json = dir.file("CMO.JSON");
    test::spit(json, test::slurp(test::data("20-open-json-in-editor.json")));
    Drop({json, test::sample("small-business-owner.bpm")});
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST_REQUIRE(Shown() != doc);
    doc = Shown();
    BOOST_TEST(doc->Model().personas.at(0).name == "CMO, online furniture retailer");
    BOOST_TEST(Frame().GetTitle().StartsWith("Imported from CMO.JSON"), Frame().GetTitle());
    BOOST_TEST(StatusText().Contains("1 other was not opened"), StatusText());
    // A .bpm dropped opens as itself.
    Drop({test::sample("small-business-owner.bpm")});
    doc = Shown();
    BOOST_TEST(Frame().GetTitle().StartsWith("small-business-owner.bpm"), Frame().GetTitle());
}

BOOST_FIXTURE_TEST_CASE(a_file_the_editor_cannot_read_says_which_it_reads_and_keeps_the_map, editor) {
    const std::string notes = dir.file("notes.txt");
    test::spit(notes, "just some notes\n");
    Drop({notes});
    BOOST_TEST(Shown() == doc);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].StartsWith("\"notes.txt\" cannot be opened."), prompts.problems[0]);
    BOOST_TEST(prompts.problems[0].Contains("*.json"), prompts.problems[0]);
    // A broken JSON file is named with where it breaks, and the map shown stays.
    const std::string broken = dir.file("broken.json");
    test::spit(broken, "{\"buying_process_mappings\": [\n  {\"persona_name\": }\n]}\n");
    prompts.openPath = ToWx(broken);
    Command(wxID_OPEN);
    BOOST_TEST(Shown() == doc);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 2u);
    BOOST_TEST(prompts.problems[1].StartsWith("Could not import \"broken.json\"."), prompts.problems[1]);
    BOOST_TEST(prompts.problems[1].Contains("Line 2"), prompts.problems[1]);
}

// File > Export > JSON, CSV, Excel Workbook and Markdown write the whole map as bpmap-cli export does.
BOOST_FIXTURE_TEST_CASE(file_export_writes_json_csv_and_markdown, editor) {
    BOOST_TEST(CommandEnabled(ID_EXPORT_JSON));
    prompts.savePath = ToWx(dir.file("map.json"));
    Command(ID_EXPORT_JSON);
    const result<document> json = load_json(dir.file("map.json"));
    BOOST_TEST_REQUIRE(bool(json));
    BOOST_TEST((json.value->personas == doc->Model().personas));

    prompts.savePath = ToWx(dir.file("map.csv"));
    Command(ID_EXPORT_CSV);
    const std::string csv = test::slurp(dir.file("map.csv"));
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u);  // the byte order mark Excel needs
    BOOST_TEST(csv.find("Emma Rodriguez") != std::string::npos);

    prompts.savePath = ToWx(dir.file("map.xlsx"));
    Command(ID_EXPORT_XLSX);
    const test::run_result xlsx = test::run_program("/usr/bin/python3", {BPM_READ_XLSX, dir.file("map.xlsx")});
    BOOST_TEST_REQUIRE(xlsx.exit_code == 0, xlsx.err);
    const nlohmann::json workbook = nlohmann::json::parse(xlsx.out);
    std::vector<std::string> sheets;
    for (const auto& sheet : workbook.at("sheets")) sheets.push_back(sheet.at("name"));
    const std::vector<std::string> expected = xlsx_sheet_names(doc->Model());
    BOOST_TEST(sheets == expected, boost::test_tools::per_element());

    prompts.savePath = ToWx(dir.file("map.md"));
    Command(ID_EXPORT_MARKDOWN);
    const std::string md = test::slurp(dir.file("map.md"));
    BOOST_TEST(md.find("Emma Rodriguez") != std::string::npos);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(StatusText().StartsWith("Exported \"map.md\""), StatusText());
    // The map itself is still the .bpm it was.
    BOOST_TEST(Frame().GetTitle().StartsWith("map.bpm"), Frame().GetTitle());
}

BOOST_FIXTURE_TEST_CASE(file_export_of_data_is_greyed_without_personas, editor) {
    prompts.answers = {SaveChoice::Discard};
    Command(wxID_NEW);
    for (int id : {ID_EXPORT_JSON, ID_EXPORT_CSV, ID_EXPORT_XLSX, ID_EXPORT_MARKDOWN}) BOOST_TEST(!CommandEnabled(id));
    doc = Shown();
}
