#include "bpm/lock_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

// Lock files are POSIX here, as the editor is built for Linux; another system needs its own
// process and permission checks.
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bpm/process.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace fs = std::filesystem;

namespace {

// LibreOffice's five fields, then the process id.
constexpr std::size_t libreoffice_fields = 5;
constexpr std::size_t max_field_bytes = 200;

// Where symbolic links to the map lead, so that every way to one file finds one lock.
fs::path resolved(const std::string& map_path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(fs::path(map_path), ec), ec);
    return ec || p.empty() ? fs::path(map_path) : p;
}

void append_escaped(std::string& out, std::string_view field) {
    for (const char c : field) {
        if (c == '\\' || c == ',' || c == ';') out += '\\';
        out += c;
    }
}

// Writes all of bytes to fd; 0, or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

// What a lock file holds: at most max_lock_file_bytes + 1 bytes of a regular file, read without
// following a symbolic link or waiting on a pipe. Not readable when it is anything else.
struct lock_bytes {
    bool exists = false;
    bool readable = false;
    std::string bytes;
};

lock_bytes read_lock_bytes(const std::string& lock_path) {
    lock_bytes out;
    const int fd = ::open(lock_path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        out.exists = errno != ENOENT;
        return out;
    }
    out.exists = true;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        out.readable = true;
        char buffer[max_lock_file_bytes + 1];
        std::size_t got = 0;
        while (got < sizeof buffer) {
            const ssize_t n = ::read(fd, buffer + got, sizeof buffer - got);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                out.readable = false;
                break;
            }
            if (n == 0) break;
            got += static_cast<std::size_t>(n);
        }
        out.bytes.assign(buffer, got);
    }
    ::close(fd);
    return out;
}

// Why the map can be read but not edited here, or "".
std::string read_only_reason(const fs::path& map, const fs::path& dir) {
    struct statvfs vfs {};
    if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0)
        return _("it is on a read-only disk or medium");
    struct stat st {};
    if (::stat(map.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
        // As when saving: a file nobody may write is left alone, even by root.
        if ((st.st_mode & 0222) == 0) return _("the file is read-only");
        if (::access(map.c_str(), W_OK) != 0) return _("you may not write to the file");
    }
    // Neither the lock file nor a save's temporary file could be written beside it.
    if (::stat(dir.c_str(), &st) == 0 && ((st.st_mode & 0222) == 0 || ::access(dir.c_str(), W_OK) != 0))
        return _("its folder is read-only");
    return {};
}

}  // namespace

std::string lock_file_path(const std::string& map_path) {
    const fs::path map = resolved(map_path);
    return (map.parent_path() / (".~lock." + map.filename().string() + "#")).string();
}

std::string format_lock_entry(const lock_owner& owner) {
    std::string out;
    for (const std::string* field : {&owner.name, &owner.login, &owner.host, &owner.since, &owner.settings_url}) {
        append_escaped(out, *field);
        out += ',';
    }
    out += std::to_string(owner.pid);
    out += ';';
    return out;
}

std::optional<lock_owner> parse_lock_entry(std::string_view text) {
    if (text.size() > max_lock_file_bytes) return std::nullopt;
    std::vector<std::string> fields(1);
    bool ended = false;
    for (std::size_t i = 0; i < text.size() && !ended; ++i) {
        const char c = text[i];
        if (c == '\\') {
            if (++i >= text.size()) return std::nullopt;
            const char escaped = text[i];
            if (escaped != '\\' && escaped != ',' && escaped != ';') return std::nullopt;
            fields.back() += escaped;
        } else if (c == ',') {
            if (fields.size() > libreoffice_fields) return std::nullopt;
            fields.emplace_back();
        } else if (c == ';') {
            ended = true;
        } else {
            fields.back() += c;
        }
    }
    if (!ended || fields.size() < libreoffice_fields) return std::nullopt;
    for (const std::string& f : fields)
        if (!is_valid_utf8(f)) return std::nullopt;
    lock_owner owner;
    owner.name = one_line_excerpt(fields[0], max_field_bytes);
    owner.login = one_line_excerpt(fields[1], max_field_bytes);
    owner.host = one_line_excerpt(fields[2], max_field_bytes);
    owner.since = one_line_excerpt(fields[3], max_field_bytes);
    owner.settings_url = one_line_excerpt(fields[4], max_field_bytes);
    if (fields.size() > libreoffice_fields) {
        const std::string& pid = fields[libreoffice_fields];
        if (pid.empty() || pid.size() > 18) return std::nullopt;
        for (const char c : pid)
            if (c < '0' || c > '9') return std::nullopt;
        owner.pid = std::stoll(pid);
    }
    return owner;
}

std::string lock_time_text(std::time_t when) {
    std::tm tm{};
    localtime_r(&when, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%d.%m.%Y %H:%M", &tm);
    return buffer;
}

std::string readable_lock_time(std::string_view since) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (i >= since.size() || since[i] < '0' || since[i] > '9') return false;
        return true;
    };
    if (since.size() != 16 || !digits(0, 2) || since[2] != '.' || !digits(3, 2) || since[5] != '.' || !digits(6, 4) ||
        since[10] != ' ' || !digits(11, 2) || since[13] != ':' || !digits(14, 2))
        return std::string(since);
    return std::string(since.substr(6, 4)) + "-" + std::string(since.substr(3, 2)) + "-" +
           std::string(since.substr(0, 2)) + " " + std::string(since.substr(11, 5));
}

lock_owner current_lock_owner() {
    lock_owner me;
    std::vector<char> buffer(16384);
    struct passwd entry {};
    struct passwd* found = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found) {
        me.login = found->pw_name ? found->pw_name : "";
        // GECOS: "Full Name,Room,Work phone,Home phone,Other".
        const std::string gecos = found->pw_gecos ? found->pw_gecos : "";
        me.name = gecos.substr(0, gecos.find(','));
    }
    if (me.login.empty())
        for (const char* var : {"USER", "LOGNAME", "USERNAME"})
            if (const char* value = std::getenv(var); value && *value) {
                me.login = value;
                break;
            }
    me.name = one_line_excerpt(me.name, max_field_bytes);
    me.login = one_line_excerpt(me.login, max_field_bytes);
    me.host = one_line_excerpt(host_name(), max_field_bytes);
    me.since = lock_time_text(std::time(nullptr));
    me.pid = ::getpid();
    return me;
}

bool lock_is_stale(const lock_owner& holder) {
    return !holder.host.empty() && holder.host == host_name() && process_gone(holder.pid);
}

std::optional<lock_owner> read_lock(const std::string& map_path) {
    const lock_bytes read = read_lock_bytes(lock_file_path(map_path));
    if (!read.exists) return std::nullopt;
    if (!read.readable) return lock_owner{};
    return parse_lock_entry(read.bytes).value_or(lock_owner{});
}

bool release_lock(const std::string& map_path, const lock_owner& owner) {
    const std::optional<lock_owner> holder = read_lock(map_path);
    if (!holder || holder->unknown() || !holder->same_process(owner)) return false;
    return ::unlink(lock_file_path(map_path).c_str()) == 0;
}

map_lock::map_lock(std::string map_path, lock_owner owner) : map_path_(std::move(map_path)), owner_(std::move(owner)) {}

map_lock::map_lock(map_lock&& other) noexcept
    : map_path_(std::exchange(other.map_path_, std::string())), owner_(std::move(other.owner_)) {}

map_lock& map_lock::operator=(map_lock&& other) noexcept {
    if (this != &other) {
        release();
        map_path_ = std::exchange(other.map_path_, std::string());
        owner_ = std::move(other.owner_);
    }
    return *this;
}

void map_lock::release() {
    if (map_path_.empty()) return;
    release_lock(map_path_, owner_);
    map_path_.clear();
}

lock_attempt acquire_lock(const std::string& map_path, const lock_owner& me) {
    lock_attempt attempt;
    const fs::path map = resolved(map_path);
    attempt.reason = read_only_reason(map, map.parent_path());
    if (!attempt.reason.empty()) return attempt;

    const std::string path = lock_file_path(map_path);
    const std::string entry = format_lock_entry(me);
    // A stale lock removed, someone else may create theirs first; a few rounds settle it.
    for (int round = 0; round < 4; ++round) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            const int err = write_all(fd, entry);
            if (::close(fd) != 0 || err != 0) {
                ::unlink(path.c_str());
                attempt.reason = format(_("its lock file cannot be written: {1}"), std::strerror(err ? err : EIO));
                return attempt;
            }
            attempt.what = lock_attempt::outcome::locked;
            attempt.lock = map_lock(map_path, me);
            return attempt;
        }
        if (errno != EEXIST) {
            attempt.reason = format(_("its lock file cannot be created: {1}"), std::strerror(errno));
            return attempt;
        }
        const lock_bytes read = read_lock_bytes(path);
        if (!read.exists) continue;  // released meanwhile
        const std::optional<lock_owner> holder = read.readable ? parse_lock_entry(read.bytes) : std::nullopt;
        if (holder && lock_is_stale(*holder)) {
            // Only the lock just read: one written meanwhile by a live process stays.
            if (read_lock_bytes(path).bytes == read.bytes) ::unlink(path.c_str());
            attempt.removed_stale = true;
            continue;
        }
        attempt.what = lock_attempt::outcome::held;
        attempt.holder = holder.value_or(lock_owner{});
        return attempt;
    }
    attempt.what = lock_attempt::outcome::held;
    attempt.holder = read_lock(map_path).value_or(lock_owner{});
    return attempt;
}

result<map_lock> take_over_lock(const std::string& map_path, const lock_owner& me) {
    const std::string path = lock_file_path(map_path);
    const auto failed = [&](int err) {
        return result<map_lock>::failure(format(_("cannot write the lock file {1}: {2}"), path, std::strerror(err)));
    };
    std::string tmp = path + ".XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) return failed(errno);
    // mkstemp makes it private; a lock is there to be read by whoever opens the map next.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    int err = write_all(fd, format_lock_entry(me));
    if (::close(fd) != 0 && err == 0) err = errno;
    std::error_code ec;
    if (err == 0) fs::rename(tmp, path, ec);
    if (err != 0 || ec) {
        ::unlink(tmp.c_str());
        return failed(err != 0 ? err : ec.value());
    }
    return result<map_lock>::success(map_lock(map_path, me));
}

}  // namespace bpm
