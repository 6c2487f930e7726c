// CSV import: any bytes read into a table whose cells all have a place; the table imports or is
// refused with a located problem, every warning located; whatever imports saves to a .bpm that
// loads to an equal document, and its CSV export imports to the same export again.
#include "bpm/bpm_file.h"
#include "bpm/csv_import.h"
#include "bpm/export_text.h"
#include "bpm/utf8.h"
#include "fuzz_check.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const bpm::decoded_text text = bpm::decode_text_file(std::string(bpm::fuzz::text(data, size)));
    require(bpm::is_valid_utf8(text.text), "a file's text is decoded to valid UTF-8");
    const auto table = bpm::read_csv_table(text.text);
    require(bool(table), "any text small enough reads as a table");
    for (std::size_t r = 0; r < table.value->row_count(); ++r) {
        require(table.value->cell_count(r) >= 1, "every row has a cell");
        require(table.value->position(r, 0).line > 0 && table.value->position(r, 0).column > 0, "every cell has a place");
    }
    const auto doc = bpm::import_csv(*table.value, bpm::guess_csv_mapping(*table.value), "fuzz");
    for (const bpm::diagnostic& w : doc.warnings) require(w.line > 0, "a warning says where");
    if (!doc) {
        require(!doc.problems.empty() && doc.problems.front().line > 0, "a refusal says why and where");
        return 0;
    }
    const auto via_bpm = bpm::read_bpm(bpm::write_bpm(*doc.value));
    require(bool(via_bpm), "what imports saves to a .bpm that loads");
    require(*via_bpm.value == *doc.value, "what imports saves to a .bpm that loads to an equal document");

    const std::string csv = *bpm::to_csv(*doc.value).value;
    const auto again = bpm::read_csv_table(bpm::decode_text_file(csv).text);
    const auto back = bpm::import_csv(*again.value, bpm::guess_csv_mapping(*again.value, bpm::csv_layout::stages_in_rows), "fuzz");
    require(bool(back), "what imports exports to a CSV that imports");
    require(*bpm::to_csv(*back.value).value == csv, "what imports exports to a CSV that imports to the same CSV");
    return 0;
}
