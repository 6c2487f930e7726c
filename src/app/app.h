#pragma once

#include <wx/app.h>
#include <wx/arrstr.h>
#include <wx/gdicmn.h>

class BpmDocManager;
class MainFrame;

/// The bpmap application: one document manager, one main frame, and the command line
///   bpmap [FILE]                                  open FILE (a .bpm map)
///   bpmap --screenshot OUT.png [--size WxH] [--page NAME] [FILE]
///                                                 save a picture of the window showing FILE (the
///                                                 welcome card without one), then exit
class BpmApp : public wxApp {
public:
    bool OnInit() override;
    int OnRun() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

    MainFrame* GetMainFrame() const;
    BpmDocManager* GetDocManager() const { return m_docManager; }

private:
    void InitTranslations();
    void TakeScreenshot();

    BpmDocManager* m_docManager = nullptr;
    wxString m_file;
    wxString m_screenshot;
    wxSize m_size{1280, 800};
    int m_page = -1;  // an EditingContext::Page for --screenshot, or -1 for the default
    wxArrayString m_answers;  // typed into the assistant before --screenshot
    int m_exitCode = 0;
};

/// Routes the core's translatable messages (bpm::translate) through wxGetTranslation.
void InstallCoreTranslator();
