#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"

namespace bpm {

/// The whole content of a file; fails when it cannot be read or is larger than max_bytes.
result<std::string> read_file(const std::string& path, std::size_t max_bytes);

/// Replaces path with bytes atomically: writes a temporary file beside it, flushes it to disk,
/// then renames it over path. A symbolic link is kept and its target written; a file with other
/// hard links is rewritten in place once the bytes are safe in the temporary file. The replaced
/// file's permissions, owner, group (where allowed) and extended attributes are kept. A file
/// without write permission is refused, even for root. Temporary files that earlier saves of
/// path left behind, older than ten minutes, are removed. On any failure the previous file is
/// left as it was and the temporary file is removed.
result<> write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace bpm
