#include "pdf_encryption.h"

// libidn's status codes only: its functions are the protection module's (pdf_protection.h).
#include <stringprep.h>

#include <algorithm>
#include <cstdio>
#include <new>
#include <random>

#include "bpm/pdf_export.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "pdf_protection.h"

namespace bpm {

namespace {

// ISO 32000-2 7.6.4.3.3: a revision 6 password is the first 127 bytes of its UTF-8 form; more
// would be cut silently, so more is refused.
constexpr std::size_t max_password_bytes = 127;

// What SASLprep (RFC 4013), for a stored string, makes of text; its libidn status on failure.
struct prepared {
    int status = STRINGPREP_OK;
    std::string text;
};

prepared saslprep(const pdf_detail::protection_functions& module, const std::string& text) {
    prepared p;
    p.status = module.saslprep(text, p.text);
    if (p.status == STRINGPREP_MALLOC_ERROR) throw std::bad_alloc();
    return p;
}

result<> refused(const std::string& why) { return result<>::failure(why); }

}  // namespace

// Every reader must open the file with the password as typed: PDF 2.0 readers (Acrobat, pdf.js)
// pass it through SASLprep first, others (qpdf among them) take its bytes. A password SASLprep
// leaves unchanged gives both the same key, so the check is that SASLprep accepts it as it is.
// The messages name where the problem is but never quote the password.
result<> check_pdf_password(std::string_view password) {
    if (password.empty()) return refused(_("the password is empty"));
    if (!is_valid_utf8(password)) return refused(_("the password is not valid UTF-8 text"));
    const result<const pdf_detail::protection_functions*>& module = pdf_detail::load_pdf_protection();
    if (!module) return refused(module.error());
    std::size_t position = 0;
    for (std::size_t i = 0; i < password.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(password, i);
        ++position;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            // TRANSLATORS: {1} is a position in the password, counted in characters from 1
            return refused(format(_("character {1} of the password is a control character, such as a tab or a line "
                                    "break; a PDF password holds letters, digits, spaces, punctuation and symbols"),
                                  std::to_string(position)));
        const std::string one(password.substr(start, i - start));
        const prepared alone = saslprep(**module.value, one);
        if (alone.status == STRINGPREP_CONTAINS_UNASSIGNED)
            return refused(format(_("character {1} of the password is newer than Unicode 3.2, which PDF passwords "
                                    "are limited to (SASLprep); many emoji are"),
                                  std::to_string(position)));
        if (alone.status != STRINGPREP_OK)
            return refused(format(_("character {1} of the password is one a PDF password may not hold: a private-use, "
                                    "formatting or other invisible character"),
                                  std::to_string(position)));
        if (alone.text != one)
            return refused(format(_("character {1} of the password would be read differently by different PDF "
                                    "readers (a no-break space, an invisible character, a ligature or a full-width "
                                    "letter); type its plain form instead"),
                                  std::to_string(position)));
    }
    if (password.size() > max_password_bytes)
        return refused(format(_("the password takes {1} bytes as UTF-8, and a PDF password holds at most 127: up to "
                                "127 ASCII characters, 63 accented letters or 42 Chinese characters"),
                              std::to_string(password.size())));
    const prepared whole = saslprep(**module.value, std::string(password));
    if (whole.status == STRINGPREP_BIDI_BOTH_L_AND_RAL)
        return refused(_("the password mixes right-to-left letters (such as Hebrew or Arabic) with left-to-right "
                         "ones, which a PDF password may not"));
    if (whole.status == STRINGPREP_BIDI_LEADTRAIL_NOT_RAL)
        return refused(_("a PDF password with right-to-left letters (such as Hebrew or Arabic) must begin and end "
                         "with one"));
    if (whole.status != STRINGPREP_OK)
        return refused(format(_("the password cannot be prepared for the PDF (SASLprep error {1})"),
                              std::to_string(whole.status)));
    if (whole.text != password)
        return refused(_("the password holds a letter and an accent typed apart, which different PDF readers "
                         "would read differently; type the accented letter whole"));
    return result<>::success();
}

namespace pdf_detail {

namespace {

// The owner password would lift the restrictions (and with R6 an empty one opens the file), so
// nobody may know it: 128 random bits, never stored.
std::string random_owner_password() {
    std::random_device random;
    std::string out;
    char word[9];
    for (int i = 0; i < 4; ++i) {
        std::snprintf(word, sizeof word, "%08X", static_cast<unsigned>(random()));
        out += word;
    }
    return out;
}

result<> encrypt(const protection_input& in, const std::string& password, const pdf_sink& sink,
                 const progress_fn& progress) {
    const result<const protection_functions*>& module = load_pdf_protection();
    if (!module) return result<>::failure(module.error());
    result<> written = result<>::success();
    const std::function<bool(std::string_view)> write = [&](std::string_view bytes) {
        written = sink(bytes);
        return bool(written);
    };
    std::function<bool(int)> percent;
    if (progress)
        percent = [&](int done) { return keep_going(progress, static_cast<std::size_t>(done), 100); };
    std::string error;
    switch ((*module.value)->encrypt(in, password, random_owner_password(), write, percent, error)) {
        case protection_outcome::done: return result<>::success();
        case protection_outcome::write_failed: return written;
        case protection_outcome::cancelled: return result<>::cancelled();
        case protection_outcome::out_of_memory: throw std::bad_alloc();
        case protection_outcome::failed: break;
    }
    // TRANSLATORS: {1} is libqpdf's own message, in English
    return result<>::failure(format(_("cannot protect the PDF with the password: libqpdf: {1}"), error));
}

}  // namespace

result<> encrypt_pdf(std::string_view plain, const std::string& password, const pdf_sink& sink,
                     const progress_fn& progress) {
    protection_input in;
    in.memory = plain;
    return encrypt(in, password, sink, progress);
}

result<> encrypt_pdf(std::FILE* plain, const std::string& password, const pdf_sink& sink, const progress_fn& progress) {
    protection_input in;
    in.file = plain;
    return encrypt(in, password, sink, progress);
}

}  // namespace pdf_detail

}  // namespace bpm
