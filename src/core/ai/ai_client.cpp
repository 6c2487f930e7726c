#include "bpm/ai_client.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <new>
#include <thread>

#include "bpm/api_key_mask.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "bpm/version.h"
#include "curl_library.h"

namespace bpm {

void cancel_token::cancel() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        flag_ = true;
    }
    woken_.notify_all();
}

bool cancel_token::wait_for(std::chrono::milliseconds d) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return woken_.wait_for(lock, d, [this] { return flag_.load(); });
}

namespace {

using steady = std::chrono::steady_clock;

// Only the start of an error body is read: its message comes first.
constexpr std::size_t max_error_body_bytes = std::size_t(64) << 10;
// How many timeouts one call may last in all, however steadily its answer arrives.
constexpr int whole_answer_timeouts = 10;
// How often the transfer loop looks at the cancel token and the idle time.
constexpr int poll_ms = 25;
// A Retry-After beyond a day is taken as a day: longer than any wait the client accepts, and
// small enough that no sum or product of it overflows.
constexpr long max_retry_after_seconds = 24 * 60 * 60;

// libcurl, once ai_client::complete has loaded it.
const ai_detail::curl_functions& curl() { return **ai_detail::load_curl().value; }

struct easy_deleter {
    void operator()(CURL* c) const { curl().easy_cleanup(c); }
};
struct multi_deleter {
    void operator()(CURLM* m) const { curl().multi_cleanup(m); }
};
struct slist_deleter {
    void operator()(curl_slist* l) const { curl().slist_free_all(l); }
};

// What one attempt learns, filled in by curl's callbacks.
struct transfer {
    CURL* easy = nullptr;
    const token_callback* on_token = nullptr;
    const cancel_token* cancel = nullptr;
    // When the answer last grew (headers, body bytes, or a streamed event that brought a piece
    // of the answer): keep-alive comments and empty events do not count, so a service that
    // sends only those times out like a silent one.
    steady::time_point last_activity = steady::now();
    long status = 0;
    bool started = false;    // the first bytes of the body arrived
    bool streaming = false;  // the body is an event stream
    std::string body;        // a whole answer, or the start of an error body
    sse_decoder decoder;
    chat_stream_reader reader;
    std::string failure;     // why a callback stopped the transfer
    std::optional<long> retry_after_seconds;
    std::exception_ptr exception;  // thrown by on_token; rethrown once curl has returned
};

bool is_success(long status) { return status >= 200 && status < 300; }

// The wait a Retry-After value asks for (RFC 9110: a number of seconds, or an HTTP date), at
// most max_retry_after_seconds; none when it is neither, and the usual backoff applies.
std::optional<long> retry_after(std::string_view value) {
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        long seconds = 0;
        for (char c : value) {
            seconds = seconds * 10 + (c - '0');
            if (seconds >= max_retry_after_seconds) return max_retry_after_seconds;
        }
        return seconds;
    }
    const std::time_t when = curl().getdate(std::string(value).c_str(), nullptr);
    if (when == -1) return std::nullopt;
    const std::time_t now = std::time(nullptr);
    if (when <= now) return 0;
    return static_cast<long>(std::min<std::time_t>(when - now, max_retry_after_seconds));
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<transfer*>(user);
    const std::size_t bytes = size * count;
    t.last_activity = steady::now();
    const std::string_view line = trim(std::string_view(data, bytes));
    const std::string start = ascii_lower(line.substr(0, 12));
    if (start.rfind("http/", 0) == 0) t.retry_after_seconds.reset();  // a new response (after 100 Continue)
    if (start == "retry-after:") t.retry_after_seconds = retry_after(trim(line.substr(start.size())));
    return bytes;
}

// Takes a piece of the body; false stops the transfer, because of t.failure or because the
// streamed answer is complete.
bool take_body(transfer& t, std::string_view chunk) {
    if (!t.started) {
        t.started = true;
        curl().easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.status);
        char* type = nullptr;
        curl().easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &type);
        // A service that ignores "stream" answers with plain JSON, which is read as a whole.
        t.streaming = is_success(t.status) && type && ascii_lower(type).find("text/event-stream") != std::string::npos;
    }
    if (!t.streaming) {
        const std::size_t limit = is_success(t.status) ? max_ai_answer_bytes : max_error_body_bytes;
        if (t.body.size() + chunk.size() > limit) {
            if (is_success(t.status)) {
                t.failure = answer_too_large_reason();
                return false;
            }
            chunk = chunk.substr(0, limit - t.body.size());  // an error's message comes first
        }
        t.body.append(chunk);
        return true;
    }
    result<> problem = result<>::success();
    const token_callback progressed = [&t](std::string_view piece) {
        t.last_activity = steady::now();
        if (*t.on_token) (*t.on_token)(piece);
    };
    const bool fits = t.decoder.feed(chunk, [&](const std::string& data) {
        if (problem) problem = t.reader.event(data, progressed);
    });
    if (!fits) problem = result<>::failure(sse_decoder::too_large_reason());
    t.failure = problem.error();
    // Nothing after a complete answer matters, even from a service that keeps the response open.
    return problem && !t.reader.complete();
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<transfer*>(user);
    if (!t.streaming) t.last_activity = steady::now();
    if (t.cancel && t.cancel->cancelled()) return 0;
    const std::size_t bytes = size * count;
    try {
        return take_body(t, std::string_view(data, bytes)) ? bytes : 0;
    } catch (...) {
        // No exception may cross curl's C frames.
        t.exception = std::current_exception();
        return 0;
    }
}

std::string seconds_text(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, seconds == std::floor(seconds) ? "%.0f" : "%.1f", seconds);
    return buf;
}

std::string network_failure(CURLcode code, const char* errbuf, const ai_settings& s) {
    const std::string host = ai_host(s);
    const std::string detail = one_line_excerpt(*errbuf ? errbuf : curl().easy_strerror(code), 200);
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return format(_("could not find the AI service's host {1}: the name does not resolve (check the URL "
                            "and the network)"),
                          host);
        case CURLE_COULDNT_RESOLVE_PROXY: return format(_("could not find the proxy server: {1}"), detail);
        case CURLE_COULDNT_CONNECT:
            return format(_("could not connect to the AI service at {1}: the connection was refused or the host is "
                            "unreachable (is the service running?)"),
                          host);
        case CURLE_OPERATION_TIMEDOUT:
            return format(_("the AI service at {1} did not answer within {2} seconds"), host,
                          seconds_text(s.timeout_seconds));
        case CURLE_PEER_FAILED_VERIFICATION:
            return format(_("the certificate of the AI service at {1} could not be verified: {2}"), host, detail);
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_USE_SSL_FAILED:
            return format(_("could not set up a secure (TLS) connection to the AI service at {1}: {2}"), host, detail);
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return format(_("the connection to the AI service at {1} broke off before the answer was complete"), host);
        default: return format(_("the request to the AI service at {1} failed: {2}"), host, detail);
    }
}

std::string http_failure(long status, const std::string& body, const ai_settings& s) {
    const std::string host = ai_host(s);
    const std::string code = std::to_string(status);
    std::string text;
    if ((status == 401 || status == 403) && sends_api_key(s))
        text = format(_("the AI service at {1} refused the API key (HTTP {2})"), host, code);
    else if (status == 401 || status == 403)
        text = s.api_key.empty()
                   ? format(_("the AI service at {1} wants an API key (HTTP {2}); set BPMAP_API_KEY or enter the key "
                              "in Preferences"),
                            host, code)
                   : format(_("the AI service at {1} wants an API key (HTTP {2}), and the settings say to send it "
                              "none"),
                            host, code);
    else if (status == 404)
        text = format(_("the AI service at {1} has no model \"{2}\" or no chat API at this URL (HTTP 404)"), host,
                      one_line_excerpt(s.model, 80));
    else if (status == 429)
        text = format(_("the AI service at {1} is busy or over its rate limit (HTTP 429)"), host);
    else if (status >= 500)
        text = format(_("the AI service at {1} had a server error (HTTP {2})"), host, code);
    else
        text = format(_("the AI service at {1} turned the request down (HTTP {2})"), host, code);
    const std::string why = service_error_message(body, s.api_key);
    return why.empty() ? text : text + ": " + why;
}

// What one request came to.
struct attempt_outcome {
    enum kind { answered, failed, retryable, cancelled } what = failed;
    std::string text;  // the answer, or why there is none
    std::optional<long> retry_after_seconds;
};

attempt_outcome attempt(const ai_settings& s, const std::string& url, const std::string& body, bool stream,
                        const token_callback& on_token, const cancel_token* cancel) {
    using kind = attempt_outcome::kind;
    curl_slist* list = nullptr;
    list = curl().slist_append(list, "Content-Type: application/json");
    list = curl().slist_append(list, stream ? "Accept: text/event-stream" : "Accept: application/json");
    list = curl().slist_append(list, "Expect:");  // no 100-continue round trip before the body
    if (sends_api_key(s)) list = curl().slist_append(list, ("Authorization: Bearer " + s.api_key).c_str());
    const std::unique_ptr<curl_slist, slist_deleter> headers(list);
    const std::unique_ptr<CURL, easy_deleter> easy(curl().easy_init());
    const std::unique_ptr<CURLM, multi_deleter> multi(curl().multi_init());
    if (!easy || !multi || !headers) throw std::bad_alloc();

    transfer t;
    t.reader = chat_stream_reader(s.api_key);
    t.easy = easy.get();
    t.on_token = &on_token;
    t.cancel = cancel;
    char errbuf[CURL_ERROR_SIZE] = {};
    const std::string agent = std::string("BuyingProcessMapper/") + version;
    CURL* e = easy.get();
    curl().easy_setopt(e, CURLOPT_URL, url.c_str());
    curl().easy_setopt(e, CURLOPT_POST, 1L);
    curl().easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
    curl().easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl().easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    curl().easy_setopt(e, CURLOPT_USERAGENT, agent.c_str());
    curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl().easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl().easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl().easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
    curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.timeout_seconds * 1000));
    // The key goes to the configured host only: no redirects, and no protocol but HTTP(S).
    curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl().easy_setopt(e, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    // A service on this computer is reached directly. no_proxy names loopback addresses one by
    // one, so http_proxy or ALL_PROXY would carry a key sent to http://127.0.0.2 to the proxy in
    // the clear; the user's no_proxy still applies to any other host.
    if (is_local_service(s)) curl().easy_setopt(e, CURLOPT_PROXY, "");
    // TLS verification stays at curl's defaults (peer and host verified) on purpose.

    // The multi interface lets the loop look at the cancel token every poll_ms, however idle the
    // connection is; the easy interface's progress callback may wait a second between calls.
    curl().multi_add_handle(multi.get(), e);
    const auto idle_limit = std::chrono::duration<double>(s.timeout_seconds);
    // However steadily the answer trickles in, one call ends: after ten timeouts (ten minutes
    // with the default timeout) it stops with a message saying so.
    const auto whole_limit = idle_limit * whole_answer_timeouts;
    const auto began = steady::now();
    bool stopped = false, timed_out = false, overran = false;
    int running = 1;
    CURLMcode multi_code = CURLM_OK;
    while ((multi_code = curl().multi_perform(multi.get(), &running)) == CURLM_OK && running) {
        if (cancel && cancel->cancelled()) {
            stopped = true;
            break;
        }
        if (steady::now() - t.last_activity > idle_limit) {
            timed_out = true;
            break;
        }
        if (steady::now() - began > whole_limit) {
            overran = true;
            break;
        }
        curl().multi_poll(multi.get(), nullptr, 0, poll_ms, nullptr);
    }
    CURLcode code = CURLE_OK;
    int left = 0;
    while (CURLMsg* m = curl().multi_info_read(multi.get(), &left))
        if (m->msg == CURLMSG_DONE) code = m->data.result;
    curl().multi_remove_handle(multi.get(), e);

    if (t.exception) std::rethrow_exception(t.exception);
    if (stopped || (cancel && cancel->cancelled())) return {kind::cancelled, {}, {}};
    if (multi_code == CURLM_OUT_OF_MEMORY) throw std::bad_alloc();
    if (multi_code != CURLM_OK)
        return {kind::failed,
                format(_("the request to the AI service at {1} failed: {2}"), ai_host(s), curl().multi_strerror(multi_code)),
                {}};
    if (timed_out) code = CURLE_OPERATION_TIMEDOUT;
    if (overran)
        // TRANSLATORS: {1} is the service's host, {2} a number of seconds
        return {kind::failed,
                format(_("the AI service at {1} was still answering after {2} seconds, ten times the timeout; "
                         "the assistant stopped waiting"),
                       ai_host(s), seconds_text(s.timeout_seconds * whole_answer_timeouts)),
                {}};
    if (!t.failure.empty()) return {kind::failed, t.failure, {}};
    // A stream that said it was complete has its whole answer, however the connection then ended.
    const bool stream_complete = t.streaming && t.reader.complete();
    if (code != CURLE_OK && !stream_complete) return {kind::failed, network_failure(code, errbuf, s), {}};

    long http_status = 0;
    curl().easy_getinfo(e, CURLINFO_RESPONSE_CODE, &http_status);
    if (!is_success(http_status))
        return {http_status == 429 || http_status >= 500 ? kind::retryable : kind::failed,
                http_failure(http_status, t.body, s), t.retry_after_seconds};

    std::string answer;
    if (t.streaming) {
        result<> problem = result<>::success();
        t.decoder.finish([&](const std::string& data) {
            if (problem) problem = t.reader.event(data, on_token);
        });
        if (!problem) return {kind::failed, problem.error(), {}};
        if (!t.reader.complete())
            return {kind::failed,
                    format(_("the answer from the AI service at {1} broke off mid-way (the stream ended before it "
                             "was complete)"),
                           ai_host(s)),
                    {}};
        answer = t.reader.text();
    } else {
        result<std::string> parsed = parse_chat_completion(t.body, s.api_key);
        if (!parsed) return {kind::failed, parsed.error(), {}};
        answer = std::move(*parsed.value);
        if (on_token && !answer.empty()) on_token(answer);
    }
    if (trim(answer).empty()) return {kind::failed, _("the AI service sent an empty answer"), {}};
    return {kind::answered, std::move(answer), {}};
}

}  // namespace

result<std::string> ai_client::complete(const chat_request& request, const token_callback& on_token,
                                        const cancel_token* cancel) const {
    using result_type = result<std::string>;
    if (const result<> ok = validate_ai_settings(settings_); !ok) return result_type::failure_of(ok);
    if (const auto& loaded = ai_detail::load_curl(); !loaded) return result_type::failure_of(loaded);
    const std::string url = chat_completions_url(settings_);
    const std::string body = chat_request_body(settings_.model, request);
    long delay_ms = std::max(0L, settings_.retry_delay_ms);
    for (int tries = 1;; ++tries) {
        if (cancel && cancel->cancelled()) return result_type::cancelled();
        attempt_outcome o = attempt(settings_, url, body, request.stream, on_token, cancel);
        switch (o.what) {
            case attempt_outcome::answered: return result_type::success(std::move(o.text));
            case attempt_outcome::cancelled: return result_type::cancelled();
            // The service's own words come masked; this also covers what curl says about it.
            case attempt_outcome::failed: return result_type::failure(mask_api_key(o.text, settings_.api_key));
            case attempt_outcome::retryable: break;
        }
        if (tries > settings_.max_retries)
            return result_type::failure(mask_api_key(
                tries == 1 ? o.text : format(_("{1} (tried {2} times)"), o.text, std::to_string(tries)),
                settings_.api_key));
        long wait_ms = std::min(delay_ms, settings_.max_retry_delay_ms);
        if (o.retry_after_seconds) {
            // A service that asks for a longer wait than a piece of the answer may take is not
            // going to answer in time.
            const long longest_ms =
                std::min(settings_.max_retry_delay_ms, static_cast<long>(settings_.timeout_seconds * 1000));
            const long asked = *o.retry_after_seconds;
            if (asked * 1000 > longest_ms)
                return result_type::failure(mask_api_key(
                    asked >= max_retry_after_seconds
                        ? format(_("{1}; it asks to wait a day or more before trying again"), o.text)
                        // TRANSLATORS: {1} says why the AI service did not answer; {2} and {3} are
                        // numbers of seconds, "120" and "20"
                        : format(_("{1}; it asks to wait {2} seconds before trying again, longer than the {3} "
                                   "seconds the assistant waits"),
                                 o.text, std::to_string(asked), seconds_text(longest_ms / 1000.0)),
                    settings_.api_key));
            wait_ms = asked * 1000;
        }
        delay_ms = std::min(delay_ms * 2, std::max(settings_.max_retry_delay_ms, 1L));
        const auto wait = std::chrono::milliseconds(wait_ms);
        if (cancel ? cancel->wait_for(wait) : (std::this_thread::sleep_for(wait), false))
            return result_type::cancelled();
    }
}

}  // namespace bpm
