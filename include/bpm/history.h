#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bpm/edit.h"
#include "bpm/model.h"

namespace bpm {

/// How a submitted edit may join the step before it.
enum class merge {
    /// A step of its own; nothing merges into it.
    never,
    /// A keystroke in a text field: joins the previous step when that was typing in the same field.
    typing,
    /// The first keystroke since the text field took the focus: a new step that typing may extend.
    start_typing,
};

class batch;

/// The one undo history of a document: every change goes through submit, so undo, redo,
/// the unsaved-changes state and the views' notifications all agree.
class history {
public:
    /// Something that wants to hear about each step done, undone or redone.
    using listener = std::function<void(const change_set&)>;

    /// A history over doc, which must outlive it.
    explicit history(document& doc);
    history(const history&) = delete;
    history& operator=(const history&) = delete;

    /// The document, for reading.
    const document& doc() const { return doc_; }

    /// Applies an edit as a new step. With merge::typing it extends the previous step instead when
    /// that was also typing (or start_typing) in the same field, with no save, undo or redo since.
    /// Returns false, changing nothing, when the edit does not apply, a batch is open or the
    /// document is read-only. Clears the redo steps.
    bool submit(std::unique_ptr<edit> e, merge how = merge::never);

    /// Whether undo would do something; never while a batch is open or the document is read-only.
    bool can_undo() const { return !batch_ && !read_only_ && done_ > 0; }
    /// Whether redo would do something; never while a batch is open or the document is read-only.
    bool can_redo() const { return !batch_ && !read_only_ && done_ < steps_.size(); }
    /// Undoes the last step; false when there is none, a batch is open or the document is read-only.
    bool undo();
    /// Redoes the last undone step; false when there is none, a batch is open or it is read-only.
    bool redo();
    /// "Undo Edit Duration of Awareness", or "" when there is nothing to undo.
    std::string undo_label() const;
    /// "Redo Edit Duration of Awareness", or "" when there is nothing to redo.
    std::string redo_label() const;
    /// "Edit Duration of Awareness": what undo would take back, or "".
    std::string undo_description() const;
    /// What redo would do again, or "".
    std::string redo_description() const;

    /// Replaces the whole document (revert, reload from disk, a recovered copy): the steps are
    /// dropped, the document is clean unless it differs from its file (a recovered copy: then it
    /// stays unsaved until mark_clean), and listeners hear one change of kind document_replaced.
    /// Refused (false) while a batch is open.
    bool replace_document(document replacement, bool matches_file = true);

    /// Makes the document read-only (someone else is editing its file, or it cannot be written) or
    /// editable again. While it is read-only every edit is refused here, whichever control or
    /// command it comes from: submit, batches, undo and redo; replace_document still reloads it.
    /// When the state changes, listeners hear one change of kind read_only_changed.
    void set_read_only(bool read_only);
    /// True while the document is read-only.
    bool read_only() const { return read_only_; }

    /// Records that the document now matches its file (just saved or loaded).
    void mark_clean();
    /// Records that no state of the history matches the file any more (it changed on disk and
    /// was merged in): the document stays unsaved whatever is undone or redone, until mark_clean.
    void mark_unsaved() { clean_ = npos; }
    /// True when the document matches its file: no steps since mark_clean, or undone back to it.
    bool is_clean() const { return clean_ == done_; }

    /// Registers a listener; returns a token for unsubscribe.
    std::size_t subscribe(listener fn);
    /// Removes a listener.
    void unsubscribe(std::size_t token);

    /// Sets where timestamps come from (tests make them fixed); the default is now_iso8601.
    void set_clock(std::function<std::string()> clock) { clock_ = std::move(clock); }
    /// The current time from that clock, so everything stamped through this history agrees.
    std::string now() const { return clock_(); }

    /// Steps that can be undone or redone, for measuring.
    std::size_t size() const { return steps_.size(); }
    /// Bytes the history keeps for its steps, for measuring.
    std::size_t memory_bytes() const;

private:
    friend class batch;

    // One step: its edit (a batch's edits are one) and where its stamps start in stamps_; they end
    // where the next step's start. Labels are the edits' own, made when shown.
    struct step {
        std::unique_ptr<edit> change;
        std::size_t first_stamp;
    };
    // last_updated_at of a persona a step touched, before and after it; each an index in strings_.
    struct persona_stamp {
        std::uint32_t persona, before, after;
    };

    /// Sets last_updated_at of each persona whose content the changes touched (not for status,
    /// summary or order), remembering the stamps before and after in stamps_ from first on.
    void stamp(std::size_t first, const change_set& changes);
    /// Puts back the stamps of steps_[index] as they were before it, or after it.
    void restore_stamps(std::size_t index, bool after);
    void record(std::unique_ptr<edit> e, const change_set& changes);
    void notify(const change_set& changes);
    /// The index in strings_ of text, added when new.
    std::uint32_t intern(const std::string& text);

    document& doc_;
    std::vector<step> steps_;
    std::vector<persona_stamp> stamps_;  // of every step, in step order
    // Persona ids and stamps, each kept once however many steps name it.
    std::unordered_map<std::string, std::uint32_t> string_index_;
    std::vector<const std::string*> strings_;  // the keys of string_index_, by their index
    std::size_t done_ = 0;
    std::size_t clean_ = 0;  // value of done_ that matches the file; npos when unreachable
    bool typing_ = false;  // the last step was typing and nothing has happened since
    bool read_only_ = false;
    batch* batch_ = nullptr;
    std::vector<std::pair<std::size_t, listener>> listeners_;
    std::size_t next_token_ = 1;
    std::function<std::string()> clock_;
};

/// Several edits made into one undo step with one change notice, as KiCad's commit: submit the
/// edits, then push. Destroyed without push, it reverts what it applied, records nothing and
/// tells nobody. While it is open the history refuses everything else, so nothing can interleave.
/// On a read-only history it never opens, and refuses every edit.
class batch {
public:
    /// Opens a batch on h, labelled for the Edit menu ("Paste"). When h already has an open batch,
    /// this one refuses every edit.
    batch(history& h, std::string label);
    batch(const batch&) = delete;
    batch& operator=(const batch&) = delete;
    /// Reverts, in reverse order, whatever was applied and not pushed.
    ~batch();

    /// The document as the edits so far have left it.
    const document& doc() const { return h_.doc(); }

    /// Applies an edit at once, so later edits see it (a new stage's id, say). Returns false,
    /// changing nothing, when it does not apply or the batch is not open.
    bool submit(std::unique_ptr<edit> e);
    /// Records the applied edits as one step and tells the listeners once; records nothing when
    /// none applied. Closes the batch.
    void push();

private:
    bool open() const { return h_.batch_ == this; }

    history& h_;
    std::string label_;
    std::vector<std::unique_ptr<edit>> edits_;
    change_set changes_;
};

/// Adds the standard stages (Awareness, Consideration, Decision) at the end of a persona's
/// stages, as part of b. Returns false when the persona does not exist.
bool apply_standard_stages(batch& b, const std::string& persona_id);
/// The same as one undo step of its own.
bool apply_standard_stages(history& h, const std::string& persona_id);

}  // namespace bpm
