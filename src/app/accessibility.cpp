#include "accessibility.h"

#include <wx/window.h>

#ifdef BPM_HAVE_GTK
#include <gtk/gtk.h>

#include "wx_string.h"
#endif

void SetAccessibleName(wxWindow* window, const wxString& name) {
    window->SetName(name);
#ifdef BPM_HAVE_GTK
    if (auto* widget = static_cast<GtkWidget*>(window->GetHandle()))
        if (AtkObject* accessible = gtk_widget_get_accessible(widget))
            atk_object_set_name(accessible, ToUtf8(name).c_str());
#endif
}

void KeepScrollBarsVisible(wxWindow* window) {
#ifdef BPM_HAVE_GTK
    if (auto* widget = static_cast<GtkWidget*>(window->GetHandle()); widget && GTK_IS_SCROLLED_WINDOW(widget))
        gtk_scrolled_window_set_overlay_scrolling(GTK_SCROLLED_WINDOW(widget), FALSE);
#else
    (void)window;
#endif
}
