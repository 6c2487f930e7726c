#include "bpm/file_io.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#ifdef __linux__
#include <sys/xattr.h>
#endif

#include "bpm/tr.h"

namespace bpm {

namespace fs = std::filesystem;

namespace {

// FNV-1a, 64 bits: fast, and plenty to tell two versions of one file apart.
constexpr std::uint64_t fnv_offset = 1469598103934665603ULL;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
    for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return hash;
}

}  // namespace

file_stamp stamp_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    file_stamp stamp;
    stamp.exists = true;
    stamp.content_hash = fnv_offset;
    // Hashed in pieces, so a file of any size costs a fixed amount of memory.
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto n = static_cast<std::size_t>(in.gcount());
        stamp.content_hash = fnv1a(stamp.content_hash, std::string_view(buffer, n));
        stamp.size += n;
    }
    return stamp;
}

file_stamp stamp_bytes(std::string_view bytes) { return {true, bytes.size(), fnv1a(fnv_offset, bytes)}; }

disk_version::file_id disk_version::identify(const std::string& path) {
    file_id id;
#ifndef _WIN32
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return id;
    id.valid = true;
    id.device = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    id.size = static_cast<std::uint64_t>(st.st_size);
    id.modified_ns = std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    id.changed_ns = std::int64_t(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
#else
    (void)path;  // without stat's times every check hashes the content
#endif
    return id;
}

void disk_version::remember(std::string path, std::string_view bytes) {
    path_ = std::move(path);
    remembered_ = stamp_bytes(bytes);
    seen_ = remembered_;
    // Taken after the write: when the file already holds other bytes (someone wrote right after
    // us), the id is left unknown so that the next check hashes the content.
    seen_id_ = identify(path_);
    if (seen_id_.size != bytes.size()) seen_id_ = {};
}

void disk_version::remember(std::string path, const file_stamp& version) {
    path_ = std::move(path);
    remembered_ = version;
    seen_ = version;
    seen_id_ = {};
}

disk_state disk_version::check() {
    if (path_.empty()) return disk_state::unchanged;
    const file_id before = identify(path_);
    if (!(before == seen_id_)) {
        seen_ = stamp_file(path_);
        // A file still being written while it was hashed is looked at again next time.
        seen_id_ = identify(path_) == before ? before : file_id{};
    }
    if (!seen_.exists) return disk_state::missing;
    return seen_ == remembered_ ? disk_state::unchanged : disk_state::changed;
}

result<std::string> read_stream(std::istream& in, std::size_t max_bytes, const std::string& name) {
    std::string bytes;
    char buffer[1 << 16];
    // One byte past the limit tells a stream that is too long from one that just fits.
    while (bytes.size() <= max_bytes) {
        const std::size_t want = std::min(sizeof buffer, max_bytes + 1 - bytes.size());
        in.read(buffer, static_cast<std::streamsize>(want));
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (!in) break;
    }
    if (in.bad()) return result<std::string>::failure({format(_("cannot read {1}"), name)});
    if (bytes.size() > max_bytes)
        // TRANSLATORS: {1} is a file or "standard input", read as it came, so its whole size is unknown
        return result<std::string>::failure(
            {format(_("{1} is larger than the {2} MB limit"), name, std::to_string(max_bytes >> 20))});
    return result<std::string>::success(std::move(bytes));
}

result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status)) return result<std::string>::failure({format(_("{1} is a folder, not a file"), path)});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return result<std::string>::failure({format(_("cannot open {1}: {2}"), path, std::strerror(errno))});
    // A pipe or a device has no size to read up to, and cannot be read twice.
    if (!fs::is_regular_file(status)) return read_stream(in, max_bytes, path);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) return result<std::string>::failure({format(_("cannot read {1}"), path)});
    if (static_cast<unsigned long long>(size) > max_bytes)
        return result<std::string>::failure({format(_("{1} is {2} MB, larger than the {3} MB limit"), path,
                                                    std::to_string((size + (1 << 20) - 1) >> 20),
                                                    std::to_string(max_bytes >> 20))});
    in.seekg(0, std::ios::beg);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(bytes.data(), size))
        return result<std::string>::failure({format(_("cannot read {1}"), path)});
    return result<std::string>::success(std::move(bytes));
}

#ifndef _WIN32

namespace {

// A stale temporary file is one no save can still be writing: saves take milliseconds.
constexpr std::time_t stale_temporary_seconds = 10 * 60;

result<> cannot_write(const std::string& path, int err) {
    return result<>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(err)));
}

// The file a save replaces: path itself, or where its symbolic links lead (writing the target
// keeps the links, as every editor does). Fails on a loop of links.
result<fs::path> save_target(const std::string& path) {
    fs::path p(path);
    for (int hops = 0; hops < 40; ++hops) {  // the kernel's own limit before ELOOP
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return result<fs::path>::success(p);
        std::error_code ec;
        const fs::path next = fs::read_symlink(p, ec);
        if (ec) return result<fs::path>::failure(format(_("cannot write {1}: {2}"), path, ec.message()));
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
    return result<fs::path>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(ELOOP)));
}

// Removes what saves of target killed between writing and renaming left behind: the files
// mkstemp named ".NAME.XXXXXX" beside it, once they are too old to belong to a save under way.
void remove_stale_temporaries(const fs::path& dir, const fs::path& target) {
    const std::string prefix = "." + target.filename().string() + ".";
    const std::time_t now = std::time(nullptr);
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) continue;
        if (!std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
            continue;
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > stale_temporary_seconds)
            ::unlink(it->path().c_str());
    }
}

// Copies the extended attributes of the file at from (SELinux labels, tags, quarantine marks) to
// the open file to; those this process may not set are left out.
void copy_extended_attributes([[maybe_unused]] const char* from, [[maybe_unused]] int to) {
#ifdef __linux__
    const ssize_t size = ::listxattr(from, nullptr, 0);
    if (size <= 0) return;
    std::string names(static_cast<std::size_t>(size), '\0');
    const ssize_t got = ::listxattr(from, names.data(), names.size());
    if (got <= 0) return;
    names.resize(static_cast<std::size_t>(got));
    for (std::size_t i = 0; i < names.size(); i = names.find('\0', i) + 1) {
        const char* name = names.c_str() + i;
        const ssize_t length = ::getxattr(from, name, nullptr, 0);
        if (length < 0) continue;
        std::string value(static_cast<std::size_t>(length), '\0');
        const ssize_t read = ::getxattr(from, name, value.data(), value.size());
        if (read >= 0) ::fsetxattr(to, name, value.data(), static_cast<std::size_t>(read), 0);
    }
#endif
}

// Writes all of bytes to fd; 0, or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return 0;
}

// Copies the whole content of the file open as from to the file open as to, and flushes to to
// disk; 0, or the errno of the failure.
int copy_all(int from, int to) {
    char buffer[1 << 16];
    for (off_t at = 0;;) {
        const ssize_t n = ::pread(from, buffer, sizeof buffer, at);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        if (n == 0) break;
        if (const int err = write_all(to, std::string_view(buffer, static_cast<std::size_t>(n)))) return err;
        at += n;
    }
    return ::fsync(to) == 0 ? 0 : errno;
}

}  // namespace

struct atomic_file::state {
    std::string path;       // as the caller named it, for messages
    fs::path target;        // where path's symbolic links lead
    fs::path dir;           // target's folder
    std::string temporary;  // beside target; removed unless it is kept
    int fd = -1;            // the temporary file, open for writing
    bool in_place = false;  // target has other names (hard links): rewrite it in place
    int error = 0;          // of the first write that failed

    ~state() {
        if (fd >= 0) ::close(fd);
        if (!temporary.empty()) ::unlink(temporary.c_str());
    }
};

result<atomic_file> atomic_file::open(const std::string& path) {
    using opened = result<atomic_file>;
    const result<fs::path> resolved = save_target(path);
    if (!resolved) return opened::failure_of(resolved);
    auto s = std::make_unique<state>();
    s->path = path;
    s->target = *resolved.value;
    s->dir = s->target.has_parent_path() ? s->target.parent_path() : fs::path(".");

    struct stat old {};
    const bool exists = ::stat(s->target.c_str(), &old) == 0;
    if (exists && S_ISDIR(old.st_mode)) return opened::failure_of(cannot_write(path, EISDIR));
    // Nobody may write it, or this user may not: its owner wants it left alone. Renaming over it
    // would succeed in a writable folder, even as root, and silently replace it.
    if (exists && ((old.st_mode & 0222) == 0 || ::access(s->target.c_str(), W_OK) != 0))
        return opened::failure(format(_("cannot write {1}: the file is read-only"), path));
    remove_stale_temporaries(s->dir, s->target);

    std::string tmpl = (s->dir / ("." + s->target.filename().string() + ".XXXXXX")).string();
    s->fd = ::mkstemp(tmpl.data());
    if (s->fd < 0) return opened::failure_of(cannot_write(path, errno));
    s->temporary = tmpl;

    if (exists) {
        // Keep what the replaced file had: owner and group where this user may set them (first,
        // since a change of owner clears set-id bits), permissions, extended attributes.
        if (::fchown(s->fd, old.st_uid, old.st_gid) != 0) (void)::fchown(s->fd, static_cast<uid_t>(-1), old.st_gid);
        ::fchmod(s->fd, old.st_mode & 07777);
        copy_extended_attributes(s->target.c_str(), s->fd);
    } else {
        // A new file gets the usual 0666 & ~umask.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(s->fd, 0666 & ~mask);
    }
    // Renaming would give this name a new file and leave the other names on the old one.
    s->in_place = exists && S_ISREG(old.st_mode) && old.st_nlink > 1;
    return opened::success(atomic_file(std::move(s)));
}

result<> atomic_file::write(std::string_view bytes) {
    state& s = *state_;
    if (s.error == 0) s.error = write_all(s.fd, bytes);
    return s.error != 0 ? cannot_write(s.path, s.error) : result<>::success();
}

result<> atomic_file::commit() {
    state& s = *state_;
    if (s.error == 0 && ::fsync(s.fd) != 0) s.error = errno;
    if (s.error != 0) return cannot_write(s.path, s.error);
    if (s.in_place) {
        // The new content is safe on disk in the temporary file; now write it in place.
        const int in_place = ::open(s.target.c_str(), O_WRONLY | O_TRUNC);
        const int err = in_place < 0 ? errno : copy_all(s.fd, in_place);
        if (in_place >= 0) ::close(in_place);
        if (err != 0) {
            const std::string kept = std::move(s.temporary);
            s.temporary.clear();
            return result<>::failure(format(_("cannot write {1}: {2}; the new content is in {3}"), s.path,
                                            std::strerror(err), kept));
        }
        return result<>::success();  // the temporary file goes with the state
    }
    const int closed = ::close(s.fd);
    s.fd = -1;
    if (closed != 0) return cannot_write(s.path, errno);
    if (::rename(s.temporary.c_str(), s.target.c_str()) != 0) return cannot_write(s.path, errno);
    s.temporary.clear();
    // Make the rename itself durable.
    const int dfd = ::open(s.dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return result<>::success();
}

#else

struct atomic_file::state {
    std::string path;     // as the caller named it, for messages
    fs::path target;
    fs::path temporary;   // beside target; removed unless it took target's place
    std::ofstream out;
    bool failed = false;  // a write failed

    ~state() {
        if (temporary.empty()) return;
        out.close();
        std::error_code ec;
        fs::remove(temporary, ec);
    }
};

result<atomic_file> atomic_file::open(const std::string& path) {
    auto s = std::make_unique<state>();
    s->path = path;
    s->target = fs::path(path);
    std::random_device rd;
    s->temporary = s->target.parent_path() / ("." + s->target.filename().string() + "." + std::to_string(rd()));
    s->out.open(s->temporary, std::ios::binary | std::ios::trunc);
    if (!s->out) {
        s->temporary.clear();
        return result<atomic_file>::failure(format(_("cannot write {1}"), path));
    }
    return result<atomic_file>::success(atomic_file(std::move(s)));
}

result<> atomic_file::write(std::string_view bytes) {
    state& s = *state_;
    if (!s.failed) s.failed = !s.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return s.failed ? result<>::failure(format(_("cannot write {1}"), s.path)) : result<>::success();
}

result<> atomic_file::commit() {
    state& s = *state_;
    if (s.failed || !s.out.flush()) return result<>::failure(format(_("cannot write {1}"), s.path));
    s.out.close();
    std::error_code ec;
    fs::rename(s.temporary, s.target, ec);  // MoveFileEx with MOVEFILE_REPLACE_EXISTING
    if (ec) return result<>::failure(format(_("cannot write {1}: {2}"), s.path, ec.message()));
    s.temporary.clear();
    return result<>::success();
}

#endif

atomic_file::atomic_file(std::unique_ptr<state> s) : state_(std::move(s)) {}
atomic_file::atomic_file(atomic_file&& other) noexcept = default;
atomic_file& atomic_file::operator=(atomic_file&& other) noexcept = default;
atomic_file::~atomic_file() = default;

result<> write_file_atomic(const std::string& path, std::string_view bytes) {
    result<atomic_file> file = atomic_file::open(path);
    if (!file) return result<>::failure_of(file);
    if (result<> written = file.value->write(bytes); !written) return written;
    return file.value->commit();
}

}  // namespace bpm
