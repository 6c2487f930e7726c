#include "fake_ai_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bpm::test {

namespace {

using json = nlohmann::json;

bool send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

std::string event(const json& j) { return "data: " + j.dump() + "\n\n"; }

}  // namespace

std::string recorded_request::header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

fake_response completion_reply(const std::string& content) {
    fake_response r;
    const json body = {{"id", "chatcmpl-test"},
                       {"object", "chat.completion"},
                       {"model", "test-model"},
                       {"choices", json::array({{{"index", 0},
                                                 {"message", {{"role", "assistant"}, {"content", content}}},
                                                 {"finish_reason", "stop"}}})}};
    r.pieces = {body.dump()};
    return r;
}

fake_response stream_reply(const std::vector<std::string>& pieces, bool complete) {
    fake_response r;
    r.content_type = "text/event-stream";
    r.body_framing = fake_response::framing::close;
    for (const std::string& p : pieces)
        r.pieces.push_back(event({{"object", "chat.completion.chunk"},
                                  {"choices", json::array({{{"index", 0},
                                                            {"delta", {{"content", p}}},
                                                            {"finish_reason", nullptr}}})}}));
    if (complete) {
        r.pieces.push_back(event({{"object", "chat.completion.chunk"},
                                  {"choices", json::array({{{"index", 0},
                                                            {"delta", json::object()},
                                                            {"finish_reason", "stop"}}})}}));
        r.pieces.push_back("data: [DONE]\n\n");
    }
    return r;
}

fake_response error_reply(int status, const std::string& message) {
    fake_response r;
    r.status = status;
    if (!message.empty()) r.pieces = {json{{"error", {{"message", message}, {"type", "test_error"}}}}.dump()};
    return r;
}

fake_ai_server::fake_ai_server() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(listen_fd_, 16) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        pipe2(stop_pipe_, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot start the fake AI server");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
}

fake_ai_server::~fake_ai_server() {
    if (write(stop_pipe_[1], "x", 1) != 1) std::abort();
    thread_.join();
    close(listen_fd_);
    close(stop_pipe_[0]);
    close(stop_pipe_[1]);
}

std::string fake_ai_server::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

void fake_ai_server::script(fake_response r) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_.push_back(std::move(r));
}

std::vector<recorded_request> fake_ai_server::requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

std::size_t fake_ai_server::responses_begun() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return begun_;
}

bool fake_ai_server::wait_readable(int fd) const {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    while (poll(fds, 2, -1) < 0) {
    }
    return fds[1].revents == 0;
}

bool fake_ai_server::pause(std::chrono::milliseconds d) const {
    if (d.count() <= 0) return true;
    pollfd stop = {stop_pipe_[0], POLLIN, 0};
    return poll(&stop, 1, static_cast<int>(d.count())) == 0;
}

void fake_ai_server::run() {
    while (wait_readable(listen_fd_)) {
        const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        serve(fd);
        close(fd);
    }
}

void fake_ai_server::serve(int fd) {
    std::string in;
    char buf[4096];
    std::size_t header_end;
    while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
        if (!wait_readable(fd)) return;
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        in.append(buf, static_cast<std::size_t>(n));
        if (in[0] < 'A' || in[0] > 'Z') {
            send_all(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
    }
    recorded_request req;
    std::size_t line_end = in.find("\r\n");
    const std::string request_line = in.substr(0, line_end);
    const std::size_t sp1 = request_line.find(' '), sp2 = request_line.find(' ', sp1 + 1);
    req.method = request_line.substr(0, sp1);
    req.path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    for (std::size_t pos = line_end + 2; pos < header_end; pos = line_end + 2) {
        line_end = in.find("\r\n", pos);
        const std::string line = in.substr(pos, line_end - pos);
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos) req.headers[lower(line.substr(0, colon))] = trimmed(line.substr(colon + 1));
    }
    const std::size_t length = std::strtoul(req.header("content-length").c_str(), nullptr, 10);
    if (lower(req.header("expect")) == "100-continue" && in.size() - (header_end + 4) < length)
        send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
    while (in.size() - (header_end + 4) < length) {
        if (!wait_readable(fd)) return;
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        in.append(buf, static_cast<std::size_t>(n));
    }
    req.body = in.substr(header_end + 4, length);

    fake_response r = error_reply(500, "the fake server has no scripted response left");
    {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(std::move(req));
        if (!script_.empty()) {
            r = std::move(script_.front());
            script_.pop_front();
        }
    }
    respond(fd, r);
}

void fake_ai_server::respond(int fd, const fake_response& r) {
    if (!pause(r.delay)) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++begun_;
    }
    std::size_t size = 0;
    for (const std::string& p : r.pieces) size += p.size();
    std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
    head += "Content-Type: " + r.content_type + "\r\nConnection: close\r\n";
    for (const auto& [name, value] : r.headers) head += name + ": " + value + "\r\n";
    if (r.body_framing == fake_response::framing::length)
        head += "Content-Length: " + std::to_string(size + (r.cut ? 100 : 0)) + "\r\n";
    if (r.body_framing == fake_response::framing::chunked) head += "Transfer-Encoding: chunked\r\n";
    if (!send_all(fd, head + "\r\n")) return;
    for (std::size_t i = 0; i < r.pieces.size(); ++i) {
        if (i > 0 && !pause(r.piece_delay)) return;
        const std::string& p = r.pieces[i];
        if (r.body_framing != fake_response::framing::chunked) {
            if (!send_all(fd, p)) return;
            continue;
        }
        char size_line[32];
        std::snprintf(size_line, sizeof size_line, "%zx\r\n", p.size());
        if (!send_all(fd, size_line + p + "\r\n")) return;
    }
    if (r.body_framing == fake_response::framing::chunked && !r.cut) send_all(fd, "0\r\n\r\n");
    if (!pause(r.linger)) return;
    shutdown(fd, SHUT_WR);
}

int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("cannot find a free port");
    close(fd);
    return ntohs(addr.sin_port);
}

}  // namespace bpm::test
