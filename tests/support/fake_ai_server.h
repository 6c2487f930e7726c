#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace bpm::test {

/// One request the fake server received.
struct recorded_request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    /// The value of a header (name in lower case), or "" when it was not sent.
    std::string header(const std::string& name) const;
    /// True when the header (name in lower case) was sent.
    bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

/// One scripted response of the fake server.
struct fake_response {
    /// How the end of the body is told.
    enum class framing { length, close, chunked };

    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    /// The body, written piece by piece so that the client reads the pieces separately.
    std::vector<std::string> pieces;
    framing body_framing = framing::length;
    /// Waited before the status line is sent (a slow service).
    std::chrono::milliseconds delay{0};
    /// Waited before each piece but the first.
    std::chrono::milliseconds piece_delay{0};
    /// How long the connection stays open after the last piece, as a service that holds the
    /// response open after the answer.
    std::chrono::milliseconds linger{0};
    /// Closes the connection before the body is complete: a Content-Length promising more, or a
    /// chunked body without its last chunk.
    bool cut = false;
};

/// A non-streamed Chat Completions answer with this content.
fake_response completion_reply(const std::string& content);
/// A streamed answer, one event per piece; complete adds finish_reason "stop" and [DONE].
fake_response stream_reply(const std::vector<std::string>& pieces, bool complete = true);
/// An error status with the OpenAI error body {"error": {"message": ...}}, or no body when
/// message is empty.
fake_response error_reply(int status, const std::string& message);

/// An HTTP/1.1 server on 127.0.0.1 (any free port) in a background thread, with plain POSIX
/// sockets: it answers requests one at a time, in order, with the scripted responses (500 when
/// none is left), closes each connection after its answer, and records every request. Anything
/// that is not HTTP (a TLS handshake) gets a plain-text 400.
class fake_ai_server {
public:
    fake_ai_server();
    ~fake_ai_server();
    fake_ai_server(const fake_ai_server&) = delete;
    fake_ai_server& operator=(const fake_ai_server&) = delete;

    /// The port it listens on.
    int port() const { return port_; }
    /// "http://127.0.0.1:PORT/v1", the base URL for ai_settings.
    std::string base_url() const;
    /// Adds a response for the next request not yet answered.
    void script(fake_response r);
    /// The requests received so far.
    std::vector<recorded_request> requests() const;
    /// How many responses have begun (their delay over, the status line being sent): a client
    /// that gave up before then has seen none of its answer.
    std::size_t responses_begun() const;

private:
    void run();
    void serve(int fd);
    void respond(int fd, const fake_response& r);
    bool wait_readable(int fd) const;
    bool pause(std::chrono::milliseconds d) const;

    int listen_fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    int port_ = 0;
    mutable std::mutex mutex_;
    std::deque<fake_response> script_;
    std::vector<recorded_request> requests_;
    std::size_t begun_ = 0;
    std::thread thread_;
};

/// A port on 127.0.0.1 that nothing listens on: bound and closed just now.
int closed_port();

}  // namespace bpm::test
