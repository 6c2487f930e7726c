#pragma once
// Internal to the PDF export. The embedded program of a TrueType font that libharu loaded, as
// libharu 2.3.0's HPDF_TTFontDef_SaveFontData writes it, byte for byte, reading each table and
// glyph once: SaveFontData copies the tables four bytes at a time through its file and memory
// streams, then reads them back as often to add them up, a fifth of the export's time.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <hpdf.h>
#include <hpdf_fontdef.h>

namespace bpm::pdf_detail {

/// A FontFile2 stream's bytes, undeflated, and its /Length1.
struct font_program {
    std::string bytes;
    std::size_t length1 = 0;
};

/// Appends `length` bytes of the font file from `offset` to `out`; false when the file has no
/// such bytes or cannot be read.
using font_file_reader = std::function<bool(std::uint64_t offset, std::size_t length, std::string& out)>;

/// The program of the font that `attr` describes, read from its file (also a .ttc collection,
/// whose table offsets attr holds) through `read`: its thirteen tables as SaveFontData chooses
/// them, the glyphs flagged in attr.glyph_tbl.flgs, the subset's tag before the family and full
/// names. Nothing when a read fails, where SaveFontData fails too.
std::optional<font_program> subset_font_program(const HPDF_TTFontDefAttr_Rec& attr, const font_file_reader& read);

}  // namespace bpm::pdf_detail
