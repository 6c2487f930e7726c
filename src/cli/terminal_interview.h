#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "bpm/interview.h"

namespace bpm::cli {

/// Prints the assistant's messages for a terminal: wrapped text, hints and choices under a
/// question, summaries indented.
void print_messages(const std::vector<message>& messages, std::ostream& out);

/// Answers a question the user asked the AI assistant (a free_question message) on out.
using free_question_handler = std::function<void(const std::string& question, std::ostream& out)>;

/// Runs the interview over in and out, one answer per line; echo repeats each answer after the
/// prompt, so a transcript read from a file shows both sides. Free questions go to
/// answer_question, then the open question is asked again. Returns true when the user said
/// they are done, false when the input ended first.
bool run_terminal_interview(interview& conversation, std::istream& in, std::ostream& out, bool echo,
                            const free_question_handler& answer_question = {});

}  // namespace bpm::cli
