#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "bpm/history.h"
#include "bpm/interview.h"

namespace bpm::cli {

/// Prints the assistant's messages for a terminal: wrapped text, hints and choices under a
/// question, summaries indented.
void print_messages(const std::vector<message>& messages, std::ostream& out);

/// Answers a question the user asked the AI assistant (a free_question message) on out.
using free_question_handler = std::function<void(const std::string& question, std::ostream& out)>;

/// Answers a summary_request for the persona with this id: writes the summary, hands it to the
/// interview (provide_summary, summary_failed) and returns the interview's reply.
using summary_writer = std::function<std::vector<message>(const std::string& persona_id)>;

/// Answers summary requests at once with the offline template_summary; h and conversation must
/// outlive it.
summary_writer template_summary_writer(const history& h, interview& conversation);

/// Answers the save_request that comes when the user is done: saves the map, hands the outcome
/// to the interview (map_saved, map_not_saved) and returns the interview's reply.
using map_saver = std::function<std::vector<message>()>;

/// Runs the interview over in and out, one answer per line; echo repeats each answer after the
/// prompt, so a transcript read from a file shows both sides. Summary requests go to
/// write_summary and the save request to save_map; free questions go to answer_question, then
/// the open question is asked again. Returns true when the user said they are done, false when
/// the input ended first.
bool run_terminal_interview(interview& conversation, std::istream& in, std::ostream& out, bool echo,
                            const summary_writer& write_summary, const map_saver& save_map,
                            const free_question_handler& answer_question = {});

}  // namespace bpm::cli
