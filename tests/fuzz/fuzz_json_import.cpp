// JSON import: any bytes load or are refused with a located problem (a line and column, or a
// JSON path); whatever loads is written as JSON and as .bpm, and each loads to an equal document.
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto doc = bpm::read_json(bpm::fuzz::text(data, size));
    if (!doc) {
        require(!doc.problems.empty(), "a refusal says why");
        const bpm::diagnostic& first = doc.problems.front();
        require(first.line > 0 || first.message.rfind("$", 0) == 0, "a refusal says where");
        return 0;
    }
    const std::string json = bpm::write_json(*doc.value);
    const auto again = bpm::read_json(json);
    require(bool(again), "what loads saves to JSON that loads");
    require(*again.value == *doc.value, "what loads saves to JSON that loads to an equal document");
    require(bpm::write_json(*again.value) == json, "saving twice gives the same JSON");

    const std::string bpm = bpm::write_bpm(*doc.value);
    const auto via_bpm = bpm::read_bpm(bpm);
    require(bool(via_bpm), "what loads from JSON saves to a .bpm that loads");
    require(*via_bpm.value == *doc.value, "what loads from JSON saves to a .bpm that loads to an equal document");
    return 0;
}
