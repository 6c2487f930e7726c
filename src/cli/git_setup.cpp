#include "git_setup.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "bpm/file_io.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"
#include "commands.h"

extern char** environ;

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";

// The attributes .bpm files need, as "name=value".
const std::vector<std::pair<std::string, std::string>> wanted_attributes = {{"diff", "bpm"}, {"merge", "bpm"}};

struct git_run {
    bool started = false;
    int status = -1;
    std::string out, err;
};

// Runs git with args (found on the PATH, no shell) and collects what it prints.
git_run run_git(const std::vector<std::string>& args) {
    git_run r;
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return r;
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]), ::close(out_pipe[1]);
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> argv{const_cast<char*>("git")};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned == 0) {
        r.started = true;
        // Both pipes at once, so that git never waits on a full one.
        pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
        std::string* into[2] = {&r.out, &r.err};
        int open_pipes = 2;
        while (open_pipes > 0) {
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                break;
            }
            for (int k = 0; k < 2; ++k) {
                if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                char buffer[4096];
                const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
                if (n > 0) {
                    into[k]->append(buffer, static_cast<std::size_t>(n));
                } else if (n == 0 || errno != EINTR) {
                    fds[k].fd = -1;
                    --open_pipes;
                }
            }
        }
        int wstatus = 0;
        while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
        }
        r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    }
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return r;
}

std::string without_final_newline(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

// A word for sh, which runs git's driver commands: quoted unless it is plainly safe.
std::string shell_word(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                "0123456789/._+-") == std::string::npos;
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// This program's absolute path, so that git finds it without the PATH; "" when unknown.
std::string this_program() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.string();
}

// The value git gives attribute name for a .bpm file in the top folder ("bpm", "unspecified").
std::string bpm_attribute(const std::string& top, const std::string& name) {
    const git_run r = run_git({"-C", top, "check-attr", name, "--", "map.bpm"});
    const std::string line = without_final_newline(r.out);
    const std::size_t colon = line.rfind(": ");
    return r.status == 0 && colon != std::string::npos ? line.substr(colon + 2) : std::string();
}

}  // namespace

int git_setup(std::ostream& out, std::ostream& err) {
    const git_run where = run_git({"rev-parse", "--show-toplevel"});
    if (!where.started) {
        err << program << ": " << _("git-setup needs git, which is not on the PATH") << "\n";
        return exit_failure;
    }
    if (where.status != 0) {
        err << program << ": "
            << format(_("git-setup must run inside a git repository's working tree ({1})"),
                      without_final_newline(where.err))
            << "\n";
        return exit_failure;
    }
    const std::string top = without_final_newline(where.out);
    bool changed = false;

    // The attributes: what git already applies (from any attributes file) is left as it is.
    std::string missing;
    for (const auto& [name, value] : wanted_attributes)
        if (bpm_attribute(top, name) != value) missing += " " + name + "=" + value;
    if (!missing.empty()) {
        const std::string file = (std::filesystem::path(top) / ".gitattributes").string();
        std::string text;
        if (std::filesystem::exists(file)) {
            const result<std::string> read = read_file(file, std::size_t(1) << 20);
            if (!read) {
                err << program << ": " << read.error() << "\n";
                return exit_failure;
            }
            text = *read.value;
        }
        if (!text.empty() && text.back() != '\n') text += '\n';
        const std::string line = "*.bpm" + missing;
        const result<> written = write_file_atomic(file, text + line + "\n");
        if (!written) {
            err << program << ": " << written.error() << "\n";
            return exit_failure;
        }
        // TRANSLATORS: {1} is a line such as "*.bpm diff=bpm merge=bpm", {2} the .gitattributes file
        out << format(_("Added \"{1}\" to {2}; commit it, so that every clone of the repository compares and merges "
                        "maps."),
                      line, file)
            << "\n";
        changed = true;
        for (const auto& [name, value] : wanted_attributes)
            if (bpm_attribute(top, name) != value)
                err << program << ": "
                    << format(_("warning: git still does not give .bpm files {1}={2}: an attributes file it reads "
                                "later sets it otherwise (git check-attr -a FILE.bpm says which)"),
                              name, value)
                    << "\n";
    }

    // The drivers, in the repository's own configuration (shared by its worktrees, never committed).
    std::string exe = this_program();
    if (exe.empty()) {
        err << program << ": " << _("warning: this program's path is unknown, so git will look for bpmap-cli on the PATH")
            << "\n";
        exe = program;
    }
    // git quotes %P itself; the merged map's path names the versions in messages and gives the format.
    const std::pair<std::string, std::string> settings[] = {
        {"diff.bpm.command", shell_word(exe) + " diff --git"},
        {"diff.bpm.textconv", shell_word(exe) + " diff --textconv"},
        {"merge.bpm.name", "Buying Process Mapper map"},
        {"merge.bpm.driver", shell_word(exe) + " merge %O %A %B --name %P"},
    };
    for (const auto& [key, value] : settings) {
        const git_run now = run_git({"config", "--local", "--get-all", key});
        if (now.status == 0 && now.out == value + "\n") continue;
        const git_run set = run_git({"config", "--local", "--replace-all", key, value});
        if (set.status != 0) {
            err << program << ": " << format(_("git config {1} failed: {2}"), key, without_final_newline(set.err)) << "\n";
            return exit_failure;
        }
        // TRANSLATORS: {1} is a git setting such as diff.bpm.command, {2} its value
        out << format(_("Set {1} to {2} in this repository's configuration."), key, value) << "\n";
        changed = true;
    }
    if (!changed) out << _("Nothing to change: git already compares and merges .bpm files as maps here.") << "\n";
    return exit_ok;
}

}  // namespace bpm::cli
