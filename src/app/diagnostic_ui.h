#pragma once
// The editor's one way to tell the user that something failed: a headline and the result's
// problems, through the prompts of whoever asks (dialogs, or a test's script).

#include <vector>

#include <wx/string.h>

#include "bpm/diagnostic.h"
#include "prompts.h"

class wxWindow;

/// Reports problems under headline ("Could not open \"map.bpm\".") over parent: one a line, with
/// their line and column when they have one; at most a dozen, then how many more.
void ReportProblems(const Prompts& prompts, wxWindow* parent, const wxString& headline, const std::vector<bpm::diagnostic>& problems);

/// Reports outcome under headline when it failed; a success or a cancellation shows nothing.
/// True when outcome succeeded.
template <class T>
bool ReportFailure(const Prompts& prompts, wxWindow* parent, const wxString& headline, const bpm::result<T>& outcome) {
    if (!outcome && !outcome.was_cancelled()) ReportProblems(prompts, parent, headline, outcome.problems);
    return bool(outcome);
}
