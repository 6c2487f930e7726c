// Mermaid journeys: any bytes, read as a .mmd file and as a .md file, load or are refused with
// located problems. Whatever loads saves to .bpm and to JSON that load to an equal map, and is
// written as a journey that reads back to the same stages and tasks and is written again the same.
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/mermaid_journey.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

namespace {

void check(const bpm::result<bpm::document>& doc) {
    if (!doc) {
        require(!doc.problems.empty() && doc.problems.front().line > 0, "a refusal says where");
        return;
    }
    const bpm::document& d = *doc.value;
    require(d.personas.size() == 1, "a journey is one persona");
    const auto via_bpm = bpm::read_bpm(bpm::write_bpm(d));
    require(via_bpm && *via_bpm.value == d, "what loads saves to a .bpm that loads to an equal map");
    const auto via_json = bpm::read_json(bpm::write_json(d));
    require(via_json && *via_json.value == d, "what loads saves to JSON that loads to an equal map");

    const bpm::persona& p = d.personas.front();
    const std::string diagram = bpm::to_mermaid_journey(p);
    const auto again = bpm::read_mermaid_journey(diagram, "fuzz");
    require(bool(again), "what loads is written as a journey that loads");
    const bpm::persona& q = again.value->personas.front();
    require(q.name == p.name, "the title stays");
    require(q.stages.size() == p.stages.size(), "every stage stays");
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        const bpm::stage &a = p.stages[i], &b = q.stages[i];
        // A stage without a name has one when written, but for a first one holding tasks.
        const bool named_when_written = a.name.empty() && (i > 0 || a.journey.empty());
        require(b.name == (named_when_written ? "Unnamed stage" : a.name), "stage names stay");
        require(b.buyer_actions == a.buyer_actions, "buyer actions stay");
        require(b.key_influencers == a.key_influencers, "influencers stay");
        require(b.journey == a.journey, "tasks keep their scores and people");
    }
    require(bpm::to_mermaid_journey(q) == diagram, "writing it again gives the same diagram");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bpm::fuzz::text(data, size);
    check(bpm::read_mermaid_journey(text, "fuzz"));
    check(bpm::read_markdown_journey(text, "fuzz"));
    return 0;
}
