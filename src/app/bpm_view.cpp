#include "bpm_view.h"

#include <wx/app.h>

#include "bpm_document.h"
#include "doc_manager.h"
#include "main_frame.h"

wxIMPLEMENT_DYNAMIC_CLASS(BpmView, wxView);

bool BpmView::OnCreate(wxDocument*, long) {
    m_frame = TheDocManager().GetFrame();
    SetFrame(m_frame.get());
    return m_frame != nullptr;
}

void BpmView::OnDraw(wxDC*) {}

void BpmView::OnUpdate(wxView*, wxObject*) {
    auto* doc = wxStaticCast(GetDocument(), BpmDocument);
    if (m_frame && m_frame->GetShownDocument() == doc) m_frame->ShowDocument(doc);
}

void BpmView::OnClosingDocument() { Detach(); }

bool BpmView::OnClose(bool) { return true; }

void BpmView::OnChangeFilename() {
    if (m_frame && m_frame->GetShownDocument() == GetDocument()) m_frame->UpdateTitle();
}

BpmView::~BpmView() { Detach(); }

void BpmView::CommitPendingEdits() {
    if (m_frame && m_frame->GetShownDocument() == GetDocument()) m_frame->CommitPendingEdits();
}

void BpmView::Detach() {
    if (m_frame && m_frame->GetShownDocument() == GetDocument()) m_frame->ShowDocument(nullptr);
}
