#include "bpm_view.h"

#include "bpm_document.h"
#include "doc_manager.h"
#include "editing_context.h"
#include "map_printout.h"

wxIMPLEMENT_DYNAMIC_CLASS(BpmView, wxView);

bool BpmView::OnCreate(wxDocument* doc, long) {
    // The manager that made the document, not a global one.
    auto* manager = wxStaticCast(doc->GetDocumentManager(), BpmDocManager);
    m_context = &manager->GetContext();
    SetFrame(manager->GetFrame());
    return GetFrame() != nullptr;
}

void BpmView::OnDraw(wxDC*) {}

wxPrintout* BpmView::OnCreatePrintout() {
    auto* doc = wxStaticCast(GetDocument(), BpmDocument);
    doc->CommitPendingEdits();
    return new MapPrintout(doc->Model(), {}, GetDocumentManager()->GetPageSetupDialogData(), GetFrame());
}

void BpmView::OnClosingDocument() { Detach(); }

bool BpmView::OnClose(bool) { return true; }

void BpmView::OnChangeFilename() {
    // A top-level window's label is its title.
    if (IsShown() && GetFrame()) GetFrame()->SetLabel(GetDocumentManager()->MakeFrameTitle(GetDocument()));
}

BpmView::~BpmView() { Detach(); }

bool BpmView::IsShown() const {
    return m_context && m_context->GetDocument() == GetDocument();
}

void BpmView::Detach() {
    if (IsShown()) m_context->ShowDocument(nullptr);
}
