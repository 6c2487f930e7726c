#include "pdf_font_file.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace bpm::pdf_detail {

namespace {

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v >> 8 & 0xFF);
    out += static_cast<char>(v & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v >> 16);
    put16(out, v & 0xFFFF);
}

// The sum of the big-endian words of `s`, the last one padded with zeros.
std::uint32_t sum_words(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::uint32_t sum = 0;
    std::size_t k = 0;
    for (; k + 4 <= s.size(); k += 4)
        sum += std::uint32_t(p[k]) << 24 | std::uint32_t(p[k + 1]) << 16 | std::uint32_t(p[k + 2]) << 8 | p[k + 3];
    for (std::size_t i = 0; k + i < s.size(); ++i) sum += std::uint32_t(p[k + i]) << (24 - 8 * i);
    return sum;
}

// In SaveFontData's order; a table the font lacks is written empty.
constexpr std::array<const char*, 13> tags = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                              "hmtx", "loca", "maxp", "name", "post", "prep"};

const HPDF_TTFTable* find_table(const HPDF_TTFontDefAttr_Rec& attr, const char* tag) {
    for (HPDF_UINT i = 0; i < attr.offset_tbl.num_tables; ++i)
        if (std::memcmp(attr.offset_tbl.table[i].tag, tag, 4) == 0) return &attr.offset_tbl.table[i];
    return nullptr;
}

// The head table as libharu read it, checkSumAdjustment 0 until the whole font is added up.
void write_head(std::string& out, const HPDF_TTF_FontHeader& h) {
    out.append(reinterpret_cast<const char*>(h.version_number), 4);
    put32(out, h.font_revision);
    put32(out, 0);
    put32(out, h.magic_number);
    put16(out, h.flags);
    put16(out, h.units_per_em);
    out.append(reinterpret_cast<const char*>(h.created), 8);
    out.append(reinterpret_cast<const char*>(h.modified), 8);
    for (const std::int16_t v : {h.x_min, h.y_min, h.x_max, h.y_max}) put16(out, static_cast<std::uint16_t>(v));
    put16(out, h.mac_style);
    put16(out, h.lowest_rec_ppem);
    for (const std::int16_t v : {h.font_direction_hint, h.index_to_loc_format, h.glyph_data_format})
        put16(out, static_cast<std::uint16_t>(v));
}

// The flagged glyphs one after the other, and their offsets for loca (halved for a short loca);
// an unflagged glyph is empty.
bool write_glyphs(std::string& out, const HPDF_TTFontDefAttr_Rec& attr, const font_file_reader& read,
                  std::vector<std::uint32_t>& offsets) {
    const bool short_loca = attr.header.index_to_loc_format == 0;
    const std::size_t start = out.size();
    std::uint32_t saved = 0;
    offsets.assign(std::size_t(attr.num_glyphs) + 1, 0);
    for (std::size_t g = 0; g < attr.num_glyphs; ++g) {
        if (attr.glyph_tbl.flgs[g] != 1) {
            offsets[g] = saved;
            continue;
        }
        const std::uint32_t from = attr.glyph_tbl.offsets[g], to = attr.glyph_tbl.offsets[g + 1];
        if (to < from) return false;
        const std::uint64_t scale = short_loca ? 2 : 1;
        const std::uint64_t offset = attr.glyph_tbl.base_offset + scale * from, length = scale * (to - from);
        offsets[g] = static_cast<std::uint32_t>((out.size() - start) / scale);
        if (!read(offset, length, out)) return false;
        saved = static_cast<std::uint32_t>((out.size() - start) / scale);
    }
    offsets[attr.num_glyphs] = saved;
    return true;
}

// The name table with the subset's tag before the family (1) and full (4) names: UTF-16 for the
// Unicode and Windows platforms, bytes for the others. The records keep the table's own string
// offset, and the strings follow them.
bool write_names(std::string& out, const HPDF_TTFontDefAttr_Rec& attr, const font_file_reader& read) {
    const HPDF_TTFTable* table = find_table(attr, "name");
    if (!table) return false;
    const HPDF_TTF_NamingTable& names = attr.name_tbl;
    put16(out, names.format);
    put16(out, names.count);
    put16(out, names.string_offset);
    std::string strings;
    for (std::size_t i = 0; i < names.count; ++i) {
        const HPDF_TTF_NameRecord& r = names.name_records[i];
        std::size_t length = r.length;
        const std::size_t at = strings.size();
        if (r.name_id == 1 || r.name_id == 4) {
            const bool utf16 = r.platform_id == 0 || r.platform_id == 3;
            const std::string_view tag = utf16 ? std::string_view(attr.tag_name2, sizeof attr.tag_name2)
                                               : std::string_view(attr.tag_name, sizeof attr.tag_name);
            strings += tag;
            length += tag.size();
        }
        for (const std::uint32_t v : {r.platform_id, r.encoding_id, r.language_id, r.name_id}) put16(out, v);
        put16(out, static_cast<std::uint16_t>(length));
        put16(out, static_cast<std::uint16_t>(at));
        if (!read(std::uint64_t(table->offset) + names.string_offset + r.offset, r.length, strings)) return false;
    }
    out += strings;
    return true;
}

// No fewer bytes than the program takes: the directory, the tables as the file has them, the flagged
// glyphs, loca at its widest, and the tag before every name.
std::size_t size_bound(const HPDF_TTFontDefAttr_Rec& attr, std::size_t directory_bytes) {
    std::size_t bound = directory_bytes + 54 + 4 * (std::size_t(attr.num_glyphs) + 1) + 14 * std::size_t(attr.name_tbl.count);
    for (const char* tag : tags)
        if (const HPDF_TTFTable* table = find_table(attr, tag); table && std::strcmp(tag, "glyf") != 0) bound += table->length;
    const std::size_t scale = attr.header.index_to_loc_format == 0 ? 2 : 1;
    for (std::size_t g = 0; g < attr.num_glyphs; ++g)
        if (attr.glyph_tbl.flgs[g] == 1 && attr.glyph_tbl.offsets[g + 1] > attr.glyph_tbl.offsets[g])
            bound += scale * (attr.glyph_tbl.offsets[g + 1] - attr.glyph_tbl.offsets[g]);
    return bound;
}

}  // namespace

std::optional<font_program> subset_font_program(const HPDF_TTFontDefAttr_Rec& attr, const font_file_reader& read) {
    if (!attr.glyph_tbl.flgs || !attr.glyph_tbl.offsets || (attr.name_tbl.count && !attr.name_tbl.name_records))
        return std::nullopt;
    // The directory, filled in last, then the tables, unpadded, one after the other, in a buffer
    // of the right size from the start.
    constexpr std::size_t directory_bytes = 12 + 16 * tags.size();
    font_program out;
    std::string& bytes = out.bytes;
    bytes.reserve(size_bound(attr, directory_bytes));
    bytes.resize(directory_bytes);
    std::array<std::pair<std::size_t, std::size_t>, tags.size()> placed{};  // offset, length
    std::vector<std::uint32_t> glyph_offsets;
    std::size_t adjustment_at = 0;
    for (std::size_t t = 0; t < tags.size(); ++t) {
        const std::size_t start = bytes.size();
        const std::string_view tag(tags[t], 4);
        if (tag == "head") {
            write_head(bytes, attr.header);
            adjustment_at = start + 8;
        } else if (tag == "glyf") {
            if (!write_glyphs(bytes, attr, read, glyph_offsets)) return std::nullopt;
        } else if (tag == "loca") {
            for (const std::uint32_t offset : glyph_offsets)
                attr.header.index_to_loc_format == 0 ? put16(bytes, offset & 0xFFFF) : put32(bytes, offset);
        } else if (tag == "name") {
            if (!write_names(bytes, attr, read)) return std::nullopt;
        } else if (const HPDF_TTFTable* table = find_table(attr, tags[t])) {
            if (!read(table->offset, table->length, bytes)) return std::nullopt;
        }
        placed[t] = {start, bytes.size() - start};
    }

    std::string directory;
    put32(directory, attr.offset_tbl.sfnt_version);
    put16(directory, tags.size());
    put16(directory, attr.offset_tbl.search_range);
    put16(directory, attr.offset_tbl.entry_selector);
    put16(directory, attr.offset_tbl.range_shift);
    const std::string_view all(bytes);
    for (std::size_t t = 0; t < tags.size(); ++t) {
        const auto [offset, length] = placed[t];
        directory.append(tags[t], 4);
        put32(directory, sum_words(all.substr(offset, length)));
        put32(directory, static_cast<std::uint32_t>(offset));
        put32(directory, static_cast<std::uint32_t>(length));
    }
    bytes.replace(0, directory_bytes, directory);
    // SaveFontData adds up the tables' whole words only, without the directory.
    const std::size_t tables = bytes.size() - directory_bytes;
    const std::uint32_t adjustment = 0xB1B0AFBA - sum_words(all.substr(directory_bytes, tables - tables % 4));
    for (std::size_t i = 0; i < 4; ++i) bytes[adjustment_at + i] = static_cast<char>(adjustment >> (24 - 8 * i) & 0xFF);
    out.length1 = bytes.size();
    return out;
}

}  // namespace bpm::pdf_detail
