#pragma once

#include <wx/docview.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include "editing_context.h"
#include "prompts.h"

/// The document manager of an editor that shows one map at a time in one frame. It owns the
/// editing context, which outlives the frame's panels and every document's view.
class BpmDocManager : public wxDocManager {
public:
    BpmDocManager();
    /// Closes the documents while the context their views report to still exists.
    ~BpmDocManager() override;

    /// Registers the template for .bpm files.
    void AddTemplates();

    /// Opens (or creates, with wxDOC_NEW) a map and shows it in place of the one shown before.
    /// The new map is loaded first: a file that cannot be read leaves the shown map untouched.
    /// Then the shown map is closed, asking about unsaved changes; Cancel keeps it and drops
    /// the new one.
    wxDocument* CreateDocument(const wxString& path, long flags = 0) override;
    wxString MakeNewDocumentName() override;
    wxString MakeFrameTitle(wxDocument* doc) override;

    /// The frame that shows documents, the parent of their dialogs.
    void SetFrame(wxWindow* frame) { m_frame = frame; }
    wxWindow* GetFrame() const { return m_frame.get(); }

    /// The map shown and the selection, which the frame's panels observe.
    EditingContext& GetContext() { return m_context; }

    /// How documents ask and report; dialogs unless replaced.
    const Prompts& GetPrompts() const { return m_prompts; }
    void SetPrompts(Prompts prompts) { m_prompts = std::move(prompts); }

private:
    wxWeakRef<wxWindow> m_frame;
    Prompts m_prompts = Prompts::Dialogs();
    EditingContext m_context;
};

/// The application's document manager.
BpmDocManager& TheDocManager();
