#pragma once
// Internal to the AI layer: libcurl, loaded when the assistant first calls a service rather than
// when the program starts. Linked the usual way, libcurl and the thirty libraries it brings (TLS,
// Kerberos, LDAP, IDN...) cost every run of bpmap-cli and every start of the editor 3 ms, AI or
// not. Where libcurl is not a shared ELF library (macOS, Windows, a static build) it is linked as
// usual and load_curl() hands out the linked functions.

#include <curl/curl.h>

#include "bpm/diagnostic.h"

namespace bpm::ai_detail {

/// The libcurl functions the AI client calls.
struct curl_functions {
    decltype(&curl_global_init) global_init = nullptr;
    decltype(&curl_easy_init) easy_init = nullptr;
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&curl_easy_setopt) easy_setopt = nullptr;
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&curl_easy_strerror) easy_strerror = nullptr;
    decltype(&curl_getdate) getdate = nullptr;
    decltype(&curl_multi_init) multi_init = nullptr;
    decltype(&curl_multi_cleanup) multi_cleanup = nullptr;
    decltype(&curl_multi_add_handle) multi_add_handle = nullptr;
    decltype(&curl_multi_remove_handle) multi_remove_handle = nullptr;
    decltype(&curl_multi_perform) multi_perform = nullptr;
    decltype(&curl_multi_poll) multi_poll = nullptr;
    decltype(&curl_multi_info_read) multi_info_read = nullptr;
    decltype(&curl_multi_strerror) multi_strerror = nullptr;
    decltype(&curl_slist_append) slist_append = nullptr;
    decltype(&curl_slist_free_all) slist_free_all = nullptr;
};

/// libcurl's functions, loaded and globally initialised at the first call (from any thread, once
/// per process); fails with a one-line message naming the library when it cannot be loaded.
const result<const curl_functions*>& load_curl();

}  // namespace bpm::ai_detail
