#include "pdf_protection.h"

#ifdef BPM_PDF_PROTECTION_MODULE
#include <dlfcn.h>
#endif

#include "bpm/tr.h"

namespace bpm::pdf_detail {

namespace {

using loaded = result<const protection_functions*>;

#ifdef BPM_PDF_PROTECTION_MODULE

loaded open_module() {
    // Found through the programs' run path: the build's module folder, or lib/bpmap beside the
    // installed bin. Never closed: the process may protect another PDF.
    void* module = ::dlopen(BPM_PDF_PROTECTION_MODULE, RTLD_NOW | RTLD_LOCAL);
    const auto entry = module ? reinterpret_cast<decltype(&bpm_pdf_protection_functions)>(
                                    ::dlsym(module, "bpm_pdf_protection_functions"))
                              : nullptr;
    if (!entry) {
        const char* why = ::dlerror();
        // TRANSLATORS: {1} is a library file such as libbpm_pdf_protection.so, {2} the system's reason
        return loaded::failure(format(_("PDF passwords need {1}, which is part of this program and could not be "
                                        "loaded (reinstall the program, or install libqpdf and libidn): {2}"),
                                      BPM_PDF_PROTECTION_MODULE, why ? why : ""));
    }
    return loaded::success(entry());
}

#else

loaded open_module() { return loaded::success(bpm_pdf_protection_functions()); }

#endif

}  // namespace

const result<const protection_functions*>& load_pdf_protection() {
    static const loaded functions = open_module();
    return functions;
}

}  // namespace bpm::pdf_detail
