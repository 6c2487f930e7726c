#include "screenshot.h"

#include <wx/app.h>
#include <wx/dcclient.h>
#include <wx/dcscreen.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/stopwatch.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include "wx_string.h"

namespace {

// GTK maps the window, then sizes and paints it over several passes of the event loop; this
// long after the first one everything has settled, even for a large grid.
constexpr long settle_ms = 700;

}  // namespace

bpm::result<> SaveWindowScreenshot(wxTopLevelWindow* window, const wxString& path) {
    window->Layout();
    window->Refresh();
    wxStopWatch watch;
    while (watch.Time() < settle_ms) {
        wxYield();
        window->Update();
        wxMilliSleep(10);
    }
    // A window DC covers only the client area on GTK; the screen holds the whole window, menu
    // bar, toolbar and status bar included.
    const wxRect rect = window->GetScreenRect();
    wxBitmap bitmap(rect.GetSize(), 24);
    {
        wxMemoryDC memory(bitmap);
        wxScreenDC screen;
        if (!memory.Blit(0, 0, rect.width, rect.height, &screen, rect.x, rect.y))
            return bpm::result<>::failure(ToUtf8(_("Could not read the window's pixels.")));
    }
    if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG)) wxImage::AddHandler(new wxPNGHandler);
    if (!bitmap.ConvertToImage().SaveFile(path, wxBITMAP_TYPE_PNG))
        return bpm::result<>::failure(ToUtf8(FormatText(_("Could not write \"{1}\"."), path)));
    return bpm::result<>::success();
}
