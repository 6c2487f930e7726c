#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include <wx/docview.h>

#include "bpm/history.h"
#include "bpm/model.h"

/// The wxWidgets side of a buying process map: a thin adapter that owns the core document and
/// its one undo history. Every change goes through History(); whether the map is modified is
/// the history's answer (not a flag kept here), and the Edit menu reads the same history.
class BpmDocument : public wxDocument {
public:
    BpmDocument();
    ~BpmDocument() override;

    /// The map, for reading.
    const bpm::document& Model() const;
    /// The one undo history; submit edits here.
    bpm::history& History();
    const bpm::history& History() const;
    /// Submits an edit to the history; false when it does not apply.
    bool Submit(std::unique_ptr<bpm::edit> edit, bpm::merge how = bpm::merge::never);

    /// Registers a listener for the change notices of this document. Unlike subscribing to
    /// History() directly, the registration survives Revert, which replaces the history.
    std::size_t Subscribe(bpm::history::listener fn);
    /// Removes a listener.
    void Unsubscribe(std::size_t token);

    /// Asks every view to write unfinished input (an open grid cell editor) into the map.
    void CommitPendingEdits();

    bool IsModified() const override;
    void Modify(bool modified) override;
    bool OnNewDocument() override;
    bool OnSaveModified() override;
    bool Revert() override;

protected:
    bool DoOpenDocument(const wxString& file) override;
    bool DoSaveDocument(const wxString& file) override;
    wxCommandProcessor* OnCreateCommandProcessor() override;

private:
    struct Contents;

    void Replace(bpm::document model);
    void OnHistoryChanges(const bpm::change_set& changes);
    void UpdateTitle();

    std::unique_ptr<Contents> m_contents;
    std::vector<std::pair<std::size_t, bpm::history::listener>> m_listeners;
    std::size_t m_nextToken = 1;
    // Set when the user chose "Don't Save": the document is being closed and its changes are
    // forfeit, so wx must not ask again while it tears the views down.
    bool m_changesDiscarded = false;
    bool m_wasModified = false;

    wxDECLARE_DYNAMIC_CLASS(BpmDocument);
};

/// Keeps a listener registered with a document for as long as it lives (or until Reset).
class ChangeSubscription {
public:
    ChangeSubscription() = default;
    ChangeSubscription(const ChangeSubscription&) = delete;
    ChangeSubscription& operator=(const ChangeSubscription&) = delete;
    ~ChangeSubscription() { Reset(); }

    /// Listens to doc (nothing when doc is null), dropping any earlier registration.
    void Reset(BpmDocument* doc = nullptr, bpm::history::listener fn = {});

private:
    BpmDocument* m_doc = nullptr;
    std::size_t m_token = 0;
};

/// A new, empty map: the assistant's interview starts by asking for the first persona.
bpm::document NewMapContents();
