#include "pdf_protection.h"

#ifdef BPM_PDF_PROTECTION_MODULE
#include <dlfcn.h>

#include <filesystem>
#include <system_error>
#endif

#include "bpm/tr.h"

namespace bpm::pdf_detail {

namespace {

using loaded = result<const protection_functions*>;

#ifdef BPM_PDF_PROTECTION_MODULE

// Where the module is: lib/bpmap beside the running program's bin folder when installed, else
// the build's modules folder. An absolute path, because a run path would be looked up from the
// caller of dlopen, which under AddressSanitizer is its interceptor's library, not the program.
std::string module_path() {
    std::error_code error;
    const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path installed =
            program.parent_path().parent_path() / "lib" / "bpmap" / BPM_PDF_PROTECTION_MODULE;
        if (std::filesystem::exists(installed, error)) return installed.string();
    }
    return std::string(BPM_MODULE_DIR) + "/" + BPM_PDF_PROTECTION_MODULE;
}

loaded open_module() {
    // Never closed: the process may protect another PDF.
    const std::string path = module_path();
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
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
