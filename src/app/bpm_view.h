#pragma once

#include <wx/docview.h>

class EditingContext;

/// Connects a document to the editing context the frame's panels observe. The document manager
/// shows a map once it has replaced the one shown before; this view takes it away again when the
/// map closes, and keeps the frame's title in step with the file name and modified state.
class BpmView : public wxView {
public:
    bool OnCreate(wxDocument* doc, long flags) override;
    /// Panels paint themselves; what prints is OnCreatePrintout's.
    void OnDraw(wxDC* dc) override;
    /// The whole map's printed pages (MapPrintout) with the document manager's page setup: what
    /// File > Print and Print Preview show, through wxDocManager.
    wxPrintout* OnCreatePrintout() override;
    void OnClosingDocument() override;
    /// Closing the view never closes the document: the document manager does that, once.
    bool OnClose(bool deleteWindow) override;
    void OnChangeFilename() override;
    ~BpmView() override;

private:
    bool IsShown() const;
    void Detach();

    EditingContext* m_context = nullptr;

    wxDECLARE_DYNAMIC_CLASS(BpmView);
};
