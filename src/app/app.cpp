#include "app.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <utility>

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/image.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sstream.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include <csignal>

#include "ai_preferences.h"
#include "autosaver.h"
#include "bpm/i18n.h"
#include "bpm/recovery.h"
#include "bpm/version.h"
#include "bpm_document.h"
#include "doc_manager.h"
#include "main_frame.h"
#include "map_printout.h"
#include "chat_panel.h"
#include "screenshot.h"
#include "wx_string.h"

void InstallCoreTranslator() {
    bpm::set_translator(
        [](const char* msgid) { return ToUtf8(wxGetTranslation(ToWx(msgid))); },
        [](const char* singular, const char* plural, unsigned long n) {
            return ToUtf8(wxGetTranslation(ToWx(singular), ToWx(plural), static_cast<unsigned>(n)));
        });
}

void AddCommandLineOptions(wxCmdLineParser& parser) {
    parser.AddSwitch(wxString(), "version", _("print the version and exit"));
    parser.AddOption(wxString(), "screenshot", _("save a PNG of the window showing FILE to this path, then exit"));
    parser.AddOption(wxString(), "size", _("window size for --screenshot, e.g. 1920x1080"));
    parser.AddOption(wxString(), "page", _("page to show for --screenshot: persona, stages, journey, summary or dashboard"));
    parser.AddOption(wxString(), "answer", _("type this answer into the assistant first (repeatable)"),
                     wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_MULTIPLE);
    parser.AddParam(_("map file (.bpm)"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

int AnswerWithoutDisplay(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;
        if (arg == "--version") {
            std::printf("bpmap %s\n", bpm::version);
            return 0;
        }
        if (arg == "--help" || arg == "-h") {
            static char name[] = "bpmap";
            static char* program[] = {name, nullptr};
            wxCmdLineParser parser(1, program);
            parser.AddSwitch("h", "help", _("show this help message"));
            AddCommandLineOptions(parser);
            parser.SetLogo(_("Buying Process Mapper: map how each of your buyer personas buys."));
            std::printf("%s", ToUtf8(parser.GetUsageString()).c_str());
            return 0;
        }
    }
    return -1;
}

namespace {

// Whether GDK_GL is ours to take out again once GTK has read it.
bool openGlProbeSkipped = false;

}  // namespace

void SkipOpenGlProbe() {
    // The first GTK program on a display probes OpenGL for the visuals that suit it, which loads
    // the driver (Mesa, LLVM: 31 libraries, 53 MiB resident) for the program's lifetime.
    if (std::getenv("GDK_GL")) return;
    openGlProbeSkipped = ::setenv("GDK_GL", "disable", 0) == 0;
}

void BpmApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    AddCommandLineOptions(parser);
}

bool BpmApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    if (!wxApp::OnCmdLineParsed(parser)) return false;
    if (parser.GetParamCount() > 0) m_file = wxFileName(parser.GetParam(0)).GetAbsolutePath();
    parser.Found("screenshot", &m_screenshot);
    wxString size;
    if (parser.Found("size", &size)) {
        long w = 0, h = 0;
        if (!size.BeforeFirst('x').ToLong(&w) || !size.AfterFirst('x').ToLong(&h) || w < 320 || h < 240) {
            std::fprintf(stderr, "bpmap: --size takes WIDTHxHEIGHT, e.g. 1280x800\n");
            return false;
        }
        m_size = wxSize(static_cast<int>(w), static_cast<int>(h));
    }
    wxString page;
    if (parser.Found("page", &page)) {
        const wxString names[] = {"persona", "stages", "journey", "summary", "dashboard"};
        const auto it = std::find(std::begin(names), std::end(names), page);
        if (it == std::end(names)) {
            std::fprintf(stderr, "bpmap: --page takes persona, stages, journey, summary or dashboard\n");
            return false;
        }
        m_page = static_cast<int>(it - std::begin(names));
    }
    for (const wxCmdLineArg& arg : parser.GetArguments())
        if (arg.GetKind() == wxCMD_LINE_OPTION && arg.GetLongName() == "answer") m_answers.push_back(arg.GetStrVal());
    return true;
}

void BpmApp::InitTranslations() {
    wxUILocale::UseDefault();
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);
    // Catalogs live in <prefix>/share/locale/<lang>/LC_MESSAGES/bpmap.mo beside the program.
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    wxFileName locale(exe.GetPath(), wxString());
    locale.RemoveLastDir();
    locale.AppendDir("share");
    locale.AppendDir("locale");
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(locale.GetPath());
    translations->SetLanguage(wxLANGUAGE_DEFAULT);
    // The messages, ours and wxWidgets', are written in English, so a user who reads English first
    // needs no catalog; looking for one lists the folders of every language on the computer.
    const wxVector<wxString> preferred = wxUILocale::GetPreferredUILanguages();
    if (!preferred.empty() && !preferred.front().StartsWith("en")) {
        translations->AddStdCatalog();
        translations->AddCatalog("bpmap");
    }
    InstallCoreTranslator();
}

bool BpmApp::OnInit() {
    SetAppName("bpmap");
    // GTK read GDK_GL when it started.
    if (std::exchange(openGlProbeSkipped, false)) ::unsetenv("GDK_GL");
    if (!wxApp::OnInit()) return false;
    InitTranslations();
    SetAppDisplayName(_("Buying Process Mapper"));
    wxImage::AddHandler(new wxPNGHandler);

    const bool unattended = !m_screenshot.empty();
    if (unattended) {
        // A screenshot shows the default layout and leaves the user's settings alone: the
        // settings live in memory only. Messages go to standard error, never to a dialog.
        wxStringInputStream nothing(wxString{});
        delete wxConfigBase::Set(new wxFileConfig(nothing));
        delete wxLog::SetActiveTarget(new wxLogStderr);
    }
    // Unless a test or --screenshot set settings in memory, they are the user's settings file.
    const bool settingsFile = wxConfigBase::Get(false) == nullptr;
    wxConfigBase* config = wxConfigBase::Get();
    // The settings file may hold the AI service's API key: only the user may read it. The umask
    // covers a new file; a file from before keeps its mode when rewritten, so it is narrowed too.
    auto* file = dynamic_cast<wxFileConfig*>(config);
    if (settingsFile && file) {
        file->SetUmask(0077);
        wxFileName existing = wxFileConfig::GetLocalFile(GetAppName());
        if (existing.FileExists()) existing.SetPermissions(wxPOSIX_USER_READ | wxPOSIX_USER_WRITE);
    }

    m_docManager = new BpmDocManager;
    m_docManager->AddTemplates();
    if (unattended) m_docManager->SetPrompts(Prompts::Unattended());
    m_docManager->FileHistoryLoad(*config);
    m_docManager->GetPageSetupDialogData() = LoadPageSetup(*config);
    // A screenshot changes nothing, so it needs no recovery copies.
    m_docManager->StartAutosave(bpm::recovery_folder(),
                                unattended ? std::chrono::seconds(0) : std::chrono::minutes(LoadAutosaveMinutes(*config)));
#ifdef __UNIX__
    for (int signal : {SIGTERM, SIGHUP}) SetSignalHandler(signal, &BpmApp::OnTerminationSignal);
#endif

    auto* frame = new MainFrame(m_docManager, m_docManager->GetContext(), m_docManager->GetPrompts());
    m_docManager->SetFrame(frame);
    SetTopWindow(frame);
    if (unattended) {
        frame->SetSize(m_size);
    } else {
        frame->RestoreLayout();
    }
    frame->Show();

    if (!m_file.empty() && !m_docManager->OpenFile(m_file)) m_exitCode = 1;
    for (const wxString& answer : m_answers) frame->GetChatPanel()->SendAnswer(answer);
    if (unattended) {
        if (m_page >= 0) m_docManager->GetContext().ShowPage(static_cast<EditingContext::Page>(m_page));
    }
    if (unattended) CallAfter(&BpmApp::TakeScreenshot);
    else CallAfter([this] { m_docManager->OfferRecovery(false); });
    return true;
}

wxString BpmApp::SaveRecoveryCopies() {
    try {
        Autosaver* autosaver = m_docManager ? m_docManager->GetAutosaver() : nullptr;
        if (!autosaver || !autosaver->HasUnsavedChanges()) return {};
        autosaver->KeepCopies();
        if (autosaver->SaveNow())
            // TRANSLATORS: after an internal error or a stop signal; {1} is a folder
            return FormatText(_("Your unsaved changes are in a recovery copy in {1}: the next start offers it unless "
                                "you save first."),
                              ToWx(autosaver->GetFolder().folder().string()));
    } catch (...) {
    }
    return _("No recovery copy could be written: save your map under a new name now.");
}

namespace {

// "Something went wrong inside the editor: WHAT." for the exception being handled; called only
// inside a catch block (or a wx handler called from one).
wxString DescribeCurrentException() {
    wxString what = _("an unknown error");
    try {
        throw;
    } catch (const std::exception& e) {
        what = wxString::FromUTF8(e.what());
    } catch (...) {
    }
    // TRANSLATORS: {1} describes the internal error
    return FormatText(_("Something went wrong inside the editor: {1}."), what);
}

}  // namespace

bool BpmApp::OnExceptionInMainLoop() {
    const wxString message = DescribeCurrentException();
    const wxString recovery = SaveRecoveryCopies();
    // The copies stay until the map is saved: from here on the program runs on as usual.
    if (m_docManager && m_docManager->GetAutosaver()) m_docManager->GetAutosaver()->KeepCopies(false);
    if (m_docManager) m_docManager->GetPrompts().reportProblem(GetMainFrame(), message, recovery);
    return true;
}

void ReportException(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (...) {
        wxTheApp->OnExceptionInMainLoop();
    }
}

void BpmApp::OnUnhandledException() {
    const wxString message = DescribeCurrentException();
    const wxString recovery = SaveRecoveryCopies();
    std::fprintf(stderr, "bpmap: %s\n", ToUtf8(message).c_str());
    if (!recovery.empty()) std::fprintf(stderr, "%s\n", ToUtf8(recovery).c_str());
}

void BpmApp::OnTerminationSignal(int signal) {
    auto& app = *static_cast<BpmApp*>(wxTheApp);
    const wxString recovery = app.SaveRecoveryCopies();
    std::fprintf(stderr, "bpmap: %s\n",
                 ToUtf8(FormatText(_("Stopped by {1}."), signal == SIGHUP ? "SIGHUP" : "SIGTERM")).c_str());
    if (!recovery.empty()) std::fprintf(stderr, "%s\n", ToUtf8(recovery).c_str());
    // The changes are in the recovery copies; the program ends now, asking nothing and without
    // unwinding, since a modal dialog may be open on the stack of the code that showed it
    // (closing the window under it crashed). Only the lock files go first, and the settings.
    if (app.m_docManager)
        for (wxDocument* doc : app.m_docManager->GetDocumentsVector())
            if (auto* map = dynamic_cast<BpmDocument*>(doc)) map->ReleaseLock();
    if (wxConfigBase* config = wxConfigBase::Get(false)) config->Flush();
    std::fflush(stderr);
    // As a shell reports a program that a signal ended.
    std::_Exit(128 + signal);
}

void BpmApp::TakeScreenshot() {
    MainFrame* frame = GetMainFrame();
    if (frame && m_exitCode == 0) {
        const bpm::result<> saved = SaveWindowScreenshot(frame, m_screenshot);
        if (!saved) {
            std::fprintf(stderr, "bpmap: %s\n", saved.error().c_str());
            m_exitCode = 1;
        }
    }
    if (frame) frame->Close(true);
}

int BpmApp::OnRun() {
    const int code = wxApp::OnRun();
    return m_exitCode != 0 ? m_exitCode : code;
}

int BpmApp::OnExit() {
    wxConfigBase* config = wxConfigBase::Get();
    if (m_docManager) {
        if (config) m_docManager->FileHistorySave(*config);
        delete m_docManager;
        m_docManager = nullptr;
    }
    if (config) config->Flush();
    return wxApp::OnExit();
}

MainFrame* BpmApp::GetMainFrame() const {
    return m_docManager ? static_cast<MainFrame*>(m_docManager->GetFrame()) : nullptr;
}
