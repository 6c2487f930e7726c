#include "persona_status_ui.h"

#include <algorithm>

#include <wx/dc.h>
#include <wx/settings.h>

#include "bpm/completeness.h"
#include "wx_string.h"

namespace {

wxColour BadgeColour(const bpm::persona& p) {
    if (bpm::status_fit_of(p) != bpm::status_fit::agrees) return {198, 40, 40};
    return p.status == bpm::persona_status::completed ? wxColour(46, 125, 50) : wxColour(176, 106, 0);
}

wxColour Blend(const wxColour& a, const wxColour& b, double share_of_b) {
    const auto mix = [&](unsigned char x, unsigned char y) {
        return static_cast<unsigned char>(x + (y - x) * share_of_b);
    };
    return {mix(a.Red(), b.Red()), mix(a.Green(), b.Green()), mix(a.Blue(), b.Blue())};
}

}  // namespace

wxString StatusText(bpm::persona_status status) {
    return status == bpm::persona_status::completed ? _("Completed") : _("In progress");
}

wxString StatusBadgeText(const bpm::persona& p) {
    const wxString status = StatusText(p.status);
    return bpm::status_fit_of(p) == bpm::status_fit::agrees ? status : wxString(wxUniChar(0x26A0)) + " " + status;
}

wxString StatusDisagreement(const bpm::persona& p) {
    const bpm::field_count count = bpm::filled_stage_fields(p);
    switch (bpm::status_fit_of(p)) {
        case bpm::status_fit::agrees: return {};
        case bpm::status_fit::completed_with_gaps:
            if (count.total == 0) return _("Marked completed, but it has no buying stages yet.");
            // TRANSLATORS: {1} empty fields of {2}
            return FormatText(wxPLURAL("Marked completed, but {1} of its {2} stage fields is empty.",
                                       "Marked completed, but {1} of its {2} stage fields are empty.",
                                       count.total - count.filled),
                              count.total - count.filled, count.total);
        case bpm::status_fit::in_progress_but_full:
            return _("Every stage field is filled, but it is still marked in progress.");
    }
    return {};
}

wxSize MeasureStatusBadge(wxDC& dc, const wxString& text) {
    const wxSize extent = dc.GetTextExtent(text);
    return {extent.x + dc.GetCharHeight(), extent.y + dc.GetCharHeight() / 3};
}

void DrawStatusBadge(wxDC& dc, const wxPoint& at, const wxString& text, const bpm::persona& p, bool onSelection) {
    const wxSize size = MeasureStatusBadge(dc, text);
    const wxColour base = BadgeColour(p);
    const wxColour window = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    dc.SetPen(wxPen(onSelection ? window : Blend(window, base, 0.45)));
    dc.SetBrush(wxBrush(onSelection ? Blend(base, window, 0.15) : Blend(window, base, 0.12)));
    dc.DrawRoundedRectangle(wxRect(at, size), size.y / 2.0);
    dc.SetTextForeground(onSelection ? window : Blend(base, wxColour(0, 0, 0), 0.15));
    const wxSize extent = dc.GetTextExtent(text);
    dc.DrawText(text, at.x + (size.x - extent.x) / 2, at.y + (size.y - extent.y) / 2);
}

void DrawCompletenessBar(wxDC& dc, const wxRect& rect, int percent, bool onSelection) {
    const wxColour track = onSelection ? wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHTTEXT)
                                       : wxSystemSettings::GetColour(wxSYS_COLOUR_3DLIGHT);
    const wxColour fill = percent >= 100 ? wxColour(46, 125, 50) : wxColour(53, 132, 228);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(onSelection ? Blend(track, fill, 0.25) : track));
    dc.DrawRoundedRectangle(rect, rect.height / 2.0);
    const int filled = rect.width * std::clamp(percent, 0, 100) / 100;
    if (filled <= 0) return;
    dc.SetBrush(wxBrush(onSelection ? track : fill));
    dc.DrawRoundedRectangle(wxRect(rect.x, rect.y, std::max(filled, rect.height), rect.height), rect.height / 2.0);
}
