// The guided interview answering whatever is typed, one line an answer (commands included: back,
// skip, undo, redo, help, status): after every answer the map is one that saves and loads back
// equal, and undoing every step gives back the map it started from; redoing as many, the map it
// ended with.
#include <string>
#include <vector>

#include "bpm/bpm_file.h"
#include "bpm/history.h"
#include "bpm/interview.h"
#include "bpm/summary.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

namespace {

constexpr std::size_t max_answers = 64;

void require_valid(const bpm::document& doc) {
    const auto again = bpm::read_bpm(bpm::write_bpm(doc));
    require(bool(again), "the map the interview makes saves to a file that loads");
    require(*again.value == doc, "the map the interview makes loads back equal");
}

// Answers what the interview asks of its face, as the terminal does: a template summary, a save.
void handle(bpm::interview& conversation, const bpm::history& h, const std::vector<bpm::message>& replies) {
    for (const bpm::message& m : replies) {
        if (m.kind == bpm::message_kind::summary_request) {
            const bpm::persona* p = h.doc().persona_by_id(m.text);
            handle(conversation, h,
                   conversation.provide_summary(p ? bpm::template_summary(*p) : std::string(),
                                                bpm::summary_source::template_text));
        } else if (m.kind == bpm::message_kind::save_request) {
            handle(conversation, h, conversation.map_saved("map.bpm"));
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input = bpm::fuzz::text(data, size);
    bpm::document doc;
    bpm::history h(doc);
    h.set_clock([] { return std::string("2026-11-21T09:30:00Z"); });
    bpm::interview conversation(h, bpm::interview_face::terminal);
    const bpm::document start = doc;
    handle(conversation, h, conversation.start());
    for (std::size_t n = 0; n < max_answers && !input.empty() && !conversation.finished(); ++n) {
        const std::size_t end = input.find('\n');
        handle(conversation, h, conversation.answer(input.substr(0, end)));
        input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
        require_valid(doc);
    }
    const bpm::document end = doc;
    std::size_t steps = 0;
    while (h.undo()) ++steps;
    require(doc == start, "undoing every step gives back the map the interview started from");
    // Steps the interview's own "undo" took back stay to be redone past the end; up to it, then.
    while (steps-- > 0) require(h.redo(), "every step undone can be redone");
    require(doc == end, "redoing those steps gives back the map the interview ended with");
    return 0;
}
