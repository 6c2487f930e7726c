#include "diagnostic_ui.h"

#include <wx/translation.h>

#include "wx_string.h"

namespace {

// At most this many problems are listed in the dialog; the rest are counted.
constexpr std::size_t shown_problems = 12;

wxString ProblemList(const std::vector<bpm::diagnostic>& problems) {
    wxString text;
    for (std::size_t i = 0; i < problems.size() && i < shown_problems; ++i) {
        const bpm::diagnostic& d = problems[i];
        if (d.line > 0)
            // TRANSLATORS: one problem in a file: line, column, message
            text << FormatText(_("Line {1}, column {2}: {3}"), d.line, d.column, d.message)
                 << '\n';
        else
            text << ToWx(d.message) << '\n';
    }
    if (problems.size() > shown_problems) {
        const unsigned long more = static_cast<unsigned long>(problems.size() - shown_problems);
        text << FormatText(wxPLURAL("... and {1} more problem.", "... and {1} more problems.", more), more);
    }
    return text.Trim();
}

}  // namespace

void ReportProblems(const Prompts& prompts, wxWindow* parent, const wxString& headline,
                    const std::vector<bpm::diagnostic>& problems) {
    prompts.reportProblem(parent, headline, ProblemList(problems));
}
