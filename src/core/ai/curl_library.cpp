#include "curl_library.h"

#include <type_traits>
#include <utility>

#ifdef BPM_LIBCURL_SONAME
#include <dlfcn.h>
#endif

#include "bpm/tr.h"

namespace bpm::ai_detail {

namespace {

#ifdef BPM_LIBCURL_SONAME

// Looks every function up; false when one is missing.
template <class... Slots>
bool resolve(void* library, std::pair<Slots*, const char*>... slots) {
    bool found = true;
    const auto one = [&](auto* slot, const char* name) {
        *slot = reinterpret_cast<std::remove_pointer_t<decltype(slot)>>(::dlsym(library, name));
        found = found && *slot;
    };
    (one(slots.first, slots.second), ...);
    return found;
}

result<const curl_functions*> open_library() {
    using opened = result<const curl_functions*>;
    // Never closed: curl_global_cleanup is not thread-safe, and the process may call again.
    void* library = ::dlopen(BPM_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        // TRANSLATORS: {1} is a library file such as libcurl.so.4, {2} the system's reason
        return opened::failure(format(_("the AI assistant needs {1} (the libcurl package), which could not be "
                                        "loaded: {2}"),
                                      BPM_LIBCURL_SONAME, why ? why : ""));
    }
    static curl_functions f;
    using std::pair;
    const bool found = resolve(
        library, pair{&f.global_init, "curl_global_init"}, pair{&f.easy_init, "curl_easy_init"},
        pair{&f.easy_cleanup, "curl_easy_cleanup"}, pair{&f.easy_setopt, "curl_easy_setopt"},
        pair{&f.easy_getinfo, "curl_easy_getinfo"}, pair{&f.easy_strerror, "curl_easy_strerror"},
        pair{&f.getdate, "curl_getdate"}, pair{&f.multi_init, "curl_multi_init"},
        pair{&f.multi_cleanup, "curl_multi_cleanup"}, pair{&f.multi_add_handle, "curl_multi_add_handle"},
        pair{&f.multi_remove_handle, "curl_multi_remove_handle"}, pair{&f.multi_perform, "curl_multi_perform"},
        pair{&f.multi_poll, "curl_multi_poll"}, pair{&f.multi_info_read, "curl_multi_info_read"},
        pair{&f.multi_strerror, "curl_multi_strerror"}, pair{&f.slist_append, "curl_slist_append"},
        pair{&f.slist_free_all, "curl_slist_free_all"});
    if (!found)
        // TRANSLATORS: {1} is a library file such as libcurl.so.4
        return opened::failure(format(_("the AI assistant needs libcurl 7.66 or later; {1} is older"),
                                      BPM_LIBCURL_SONAME));
    return opened::success(&f);
}

#else

result<const curl_functions*> open_library() {
    static const curl_functions f{&curl_global_init,     &curl_easy_init,         &curl_easy_cleanup,
                                  &curl_easy_setopt,     &curl_easy_getinfo,      &curl_easy_strerror,
                                  &curl_getdate,         &curl_multi_init,        &curl_multi_cleanup,
                                  &curl_multi_add_handle, &curl_multi_remove_handle, &curl_multi_perform,
                                  &curl_multi_poll,      &curl_multi_info_read,   &curl_multi_strerror,
                                  &curl_slist_append,    &curl_slist_free_all};
    return result<const curl_functions*>::success(&f);
}

#endif

}  // namespace

const result<const curl_functions*>& load_curl() {
    static const result<const curl_functions*> loaded = [] {
        result<const curl_functions*> opened = open_library();
        if (opened) (*opened.value)->global_init(CURL_GLOBAL_DEFAULT);
        return opened;
    }();
    return loaded;
}

}  // namespace bpm::ai_detail
