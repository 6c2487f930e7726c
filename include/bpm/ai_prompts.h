#pragma once
// What the assistant asks the language model. The instructions are English, which models follow
// best; each asks for answers in the language of the user's data.

#include <string>
#include <string_view>

#include "bpm/ai_protocol.h"
#include "bpm/model.h"

namespace bpm {

/// The persona as plain text for a prompt: name, pain points with categories, profile, and each
/// stage's seven fields, every field cut to a few thousand bytes.
std::string persona_context(const persona& p);

/// Asks for the summary of p in the layout of the spec's Phase 5, followed by a short note on
/// how the seller's actions and content fit the buyer's.
chat_request summary_request(const persona& p);

/// Asks for seller actions, content type and key message for stage s of p, as the JSON object
/// {"seller_actions", "content_type", "key_message"}.
chat_request suggestion_request(const persona& p, const stage& s);

/// Asks for the persona described by interview notes or a call transcript, as a JSON object of
/// the shape persona_from_reply reads.
chat_request notes_request(std::string_view notes);

/// Asks the model to answer a question the user typed in the chat, with the persona being mapped
/// (nullptr before it has a name) and the interview's open question as context.
chat_request question_request(const persona* p, std::string_view question, std::string_view open_question);

/// request continued with the model's unusable answer and what was wrong with it, asking again.
chat_request retry_request(chat_request request, std::string_view answer, std::string_view problem);

}  // namespace bpm
