#pragma once

// The quick way through a .bpm file laid out as write_bpm lays it out, which is nearly every file
// people open: one pass over the text, with no XML tree between it and the document.

#include <optional>
#include <string_view>

#include "bpm/model.h"
#include "bpm/progress.h"

namespace bpm {

// What read_written_bpm made of a text.
struct written_read {
    // The document, exactly as the full reader reads the text, when the text was read.
    std::optional<document> doc;
    // Progress asked to stop: nothing was read, and nothing need be.
    bool cancelled = false;
};

// The document in text (valid UTF-8 within max_document_bytes, with no byte order mark) when it
// is laid out as write_bpm writes a map with no recorded conflicts, comments or extensions (white
// space between elements aside), and holds nothing the full reader reports or
// warns about. Anything else gives no document, and the full reader, which reads any layout and
// says what is wrong, reads the text instead. Tells progress as read_bpm does, at each persona.
written_read read_written_bpm(std::string_view text, const progress_fn& progress);

}  // namespace bpm
