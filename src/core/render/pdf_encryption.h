#pragma once
// Internal to the PDF export. libharu writes the PDF unprotected; with a password, libqpdf then
// rewrites it with AES-256 (PDF 2.0's standard security handler, revision 6).

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/progress.h"

namespace bpm::pdf_detail {

/// Where the protected PDF goes, a piece at a time; a failure stops the rewrite and is returned.
using pdf_sink = std::function<result<>(std::string_view bytes)>;

/// Rewrites the complete unprotected PDF plain so that opening it needs password (which
/// check_pdf_password accepted), and lets readers print at full resolution and extract text, for
/// accessibility too; nothing else. Tells progress percent written (of 100); cancelled there, it
/// stops at once. Fails with a one-line message when libqpdf cannot read or write it, or with
/// the sink's failure.
result<> encrypt_pdf(std::string_view plain, const std::string& password, const pdf_sink& sink,
                     const progress_fn& progress);
/// encrypt_pdf for an unprotected PDF in a seekable file open for reading, read from its start.
result<> encrypt_pdf(std::FILE* plain, const std::string& password, const pdf_sink& sink,
                     const progress_fn& progress);

}  // namespace bpm::pdf_detail
