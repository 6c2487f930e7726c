#include "xlsx_text.h"

#include <locale.h>
#include <wchar.h>
#include <wctype.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "bpm/xlsx_export.h"

namespace bpm {

namespace {

// The C library's Unicode tables (case mappings, character widths), whatever locale the program
// runs in; none where the system has no C.UTF-8, and then only ASCII is folded and every
// character is one cell wide. Never freed: it serves the whole run.
locale_t unicode_locale() {
    static const locale_t l = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l;
}

// True for an ASCII character a cell carries as it is (not CR, which becomes LF, nor "_", which may
// need escaping).
bool is_plain(char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b >= 0x20 && b < 0x80 && b != '_') || b == '\t' || b == '\n';
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// True when text[i] starts "_xHHHH_", which Excel and LibreOffice read as the character U+HHHH.
bool starts_escape(std::string_view text, std::size_t i) {
    if (text.size() - i < 7 || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return false;
    for (std::size_t k = i + 2; k < i + 6; ++k)
        if (!is_hex(text[k])) return false;
    return true;
}

std::string escape(char32_t cp) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "_x%04X_", static_cast<unsigned>(cp));
    return buffer;
}

// Excel compares sheet names ignoring case; folding both ways (upper, then lower) makes "ß", "ς"
// and their capitals meet as well. Folding more than Excel does only renames a sheet it would
// have taken, while folding less would give two sheets Excel takes for one (a damaged file).
std::string case_fold(std::string_view text) {
    std::string out;
    const locale_t l = unicode_locale();
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = next_code_point(text, i);
        if (cp == invalid_code_point) continue;
        if (l) cp = static_cast<char32_t>(::towlower_l(::towupper_l(static_cast<wint_t>(cp), l), l));
        else if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        append_utf8(out, cp);
    }
    return out;
}

// The longest start of text within max_units UTF-16 code units, on a character boundary.
std::string_view cut_to_units(std::string_view text, std::size_t max_units) {
    std::size_t units = 0, i = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t cp = next_code_point(text, next);
        const std::size_t n = cp != invalid_code_point && cp > 0xFFFF ? 2 : 1;
        if (units + n > max_units) break;
        units += n;
        i = next;
    }
    return text.substr(0, i);
}

// Text without the spaces and apostrophes at its ends, which Excel refuses at a sheet name's ends.
std::string_view trim_name(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\'')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\'')) name.remove_suffix(1);
    return name;
}

constexpr std::size_t max_sheet_name_units = 31;

// wanted as Excel takes it for a sheet name, before it is made unique: brackets become
// parentheses and the other characters Excel refuses ( : * ? / \ ) hyphens; control characters,
// line and paragraph separators become spaces, runs of spaces one; U+FFFE, U+FFFF and invalid
// UTF-8 go; the name is cut to 31 code units.
std::string sheet_name_base(std::string_view wanted) {
    std::string out;
    for (std::size_t i = 0; i < wanted.size();) {
        const char32_t cp = next_code_point(wanted, i);
        if (cp == invalid_code_point || cp == 0xFFFE || cp == 0xFFFF) continue;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || cp == ' ') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else if (cp == '[') {
            out.push_back('(');
        } else if (cp == ']') {
            out.push_back(')');
        } else if (cp == ':' || cp == '*' || cp == '?' || cp == '/' || cp == '\\') {
            out.push_back('-');
        } else {
            append_utf8(out, cp);
        }
    }
    const std::string_view whole = trim_name(out);
    std::string_view name = cut_to_units(whole, max_sheet_name_units);
    if (name.size() < whole.size()) {
        // Cut short, the name ends at a word when that keeps most of it ("Emma Rodriguez — Home
        // Decor", not "... Home Decor E-c"), and without the dash or comma before the cut.
        const std::size_t space = name.find_last_of(' ');
        if (whole[name.size()] != ' ' && space != std::string_view::npos &&
            space >= max_sheet_name_units / 2)
            name = name.substr(0, space);
        for (bool trimmed = true; trimmed;) {
            trimmed = false;
            name = trim_name(name);
            for (std::string_view mark : {"-", ",", ";", "\u2013", "\u2014"})
                if (name.size() > mark.size() && name.substr(name.size() - mark.size()) == mark) {
                    name.remove_suffix(mark.size());
                    trimmed = true;
                }
        }
    }
    return std::string(name);
}

}  // namespace

std::string xlsx_cell_text(std::string_view text, bool* cut) {
    if (cut) *cut = false;
    std::string out;
    out.reserve(text.size());
    // Code units so far, and how much of out fits with room left for the ellipsis.
    std::size_t units = 0, fits_with_ellipsis = 0;
    // Appends piece, n code units as libxlsxwriter and Excel count them (an escape as the seven
    // characters it is written as); false when it does not fit.
    const auto put = [&](std::string_view piece, std::size_t n) {
        if (units + n > xlsx_max_cell_chars) return false;
        out += piece;
        units += n;
        if (units < xlsx_max_cell_chars) fits_with_ellipsis = out.size();
        return true;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        bool fits = true;
        if (b >= 0x80) {
            std::size_t next = i;
            const char32_t cp = next_multibyte_code_point(text, next);
            if (cp == invalid_code_point) fits = put("\uFFFD", 1);
            else if (cp == 0xFFFE || cp == 0xFFFF) fits = put(escape(cp), 7);
            else fits = put(text.substr(i, next - i), cp > 0xFFFF ? 2 : 1);
            i = next;
        } else if (b == '\r') {
            // Spreadsheets break lines in a cell at LF alone; CR LF and a lone CR are line breaks too.
            if (i + 1 >= text.size() || text[i + 1] != '\n') fits = put("\n", 1);
            ++i;
        } else if (b < 0x20 && b != '\t' && b != '\n') {
            fits = put(escape(b), 7);
            ++i;
        } else if (b == '_' && starts_escape(text, i)) {
            fits = put(escape('_'), 7);
            ++i;
        } else {
            // A run of ASCII that needs nothing (most text) goes in at once.
            std::size_t end = i + 1;
            while (end < text.size() && is_plain(text[end])) ++end;
            const std::size_t n = end - i;
            if (units + n <= xlsx_max_cell_chars) {
                out.append(text.data() + i, n);
                units += n;
                fits_with_ellipsis = units < xlsx_max_cell_chars ? out.size() : out.size() - 1;
                i = end;
            } else {
                fits = put(text.substr(i, 1), 1);
                ++i;
            }
        }
        if (!fits) {
            out.resize(fits_with_ellipsis);
            out += ellipsis;
            if (cut) *cut = true;
            return out;
        }
    }
    return out;
}

std::vector<std::string> xlsx_sheet_names(const document& doc) {
    std::vector<std::string> names;
    // Excel keeps "History" for the change history of a shared workbook and refuses a sheet of that name.
    std::set<std::string> taken = {case_fold("History")};
    const auto add = [&](std::string base, const std::string& fallback) {
        if (base.empty()) base = sheet_name_base(fallback);
        std::string name = base;
        for (std::size_t n = 2; !taken.insert(case_fold(name)).second; ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            name = std::string(trim_name(cut_to_units(base, max_sheet_name_units - suffix.size()))) + suffix;
        }
        names.push_back(std::move(name));
    };
    // TRANSLATORS: the name of the first sheet of an Excel workbook, listing every persona; at most 31 characters
    add(sheet_name_base(_("Overview")), "Overview");
    for (std::size_t i = 0; i < doc.personas.size(); ++i)
        // TRANSLATORS: the sheet name of a persona without a name in an Excel workbook; {1} is its number
        add(sheet_name_base(doc.personas[i].name), format(_("Persona {1}"), std::to_string(i + 1)));
    return names;
}

namespace xlsx_detail {

line_widths measure_lines(std::string_view text, std::size_t max_lines) {
    const locale_t l = unicode_locale();
    const locale_t previous = l ? ::uselocale(l) : static_cast<locale_t>(nullptr);
    line_widths out;
    std::size_t line = 0;
    const auto end_line = [&] {
        out.widest = std::max(out.widest, line);
        if (out.first.size() < max_lines) out.first.push_back(line);
        line = 0;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\n' || b == '\r') {
            if (b == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++i;
            end_line();
        } else if (b < 0x80) {
            // Most text is ASCII, whose printable characters take a cell each and controls none.
            line += b >= 0x20 && b != 0x7F ? 1 : 0;
            ++i;
        } else {
            const char32_t cp = next_multibyte_code_point(text, i);
            const int w = l && cp != invalid_code_point ? ::wcwidth(static_cast<wchar_t>(cp)) : 1;
            line += w > 0 ? static_cast<std::size_t>(w) : 0;
        }
    }
    end_line();
    if (l) ::uselocale(previous);
    return out;
}

std::size_t utf16_length(std::string_view text) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = next_code_point(text, i);
        units += cp != invalid_code_point && cp > 0xFFFF ? 2 : 1;
    }
    return units;
}

}  // namespace xlsx_detail

}  // namespace bpm
