// The PDF protection functions themselves: libqpdf and libidn, nothing of the rest of the core,
// so that on Linux they make a module of their own (pdf_protection.h).
#include "pdf_protection.h"

// libqpdf 11 without its deprecated PointerHolder, which this code does not use.
#define POINTERHOLDER_TRANSITION 4
#include <idn-free.h>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <stringprep.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <new>

namespace bpm::pdf_detail {

namespace {

int saslprep(const std::string& text, std::string& out) {
    char* prepared = nullptr;
    const int status = stringprep_profile(text.c_str(), &prepared, "SASLprep", STRINGPREP_NO_UNASSIGNED);
    const std::unique_ptr<char, void (*)(void*)> owned(prepared, idn_free);
    if (status == STRINGPREP_OK && prepared) out = prepared;
    return status;
}

// Thrown through QPDFWriter to stop it when write or progress says so.
struct write_failed {};
struct progress_cancelled {};

// Hands QPDFWriter's output on in pieces of 64 KiB: it writes a few bytes at a time.
class write_pipeline final : public Pipeline {
public:
    explicit write_pipeline(const std::function<bool(std::string_view)>& write)
        : Pipeline("protected PDF", nullptr), write_(write) {}

    void write(unsigned char const* data, size_t length) override {
        buffer_.append(reinterpret_cast<const char*>(data), length);
        if (buffer_.size() >= piece_bytes) pass();
    }
    void finish() override { pass(); }

private:
    static constexpr std::size_t piece_bytes = std::size_t(1) << 16;

    void pass() {
        if (buffer_.empty()) return;
        const bool written = write_(buffer_);
        buffer_.clear();
        if (!written) throw write_failed{};
    }

    const std::function<bool(std::string_view)>& write_;
    std::string buffer_;
};

protection_outcome encrypt(const protection_input& in, const std::string& user_password,
                           const std::string& owner_password, const std::function<bool(std::string_view)>& write,
                           const std::function<bool(int)>& progress, std::string& error) {
    try {
        write_pipeline out(write);
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        // libharu's output is well-formed; a file qpdf had to repair would hide a bug here.
        pdf.setAttemptRecovery(false);
        if (in.file)
            pdf.processFile("PDF", in.file, false);
        else
            pdf.processMemoryFile("PDF", in.memory.data(), in.memory.size());
        QPDFWriter writer(pdf);
        writer.setOutputPipeline(&out);
        if (progress)
            writer.registerProgressReporter(std::make_shared<QPDFWriter::FunctionProgressReporter>([&](int percent) {
                if (!progress(std::clamp(percent, 0, 100))) throw progress_cancelled{};
            }));
        // The streams are deflated already: they are copied as they are, only encrypted.
        writer.setDecodeLevel(qpdf_dl_none);
        writer.setR6EncryptionParameters(user_password.c_str(), owner_password.c_str(),
                                         /*allow_accessibility=*/true, /*allow_extract=*/true,
                                         /*allow_assemble=*/false, /*allow_annotate_and_form=*/false,
                                         /*allow_form_filling=*/false, /*allow_modify_other=*/false, qpdf_r3p_full,
                                         /*encrypt_metadata=*/true);
        writer.write();
    } catch (const write_failed&) {
        return protection_outcome::write_failed;
    } catch (const progress_cancelled&) {
        return protection_outcome::cancelled;
    } catch (const std::bad_alloc&) {
        return protection_outcome::out_of_memory;
    } catch (const std::exception& e) {
        error = e.what();
        return protection_outcome::failed;
    }
    return protection_outcome::done;
}

}  // namespace

}  // namespace bpm::pdf_detail

extern "C" const bpm::pdf_detail::protection_functions* bpm_pdf_protection_functions() {
    static const bpm::pdf_detail::protection_functions functions{&bpm::pdf_detail::saslprep,
                                                                 &bpm::pdf_detail::encrypt};
    return &functions;
}
