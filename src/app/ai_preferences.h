#pragma once
// The AI assistant's settings as the editor keeps them, and the Preferences window that edits
// them. The API key lives in the user's settings store (a file only they can read) or in the
// environment; never in a map, an export, a log or a message.

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <wx/panel.h>
#include <wx/string.h>

#include "bpm/ai_client.h"
#include "bpm/ai_settings.h"

class wxButton;
class wxCheckBox;
class wxConfigBase;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;
class wxWindow;

/// Whether the assistant uses an AI service, and which.
struct AiPreferences {
    /// Switched on by the user (or, before they chose, by BPMAP_AI_URL and BPMAP_AI_MODEL).
    bool enabled = false;
    bpm::ai_settings settings;

    /// True when switched on and the settings are usable, so the assistant talks to the service.
    bool Active() const;
};

/// The saved preferences; what was never saved comes from the environment (BPMAP_AI_URL,
/// BPMAP_AI_MODEL, BPMAP_API_KEY or OPENAI_API_KEY, BPMAP_AI_TIMEOUT), so a service set up
/// there is on until the user switches it off.
AiPreferences LoadAiPreferences(wxConfigBase& config);

/// Saves the preferences; a key equal to the environment's is not copied into the store.
void SaveAiPreferences(wxConfigBase& config, const AiPreferences& prefs);

/// How many minutes the editor waits at least between two recovery copies of a map with unsaved
/// changes (0: it writes none); one unless the user chose otherwise.
int LoadAutosaveMinutes(wxConfigBase& config);
void SaveAutosaveMinutes(wxConfigBase& config, int minutes);

/// Shows the Preferences window with its General and AI Assistant pages (modeless where the
/// platform expects it); onApply receives the AI preferences and onAutosave the autosave
/// interval in minutes each time the user changes and saves them.
void ShowPreferences(wxWindow* parent, std::function<void(const AiPreferences&)> onApply,
                     std::function<void(int)> onAutosave);

/// Closes the Preferences window and forgets its onApply; called before the window that
/// showed it goes, so the page never calls into a destroyed frame.
void ClosePreferences();

/// The AI Assistant page of the Preferences window. Changes are checked as the user types and
/// saved when usable: at once where the platform's Preferences window applies changes
/// immediately (GTK, macOS), else when the user confirms the window.
class AiPreferencesPanel : public wxPanel {
public:
    /// Shows the preferences saved in config (which must outlive the panel); onApply receives
    /// them each time they are saved.
    AiPreferencesPanel(wxWindow* parent, wxConfigBase& config, std::function<void(const AiPreferences&)> onApply);
    /// Stops a running connection test and waits for its thread.
    ~AiPreferencesPanel() override;

    /// The preferences as the controls show them; an empty key field means the environment's key.
    AiPreferences GetPreferences() const;
    /// Whether the shown preferences can be saved, or why not.
    bpm::result<> CheckPreferences() const;
    /// Saves the shown preferences and passes them to onApply. False when they cannot be saved;
    /// switching the service off is saved even then.
    bool Apply();
    /// Asks the service for a one-word answer with the shown settings, on a worker thread; the
    /// outcome appears on the test line.
    void TestConnection();
    /// True from TestConnection until its outcome is shown.
    bool IsTesting() const { return m_testing; }

    /// For a Preferences window that waits for OK: false, showing why, while the service is
    /// switched on with unusable settings.
    bool Validate() override;
    /// For a Preferences window that waits for OK: saves the settings as Apply does.
    bool TransferDataFromWindow() override;

    /// The page's controls, for tests.
    wxCheckBox* GetEnableBox() const { return m_enable; }
    wxTextCtrl* GetUrlField() const { return m_url; }
    /// The warning under the URL, shown while it is plain http:// to another computer.
    wxStaticText* GetUrlWarning() const { return m_urlWarning; }
    wxTextCtrl* GetModelField() const { return m_model; }
    wxTextCtrl* GetKeyField() const { return m_key; }
    /// "Send no API key to this service", for a service that needs none.
    wxCheckBox* GetNoKeyBox() const { return m_noKey; }
    wxSpinCtrl* GetTimeoutField() const { return m_timeout; }
    wxButton* GetTestButton() const { return m_test; }
    /// The line saying why the settings are not saved.
    wxStaticText* GetProblemLine() const { return m_problem; }
    /// The line showing the outcome of the last connection test.
    wxStaticText* GetTestLine() const { return m_testLine; }

private:
    void OnChange();
    void UpdateControls();
    void ShowMessage(wxStaticText* line, const wxString& text, bool isError);
    void GrowToFit();  // makes the window big enough for a message or warning that appeared
    void FinishTest(const bpm::ai_settings& settings, const bpm::result<std::string>& outcome, long milliseconds);

    wxConfigBase& m_config;
    std::function<void(const AiPreferences&)> m_onApply;
    std::string m_environmentKey;  // the key from BPMAP_API_KEY or OPENAI_API_KEY, shown as an empty field
    wxCheckBox* m_enable = nullptr;
    wxTextCtrl* m_url = nullptr;
    wxStaticText* m_urlWarning = nullptr;
    wxTextCtrl* m_model = nullptr;
    wxTextCtrl* m_key = nullptr;
    wxCheckBox* m_noKey = nullptr;
    wxSpinCtrl* m_timeout = nullptr;
    wxStaticText* m_problem = nullptr;
    wxButton* m_test = nullptr;
    wxStaticText* m_testLine = nullptr;
    int m_wrapWidth = 0;  // messages wrap at the width of the fields
    bool m_testing = false;
    std::unique_ptr<bpm::cancel_token> m_cancel;
    std::thread m_worker;
};
