#include "bench_document.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace bpm::test {

namespace {

const char* const words[] = {
    "evaluates", "vendors",   "pricing",  "demo",     "pilot",     "security", "review",   "budget",  "board",
    "approval",  "analysts",  "peers",    "webinar",  "case",      "study",    "ROI",      "team",    "workflow",
    "integration", "roll-out", "stakeholders", "procurement", "legal", "shortlist", "requirements", "trial",
    "adoption",  "renewal",   "champion", "économie", "Zürich",    "café",     "«qualité»", "—",      "&",
    "<draft>",   "\"quoted\"", "data",    "catalogue", "conversion", "revenue", "weekly",   "dashboard"};

std::string sentence(std::mt19937& rng, std::size_t min_words, std::size_t max_words) {
    std::uniform_int_distribution<std::size_t> count(min_words, max_words);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(words) - 1);
    std::string out;
    const std::size_t n = count(rng);
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ' ';
        out += words[pick(rng)];
    }
    return out;
}

}  // namespace

document bench_document(std::size_t personas, std::size_t stages) {
    std::mt19937 rng(20261121);
    document d;
    d.metadata = {"Benchmark map", "bench", "2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z"};
    static const char* const durations[] = {"2 weeks", "1-2 weeks", "3–6 months", "45 days", "1 quarter", "a year"};
    for (std::size_t p = 0; p < personas; ++p) {
        persona pe;
        pe.id = "persona-" + std::to_string(p + 1);
        pe.name = "Persona " + std::to_string(p + 1) + " " + sentence(rng, 1, 3);
        for (int k = 0; k < 4; ++k)
            pe.pain_points.push_back({sentence(rng, 3, 8) + " " + std::to_string(k), pain_category(k % 6)});
        pe.profile = {sentence(rng, 2, 4), sentence(rng, 1, 3), "Enterprise", sentence(rng, 3, 6)};
        for (std::size_t s = 0; s < stages; ++s) {
            stage st;
            st.id = "stage-" + std::to_string(p * stages + s + 1);
            st.name = "Stage " + std::to_string(s + 1);
            st.buyer_actions = sentence(rng, 15, 40);
            st.duration = durations[s % std::size(durations)];
            st.key_influencers = sentence(rng, 4, 12);
            st.seller_actions = sentence(rng, 15, 40);
            st.content_type = sentence(rng, 3, 8);
            st.key_message = sentence(rng, 8, 25);
            pe.stages.push_back(std::move(st));
        }
        pe.status = p % 3 ? persona_status::completed : persona_status::in_progress;
        pe.last_updated_at = "2026-11-21T09:30:00Z";
        pe.created_by = "bench";
        d.personas.push_back(std::move(pe));
    }
    return d;
}

double median_ms(int runs, const std::function<void()>& fn) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

#ifndef _WIN32
process_run run_quietly(const std::vector<std::string>& argv, const std::string& folder) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    if (child == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        for (int fd : {0, 1, 2}) ::dup2(null, fd);
        if (!folder.empty() && ::chdir(folder.c_str()) != 0) std::_Exit(126);
        ::execvp(args[0], args.data());
        std::_Exit(127);
    }
    int status = 0;
    struct rusage usage {};
    process_run r;
    if (child < 0 || ::wait4(child, &status, 0, &usage) != child) return r;
    r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
    r.cpu_ms = ms(usage.ru_utime) + ms(usage.ru_stime);
    r.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}
#endif

}  // namespace bpm::test
