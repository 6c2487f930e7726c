#pragma once
// Checks on pictures of drawings as pixels: decode a PNG, and find text ink that falls outside
// the room the layout gave the text. Header-only; a suite that includes it links libpng (and
// Boost.Test, for picture_fonts).

#include <png.h>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "bpm/drawing.h"
#include "bpm/drawing_transform.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/model.h"
#include "bpm/pdf_export.h"
#include "test_support.h"

namespace bpm::test {

/// DejaVu Sans and its fallbacks, found once: the metrics pictures are laid out and drawn with.
inline const pdf_text_measurer& picture_fonts() {
    static const result<pdf_text_measurer> found = pdf_text_measurer::find();
    BOOST_TEST_REQUIRE(bool(found), found.error());
    return *found.value;
}

/// An 8-bit RGB image.
struct rgb_image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row by row, three bytes a pixel

    const std::uint8_t* at(int x, int y) const {
        return &pixels[3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x))];
    }
};

/// The PNG's pixels as RGB (alpha composed over white); an empty image when it is not a PNG.
inline rgb_image decode_png(const std::string& bytes) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return {};
    image.format = PNG_FORMAT_RGB;
    rgb_image out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.pixels.resize(PNG_IMAGE_SIZE(image));
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, out.pixels.data(), 0, nullptr)) return {};
    return out;
}

/// The drawing with its text left out.
inline draw::drawing without_text(const draw::drawing& d) {
    draw::drawing out;
    out.width = d.width;
    out.height = d.height;
    for (const draw::item& it : d.items)
        if (!std::holds_alternative<draw::text>(it)) out.items.push_back(it);
    return out;
}

/// The pixels where the picture with text and the one without differ (text ink) but that lie
/// outside every text's area, grown by reach units on each side for antialiasing and glyphs
/// that overhang a little; "" when there are none, else how many and where the first is.
inline std::string stray_text_ink(const rgb_image& with, const rgb_image& without, const draw::drawing& d,
                                  double scale, double reach = 1.5) {
    if (with.width != without.width || with.height != without.height || with.width == 0) return "sizes differ";
    std::vector<bool> room(static_cast<std::size_t>(with.width) * static_cast<std::size_t>(with.height));
    for (const draw::item& it : d.items) {
        const auto* t = std::get_if<draw::text>(&it);
        if (!t) continue;
        const int x0 = std::max(0, static_cast<int>(std::floor((t->area.x - reach) * scale)));
        const int y0 = std::max(0, static_cast<int>(std::floor((t->area.y - reach) * scale)));
        const int x1 = std::min(with.width, static_cast<int>(std::ceil((t->area.right() + reach) * scale)));
        const int y1 = std::min(with.height, static_cast<int>(std::ceil((t->area.bottom() + reach) * scale)));
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) room[static_cast<std::size_t>(y) * static_cast<std::size_t>(with.width) + x] = true;
    }
    std::size_t stray = 0;
    std::ostringstream first;
    for (int y = 0; y < with.height; ++y)
        for (int x = 0; x < with.width; ++x) {
            const std::uint8_t *a = with.at(x, y), *b = without.at(x, y);
            // A difference antialiasing alone could make is not ink.
            const int diff = std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
            if (diff <= 24 || room[static_cast<std::size_t>(y) * static_cast<std::size_t>(with.width) + x]) continue;
            if (stray++ == 0) first << "at (" << x / scale << ", " << y / scale << ") in units";
        }
    if (!stray) return {};
    std::ostringstream out;
    out << stray << " pixels of text ink outside the text's room, the first " << first.str();
    return out.str();
}

/// A persona whose texts run long: fields of several sentences, a word longer than a card, long
/// stage names and pain points, and many short stages whose timeline labels have little room.
inline persona long_text_persona() {
    persona p;
    p.id = "long";
    p.name = "Dr. Anna-Katharina Müller-Lüdenscheidt — Chief Procurement & Vendor Governance Officer";
    p.profile.role = "Chief Procurement Officer";
    p.profile.organisation = "A 40,000-employee industrial group with a central procurement office and regional buying teams";
    const std::string sentence = "Compares every vendor against the framework agreement, asks legal to review the data "
                                 "processing terms, and escalates anything above the regional approval limit. ";
    for (const char* title : {"Regulatory compliance & auditability of every purchasing decision in all regions",
                              "Budget", "Integration with SAP Ariba, Coupa and the in-house supplier portal"}) {
        pain_point pp;
        pp.text = title;
        pp.category = pain_category::process;
        p.pain_points.push_back(pp);
    }
    for (int i = 0; i < 9; ++i) {
        stage s;
        s.id = "s" + std::to_string(i);
        s.name = i % 3 == 0 ? "Internal stakeholder alignment and requirements consolidation" : "Review";
        s.buyer_actions = sentence + sentence + (i == 1 ? "https://procurement.example.com/frameworks/2026/"
                                                          "vendor-governance-and-data-processing-terms-annex-b"
                                                        : "");
        s.duration = i % 2 ? "1 day" : "12-18 months including the formal tender";
        s.key_influencers = "Legal, InfoSec, Works council, CFO, regional procurement leads (EMEA, APAC, Americas)";
        s.seller_actions = sentence;
        s.content_type = "Security questionnaire (SIG Lite), DPA, reference calls, TCO model";
        s.key_message = "Ünïcödé «quotes» & <angle brackets> stay text: " + sentence;
        p.stages.push_back(s);
    }
    return p;
}

/// The personas whose pictures the suites check: the eight of the sample, long texts, and
/// Hebrew and Arabic, Chinese and Japanese, and emoji (tests/data/09, 10 and 11).
inline std::vector<persona> picture_personas() {
    std::vector<persona> out = load_bpm(sample("nlyzer-b2b-personas.bpm")).value->personas;
    out.push_back(long_text_persona());
    for (const char* file : {"09-pdf-cjk-persona.json", "10-rtl-arabic-hebrew.json", "11-emoji-stage-names.json"}) {
        result<document> doc = load_json(data(file));
        for (persona& p : doc.value->personas) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace bpm::test
