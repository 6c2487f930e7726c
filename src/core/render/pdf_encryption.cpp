#include "pdf_encryption.h"

// libqpdf 11 without its deprecated PointerHolder, which this code does not use.
#define POINTERHOLDER_TRANSITION 4
#include <idn-free.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <stringprep.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <random>

#include "bpm/pdf_export.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

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

prepared saslprep(const std::string& text) {
    char* out = nullptr;
    const int status = stringprep_profile(text.c_str(), &out, "SASLprep", STRINGPREP_NO_UNASSIGNED);
    const std::unique_ptr<char, void (*)(void*)> owned(out, idn_free);
    if (status == STRINGPREP_MALLOC_ERROR) throw std::bad_alloc();
    prepared p;
    p.status = status;
    if (status == STRINGPREP_OK && out) p.text = out;
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
        const prepared alone = saslprep(one);
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
    const prepared whole = saslprep(std::string(password));
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

// Thrown through QPDFWriter to stop it when the sink fails (the failure itself stays in the
// pipeline) or when the progress asks to cancel.
struct sink_failed {};
struct progress_cancelled {};

// Hands QPDFWriter's output to the sink in pieces of 64 KiB: it writes a few bytes at a time.
class sink_pipeline final : public Pipeline {
public:
    explicit sink_pipeline(const pdf_sink& sink) : Pipeline("protected PDF", nullptr), sink_(sink) {}

    void write(unsigned char const* data, size_t length) override {
        buffer_.append(reinterpret_cast<const char*>(data), length);
        if (buffer_.size() >= piece_bytes) pass();
    }
    void finish() override { pass(); }

    result<> failure = result<>::success();

private:
    static constexpr std::size_t piece_bytes = std::size_t(1) << 16;

    void pass() {
        if (buffer_.empty()) return;
        failure = sink_(buffer_);
        buffer_.clear();
        if (!failure) throw sink_failed{};
    }

    const pdf_sink& sink_;
    std::string buffer_;
};

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

}  // namespace

namespace {

// Reads the unprotected PDF into a QPDF (read_into) and writes it out encrypted to the sink.
result<> encrypt(const std::function<void(QPDF&)>& read_into, const std::string& password, const pdf_sink& sink,
                 const progress_fn& progress) {
    sink_pipeline out(sink);
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        // libharu's output is well-formed; a file qpdf had to repair would hide a bug here.
        pdf.setAttemptRecovery(false);
        read_into(pdf);
        QPDFWriter writer(pdf);
        writer.setOutputPipeline(&out);
        if (progress)
            writer.registerProgressReporter(std::make_shared<QPDFWriter::FunctionProgressReporter>([&](int percent) {
                if (!keep_going(progress, static_cast<std::size_t>(std::clamp(percent, 0, 100)), 100))
                    throw progress_cancelled{};
            }));
        // The streams are deflated already: they are copied as they are, only encrypted.
        writer.setDecodeLevel(qpdf_dl_none);
        writer.setR6EncryptionParameters(password.c_str(), random_owner_password().c_str(),
                                         /*allow_accessibility=*/true, /*allow_extract=*/true,
                                         /*allow_assemble=*/false, /*allow_annotate_and_form=*/false,
                                         /*allow_form_filling=*/false, /*allow_modify_other=*/false, qpdf_r3p_full,
                                         /*encrypt_metadata=*/true);
        writer.write();
    } catch (const sink_failed&) {
        return out.failure;
    } catch (const progress_cancelled&) {
        return result<>::cancelled();
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        // TRANSLATORS: {1} is libqpdf's own message, in English
        return result<>::failure(format(_("cannot protect the PDF with the password: libqpdf: {1}"), e.what()));
    }
    return result<>::success();
}

}  // namespace

result<> encrypt_pdf(std::string_view plain, const std::string& password, const pdf_sink& sink,
                     const progress_fn& progress) {
    return encrypt([plain](QPDF& pdf) { pdf.processMemoryFile("PDF", plain.data(), plain.size()); }, password, sink,
                   progress);
}

result<> encrypt_pdf(std::FILE* plain, const std::string& password, const pdf_sink& sink, const progress_fn& progress) {
    return encrypt([plain](QPDF& pdf) { pdf.processFile("PDF", plain, false); }, password, sink, progress);
}

}  // namespace pdf_detail

}  // namespace bpm
