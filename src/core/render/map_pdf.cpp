#include "bpm/map_pdf.h"

#include "bpm/tr.h"

namespace bpm {

namespace {

pdf_metadata metadata_of(const document& doc, const map_pdf_request& request) {
    pdf_metadata m;
    m.title = doc.metadata.title;
    // A PDF of one persona is about that persona; readers show the title in their window.
    if (request.persona_ids.size() == 1) {
        if (const persona* p = doc.persona_by_id(request.persona_ids.front()))
            m.title = m.title.empty() ? p->name : m.title + " \u2014 " + p->name;
    }
    if (m.title.empty()) m.title = _("Buying Process Map");
    m.author = doc.metadata.created_by;
    m.subject = _("Buying process map: buyer personas and their buying stages");
    m.created_at = request.created_at.empty() ? now_iso8601() : request.created_at;
    return m;
}

}  // namespace

std::vector<pdf_page> map_pdf_pages(const document& doc, const map_pdf_request& request,
                                    const pdf_text_measurer& fonts) {
    std::vector<pdf_page> pages;
    for (page& p : layout_pages(doc, request.persona_ids, request.setup, fonts))
        pages.push_back({std::move(p.picture), std::move(p.bookmark)});
    return pages;
}

namespace {

// Why there are no pages to export, or "" when there are.
std::string nothing_to_export(const document& doc, const std::vector<pdf_page>& pages) {
    if (!pages.empty()) return {};
    return doc.personas.empty() ? _("The map has no personas to export.") : _("None of the chosen personas is in the map.");
}

}  // namespace

result<rendered_pdf> render_map_pdf(const document& doc, const map_pdf_request& request,
                                    const pdf_text_measurer& fonts) {
    const std::vector<pdf_page> pages = map_pdf_pages(doc, request, fonts);
    if (std::string why = nothing_to_export(doc, pages); !why.empty()) return result<rendered_pdf>::failure(diagnostic{why});
    return render_pdf(pages, metadata_of(doc, request), request.options, fonts);
}

result<std::vector<std::string>> export_map_pdf(const document& doc, const map_pdf_request& request,
                                                const pdf_text_measurer& fonts, const std::string& path) {
    const std::vector<pdf_page> pages = map_pdf_pages(doc, request, fonts);
    if (std::string why = nothing_to_export(doc, pages); !why.empty())
        return result<std::vector<std::string>>::failure(diagnostic{why});
    return export_pdf(pages, metadata_of(doc, request), request.options, fonts, path);
}

}  // namespace bpm
