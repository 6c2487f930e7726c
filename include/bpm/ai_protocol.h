#pragma once
// The wire format of OpenAI-compatible Chat Completions: request bodies, the Server-Sent Events
// of streamed answers, and answer and error bodies. No networking here; ai_client does that.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/diagnostic.h"

namespace bpm {

/// One message of a chat: who says it ("system", "user" or "assistant") and what.
struct chat_message {
    std::string role;
    std::string content;
};

/// What to ask a chat service.
struct chat_request {
    std::vector<chat_message> messages;
    /// Lower is more predictable; unset leaves the service's default.
    std::optional<double> temperature;
    /// Whether the answer comes piece by piece as it is written (Server-Sent Events).
    bool stream = true;
};

/// Receives each piece of an answer, in order, as it arrives.
using token_callback = std::function<void(std::string_view piece)>;

/// The JSON body of a Chat Completions request for model.
std::string chat_request_body(const std::string& model, const chat_request& request);

/// Splits a Server-Sent Events byte stream into the data of its events, however the bytes are cut
/// into chunks: lines may end in LF, CRLF or CR, comment lines (keepalives) are skipped, and the
/// data lines of one event are joined with '\n'.
class sse_decoder {
public:
    /// Receives the data of one event.
    using event_callback = std::function<void(const std::string& data)>;
    /// Longest line accepted, so a broken service cannot fill the memory.
    static constexpr std::size_t max_line_bytes = std::size_t(1) << 20;

    /// Decodes more bytes, calling on_event for each event they complete; false (and nothing
    /// more decoded) once a line grows past max_line_bytes.
    bool feed(std::string_view bytes, const event_callback& on_event);
    /// The stream ended: delivers an event whose data lines are complete but whose closing blank
    /// line never came. A line cut off without its end is dropped.
    void finish(const event_callback& on_event);

private:
    void line(std::string_view text, const event_callback& on_event);

    std::string partial_;    // the start of a line whose end has not arrived
    std::string data_;       // the data lines of the event being read
    bool has_data_ = false;
    bool after_cr_ = false;  // the last byte ended a line with CR; an LF right after it ends no other
};

/// Follows the events of a streamed chat completion.
class chat_stream_reader {
public:
    /// Takes one event's data: appends its content and passes it to on_token (when set). Fails
    /// with a one-line reason when the event reports an error or is not JSON.
    result<> event(const std::string& data, const token_callback& on_token);
    /// True once the service said the answer is complete ([DONE] or a finish_reason).
    bool complete() const { return complete_; }
    /// The answer so far.
    const std::string& text() const { return text_; }

private:
    std::string text_;
    bool complete_ = false;
};

/// The answer in a non-streamed Chat Completions body (choices[0].message.content), or a one-line
/// reason why there is none.
result<std::string> parse_chat_completion(std::string_view body);

/// The service's own explanation in an error body ({"error": {"message": ...}}, {"error": "..."},
/// {"message": ...}, {"detail": ...} or short plain text) as one line of at most max_bytes; ""
/// when there is none.
std::string service_error_message(std::string_view body, std::size_t max_bytes = 200);

}  // namespace bpm
