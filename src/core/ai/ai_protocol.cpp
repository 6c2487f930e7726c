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

}  // namespace

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
    if (partial_.size() > max_line_bytes) return false;
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
        start = i + 1;
        after_cr_ = c == '\r';
    }
    partial_.append(bytes.substr(start));
    return partial_.size() <= max_line_bytes;
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
        return result<>::success();
    }
    const json j = parse(data);
    if (j.is_discarded() || !j.is_object())
        return result<>::failure(_("the AI service sent a piece of its answer that is not valid JSON"));
    if (member(j, "error")) {
        const std::string why = one_line_excerpt(error_text(j), 200);
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
        text_ += *piece;
        if (on_token) on_token(*piece);
    }
    if (const std::string* reason = string_member(*choice, "finish_reason"); reason && !reason->empty())
        complete_ = true;
    return result<>::success();
}

result<std::string> parse_chat_completion(std::string_view body) {
    const json j = parse(body);
    if (j.is_discarded() || !j.is_object())
        return result<std::string>::failure({_("the AI service sent an answer that is not valid JSON")});
    if (member(j, "error")) {
        const std::string why = one_line_excerpt(error_text(j), 200);
        return result<std::string>::failure({why.empty() ? _("the AI service reported an error")
                                                         : format(_("the AI service reported an error: {1}"), why)});
    }
    const json* choice = first_choice(j);
    const json* m = choice ? member(*choice, "message") : nullptr;
    const std::string* content = m ? string_member(*m, "content") : nullptr;
    if (!content) return result<std::string>::failure({_("the AI service's answer holds no message")});
    return result<std::string>::success(*content);
}

std::string service_error_message(std::string_view body, std::size_t max_bytes) {
    const json j = parse(body);
    if (!j.is_discarded()) return j.is_object() ? one_line_excerpt(error_text(j), max_bytes) : std::string();
    const std::string_view t = trim(body);
    // An HTML error page from a proxy says nothing a single line could show.
    if (t.empty() || t.front() == '<') return {};
    return one_line_excerpt(t, max_bytes);
}

}  // namespace bpm
