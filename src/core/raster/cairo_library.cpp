#include "cairo_library.h"

#ifdef BPM_LIBCAIRO_SONAME
#include <dlfcn.h>
#endif

#include "bpm/tr.h"

namespace bpm::raster_detail {

namespace {

using loaded = result<const cairo_functions*>;

#ifdef BPM_LIBCAIRO_SONAME

loaded open_library() {
    // Never closed: the process may draw another picture.
    void* library = ::dlopen(BPM_LIBCAIRO_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        // TRANSLATORS: {1} is a library file such as libcairo.so.2, {2} the system's reason
        return loaded::failure(format(_("Pictures need {1} (the cairo package), which could not be loaded: {2}"),
                                      BPM_LIBCAIRO_SONAME, why ? why : ""));
    }
    static cairo_functions f;
    const char* missing = nullptr;
#define BPM_CAIRO_RESOLVE(name)                                                  \
    f.name = reinterpret_cast<decltype(f.name)>(::dlsym(library, #name));       \
    if (!f.name && !missing) missing = #name;
    BPM_CAIRO_FUNCTIONS(BPM_CAIRO_RESOLVE)
#undef BPM_CAIRO_RESOLVE
    if (missing)
        // TRANSLATORS: {1} is a library file such as libcairo.so.2, {2} a function's name
        return loaded::failure(format(_("Pictures need cairo 1.16 or later; {1} has no {2}"), BPM_LIBCAIRO_SONAME,
                                      missing));
    return loaded::success(&f);
}

#else

loaded open_library() {
    static const cairo_functions f{
#define BPM_CAIRO_LINKED(name) &::name,
        BPM_CAIRO_FUNCTIONS(BPM_CAIRO_LINKED)
#undef BPM_CAIRO_LINKED
    };
    return loaded::success(&f);
}

#endif

}  // namespace

const result<const cairo_functions*>& load_cairo() {
    static const loaded functions = open_library();
    return functions;
}

}  // namespace bpm::raster_detail
