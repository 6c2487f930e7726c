#include "pdf_fonts.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <utility>

#include "bpm/file_io.h"
#include "bpm/tr.h"
#include "fontconfig_library.h"

namespace bpm {

namespace pdf_detail {

namespace {

// Large CJK fonts run to about 20 MB; anything far beyond is not a font we want to embed.
constexpr std::size_t max_font_bytes = std::size_t(64) << 20;

// Bounds-checked big-endian reads over the whole file; a damaged font reads as a failure.
class font_bytes {
public:
    explicit font_bytes(std::string_view data) : data_(data) {}

    bool fits(std::size_t offset, std::size_t count) const {
        return offset <= data_.size() && count <= data_.size() - offset;
    }
    std::uint16_t u16(std::size_t at) const {
        return static_cast<std::uint16_t>(byte(at) << 8 | byte(at + 1));
    }
    std::int16_t i16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint32_t u32(std::size_t at) const { return std::uint32_t(u16(at)) << 16 | u16(at + 2); }
    std::string_view tag(std::size_t at) const { return data_.substr(at, 4); }

private:
    unsigned byte(std::size_t at) const { return static_cast<unsigned char>(data_[at]); }

    std::string_view data_;
};

struct table {
    std::size_t offset = 0;
    std::size_t length = 0;
};

struct parse_error {
    std::string message;
};

// The parts of a face that libharu itself reads: the same tables, the same (3,1) format 4
// character map, the same rounding.
class face_parser {
public:
    face_parser(const std::string& path, std::string_view data) : path_(path), in_(data) {}

    std::optional<parse_error> parse(face& out, unsigned index) {
        std::size_t start = 0;
        if (in_.fits(0, 12) && in_.tag(0) == "ttcf") {
            out.collection = true;
            const std::uint32_t count = in_.u32(8);
            if (index >= count || !in_.fits(12, 4 * std::size_t(count)))
                return parse_error{format(_("{1} has no font number {2}"), path_, std::to_string(index))};
            start = in_.u32(12 + 4 * std::size_t(index));
        } else if (index != 0) {
            return parse_error{format(_("{1} has no font number {2}"), path_, std::to_string(index))};
        }
        if (!in_.fits(start, 12)) return damaged();
        if (in_.tag(start) == "OTTO")
            return parse_error{format(_("{1} has PostScript outlines; PDF export needs a TrueType font"), path_)};
        const std::uint16_t tables = in_.u16(start + 4);
        if (!in_.fits(start + 12, 16 * std::size_t(tables))) return damaged();
        for (std::uint16_t t = 0; t < tables; ++t) {
            const std::size_t rec = start + 12 + 16 * std::size_t(t);
            const table tb{in_.u32(rec + 8), in_.u32(rec + 12)};
            if (!in_.fits(tb.offset, tb.length)) return damaged();
            const std::string_view tag = in_.tag(rec);
            for (auto& [name, slot] : named_tables())
                if (tag == name) *slot = tb;
        }
        for (auto& [name, slot] : named_tables())
            if (!slot->length) return parse_error{format(_("{1} lacks the \"{2}\" table that PDF export needs"), path_, name)};

        if (head_.length < 54 || hhea_.length < 36 || maxp_.length < 6 || os2_.length < 10) return damaged();
        // libharu refuses fonts whose licence forbids embedding, or allows only bitmaps.
        if (in_.u16(os2_.offset + 8) & (0x0002 | 0x0100 | 0x0200))
            return parse_error{format(_("{1} does not allow embedding in documents"), path_)};
        const unsigned units_per_em = in_.u16(head_.offset + 18);
        if (units_per_em == 0) return damaged();
        const bool long_offsets = in_.i16(head_.offset + 50) != 0;
        glyphs_ = in_.u16(maxp_.offset + 4);
        if (glyphs_ == 0) return damaged();
        out.ascent = static_cast<int>(in_.i16(hhea_.offset + 4)) * 1000 / static_cast<int>(units_per_em);
        if (auto e = read_advances(out, units_per_em, in_.u16(hhea_.offset + 34))) return e;
        if (auto e = read_cmap(out)) return e;
        return read_components(out, long_offsets);
    }

private:
    std::array<std::pair<const char*, table*>, 9> named_tables() {
        return {{{"head", &head_}, {"hhea", &hhea_}, {"hmtx", &hmtx_}, {"maxp", &maxp_}, {"cmap", &cmap_},
                 {"loca", &loca_}, {"glyf", &glyf_}, {"OS/2", &os2_}, {"name", &name_}}};
    }

    parse_error damaged() const { return {format(_("{1} is damaged or not a TrueType font"), path_)}; }

    // Glyphs past the last full metric share its advance, as the TrueType format says.
    std::optional<parse_error> read_advances(face& out, unsigned units_per_em, unsigned metrics) {
        if (metrics == 0 || metrics > glyphs_ || 4 * std::size_t(metrics) > hmtx_.length) return damaged();
        out.advance.resize(glyphs_);
        for (unsigned g = 0; g < glyphs_; ++g) {
            const unsigned units = in_.u16(hmtx_.offset + 4 * std::size_t(std::min(g, metrics - 1)));
            out.advance[g] = static_cast<std::uint16_t>(units * 1000 / units_per_em);
        }
        return std::nullopt;
    }

    std::optional<parse_error> read_cmap(face& out) {
        const std::size_t base = cmap_.offset;
        if (cmap_.length < 4) return damaged();
        const std::uint16_t count = in_.u16(base + 2);
        if (4 + 8 * std::size_t(count) > cmap_.length) return damaged();
        std::size_t sub = 0, full = 0;
        for (std::uint16_t i = 0; i < count; ++i) {
            const std::size_t rec = base + 4 + 8 * std::size_t(i);
            const std::size_t at = base + in_.u32(rec + 4);
            if (in_.u16(rec) == 3 && in_.u16(rec + 2) == 1 && in_.fits(at, 14) && in_.u16(at) == 4 && !sub) sub = at;
            if (in_.u16(rec) == 3 && in_.u16(rec + 2) == 10 && in_.fits(at, 16) && in_.u16(at) == 12 && !full) full = at;
        }
        if (full) read_astral(out, full);
        if (!sub) return parse_error{format(_("{1} has no Unicode character map"), path_)};
        const std::size_t length = in_.u16(sub + 2);
        const std::size_t segments = in_.u16(sub + 6) / 2;
        if (!in_.fits(sub, length) || 16 + 8 * segments > length) return damaged();
        const std::size_t ends = sub + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments,
                          range_offsets = deltas + 2 * segments;
        out.glyph_of.assign(0x10000, 0);
        for (std::size_t s = 0; s < segments; ++s) {
            const unsigned first = in_.u16(starts + 2 * s), last = in_.u16(ends + 2 * s);
            const unsigned delta = in_.u16(deltas + 2 * s), range = in_.u16(range_offsets + 2 * s);
            for (unsigned cp = first; cp <= last && cp < 0xFFFF; ++cp) {
                unsigned glyph = 0;
                if (range == 0) {
                    glyph = (cp + delta) & 0xFFFF;
                } else {
                    const std::size_t at = range_offsets + 2 * s + range + 2 * std::size_t(cp - first);
                    if (at + 2 > sub + length) break;
                    const unsigned raw = in_.u16(at);
                    glyph = raw ? (raw + delta) & 0xFFFF : 0;
                }
                if (glyph < glyphs_) out.glyph_of[cp] = static_cast<std::uint16_t>(glyph);
            }
        }
        return std::nullopt;
    }

    // The groups of a format 12 map past the BMP (emoji and other symbols live there).
    void read_astral(face& out, std::size_t at) {
        const std::size_t groups = in_.u32(at + 12);
        if (!in_.fits(at + 16, 12 * groups)) return;
        for (std::size_t g = 0; g < groups; ++g) {
            const std::size_t rec = at + 16 + 12 * g;
            std::uint32_t first = in_.u32(rec), last = in_.u32(rec + 4), glyph = in_.u32(rec + 8);
            if (last < 0x10000 || first > last || last > 0x10FFFF || glyph >= glyphs_) continue;
            if (first < 0x10000) {
                glyph += 0x10000 - first;
                first = 0x10000;
            }
            out.astral.push_back({first, last, glyph});
        }
    }

    // libharu embeds only the glyphs it was asked for plus the direct parts of composite ones,
    // and misses parts numbered above 32767; render_pdf completes the set from this table.
    std::optional<parse_error> read_components(face& out, bool long_offsets) {
        const std::size_t entry = long_offsets ? 4 : 2;
        if ((std::size_t(glyphs_) + 1) * entry > loca_.length) return damaged();
        auto offset = [&](unsigned g) -> std::size_t {
            return long_offsets ? in_.u32(loca_.offset + 4 * std::size_t(g)) : 2 * std::size_t(in_.u16(loca_.offset + 2 * std::size_t(g)));
        };
        out.first_component.assign(std::size_t(glyphs_) + 1, 0);
        for (unsigned g = 0; g < glyphs_; ++g) {
            out.first_component[g] = static_cast<std::uint32_t>(out.components.size());
            const std::size_t from = offset(g), to = offset(g + 1);
            if (to <= from || to > glyf_.length || to - from < 10) continue;
            std::size_t at = glyf_.offset + from;
            const std::size_t end = glyf_.offset + to;
            if (in_.i16(at) >= 0) continue;
            at += 10;
            for (;;) {
                if (at + 4 > end) return damaged();
                const std::uint16_t flags = in_.u16(at);
                const std::uint16_t part = in_.u16(at + 2);
                if (part < glyphs_) out.components.push_back(part);
                at += 4 + ((flags & 0x0001) ? 4 : 2);
                at += (flags & 0x0008) ? 2 : (flags & 0x0040) ? 4 : (flags & 0x0080) ? 8 : 0;
                if (!(flags & 0x0020)) break;
            }
        }
        out.first_component[glyphs_] = static_cast<std::uint32_t>(out.components.size());
        return std::nullopt;
    }

    const std::string& path_;
    font_bytes in_;
    unsigned glyphs_ = 0;
    table head_, hhea_, hmtx_, maxp_, cmap_, loca_, glyf_, os2_, name_;
};

}  // namespace

result<face> load_face(const std::string& path, unsigned index) {
    auto bytes = read_file(path, max_font_bytes);
    if (!bytes) return result<face>::failure_of(bytes);
    face out;
    out.path = path;
    out.index = index;
    if (auto problem = face_parser(path, *bytes.value).parse(out, index))
        return result<face>::failure(diagnostic{problem->message});
    return result<face>::success(std::move(out));
}

bool is_cjk(char32_t cp) {
    static constexpr std::pair<char32_t, char32_t> ranges[] = {
        {0x1100, 0x11FF},    // Hangul Jamo
        {0x2E80, 0x9FFF},    // radicals, CJK punctuation, kana, Hangul compatibility jamo, ideographs
        {0xA960, 0xA97F},    // Hangul Jamo Extended-A
        {0xAC00, 0xD7FF},    // Hangul syllables
        {0xF900, 0xFAFF},    // CJK compatibility ideographs
        {0xFE30, 0xFE4F},    // CJK compatibility forms
        {0xFF00, 0xFFEF},    // half- and full-width forms
        {0x20000, 0x3FFFF},  // ideograph extensions
    };
    for (const auto& [first, last] : ranges)
        if (cp >= first && cp <= last) return true;
    return false;
}

namespace {

// A Debian package with outline fonts for a kind of character, and a family it installs.
struct font_package {
    const char* name;
    const char* family;
};

std::optional<font_package> package_for(char32_t cp) {
    if (is_cjk(cp)) return font_package{"fonts-wqy-microhei", "WenQuanYi Micro Hei"};
    if ((cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF)) return font_package{"fonts-symbola", "Symbola"};
    if (cp >= 0x0370 && cp < 0x10000 && !(cp >= 0xD800 && cp <= 0xF8FF)) return font_package{"fonts-noto-core", "Noto Sans"};
    return std::nullopt;
}

bool family_installed(const char* family) {
    const fontconfig_functions* fc = load_fontconfig();
    if (!fc) return false;
    FcPattern* pattern = fc->FcPatternBuild(nullptr, FC_FAMILY, FcTypeString, family, static_cast<char*>(nullptr));
    FcObjectSet* objects = fc->FcObjectSetBuild(FC_FILE, static_cast<char*>(nullptr));
    FcFontSet* fonts = pattern && objects ? fc->FcFontList(nullptr, pattern, objects) : nullptr;
    const bool installed = fonts && fonts->nfont > 0;
    if (fonts) fc->FcFontSetDestroy(fonts);
    if (objects) fc->FcObjectSetDestroy(objects);
    if (pattern) fc->FcPatternDestroy(pattern);
    return installed;
}

}  // namespace

std::vector<std::string> packages_to_install(const std::set<char32_t>& missing) {
    std::set<std::string> names;
    std::set<std::string> checked;
    for (const char32_t cp : missing) {
        const std::optional<font_package> package = package_for(cp);
        if (!package || !checked.insert(package->name).second) continue;
        if (!family_installed(package->family)) names.insert(package->name);
    }
    return {names.begin(), names.end()};
}

namespace {

// Fonts that fontconfig says cover cp, best match first: outline fonts, sorted by its usual rules
// from a sans pattern. Starting fontconfig takes milliseconds, so only text that needs a font
// DejaVu Sans lacks comes here.
std::vector<std::pair<std::string, unsigned>> fontconfig_candidates(char32_t cp) {
    std::vector<std::pair<std::string, unsigned>> out;
    const fontconfig_functions* fc = load_fontconfig();
    if (!fc) return out;
    FcPattern* pattern = fc->FcPatternCreate();
    FcCharSet* wanted = fc->FcCharSetCreate();
    if (!pattern || !wanted || !fc->FcCharSetAddChar(wanted, cp)) {
        if (pattern) fc->FcPatternDestroy(pattern);
        if (wanted) fc->FcCharSetDestroy(wanted);
        return out;
    }
    fc->FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    fc->FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("DejaVu Sans"));
    fc->FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    fc->FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    fc->FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcFontSet* fonts = fc->FcFontSort(nullptr, pattern, FcFalse, nullptr, &result);
    constexpr std::size_t max_candidates = 8;
    for (int i = 0; fonts && i < fonts->nfont && out.size() < max_candidates; ++i) {
        FcCharSet* has = nullptr;
        FcChar8* file = nullptr;
        int index = 0;
        if (fc->FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &has) != FcResultMatch || !fc->FcCharSetHasChar(has, cp))
            continue;
        if (fc->FcPatternGetString(fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
        fc->FcPatternGetInteger(fonts->fonts[i], FC_INDEX, 0, &index);
        // Named instances of variable fonts have indexes past 0xFFFF; libharu cannot use them.
        if (index < 0 || index > 0xFFFF) continue;
        out.emplace_back(reinterpret_cast<const char*>(file), static_cast<unsigned>(index));
    }
    if (fonts) fc->FcFontSetDestroy(fonts);
    fc->FcCharSetDestroy(wanted);
    fc->FcPatternDestroy(pattern);
    return out;
}

}  // namespace

}  // namespace pdf_detail

namespace {

namespace fs = std::filesystem;
using pdf_detail::face;
using pdf_detail::load_face;

constexpr const char* regular_file = "DejaVuSans.ttf";
constexpr const char* bold_file = "DejaVuSans-Bold.ttf";

// Fonts with glyf outlines (libharu cannot embed CFF ones such as Noto CJK), best coverage first:
// WenQuanYi and Droid cover Chinese, Japanese and Korean; the others one or two of them.
// The first font of each collection is the one wanted (WenQuanYi Zen Hei rather than its Mono).
constexpr const char* cjk_files[] = {
    "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
    "uming.ttc",        "ipag.ttf",       "NanumGothic.ttf",           "msyh.ttc",
    "malgun.ttf",       "msgothic.ttc",   "Arial Unicode.ttf",
};

constexpr const char* system_folders[] = {
    "/usr/share/fonts/truetype/dejavu",  // Debian, Ubuntu
    "/usr/share/fonts/dejavu-sans-fonts",  // Fedora
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",  // Arch
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/wqy-microhei",
    "/usr/share/fonts/wqy-zenhei",
    "/usr/share/fonts/truetype/droid",
    "/usr/share/fonts/google-droid-sans-fonts",
    "/usr/share/fonts/truetype/arphic",
    "/usr/share/fonts/opentype/ipafont-gothic",
    "/usr/share/fonts/truetype/nanum",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
};

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// The first folder holding name, trying `preferred` first so that both DejaVu faces come from
// the same installation when they can.
std::string locate(const std::vector<std::string>& folders, const char* name, const std::string& preferred = {}) {
    if (!preferred.empty() && is_file(fs::path(preferred) / name)) return (fs::path(preferred) / name).string();
    for (const auto& folder : folders)
        if (is_file(fs::path(folder) / name)) return (fs::path(folder) / name).string();
    return {};
}

// Loads the faces that fonts.files names.
std::vector<diagnostic> load_faces(pdf_detail::font_set& fonts) {
    const pdf_font_files& files = fonts.files;
    auto regular = load_face(files.regular, 0);
    if (!regular) return regular.problems;
    fonts.regular = std::move(*regular.value);
    if (!files.bold.empty() && files.bold != files.regular) {
        auto bold = load_face(files.bold, 0);
        if (!bold) return bold.problems;
        fonts.bold = std::move(*bold.value);
    }
    if (!files.cjk.empty()) {
        // Checked now, so that a named fallback that cannot be used fails at once; loaded again
        // when text first needs it.
        auto cjk = load_face(files.cjk, files.cjk_index);
        if (!cjk) return cjk.problems;
    }
    return {};
}

std::string joined(const std::vector<std::string>& folders) {
    std::string out;
    for (const auto& f : folders) out += (out.empty() ? "" : ", ") + f;
    return out;
}

}  // namespace

namespace pdf_detail {

const face& font_set::fallback(face_id id) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return *fallbacks_[id - 2];
}

bool font_set::try_candidate(const std::string& path, unsigned index, char32_t cp) const {
    if (path.empty() || !tried_.emplace(path, index).second) return false;
    auto loaded = load_face(path, index);
    if (!loaded || !loaded.value->has(cp)) return false;
    fallbacks_.push_back(std::make_unique<const face>(std::move(*loaded.value)));
    return true;
}

std::optional<face_id> font_set::fallback_for(char32_t cp) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = chosen_.find(cp); it != chosen_.end())
        return it->second == regular_face ? std::nullopt : std::optional<face_id>(it->second);
    const auto choose = [&](std::size_t at) {
        const auto id = static_cast<face_id>(at + 2);
        chosen_.emplace(cp, id);
        return std::optional<face_id>(id);
    };
    for (std::size_t i = 0; i < fallbacks_.size(); ++i)
        if (fallbacks_[i]->has(cp)) return choose(i);
    // A face id is 16 bits; no text needs anywhere near that many fonts.
    if (fallbacks_.size() < 1000) {
        if (try_candidate(files.cjk, files.cjk_index, cp)) return choose(fallbacks_.size() - 1);
        if (files.system_fallbacks && is_cjk(cp))
            for (const auto& folder : folders)
                for (const char* name : cjk_files)
                    if (const fs::path path = fs::path(folder) / name; is_file(path) && try_candidate(path.string(), 0, cp))
                        return choose(fallbacks_.size() - 1);
        if (files.system_fallbacks)
            for (const auto& [path, index] : fontconfig_candidates(cp))
                if (try_candidate(path, index, cp)) return choose(fallbacks_.size() - 1);
    }
    chosen_.emplace(cp, regular_face);
    return std::nullopt;
}

glyph_choice glyph_elsewhere(const font_set& fonts, face_id main_id, const face& main, char32_t cp) {
    if (const std::optional<face_id> other = cp == invalid_code_point ? std::nullopt : fonts.fallback_for(cp))
        return {*other, cp, fonts.get(*other).width(cp)};
    if (main.has('?')) return {main_id, char32_t('?'), main.width('?')};
    return {main_id, char32_t(0), 0u};
}

}  // namespace pdf_detail

std::vector<std::string> default_font_folders() {
    std::vector<std::string> folders;
    const auto env = [](const char* name) -> std::string {
        const char* value = std::getenv(name);
        return value ? value : "";
    };
    if (const std::string dir = env("BPM_FONT_DIR"); !dir.empty()) folders.push_back(dir);
    folders.insert(folders.end(), std::begin(system_folders), std::end(system_folders));
    if (const std::string home = env("HOME"); !home.empty()) {
        for (const char* sub : {".local/share/fonts", ".fonts", "Library/Fonts"})
            folders.push_back((fs::path(home) / sub).string());
    }
    if (const std::string windows = env("WINDIR"); !windows.empty()) folders.push_back((fs::path(windows) / "Fonts").string());
    if (const std::string local = env("LOCALAPPDATA"); !local.empty())
        folders.push_back((fs::path(local) / "Microsoft" / "Windows" / "Fonts").string());
    return folders;
}

result<pdf_text_measurer> pdf_text_measurer::find(const std::vector<std::string>& folders) {
    auto fonts = std::make_shared<pdf_detail::font_set>();
    fonts->files.regular = locate(folders, regular_file);
    if (fonts->files.regular.empty())
        return result<pdf_text_measurer>::failure(diagnostic{format(
            _("no font for PDF export: {1} is in none of these folders: {2}. Install DejaVu Sans (the "
              "fonts-dejavu-core package), or set BPM_FONT_DIR to a folder that holds {1}"),
            regular_file, joined(folders))});
    fonts->files.bold = locate(folders, bold_file, fs::path(fonts->files.regular).parent_path().string());
    if (auto problems = load_faces(*fonts); !problems.empty()) return result<pdf_text_measurer>::failure(problems);

    fonts->folders = folders;
    return result<pdf_text_measurer>::success(pdf_text_measurer(std::move(fonts)));
}

result<pdf_text_measurer> pdf_text_measurer::load(const pdf_font_files& files) {
    auto fonts = std::make_shared<pdf_detail::font_set>();
    fonts->files = files;
    if (auto problems = load_faces(*fonts); !problems.empty()) return result<pdf_text_measurer>::failure(problems);
    return result<pdf_text_measurer>::success(pdf_text_measurer(std::move(fonts)));
}

double pdf_text_measurer::width(std::string_view text, const draw::font& f) const {
    if (const std::optional<unsigned long> units = advance_units(text, f)) return draw::advance_width(*units, f);
    unsigned long units = 0;
    pdf_detail::for_each_glyph(*fonts_, text, f.bold, false,
                               [&](pdf_detail::face_id, char32_t, char32_t, unsigned advance, std::u32string_view) {
                                   units += advance;
                               });
    return draw::advance_width(units, f);
}

std::optional<unsigned long> pdf_text_measurer::advance_units(std::string_view text, const draw::font& f) const {
    // Unshaped text is drawn a character at a time (for_each_shaped_char), as added up here.
    if (bidi::needs_bidi(text)) return std::nullopt;
    const pdf_detail::face_id main_id = pdf_detail::main_face(*fonts_, f.bold);
    const pdf_detail::face& main = fonts_->get(main_id);
    unsigned long units = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = next_code_point(text, i);
        if (!pdf_detail::is_invisible(cp)) units += pdf_detail::choose_glyph(*fonts_, main_id, main, cp).advance;
    }
    return units;
}

std::vector<pdf_text_measurer::glyph> pdf_text_measurer::glyphs(std::string_view text, const draw::font& f) const {
    std::vector<glyph> out;
    unsigned long units = 0;
    pdf_detail::for_each_glyph(
        *fonts_, text, f.bold, true, [&](pdf_detail::face_id id, char32_t drawn, char32_t, unsigned advance, std::u32string_view) {
            if (drawn) {
                const pdf_detail::face& face = fonts_->get(id);
                out.push_back({face.path, face.index, drawn, static_cast<double>(units) * f.size / 1000.0});
            }
            units += advance;
        });
    return out;
}

double pdf_text_measurer::ascent(const draw::font& f) const {
    const pdf_detail::face& main = fonts_->get(f.bold && fonts_->bold ? pdf_detail::bold_face : pdf_detail::regular_face);
    return main.ascent * f.size / 1000.0;
}

const pdf_font_files& pdf_text_measurer::files() const { return fonts_->files; }

}  // namespace bpm
