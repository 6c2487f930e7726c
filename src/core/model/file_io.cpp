#include "bpm/file_io.h"

#include <cerrno>
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

#include "bpm/tr.h"

namespace bpm {

namespace fs = std::filesystem;

result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return result<std::string>::failure({format(_("{1} is a folder, not a file"), path)});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return result<std::string>::failure({format(_("cannot open {1}: {2}"), path, std::strerror(errno))});
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

result<> write_file_atomic(const std::string& path, std::string_view bytes) {
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return result<>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(errno)));
    const std::string tmp = tmpl;
    auto fail = [&](int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return result<>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(err)));
    };

    // Keep the permissions of the file being replaced; a new file gets the usual 0666 & ~umask.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        ::fchmod(fd, st.st_mode & 07777);
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);
    }

    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(errno);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail(errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return result<>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(err)));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return result<>::failure(format(_("cannot write {1}: {2}"), path, std::strerror(err)));
    }
    // Make the rename itself durable.
    const int dfd = ::open(dir.string().c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return result<>::success();
}

#else

result<> write_file_atomic(const std::string& path, std::string_view bytes) {
    const fs::path target(path);
    std::random_device rd;
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + "." + std::to_string(rd()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return result<>::failure(format(_("cannot write {1}"), path));
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);  // MoveFileEx with MOVEFILE_REPLACE_EXISTING
    if (ec) {
        fs::remove(tmp, ec);
        return result<>::failure(format(_("cannot write {1}: {2}"), path, ec.message()));
    }
    return result<>::success();
}

#endif

}  // namespace bpm
