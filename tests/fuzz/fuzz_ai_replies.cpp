// What an AI service sends: the model's JSON answers, non-streamed bodies, error bodies and
// Server-Sent Event streams. Whatever arrives, what the assistant takes is within its limits and
// fits a map, the API key never shows, and a stream reads the same however its bytes are cut.
#include <string>
#include <vector>

#include "bpm/ai_protocol.h"
#include "bpm/ai_replies.h"
#include "bpm/api_key_mask.h"
#include "bpm/bpm_file.h"
#include "bpm/utf8.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

namespace {

const std::string api_key = "sk-fuzz-0123456789abcdef";

bool fits(const std::string& text, std::size_t max_chars) {
    return bpm::is_valid_utf8(text) && bpm::code_point_count(text) <= max_chars &&
           bpm::strip_xml_invalid_chars(text) == text;
}

void check_persona(std::string_view reply) {
    // As the assistant reads it: the answer masked as it arrived, each text masked as decoded.
    const auto p = bpm::persona_from_reply(bpm::mask_api_key(reply, api_key), api_key);
    if (!p) return;
    require(!p.value->name.empty() && fits(p.value->name, bpm::max_ai_name_chars), "a persona's name is within limits");
    require(p.value->pain_points.size() <= bpm::max_ai_pain_points, "at most max_ai_pain_points pain points");
    require(p.value->stages.size() <= bpm::max_ai_stages, "at most max_ai_stages stages");
    for (const bpm::pain_point& pp : p.value->pain_points) require(fits(pp.text, bpm::max_ai_field_chars), "pain point");
    for (const bpm::stage& s : p.value->stages)
        for (bpm::stage_field f : bpm::all_stage_fields) require(fits(s.field(f), bpm::max_ai_field_chars), "stage field");
    bpm::document doc;
    doc.personas.push_back(*p.value);
    doc.personas.back().id = "persona-1";
    for (std::size_t i = 0; i < doc.personas.back().stages.size(); ++i)
        doc.personas.back().stages[i].id = "stage-" + std::to_string(i + 1);
    const std::string saved = bpm::write_bpm(doc);
    require(saved.find(api_key) == std::string::npos, "a persona from the model never holds the API key");
    const auto again = bpm::read_bpm(saved);
    require(again && *again.value == doc, "a persona from the model saves and loads back equal");
}

void check_suggestion(std::string_view reply) {
    const auto s = bpm::suggestion_from_reply(bpm::mask_api_key(reply, api_key), api_key);
    if (!s) return;
    for (const std::string* t : {&s.value->seller_actions, &s.value->content_type, &s.value->key_message}) {
        require(!t->empty() && fits(*t, bpm::max_ai_field_chars), "a suggestion's texts are within limits");
        require(t->find(api_key) == std::string::npos, "a suggestion never holds the API key");
    }
}

// The events of a stream fed in pieces of the given sizes (cycled), then ended.
std::vector<std::string> events(std::string_view stream, const std::vector<std::size_t>& pieces) {
    std::vector<std::string> out;
    bpm::sse_decoder decoder;
    const auto keep = [&](const std::string& data) { out.push_back(data); };
    for (std::size_t at = 0, k = 0; at < stream.size(); ++k) {
        const std::size_t n = std::min(pieces[k % pieces.size()], stream.size() - at);
        if (!decoder.feed(stream.substr(at, n), keep)) {
            out.push_back("(too large)");
            return out;
        }
        at += n;
    }
    decoder.finish(keep);
    return out;
}

// The answer a stream reader takes from events, its pieces, and whether it failed.
struct answer {
    std::string text, pieces, error;
    bool complete = false;
    bool operator==(const answer& o) const {
        return text == o.text && pieces == o.pieces && error == o.error && complete == o.complete;
    }
};

answer read_answer(const std::vector<std::string>& events) {
    answer a;
    bpm::chat_stream_reader reader(api_key);
    for (const std::string& e : events) {
        const auto r = reader.event(e, [&](std::string_view piece) { a.pieces.append(piece); });
        if (!r) {
            a.error = r.error();
            break;
        }
    }
    a.text = reader.text();
    a.complete = reader.complete();
    require(a.text == a.pieces, "the pieces passed on make the answer");
    require(a.text.find(api_key) == std::string::npos && a.error.find(api_key) == std::string::npos,
            "a streamed answer never shows the API key");
    return a;
}

void check_stream(std::string_view stream, std::size_t seed) {
    const std::vector<std::string> whole = events(stream, {stream.size() + 1});
    require(events(stream, {1}) == whole, "a stream read a byte at a time gives the same events");
    require(events(stream, {1 + seed % 7, 1 + seed % 13, 1 + seed % 3}) == whole,
            "a stream read in uneven pieces gives the same events");
    read_answer(whole);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view reply = bpm::fuzz::text(data, size);
    check_persona(reply);
    check_suggestion(reply);
    (void)bpm::json_in_reply(reply);

    const auto body = bpm::parse_chat_completion(reply, api_key);
    require(body ? body.value->find(api_key) == std::string::npos : body.error().find(api_key) == std::string::npos,
            "a non-streamed answer never shows the API key");
    const std::string why = bpm::service_error_message(reply, api_key);
    require(why.size() <= 200 + bpm::ellipsis.size() && bpm::is_valid_utf8(why), "an error message is one short line");
    require(why.find(api_key.substr(0, bpm::min_masked_key_start)) == std::string::npos,
            "an error message never shows the API key's start");
    check_stream(reply, size > 0 ? data[0] : 0);
    return 0;
}
