#include "standard_input.h"

#include <istream>

#include "bpm/bpm_file.h"
#include "bpm/file_io.h"
#include "bpm/json_format.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"

namespace bpm::cli {

namespace {

// A map on standard input has no name to tell its format by; its first character tells JSON
// ({ or [) from XML (<), which is all a .bpm map or a JSON file may start with.
bool looks_like_json(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[');
}

}  // namespace

result<document> read_standard_input(std::istream& in, const progress_fn& progress) {
    // TRANSLATORS: where a map was read from when the command line names it "-"
    const result<std::string> bytes = read_stream(in, max_document_bytes, _("standard input"));
    if (!bytes) return result<document>::failure_of(bytes);
    return looks_like_json(*bytes.value) ? read_json(*bytes.value, progress) : read_bpm(*bytes.value, progress);
}

}  // namespace bpm::cli
