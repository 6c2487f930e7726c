#define BOOST_TEST_MODULE pdf_font_file
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include "bpm/pdf_export.h"
#include "pdf_font_file.h"
#include "test_support.h"

using namespace bpm;

namespace {

// The program libharu's HPDF_TTFontDef_SaveFontData writes for font `index` of `path` with the
// glyphs that `flag` picks (besides glyph 0, which libharu always embeds), and the one
// subset_font_program makes from the same font.
void check_same_as_libharu(const std::string& path, unsigned index, bool (*flag)(unsigned glyph)) {
    BOOST_TEST_CONTEXT(path) {
        HPDF_Doc doc = HPDF_New(nullptr, nullptr);
        BOOST_TEST_REQUIRE(doc);
        const char* name = std::filesystem::path(path).extension() == ".ttc"
                               ? HPDF_LoadTTFontFromFile2(doc, path.c_str(), index, HPDF_TRUE)
                               : HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
        BOOST_TEST_REQUIRE(name);
        HPDF_FontDef def = HPDF_GetFontDef(doc, name);
        auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
        for (unsigned g = 1; g < attr->num_glyphs; ++g)
            if (flag(g)) attr->glyph_tbl.flgs[g] = 1;

        const std::string file = test::slurp(path);
        const auto read = [&](std::uint64_t offset, std::size_t length, std::string& out) {
            if (offset > file.size() || length > file.size() - offset) return false;
            out.append(file, offset, length);
            return true;
        };
        const std::optional<pdf_detail::font_program> ours = pdf_detail::subset_font_program(*attr, read);
        BOOST_TEST_REQUIRE(ours.has_value());

        HPDF_Stream theirs = HPDF_MemStream_New(doc->mmgr, 4096);
        BOOST_TEST_REQUIRE(HPDF_TTFontDef_SaveFontData(def, theirs) == HPDF_OK);
        std::string expected;
        for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(theirs); ++i) {
            HPDF_UINT length = 0;
            const HPDF_BYTE* bytes = HPDF_MemStream_GetBufPtr(theirs, i, &length);
            expected.append(reinterpret_cast<const char*>(bytes), length);
        }
        BOOST_TEST(ours->bytes.size() == expected.size());
        BOOST_TEST((ours->bytes == expected));
        BOOST_TEST(ours->length1 == attr->length1);
        HPDF_Stream_Free(theirs);
        HPDF_Free(doc);
    }
}

const pdf_font_files& dejavu() {
    static const result<pdf_text_measurer> found = pdf_text_measurer::find();
    BOOST_TEST_REQUIRE(bool(found), found.error());
    return found.value->files();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_subset_is_the_program_libharu_writes_byte_for_byte) {
    check_same_as_libharu(dejavu().regular, 0, [](unsigned g) { return g % 7 == 3 || (g >= 36 && g < 130); });
    check_same_as_libharu(dejavu().bold, 0, [](unsigned g) { return g % 11 == 0; });
}

BOOST_AUTO_TEST_CASE(no_glyph_and_every_glyph_make_the_same_programs_as_libharu) {
    check_same_as_libharu(dejavu().regular, 0, [](unsigned) { return false; });
    check_same_as_libharu(dejavu().regular, 0, [](unsigned) { return true; });
}

// A collection's tables sit at offsets past its first font's (fonts-wqy-microhei, which the PDF
// tests need as well).
BOOST_AUTO_TEST_CASE(a_font_of_a_collection_too) {
    const std::string wqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    if (!std::filesystem::exists(wqy)) {
        BOOST_TEST_MESSAGE("skipped: " << wqy << " is not installed (fonts-wqy-microhei)");
        return;
    }
    check_same_as_libharu(wqy, 1, [](unsigned g) { return g % 97 == 5; });
}
