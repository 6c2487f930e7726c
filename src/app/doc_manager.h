#pragma once

#include <wx/docview.h>
#include <wx/weakref.h>

#include "prompts.h"

class MainFrame;

/// The document manager of an editor that shows one map at a time in one frame.
class BpmDocManager : public wxDocManager {
public:
    BpmDocManager();

    /// Registers the template for .bpm files.
    void AddTemplates();

    /// Opens (or creates, with wxDOC_NEW) a map and shows it in place of the one shown before.
    /// The new map is loaded first: a file that cannot be read leaves the shown map untouched.
    /// Then the shown map is closed, asking about unsaved changes; Cancel keeps it and drops
    /// the new one.
    wxDocument* CreateDocument(const wxString& path, long flags = 0) override;
    wxString MakeNewDocumentName() override;
    wxString MakeFrameTitle(wxDocument* doc) override;

    /// The frame that shows documents.
    void SetFrame(MainFrame* frame);
    MainFrame* GetFrame() const { return m_frame.get(); }

    /// How documents ask and report; dialogs unless replaced.
    const Prompts& GetPrompts() const { return m_prompts; }
    void SetPrompts(Prompts prompts) { m_prompts = std::move(prompts); }

private:
    wxWeakRef<MainFrame> m_frame;
    Prompts m_prompts = Prompts::Dialogs();
};

/// The application's document manager.
BpmDocManager& TheDocManager();
