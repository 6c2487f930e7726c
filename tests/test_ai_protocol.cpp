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
