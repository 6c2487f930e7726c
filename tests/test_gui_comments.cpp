// Comments in the editor: added from the menu on the cell or field the user is on, answered,
// resolved, deleted and undone through the Comments pane, shown on the grid and the journey map,
// saved with the map.
#include <wx/checkbox.h>
#include <wx/dcmemory.h>
#include <wx/spinctrl.h>
#include <wx/utils.h>
#include <wx/vlbox.h>

#include "comments_panel.h"
#include "comments_ui.h"
#include "gui_fixture.h"
#include "pdf_export_dialog.h"
#include "stage_cell_renderer.h"

using namespace gui_test;

namespace {

// Types the answer into the comment window that opens next and confirms it, as the user would.
struct type_comment : wxModalDialogHook {
    std::vector<wxString> answers;
    std::vector<wxString> titles;
    explicit type_comment(std::vector<wxString> a) : answers(std::move(a)) { Register(); }
    ~type_comment() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        titles.push_back(dialog->GetTitle());
        auto* text = FindChild<wxTextCtrl>(dialog);
        if (!text || answers.empty()) return wxID_CANCEL;
        text->SetValue(answers.front());
        answers.erase(answers.begin());
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}
};

CommentsPanel& Pane() { return *Frame().GetCommentsPanel(); }

// Clicks one of the pane's buttons by its label.
void ClickPane(const wxString& label) {
    for (wxWindow* child : Pane().GetChildren())
        if (auto* button = dynamic_cast<wxButton*>(child); button && wxStripMenuCodes(button->GetLabel()) == label) {
            BOOST_TEST_REQUIRE(button->IsEnabled(), label << " is disabled");
            wxCommandEvent click(wxEVT_BUTTON, button->GetId());
            click.SetEventObject(button);
            button->ProcessWindowEvent(click);
            Pump();
            return;
        }
    BOOST_FAIL("no button " << label);
}

// Whether the grid draws the comment marker (amber) in the top-left corner of a cell.
bool CellShowsMarker(wxGrid& grid, int row, int col) {
    const wxRect rect(0, 0, grid.GetColSize(col), grid.GetRowSize(row));
    wxBitmap bitmap(rect.width, rect.height);
    wxMemoryDC dc(bitmap);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    wxGridCellAttrPtr attr = grid.GetOrCreateCellAttrPtr(row, col);
    wxGridCellRendererPtr renderer(grid.GetCellRenderer(row, col));
    renderer->Draw(grid, *attr, dc, rect, row, col, false);
    dc.SelectObject(wxNullBitmap);
    const wxImage image = bitmap.ConvertToImage();
    return image.GetRed(2, 2) > 0xE0 && image.GetGreen(2, 2) > 0x90 && image.GetGreen(2, 2) < 0xC0 &&
           image.GetBlue(2, 2) < 0x60;
}

int ColumnOf(stage_field f) { return StageGridTable::ColumnOf(f); }

// A map open in the editor; the Comments pane, which adding a comment shows, is hidden again
// after, as it starts, so that the suites after these find the layout they expect.
struct comments_editor : editor {
    ~comments_editor() {
        Frame().GetAuiManager().GetPane(comments_pane_name).Hide();
        Frame().GetAuiManager().Update();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_comment_is_added_replied_resolved_deleted_and_undone_as_steps, comments_editor) {
    wxConfigBase::Get()->Write("/Comments/AuthorName", "Ana Lima");
    const int duration = ColumnOf(stage_field::duration);
    grid().SetFocus();
    grid().SetGridCursor(0, duration);
    Pump();
    const std::string stage = shown().stages[0].id;
    type_comment typing({"Is two weeks right for a CFO?", "Yes: our CRM says 12 days.", "Check with sales"});

    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    const comment added = doc->Model().comments[0];
    BOOST_TEST(added.persona_id == shown().id);
    BOOST_TEST(added.stage_id == stage);
    BOOST_TEST(added.field == "duration");
    BOOST_TEST(added.author == "Ana Lima");
    BOOST_TEST(is_iso8601(added.created_at));
    BOOST_TEST(added.text == "Is two weeks right for a CFO?");
    BOOST_TEST(undo_label() == "Undo Add Comment on Duration of " + ToWx(shown().stages[0].name));
    BOOST_TEST(typing.titles.back() == "Add Comment");
    // The cell shows it; its neighbours do not; the pane lists it, selected.
    BOOST_TEST(CellShowsMarker(grid(), 0, duration));
    BOOST_TEST(!CellShowsMarker(grid(), 0, duration + 1));
    BOOST_TEST(!CellShowsMarker(grid(), 1, duration));
    BOOST_TEST((Pane().GetListedIds() == std::vector<std::string>{added.id}));
    BOOST_TEST(Pane().GetSelectedId() == added.id);
    BOOST_TEST(grid().IsDescendant(wxWindow::FindFocus()));  // the keyboard stays in the grid

    ClickPane("Reply...");
    BOOST_TEST_REQUIRE(doc->Model().comments[0].replies.size() == 1u);
    BOOST_TEST(doc->Model().comments[0].replies[0].text == "Yes: our CRM says 12 days.");
    BOOST_TEST(doc->Model().comments[0].replies[0].author == "Ana Lima");
    BOOST_TEST(undo_label() == "Undo Reply to Comment");

    ClickPane("Resolve");
    BOOST_TEST(doc->Model().comments[0].resolved);
    BOOST_TEST(undo_label() == "Undo Resolve Comment");
    BOOST_TEST(Pane().GetListedIds().empty());  // only open comments, unless asked
    BOOST_TEST(!CellShowsMarker(grid(), 0, duration));
    Pane().GetShowResolvedBox()->SetValue(true);
    wxCommandEvent tick(wxEVT_CHECKBOX, Pane().GetShowResolvedBox()->GetId());
    tick.SetEventObject(Pane().GetShowResolvedBox());
    Pane().GetShowResolvedBox()->ProcessWindowEvent(tick);
    BOOST_TEST((Pane().GetListedIds() == std::vector<std::string>{added.id}));
    Pane().SelectComment(added.id);
    ClickPane("Reopen");
    BOOST_TEST(!doc->Model().comments[0].resolved);
    BOOST_TEST(undo_label() == "Undo Reopen Comment");

    // Edit > Undo takes each step back, Redo does it again.
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().comments[0].resolved);
    Command(wxID_UNDO);
    BOOST_TEST(!doc->Model().comments[0].resolved);
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().comments[0].replies.empty());
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().comments.empty());
    BOOST_TEST(!CellShowsMarker(grid(), 0, duration));
    BOOST_TEST(Pane().GetListedIds().empty());
    for (int i = 0; i < 4; ++i) Command(wxID_REDO);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    BOOST_TEST(doc->Model().comments[0].replies.size() == 1u);
    BOOST_TEST(!doc->Model().comments[0].resolved);
    BOOST_TEST(CellShowsMarker(grid(), 0, duration));

    // Delete, from the keyboard in the pane's list.
    Pane().SelectComment(added.id);
    Pane().GetList()->SetFocus();
    Press(Pane().GetList(), WXK_DELETE);
    BOOST_TEST(doc->Model().comments.empty());
    BOOST_TEST(undo_label() == "Undo Delete Comment on Duration of " + ToWx(shown().stages[0].name));
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().comments.size() == 1u);
    Pane().GetShowResolvedBox()->SetValue(false);
    wxConfigBase::Get()->DeleteEntry("/Comments/AuthorName");
}

BOOST_FIXTURE_TEST_CASE(enter_in_the_pane_goes_to_the_commented_cell, comments_editor) {
    const int message = ColumnOf(stage_field::key_message);
    grid().SetFocus();
    grid().SetGridCursor(2, message);
    Pump();
    type_comment typing({"Too long for a slide"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    const std::string id = doc->Model().comments[0].id;

    // Elsewhere: another persona, another page.
    const std::string commented = shown().id;
    Context().SelectPersona(doc->Model().personas[3].id);
    Context().ShowPage(EditingContext::Page::Dashboard);
    grid().SetGridCursor(0, 0);
    Pump();
    Pane().SelectComment(id);
    Pane().GetList()->SetFocus();
    Press(Pane().GetList(), WXK_RETURN);
    BOOST_TEST(Context().GetPersonaId() == commented);
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Stages));
    BOOST_TEST(grid().GetGridCursorRow() == 2);
    BOOST_TEST(grid().GetGridCursorCol() == message);
    BOOST_TEST(grid().IsDescendant(wxWindow::FindFocus()));
}

BOOST_FIXTURE_TEST_CASE(a_comment_on_a_persona_field_comes_from_the_form_and_goes_back_there, comments_editor) {
    Context().ShowPage(EditingContext::Page::Persona);
    Pump();
    Frame().GetPersonaForm()->GetField(persona_field::role)->SetFocus();
    Pump();
    type_comment typing({"Role or title?"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    BOOST_TEST(doc->Model().comments[0].stage_id.empty());
    BOOST_TEST(doc->Model().comments[0].field == "role");
    BOOST_TEST(undo_label() == "Undo Add Comment on Role of " + ToWx(shown().name));

    Context().ShowPage(EditingContext::Page::Stages);
    Pump();
    Pane().SelectComment(doc->Model().comments[0].id);
    Pane().GoToSelected();
    BOOST_TEST((Context().GetPage() == EditingContext::Page::Persona));
}

BOOST_FIXTURE_TEST_CASE(a_stage_counts_the_open_comments_on_its_fields_and_on_itself, comments_editor) {
    grid().SetGridCursor(1, ColumnOf(stage_field::buyer_actions));
    type_comment typing({"One", "Two"});
    Command(ID_COMMENT_ADD);
    grid().SetGridCursor(1, ColumnOf(stage_field::name));
    Command(ID_COMMENT_ADD);
    BOOST_TEST(OpenCommentsOnStage(doc->Model(), shown().id, shown().stages[1].id) == 2u);
    BOOST_TEST(OpenCommentsOnStage(doc->Model(), shown().id, shown().stages[0].id) == 0u);
    // The name column's cell shows a comment on the stage as a whole too.
    BOOST_TEST(CellShowsMarker(grid(), 1, ColumnOf(stage_field::name)));
    // Resolving one lowers the count the card shows.
    Pane().SelectComment(doc->Model().comments[0].id);
    ClickPane("Resolve");
    BOOST_TEST(OpenCommentsOnStage(doc->Model(), shown().id, shown().stages[1].id) == 1u);
}

BOOST_FIXTURE_TEST_CASE(deleting_a_stage_takes_its_comments_and_undo_brings_them_back, comments_editor) {
    grid().SetGridCursor(1, ColumnOf(stage_field::duration));
    type_comment typing({"Why so slow?"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(Pane().GetListedIds().size() == 1u);
    Command(ID_STAGE_DELETE);
    BOOST_TEST(doc->Model().comments.empty());
    BOOST_TEST(Pane().GetListedIds().empty());
    Command(wxID_UNDO);
    BOOST_TEST(doc->Model().comments.size() == 1u);
    BOOST_TEST(Pane().GetListedIds().size() == 1u);
    BOOST_TEST(CellShowsMarker(grid(), 1, ColumnOf(stage_field::duration)));
}

BOOST_FIXTURE_TEST_CASE(a_cancelled_comment_window_adds_nothing, comments_editor) {
    type_comment typing({});
    Command(ID_COMMENT_ADD);
    BOOST_TEST(typing.titles.size() == 1u);
    BOOST_TEST(doc->Model().comments.empty());
    BOOST_TEST(!doc->History().can_undo());
}

BOOST_FIXTURE_TEST_CASE(comments_keys_and_the_pane_toggle, comments_editor) {
    wxMenuItem* add = Frame().GetMenuBar()->FindItem(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(add != nullptr);
    std::unique_ptr<wxAcceleratorEntry> accel(add->GetAccel());
    BOOST_TEST_REQUIRE(bool(accel));
    BOOST_TEST(accel->GetKeyCode() == 'M');
    BOOST_TEST(accel->GetFlags() == (wxACCEL_CTRL | wxACCEL_ALT));
    wxKeyEvent key(wxEVT_CHAR_HOOK);
    key.m_keyCode = 'M';
    key.m_controlDown = key.m_altDown = true;
    BOOST_TEST(Frame().CommandForKey(key, grid().GetGridWindow()) == ID_COMMENT_ADD);

    wxAuiManager& aui = Frame().GetAuiManager();
    BOOST_TEST(!aui.GetPane(comments_pane_name).IsShown());  // the map has no comments
    Command(ID_SHOW_COMMENTS);  // shows the pane and goes to the list
    BOOST_TEST(aui.GetPane(comments_pane_name).IsShown());
    BOOST_TEST(wxWindow::FindFocus() == Pane().GetList());
    Command(ID_SHOW_COMMENTS);  // from the list: hides it
    BOOST_TEST(!aui.GetPane(comments_pane_name).IsShown());
    // Adding a comment shows the pane again.
    type_comment typing({"Back"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST(aui.GetPane(comments_pane_name).IsShown());
}

BOOST_FIXTURE_TEST_CASE(the_author_is_the_name_from_preferences_else_the_user_name, comments_editor) {
    wxConfigBase& config = *wxConfigBase::Get();
    SaveCommentAuthorName(config, "  ");
    BOOST_TEST(LoadCommentAuthorName(config).empty());
    const wxString system = wxGetUserName().empty() ? wxGetUserId() : wxGetUserName();
    BOOST_TEST(CommentAuthor() == system);

    // Typed into Preferences > General > Your name, it signs the next comment.
    Command(wxID_PREFERENCES);
    wxDialog* window = nullptr;
    for (wxWindow* top : wxTopLevelWindows)
        if (auto* dialog = dynamic_cast<wxDialog*>(top); dialog && dialog->GetTitle() == "Preferences") window = dialog;
    BOOST_TEST_REQUIRE(window != nullptr);
    auto* name = dynamic_cast<wxTextCtrl*>(wxWindow::FindWindowByName("Your name, for comments", window));
    BOOST_TEST_REQUIRE(name != nullptr);
    name->SetValue(wxString::FromUTF8("Sófia Núñez"));
    Pump();
    BOOST_TEST(CommentAuthor() == wxString::FromUTF8("Sófia Núñez"));
    window->Destroy();
    Pump();
    type_comment typing({"Signed"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    BOOST_TEST(doc->Model().comments[0].author == "Sófia Núñez");
    SaveCommentAuthorName(config, wxString());
}

BOOST_FIXTURE_TEST_CASE(the_pdf_export_can_end_with_the_open_comments, comments_editor) {
    PdfExportDialog none(&Frame(), "Sophie", false);
    BOOST_TEST(!none.GetCommentsBox()->IsEnabled());
    BOOST_TEST(!none.IncludeComments());

    grid().SetGridCursor(0, ColumnOf(stage_field::duration));
    type_comment typing({"Is two weeks right for a CFO?"});
    Command(ID_COMMENT_ADD);
    BOOST_TEST_REQUIRE(doc->Model().comments.size() == 1u);
    if (std::string(BPM_PDFTOTEXT).empty()) return;
    // Ticked in the dialog, as the user does, the appendix ends the persona's pages.
    struct tick_comments : wxModalDialogHook {
        bool offered = false;
        tick_comments() { Register(); }
        ~tick_comments() override { Unregister(); }
        int Enter(wxDialog* dialog) override {
            auto* pdf = dynamic_cast<PdfExportDialog*>(dialog);
            if (!pdf) return wxID_CANCEL;
            offered = pdf->GetCommentsBox()->IsEnabled();
            pdf->GetCommentsBox()->SetValue(true);
            return wxID_OK;
        }
        void Exit(wxDialog*) override {}
    } tick;
    prompts.savePath = ToWx(dir.file("with-comments.pdf"));
    Command(ID_EXPORT_PDF);
    BOOST_TEST(tick.offered);
    BOOST_TEST(prompts.problems.empty());
    const test::run_result text =
        test::run_program(BPM_PDFTOTEXT, {"-enc", "UTF-8", dir.file("with-comments.pdf"), "-"});
    BOOST_TEST_REQUIRE(text.exit_code == 0, text.err);
    BOOST_TEST(text.out.find("Open comments") != std::string::npos);
    BOOST_TEST(text.out.find("Is two weeks right for a CFO?") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(comments_are_saved_with_the_map_and_read_back, comments_editor) {
    grid().SetGridCursor(0, ColumnOf(stage_field::duration));
    type_comment typing({"Is two weeks right?", "It is.", wxString::FromUTF8("هل هذا صحيح؟")});
    Command(ID_COMMENT_ADD);
    Pane().SelectComment(doc->Model().comments.at(0).id);
    ClickPane("Reply...");
    grid().SetGridCursor(1, ColumnOf(stage_field::name));
    Command(ID_COMMENT_ADD);
    Pane().SelectComment(doc->Model().comments.at(1).id);
    ClickPane("Resolve");
    const std::vector<comment> before = doc->Model().comments;
    BOOST_TEST_REQUIRE(before.size() == 2u);
    Command(wxID_SAVE);
    BOOST_TEST(!doc->IsModified());
    TheDocManager().CloseDocuments(true);
    Frame().GetAuiManager().GetPane(comments_pane_name).Hide();
    Frame().GetAuiManager().Update();
    Pump();
    doc = wxStaticCast(TheDocManager().CreateDocument(ToWx(path), wxDOC_SILENT), BpmDocument);
    BOOST_TEST_REQUIRE(doc != nullptr);
    Pump();
    BOOST_TEST((doc->Model().comments == before));
    BOOST_TEST(Pane().GetListedIds().size() == 1u);  // the resolved one is not listed
    // A map with open comments opens with the pane in view.
    BOOST_TEST(Frame().GetAuiManager().GetPane(comments_pane_name).IsShown());
}
