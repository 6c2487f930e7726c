#pragma once
// What the language model does in the product: the AI summary, suggestions for a stage, a persona
// from interview notes, and answers to free questions. Every call blocks until the answer is in
// (run it on a worker thread with a copy of the persona) and never touches a document; the
// apply functions, called on the document's thread after the user accepts, make one undo step.

#include <cstddef>
#include <string>
#include <string_view>

#include "bpm/ai_client.h"
#include "bpm/ai_replies.h"
#include "bpm/history.h"
#include "bpm/model.h"

namespace bpm {

/// Longest interview notes or transcript sent to the model at once (100 KiB).
inline constexpr std::size_t max_notes_bytes = std::size_t(100) << 10;

/// The summary of p written by the model, streamed to on_token as it is written; trimmed and fit
/// to store as a field.
result<std::string> write_ai_summary(const ai_client& client, const persona& p, const token_callback& on_token = {},
                                     const cancel_token* cancel = nullptr);

/// Stores text as the persona's AI-written summary, stamped with the history's clock, as one undo
/// step; false when the persona is gone or the text is empty or too long for a field.
bool store_ai_summary(history& h, const std::string& persona_id, const std::string& text);

/// Asks the model for the seller actions, content type and key message of one stage of p. An
/// unusable answer is asked for once more, with what was wrong with it.
result<stage_suggestion> suggest_for_stage(const ai_client& client, const persona& p, std::string_view stage_id,
                                           const cancel_token* cancel = nullptr);

/// Writes an accepted suggestion into the stage's seller actions, content type and key message
/// as one undo step ("Apply Suggestion for Awareness"); false when the stage is gone or nothing
/// changes.
bool apply_suggestion(history& h, const std::string& persona_id, const std::string& stage_id,
                      const stage_suggestion& s);

/// Asks the model for the persona described by interview notes or a call transcript, for the
/// user to preview. Notes must be valid UTF-8 of at most max_notes_bytes; an answer that does
/// not fit the persona's shape is asked for once more, with what was wrong with it.
result<persona> persona_from_notes(const ai_client& client, std::string_view notes,
                                   const cancel_token* cancel = nullptr);

/// Adds a persona read from notes at the end of the map as one undo step, with fresh ids, in
/// progress, and a name no other persona has ("Marketing Director (2)"); returns its id.
std::string add_imported_persona(history& h, persona p);

/// The model's answer to a question the user typed in the chat (a message of kind free_question),
/// streamed to on_token; p is the persona being mapped (nullptr if none) and open_question the
/// interview's waiting question, both context for the model.
result<std::string> answer_free_question(const ai_client& client, const persona* p, std::string_view question,
                                         std::string_view open_question, const token_callback& on_token = {},
                                         const cancel_token* cancel = nullptr);

}  // namespace bpm
