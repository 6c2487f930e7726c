#pragma once
// Internal to the PDF export: what libqpdf (AES-256 encryption) and libidn (SASLprep) do for a
// PDF password, behind plain functions. On Linux they live in a module of their own,
// libbpm_pdf_protection.so, loaded when a password is first checked or used rather than when the
// program starts: linked the usual way, libqpdf and the eleven libraries it brings (GnuTLS, libjpeg,
// GMP...) cost every run of bpmap-cli 2.7 ms (1.10x the eight-persona PDF), password or not.
// Elsewhere the same functions are linked as usual.

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"

namespace bpm::pdf_detail {

/// The unprotected PDF: in memory, or in a seekable file open for reading (when file is set).
struct protection_input {
    std::string_view memory;
    std::FILE* file = nullptr;
};

/// How an encryption ended.
enum class protection_outcome { done, write_failed, cancelled, out_of_memory, failed };

/// The module's functions; every exception stays inside it.
struct protection_functions {
    /// SASLprep (RFC 4013, stored strings) of UTF-8 text: libidn's Stringprep_rc status, and the
    /// prepared text in out when the status is STRINGPREP_OK.
    int (*saslprep)(const std::string& text, std::string& out);
    /// Rewrites the PDF with AES-256 (PDF 2.0, revision 6): user_password opens it, owner_password
    /// lifts the restrictions; printing at full resolution and text extraction (accessibility
    /// too) are allowed, nothing else. Hands the output to write a piece at a time (false: stop,
    /// write_failed) and progress percent (false: stop, cancelled). On failed, error holds
    /// libqpdf's message in English.
    protection_outcome (*encrypt)(const protection_input& in, const std::string& user_password,
                                  const std::string& owner_password,
                                  const std::function<bool(std::string_view)>& write,
                                  const std::function<bool(int)>& progress, std::string& error);
};

/// The functions, loaded at the first call (from any thread, once per process); fails with a
/// one-line message naming the module when it cannot be loaded.
const result<const protection_functions*>& load_pdf_protection();

}  // namespace bpm::pdf_detail

/// The module's one entry point.
extern "C" const bpm::pdf_detail::protection_functions* bpm_pdf_protection_functions();
