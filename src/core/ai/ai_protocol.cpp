#include "bpm/ai_protocol.h"

#include <nlohmann/json.hpp>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

using json = nlohmann::ordered_json;

json parse(std::string_view text) { return json::parse(text.begin(), text.end(), nullptr, false); }

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

const std::string* string_member(const json& j, const char* key) {
    const json* m = member(j, key);
    return m && m->is_string() ? m->get_ptr<const std::string*>() : nullptr;
}

// The explanation in the error shapes services use: OpenAI and vLLM {"error": {"message"}},
// Ollama {"error": "..."}, others {"message"} or FastAPI's {"detail"}.
std::string error_text(const json& j) {
    if (const json* e = member(j, "error")) {
        if (e->is_string()) return e->get<std::string>();
        if (const std::string* m = string_member(*e, "message")) return *m;
    }
    if (const std::string* m = string_member(j, "message")) return *m;
    if (const json* d = member(j, "detail")) {
        if (d->is_string()) return d->get<std::string>();
        if (d->is_array() && !d->empty())
            if (const std::string* m = string_member(d->front(), "msg")) return *m;
    }
    return {};
}

const json* first_choice(const json& j) {
    const json* choices = member(j, "choices");
    if (!choices || !choices->is_array() || choices->empty() || !choices->front().is_object()) return nullptr;
    return &choices->front();
}

// The service's message as one line, the key masked before the cut so that no part of it shows.
std::string error_excerpt(const json& j, std::string_view api_key, std::size_t max_bytes) {
    return one_line_excerpt(mask_api_key(error_text(j), api_key), max_bytes);
}

std::string mebibytes(std::size_t bytes) { return std::to_string(bytes >> 20); }

}  // namespace

std::string answer_too_large_reason() {
    // TRANSLATORS: {1} is a number of mebibytes, "4"
    return format(_("the AI service's answer is larger than {1} MiB, the most the assistant reads"),
                  mebibytes(max_ai_answer_bytes));
}

std::string sse_decoder::too_large_reason() {
    // TRANSLATORS: {1} is a number of mebibytes, "1"; an event is one message of a streamed answer
    return format(_("the AI service streamed an event larger than {1} MiB (data lines without the blank line "
                    "that ends an event), so its answer was not read further"),
                  mebibytes(max_ai_event_bytes));
}

std::string chat_request_body(const std::string& model, const chat_request& request) {
    json body;
    body["model"] = model;
    json messages = json::array();
    for (const chat_message& m : request.messages) messages.push_back(json{{"role", m.role}, {"content", m.content}});
    body["messages"] = std::move(messages);
    body["stream"] = request.stream;
    if (request.temperature) body["temperature"] = *request.temperature;
    // Text is valid UTF-8 by the time it gets here; replacing keeps a stray byte from throwing.
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool sse_decoder::feed(std::string_view bytes, const event_callback& on_event) {
    if (too_large()) return false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c != '\n' && c != '\r') {
            after_cr_ = false;
            continue;
        }
        if (c == '\n' && after_cr_ && i == start && partial_.empty()) {
            // The LF of a CRLF whose CR ended the previous line, perhaps in the previous chunk.
            after_cr_ = false;
            start = i + 1;
            continue;
        }
        partial_.append(bytes.substr(start, i - start));
        line(partial_, on_event);
        partial_.clear();
        if (too_large()) return false;
        start = i + 1;
        after_cr_ = c == '\r';
    }
    partial_.append(bytes.substr(start));
    return !too_large();
}

void sse_decoder::finish(const event_callback& on_event) {
    partial_.clear();
    if (has_data_) line({}, on_event);
}

void sse_decoder::line(std::string_view text, const event_callback& on_event) {
    if (text.empty()) {
        if (!has_data_) return;
        // Moved out first: on_event may feed more.
        const std::string data = std::move(data_);
        data_.clear();
        has_data_ = false;
        on_event(data);
        return;
    }
    if (text.front() == ':') return;  // a comment, which services send to keep the connection open
    const std::size_t colon = text.find(':');
    const std::string_view field = text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field != "data") return;  // event, id and retry mean nothing to a chat completion
    if (has_data_) data_ += '\n';
    data_.append(value);
    has_data_ = true;
}

result<> chat_stream_reader::event(const std::string& data, const token_callback& on_token) {
    if (complete_) return result<>::success();
    if (trim(data) == "[DONE]") {
        complete_ = true;
        take(masker_.finish(), on_token);
        return result<>::success();
    }
    const json j = parse(data);
    if (j.is_discarded() || !j.is_object())
        return result<>::failure(_("the AI service sent a piece of its answer that is not valid JSON"));
    if (member(j, "error")) {
        const std::string why = one_line_excerpt(masker_.mask(error_text(j)), 200);
        return result<>::failure(why.empty() ? _("the AI service reported an error in the middle of its answer")
                                        : format(_("the AI service reported an error in the middle of its answer: "
                                                   "{1}"),
                                                 why));
    }
    const json* choice = first_choice(j);
    if (!choice) return result<>::success();  // such as a final chunk with only usage figures
    const std::string* piece = nullptr;
    if (const json* delta = member(*choice, "delta")) piece = string_member(*delta, "content");
    else if (const json* m = member(*choice, "message")) piece = string_member(*m, "content");
    if (piece && !piece->empty()) {
        // Characters a map cannot hold go before the key is looked for: dropped after, a key
        // with a control character inside would come out whole.
        take(masker_.feed(strip_xml_invalid_chars(*piece)), on_token);
        if (text_.size() > max_ai_answer_bytes) return result<>::failure(answer_too_large_reason());
    }
    if (const std::string* reason = string_member(*choice, "finish_reason"); reason && !reason->empty()) {
        complete_ = true;
        take(masker_.finish(), on_token);
    }
    return result<>::success();
}

void chat_stream_reader::take(const std::string& masked, const token_callback& on_token) {
    if (masked.empty()) return;
    text_ += masked;
    if (on_token) on_token(masked);
}

result<std::string> parse_chat_completion(std::string_view body, std::string_view api_key) {
    const json j = parse(body);
    if (j.is_discarded() || !j.is_object())
        return result<std::string>::failure({_("the AI service sent an answer that is not valid JSON")});
    if (member(j, "error")) {
        const std::string why = error_excerpt(j, api_key, 200);
        return result<std::string>::failure({why.empty() ? _("the AI service reported an error")
                                                         : format(_("the AI service reported an error: {1}"), why)});
    }
    const json* choice = first_choice(j);
    const json* m = choice ? member(*choice, "message") : nullptr;
    const std::string* content = m ? string_member(*m, "content") : nullptr;
    if (!content) return result<std::string>::failure({_("the AI service's answer holds no message")});
    return result<std::string>::success(mask_api_key(strip_xml_invalid_chars(*content), api_key));
}

std::string service_error_message(std::string_view body, std::string_view api_key, std::size_t max_bytes) {
    const json j = parse(body);
    if (!j.is_discarded()) return j.is_object() ? error_excerpt(j, api_key, max_bytes) : std::string();
    const std::string_view t = trim(body);
    // An HTML error page from a proxy says nothing a single line could show.
    if (t.empty() || t.front() == '<') return {};
    return one_line_excerpt(mask_api_key(t, api_key), max_bytes);
}

}  // namespace bpm
