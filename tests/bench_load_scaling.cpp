// How loading grows with hostile input (issues 16 and 18): maps of the kinds that were quadratic or
// took memory without bound, or that hold more than the spec's shape, generated at 1×, 4× and 16×
// size, each loaded, with its time per MB of file and its peak heap growth per MB of file (the heap
// counted through operator new and pugixml's allocator). A loader linear in its input shows a
// 16×/1× ratio near 1 for both; a file refused early (over a limit) shows how little it costs to
// refuse. Never fails on speed; not run by ctest.
//
//   bench_load_scaling [WORDS]   only the kinds whose name contains WORDS
#include <malloc.h>
#include <pugixml.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "bench_document.h"
#include "bpm/bpm_file.h"
#include "bpm/json_format.h"
#include "bpm/mermaid_journey.h"

namespace {

// Bytes the heap holds now, and the most it held since the last reset_peak.
std::size_t heap_live = 0;
std::size_t heap_peak = 0;

void* counted_alloc(std::size_t size) {
    void* p = std::malloc(size ? size : 1);
    if (p) {
        heap_live += malloc_usable_size(p);
        if (heap_live > heap_peak) heap_peak = heap_live;
    }
    return p;
}

void counted_free(void* p) {
    if (!p) return;
    heap_live -= malloc_usable_size(p);
    std::free(p);
}

}  // namespace

void* operator new(std::size_t size) {
    if (void* p = counted_alloc(size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

namespace {

constexpr int scales[] = {1, 4, 16};
// Fewer runs as the input grows, so that each column takes about as long as the others.
constexpr int runs_at[] = {5, 3, 1};

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// One persona holding n stages, none with a stage_id: each id is generated on load.
std::string stages_without_ids(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"buying_stages\": [\n";
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ",\n";
        out += "{\"stage_name\": \"Stage " + std::to_string(i) +
               "\", \"buyer_actions\": \"Compares three tools on price\", \"duration\": \"2-4 weeks\", "
               "\"key_influencers\": \"Accountant\", \"seller_actions\": \"Offer a guided trial\", "
               "\"content_type\": \"Comparison sheet\", \"key_message\": \"Set up in an afternoon\"}";
    }
    return out + "]}]}\n";
}

// One persona with n pain-point details and the "; "-joined string of n other pieces, so the
// string wins and each piece's category is looked up among the details.
std::string many_pain_points(std::size_t n) {
    std::string details, joined;
    for (std::size_t i = 0; i < n; ++i) {
        if (i) {
            details += ",\n";
            joined += "; ";
        }
        details += "{\"text\": \"Too expensive for team " + std::to_string(i) + "\", \"category\": \"financial\"}";
        joined += "Slow onboarding of office " + std::to_string(i);
    }
    return "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"persona_pain_points\": " + quoted(joined) +
           ",\n\"persona_pain_point_details\": [\n" + details + "]}]}\n";
}

// A .bpm whose n stages each hold an element the format does not have: n located problems.
std::string bpm_many_problems(std::size_t n) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<buying-process-map format-version=\"1\">\n"
                      "\t<personas>\n\t\t<persona id=\"persona-1\">\n\t\t\t<name>Buyer</name>\n"
                      "\t\t\t<status>in_progress</status>\n\t\t\t<stages>\n";
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = std::to_string(i);
        out += "\t\t\t\t<stage id=\"stage-" + id + "\">\n\t\t\t\t\t<name>Stage " + id +
               "</name>\n\t\t\t\t\t<mood>curious</mood>\n\t\t\t\t</stage>\n";
    }
    return out + "\t\t\t</stages>\n\t\t</persona>\n\t</personas>\n</buying-process-map>\n";
}

// n levels of arrays under a key the reader does not use.
std::string deep_nesting(std::size_t n) {
    return "{\"buying_process_mappings\": [], \"notes\": " + std::string(n, '[') + std::string(n, ']') + "}\n";
}

// n empty arrays in one array under a key the reader does not use.
std::string empty_arrays(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [], \"notes\": [";
    for (std::size_t i = 0; i < n; ++i) out += i ? ",[]" : "[]";
    return out + "]}\n";
}

// n empty arrays where personas belong: n problems.
std::string personas_that_are_arrays(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [";
    for (std::size_t i = 0; i < n; ++i) out += i ? ",[]" : "[]";
    return out + "]}\n";
}

// One persona holding n stages that are "{}": each loads as an empty stage, until the map's
// content passes its limit.
std::string empty_stages(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"buying_stages\": [";
    for (std::size_t i = 0; i < n; ++i) out += i ? ",{}" : "{}";
    return out + "]}]}\n";
}

// One journey task of a stage holding n people "": each is kept, until the map's content passes
// its limit.
std::string task_of_many_people(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"buying_stages\": [{\"stage_name\": "
                      "\"S\", \"journey_tasks\": [{\"text\": \"Reads\", \"score\": 3, \"people\": [";
    for (std::size_t i = 0; i < n; ++i) out += i ? ",\"\"" : "\"\"";
    return out + "]}]}]}]}\n";
}

// A .bpm stage holding n journey tasks of one person each.
std::string bpm_journey_tasks(std::size_t n) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<buying-process-map format-version=\"1\">\n"
                      "<personas><persona id=\"p\"><name>Buyer</name><status>in_progress</status><stages>"
                      "<stage id=\"s\"><name>S</name><journey>\n";
    for (std::size_t i = 0; i < n; ++i) out += "<task score=\"3\"><text>Task</text><person>Me</person></task>\n";
    return out + "</journey></stage></stages></persona></personas></buying-process-map>\n";
}

// A Mermaid journey of n tasks in sections of ten, with a comment and an entity code in each.
std::string mermaid_tasks(std::size_t n) {
    std::string out = "journey\n  title Buyer\n";
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 10 == 0) out += "  section Stage " + std::to_string(i / 10) + "<br>part two\n";
        out += "    %% a comment\n    Reads report #35;" + std::to_string(i) + ": 3: Me, Peer\n";
    }
    return out;
}

// Markdown with n lines of prose and code blocks before its journey block.
std::string markdown_before_a_journey(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i % 10 == 0 ? "```mermaid\nflowchart LR\n```\n" : "Some prose about the buyer, line " + std::to_string(i) + "\n";
    return out + "```mermaid\njourney\n  section A\n    Task: 3: Me\n```\n";
}

// One persona with n members the reader does not read, each kept as an extension, until the
// map's content passes its limit.
std::string unknown_keys(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\"";
    for (std::size_t i = 0; i < n; ++i) out += ",\n\"goal " + std::to_string(i) + "\": [\"Lower CAC\", " + std::to_string(i) + "]";
    return out + "}]}\n";
}

// One persona whose pain points are an array of n strings, and one stage whose key influencers
// are an array of n names, joined until the field's limit.
std::string arrays_for_text(std::size_t n) {
    std::string points, names;
    for (std::size_t i = 0; i < n; ++i) {
        points += std::string(i ? ",\n" : "") + "\"Slow onboarding of office " + std::to_string(i) + "\"";
        names += std::string(i ? ", " : "") + "\"CFO " + std::to_string(i) + "\"";
    }
    return "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"persona_pain_points\": [" + points +
           "],\n\"buying_stages\": [{\"stage_name\": \"S\", \"key_influencers\": [" + names + "]}]}]}\n";
}

// n keys, each given twice, in one stage: a warning each, the first 50 listed.
std::string keys_given_twice(std::size_t n) {
    std::string out = "{\"buying_process_mappings\": [{\"persona_name\": \"Buyer\", \"buying_stages\": [{";
    for (std::size_t i = 0; i < n; ++i) out += std::string(i ? "," : "") + "\"key_message\": \"M" + std::to_string(i) + "\"";
    return out + "}]}]}\n";
}

using loader = std::function<bpm::result<bpm::document>(std::string_view)>;
const loader bpm_file = [](std::string_view t) { return bpm::read_bpm(t); };
const loader json = [](std::string_view t) { return bpm::read_json(t); };
const loader mermaid = [](std::string_view t) { return bpm::read_mermaid_journey(t, "bench"); };
const loader markdown = [](std::string_view t) { return bpm::read_markdown_journey(t, "bench"); };

struct kind {
    const char* name;
    std::size_t base;  // the 1x count
    const char* unit;
    std::function<std::string(std::size_t)> make;
    loader load;
};

const std::vector<kind> kinds = {
    {"JSON stages without stage_id", 5000, "stages", stages_without_ids, json},
    {"JSON pain-point details + string", 8000, "points", many_pain_points, json},
    {".bpm with a problem per stage", 5000, "problems", bpm_many_problems, bpm_file},
    {"JSON nesting under an ignored key", 500000, "levels", deep_nesting, json},
    {"JSON [] array under an ignored key", 350000, "arrays", empty_arrays, json},
    {"JSON personas that are []", 350000, "arrays", personas_that_are_arrays, json},
    {"JSON stages that are {}", 350000, "stages", empty_stages, json},
    {"JSON journey task of many people", 350000, "people", task_of_many_people, json},
    {".bpm journey tasks", 20000, "tasks", bpm_journey_tasks, bpm_file},
    {"Mermaid journey tasks", 1000, "tasks", mermaid_tasks, mermaid},
    {"Markdown before a journey block", 20000, "lines", markdown_before_a_journey, markdown},
    {"JSON unknown keys kept", 40000, "keys", unknown_keys, json},
    {"JSON arrays for pain points and influencers", 20000, "items", arrays_for_text, json},
    {"JSON key given twice", 40000, "keys", keys_given_twice, json},
};

// The first run's outcome, for the table: "loaded" or the number of problems.
std::string outcome(const bpm::result<bpm::document>& r) {
    if (r) return "loaded";
    return "refused (" + std::to_string(r.problems.size()) + ")";
}

}  // namespace

int main(int argc, char** argv) {
    pugi::set_memory_management_functions(counted_alloc, counted_free);
    const std::string only = argc > 1 ? argv[1] : "";
    std::printf("Per MB of file: load time (median of %d, %d, %d runs) and peak heap growth while loading "
                "(MB per MB of file).\nThe ratio is the 16x figure over the 1x figure: near 1 means linear.\n",
                runs_at[0], runs_at[1], runs_at[2]);
    for (const kind& k : kinds) {
        if (!only.empty() && std::string(k.name).find(only) == std::string::npos) continue;
        std::printf("\n%s (1x = %zu %s)\n%-6s %9s %12s %12s  %s\n", k.name, k.base, k.unit, "size", "MB", "ms/MB",
                    "heap MB/MB", "result");
        double time_1x = 0, heap_1x = 0, time_16x = 0, heap_16x = 0;
        for (std::size_t i = 0; i < std::size(scales); ++i) {
            const std::string text = k.make(k.base * static_cast<std::size_t>(scales[i]));
            const double mb = static_cast<double>(text.size()) / (1 << 20);
            const auto load = [&] { return k.load(text); };
            const std::size_t before = heap_live;
            heap_peak = heap_live;
            std::string result = outcome(load());
            const double heap = static_cast<double>(heap_peak - before) / (1 << 20) / mb;
            const double ms = bpm::test::median_ms(runs_at[i], [&] { load(); }) / mb;
            std::printf("%4dx  %9.2f %12.1f %12.2f  %s\n", scales[i], mb, ms, heap, result.c_str());
            std::fflush(stdout);
            if (i == 0) time_1x = ms, heap_1x = heap;
            if (i + 1 == std::size(scales)) time_16x = ms, heap_16x = heap;
        }
        std::printf("16x/1x %9s %12.2f %12.2f\n", "", time_16x / time_1x, heap_16x / heap_1x);
    }
    return 0;
}
