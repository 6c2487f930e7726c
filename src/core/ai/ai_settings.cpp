#include "bpm/ai_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

struct url_parts {
    std::string scheme;
    std::string host;
    std::string port;
    bool has_userinfo = false;
};

std::optional<url_parts> split_url(std::string_view url) {
    const std::size_t sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0) return std::nullopt;
    url_parts out;
    out.scheme = ascii_lower(url.substr(0, sep));
    std::string_view authority = url.substr(sep + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        out.has_userinfo = true;
        authority.remove_prefix(at + 1);
    }
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return out;  // no host: reported by the caller
        out.host = std::string(authority.substr(0, close + 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port = after.substr(1);
            if (port.empty()) port = "x";  // "[::1]:" has an empty, hence invalid, port
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) port = "x";
        }
    }
    out.port = std::string(port);
    return out;
}

bool valid_port(const std::string& port) {
    if (port.empty()) return true;
    if (port.size() > 5) return false;
    for (char c : port)
        if (c < '0' || c > '9') return false;
    const long n = std::strtol(port.c_str(), nullptr, 10);
    return n >= 1 && n <= 65535;
}

bool has_space_or_control(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return true;
    return false;
}

// 127.0.0.0/8 written as four decimal numbers, as curl resolves it without asking anyone.
bool is_ipv4_loopback(std::string_view host) {
    int parts = 0;
    for (std::size_t start = 0; start <= host.size(); ++parts) {
        const std::size_t dot = std::min(host.find('.', start), host.size());
        const std::string_view part = host.substr(start, dot - start);
        if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos ||
            std::stoi(std::string(part)) > 255 || (parts == 0 && part != "127"))
            return false;
        start = dot + 1;
    }
    return parts == 4;
}

bool is_loopback(const std::string& host) {
    const std::string h = ascii_lower(host);
    return h == "localhost" || h == "[::1]" || is_ipv4_loopback(h);
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(trim(v)) : std::string();
}

}  // namespace

result<> validate_ai_settings(const ai_settings& s) {
    if (trim(s.base_url).empty()) return result<>::failure(_("no AI service URL is set"));
    if (has_space_or_control(s.base_url))
        return result<>::failure(_("the AI service URL must not contain spaces or control characters"));
    const auto url = split_url(s.base_url);
    if (!url || (url->scheme != "http" && url->scheme != "https"))
        return result<>::failure(_("the AI service URL must start with http:// or https://"));
    if (url->has_userinfo)
        return result<>::failure(_("the AI service URL must not contain a user name or password; give the API key "
                              "separately"));
    if (url->host.empty()) return result<>::failure(_("the AI service URL has no host name"));
    if (!valid_port(url->port)) return result<>::failure(_("the AI service URL has an invalid port number"));
    if (trim(s.model).empty()) return result<>::failure(_("no AI model is set"));
    if (s.send_api_key && has_space_or_control(s.api_key))
        return result<>::failure(_("the API key must not contain spaces or control characters"));
    if (sends_api_key(s) && sends_in_the_clear(s))
        return result<>::failure(
            format(_("the API key would travel unencrypted to {1}: use an https:// URL for a service on another "
                     "computer (plain http:// is only for this computer), or send no key if the service needs "
                     "none"),
                   ai_host(s)));
    if (!(s.timeout_seconds > 0 && s.timeout_seconds <= 3600))
        return result<>::failure(_("the AI timeout must be more than 0 and at most 3600 seconds"));
    if (s.max_retries < 0 || s.max_retries > 10)
        return result<>::failure(_("the number of AI retries must be from 0 to 10"));
    return result<>::success();
}

result<ai_settings> ai_settings_from_environment(bool send_api_key) {
    ai_settings s;
    s.send_api_key = send_api_key;
    s.base_url = env("BPMAP_AI_URL");
    s.model = env("BPMAP_AI_MODEL");
    s.api_key = env("BPMAP_API_KEY");
    if (s.api_key.empty()) s.api_key = env("OPENAI_API_KEY");
    const std::string timeout = env("BPMAP_AI_TIMEOUT");
    if (!timeout.empty()) {
        char* end = nullptr;
        const double seconds = std::strtod(timeout.c_str(), &end);
        if (*end != '\0' || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
            return result<ai_settings>::failure(
                {format(_("BPMAP_AI_TIMEOUT must be a number of seconds up to 3600, such as 60, not \"{1}\""),
                        timeout)});
        s.timeout_seconds = seconds;
    }
    if (s.base_url.empty() != s.model.empty())
        return result<ai_settings>::failure(
            {_("set both BPMAP_AI_URL and BPMAP_AI_MODEL to use the AI assistant, or neither")});
    if (s.configured())
        if (const result<> ok = validate_ai_settings(s); !ok) return result<ai_settings>::failure_of(ok);
    return result<ai_settings>::success(std::move(s));
}

bool sends_in_the_clear(const ai_settings& s) {
    const auto url = split_url(trim(s.base_url));
    return url && url->scheme == "http" && !url->host.empty() && !is_loopback(url->host);
}

bool is_local_service(const ai_settings& s) {
    const auto url = split_url(trim(s.base_url));
    return url && is_loopback(url->host);
}

std::string ai_host(const ai_settings& s) {
    const auto url = split_url(trim(s.base_url));
    if (!url) return {};
    return url->port.empty() ? url->host : url->host + ":" + url->port;
}

std::string describe_ai_service(const ai_settings& s) {
    const std::string host = ai_host(s);
    // TRANSLATORS: names the language-model service the user set up; {1} is its host, "localhost:11434"
    return host.empty() ? _("The AI assistant") : format(_("The AI assistant at {1}"), host);
}

std::string chat_completions_url(const ai_settings& s) {
    std::string base(trim(s.base_url));
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string_view suffix = "/chat/completions";
    if (base.size() >= suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0)
        return base;
    return base + std::string(suffix);
}

}  // namespace bpm
