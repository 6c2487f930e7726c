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
std::string nothing_to_export(const document& doc, const page_groups& groups) {
    if (groups.page_count() > 0) return {};
    return doc.personas.empty() ? _("The map has no personas to export.") : _("None of the chosen personas is in the map.");
}

// Lays the request's pages out a group at a time (a page of the overview, a persona's pages) and
// adds them to the writer, so that only one group's pages are in memory at once.
result<rendered_pdf> write_map_pdf(result<pdf_writer> writer, const document& doc, const map_pdf_request& request,
                                   const pdf_text_measurer& fonts) {
    if (!writer) return result<rendered_pdf>::failure_of(writer);
    // Counting lays the pages out; writing draws them, laying out again those not kept from
    // counting, about six times the work (bench_pdf, 200 personas: 170 ms, then 960 ms), so
    // counting is the first 15 %.
    result<page_groups> groups =
        page_groups::lay_out(doc, request.persona_ids, request.setup, fonts, progress_part(request.progress, 0, 150));
    if (!groups) return result<rendered_pdf>::failure_of(groups);
    if (std::string why = nothing_to_export(doc, *groups.value); !why.empty())
        return result<rendered_pdf>::failure(why);
    // With a password libqpdf then encrypts the file, a fifth of the whole (1,000 x 12: 1.5 s of 7.6).
    const std::size_t written = request.options.password.empty() ? 1000 : 800;
    const progress_fn writing = progress_part(request.progress, 150, written);
    for (std::size_t i = 0; i < groups.value->size(); ++i) {
        for (page& p : groups.value->group(i))
            if (result<> added = writer.value->add({std::move(p.picture), std::move(p.bookmark)}); !added)
                return result<rendered_pdf>::failure_of(added);
        // Cancelled, the writer goes unfinished: its temporary file is removed, the target untouched.
        if (!keep_going(writing, i + 1, groups.value->size())) return result<rendered_pdf>::cancelled();
    }
    return writer.value->finish(written < 1000 ? progress_part(request.progress, written, 1000) : progress_fn{});
}

}  // namespace

result<rendered_pdf> render_map_pdf(const document& doc, const map_pdf_request& request,
                                    const pdf_text_measurer& fonts) {
    return write_map_pdf(pdf_writer::to_memory(metadata_of(doc, request), request.options, fonts), doc, request, fonts);
}

result<std::vector<std::string>> export_map_pdf(const document& doc, const map_pdf_request& request,
                                                const pdf_text_measurer& fonts, const std::string& path) {
    result<rendered_pdf> pdf =
        write_map_pdf(pdf_writer::to_file(path, metadata_of(doc, request), request.options, fonts), doc, request, fonts);
    if (!pdf) return result<std::vector<std::string>>::failure_of(pdf);
    return result<std::vector<std::string>>::success(std::move(pdf.value->warnings));
}

}  // namespace bpm
