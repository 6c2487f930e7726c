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
            text << wxString::Format(_("Line %lu, column %lu: %s"), static_cast<unsigned long>(d.line),
                                     static_cast<unsigned long>(d.column), ToWx(d.message))
                 << '\n';
        else
            text << ToWx(d.message) << '\n';
    }
    if (problems.size() > shown_problems) {
        const unsigned long more = static_cast<unsigned long>(problems.size() - shown_problems);
        text << wxString::Format(wxPLURAL("... and %lu more problem.", "... and %lu more problems.", more), more);
    }
    return text.Trim();
}

}  // namespace

void ReportProblems(const Prompts& prompts, wxWindow* parent, const wxString& headline,
                    const std::vector<bpm::diagnostic>& problems) {
    prompts.reportProblem(parent, headline, ProblemList(problems));
}
