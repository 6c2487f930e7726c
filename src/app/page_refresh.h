#pragma once

#include <functional>

#include "editing_context.h"

/// A page of the main area brought up to date only while it is in front: typing on one page pays
/// for no other page's text and layout, and a page held back catches up as it comes to the front.
/// Its panel asks for a refresh on every change it hears, and passes every notice on to Follow.
class PageRefresh {
public:
    /// Runs refresh for page when asked while page is in front, else once it comes to the front.
    PageRefresh(EditingContext& context, EditingContext::Page page, std::function<void()> refresh);

    /// Whether the page is the one in front.
    bool IsPageShown() const { return m_context.GetPage() == m_page; }
    /// Refreshes now when the page is in front, else once it comes to the front.
    void Request();
    /// Runs the refresh held back when the notice brings the page to the front.
    void Follow(const EditingContext::Notice& notice);

private:
    EditingContext& m_context;
    EditingContext::Page m_page;
    std::function<void()> m_refresh;
    bool m_pending = false;
};
