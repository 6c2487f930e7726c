#include "bpm_view.h"

#include "bpm_document.h"
#include "doc_manager.h"
#include "editing_context.h"

wxIMPLEMENT_DYNAMIC_CLASS(BpmView, wxView);

bool BpmView::OnCreate(wxDocument*, long) {
    m_context = &TheDocManager().GetContext();
    SetFrame(TheDocManager().GetFrame());
    return GetFrame() != nullptr;
}

void BpmView::OnDraw(wxDC*) {}

void BpmView::OnClosingDocument() { Detach(); }

bool BpmView::OnClose(bool) { return true; }

void BpmView::OnChangeFilename() {
    // A top-level window's label is its title.
    if (IsShown() && GetFrame()) GetFrame()->SetLabel(TheDocManager().MakeFrameTitle(GetDocument()));
}

BpmView::~BpmView() { Detach(); }

bool BpmView::IsShown() const {
    return m_context && m_context->GetDocument() == GetDocument();
}

void BpmView::Detach() {
    if (IsShown()) m_context->ShowDocument(nullptr);
}
