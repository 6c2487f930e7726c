#include "ai_preferences.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/config.h>
#include <wx/preferences.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "accessibility.h"
#include "comments_ui.h"
#include "ui_text.h"
#include "wx_string.h"

namespace {

const char* const enabled_key = "/AI/Enabled";
const char* const url_key = "/AI/URL";
const char* const model_key = "/AI/Model";
const char* const api_key_key = "/AI/APIKey";
const char* const send_api_key_key = "/AI/SendAPIKey";
const char* const timeout_key = "/AI/Timeout";
const char* const autosave_key = "/Recovery/AutosaveMinutes";
constexpr int max_autosave_minutes = 120;

constexpr int min_timeout = 5;
constexpr int max_timeout = 3600;

// The service set up in the environment; one set up wrongly there counts as none, so that the
// Preferences window can still set one up. One wrong only in that its key would travel in the
// clear is kept, so that the page says so and offers to send no key.
bpm::ai_settings EnvironmentSettings(bool sendApiKey = true) {
    bpm::result<bpm::ai_settings> env = bpm::ai_settings_from_environment(sendApiKey);
    if (!env && sendApiKey) {
        env = bpm::ai_settings_from_environment(false);
        if (env) env.value->send_api_key = true;
    }
    return env ? std::move(*env.value) : bpm::ai_settings{};
}

// The Preferences window's one page. Deriving from the stock Advanced page gives it that page's
// icon on macOS, whose Preferences toolbar needs one.
class AiPreferencesPage : public wxStockPreferencesPage {
public:
    AiPreferencesPage() : wxStockPreferencesPage(Kind_Advanced) {}

    wxString GetName() const override { return _("AI Assistant"); }
    wxWindow* CreateWindow(wxWindow* parent) override {
        return new AiPreferencesPanel(parent, *wxConfigBase::Get(), [this](const AiPreferences& prefs) {
            if (onApply) onApply(prefs);
        });
    }

    std::function<void(const AiPreferences&)> onApply;
};

// The General page: how often recovery copies are written.
class GeneralPreferencesPage : public wxStockPreferencesPage {
public:
    GeneralPreferencesPage() : wxStockPreferencesPage(Kind_General) {}

    wxWindow* CreateWindow(wxWindow* parent) override {
        auto* panel = new wxPanel(parent);
        const int gap = panel->FromDIP(8);
        auto* minutes = new wxSpinCtrl(panel, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                                       0, max_autosave_minutes, LoadAutosaveMinutes(*wxConfigBase::Get()));
        // TRANSLATORS: Preferences, General page; followed by a number of minutes
        auto* label = new wxStaticText(panel, wxID_ANY, _("Save a &recovery copy of unsaved changes every"));
        // TRANSLATORS: Preferences, General page; after the number of minutes
        auto* unit = new wxStaticText(panel, wxID_ANY, _("minutes (0: never)"));
        SetAccessibleName(minutes, _("Minutes between recovery copies"));
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        line->Add(label, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
        line->Add(minutes, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
        line->Add(unit, wxSizerFlags().CentreVertical());
        auto* note = new wxStaticText(panel, wxID_ANY,
                                      _("Recovery copies stay on this computer, in your own state folder. After a "
                                        "crash or a forced quit, the next start offers to recover them."));
        note->Wrap(panel->FromDIP(420));
        auto* column = new wxBoxSizer(wxVERTICAL);
        column->Add(line, wxSizerFlags().Border(wxALL, 2 * gap));
        column->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, 2 * gap));
        column->Add(CreateAuthorLine(panel, gap), wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 2 * gap));
        auto* authorNote = new wxStaticText(panel, wxID_ANY,
                                            _("Signs the comments you write on maps; left empty, your user name on "
                                              "this computer does."));
        authorNote->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        authorNote->Wrap(panel->FromDIP(420));
        column->Add(authorNote, wxSizerFlags().Border(wxALL, 2 * gap));
        panel->SetSizer(column);
        minutes->Bind(wxEVT_SPINCTRL, [this, minutes](wxCommandEvent&) {
            SaveAutosaveMinutes(*wxConfigBase::Get(), minutes->GetValue());
            if (onAutosave) onAutosave(minutes->GetValue());
        });
        return panel;
    }

    std::function<void(int)> onAutosave;

private:
    // "Your name", which signs the comments written here; empty, the system's user name does.
    static wxSizer* CreateAuthorLine(wxWindow* panel, int gap) {
        // TRANSLATORS: Preferences, General page; the name that signs the user's comments on a map
        auto* label = new wxStaticText(panel, wxID_ANY, _("&Your name:"));
        auto* name = new wxTextCtrl(panel, wxID_ANY, LoadCommentAuthorName(*wxConfigBase::Get()));
        name->SetHint(wxGetUserName().empty() ? wxGetUserId() : wxGetUserName());
        SetAccessibleName(name, _("Your name, for comments"));
        name->Bind(wxEVT_TEXT, [name](wxCommandEvent&) { SaveCommentAuthorName(*wxConfigBase::Get(), name->GetValue()); });
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        line->Add(label, wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
        line->Add(name, wxSizerFlags(1).CentreVertical());
        return line;
    }
};

// One editor for the whole run: where the window is modeless it must outlive ShowPreferences,
// and showing it again raises the window already open.
std::unique_ptr<wxPreferencesEditor> the_editor;
AiPreferencesPage* the_page = nullptr;
GeneralPreferencesPage* the_general_page = nullptr;

}  // namespace

bool AiPreferences::Active() const {
    return enabled && settings.configured() && bool(bpm::validate_ai_settings(settings));
}

AiPreferences LoadAiPreferences(wxConfigBase& config) {
    const bpm::ai_settings env = EnvironmentSettings(config.ReadBool(send_api_key_key, true));
    AiPreferences prefs;
    prefs.settings = env;
    // A "$" in a URL or key is part of it, not an environment variable to expand.
    const bool expanding = config.IsExpandingEnvVars();
    config.SetExpandEnvVars(false);
    prefs.enabled = config.ReadBool(enabled_key, env.configured());
    prefs.settings.base_url = ToUtf8(config.Read(url_key, ToWx(env.base_url)));
    prefs.settings.model = ToUtf8(config.Read(model_key, ToWx(env.model)));
    prefs.settings.api_key = ToUtf8(config.Read(api_key_key, ToWx(env.api_key)));
    prefs.settings.timeout_seconds = config.ReadDouble(timeout_key, env.timeout_seconds);
    config.SetExpandEnvVars(expanding);
    return prefs;
}

void SaveAiPreferences(wxConfigBase& config, const AiPreferences& prefs) {
    const bpm::ai_settings& s = prefs.settings;
    config.Write(enabled_key, prefs.enabled);
    config.Write(url_key, ToWx(s.base_url));
    config.Write(model_key, ToWx(s.model));
    config.Write(timeout_key, s.timeout_seconds);
    config.Write(send_api_key_key, s.send_api_key);
    // A copy of the environment's key would outlive the user changing or removing it there.
    if (s.api_key.empty() || s.api_key == EnvironmentSettings().api_key)
        config.DeleteEntry(api_key_key);
    else
        config.Write(api_key_key, ToWx(s.api_key));
}

int LoadAutosaveMinutes(wxConfigBase& config) {
    return std::clamp(static_cast<int>(config.ReadLong(autosave_key, 1)), 0, max_autosave_minutes);
}

void SaveAutosaveMinutes(wxConfigBase& config, int minutes) {
    config.Write(autosave_key, std::clamp(minutes, 0, max_autosave_minutes));
}

void ShowPreferences(wxWindow* parent, std::function<void(const AiPreferences&)> onApply,
                     std::function<void(int)> onAutosave) {
    if (!the_editor) {
        the_editor = std::make_unique<wxPreferencesEditor>(_("Preferences"));
        the_general_page = new GeneralPreferencesPage;
        the_editor->AddPage(the_general_page);
        the_page = new AiPreferencesPage;
        the_editor->AddPage(the_page);
    }
    the_general_page->onAutosave = std::move(onAutosave);
    the_page->onApply = std::move(onApply);
    the_editor->Show(parent);
}

void ClosePreferences() {
    if (!the_editor) return;
    the_editor->Dismiss();
    the_editor.reset();
    the_page = nullptr;
    the_general_page = nullptr;
}

AiPreferencesPanel::AiPreferencesPanel(wxWindow* parent, wxConfigBase& config,
                                       std::function<void(const AiPreferences&)> onApply)
    : wxPanel(parent), m_config(config), m_onApply(std::move(onApply)), m_environmentKey(EnvironmentSettings().api_key) {
    const AiPreferences prefs = LoadAiPreferences(config);
    const int gap = FromDIP(8);
    const wxSize wide = FromDIP(wxSize(360, -1));

    m_enable = new wxCheckBox(this, wxID_ANY, _("&Use an AI service for the assistant"));
    m_enable->SetValue(prefs.enabled);

    m_url = new wxTextCtrl(this, wxID_ANY, ToWx(prefs.settings.base_url), wxDefaultPosition, wide);
    m_url->SetHint("http://localhost:11434/v1");
    m_model = new wxTextCtrl(this, wxID_ANY, ToWx(prefs.settings.model));
    m_model->SetHint("llama3.1");
    // The environment's key shows as an empty field, which is what uses it.
    const std::string& key = prefs.settings.api_key;
    m_key = new wxTextCtrl(this, wxID_ANY, key == m_environmentKey ? wxString() : ToWx(key), wxDefaultPosition,
                           wxDefaultSize, wxTE_PASSWORD);
    m_key->SetHint(_("Optional for services on this computer"));
    // TRANSLATORS: Preferences, AI Assistant page, under the API key: for a service on the local
    // network that needs no key, while a key is set in the environment for other programs
    m_noKey = new wxCheckBox(this, wxID_ANY, _("Send &no API key to this service"));
    m_noKey->SetValue(!prefs.settings.send_api_key);
    const long seconds = std::lround(prefs.settings.timeout_seconds);
    m_timeout = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                               min_timeout, max_timeout,
                               static_cast<int>(std::clamp<long>(seconds, min_timeout, max_timeout)));
    SetAccessibleName(m_url, _("Service URL"));
    SetAccessibleName(m_model, _("Model"));
    SetAccessibleName(m_key, _("API key"));
    SetAccessibleName(m_timeout, _("Timeout in seconds"));

    auto* fields = new wxFlexGridSizer(2, gap, gap);
    fields->AddGrowableCol(1);
    fields->Add(new wxStaticText(this, wxID_ANY, _("Service U&RL:")), 0, wxALIGN_CENTER_VERTICAL);
    fields->Add(m_url, 1, wxEXPAND);
    fields->AddSpacer(0);
    m_urlWarning = new wxStaticText(this, wxID_ANY,
                                    _("Plain http:// to another computer is not encrypted: anyone on the network can "
                                      "read what the assistant sends, and an API key is refused. Use https://."));
    m_urlWarning->Wrap(wide.x);
    fields->Add(m_urlWarning, 0, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, _("&Model:")), 0, wxALIGN_CENTER_VERTICAL);
    fields->Add(m_model, 1, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, _("API &key:")), 0, wxALIGN_CENTER_VERTICAL);
    fields->Add(m_key, 1, wxEXPAND);
    fields->AddSpacer(0);
    fields->Add(m_noKey, 0, wxEXPAND);
    fields->AddSpacer(0);
    wxStaticText* note = NewNote(this, _("The key is kept in your settings file, which only you can read. When the "
                                         "field is empty, BPMAP_API_KEY or OPENAI_API_KEY from the environment is "
                                         "used."));
    note->Wrap(wide.x);
    fields->Add(note, 0, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, _("&Timeout:")), 0, wxALIGN_CENTER_VERTICAL);
    auto* timeoutRow = new wxBoxSizer(wxHORIZONTAL);
    timeoutRow->Add(m_timeout, 0, wxALIGN_CENTER_VERTICAL);
    // TRANSLATORS: follows the number of the Timeout field
    timeoutRow->Add(new wxStaticText(this, wxID_ANY, _("seconds")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    fields->Add(timeoutRow, 1, wxEXPAND);

    m_problem = new wxStaticText(this, wxID_ANY, wxString());
    m_test = new wxButton(this, wxID_ANY, _("Test &Connection"));
    m_testLine = new wxStaticText(this, wxID_ANY, wxString());

    // Everything the check box switches on sits indented under it.
    auto* service = new wxBoxSizer(wxVERTICAL);
    service->Add(fields, 0, wxEXPAND);
    service->Add(m_problem, 0, wxEXPAND | wxTOP, gap);
    service->Add(m_test, 0, wxTOP, gap);
    service->Add(m_testLine, 0, wxEXPAND | wxTOP, gap);
    auto* indented = new wxBoxSizer(wxHORIZONTAL);
    indented->AddSpacer(3 * gap);
    indented->Add(service, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_enable, 0, wxALL, 2 * gap);
    sizer->Add(indented, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 2 * gap);
    SetSizer(sizer);
    m_wrapWidth = fields->CalcMin().x;

    m_enable->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        OnChange();
        if (m_enable->GetValue()) m_url->SetFocus();
    });
    for (wxTextCtrl* field : {m_url, m_model, m_key}) field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { OnChange(); });
    m_noKey->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { OnChange(); });
    m_timeout->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { OnChange(); });
    m_test->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { TestConnection(); });

    ShowMessage(m_testLine, wxString(), false);
    UpdateControls();
    Fit();
}

AiPreferencesPanel::~AiPreferencesPanel() {
    if (m_worker.joinable()) {
        m_cancel->cancel();
        m_worker.join();
    }
}

AiPreferences AiPreferencesPanel::GetPreferences() const {
    AiPreferences prefs;
    prefs.enabled = m_enable->GetValue();
    prefs.settings.base_url = ToUtf8(m_url->GetValue().Strip(wxString::both));
    prefs.settings.model = ToUtf8(m_model->GetValue().Strip(wxString::both));
    const wxString key = m_key->GetValue().Strip(wxString::both);
    prefs.settings.api_key = key.empty() ? m_environmentKey : ToUtf8(key);
    prefs.settings.send_api_key = !m_noKey->GetValue();
    prefs.settings.timeout_seconds = m_timeout->GetValue();
    return prefs;
}

bpm::result<> AiPreferencesPanel::CheckPreferences() const {
    const AiPreferences prefs = GetPreferences();
    // Switched off with nothing set up is a choice, not a mistake.
    if (!prefs.enabled && prefs.settings.base_url.empty() && prefs.settings.model.empty())
        return bpm::result<>::success();
    return bpm::validate_ai_settings(prefs.settings);
}

bool AiPreferencesPanel::Apply() {
    UpdateControls();
    const AiPreferences prefs = GetPreferences();
    const bool usable = bool(CheckPreferences());
    if (usable)
        SaveAiPreferences(m_config, prefs);
    else if (!prefs.enabled)
        m_config.Write(enabled_key, false);  // the user must be able to switch a broken service off
    else
        return false;
    if (m_onApply) m_onApply(LoadAiPreferences(m_config));
    return usable;
}

void AiPreferencesPanel::TestConnection() {
    if (m_testing || !CheckPreferences()) return;
    bpm::ai_settings settings = GetPreferences().settings;
    settings.max_retries = 0;  // a test reports what the service said first, without waiting to ask again
    m_cancel = std::make_unique<bpm::cancel_token>();
    m_testing = true;
    ShowMessage(m_testLine, _("Testing..."), false);
    UpdateControls();
    m_worker = std::thread([this, settings, cancel = m_cancel.get()] {
        bpm::chat_request request;
        // Words for the model, which the user never sees.
        request.messages = {{"user", "Reply with the single word OK."}};
        request.temperature = 0;
        const auto start = std::chrono::steady_clock::now();
        bpm::result<std::string> outcome;
        try {
            outcome = bpm::ai_client(settings).complete(request, {}, cancel);
        } catch (const std::exception& e) {
            // A failure of the test, shown as such, never the end of the program.
            outcome = bpm::result<std::string>::failure(std::string(e.what()));
        }
        const long ms = static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
        // The panel joins this thread before it goes, so it is still there to queue to.
        CallAfter([this, settings, outcome = std::move(outcome), ms] { FinishTest(settings, outcome, ms); });
    });
}

bool AiPreferencesPanel::Validate() {
    UpdateControls();
    return !m_enable->GetValue() || CheckPreferences();
}

bool AiPreferencesPanel::TransferDataFromWindow() {
    Apply();
    return true;
}

void AiPreferencesPanel::OnChange() {
    // An outcome says nothing about settings changed since.
    if (!m_testing) ShowMessage(m_testLine, wxString(), false);
    if (wxPreferencesEditor::ShouldApplyChangesImmediately())
        Apply();
    else
        UpdateControls();
}

void AiPreferencesPanel::UpdateControls() {
    const bool on = m_enable->GetValue();
    for (wxWindow* field : std::initializer_list<wxWindow*>{m_url, m_model, m_noKey, m_timeout}) field->Enable(on);
    m_key->Enable(on && !m_noKey->GetValue());
    // Shown as the user types, before any key is refused, so the choice of URL is an informed one.
    const bool inTheClear = bpm::sends_in_the_clear(GetPreferences().settings);
    if (m_urlWarning->IsShown() != inTheClear) {
        m_urlWarning->Show(inTheClear);
        GrowToFit();
    }
    const bpm::result<> usable = CheckPreferences();
    // TRANSLATORS: {1} says what is wrong with the AI service settings, "no AI model is set"
    ShowMessage(m_problem, usable ? wxString() : FormatText(_("Not saved: {1}."), usable.error()), true);
    m_test->Enable(on && usable && !m_testing);
}

void AiPreferencesPanel::ShowMessage(wxStaticText* line, const wxString& text, bool isError) {
    line->SetForegroundColour(isError ? *wxRED : GetForegroundColour());
    line->SetLabel(text);
    line->Wrap(m_wrapWidth);
    // A line is kept for each message, even an empty one, so that the page does not jump as
    // messages come and go; a longer message gets more.
    line->SetMinSize(wxSize(-1, std::max(GetCharHeight(), line->GetBestSize().y)));
    GrowToFit();
}

void AiPreferencesPanel::GrowToFit() {
    wxWindow* top = wxGetTopLevelParent(this);
    if (wxSizer* topSizer = top ? top->GetSizer() : nullptr) {
        const wxSize need = topSizer->GetMinSize(), have = top->GetClientSize();
        if (need.x > have.x || need.y > have.y) top->SetClientSize(std::max(need.x, have.x), std::max(need.y, have.y));
    }
    Layout();
}

void AiPreferencesPanel::FinishTest(const bpm::ai_settings& settings, const bpm::result<std::string>& outcome,
                                    long milliseconds) {
    m_worker.join();
    m_testing = false;
    if (outcome)
        ShowMessage(m_testLine,
                    // TRANSLATORS: "Connected to localhost:11434: model llama3.1 answered in 420 ms"
                    FormatText(_("Connected to {1}: model {2} answered in {3} ms"), bpm::ai_host(settings),
                               settings.model, milliseconds),
                    false);
    else
        ShowMessage(m_testLine, FormatText(_("The test failed: {1}"), outcome.error()), true);
    UpdateControls();
}
