// The .bpm reader: any bytes load or are refused with a located problem; whatever loads saves to
// a file that loads to an equal document, and saving that again gives the same bytes; and saves
// as JSON that loads to an equal document.
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto doc = bpm::read_bpm(bpm::fuzz::text(data, size));
    if (!doc) {
        require(!doc.problems.empty() && doc.problems.front().line > 0, "a refusal says where");
        return 0;
    }
    const std::string saved = bpm::write_bpm(*doc.value);
    const auto again = bpm::read_bpm(saved);
    require(bool(again), "what loads saves to a file that loads");
    require(*again.value == *doc.value, "what loads saves to a file that loads to an equal document");
    require(bpm::write_bpm(*again.value) == saved, "saving twice gives the same bytes");
    const auto via_json = bpm::read_json(bpm::write_json(*doc.value));
    require(bool(via_json), "what loads saves as JSON that loads");
    require(*via_json.value == *doc.value, "what loads saves as JSON that loads to an equal document");
    return 0;
}
