// The .bpm reader: any bytes load or are refused with a located problem, and the quick pass for
// write_bpm's layout and the tree it falls back to come to the same outcome; whatever loads saves
// to a file that loads to an equal document, and saving that again gives the same bytes; and saves
// as JSON that loads to an equal document.
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = bpm::fuzz::text(data, size);
    const auto doc = bpm::read_bpm(bytes);
    const auto tree = bpm::read_bpm_through_tree(bytes);
    require(bool(doc) == bool(tree) && doc.problems.size() == tree.problems.size() &&
                doc.warnings.size() == tree.warnings.size(),
            "the quick pass and the tree come to the same outcome");
    for (std::size_t i = 0; i < doc.problems.size(); ++i)
        require(doc.problems[i].to_string() == tree.problems[i].to_string(), "the same problems, in order");
    for (std::size_t i = 0; i < doc.warnings.size(); ++i)
        require(doc.warnings[i].to_string() == tree.warnings[i].to_string(), "the same warnings, in order");
    if (doc) require(*doc.value == *tree.value, "the quick pass reads the document the tree reads");
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
