#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"

namespace bpm {

/// What a file held when it was last read or written, to tell whether someone else changed it
/// since: whether it existed, its size in bytes and a hash of its content (a rewrite with the
/// same bytes, or a touch, is no change).
struct file_stamp {
    bool exists = false;
    std::uint64_t size = 0;
    std::uint64_t content_hash = 0;

    bool operator==(const file_stamp& o) const {
        return exists == o.exists && size == o.size && content_hash == o.content_hash;
    }
    bool operator!=(const file_stamp& o) const { return !(*this == o); }
};

/// The stamp of the file at path now (through symbolic links); a file that cannot be read is
/// stamped as missing.
file_stamp stamp_file(const std::string& path);
/// The stamp of a file holding bytes: of what was just read or written.
file_stamp stamp_bytes(std::string_view bytes);

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
