// The grid's clipboard text (tab-separated, as spreadsheets copy it): any text reads as a block
// of cells, and the block written back reads as the same block.
#include "fuzz_check.h"
#include "grid_clipboard.h"

using bpm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const CellBlock block = ParseTabSeparated(bpm::fuzz::text(data, size));
    const std::string written = FormatTabSeparated(block);
    require(ParseTabSeparated(written) == block, "a block written as text reads back as the same block");
    return 0;
}
