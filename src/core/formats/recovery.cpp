#include "bpm/recovery.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "bpm/bpm_file.h"
#include "bpm/process.h"
#include "bpm/tr.h"

namespace bpm {

namespace fs = std::filesystem;

namespace {

// A description bigger than this is not one of ours.
constexpr std::size_t max_description_bytes = 64 * 1024;
// A copy: its description on the first line, then the map as a .bpm file holds it.
constexpr const char* recovery_extension = ".bpmrecovery";

// Whether the process that wrote a copy still runs.
bool still_running(const std::string& host, long long pid, unsigned long long started) {
    if (host != host_name() || pid <= 0 || pid > 0x7FFFFFFF || process_gone(pid)) return false;
    const unsigned long long now = process_start(pid);
    return started == 0 || now == 0 || now == started;
}

long long process_id() {
#ifndef _WIN32
    return static_cast<long long>(::getpid());
#else
    return 0;
#endif
}

}  // namespace

fs::path user_state_folder() {
    const char* state = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    const fs::path dir = state && *state == '/' ? fs::path(state) / "bpmap"
                         : home && *home       ? fs::path(home) / ".local" / "state" / "bpmap"
                                               : fs::path();
    std::error_code ec;
    if (!dir.empty()) {
        fs::create_directories(dir, ec);
        if (fs::is_directory(dir, ec)) {
            fs::permissions(dir, fs::perms::owner_all, ec);  // only the user reads what is kept there
            return dir;
        }
    }
    const fs::path tmp = fs::temp_directory_path(ec);
    return ec ? fs::path("/tmp") : tmp;
}

recovery_folder::recovery_folder(fs::path folder) : folder_(std::move(folder)) {}

fs::path recovery_folder::file_of(const std::string& slot) const {
    // One process's copies never meet another's: the name holds the host and process id.
    return folder_ / (host_name() + "-" + std::to_string(process_id()) + "-" + slot + recovery_extension);
}

result<> recovery_folder::write(const std::string& slot, const recovery_info& info, std::string_view bytes,
                                std::size_t personas) const {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    fs::permissions(folder_, fs::perms::owner_all, ec);
    const long long pid = process_id();
    const nlohmann::json description = {
        {"original_path", info.original_path},
        {"title", info.title},
        {"original_exists", info.original_version.exists},
        {"original_size", info.original_version.size},
        {"original_hash", info.original_version.content_hash},
        {"written_at", now_iso8601()},
        {"personas", personas},
        {"host", host_name()},
        {"pid", pid},
        {"started", process_start(pid)},
    };
    // One file, written at once: a process killed while writing leaves the previous copy whole,
    // never a map without its description. The description is one line (JSON escapes newlines).
    std::string copy = description.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    copy += '\n';
    copy.append(bytes);
#ifndef _WIN32
    const mode_t mask = ::umask(077);  // new copies are the user's alone
#endif
    const result<> written = write_file_atomic(file_of(slot).string(), copy);
#ifndef _WIN32
    ::umask(mask);
#endif
    return written;
}

void recovery_folder::remove(const std::string& slot) const {
    std::error_code ec;
    fs::remove(file_of(slot), ec);
}

std::vector<recovery_copy> recovery_folder::orphans() const {
    std::vector<recovery_copy> found;
    std::error_code ec;
    for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        if (path.extension() != recovery_extension || !it->is_regular_file(ec)) continue;
        std::ifstream in(path, std::ios::binary);
        std::string line;
        // Only the description is read here; a longer first line is not one of ours.
        char c = 0;
        while (line.size() <= max_description_bytes && in.get(c) && c != '\n') line += c;
        if (c != '\n') continue;
        const nlohmann::json d = nlohmann::json::parse(line, nullptr, false);
        if (!d.is_object()) continue;
        recovery_copy copy;
        copy.copy_path = path.string();
        try {
            if (still_running(d.value("host", std::string()), d.value("pid", 0LL), d.value("started", 0ULL))) continue;
            copy.info.original_path = d.value("original_path", std::string());
            copy.info.title = d.value("title", std::string());
            copy.info.original_version = {d.value("original_exists", false), d.value("original_size", std::uint64_t(0)),
                                          d.value("original_hash", std::uint64_t(0))};
            copy.written_at = d.value("written_at", std::string());
            copy.personas = d.value("personas", std::size_t(0));
        } catch (const nlohmann::json::exception&) {
            continue;  // a field of the wrong type: not a description this program wrote
        }
        found.push_back(std::move(copy));
    }
    std::sort(found.begin(), found.end(),
              [](const recovery_copy& a, const recovery_copy& b) { return a.written_at > b.written_at; });
    return found;
}

result<document> recovery_folder::load(const recovery_copy& copy, const progress_fn& progress) {
    result<std::string> bytes = read_file(copy.copy_path, max_document_bytes + max_description_bytes);
    if (!bytes) return result<document>::failure_of(bytes);
    const std::size_t end = bytes.value->find('\n');
    if (end == std::string::npos)
        return result<document>::failure(format(_("{1} is not a recovery copy"), copy.copy_path));
    return read_bpm(std::string_view(*bytes.value).substr(end + 1), progress);
}

void recovery_folder::discard(const recovery_copy& copy) {
    std::error_code ec;
    fs::remove(copy.copy_path, ec);
}

}  // namespace bpm
