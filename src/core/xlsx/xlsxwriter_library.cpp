#include "xlsxwriter_library.h"

#ifdef BPM_LIBXLSXWRITER_SONAME
#include <dlfcn.h>
#endif

#include "bpm/tr.h"

namespace bpm::xlsx_detail {

namespace {

using loaded = result<const xlsxwriter_functions*>;

#ifdef BPM_LIBXLSXWRITER_SONAME

loaded open_library() {
    // Never closed: the process may write another workbook.
    void* library = ::dlopen(BPM_LIBXLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        // TRANSLATORS: {1} is a library file such as libxlsxwriter.so.4, {2} the system's reason
        return loaded::failure(format(_("Excel workbooks need {1} (the libxlsxwriter package), which could not be "
                                        "loaded: {2}"),
                                      BPM_LIBXLSXWRITER_SONAME, why ? why : ""));
    }
    static xlsxwriter_functions f;
    const char* missing = nullptr;
#define BPM_XLSXWRITER_RESOLVE(name)                                              \
    f.name = reinterpret_cast<decltype(f.name)>(::dlsym(library, #name));        \
    if (!f.name && !missing) missing = #name;
    BPM_XLSXWRITER_FUNCTIONS(BPM_XLSXWRITER_RESOLVE)
#undef BPM_XLSXWRITER_RESOLVE
    if (missing)
        // TRANSLATORS: {1} is a library file such as libxlsxwriter.so.4, {2} a function's name
        return loaded::failure(format(_("Excel workbooks need libxlsxwriter 1.1 or later; {1} has no {2}"),
                                      BPM_LIBXLSXWRITER_SONAME, missing));
    return loaded::success(&f);
}

#else

loaded open_library() {
    static const xlsxwriter_functions f{
#define BPM_XLSXWRITER_LINKED(name) &::name,
        BPM_XLSXWRITER_FUNCTIONS(BPM_XLSXWRITER_LINKED)
#undef BPM_XLSXWRITER_LINKED
    };
    return loaded::success(&f);
}

#endif

}  // namespace

const result<const xlsxwriter_functions*>& load_xlsxwriter() {
    static const loaded functions = open_library();
    return functions;
}

}  // namespace bpm::xlsx_detail
