#pragma once

#include <wx/docview.h>
#include <wx/weakref.h>

class MainFrame;

/// Connects a document to the main frame. The frame's panels observe the document's change
/// notices themselves; this view only tells the frame when the whole document appears, is
/// reloaded or goes away, and keeps the title in step with the file name and modified state.
class BpmView : public wxView {
public:
    bool OnCreate(wxDocument* doc, long flags) override;
    /// Panels paint themselves; a map has no single drawing to print.
    void OnDraw(wxDC* dc) override;
    /// After a load or revert: the frame shows the new contents if it shows this document.
    void OnUpdate(wxView* sender, wxObject* hint) override;
    void OnClosingDocument() override;
    /// Closing the view never closes the document: the document manager does that, once.
    bool OnClose(bool deleteWindow) override;
    void OnChangeFilename() override;
    ~BpmView() override;

    /// Writes unfinished input of the frame's panels into the document.
    void CommitPendingEdits();

private:
    void Detach();

    wxWeakRef<MainFrame> m_frame;

    wxDECLARE_DYNAMIC_CLASS(BpmView);
};
