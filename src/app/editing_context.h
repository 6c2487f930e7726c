#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include <wx/string.h>

#include "bpm/history.h"
#include "bpm/model.h"
#include "listener_list.h"

class BpmDocument;

/// What the editor works on: the map shown (or none), the selected persona and stage, and the
/// page of the main area. Each panel subscribes here once and hears both when the selection
/// moves and when the shown map changes (its history's notices, relayed), so nobody pushes a
/// document or a selection into a panel; a panel moves the selection by calling the setters.
class EditingContext {
public:
    /// The pages of the main area, in order.
    enum class Page { Persona, Stages, JourneyMap, Summary, Dashboard };

    /// What a notice is about; one notice may name several.
    enum Aspect : unsigned {
        /// Another map is shown (or none), or Revert replaced the shown one: everything a panel
        /// shows is stale. Always comes with PersonaChanged and StageChanged.
        DocumentChanged = 1u << 0,
        PersonaChanged = 1u << 1,
        StageChanged = 1u << 2,
        PageChanged = 1u << 3,
        /// The user asked to work in the page shown: its panel takes the keyboard focus.
        FocusRequested = 1u << 4,
        /// The shown map changed: Notice::edits holds the history's notice.
        Edited = 1u << 5,
        /// The summary the AI assistant is writing (not yet in the map) grew, or is done.
        SummaryDraftChanged = 1u << 6,
        /// The shown map became read-only or editable (CanEdit changed); its content did not.
        ReadOnlyChanged = 1u << 7,
    };

    /// What changed, told to every subscriber.
    struct Notice {
        unsigned aspects = 0;
        /// The history's notice when aspects has Edited, else null.
        const bpm::change_set* edits = nullptr;
        bool Has(Aspect aspect) const { return (aspects & aspect) != 0; }
    };
    using Listener = std::function<void(const Notice&)>;
    /// Keeps a listener subscribed for as long as it lives.
    using Subscription = ListenerList<const Notice&>::Registration;

    EditingContext() = default;
    EditingContext(const EditingContext&) = delete;
    EditingContext& operator=(const EditingContext&) = delete;
    ~EditingContext();

    /// Subscribes a listener; subscribers hear a notice in the order they subscribed.
    [[nodiscard]] Subscription Subscribe(Listener listener);

    /// The map shown, or null.
    BpmDocument* GetDocument() const { return m_doc; }
    /// True when a map is shown and may be edited (it is not open read-only).
    bool CanEdit() const;
    /// The id of the selected persona, "" for none.
    const std::string& GetPersonaId() const { return m_personaId; }
    /// The selected persona, or null.
    const bpm::persona* GetPersona() const;
    /// Its index in the map, or bpm::npos.
    std::size_t GetPersonaIndex() const;
    /// The id of the selected stage of the selected persona, "" for none.
    const std::string& GetStageId() const { return m_stageId; }
    /// The field of the selected stage that SelectStageField went to (the grid's cursor column),
    /// nullopt once the stage is selected otherwise.
    const std::optional<bpm::stage_field>& GetStageField() const { return m_stageField; }
    Page GetPage() const { return m_page; }
    /// The persona whose summary the AI assistant is writing, "" while it writes none.
    const std::string& GetSummaryDraftPersonaId() const { return m_draftPersonaId; }
    /// What it has written so far.
    const wxString& GetSummaryDraft() const { return m_draft; }

    /// Shows a map (null for none) at its first persona, on the Stages page.
    void ShowDocument(BpmDocument* doc);
    /// Selects a persona of the shown map ("" for none), after writing unfinished input into the
    /// map; an unknown id changes nothing.
    void SelectPersona(const std::string& personaId);
    /// Selects a stage of the selected persona ("" for none); an unknown id changes nothing.
    void SelectStage(const std::string& stageId);
    /// Selects a stage of the selected persona and one of its fields (a comment's jump-to): the
    /// grid puts its cursor on that cell, even when the stage was selected already.
    void SelectStageField(const std::string& stageId, bpm::stage_field field);
    /// Brings a page of the main area to the front.
    void ShowPage(Page page);
    /// Brings a page to the front and asks its panel to take the keyboard focus.
    void FocusPage(Page page);
    /// Writes unfinished input (an open grid cell editor) into the shown map.
    void CommitPendingEdits();
    /// The summary being written for a persona so far, shown until it is stored; "" ends it.
    void ShowSummaryDraft(const std::string& personaId, const wxString& draft);

private:
    // Tells the subscribers; a change made while they are being told is told after them, so
    // every subscriber hears the notices in the same order.
    void Notify(unsigned aspects);
    void OnHistoryChanges(const bpm::change_set& changes);
    // After Revert: the same persona and stage when they still exist, else the first persona.
    void KeepSelectionOfReplacedMap();
    // After an edit: a persona added is selected, a persona removed passes the selection on.
    void FollowEdits(const bpm::change_set& changes);

    ListenerList<const Notice&> m_listeners;
    BpmDocument* m_doc = nullptr;
    std::size_t m_historyToken = 0;
    std::string m_personaId;
    std::string m_stageId;
    std::optional<bpm::stage_field> m_stageField;
    Page m_page = Page::Stages;
    std::string m_draftPersonaId;
    wxString m_draft;
    unsigned m_pending = 0;
    bool m_notifying = false;
};
