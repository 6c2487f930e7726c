#pragma once
// The --ai option of bpmap-cli: the AI assistant set up from the environment, AI summaries, and
// summaries and answers to free questions in the terminal interview.

#include <iosfwd>
#include <optional>
#include <vector>

#include "bpm/ai_client.h"
#include "bpm/history.h"
#include "bpm/interview.h"
#include "terminal_interview.h"

namespace bpm::cli {

/// The AI settings from BPMAP_AI_URL, BPMAP_AI_MODEL, BPMAP_API_KEY (or OPENAI_API_KEY) and
/// BPMAP_AI_TIMEOUT, sending the key unless send_api_key is false (--no-api-key); nullopt, after
/// a one-line warning on err, when they are missing or unusable.
std::optional<ai_settings> ai_settings_for_cli(std::ostream& err, bool send_api_key);

/// Prints the summary of each persona as the model writes it, streamed when stream is true; a
/// persona the model fails for gets the template summary and a warning on err, and so do the
/// ones after it, without asking the model again.
void print_ai_summaries(const ai_client& client, const std::vector<const persona*>& personas, std::ostream& out,
                        std::ostream& err, bool stream);

/// Answers the terminal interview's summary requests with the model's summary, or with the offline
/// summary and the reason when the model fails; client, h and conversation must outlive it.
summary_writer ai_summary_writer(const ai_client& client, const history& h, interview& conversation);

/// Answers the terminal interview's free questions with the model, streaming the answer, with the
/// persona being mapped and the open question as context; h and conversation must outlive it.
free_question_handler ai_question_answerer(const ai_client& client, const history& h, const interview& conversation);

}  // namespace bpm::cli
