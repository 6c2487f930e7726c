#pragma once

#include <chrono>
#include <memory>

#include <wx/docview.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include "autosaver.h"
#include "bpm/recovery.h"
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
    /// Opens a map, or imports a file of another format as an untitled map (the command line, a
    /// file dropped on the window); says why when the editor reads no file of its kind. The
    /// document, or null when nothing opened.
    wxDocument* OpenFile(const wxString& path);
    /// File > Open: asks for the file through the prompts, offering maps and every file a map
    /// can be imported from; the one template, or null when cancelled or not a map.
    wxDocTemplate* SelectDocumentPath(wxDocTemplate** templates, int count, wxString& path, long flags,
                                      bool save = false) override;
    wxString MakeNewDocumentName() override;
    wxString MakeFrameTitle(wxDocument* doc) override;

    /// The frame that shows documents, the parent of their dialogs.
    void SetFrame(wxWindow* frame) { m_frame = frame; }
    wxWindow* GetFrame() const { return m_frame.get(); }

    /// The map shown and the selection, which the frame's panels observe.
    EditingContext& GetContext() { return m_context; }

    /// Starts writing recovery copies of maps with unsaved changes into folder, at most once per
    /// interval (0: none).
    void StartAutosave(bpm::recovery_folder folder, std::chrono::seconds interval);
    /// The autosaver, null before StartAutosave.
    Autosaver* GetAutosaver() const { return m_autosaver.get(); }
    /// Offers the recovery copies that editors which did not end normally left behind (Recover,
    /// Discard or Later); when there are none, says so only if told to.
    void OfferRecovery(bool sayWhenNone);
    /// Shows a recovered copy as an unsaved map titled as its original; false after reporting
    /// why when it cannot be read or the map shown is kept.
    bool OpenRecovered(const bpm::recovery_copy& copy);

    /// File > Print Preview: the shown map's printed pages (the view's printout) in a preview
    /// window; says so when no printer is set up to lay pages out for.
    void ShowPrintPreview();
    /// File > Print: the print dialog, then the pages; the printer settings chosen are kept.
    void PrintMap();

    /// How documents ask and report; dialogs unless replaced.
    const Prompts& GetPrompts() const { return m_prompts; }
    void SetPrompts(Prompts prompts) { m_prompts = std::move(prompts); }

private:
    // Says that path is of no kind the editor opens, and which it does.
    void ReportUnreadable(const wxString& path);
    // The shown map's view when it has something to print, else null.
    wxView* PrintableView() const;

    wxWeakRef<wxWindow> m_frame;
    Prompts m_prompts = Prompts::Dialogs();
    EditingContext m_context;
    // Destroyed before the context it observes.
    std::unique_ptr<Autosaver> m_autosaver;
};

/// The application's document manager.
BpmDocManager& TheDocManager();
