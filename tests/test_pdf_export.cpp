#define BOOST_TEST_MODULE pdf_export
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <optional>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "bpm/json_format.h"
#include "bpm/map_pdf.h"
#include "bpm/pdf_export.h"
#include "bpm/summary.h"
#include "bpm/utf8.h"
#include "test_support.h"

using namespace bpm;
namespace fs = std::filesystem;

namespace {

// The fonts of this machine, found once: loading them is the expensive part of a measurer.
const pdf_text_measurer& fonts() {
    static const result<pdf_text_measurer> found = pdf_text_measurer::find();
    BOOST_TEST_REQUIRE(bool(found), found.error());
    return *found.value;
}

// The same fonts without any fallback, whatever this machine has installed.
pdf_text_measurer fonts_without_fallbacks() {
    pdf_font_files files = fonts().files();
    files.cjk.clear();
    files.system_fallbacks = false;
    auto loaded = pdf_text_measurer::load(files);
    BOOST_TEST_REQUIRE(bool(loaded), loaded.error());
    return *loaded.value;
}

draw::text label(double x, double y, double w, std::vector<std::string> lines, double size = 12, bool bold = false,
                 draw::align a = draw::align::left, draw::colour ink = {20, 20, 20}) {
    return draw::text{{x, y, w, size * 1.25 * static_cast<double>(lines.size())}, std::move(lines),
                      draw::font{size, bold}, ink, a};
}

pdf_page a4_page(std::vector<draw::item> items, std::string bookmark = {}) {
    pdf_page p;
    p.picture.width = 842;
    p.picture.height = 595;
    p.picture.items = std::move(items);
    p.bookmark = std::move(bookmark);
    return p;
}

test::run_result tool(const char* program, const std::vector<std::string>& args) {
    return test::run_program(program, args);
}

std::string text_of(const std::string& pdf, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = extra;
    args.insert(args.end(), {"-enc", "UTF-8", pdf, "-"});
    const auto r = tool(BPM_PDFTOTEXT, args);
    BOOST_TEST(r.exit_code == 0, r.err);
    return r.out;
}

// Dark pixels of page `page` rendered in grey at `dpi`, read from pdftoppm's binary PGM; only
// those inside `within` (in points) when given.
std::size_t ink(const std::string& pdf, int page, int dpi, std::optional<draw::rect> within = std::nullopt) {
    test::temp_dir dir;
    const std::string prefix = dir.file("page");
    std::vector<std::string> args = {"-gray", "-r", std::to_string(dpi), "-f", std::to_string(page), "-l",
                                     std::to_string(page), "-singlefile"};
    if (within) {
        const auto px = [&](double pt) { return std::to_string(static_cast<long>(pt * dpi / 72)); };
        args.insert(args.end(), {"-x", px(within->x), "-y", px(within->y), "-W", px(within->w), "-H", px(within->h)});
    }
    args.insert(args.end(), {pdf, prefix});
    const auto r = tool(BPM_PDFTOPPM, args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const std::string pgm = test::slurp(prefix + ".pgm");
    std::istringstream header(pgm);
    std::string magic;
    int w = 0, h = 0, max = 0;
    header >> magic >> w >> h >> max;
    BOOST_TEST_REQUIRE(magic == "P5");
    const std::size_t pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    BOOST_TEST_REQUIRE(pgm.size() >= pixels);
    std::size_t dark = 0;
    for (std::size_t i = pgm.size() - pixels; i < pgm.size(); ++i) dark += static_cast<unsigned char>(pgm[i]) < 128;
    return dark;
}

// Word boxes from `pdftotext -bbox`: (word, xMin, xMax).
struct word_box {
    std::string word;
    double x_min = 0;
    double x_max = 0;
};

std::vector<word_box> word_boxes(const std::string& pdf) {
    const std::string html = text_of(pdf, {"-bbox"});
    std::vector<word_box> out;
    for (std::size_t at = html.find("<word "); at != std::string::npos; at = html.find("<word ", at + 1)) {
        const auto attr = [&](const char* name) {
            const std::size_t p = html.find(std::string(name) + "=\"", at) + std::string(name).size() + 2;
            return std::stod(html.substr(p, html.find('"', p) - p));
        };
        const std::size_t open = html.find('>', at) + 1;
        out.push_back({html.substr(open, html.find("</word>", open) - open), attr("xMin"), attr("xMax")});
    }
    return out;
}

// pdftotext puts right-to-left lines in logical order and marks its guess of each run's direction
// with U+202A..U+202C; the text without those marks.
std::string without_embeddings(std::string text) {
    for (const char* mark : {"\u202A", "\u202B", "\u202C"})
        for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark)) text.erase(at, 3);
    return text;
}

// A word as `pdftotext -bbox` gives it: in the order drawn, left to right.
std::string drawn_order(std::string_view word) {
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < word.size();) {
        const std::size_t next = next_char_start(word, i);
        chars.emplace_back(word.substr(i, next - i));
        i = next;
    }
    std::string out;
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
    return out;
}

const word_box* find_word(const std::vector<word_box>& boxes, const std::string& word) {
    for (const auto& b : boxes)
        if (b.word == word) return &b;
    return nullptr;
}

const std::vector<std::string> sample_strings = {
    "Maison Éclat", "Ελληνικά κείμενο", "Закупки", "Ёлка и ёж", "R&D \"quoted\" 'single' <angle>",
    "Straße – naïve – “curly” – 10 €",
};

// Three pages in two persona groups, using every kind of item.
std::vector<pdf_page> sample_pages() {
    std::vector<draw::item> first;
    first.push_back(draw::box{{36, 36, 770, 523}, {250, 248, 240}, {90, 90, 90}, 1.5, 12});
    double y = 60;
    for (const auto& s : sample_strings) {
        first.push_back(label(60, y, 700, {s}, 14));
        y += 30;
    }
    first.push_back(label(60, y, 700, {"Bold heading"}, 16, true));
    first.push_back(draw::line{{60, 400}, {300, 400}, {30, 60, 200}, 2, true});
    first.push_back(draw::box{{400, 380, 120, 60}, {200, 30, 30, 100}, {0, 0, 0, 0}, 1, 0});
    std::vector<pdf_page> pages;
    pages.push_back(a4_page(std::move(first), "Maison Éclat"));
    pages.push_back(a4_page({label(60, 60, 700, {"Second page of the first persona"})}));
    pages.push_back(a4_page({label(60, 60, 700, {"Закупки: отдел", "second line"}, 12, false, draw::align::centre)},
                            "Отдел закупок"));
    return pages;
}

pdf_metadata sample_metadata() { return {"Buying map — Maison Éclat", "Ana Müller", "Personas", "2026-11-21T09:06:52Z"}; }

std::string exported(const test::temp_dir& dir, const std::vector<pdf_page>& pages, const pdf_options& options = {},
                     const pdf_text_measurer& with = fonts()) {
    const std::string path = dir.file("map.pdf");
    const auto r = export_pdf(pages, sample_metadata(), options, with, path);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->empty());
    return path;
}

void set_font_dir(const char* value) {
    if (value)
        ::setenv("BPM_FONT_DIR", value, 1);
    else
        ::unsetenv("BPM_FONT_DIR");
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_measurer_follows_the_fonts_metrics) {
    const draw::font regular{10, false}, bold{10, true};
    const pdf_text_measurer& m = fonts();
    BOOST_TEST(m.width("WW", regular) > m.width("ii", regular));
    BOOST_TEST(m.width("Maison Éclat", bold) > m.width("Maison Éclat", regular));
    BOOST_TEST(m.width("Закупки", draw::font{30, false}) == 3 * m.width("Закупки", regular),
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(m.width("", regular) == 0);
    BOOST_TEST(m.width("a\tb\x01", regular) == m.width("ab", regular));
    // DejaVu Sans: 'W' is 2024/2048 em wide, which libharu truncates to 988/1000.
    BOOST_TEST(m.width("W", draw::font{1000, false}) == 988);
}

namespace {

// The PDF's widths without saying that they add up, so that wrapping measures every line whole,
// as it does on screen.
class whole_line_measurer final : public draw::text_measurer {
public:
    explicit whole_line_measurer(const draw::text_measurer& m) : m_(m) {}
    double width(std::string_view text, const draw::font& f) const override { return m_.width(text, f); }

private:
    const draw::text_measurer& m_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_widths_of_unshaped_text_add_up_character_by_character) {
    const pdf_text_measurer& m = fonts();
    const draw::font f{9.5, false};
    const auto units = [&](std::string_view text) { return m.advance_units(text, f).value(); };
    BOOST_TEST(units("Maison Éclat\tB2B") == units("Maison") + units(" ") + units("Éclat") + units("\tB2B"));
    BOOST_TEST(draw::advance_width(units("Maison Éclat"), f) == m.width("Maison Éclat", f));
    BOOST_TEST(units("") == 0u);
    // Right-to-left text is shaped as a whole: Arabic letters join, brackets mirror.
    BOOST_TEST(!m.advance_units("وفّر (ROI)", f));
    BOOST_TEST(!m.advance_units("CFO מנהלת", f));
}

BOOST_AUTO_TEST_CASE(wrapping_by_adding_up_word_widths_breaks_lines_where_measuring_whole_lines_does) {
    const pdf_text_measurer& m = fonts();
    const whole_line_measurer whole(m);
    const std::vector<std::string> texts = {
        "Looks for proof that the platform pays back within two quarters, ideally from a peer retailer",
        "Short\nlines  with   double spaces\r\nand a Supercalifragilisticexpialidociousness word",
        "Naïve café résumé — “quoted” façade, Закупки и внедрение, 2–3 weeks",
        "CFO and وفّر ROI (10%) מנהלת mixed", "", "   ", "x"};
    for (const draw::font f : {draw::font{9.5, false}, draw::font{12, true}})
        for (const std::string& text : texts) {
            // Every width that a run of the text's words measures exactly, where adding up with a
            // rounding would break elsewhere, and a sweep between.
            std::vector<double> widths;
            for (double w = -1; w <= 320; w += 0.75) widths.push_back(w);
            std::vector<std::size_t> cuts = {0, text.size()};
            for (std::size_t i = 0; i < text.size(); ++i)
                if (text[i] == ' ') cuts.push_back(i);
            for (const std::size_t from : cuts)
                for (const std::size_t to : cuts)
                    if (from < to) {
                        const double w = m.width(std::string_view(text).substr(from, to - from), f);
                        widths.insert(widths.end(), {w, std::nextafter(w, 0.0)});
                    }
            for (const double w : widths)
                for (const std::size_t max_lines : {std::size_t(0), std::size_t(2)})
                    BOOST_TEST(draw::wrap_text(text, w, f, m, max_lines) ==
                                   draw::wrap_text(text, w, f, whole, max_lines),
                               "\"" << text << "\" at " << w << ", at most " << max_lines << " lines");
        }
}

BOOST_AUTO_TEST_CASE(the_pdf_draws_text_exactly_as_wide_as_measured) {
    test::temp_dir dir;
    const draw::font f{14, false};
    std::vector<draw::item> items = {label(72, 100, 400, {"Закупки"}, 14),
                                     label(72, 140, 400, {"Maison"}, 14, false, draw::align::right),
                                     label(72, 180, 400, {"Éclat"}, 14, false, draw::align::centre)};
    const std::string path = exported(dir, {a4_page(std::move(items))});
    const auto boxes = word_boxes(path);
    const word_box* left = find_word(boxes, "Закупки");
    const word_box* right = find_word(boxes, "Maison");
    const word_box* centre = find_word(boxes, "Éclat");
    BOOST_TEST_REQUIRE((left && right && centre));
    const auto tol = boost::test_tools::tolerance(0.01);
    BOOST_TEST(left->x_min == 72.0, tol);
    BOOST_TEST(left->x_max - left->x_min == fonts().width("Закупки", f), tol);
    BOOST_TEST(right->x_max == 472.0, tol);
    BOOST_TEST(right->x_max - right->x_min == fonts().width("Maison", f), tol);
    BOOST_TEST((centre->x_min + centre->x_max) / 2 == 272.0, tol);
}

BOOST_AUTO_TEST_CASE(text_in_every_script_extracts_from_embedded_fonts) {
    test::temp_dir dir;
    const std::string path = exported(dir, sample_pages());
    const std::string text = text_of(path);
    for (const auto& s : sample_strings) BOOST_TEST(text.find(s) != std::string::npos, s);
    BOOST_TEST(text.find("Закупки: отдел") != std::string::npos);

    const auto listed = tool(BPM_PDFFONTS, {path});
    BOOST_TEST_REQUIRE(listed.exit_code == 0, listed.err);
    std::istringstream lines(listed.out);
    std::string row;
    int dejavu = 0;
    while (std::getline(lines, row)) {
        if (row.find("DejaVuSans") == std::string::npos) continue;
        ++dejavu;
        // name, type ("CID TrueType"), encoding, emb, sub, uni, object id
        std::istringstream cols(row);
        std::string name, type1, type2, encoding, emb;
        cols >> name >> type1 >> type2 >> encoding >> emb;
        BOOST_TEST(emb == "yes", row);
    }
    BOOST_TEST(dejavu == 2, listed.out);  // regular and bold
}

BOOST_AUTO_TEST_CASE(the_file_passes_qpdf_and_carries_its_metadata) {
    test::temp_dir dir;
    const std::string path = exported(dir, sample_pages());
    const auto check = tool(BPM_QPDF, {"--check", path});
    BOOST_TEST(check.exit_code == 0, check.out << check.err);

    const auto info = tool(BPM_PDFINFO, {"-rawdates", path});
    BOOST_TEST_REQUIRE(info.exit_code == 0, info.err);
    for (const char* line : {"Title:           Buying map — Maison Éclat", "Author:          Ana Müller",
                             "Subject:         Personas", "Creator:         Buying Process Mapper",
                             "CreationDate:    D:20261121090652Z", "Pages:           3", "Page size:       842 x 595 pts"})
        BOOST_TEST(info.out.find(line) != std::string::npos, line << "\n" << info.out);
}

BOOST_AUTO_TEST_CASE(a_map_on_paper_too_small_for_its_margins_exports_on_the_smallest_usable_pages) {
    const document d = test::rich_document();
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    map_pdf_request request;
    request.setup = {60, 40, 50, ""};  // smaller than its margins, and than one word a line
    const auto exported = export_map_pdf(d, request, fonts(), path);
    BOOST_TEST_REQUIRE(bool(exported), exported.error());
    BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
    const auto info = tool(BPM_PDFINFO, {path});
    BOOST_TEST(info.out.find("Page size:       144 x 144 pts") != std::string::npos, info.out);
    BOOST_TEST(text_of(path).find(d.personas.front().stages.front().name) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_page_has_its_own_size) {
    test::temp_dir dir;
    pdf_page letter = a4_page({label(60, 60, 400, {"US Letter, portrait"})});
    letter.picture.width = 612;
    letter.picture.height = 792;
    const std::string path = exported(dir, {a4_page({label(60, 60, 400, {"A4"})}), letter, a4_page({})});
    BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
    const auto info = tool(BPM_PDFINFO, {"-f", "1", "-l", "3", path});
    BOOST_TEST_REQUIRE(info.exit_code == 0, info.err);
    for (const char* line : {"Page    1 size:  842 x 595 pts", "Page    2 size:  612 x 792 pts", "Page    3 size:  842 x 595 pts"})
        BOOST_TEST(info.out.find(line) != std::string::npos, line << "\n" << info.out);
}

BOOST_AUTO_TEST_CASE(each_bookmark_opens_its_page_in_the_outline) {
    test::temp_dir dir;
    const std::string path = exported(dir, sample_pages());
    const auto r = tool(BPM_QPDF, {"--json", "--json-key=outlines", path});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const auto outlines = nlohmann::json::parse(r.out).at("outlines");
    BOOST_TEST_REQUIRE(outlines.size() == 2u);
    BOOST_TEST(outlines[0].at("title").get<std::string>() == "Maison Éclat");
    BOOST_TEST(outlines[0].at("destpageposfrom1").get<int>() == 1);
    BOOST_TEST(outlines[1].at("title").get<std::string>() == "Отдел закупок");
    BOOST_TEST(outlines[1].at("destpageposfrom1").get<int>() == 3);
}

BOOST_AUTO_TEST_CASE(a_map_pdf_warns_of_an_old_ai_summary_and_prints_a_template_one_as_the_map_is_now) {
    const document d = test::document_with_old_summaries();

    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    const auto r = export_map_pdf(d, {}, fonts(), path);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    std::string text;
    // Lines that wrapped join up again: the words are what matters.
    for (char c : text_of(path)) text += (c == '\n' || c == '\f') ? ' ' : c;
    BOOST_TEST(text.find("Written by AI on 2026-11-02 17:00 UTC") != std::string::npos);
    BOOST_TEST(text.find("Written before the last changes on 2026-11-12 14:20 UTC") != std::string::npos);
    BOOST_TEST(text.find("Duration: 9 weeks") != std::string::npos);
    BOOST_TEST(text.find("Duration: 1-2 weeks") == std::string::npos);
}

// With a password the last fifth is libqpdf's encryption, which tells its progress too and stops
// when asked.
BOOST_AUTO_TEST_CASE(a_protected_map_pdf_tells_its_encryption_and_a_cancel_there_leaves_the_old_file_alone) {
    const document d = test::rich_document();
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    map_pdf_request request;
    request.options.password = "s3cret";
    std::vector<std::size_t> told;
    request.progress = [&](std::size_t done, std::size_t) {
        told.push_back(done);
        return true;
    };
    BOOST_TEST_REQUIRE(bool(export_map_pdf(d, request, fonts(), path)));
    BOOST_TEST(std::is_sorted(told.begin(), told.end()));
    BOOST_TEST(std::count_if(told.begin(), told.end(), [](std::size_t t) { return t > 800 && t < 1000; }) > 0);
    BOOST_TEST(told.back() == 1000u);
    const std::string first = test::slurp(path);

    request.progress = [](std::size_t done, std::size_t) { return done <= 800; };
    const auto cancelled = export_map_pdf(d, request, fonts(), path);
    BOOST_TEST(cancelled.was_cancelled());
    BOOST_TEST(cancelled.problems.empty());
    BOOST_TEST(test::slurp(path) == first);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    BOOST_TEST(files == 1u);
}

BOOST_AUTO_TEST_CASE(a_map_pdf_tells_its_progress_and_a_cancel_leaves_the_old_file_alone) {
    const document d = test::rich_document();
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    std::vector<std::pair<std::size_t, std::size_t>> told;
    map_pdf_request request;
    request.progress = [&](std::size_t done, std::size_t total) {
        told.emplace_back(done, total);
        return true;
    };
    BOOST_TEST_REQUIRE(bool(export_map_pdf(d, request, fonts(), path)));
    // Once per persona as its pages are counted, then once per group written (the page of the
    // overview, each persona's pages), in thousandths rising to the whole.
    BOOST_TEST_REQUIRE(told.size() == 2 * d.personas.size() + 1);
    for (std::size_t i = 0; i < told.size(); ++i) {
        BOOST_TEST(told[i].second == 1000u);
        if (i > 0) BOOST_TEST(told[i].first > told[i - 1].first);
    }
    BOOST_TEST(told.back().first == 1000u);
    const std::string first = test::slurp(path);

    // Cancelled while the pages are written: no failure to show, and the earlier PDF as it was.
    std::size_t asked = 0;
    request.progress = [&](std::size_t, std::size_t) { return ++asked <= d.personas.size(); };
    const auto cancelled = export_map_pdf(d, request, fonts(), path);
    BOOST_TEST(!cancelled);
    BOOST_TEST(cancelled.was_cancelled());
    BOOST_TEST(cancelled.problems.empty());
    BOOST_TEST(test::slurp(path) == first);
    request.progress = [](std::size_t, std::size_t) { return false; };
    BOOST_TEST(export_map_pdf(d, request, fonts(), dir.file("new.pdf")).was_cancelled());
    BOOST_TEST(!std::filesystem::exists(dir.file("new.pdf")));
    // No temporary file is left beside them.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    BOOST_TEST(files == 1u);
}

BOOST_AUTO_TEST_CASE(the_first_page_renders_to_a_visible_image) {
    test::temp_dir dir;
    auto pages = sample_pages();
    pages.push_back(a4_page({}));
    const std::string path = exported(dir, pages);
    BOOST_TEST(ink(path, 1, 30) > 200u);
    BOOST_TEST(ink(path, 4, 30) == 0u);
}

// libharu 2.3.0 alone embeds only the diaeresis of Ё: the E inside it is a part of a part.
BOOST_AUTO_TEST_CASE(letters_built_from_nested_parts_print_whole) {
    test::temp_dir dir;
    const std::string path = exported(dir, {a4_page({label(100, 100, 600, {"Ё"}, 300)}),
                                            a4_page({label(100, 100, 600, {"Е"}, 300)})});
    BOOST_TEST(ink(path, 1, 20) > ink(path, 2, 20));
}

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

// What qpdf says of a protected file's encryption, opened with password.
std::string encryption_of(const std::string& path, const std::string& password) {
    const auto r = tool(BPM_QPDF, {"--show-encryption", "--password=" + password, path});
    BOOST_TEST(r.exit_code == 0, r.err);
    return r.out;
}

BOOST_AUTO_TEST_CASE(a_password_is_needed_to_open_a_protected_file) {
    test::temp_dir dir;
    const std::string path = exported(dir, sample_pages(), pdf_options{"s3cret pass!"});
    BOOST_TEST(tool(BPM_PDFTOTEXT, {path, "-"}).exit_code != 0);
    BOOST_TEST(tool(BPM_QPDF, {"--requires-password", path}).exit_code == 0);
    const std::string text = text_of(path, {"-upw", "s3cret pass!"});
    BOOST_TEST(text.find("Maison Éclat") != std::string::npos);
    const auto info = tool(BPM_PDFINFO, {"-upw", "s3cret pass!", path});
    BOOST_TEST(info.out.find("Encrypted:       yes") != std::string::npos, info.out);
    BOOST_TEST(info.out.find("Ana Müller") != std::string::npos, info.out);
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=s3cret pass!", path}).exit_code == 0);
    // Nothing readable without the key: neither the password nor the document information.
    const std::string bytes = test::slurp(path);
    BOOST_TEST(bytes.find("s3cret") == std::string::npos);
    BOOST_TEST(bytes.find("Ana M") == std::string::npos);
}

// AES-256 as PDF 2.0 defines it, letting readers print at full resolution and extract text
// (screen readers too), and nothing more; RC4 (revision 3) allowed neither.
BOOST_AUTO_TEST_CASE(a_protected_file_is_aes_256_and_allows_printing_and_copying) {
    test::temp_dir dir;
    const std::string out = encryption_of(exported(dir, sample_pages(), pdf_options{"s3cret"}), "s3cret");
    for (const char* line : {"R = 6\n", "Supplied password is user password\n", "extract for accessibility: allowed\n",
                             "extract for any purpose: allowed\n", "print high resolution: allowed\n",
                             "modify anything: not allowed\n", "stream encryption method: AESv3\n",
                             "string encryption method: AESv3\n", "file encryption method: AESv3\n"})
        BOOST_TEST(out.find(line) != std::string::npos, "no \"" << line << "\" in\n" << out);
}

BOOST_AUTO_TEST_CASE(any_script_makes_a_password) {
    for (const std::string& password : {std::string("pässwörd"), std::string("пароль для закупок"), std::string("采购密码"),
                                        std::string("סיסמה"), std::string("كلمة السر"), std::string(127, 'x'),
                                        repeated("密", 42)}) {
        BOOST_TEST(bool(check_pdf_password(password)), password << ": " << check_pdf_password(password).error());
    }
    // pdftotext's -upw keeps 32 bytes of the password (its own buffer, not poppler's limit).
    test::temp_dir dir;
    const std::string path = exported(dir, sample_pages(), pdf_options{"пароль закупок"});
    BOOST_TEST(text_of(path, {"-upw", "пароль закупок"}).find("Maison Éclat") != std::string::npos);
    BOOST_TEST(tool(BPM_PDFTOTEXT, {"-upw", "пароль", path, "-"}).exit_code != 0);
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=пароль закупок", path}).exit_code == 0);
    const std::string longest = exported(dir, sample_pages(), pdf_options{repeated("密", 42)});
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=" + repeated("密", 42), longest}).exit_code == 0);
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=" + repeated("密", 41), longest}).exit_code != 0);
}

// What PDF cannot store as typed is refused with a message that says what and where, and never
// quotes the password.
BOOST_AUTO_TEST_CASE(passwords_pdf_cannot_encode_are_refused_naming_the_problem) {
    const std::pair<std::string, std::string> cases[] = {
        {std::string(128, 'x'), "takes 128 bytes as UTF-8, and a PDF password holds at most 127"},
        {repeated("密", 43), "takes 129 bytes"},
        {"ok\xC3(", "not valid UTF-8"},
        {"tab\there", "character 4 of the password is a control character"},
        {"line\nbreak", "character 5 of the password is a control character"},
        {"pass\xC2\xA0word", "character 5 of the password would be read differently"},   // no-break space
        {"\xEF\xAC\x81nance", "character 1 of the password would be read differently"},  // the ligature fi
        {"soft\xC2\xADhyphen", "character 5 of the password would be read differently"},
        {"wide\xEF\xBC\xA1", "character 5 of the password would be read differently"},  // full-width A
        {"private\xEE\x80\x80", "character 8 of the password is one a PDF password may not hold"},
        {"lock\xF0\x9F\x94\x90", "character 5 of the password is newer than Unicode 3.2"},
        {"abc\xD7\x90\xD7\x91", "mixes right-to-left letters"},
        {"\xD7\x90\xD7\x91" "1", "must begin and end with one"},
        {"cafe\xCC\x81", "a letter and an accent typed apart"},
        {"", "the password is empty"},
    };
    for (const auto& [password, problem] : cases) {
        const auto checked = check_pdf_password(password);
        BOOST_TEST(!checked, password);
        BOOST_TEST(checked.error().find(problem) != std::string::npos, checked.error());
        if (password.empty()) continue;  // to the export, no password: not protected
        BOOST_TEST(checked.error().find(password) == std::string::npos);
        const auto r = render_pdf(sample_pages(), {}, pdf_options{password}, fonts());
        BOOST_TEST(!r);
        BOOST_TEST(r.error() == "cannot create the PDF: " + checked.error());
    }
}

BOOST_AUTO_TEST_CASE(cjk_text_without_a_cjk_font_becomes_question_marks_and_a_warning) {
    const pdf_text_measurer m = fonts_without_fallbacks();
    const draw::font f{12, false};
    BOOST_TEST(m.width("中文", f) == m.width("??", f));
    test::temp_dir dir;
    const std::string path = dir.file("cjk.pdf");
    const auto r = export_pdf({a4_page({label(60, 60, 600, {"中文 and 한국어 text"})})}, {}, {}, m, path);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_REQUIRE(r.value->size() == 1u);
    BOOST_TEST(r.value->front().find("中 (U+4E2D)") != std::string::npos, r.value->front());
    const std::string text = text_of(path);
    BOOST_TEST(text.find("?? and ??? text") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(other_characters_without_a_glyph_are_listed_in_a_warning) {
    const auto r = render_pdf({a4_page({label(60, 60, 600, {"Look \xF0\x9F\x94\x8D and \xE0\xA4\x85 \xFF"})})}, {}, {},
                              fonts_without_fallbacks());
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_REQUIRE(r.value->warnings.size() == 1u);
    const std::string& w = r.value->warnings.front();
    for (const char* part : {"U+1F50D", "U+0905", "invalid UTF-8"}) BOOST_TEST(w.find(part) != std::string::npos, w);
}

BOOST_AUTO_TEST_CASE(a_missing_character_is_named_once_however_many_pages_lack_it) {
    std::vector<pdf_page> pages;
    for (int i = 0; i < 5; ++i) pages.push_back(a4_page({label(60, 60, 600, {"Page \xF0\x9F\x94\x8D"})}));
    const auto r = render_pdf(pages, {}, {}, fonts_without_fallbacks());
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_REQUIRE(r.value->warnings.size() == 1u);
    const std::string& w = r.value->warnings.front();
    BOOST_TEST(w.find("U+1F50D") == w.rfind("U+1F50D"), w);
}

// The fallback fonts that ./dev.sh installs for the tests (fonts-wqy-microhei, fonts-symbola).
BOOST_AUTO_TEST_CASE(cjk_text_is_drawn_from_a_fallback_font_found_by_coverage) {
    test::temp_dir dir;
    const std::string path = exported(dir, {a4_page({label(60, 60, 600, {"中文 Maison"})})});
    BOOST_TEST(text_of(path).find("中文 Maison") != std::string::npos);
    const std::string fonts_listed = tool(BPM_PDFFONTS, {path}).out;
    BOOST_TEST(fonts_listed.find("WenQuanYiMicroHei") != std::string::npos,
               "no CJK font found: ./dev.sh installs fonts-wqy-microhei\n" << fonts_listed);
    BOOST_TEST(ink(path, 1, 72, draw::rect{60, 60, 30, 15}) > 30u);
    BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(an_emoji_past_the_bmp_prints_with_ink_and_extracts_as_itself) {
    test::temp_dir dir;
    const std::string path = exported(dir, {a4_page({label(60, 60, 600, {"\xF0\x9F\x94\x8D Research"})})});
    const std::string text = text_of(path);
    BOOST_TEST(text.find("\xF0\x9F\x94\x8D Research") != std::string::npos, text);
    BOOST_TEST(text.find('?') == std::string::npos, text);
    const std::string fonts_listed = tool(BPM_PDFFONTS, {path}).out;
    BOOST_TEST(fonts_listed.find("Symbola") != std::string::npos,
               "no symbol font found: ./dev.sh installs fonts-symbola\n" << fonts_listed);
    // The magnifying glass alone, left of "Research".
    const double glass = fonts().width("\xF0\x9F\x94\x8D", draw::font{12, false});
    BOOST_TEST(glass > 5);
    BOOST_TEST(ink(path, 1, 144, draw::rect{60, 60, glass, 15}) > 30u);
    BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_japanese_map_and_an_emoji_map_print_without_question_marks) {
    for (const char* name : {"09-pdf-cjk-persona.json", "11-emoji-stage-names.json"}) {
        const auto d = load_json(test::data(name));
        BOOST_TEST_REQUIRE(bool(d), d.error());
        test::temp_dir dir;
        const std::string path = dir.file("map.pdf");
        const auto r = export_map_pdf(*d.value, {}, fonts(), path);
        BOOST_TEST_REQUIRE(bool(r), r.error());
        const std::string text = text_of(path);
        for (const auto& s : {d.value->personas.front().name, d.value->personas.front().stages.front().name}) {
            // Joiners and variation selectors draw as nothing, so "👩‍💻" extracts as "👩💻".
            std::string shown;
            for (std::size_t i = 0; i < s.size();) {
                const std::size_t from = i;
                const char32_t cp = next_code_point(s, i);
                if (cp != 0x200D && cp != 0xFE0F) shown += s.substr(from, i - from);
            }
            BOOST_TEST(text.find(shown) != std::string::npos, shown << "\n" << text);
        }
        // Symbola 2.60 predates U+1F9EA (test tube); it alone may be missing, and is named.
        for (const std::string& w : *r.value) BOOST_TEST(w.find("U+1F9EA") != std::string::npos, w);
        BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
    }
}

BOOST_AUTO_TEST_CASE(hebrew_and_arabic_extract_in_logical_order_and_sit_at_the_right) {
    test::temp_dir dir;
    const std::string path = exported(dir, {a4_page({label(60, 60, 600, {"מנהלת שיווק"}), label(60, 100, 600, {"مديرة التسويق"}),
                                                      label(60, 140, 600, {"CFO مدير"})})});
    const std::string text = without_embeddings(text_of(path));
    for (const char* s : {"מנהלת שיווק", "مديرة التسويق"}) BOOST_TEST(text.find(s) != std::string::npos, s << "\n" << text);
    // Right-to-left lines end at the right of their area, the first word rightmost; the mixed
    // left-to-right one starts at the left, the Arabic word after "CFO".
    const auto boxes = word_boxes(path);
    const word_box* first = find_word(boxes, drawn_order("מנהלת"));
    const word_box* second = find_word(boxes, drawn_order("שיווק"));
    BOOST_TEST_REQUIRE((first && second));
    BOOST_TEST(first->x_max == 660, boost::test_tools::tolerance(1.0));
    BOOST_TEST(first->x_min > second->x_max);
    const word_box* cfo = find_word(boxes, "CFO");
    const word_box* manager = find_word(boxes, drawn_order("مدير"));
    BOOST_TEST_REQUIRE((cfo && manager));
    BOOST_TEST(cfo->x_min == 60, boost::test_tools::tolerance(1.0));
    BOOST_TEST(manager->x_min > cfo->x_max);
    // The ink agrees: the Arabic line has none in the left half of its area, plenty in the right.
    BOOST_TEST(ink(path, 1, 72, draw::rect{60, 100, 300, 15}) == 0u);
    BOOST_TEST(ink(path, 1, 72, draw::rect{360, 100, 300, 15}) > 50u);
}

BOOST_AUTO_TEST_CASE(arabic_is_drawn_joined) {
    // Joined letters are narrower than the same letters drawn apart, and the PDF draws them as measured.
    const pdf_text_measurer& m = fonts();
    const draw::font f{12, false};
    BOOST_TEST(m.width("مديرة", f) < m.width("م د ي ر ة", f) - 4 * m.width(" ", f));
    test::temp_dir dir;
    const std::string path = exported(dir, {a4_page({label(60, 60, 600, {"مديرة"}, 12, false, draw::align::right)})});
    const auto boxes = word_boxes(path);  // find_word points into it
    const word_box* w = find_word(boxes, drawn_order("مديرة"));
    BOOST_TEST_REQUIRE(w);
    BOOST_TEST(w->x_max - w->x_min == m.width("مديرة", f), boost::test_tools::tolerance(0.5));
}

BOOST_AUTO_TEST_CASE(a_right_to_left_map_prints_in_reading_order) {
    const auto d = load_json(test::data("10-rtl-arabic-hebrew.json"));
    BOOST_TEST_REQUIRE(bool(d), d.error());
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    const auto r = export_map_pdf(*d.value, {}, fonts(), path);
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST(r.value->empty());
    const std::string text = without_embeddings(text_of(path));
    for (const char* s : {"مديرة التسويق", "الميزانية محدودة", "ندوة عبر الإنترنت", "משווה שלוש הצעות מחיר"})
        BOOST_TEST(text.find(s) != std::string::npos, s << "\n" << text);
    const auto check = tool(BPM_QPDF, {"--check", path});
    BOOST_TEST(check.exit_code == 0, check.out);
    BOOST_TEST(check.err.empty(), check.err);
}

BOOST_AUTO_TEST_CASE(without_dejavu_sans_the_failure_says_what_to_install) {
    test::temp_dir empty;
    const auto none = pdf_text_measurer::find({empty.path().string()});
    BOOST_TEST_REQUIRE(!none);
    for (const std::string& part : {std::string("DejaVuSans.ttf"), empty.path().string(), std::string("fonts-dejavu-core"),
                                    std::string("BPM_FONT_DIR")})
        BOOST_TEST(none.error().find(part) != std::string::npos, none.error());

    const std::string fake = empty.file("DejaVuSans.ttf");
    test::spit(fake, "this is not a font");
    const auto broken = pdf_text_measurer::find({empty.path().string()});
    BOOST_TEST_REQUIRE(!broken);
    BOOST_TEST(broken.error().find(fake) != std::string::npos, broken.error());
}

BOOST_AUTO_TEST_CASE(bpm_font_dir_is_searched_first) {
    test::temp_dir dir;
    BOOST_TEST_REQUIRE(!fonts().files().bold.empty());
    fs::copy_file(fonts().files().regular, dir.file("DejaVuSans.ttf"));
    fs::copy_file(fonts().files().bold, dir.file("DejaVuSans-Bold.ttf"));
    const char* before = std::getenv("BPM_FONT_DIR");
    const std::string saved = before ? before : "";
    set_font_dir(dir.path().string().c_str());
    const auto folders = default_font_folders();
    const auto found = pdf_text_measurer::find();
    set_font_dir(before ? saved.c_str() : nullptr);
    BOOST_TEST_REQUIRE(!folders.empty());
    BOOST_TEST(folders.front() == dir.path().string());
    BOOST_TEST_REQUIRE(bool(found), found.error());
    BOOST_TEST(found.value->files().regular == dir.file("DejaVuSans.ttf"));
    BOOST_TEST(found.value->files().bold == dir.file("DejaVuSans-Bold.ttf"));
}

BOOST_AUTO_TEST_CASE(a_target_that_cannot_be_written_fails_naming_it_and_leaves_nothing) {
    test::temp_dir dir;
    test::spit(dir.file("not-a-folder"), "x");
    const std::string path = dir.file("not-a-folder") + "/map.pdf";
    const auto r = export_pdf(sample_pages(), sample_metadata(), {}, fonts(), path);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error().find(path) != std::string::npos, r.error());
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(a_failed_export_keeps_the_previous_file) {
    test::temp_dir dir;
    const std::string path = dir.file("map.pdf");
    test::spit(path, "previous export");
    auto pages = sample_pages();
    pages[1].picture.width = 0;
    const auto r = export_pdf(pages, sample_metadata(), {}, fonts(), path);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error().find("page 2") != std::string::npos, r.error());
    BOOST_TEST(test::slurp(path) == "previous export");
    BOOST_TEST(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(an_error_inside_libharu_is_reported_and_writes_nothing) {
    test::temp_dir dir;
    const std::string path = dir.file("huge.pdf");
    const auto r = export_pdf({a4_page({label(10, 10, 800, {"Huge"}, 700)})}, {}, {}, fonts(), path);
    BOOST_TEST_REQUIRE(!r);
    BOOST_TEST(r.error() == "cannot create the PDF: a text is larger than the 600 points a PDF font size can be");
    BOOST_TEST(!fs::exists(path));
}

BOOST_AUTO_TEST_CASE(malformed_input_is_refused_with_a_reason) {
    BOOST_TEST(render_pdf({}, {}, {}, fonts()).error().find("no pages") != std::string::npos);
    for (const char* date : {"21/11/2026", "2026-02-29T10:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T09:06:52+1",
                             "2026-11-21T09:06:60Z", "2026-11-21 09:06:52"}) {
        pdf_metadata m;
        m.created_at = date;
        const auto r = render_pdf(sample_pages(), m, {}, fonts());
        BOOST_TEST(r.error().find(date) != std::string::npos, date << ": " << r.error());
    }
}

BOOST_AUTO_TEST_CASE(dates_keep_their_time_zone) {
    pdf_metadata m;
    m.created_at = "2024-02-29T10:06:52.250+01:00";
    test::temp_dir dir;
    const std::string path = dir.file("tz.pdf");
    BOOST_TEST_REQUIRE(bool(export_pdf(sample_pages(), m, {}, fonts(), path)));
    const auto info = tool(BPM_PDFINFO, {"-rawdates", path});
    BOOST_TEST(info.out.find("D:20240229100652+01'00'") != std::string::npos, info.out);
}

// libharu alone stops at 32,767 pages: one /Kids array of its page tree holds no more.
BOOST_AUTO_TEST_CASE(a_pdf_may_have_more_pages_than_one_page_tree_node_holds) {
    test::temp_dir dir;
    const std::string path = dir.file("long.pdf");
    auto writer = pdf_writer::to_file(path, sample_metadata(), {}, fonts());
    BOOST_TEST_REQUIRE(bool(writer), writer.error());
    const std::size_t pages = 32'800;
    for (std::size_t i = 0; i < pages; ++i) {
        const auto added =
            writer.value->add(a4_page({label(60, 60, 300, {"Page " + std::to_string(i + 1)})}, i % 1000 ? "" : "Part"));
        BOOST_TEST_REQUIRE(bool(added), added.error());
    }
    BOOST_TEST(!fs::exists(path));  // not before it is finished
    const auto done = writer.value->finish();
    BOOST_TEST_REQUIRE(bool(done), done.error());
    BOOST_TEST(done.value->bytes.empty());
    BOOST_TEST(tool(BPM_QPDF, {"--check", path}).exit_code == 0);
    BOOST_TEST(tool(BPM_QPDF, {"--show-npages", path}).out == std::to_string(pages) + "\n");
    BOOST_TEST(text_of(path, {"-f", "32800", "-l", "32800"}).find("Page 32800") != std::string::npos);
}

// Past 16 MiB the unprotected pages wait for their encryption in a temporary file rather than in
// memory; the file written is protected all the same.
BOOST_AUTO_TEST_CASE(a_large_protected_pdf_opens_with_its_password) {
    test::temp_dir dir;
    const std::string path = dir.file("large.pdf");
    auto writer = pdf_writer::to_file(path, sample_metadata(), pdf_options{"s3cret"}, fonts());
    BOOST_TEST_REQUIRE(bool(writer), writer.error());
    // Lines of random letters from three alphabets deflate little: about 13 KB a page.
    std::mt19937 random(17);
    const std::u32string letters = U"abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщαβγδεζηθικλμνξοπρστυφχψω";
    const std::size_t pages = 1'400;
    for (std::size_t i = 0; i < pages; ++i) {
        std::vector<std::string> lines{"Page " + std::to_string(i + 1)};
        for (int l = 0; l < 75; ++l) {
            std::string line;
            for (int c = 0; c < 140; ++c) append_utf8(line, letters[random() % letters.size()]);
            lines.push_back(line);
        }
        const auto added = writer.value->add(a4_page({label(20, 20, 800, lines, 5)}));
        BOOST_TEST_REQUIRE(bool(added), added.error());
    }
    const auto done = writer.value->finish();
    BOOST_TEST_REQUIRE(bool(done), done.error());
    BOOST_TEST(fs::file_size(path) > (std::uintmax_t(17) << 20));
    BOOST_TEST(tool(BPM_PDFTOTEXT, {"-f", "1", "-l", "1", path, "-"}).exit_code != 0);
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=s3cret", path}).exit_code == 0);
    BOOST_TEST(encryption_of(path, "s3cret").find("R = 6\n") != std::string::npos);
    BOOST_TEST(text_of(path, {"-upw", "s3cret", "-f", "1400", "-l", "1400"}).find("Page 1400") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_protected_pdf_written_page_by_page_in_memory_opens_with_its_password) {
    auto writer = pdf_writer::to_memory(sample_metadata(), pdf_options{"s3cret"}, fonts());
    BOOST_TEST_REQUIRE(bool(writer), writer.error());
    for (const pdf_page& page : sample_pages()) BOOST_TEST_REQUIRE(bool(writer.value->add(page)));
    const auto done = writer.value->finish();
    BOOST_TEST_REQUIRE(bool(done), done.error());
    test::temp_dir dir;
    const std::string path = dir.file("memory.pdf");
    test::spit(path, done.value->bytes);
    BOOST_TEST(tool(BPM_QPDF, {"--check", "--password=s3cret", path}).exit_code == 0);
    BOOST_TEST(encryption_of(path, "s3cret").find("R = 6\n") != std::string::npos);
    BOOST_TEST(text_of(path, {"-upw", "s3cret"}).find("Maison Éclat") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(forty_busy_pages_render_quickly) {
    std::vector<pdf_page> pages;
    for (int p = 0; p < 40; ++p) {
        std::vector<draw::item> items;
        for (int i = 0; i < 200; ++i) {
            const double x = 36 + (i % 4) * 195, y = 36 + (i / 4) * 10.5;
            if (i % 10 == 0) items.push_back(draw::box{{x, y, 190, 10}, {240, 240, 250}, {120, 120, 160}, 0.5, 3});
            items.push_back(label(x, y, 190, {"Stage " + std::to_string(i) + ": Закупки, Éclat"}, 7, i % 5 == 0));
        }
        pages.push_back(a4_page(std::move(items), p % 5 == 0 ? "Persona " + std::to_string(p / 5) : ""));
    }
    const auto start = std::chrono::steady_clock::now();
    const auto r = render_pdf(pages, sample_metadata(), {}, fonts());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST_REQUIRE(bool(r), r.error());
    BOOST_TEST_MESSAGE("40 pages, 8,000 texts: " << ms << " ms, " << r.value->bytes.size() / 1024 << " KB");
    BOOST_TEST(ms < 5000);  // a guard against pathologies, not the budget: bench_pdf owns that
}
