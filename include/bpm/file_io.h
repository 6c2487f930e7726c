#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
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

/// Where the file a map was read from or written to stands now, next to that version.
enum class disk_state {
    unchanged,  ///< it holds the version remembered (perhaps rewritten with the same bytes)
    changed,    ///< it holds other bytes: someone else wrote it
    missing,    ///< it cannot be read: deleted, moved away or made unreadable
};

/// The version of one file that a map last read or wrote, to tell whether someone changed the
/// file since. Besides the file's stamp it keeps the size, times and file id seen at the last
/// look, so a check that finds them unmoved costs one stat() instead of reading the file; a
/// look that finds them moved hashes the content, so a touch or a rewrite with the same bytes
/// is no change.
class disk_version {
public:
    /// Remembers that path holds bytes, just read from it or written to it.
    void remember(std::string path, std::string_view bytes);
    /// Remembers that path held the version stamped (a recovered copy's original): the next
    /// check() reads the file.
    void remember(std::string path, const file_stamp& version);
    /// The file remembered, "" before remember().
    const std::string& path() const { return path_; }
    /// The stamp of the version remembered.
    const file_stamp& remembered() const { return remembered_; }
    /// Looks at the file now; unchanged when nothing is remembered.
    disk_state check();
    /// The stamp of what the file held at the last check() (exists false when missing).
    const file_stamp& seen() const { return seen_; }

private:
    struct file_id {
        bool valid = false;
        std::uint64_t device = 0, inode = 0, size = 0;
        std::int64_t modified_ns = 0, changed_ns = 0;
        bool operator==(const file_id& o) const {
            return valid && o.valid && device == o.device && inode == o.inode && size == o.size &&
                   modified_ns == o.modified_ns && changed_ns == o.changed_ns;
        }
    };
    static file_id identify(const std::string& path);

    std::string path_;
    file_stamp remembered_;
    file_stamp seen_;
    file_id seen_id_;
};

/// The whole content of a file; fails when it cannot be read or is larger than max_bytes. A pipe,
/// FIFO or device (/dev/stdin, a shell's <(...)) is read as a stream, up to max_bytes.
result<std::string> read_file(const std::string& path, std::size_t max_bytes);

/// Everything left in a stream, up to max_bytes (more fails, having held at most max_bytes + 1);
/// name says what it is in the error ("standard input").
result<std::string> read_stream(std::istream& in, std::size_t max_bytes, const std::string& name);

/// Replaces path with bytes atomically: writes a temporary file beside it, flushes it to disk,
/// then renames it over path. A symbolic link is kept and its target written; a file with other
/// hard links is rewritten in place once the bytes are safe in the temporary file. The replaced
/// file's permissions, owner, group (where allowed) and extended attributes are kept. A file
/// without write permission is refused, even for root. Temporary files that earlier saves of
/// path left behind, older than ten minutes, are removed. On any failure the previous file is
/// left as it was and the temporary file is removed.
result<> write_file_atomic(const std::string& path, std::string_view bytes);

/// write_file_atomic for output too large to hold in memory first, written in pieces: open()
/// creates the temporary file, write() appends to it, commit() puts it in place of path as
/// write_file_atomic does. Destroyed without a successful commit(), it removes the temporary
/// file and leaves path as it was.
class atomic_file {
public:
    /// Prepares to replace path; fails, naming path, as write_file_atomic does before writing.
    static result<atomic_file> open(const std::string& path);
    atomic_file(atomic_file&& other) noexcept;
    atomic_file& operator=(atomic_file&& other) noexcept;
    ~atomic_file();

    /// Appends bytes to the temporary file; fails naming path (a full disk), and then so do
    /// every later write() and commit().
    result<> write(std::string_view bytes);
    /// Flushes the temporary file to disk and puts it in place of path; fails naming path.
    result<> commit();

private:
    struct state;
    explicit atomic_file(std::unique_ptr<state> s);
    std::unique_ptr<state> state_;
};

}  // namespace bpm
