#pragma once
// The wire format of OpenAI-compatible Chat Completions: request bodies, the Server-Sent Events
// of streamed answers, and answer and error bodies. No networking here; ai_client does that.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bpm/api_key_mask.h"
#include "bpm/diagnostic.h"

namespace bpm {

/// Most bytes of one streamed event the client reads: its data lines and the line being read
/// (1 MiB). A piece of an answer takes a few hundred; a service that never sends the blank line
/// ending an event must not fill the memory.
inline constexpr std::size_t max_ai_event_bytes = std::size_t(1) << 20;
/// Most bytes of one answer the client reads: the streamed text, or a non-streamed body (4 MiB).
/// The largest answer the assistant can use, a persona of 30 pain points and 12 stages with
/// every field full (about 430,000 characters), takes 1.7 MB even in 4-byte characters; a
/// summary is at most 1 MiB, the most a field holds.
inline constexpr std::size_t max_ai_answer_bytes = std::size_t(4) << 20;

/// Why an answer past max_ai_answer_bytes was not read to its end, naming the cap.
std::string answer_too_large_reason();

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

    /// Decodes more bytes, calling on_event for each event they complete; false (and nothing
    /// more decoded) once the event being read, with its unfinished line, grows past
    /// max_ai_event_bytes.
    bool feed(std::string_view bytes, const event_callback& on_event);
    /// Why feed returned false, naming the cap.
    static std::string too_large_reason();
    /// The stream ended: delivers an event whose data lines are complete but whose closing blank
    /// line never came. A line cut off without its end is dropped.
    void finish(const event_callback& on_event);

private:
    void line(std::string_view text, const event_callback& on_event);
    bool too_large() const { return partial_.size() + data_.size() > max_ai_event_bytes; }

    std::string partial_;    // the start of a line whose end has not arrived
    std::string data_;       // the data lines of the event being read
    bool has_data_ = false;
    bool after_cr_ = false;  // the last byte ended a line with CR; an LF right after it ends no other
};

/// Follows the events of a streamed chat completion, masking api_key (when set) in all it takes,
/// even when the key is split between two events.
class chat_stream_reader {
public:
    /// A reader that masks api_key in the answer and in the errors it reports.
    explicit chat_stream_reader(std::string api_key = {}) : masker_(std::move(api_key)) {}

    /// Takes one event's data: appends its content, without the characters XML cannot carry and
    /// with the key masked, and passes it to on_token (when set);
    /// the last bytes that may begin the key follow with the next piece or the answer's end. Fails
    /// with a one-line reason when the event reports an error, is not JSON, or takes the answer
    /// past max_ai_answer_bytes.
    result<> event(const std::string& data, const token_callback& on_token);
    /// True once the service said the answer is complete ([DONE] or a finish_reason).
    bool complete() const { return complete_; }
    /// The answer so far, masked.
    const std::string& text() const { return text_; }

private:
    void take(const std::string& masked, const token_callback& on_token);

    api_key_masker masker_;
    std::string text_;
    bool complete_ = false;
};

/// The answer in a non-streamed Chat Completions body (choices[0].message.content) without the
/// characters XML cannot carry and with api_key masked, or a one-line reason why there is none.
result<std::string> parse_chat_completion(std::string_view body, std::string_view api_key = {});

/// The service's own explanation in an error body ({"error": {"message": ...}}, {"error": "..."},
/// {"message": ...}, {"detail": ...} or short plain text) as one line of at most max_bytes, with
/// api_key masked before the line is cut; "" when there is none.
std::string service_error_message(std::string_view body, std::string_view api_key = {},
                                  std::size_t max_bytes = 200);

}  // namespace bpm
