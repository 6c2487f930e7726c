#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "bpm/mermaid_journey.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// Where text goes in a journey diagram, which decides what Mermaid's grammar cannot hold there
// (mermaid_journey_read.cpp sums the grammar up).
enum class place { title, section, task, person };

bool starts_with_word(std::string_view text, std::size_t i, std::string_view word) {
    if (text.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = text[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string entity(char c) { return "#" + std::to_string(static_cast<unsigned char>(c)) + ";"; }

// Text that the grammar reads back as it is, at its place, written with Mermaid's entity codes
// where needed: '#' (a comment, or an entity code), ';' (an error), CR (a line end), "%%" (a
// comment), ':' (it ends a task's name and splits its data; in the title only before other than a
// space, as Mermaid drops the ';' of an entity code after "style...:x#"), ',' between people, and
// "<br" in a section name, where it breaks the line; a section's line breaks are "<br>", and
// elsewhere they are spaces.
std::string escaped(std::string_view text, place where) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            out += where == place::section ? "<br>" : " ";
            continue;
        }
        const bool coded = c == '#' || c == ';' || c == '\r' ||
                           (c == ':' && (where != place::title || (i + 1 < text.size() && text[i + 1] != ' '))) ||
                           (c == ',' && where == place::person) ||
                           (c == '%' && i + 1 < text.size() && text[i + 1] == '%') ||
                           (c == '<' && where == place::section && starts_with_word(text, i, "<br"));
        if (coded) out += entity(c);
        else out += c;
    }
    return out;
}

// A task's name, which starts a statement: its first letter is written as an entity code when
// the statement would otherwise read as a keyword (accTitle and accDescr before the ':' that
// follows the name, too) or a comment ('%').
std::string task_name(std::string_view text) {
    std::string out = escaped(text, place::task);
    const auto word_at = [&](std::string_view word) { return starts_with_word(out, 0, word); };
    const auto after = [&](std::size_t i) { return i < out.size() ? out[i] : '\0'; };
    const bool keyword = (word_at("journey") && !is_word(after(7))) || (word_at("title") && is_space(after(5))) ||
                         (word_at("section") && is_space(after(7))) || word_at("acctitle") || word_at("accdescr");
    if (keyword || out.front() == '%') out.replace(0, 1, entity(out.front()));
    return out;
}

// The lines of a text, trimmed, without empty ones.
std::vector<std::string_view> lines_of(std::string_view text, std::string_view breaks) {
    std::vector<std::string_view> out;
    for (std::size_t from = 0; from <= text.size();) {
        const std::size_t end = std::min(text.find_first_of(breaks, from), text.size());
        const std::string_view line = trim(text.substr(from, end - from));
        if (!line.empty()) out.push_back(line);
        from = end + 1;
    }
    return out;
}

void write_task(std::string& out, std::string_view text, int score, const std::vector<std::string_view>& people) {
    out += "    " + task_name(text) + ": " + std::to_string(std::clamp(score, min_journey_score, max_journey_score));
    for (std::size_t i = 0; i < people.size(); ++i) out += (i == 0 ? ": " : ", ") + escaped(people[i], place::person);
    out += '\n';
}

void write_stage(std::string& out, const stage& s, bool first) {
    const std::vector<std::string_view> actions = lines_of(s.buyer_actions, "\n");
    std::string_view name = trim(s.name);
    // A first stage without a name holds the tasks before any section, as the reader makes it.
    const std::string unnamed = _("Unnamed stage");
    if (name.empty() && !(first && !actions.empty())) name = unnamed;
    if (!name.empty()) out += "  section " + escaped(name, place::section) + "\n";

    std::vector<std::string_view> influencers;
    std::unordered_set<std::string_view> seen;
    for (std::string_view person : lines_of(s.key_influencers, ",;\n"))
        if (seen.insert(person).second) influencers.push_back(person);
    // Each stored task keeps its score and people for the first line that is its text.
    std::unordered_map<std::string_view, std::deque<const journey_task*>> stored;
    for (const journey_task& t : s.journey) stored[trim(t.text)].push_back(&t);
    for (std::string_view action : actions) {
        const auto match = stored.find(action);
        if (match == stored.end() || match->second.empty()) {
            write_task(out, action, neutral_journey_score, influencers);
            continue;
        }
        const journey_task& t = *match->second.front();
        match->second.pop_front();
        std::vector<std::string_view> people;
        for (const std::string& person : t.people)
            if (!trim(person).empty()) people.push_back(trim(person));
        write_task(out, action, t.score, people);
    }
}

}  // namespace

std::string to_mermaid_journey(const persona& p) {
    std::string out = "journey\n";
    if (const std::string_view title = trim(p.name); !title.empty())
        out += "  title " + escaped(title, place::title) + "\n";
    for (std::size_t i = 0; i < p.stages.size(); ++i) write_stage(out, p.stages[i], i == 0);
    return out;
}

}  // namespace bpm
