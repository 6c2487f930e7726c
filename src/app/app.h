#pragma once

#include <exception>

#include <wx/app.h>
#include <wx/arrstr.h>
#include <wx/gdicmn.h>

class BpmDocManager;
class wxCmdLineParser;
class MainFrame;

/// The bpmap application: one document manager, one main frame, and the command line
///   bpmap [--answer TEXT]... [FILE]               open FILE (a .bpm map), then type each TEXT
///                                                 into the assistant
///   bpmap --screenshot OUT.png [--size WxH] [--page NAME] [FILE]
///                                                 save a picture of the window showing FILE (the
///                                                 welcome card without one), then exit
class BpmApp : public wxApp {
public:
    bool OnInit() override;
    int OnRun() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    /// An exception that reached the event loop: writes recovery copies first, then says what
    /// went wrong in one message, and keeps running.
    bool OnExceptionInMainLoop() override;
    /// An exception thrown outside the event loop: recovery copies, then the message on stderr.
    void OnUnhandledException() override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

    MainFrame* GetMainFrame() const;
    BpmDocManager* GetDocManager() const { return m_docManager; }

private:
    void InitTranslations();
    // Writes recovery copies of unsaved maps; the message says whether that worked. Never throws.
    wxString SaveRecoveryCopies();
    // SIGTERM or SIGHUP (logout, a closed terminal), handled in the event loop: recovery
    // copies, then an exit (status 128 + the signal) that asks nothing.
    static void OnTerminationSignal(int signal);
    void TakeScreenshot();

    BpmDocManager* m_docManager = nullptr;
    wxString m_file;
    wxString m_screenshot;
    wxSize m_size{1280, 800};
    int m_page = -1;  // an EditingContext::Page for --screenshot, or -1 for the default
    wxArrayString m_answers;  // typed into the assistant once the map is open
    int m_exitCode = 0;
};

/// The options bpmap takes (besides wxWidgets' own): --version, --screenshot, --size, --page,
/// --answer and the map file.
void AddCommandLineOptions(wxCmdLineParser& parser);
/// Answers --help and --version, which need no display, before the toolkit starts (GTK cannot
/// without one): the exit status, or -1 when the command line asks for neither.
int AnswerWithoutDisplay(int argc, char** argv);

/// Keeps GTK from loading an OpenGL driver at start-up only to choose its visuals (the editor
/// draws nothing with OpenGL): unless the user set GDK_GL, sets it to "disable" until the toolkit
/// has started, when BpmApp::OnInit takes it out again, so programs the editor starts do not
/// inherit it. Call before wxEntry.
void SkipOpenGlProbe();

/// Handles an exception caught on a worker thread, on the UI thread, as one that reached the
/// event loop: recovery copies first, then one message.
void ReportException(std::exception_ptr error);

/// Routes the core's translatable messages (bpm::translate) through wxGetTranslation.
void InstallCoreTranslator();
