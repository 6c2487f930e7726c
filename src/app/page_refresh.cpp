#include "page_refresh.h"

#include <utility>

PageRefresh::PageRefresh(EditingContext& context, EditingContext::Page page, std::function<void()> refresh)
    : m_context(context), m_page(page), m_refresh(std::move(refresh)) {}

void PageRefresh::Request() {
    m_pending = !IsPageShown();
    if (!m_pending) m_refresh();
}

void PageRefresh::Follow(const EditingContext::Notice& notice) {
    if (m_pending && notice.Has(EditingContext::PageChanged) && IsPageShown()) Request();
}
