// Drives the journey map view, its exports and the printout through the real window.
#include <algorithm>

#include <wx/checkbox.h>
#include <wx/dcmemory.h>
#include <wx/fileconf.h>
#include <wx/printdlg.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/sstream.h>

#include "bench_document.h"
#include "bpm/map_pdf.h"
#include "bpm/page_layout.h"
#include "gui_fixture.h"
#include "journey_map_view.h"
#include "layout_checks.h"
#include "map_printout.h"
#include "pdf_export_dialog.h"

using namespace gui_test;

namespace {

JourneyMapView& Map() { return *Frame().GetJourneyMap(); }

// Every line of text the map draws, joined with spaces.
std::string MapText() {
    std::string all;
    for (const auto& item : Map().GetLayout().picture.items)
        if (const auto* t = std::get_if<draw::text>(&item))
            for (const std::string& line : t->lines) all += line + " ";
    return all;
}

// Share of pixels that are not white: 0 for a blank picture.
double InkShare(const wxImage& image) {
    const unsigned char* rgb = image.GetData();
    const long n = static_cast<long>(image.GetWidth()) * image.GetHeight();
    long ink = 0;
    for (long i = 0; i < n; ++i)
        if (rgb[3 * i] < 240 || rgb[3 * i + 1] < 240 || rgb[3 * i + 2] < 240) ++ink;
    return n ? static_cast<double>(ink) / n : 0;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_journey_map_shows_the_selected_persona_and_follows_the_grid, editor) {
    Command(ID_SHOW_JOURNEY);
    BOOST_TEST((Context().GetPage() == EditingContext::Page::JourneyMap));
    BOOST_TEST(Map().GetLayout().stages.size() == shown().stages.size());
    BOOST_TEST(MapText().find("Awareness") != std::string::npos);
    grid().SetGridCursor(2, 1);
    Pump();
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[2].id);

    Context().SelectPersona("persona-2");
    Pump();
    BOOST_TEST(Map().GetLayout().stages.size() == shown().stages.size());
    BOOST_TEST(MapText().find(shown().stages[0].buyer_actions.substr(0, 12)) != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(clicking_a_stage_card_selects_its_row_in_the_grid, editor) {
    Command(ID_SHOW_JOURNEY);
    Command(ID_ZOOM_ACTUAL);
    Map().Scroll(0, 0);
    const stage_region& second = Map().GetLayout().stages.at(1);
    const wxPoint at = Map().ToWindow({second.card.x + 20, second.card.y + 10});
    wxMouseEvent click(wxEVT_LEFT_DOWN);
    click.SetPosition(at);
    click.SetEventObject(&Map());
    Map().GetEventHandler()->ProcessEvent(click);
    Pump();
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[1].id);
    BOOST_TEST(grid().GetGridCursorRow() == 1);
    // The arrow keys walk the stages in journey order.
    wxKeyEvent right(wxEVT_KEY_DOWN);
    right.m_keyCode = WXK_RIGHT;
    right.SetEventObject(&Map());
    Map().GetEventHandler()->ProcessEvent(right);
    Pump();
    BOOST_TEST(grid().GetGridCursorRow() == 2);
}

BOOST_FIXTURE_TEST_CASE(moving_the_grid_cursor_outlines_the_stage_on_the_map, editor) {
    grid().SetGridCursor(3, 2);
    Pump();
    BOOST_TEST(Context().GetStageId() == shown().stages[3].id);
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[3].id);
}

BOOST_FIXTURE_TEST_CASE(double_clicking_a_stage_card_opens_the_stage_in_the_grid, editor) {
    Command(ID_SHOW_JOURNEY);
    Command(ID_ZOOM_ACTUAL);
    Map().Scroll(0, 0);
    const stage_region& third = Map().GetLayout().stages.at(2);
    wxMouseEvent click(wxEVT_LEFT_DCLICK);
    click.SetPosition(Map().ToWindow({third.card.x + 20, third.card.y + 10}));
    click.SetEventObject(&Map());
    Map().GetEventHandler()->ProcessEvent(click);
    Pump();
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Stages));
    BOOST_TEST(grid().GetGridCursorRow() == 2);
    BOOST_TEST(grid().IsDescendant(wxWindow::FindFocus()));
}

BOOST_FIXTURE_TEST_CASE(the_journey_map_redraws_on_every_change_and_on_undo, editor) {
    Command(ID_SHOW_JOURNEY);
    doc->Submit(set_stage_field(shown().id, shown().stages[0].id, stage_field::name, "Problem Discovery"));
    Pump();
    BOOST_TEST(MapText().find("Problem Discovery") != std::string::npos);
    Command(wxID_UNDO);
    BOOST_TEST(MapText().find("Problem Discovery") == std::string::npos);
    const std::size_t before = Map().GetLayout().stages.size();
    Frame().GetStageGrid()->AddStage();
    Pump();
    BOOST_TEST(Map().GetLayout().stages.size() == before + 1);
}

BOOST_FIXTURE_TEST_CASE(a_cell_edited_while_the_map_is_hidden_shows_on_the_map_when_it_comes_to_the_front, editor) {
    Command(ID_SHOW_JOURNEY);
    Command(ID_SHOW_STAGES);
    wxTextCtrl* editor = OpenCellEditor(1, 0);
    editor->ChangeValue("Problem Discovery");
    wxKeyEvent enter(wxEVT_CHAR_HOOK);
    enter.m_keyCode = WXK_RETURN;
    enter.SetEventObject(editor);
    editor->GetEventHandler()->ProcessEvent(enter);
    Pump();
    BOOST_TEST(shown().stages[1].name == "Problem Discovery");
    // Typing in the grid pays for no picture nobody sees: the hidden map is as it was shown.
    BOOST_TEST(MapText().find("Problem Discovery") == std::string::npos);
    Command(ID_SHOW_JOURNEY);
    BOOST_TEST(MapText().find("Problem Discovery") != std::string::npos);
    // Enter moved the grid's cursor down a row: the map outlines that stage.
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[2].id);
}

BOOST_FIXTURE_TEST_CASE(the_arrow_keys_move_the_selection_without_laying_the_map_out_again, editor) {
    Command(ID_SHOW_STAGES);
    grid().SetGridCursor(1, 0);
    Pump();
    Command(ID_SHOW_JOURNEY);
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[1].id);
    // The outline is drawn over the map, so the map itself (the same items where they were) stays.
    const bpm::draw::item* first = Map().GetLayout().picture.items.data();
    wxKeyEvent right(wxEVT_KEY_DOWN);
    right.m_keyCode = WXK_RIGHT;
    right.SetEventObject(&Map());
    Map().GetEventHandler()->ProcessEvent(right);
    Pump();
    BOOST_TEST(Map().GetSelectedStage() == shown().stages[2].id);
    BOOST_TEST(Map().GetLayout().picture.items.data() == first);
}

BOOST_FIXTURE_TEST_CASE(the_journey_map_zooms_and_fits_the_window, editor) {
    Command(ID_SHOW_JOURNEY);
    Command(ID_ZOOM_ACTUAL);
    BOOST_TEST(Map().GetZoom() == 1.0);
    Command(ID_ZOOM_IN);
    BOOST_TEST(Map().GetZoom() > 1.0);
    Command(ID_ZOOM_FIT);
    Pump();
    const wxSize virtualSize = Map().GetVirtualSize(), client = Map().GetClientSize();
    BOOST_TEST(virtualSize.x <= client.x + 1);
    BOOST_TEST(virtualSize.y <= client.y + 1);
    for (int i = 0; i < 30; ++i) Command(ID_ZOOM_OUT);
    BOOST_TEST(Map().GetZoom() == 0.25);
}

BOOST_FIXTURE_TEST_CASE(the_journey_map_exports_as_png_and_svg, editor) {
    const std::string png = dir.file("map.png"), svg = dir.file("map.svg");
    Command(ID_SHOW_JOURNEY);
    BOOST_TEST(bool(Map().ExportPng(ToWx(png))));
    wxImage image;
    BOOST_TEST_REQUIRE(image.LoadFile(ToWx(png), wxBITMAP_TYPE_PNG));
    BOOST_TEST(image.GetWidth() >= 2 * Map().GetLayout().picture.width);
    BOOST_TEST(InkShare(image) > 0.05);
    BOOST_TEST(bool(Map().ExportSvg(ToWx(svg))));
    const std::string text = test::slurp(svg);
    BOOST_TEST(text.find("<svg") != std::string::npos);
    BOOST_TEST(text.find("Emma Rodriguez") != std::string::npos);
    BOOST_TEST(!Map().ExportPng(ToWx(dir.file("missing/map.png"))));
}

// File > Export and bpmap-cli export (with no display) draw the same files, byte for byte.
BOOST_FIXTURE_TEST_CASE(the_editors_png_and_svg_are_the_command_lines, editor) {
    Context().SelectPersona("persona-2");
    Pump();
    for (const auto& [id, name] : {std::pair{ID_EXPORT_PNG, "map.png"}, std::pair{ID_EXPORT_SVG, "map.svg"}}) {
        prompts.savePath = ToWx(dir.file(name));
        Command(id);
        BOOST_TEST(prompts.problems.empty());
        const std::string cli = dir.file(std::string("cli-") + name);
        const test::run_result r = test::run_program(
            "/usr/bin/env", {"-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", BPM_CLI, "export", path, "--persona", shown().name,
                             "-o", cli});
        BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
        const std::string edited = test::slurp(dir.file(name));
        BOOST_TEST(!edited.empty());
        BOOST_TEST((edited == test::slurp(cli)), name);
    }
}

BOOST_AUTO_TEST_CASE(a_journey_too_long_for_twice_its_size_exports_smaller) {
    test::temp_dir dir;
    const std::string map = dir.file("long.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(test::bench_document(1, 250), map)));
    editor e(map);
    Command(ID_SHOW_JOURNEY);
    const std::string png = dir.file("long.png");
    BOOST_TEST_REQUIRE(bool(Map().ExportPng(ToWx(png))));
    wxImage image;
    BOOST_TEST_REQUIRE(image.LoadFile(ToWx(png), wxBITMAP_TYPE_PNG));
    // As large as an image can be drawn, and drawn all the way down.
    BOOST_TEST(image.GetHeight() <= 32767);
    BOOST_TEST(image.GetHeight() > 32000);
    BOOST_TEST(InkShare(image.GetSubImage(wxRect(0, image.GetHeight() * 9 / 10, image.GetWidth(), image.GetHeight() / 10))) >
               0.02);
}

BOOST_FIXTURE_TEST_CASE(cancelling_a_journey_map_export_writes_no_file_and_keeps_the_old_one, editor) {
    Command(ID_SHOW_JOURNEY);
    for (const auto& [id, name] : {std::pair{ID_EXPORT_PNG, "map.png"}, std::pair{ID_EXPORT_SVG, "map.svg"}}) {
        prompts.savePath = ToWx(dir.file(name));
        {
            cancel_progress cancel;
            Command(id);
            BOOST_TEST(cancel.seen);
        }
        BOOST_TEST(!std::filesystem::exists(dir.file(name)));
        BOOST_TEST(Frame().GetStatusBar()->GetStatusText(0) == "The export was cancelled; no file was written.");
        // Over an earlier export, which stays as it was.
        Command(id);
        const std::string earlier = test::slurp(dir.file(name));
        BOOST_TEST(!earlier.empty());
        {
            cancel_progress cancel;
            Command(id);
        }
        BOOST_TEST(test::slurp(dir.file(name)) == earlier);
        BOOST_TEST(prompts.problems.empty());
    }
    // No temporary file is left beside them.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    BOOST_TEST(files == 4u);  // the map, its lock file, the PNG and the SVG
}

BOOST_FIXTURE_TEST_CASE(the_printout_draws_the_same_pages_as_the_pdf, editor) {
    const wxPageSetupDialogData setup = DefaultPageSetup();
    MapPrintout printout(doc->Model(), {"persona-1"}, setup);
    // A 300 dpi sheet of A4 landscape, drawn into a bitmap as a printer would receive it.
    const wxSize sheet(3508, 2480);
    wxBitmap bitmap(sheet.x / 4, sheet.y / 4);
    wxMemoryDC dc(bitmap);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    printout.SetDC(&dc);
    printout.SetPageSizePixels(sheet.x, sheet.y);
    printout.SetPaperRectPixels(wxRect(0, 0, sheet.x, sheet.y));
    printout.SetPPIPrinter(300, 300);
    printout.OnPreparePrinting();
    const auto expected = layout_pages(doc->Model(), {"persona-1"}, ToPageSetup(setup, doc->Model().metadata.title),
                                       *PrintTextMeasurer());
    BOOST_TEST(static_cast<std::size_t>(printout.GetPageCount()) == expected.size());
    BOOST_TEST(printout.GetPageCount() >= 4);
    for (int n = 1; n <= printout.GetPageCount(); ++n)
        BOOST_TEST(test::all_text(printout.GetPage(n).picture) == test::all_text(expected[n - 1].picture));
    int minPage = 0, maxPage = 0, from = 0, to = 0;
    printout.GetPageInfo(&minPage, &maxPage, &from, &to);
    BOOST_TEST(maxPage == static_cast<int>(expected.size()));
    BOOST_TEST(printout.OnPrintPage(2));
    dc.SelectObject(wxNullBitmap);
    BOOST_TEST(InkShare(bitmap.ConvertToImage()) > 0.02);
    BOOST_TEST(!printout.HasPage(maxPage + 1));
}

BOOST_FIXTURE_TEST_CASE(paging_back_and_forth_through_a_printout_shows_the_same_pages, editor) {
    const wxPageSetupDialogData setup = DefaultPageSetup();
    MapPrintout printout(doc->Model(), {}, setup);
    printout.OnPreparePrinting();
    const auto expected =
        layout_pages(doc->Model(), {}, ToPageSetup(setup, doc->Model().metadata.title), *PrintTextMeasurer());
    BOOST_TEST_REQUIRE(static_cast<std::size_t>(printout.GetPageCount()) == expected.size());
    // As Print Preview asks for them: forward, back over every persona's pages (laid out again once
    // the kept ones were handed over), then forward again.
    std::vector<int> order;
    for (int n = 1; n <= printout.GetPageCount(); ++n) order.push_back(n);
    for (int n = printout.GetPageCount(); n >= 1; --n) order.push_back(n);
    for (int n = 1; n <= printout.GetPageCount(); ++n) order.push_back(n);
    for (const int n : order) {
        const page& pg = printout.GetPage(n);
        BOOST_TEST(pg.number == n);
        BOOST_TEST(test::all_text(pg.picture) == test::all_text(expected[static_cast<std::size_t>(n - 1)].picture));
    }
}

namespace {

// The print preview window open now, or null.
wxPreviewFrame* OpenPreview() {
    for (wxWindow* top : wxTopLevelWindows)
        if (auto* frame = dynamic_cast<wxPreviewFrame*>(top); frame && !frame->IsBeingDeleted()) return frame;
    return nullptr;
}

// Draws a page of a printout as a 300 dpi sheet of A4 landscape would receive it, at a quarter
// of the size, and returns the share of the sheet that has ink.
double InkOnPage(wxPrintout& printout, int page) {
    const wxSize sheet(3508, 2480);
    wxBitmap bitmap(sheet.x / 4, sheet.y / 4);
    wxMemoryDC dc(bitmap);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    wxDC* const was = printout.GetDC();
    printout.SetDC(&dc);
    printout.OnPrintPage(page);
    printout.SetDC(was);
    dc.SelectObject(wxNullBitmap);
    return InkShare(bitmap.ConvertToImage());
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(file_export_is_greyed_while_there_is_nothing_to_export, editor) {
    wxMenuBar* bar = Frame().GetMenuBar();
    const auto exportShown = [&] {
        bar->UpdateMenus();
        return bar->FindItem(ID_EXPORT_MENU)->IsEnabled();
    };
    BOOST_TEST(exportShown());
    prompts.answers = {SaveChoice::Discard};
    TheDocManager().CloseDocuments(true);
    Pump();
    BOOST_TEST(!exportShown());
    Command(wxID_NEW);
    doc = Context().GetDocument();
    BOOST_TEST(!exportShown());
    TypeAndEnter("Procurement Lead");
    BOOST_TEST(exportShown());
}

BOOST_FIXTURE_TEST_CASE(file_print_without_a_printer_says_so_and_points_to_the_pdf, editor) {
    // The test machine has no printer (no CUPS): File > Print says so instead of offering a
    // dialog that can only print to a file, or printing nothing without a word.
    if (PrinterIsSetUp()) {
        BOOST_TEST_MESSAGE("a printer is set up here: the no-printer message is not checked");
        return;
    }
    BOOST_TEST(CommandEnabled(wxID_PRINT));
    Command(wxID_PRINT);
    BOOST_TEST_REQUIRE(prompts.problems.size() == 1u);
    BOOST_TEST(prompts.problems[0].Contains("no printer is set up"), prompts.problems[0]);
    BOOST_TEST(prompts.problems[0].Contains("Export"), prompts.problems[0]);
}

BOOST_FIXTURE_TEST_CASE(file_print_preview_shows_every_page_of_the_map, editor) {
    // Through the menu command, as the user chooses it: wxDocParentFrame hands it to the
    // document manager before the frame, which once showed one blank page.
    BOOST_TEST(CommandEnabled(wxID_PREVIEW));
    Command(wxID_PREVIEW);
    wxPreviewFrame* frame = OpenPreview();
    BOOST_TEST_REQUIRE(frame != nullptr);
    auto* bar = FindChild<wxPreviewControlBar>(frame);
    BOOST_TEST_REQUIRE(bar != nullptr);
    wxPrintPreviewBase* preview = bar->GetPrintPreview();
    // The overview, then a cover, the stage table, the journey map and the summary for each of
    // the eight personas, as the core lays them out.
    const auto expected = layout_pages(doc->Model(), {},
                                       ToPageSetup(TheDocManager().GetPageSetupDialogData(), doc->Model().metadata.title),
                                       *PrintTextMeasurer());
    BOOST_TEST(preview->GetMaxPage() == static_cast<int>(expected.size()));
    BOOST_TEST(preview->GetMaxPage() >= 4 * static_cast<int>(doc->Model().personas.size()));
    BOOST_TEST(preview->RenderPage(1));
    BOOST_TEST(preview->RenderPage(preview->GetMaxPage()));
    auto* printout = dynamic_cast<MapPrintout*>(preview->GetPrintout());
    BOOST_TEST_REQUIRE(printout != nullptr);
    // The first page the preview shows is the overview of every persona.
    BOOST_TEST(preview->GetCurrentPage() == 1);
    const page& first = printout->GetPage(1);
    BOOST_TEST((first.kind == page_kind::overview));
    const std::string overview = test::all_text(first.picture);
    BOOST_TEST(overview.rfind("Overview: " + doc->Model().metadata.title, 0) == 0u);
    for (const bpm::persona& p : doc->Model().personas)
        BOOST_TEST(overview.find(p.name.substr(0, p.name.find(' '))) != std::string::npos, p.name);
    BOOST_TEST(InkOnPage(*printout, 1) > 0.005);
    BOOST_TEST(InkOnPage(*printout, preview->GetMaxPage()) > 0.005);
    frame->Close(true);
    Pump();
    BOOST_TEST(OpenPreview() == nullptr);
}

namespace {

// The Small Business Owner with a summary the AI wrote after the persona's last change.
struct ai_summary_editor : editor {
    ai_summary_editor() : editor(test::data("ai-summary.bpm")) {}
};

SummaryPanel& Summary() { return *Frame().GetSummaryPanel(); }

// What a note of the summary page says as the user reads it: "" when hidden, lines joined.
wxString NoteText(const wxStaticText* note) {
    if (!note->IsShown()) return wxString();
    wxString text = note->GetLabel();
    text.Replace("\n", " ");
    return text;
}

// True when a label is shown whole: it has all the room its text needs, inside its parent's
// client area and clear of other.
bool ShownWholeAndClearOf(const wxWindow* label, const wxWindow* other) {
    const wxRect rect = label->GetRect();
    const wxSize needs = label->GetBestSize();
    return needs.x <= rect.width && needs.y <= rect.height &&
           wxRect(label->GetParent()->GetClientSize()).Contains(rect) && !rect.Intersects(other->GetRect());
}

// Every line of text on the summary pages of a printout, joined with spaces.
std::string SummaryPagesText(MapPrintout& printout) {
    std::string all;
    for (int n = 1; n <= printout.GetPageCount(); ++n)
        if (const page& pg = printout.GetPage(n); pg.kind == page_kind::summary)
            for (const auto& item : pg.picture.items)
                if (const auto* t = std::get_if<draw::text>(&item))
                    for (const std::string& line : t->lines) all += line + " ";
    return all;
}

// Edits the duration of the shown persona's first stage in the grid, as the user types it.
void TypeFirstDuration(const wxString& duration) {
    Command(ID_SHOW_STAGES);
    wxTextCtrl* cell = OpenCellEditor(0, 2);
    cell->SetValue(duration);
    Frame().GetStageGrid()->GetGrid()->DisableCellEditControl();
    Pump();
}

bool HavePdfToText() { return std::string(BPM_PDFTOTEXT) != ""; }

}  // namespace

BOOST_FIXTURE_TEST_CASE(an_ai_summary_older_than_an_edit_in_the_grid_is_marked_on_screen_and_in_print,
                        ai_summary_editor) {
    // The smallest window the editor is made for.
    const wxSize was = Frame().GetSize();
    Frame().SetSize(1024, 700);
    Command(ID_SHOW_SUMMARY);
    Pump();
    BOOST_TEST(NoteText(Summary().GetStaleNote()).empty());
    BOOST_TEST(Summary().GetGenerateButton()->GetLabel() == "Generate Summary");

    TypeFirstDuration("3-5 weeks");
    BOOST_TEST_REQUIRE(shown().stages[0].duration == "3-5 weeks");
    const wxString note = "Written before the last changes on " + ToWx(readable_timestamp(shown().last_updated_at));

    Command(ID_SHOW_SUMMARY);
    Pump();
    BOOST_TEST(NoteText(Summary().GetStaleNote()) == note);
    // Shown as the AI wrote it; the button offers to write it again.
    BOOST_TEST(Summary().GetText()->GetValue() == ToWx(shown().summary->text));
    BOOST_TEST(Summary().GetGenerateButton()->GetLabel() == "Refresh Summary");
    // Both notes wrap inside the page, never under the button.
    BOOST_TEST(ShownWholeAndClearOf(Summary().GetSourceNote(), Summary().GetGenerateButton()));
    BOOST_TEST(ShownWholeAndClearOf(Summary().GetStaleNote(), Summary().GetGenerateButton()));

    Command(wxID_PREVIEW);
    wxPreviewFrame* preview = OpenPreview();
    BOOST_TEST_REQUIRE(preview != nullptr);
    auto* printout = dynamic_cast<MapPrintout*>(FindChild<wxPreviewControlBar>(preview)->GetPrintPreview()->GetPrintout());
    BOOST_TEST_REQUIRE(printout != nullptr);
    BOOST_TEST(SummaryPagesText(*printout).find(ToUtf8(note)) != std::string::npos);
    preview->Close(true);
    Pump();

    // Undone, the persona is as the summary tells it again.
    Command(wxID_UNDO);
    Command(ID_SHOW_SUMMARY);
    BOOST_TEST(NoteText(Summary().GetStaleNote()).empty());
    BOOST_TEST(Summary().GetGenerateButton()->GetLabel() == "Generate Summary");
    Frame().SetSize(was);
}

BOOST_FIXTURE_TEST_CASE(a_template_summary_follows_the_grid_on_screen_and_in_the_pdf, editor,
                        *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
                            return boost::test_tools::assertion_result(HavePdfToText());
                        })) {
    Command(ID_SUMMARY_GENERATE);
    BOOST_TEST_REQUIRE(shown().summary.has_value());
    BOOST_TEST_REQUIRE((shown().summary->source == summary_source::template_text));
    BOOST_TEST(shown().summary->text.find("Duration: 2-4 weeks") != std::string::npos);

    TypeFirstDuration("11 weeks");
    Command(ID_SHOW_SUMMARY);
    BOOST_TEST(Summary().GetText()->GetValue().Contains("Duration: 11 weeks"));
    BOOST_TEST(!Summary().GetText()->GetValue().Contains("Duration: 2-4 weeks"));
    // Nothing to warn of: it is rebuilt, and the edit is the user's only undo step.
    BOOST_TEST(NoteText(Summary().GetStaleNote()).empty());
    BOOST_TEST(undo_label() == "Undo Edit Duration of Awareness");

    accept_dialogs accept;
    prompts.savePath = ToWx(dir.file("persona.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(prompts.problems.empty());
    const test::run_result text = test::run_program(BPM_PDFTOTEXT, {"-enc", "UTF-8", dir.file("persona.pdf"), "-"});
    BOOST_TEST_REQUIRE(text.exit_code == 0, text.err);
    std::string words;
    for (char c : text.out) words += (c == '\n' || c == '\f') ? ' ' : c;
    BOOST_TEST(words.find("Duration: 11 weeks") != std::string::npos);
    BOOST_TEST(words.find("Duration: 2-4 weeks") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(export_pdf_uses_the_paper_chosen_in_page_setup, editor) {
    // As File > Page Setup leaves it after the user chose US Letter, portrait.
    wxPageSetupDialogData& setup = TheDocManager().GetPageSetupDialogData();
    const wxPageSetupDialogData before = setup;
    setup.SetPaperId(wxPAPER_LETTER);
    setup.GetPrintData().SetOrientation(wxPORTRAIT);
    accept_dialogs accept;
    prompts.savePath = ToWx(dir.file("letter.pdf"));
    Command(ID_EXPORT_PDF);
    setup = before;
    BOOST_TEST(prompts.problems.empty());
    // 8.5 by 11 inches: 612 by 792 points.
    const std::string pdf = test::slurp(dir.file("letter.pdf"));
    BOOST_TEST(pdf.find("/MediaBox [ 0 0 612 792 ]") != std::string::npos, pdf.substr(0, 2000));
}

namespace {

// Chooses the whole map in the PDF's options, as a user would, and exports.
struct export_whole_map : wxModalDialogHook {
    export_whole_map() { Register(); }
    ~export_whole_map() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        for (wxRadioButton* r : Radios(dialog))
            if (r->GetLabel().StartsWith("The whole map")) r->SetValue(true);
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}
    static std::vector<wxRadioButton*> Radios(wxWindow* parent) {
        std::vector<wxRadioButton*> out;
        for (wxWindow* child : parent->GetChildren()) {
            if (auto* r = dynamic_cast<wxRadioButton*>(child)) out.push_back(r);
            for (wxRadioButton* r : Radios(child)) out.push_back(r);
        }
        return out;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_long_pdf_export_shows_progress_and_cancel_leaves_no_file) {
    editor e(BigMap());
    export_whole_map choose;
    cancel_progress cancel;
    e.prompts.savePath = ToWx(e.dir.file("big.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(cancel.seen);
    BOOST_TEST(e.prompts.problems.empty());
    BOOST_TEST(!std::filesystem::exists(e.dir.file("big.pdf")));
    BOOST_TEST(Frame().GetStatusBar()->GetStatusText(0) == "The export was cancelled; no file was written.");
}

BOOST_AUTO_TEST_CASE(a_long_print_preview_shows_progress_and_cancel_opens_none) {
    editor e(BigMap());
    const std::string before = write_bpm(e.doc->Model());
    cancel_progress cancel;
    Command(wxID_PREVIEW);
    BOOST_TEST(cancel.seen);
    BOOST_TEST(OpenPreview() == nullptr);
    BOOST_TEST(e.prompts.problems.empty());
    BOOST_TEST(write_bpm(e.doc->Model()) == before);
    BOOST_TEST(!e.doc->IsModified());
}

namespace {

// A printout of the big map drawn into a bitmap, as the printing framework drives it page by page
// (the test machine has no printer for File > Print to print to).
struct printing {
    editor e{BigMap()};
    MapPrintout printout{e.doc->Model(), {}, DefaultPageSetup(), &Frame()};
    wxBitmap bitmap{877, 620};
    wxMemoryDC dc{bitmap};
    printing() {
        printout.SetDC(&dc);
        printout.SetPageSizePixels(3508, 2480);
        printout.SetPaperRectPixels(wxRect(0, 0, 3508, 2480));
        printout.SetPPIPrinter(300, 300);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(cancelling_the_page_layout_of_a_printout_leaves_nothing_to_print, printing) {
    cancel_progress cancel;
    printout.OnPreparePrinting();
    BOOST_TEST(cancel.seen);
    BOOST_TEST(printout.WasCancelled());
    BOOST_TEST(!printout.HasPage(1));
    // One page claimed, never drawn: the printing framework takes no pages at all as an error.
    int minPage = 0, maxPage = 0, from = 0, to = 0;
    printout.GetPageInfo(&minPage, &maxPage, &from, &to);
    BOOST_TEST(maxPage == 1);
    BOOST_TEST(!printout.OnPrintPage(1));
    printout.OnEndPrinting();
}

BOOST_FIXTURE_TEST_CASE(cancelling_while_pages_print_stops_the_printing, printing) {
    BOOST_TEST_REQUIRE(bool(printout.LayOut({})));
    const int pages = printout.GetPageCount();
    BOOST_TEST(pages > 1000);
    printout.OnPreparePrinting();
    cancel_progress cancel;
    int printed = 0;
    while (printed < pages && printout.OnPrintPage(printed + 1)) ++printed;
    BOOST_TEST(cancel.seen);
    BOOST_TEST(printout.WasCancelled());
    BOOST_TEST(printed < pages);
    printout.OnEndPrinting();
}

BOOST_FIXTURE_TEST_CASE(print_and_preview_need_a_persona, editor) {
    Command(wxID_NEW);
    BOOST_TEST(Context().GetDocument()->Model().personas.empty());
    BOOST_TEST(!CommandEnabled(wxID_PREVIEW));
    BOOST_TEST(!CommandEnabled(wxID_PRINT));
    Command(wxID_PREVIEW);
    BOOST_TEST(OpenPreview() == nullptr);
}

BOOST_AUTO_TEST_CASE(page_setup_is_remembered_between_runs) {
    wxStringInputStream nothing(wxString{});
    wxFileConfig config(nothing);
    // Never chosen: A4 landscape.
    BOOST_TEST(LoadPageSetup(config).GetPrintData().GetOrientation() == wxLANDSCAPE);
    wxPageSetupDialogData chosen = DefaultPageSetup();
    chosen.SetPaperId(wxPAPER_LETTER);
    chosen.GetPrintData().SetOrientation(wxPORTRAIT);
    chosen.SetMarginTopLeft(wxPoint(20, 10));
    chosen.SetMarginBottomRight(wxPoint(25, 15));
    SavePageSetup(config, chosen);
    const wxPageSetupDialogData back = LoadPageSetup(config);
    BOOST_TEST(back.GetPaperId() == wxPAPER_LETTER);
    BOOST_TEST(back.GetPrintData().GetOrientation() == wxPORTRAIT);
    BOOST_TEST((back.GetMarginTopLeft() == wxPoint(20, 10)));
    BOOST_TEST((back.GetMarginBottomRight() == wxPoint(25, 15)));
    // Hand-edited nonsense keeps the defaults.
    config.Write("/PageSetup/Margins", "a,b");
    config.Write("/PageSetup/Paper", 99999);
    BOOST_TEST((LoadPageSetup(config).GetMarginTopLeft() == DefaultPageSetup().GetMarginTopLeft()));
    BOOST_TEST(LoadPageSetup(config).GetPaperId() == DefaultPageSetup().GetPaperId());
}

BOOST_FIXTURE_TEST_CASE(the_pdf_dialog_accepts_only_a_usable_password, editor) {
    PdfExportDialog dialog(&Frame(), "Emma");
    BOOST_TEST(bool(dialog.CheckChoices()));
    BOOST_TEST(dialog.Password().empty());
    dialog.SetChoices(true, "secret", "secreT");
    BOOST_TEST(dialog.CheckChoices().error().find("differ") != std::string::npos);
    const wxString accented = wxString::FromUTF8("mot-de-passe-\u00e9t\u00e9");
    dialog.SetChoices(true, accented, accented);
    BOOST_TEST(bool(dialog.CheckChoices()));
    const wxString spaced = wxString::FromUTF8("mot\u00a0de passe");  // a no-break space
    dialog.SetChoices(true, spaced, spaced);
    BOOST_TEST(dialog.CheckChoices().error().find("Character 4 of the password would be read differently") == 0,
               dialog.CheckChoices().error());
    dialog.SetChoices(false, "secret", "secret");
    BOOST_TEST(bool(dialog.CheckChoices()));
    BOOST_TEST(dialog.Password() == "secret");
    BOOST_TEST(!dialog.WholeMap());
}

namespace {

// Fills the PDF dialog in as a user does: ticks the password box and types the password into both
// fields a character at a time; then presses Export when it is enabled, else Cancel. Keeps what
// the dialog said once the first field was typed, and in the end.
struct type_pdf_password : wxModalDialogHook {
    wxString password;
    wxString saidBeforeConfirming;
    wxString said;
    bool exportEnabled = false;
    explicit type_pdf_password(const wxString& typed) : password(typed) { Register(); }
    ~type_pdf_password() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        auto* pdf = dynamic_cast<PdfExportDialog*>(dialog);
        BOOST_TEST_REQUIRE(pdf);
        wxCheckBox* protect = pdf->GetProtectBox();
        protect->SetValue(true);
        wxCommandEvent tick(wxEVT_CHECKBOX, protect->GetId());
        tick.SetEventObject(protect);
        tick.SetInt(1);
        protect->ProcessWindowEvent(tick);
        std::vector<wxTextCtrl*> fields;
        for (wxWindow* w : protect->GetParent()->GetChildren())
            if (auto* field = dynamic_cast<wxTextCtrl*>(w)) fields.push_back(field);
        BOOST_TEST_REQUIRE(fields.size() == 2u);
        for (wxTextCtrl* field : fields) {
            field->SetFocus();
            for (std::size_t n = 1; n <= password.length(); ++n) field->SetValue(password.Left(n));  // one wxEVT_TEXT each
            if (field == fields.front()) saidBeforeConfirming = pdf->GetProblemLine()->GetLabelText();
        }
        pdf->UpdateWindowUI(wxUPDATE_UI_RECURSE);
        exportEnabled = pdf->FindWindow(wxID_OK)->IsEnabled();
        said = pdf->GetProblemLine()->GetLabelText();
        return exportEnabled ? wxID_OK : wxID_CANCEL;
    }
    void Exit(wxDialog*) override {}
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_password_pdf_cannot_hold_is_said_in_the_dialog_before_any_export, editor) {
    type_pdf_password typing(wxString::FromUTF8("mot\u00a0de passe"));  // a no-break space, as AltGr+Space types
    prompts.savePath = ToWx(dir.file("never.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(typing.saidBeforeConfirming.StartsWith("Character 4 of the password would be read differently"),
               typing.saidBeforeConfirming);
    BOOST_TEST(!typing.said.Contains(wxString::FromUTF8("mot\u00a0de")));
    BOOST_TEST(!typing.exportEnabled);
    BOOST_TEST(prompts.problems.empty());
    BOOST_TEST(!std::filesystem::exists(dir.file("never.pdf")));
}

BOOST_FIXTURE_TEST_CASE(a_pdf_exported_with_a_password_is_aes_256, editor,
                        *boost::unit_test::precondition([](boost::unit_test::test_unit_id) {
                            return boost::test_tools::assertion_result(HavePdfToText() && std::string(BPM_QPDF) != "");
                        })) {
    const wxString password = wxString::FromUTF8("Caf\u00e9 Passw\u00f6rt");
    type_pdf_password typing(password);
    prompts.savePath = ToWx(dir.file("protected.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(typing.said.empty(), typing.said);
    BOOST_TEST_REQUIRE(typing.exportEnabled);
    BOOST_TEST(prompts.problems.empty());
    const std::string pdf = dir.file("protected.pdf");
    const auto encryption = test::run_program(BPM_QPDF, {"--show-encryption", "--password=" + ToUtf8(password), pdf});
    BOOST_TEST(encryption.out.find("R = 6\n") != std::string::npos, encryption.out << encryption.err);
    BOOST_TEST(encryption.out.find("print high resolution: allowed\n") != std::string::npos, encryption.out);
    BOOST_TEST(test::run_program(BPM_PDFTOTEXT, {pdf, "-"}).exit_code != 0);
    const auto text = test::run_program(BPM_PDFTOTEXT, {"-upw", ToUtf8(password), "-enc", "UTF-8", pdf, "-"});
    BOOST_TEST(text.out.find(shown().name.substr(0, 10)) != std::string::npos, text.out.substr(0, 300));
}
