#define BOOST_TEST_MODULE ai_protocol
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "bpm/ai_protocol.h"
#include "bpm/utf8.h"

using namespace bpm;

namespace {

// Feeds the stream to a decoder in pieces of the given size and collects the events.
std::vector<std::string> decode(std::string_view stream, std::size_t piece) {
    sse_decoder d;
    std::vector<std::string> events;
    const auto collect = [&](const std::string& data) { events.push_back(data); };
    for (std::size_t at = 0; at < stream.size(); at += piece) BOOST_TEST(d.feed(stream.substr(at, piece), collect));
    d.finish(collect);
    return events;
}

}  // namespace

BOOST_AUTO_TEST_CASE(events_come_out_whole_however_the_bytes_are_cut) {
    const std::string stream =
        ": ping\n\n"
        "data: one\n\n"
        "event: message\r\ndata: two\r\ndata:three\r\n\r\n"
        "id: 7\rdata: four\r\r"
        "retry: 100\n"
        "data\n\n"
        "data: [DONE]\n\n";
    const std::vector<std::string> expected = {"one", "two\nthree", "four", "", "[DONE]"};
    for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u})
        BOOST_TEST(decode(stream, piece) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_end_of_the_stream_delivers_complete_lines_only) {
    BOOST_TEST(decode("data: last\n", 4) == std::vector<std::string>{"last"}, boost::test_tools::per_element());
    BOOST_TEST(decode("data: half a li", 4).empty());
}

BOOST_AUTO_TEST_CASE(an_endless_line_is_refused) {
    sse_decoder d;
    const std::string chunk(64 * 1024, 'x');
    bool fits = true;
    for (int i = 0; i < 20 && fits; ++i) fits = d.feed(chunk, [](const std::string&) {});
    BOOST_TEST(!fits);
}

BOOST_AUTO_TEST_CASE(data_lines_without_the_blank_line_that_ends_an_event_are_refused_at_the_cap) {
    // Each line is short, but the event they make never ends: the fault that grew a client to 2 GB.
    sse_decoder d;
    const std::string line = "data: " + std::string(64 * 1024, 'x') + "\n";
    bool fits = true;
    std::size_t fed = 0;
    while (fits && fed <= 2 * max_ai_event_bytes) {
        fits = d.feed(line, [](const std::string&) { BOOST_FAIL("no event ends"); });
        fed += line.size();
    }
    BOOST_TEST(!fits);
    BOOST_TEST(fed <= max_ai_event_bytes + line.size());
    BOOST_TEST(sse_decoder::too_large_reason().find("larger than 1 MiB") != std::string::npos,
               sse_decoder::too_large_reason());
}

BOOST_AUTO_TEST_CASE(the_stream_reader_takes_content_and_sees_the_end) {
    chat_stream_reader r;
    std::string seen;
    const auto on_token = [&](std::string_view p) { seen += p; };
    BOOST_TEST(bool(r.event(R"({"choices":[{"delta":{"role":"assistant"}}]})", on_token)));
    BOOST_TEST(bool(r.event(R"({"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]})", on_token)));
    BOOST_TEST(bool(r.event(R"({"choices":[],"usage":{"total_tokens":3}})", on_token)));
    BOOST_TEST(!r.complete());
    BOOST_TEST(bool(r.event(R"({"choices":[{"delta":{"content":" there"},"finish_reason":"stop"}]})", on_token)));
    BOOST_TEST(r.complete());
    BOOST_TEST(bool(r.event("[DONE]", on_token)));
    BOOST_TEST(r.text() == "Hi there");
    BOOST_TEST(seen == "Hi there");
}

BOOST_AUTO_TEST_CASE(the_stream_reader_reports_errors_and_broken_events) {
    chat_stream_reader r;
    BOOST_TEST(r.event(R"({"error":"model is loading"})", {}).error() ==
               "the AI service reported an error in the middle of its answer: model is loading");
    BOOST_TEST(r.event("{\"choices\": [", {}).error() ==
               "the AI service sent a piece of its answer that is not valid JSON");
    BOOST_TEST(r.event("[1, 2]", {}).error() == "the AI service sent a piece of its answer that is not valid JSON");
}

BOOST_AUTO_TEST_CASE(the_stream_reader_stops_an_answer_past_its_cap) {
    chat_stream_reader r;
    const std::string piece(64 * 1024, 'w');
    const std::string event = R"({"choices":[{"delta":{"content":")" + piece + R"("}}]})";
    result<> taken = result<>::success();
    std::size_t pieces = 0;
    while (taken && pieces <= max_ai_answer_bytes / piece.size()) {
        taken = r.event(event, {});
        ++pieces;
    }
    BOOST_TEST(!taken);
    BOOST_TEST(pieces == max_ai_answer_bytes / piece.size() + 1);
    BOOST_TEST(taken.error() == "the AI service's answer is larger than 4 MiB, the most the assistant reads");
}

BOOST_AUTO_TEST_CASE(the_stream_reader_masks_a_key_split_between_events_wherever_it_is_cut) {
    const std::string key = "sk-live-0123456789abcdef";
    const std::string answer = "The key you gave me is " + key + ", I will not repeat it.";
    for (std::size_t cut = 0; cut <= answer.size(); ++cut) {
        chat_stream_reader r(key);
        std::string seen;
        const auto on_token = [&](std::string_view p) {
            BOOST_TEST(p.find("sk-liv") == std::string_view::npos, p);
            seen += p;
        };
        for (const std::string& part : {answer.substr(0, cut), answer.substr(cut)})
            BOOST_TEST(bool(r.event(nlohmann::json{{"choices", {{{"delta", {{"content", part}}}}}}}.dump(), on_token)));
        BOOST_TEST(bool(r.event("[DONE]", on_token)));
        BOOST_TEST(seen == "The key you gave me is [API key], I will not repeat it.");
        BOOST_TEST(r.text() == seen);
    }
}

BOOST_AUTO_TEST_CASE(a_key_with_a_control_character_inside_is_masked_once_the_character_is_dropped) {
    // A map cannot hold U+0001, so it is dropped from the answer; dropped after masking, it gave
    // back the whole key.
    const std::string key = "sk-live-0123456789abcdef";
    const std::string content = "Key: sk-li\x01ve-0123456789abcdef\x08.";
    chat_stream_reader r(key);
    std::string seen;
    for (const std::string& part : {content.substr(0, 12), content.substr(12)})
        BOOST_TEST(bool(r.event(nlohmann::json{{"choices", {{{"delta", {{"content", part}}}}}}}.dump(),
                                [&](std::string_view p) { seen += p; })));
    BOOST_TEST(bool(r.event("[DONE]", [&](std::string_view p) { seen += p; })));
    BOOST_TEST(r.text() == "Key: [API key].");
    BOOST_TEST(seen == r.text());
    const auto whole =
        parse_chat_completion(nlohmann::json{{"choices", {{{"message", {{"content", content}}}}}}}.dump(), key);
    BOOST_TEST_REQUIRE(bool(whole), whole.error());
    BOOST_TEST(*whole.value == "Key: [API key].");
}

BOOST_AUTO_TEST_CASE(a_key_in_an_error_is_masked_before_the_message_is_cut) {
    // The reported leak: a 14-character key starting 13 bytes before the 200-byte cut.
    const std::string key = "sk-abcdefghijk";
    const std::string message = std::string(187, 'x') + key + " is not a valid key";
    for (const std::string& body : {nlohmann::json{{"error", {{"message", message}}}}.dump(), message}) {
        const std::string shown = service_error_message(body, key);
        BOOST_TEST(shown.find("sk-abc") == std::string::npos, shown);
        BOOST_TEST(shown.find("[API key]") != std::string::npos, shown);
    }
    // A service that cuts the key itself leaves a start of it.
    BOOST_TEST(service_error_message(R"({"error":"Incorrect API key provided: sk-abcdef*****ijk"})", key) ==
               "Incorrect API key provided: [API key]*****ijk");
    BOOST_TEST(parse_chat_completion(nlohmann::json{{"error", message}}.dump(), key).error().find("sk-abc") ==
               std::string::npos);
    chat_stream_reader r(key);
    BOOST_TEST(r.event(nlohmann::json{{"error", message}}.dump(), {}).error().find("sk-abc") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_whole_answer_is_read_from_its_first_choice) {
    const auto ok = parse_chat_completion(R"({"choices":[{"message":{"role":"assistant","content":"Done."}}]})");
    BOOST_TEST_REQUIRE(bool(ok));
    BOOST_TEST(*ok.value == "Done.");
    BOOST_TEST(parse_chat_completion(R"({"choices":[]})").error() == "the AI service's answer holds no message");
    BOOST_TEST(parse_chat_completion(R"({"choices":[{"message":{"content":null}}]})").error() ==
               "the AI service's answer holds no message");
    BOOST_TEST(parse_chat_completion("<html>").error() == "the AI service sent an answer that is not valid JSON");
    BOOST_TEST(parse_chat_completion(R"({"error":{"message":"quota"}})").error() ==
               "the AI service reported an error: quota");
    BOOST_TEST(*parse_chat_completion(R"({"choices":[{"message":{"content":"key sk-live-0123 here"}}]})",
                                      "sk-live-0123")
                    .value == "key [API key] here");
}

BOOST_AUTO_TEST_CASE(error_bodies_of_every_common_shape_give_their_message) {
    BOOST_TEST(service_error_message(R"({"error":{"message":"Invalid key","type":"auth"}})") == "Invalid key");
    BOOST_TEST(service_error_message(R"({"error":"model 'x' not found"})") == "model 'x' not found");
    BOOST_TEST(service_error_message(R"({"message":"Bad Gateway"})") == "Bad Gateway");
    BOOST_TEST(service_error_message(R"({"detail":"Not Found"})") == "Not Found");
    BOOST_TEST(service_error_message(R"({"detail":[{"msg":"field required"}]})") == "field required");
    BOOST_TEST(service_error_message("upstream timed out\n") == "upstream timed out");
    BOOST_TEST(service_error_message("<html><body>502</body></html>").empty());
    BOOST_TEST(service_error_message("").empty());
    BOOST_TEST(service_error_message("[1]").empty());
}

BOOST_AUTO_TEST_CASE(excerpts_are_one_line_valid_and_short) {
    BOOST_TEST(one_line_excerpt("a\r\n\tb  c", 100) == "a b c");
    BOOST_TEST(one_line_excerpt("ok \xC3\x28 rest", 100) == "ok");
    BOOST_TEST(one_line_excerpt("ééééé", 5) == "éé…");
    BOOST_TEST(one_line_excerpt("abc def", 4) == "abc…");
}

BOOST_AUTO_TEST_CASE(the_request_body_holds_model_messages_stream_and_temperature) {
    chat_request r;
    r.messages = {{"system", "Be brief."}, {"user", "Hi \"there\"\n"}};
    r.stream = false;
    const auto body = nlohmann::json::parse(chat_request_body("m-1", r));
    BOOST_TEST(body["model"] == "m-1");
    BOOST_TEST(body["stream"] == false);
    BOOST_TEST(!body.contains("temperature"));
    BOOST_TEST(body["messages"][1]["content"] == "Hi \"there\"\n");
    r.temperature = 0.5;
    BOOST_TEST(nlohmann::json::parse(chat_request_body("m-1", r))["temperature"] == 0.5);
}
