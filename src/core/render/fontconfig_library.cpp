#include "fontconfig_library.h"

#ifdef BPM_LIBFONTCONFIG_SONAME
#include <dlfcn.h>
#endif

namespace bpm::pdf_detail {

namespace {

#ifdef BPM_LIBFONTCONFIG_SONAME

const fontconfig_functions* open_library() {
    // Never closed: the process may need another fallback font.
    void* library = ::dlopen(BPM_LIBFONTCONFIG_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) return nullptr;
    static fontconfig_functions f;
#define BPM_FONTCONFIG_RESOLVE(name)                                             \
    f.name = reinterpret_cast<decltype(f.name)>(::dlsym(library, #name));       \
    if (!f.name) return nullptr;
    BPM_FONTCONFIG_FUNCTIONS(BPM_FONTCONFIG_RESOLVE)
#undef BPM_FONTCONFIG_RESOLVE
    return &f;
}

#else

const fontconfig_functions* open_library() {
    static const fontconfig_functions f{
#define BPM_FONTCONFIG_LINKED(name) &::name,
        BPM_FONTCONFIG_FUNCTIONS(BPM_FONTCONFIG_LINKED)
#undef BPM_FONTCONFIG_LINKED
    };
    return &f;
}

#endif

}  // namespace

const fontconfig_functions* load_fontconfig() {
    static const fontconfig_functions* const functions = open_library();
    return functions;
}

}  // namespace bpm::pdf_detail
