// Measures the editor's start-up from outside, as a user sees it. The real bpmap is started on the
// eight-persona sample and with no map (the welcome card), each both as one more GTK program on a
// display (GTK has noted on the display which visuals suit OpenGL) and as the first one (the note
// removed, so GTK looks for them again, as after a login or under a fresh xvfb-run). Each run notes
//   mapped    from exec until the X server maps bpmap's main window;
//   frame     until bpmap first draws into it (XDamage: the report after the one the mapping
//             itself makes), the moment a compositing desktop shows the window;
//   settled   until the process goes idle: the moment after which all its threads together use
//             under 2 ms of CPU in 200 ms (GTK's animations count: they redraw);
// and, once settled, its memory: VmRSS, VmHWM and RssAnon (/proc/PID/status), PSS
// (/proc/PID/smaps_rollup; it depends on what else maps the same libraries) and how many shared
// libraries it has mapped. Then bpmap is stopped with SIGTERM. The medians are printed against issue
// 15's targets: a window within 0.3 s, settled within 0.6 s, under 80 MiB resident with the sample.
// Never fails on speed.
//
// Every run gets the same fresh settings (a temporary HOME and XDG_*_HOME folders, so the user's
// own settings, layout and recovery copies are neither read nor touched) and a copy of the sample
// in a temporary folder (its lock file lands there). Pass more bpmap binaries to compare builds:
// the runs alternate between the binaries and the cases, so a machine busy with other work slows
// them alike. --trace prints each run's events and lets bpmap's standard error through. Not run by
// ctest; run it under Xvfb by hand:
//   xvfb-run -a -s "-screen 0 1280x800x24" build/default/tests/bench_startup [--runs N] [--trace] [BPMAP...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr double frame_target_s = 0.3;
constexpr double settled_target_s = 0.6;
constexpr double rss_target_mib = 80;
// Settled: the process used less than this much CPU over the quiet window.
constexpr double quiet_cpu_ms = 2;
constexpr double quiet_window_s = 0.2;
// A start that takes longer than this is reported as failed.
constexpr double give_up_s = 30;

double Seconds(clock_type::duration d) { return std::chrono::duration<double>(d).count(); }

struct Run {
    bool ok = false;
    std::string failure;
    double mapped = -1, frame = -1, settled = -1;  // seconds from exec
    double rssMib = -1, hwmMib = -1, anonMib = -1, pssMib = -1;
    double libraries = -1;
};

// CPU time of all the process's threads, in milliseconds (schedstat counts nanoseconds).
double CpuMs(pid_t pid) {
    double total = 0;
    std::error_code ec;
    for (const fs::directory_entry& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "schedstat");
        double ns = 0;
        if (in >> ns) total += ns / 1e6;
    }
    return total;
}

// A "Key: N kB" line of a /proc file, in MiB; -1 when it is not there.
double ProcKiB(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.compare(0, key.size() + 1, key + ":") == 0) return std::atof(line.c_str() + key.size() + 1) / 1024;
    return -1;
}

// Distinct shared libraries mapped by the process.
int CountLibraries(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
    std::set<std::string> libraries;
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t slash = line.find('/');
        if (slash != std::string::npos && line.find(".so", slash) != std::string::npos)
            libraries.insert(line.substr(slash));
    }
    return static_cast<int>(libraries.size());
}

// The pid that owns an X window (_NET_WM_PID), 0 when it says none.
pid_t WindowPid(Display* display, Window window) {
    static const Atom net_wm_pid = XInternAtom(display, "_NET_WM_PID", False);
    Atom type = None;
    int format = 0;
    unsigned long items = 0, after = 0;
    unsigned char* data = nullptr;
    pid_t pid = 0;
    if (XGetWindowProperty(display, window, net_wm_pid, 0, 1, False, XA_CARDINAL, &type, &format, &items, &after,
                           &data) == Success &&
        data) {
        if (format == 32 && items == 1) pid = static_cast<pid_t>(*reinterpret_cast<unsigned long*>(data));
        XFree(data);
    }
    return pid;
}

int IgnoreXErrors(Display*, XErrorEvent*) { return 0; }

// GTK's note on the root window of the visuals that suit OpenGL: the first GTK program on a display
// writes it, and the next ones read it instead of probing OpenGL themselves.
class GtkVisualsNote {
public:
    explicit GtkVisualsNote(Display* display)
        : m_display(display), m_atom(XInternAtom(display, "GDK_VISUALS", False)) {}

    // Keeps the note as a program left it.
    void Remember() {
        Atom type = None;
        int format = 0;
        unsigned long items = 0, after = 0;
        unsigned char* data = nullptr;
        if (XGetWindowProperty(m_display, DefaultRootWindow(m_display), m_atom, 0, 2, False, XA_INTEGER, &type, &format,
                               &items, &after, &data) == Success &&
            data) {
            if (format == 32 && items == 2) {
                const auto* values = reinterpret_cast<const long*>(data);
                m_note.assign(values, values + 2);
            }
            XFree(data);
        }
    }
    // As for one more GTK program: the note as the last program that wrote it left it (a build
    // that does not probe OpenGL writes none, and must not make the next build's run a first one).
    void Restore() {
        if (m_note.empty()) return;
        XChangeProperty(m_display, DefaultRootWindow(m_display), m_atom, XA_INTEGER, 32, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(m_note.data()), static_cast<int>(m_note.size()));
    }
    // As for the first GTK program on the display.
    void Remove() { XDeleteProperty(m_display, DefaultRootWindow(m_display), m_atom); }

private:
    Display* m_display;
    Atom m_atom;
    std::vector<long> m_note;
};

// Starts bpmap with args and measures it until it settles, then stops it.
Run Measure(Display* display, int damageEvent, const std::string& bpmap, const std::vector<std::string>& args,
            const std::vector<std::string>& environment, bool trace) {
    Run run;
    std::vector<char*> argv{const_cast<char*>(bpmap.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const std::string& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    if (!trace) posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    XSync(display, True);  // nothing from a previous run is taken for this one
    pid_t pid = 0;
    const clock_type::time_point start = clock_type::now();
    if (trace)
        std::fprintf(stderr, "0.000 s exec %s (CLOCK_MONOTONIC %.4f s)\n", args.empty() ? "(no map)" : args[0].c_str(),
                     Seconds(start.time_since_epoch()));
    const int spawned = posix_spawn(&pid, bpmap.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        run.failure = "cannot start " + bpmap + ": " + std::strerror(spawned);
        return run;
    }

    Window window = None;
    Damage damage = None;
    int damageReports = 0;
    // CPU samples since the window was mapped: (seconds from exec, CPU ms).
    std::vector<std::pair<double, double>> samples;
    const int xfd = ConnectionNumber(display);
    while (true) {
        const double now = Seconds(clock_type::now() - start);
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            run.failure = "bpmap ended before it settled";
            pid = 0;
            break;
        }
        if (now > give_up_s) {
            run.failure = "bpmap did not settle within " + std::to_string(static_cast<int>(give_up_s)) + " s";
            break;
        }
        while (XPending(display)) {
            XEvent event;
            XNextEvent(display, &event);
            const double at = Seconds(clock_type::now() - start);
            if (event.type == MapNotify && window == None && !event.xmap.override_redirect &&
                WindowPid(display, event.xmap.window) == pid) {
                XWindowAttributes attributes;
                // The main window, not a small helper window of the toolkit.
                if (XGetWindowAttributes(display, event.xmap.window, &attributes) && attributes.width >= 300 &&
                    attributes.height >= 200) {
                    window = event.xmap.window;
                    run.mapped = at;
                    if (trace) std::fprintf(stderr, "%.3f s mapped\n", at);
                    damage = XDamageCreate(display, window, XDamageReportNonEmpty);
                }
            } else if (damageEvent && event.type == damageEvent + XDamageNotify &&
                       reinterpret_cast<XDamageNotifyEvent&>(event).drawable == window) {
                // The first report is the mapping's; each is followed by the next drawing's.
                if (++damageReports == 2) run.frame = at;
                if (trace) std::fprintf(stderr, "%.3f s drawn into, CPU %.0f ms\n", at, CpuMs(pid));
                XDamageSubtract(display, damage, None, None);
            }
        }
        if (window != None) {
            samples.emplace_back(now, CpuMs(pid));
            if (trace && samples.size() % 25 == 0) std::fprintf(stderr, "%.3f s CPU %.0f ms\n", now, samples.back().second);
            // The latest sample at least a quiet window before now.
            auto from = std::find_if(samples.rbegin(), samples.rend(),
                                     [&](const auto& s) { return now - s.first >= quiet_window_s; });
            if (from != samples.rend() && samples.back().second - from->second < quiet_cpu_ms) {
                run.settled = from->first;
                if (trace) std::fprintf(stderr, "%.3f s settled, CPU %.0f ms\n", run.settled, from->second);
                break;
            }
        }
        pollfd fd{xfd, POLLIN, 0};
        poll(&fd, 1, 2);
    }

    if (pid > 0 && run.failure.empty()) {
        const std::string proc = "/proc/" + std::to_string(pid);
        run.rssMib = ProcKiB(proc + "/status", "VmRSS");
        run.hwmMib = ProcKiB(proc + "/status", "VmHWM");
        run.anonMib = ProcKiB(proc + "/status", "RssAnon");
        run.pssMib = ProcKiB(proc + "/smaps_rollup", "Pss");
        run.libraries = CountLibraries(pid);
        run.ok = run.mapped >= 0 && run.frame >= 0 && run.settled >= 0;
        if (!run.ok) run.failure = "bpmap's window was never drawn";
    }
    if (damage != None) XDamageDestroy(display, damage);
    if (pid > 0) {
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
    }
    return run;
}

double Median(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return v < 0; }), values.end());
    if (values.empty()) return -1;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

template <class Field>
double MedianOf(const std::vector<Run>& runs, Field field) {
    std::vector<double> values;
    for (const Run& r : runs)
        if (r.ok) values.push_back(r.*field);
    return Median(values);
}

// "*" after a figure over its target.
const char* Mark(double value, double target) { return value > target ? "*" : " "; }

std::vector<std::string> Environment(const fs::path& home) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        if (name != "HOME" && name != "XDG_CONFIG_HOME" && name != "XDG_STATE_HOME" && name != "XDG_DATA_HOME" &&
            name != "XDG_CACHE_HOME")
            env.push_back(entry);
    }
    for (const char* dir : {".config", ".local/state", ".local/share", ".cache"}) fs::create_directories(home / dir);
    env.push_back("HOME=" + home.string());
    env.push_back("XDG_CONFIG_HOME=" + (home / ".config").string());
    env.push_back("XDG_STATE_HOME=" + (home / ".local/state").string());
    env.push_back("XDG_DATA_HOME=" + (home / ".local/share").string());
    env.push_back("XDG_CACHE_HOME=" + (home / ".cache").string());
    return env;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 11;
    bool trace = false;
    std::vector<std::string> binaries;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--trace") {
            trace = true;
        } else if (arg == "-h" || arg == "--help") {
            std::printf("usage: %s [--runs N] [--trace] [BPMAP...]   (under xvfb-run; default: %s)\n", argv[0], BPM_APP);
            return 0;
        } else {
            binaries.push_back(arg);
        }
    }
    if (binaries.empty()) binaries.push_back(BPM_APP);

    Display* display = XOpenDisplay(nullptr);
    if (!display) {
        std::fprintf(stderr, "bench_startup needs a display: run it under xvfb-run -a -s \"-screen 0 1280x800x24\"\n");
        return 2;
    }
    XSetErrorHandler(IgnoreXErrors);
    XSelectInput(display, DefaultRootWindow(display), SubstructureNotifyMask);
    int damageEvent = 0, damageError = 0;
    if (!XDamageQueryExtension(display, &damageEvent, &damageError)) damageEvent = 0;

    GtkVisualsNote visuals(display);
    bpm::test::temp_dir folder;
    const std::vector<std::string> env = Environment(folder.path() / "home");
    const std::string map = folder.file("nlyzer-b2b-personas.bpm");
    fs::copy_file(bpm::test::sample("nlyzer-b2b-personas.bpm"), map);

    struct Case {
        std::string binary;
        bool sample;
        bool firstOnDisplay;
        std::vector<Run> runs;
    };
    std::vector<Case> cases;
    for (const std::string& binary : binaries)
        for (bool sample : {true, false})
            for (bool first : {false, true}) cases.push_back({binary, sample, first, {}});

    std::printf("bpmap start-up: medians of %d runs of each, alternating, after one warm-up run each\n", runs);
    for (int round = 0; round <= runs; ++round) {
        for (Case& c : cases) {
            if (c.firstOnDisplay) visuals.Remove();
            else visuals.Restore();
            Run r = Measure(display, damageEvent, c.binary, c.sample ? std::vector<std::string>{map} : std::vector<std::string>{},
                            env, trace);
            visuals.Remember();
            if (!r.ok) std::fprintf(stderr, "%s: %s\n", c.binary.c_str(), r.failure.c_str());
            if (round > 0) c.runs.push_back(std::move(r));
        }
        if (!trace) std::fprintf(stderr, ".");
    }
    std::fprintf(stderr, "\n");
    XCloseDisplay(display);

    std::printf("targets: frame %.1f s, settled %.1f s, VmRSS %.0f MiB with the sample\n", frame_target_s,
                settled_target_s, rss_target_mib);
    std::printf("%-44s %7s %7s %8s %8s %8s %8s %8s %5s\n", "", "mapped", "frame", "settled", "VmRSS", "VmHWM", "RssAnon",
                "PSS", "libs");
    std::printf("%-44s %7s %7s %8s %8s %8s %8s %8s\n", "", "s", "s", "s", "MiB", "MiB", "MiB", "MiB");
    std::string shown;
    for (const Case& c : cases) {
        if (c.binary != shown) std::printf("%s\n", (shown = c.binary).c_str());
        int ok = 0;
        for (const Run& r : c.runs) ok += r.ok;
        const std::string name = std::string(c.sample ? "  sample" : "  no map") +
                                 (c.firstOnDisplay ? ", first GTK program" : "") +
                                 (ok < static_cast<int>(c.runs.size()) ? " (" + std::to_string(ok) + " measured)" : "");
        const double frame = MedianOf(c.runs, &Run::frame), settled = MedianOf(c.runs, &Run::settled);
        const double rss = MedianOf(c.runs, &Run::rssMib);
        std::printf("%-44s %7.3f %6.3f%s %7.3f%s %7.1f%s %8.1f %8.1f %8.1f %5.0f\n", name.c_str(),
                    MedianOf(c.runs, &Run::mapped), frame, Mark(frame, frame_target_s), settled,
                    Mark(settled, settled_target_s), rss, c.sample ? Mark(rss, rss_target_mib) : " ",
                    MedianOf(c.runs, &Run::hwmMib), MedianOf(c.runs, &Run::anonMib), MedianOf(c.runs, &Run::pssMib),
                    MedianOf(c.runs, &Run::libraries));
    }
    std::printf("(* over the target)\n");
    return 0;
}
