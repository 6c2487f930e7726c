#include "bpm/answers.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// The answer as a comparable key: lower case, without the punctuation people end a chat line with.
std::string normalise(std::string_view answer) {
    std::string s = ascii_lower(trim(answer));
    while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == ',' || s.back() == ' ')) s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && (s[start] == '"' || s[start] == '\'')) ++start;
    s.erase(0, start);
    while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.pop_back();
    return s;
}

// The words of a text in lower case: runs of letters, digits and apostrophes (any byte of a
// multibyte character counts as a letter), so "real-time" is two words and "don't" one.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : ascii_lower(text)) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80 || c == '\'') {
            word += c;
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// True when the words hold the phrase ("too long") as consecutive whole words.
bool has_phrase(const std::vector<std::string>& words, std::string_view phrase) {
    const std::vector<std::string> wanted = words_of(phrase);
    return std::search(words.begin(), words.end(), wanted.begin(), wanted.end()) != words.end();
}

struct category_words {
    pain_category category;
    std::initializer_list<std::string_view> words;
};

// Words that name a category before a colon ("expensive: licences cost too much"), besides the
// categories' keys and titles. English, and few, so that a text such as "Note: ..." keeps its colon.
const std::array<category_words, 4> prefix_synonyms = {{
    {pain_category::financial, {"expensive", "cost", "costs", "money", "price", "pricing", "budget"}},
    {pain_category::productivity, {"time", "slow"}},
    {pain_category::process, {"workflow"}},
    {pain_category::support, {"help", "service"}},
}};

// Whole words and phrases that point to one category. Every form is listed, since a stem would
// also match other words ("fee" in "feel"); words with a second common sense are left out ("spend",
// as in "spend more time", "help", as in "doesn't help us forecast").
const std::array<category_words, 4> cues = {{
    {pain_category::financial,
     {"expensive", "overpriced", "costly", "cost", "costs", "price", "prices", "pricing", "budget", "budgets", "money",
      "roi", "afford", "unaffordable", "fee", "fees", "cash", "margin", "margins"}},
    {pain_category::productivity,
     {"time", "slow", "slower", "too long", "hours", "waste", "wastes", "wasted", "wasting", "manual", "manually",
      "productivity", "unproductive", "repetitive", "busywork", "delay", "delays", "delayed", "bandwidth"}},
    {pain_category::process,
     {"process", "processes", "workflow", "workflows", "complex", "complexity", "complicated", "convoluted",
      "bureaucracy", "red tape", "approval", "approvals", "compliance", "procedure", "procedures", "integration",
      "integrations", "silo", "silos", "siloed", "handoffs", "visibility", "too many tools"}},
    {pain_category::support,
     {"support", "assistance", "helpdesk", "help desk", "customer service", "onboarding", "training",
      "documentation"}},
}};

// The category a pain point's text names before its colon ("Financial", "support pain",
// "expensive"), or nullopt.
std::optional<pain_category> category_prefix(std::string_view head) {
    std::string h = normalise(head);
    for (std::string_view tail : {" pain points", " pain point", " pain"})
        if (h.size() > tail.size() && h.compare(h.size() - tail.size(), tail.size(), tail) == 0)
            h.erase(h.size() - tail.size());
    for (pain_category c : {pain_category::financial, pain_category::productivity, pain_category::process,
                            pain_category::support, pain_category::other})
        if (h == pain_category_key(c) || h == ascii_lower(pain_category_title(c))) return c;
    for (const category_words& synonyms : prefix_synonyms)
        if (std::find(synonyms.words.begin(), synonyms.words.end(), h) != synonyms.words.end())
            return synonyms.category;
    return std::nullopt;
}

}  // namespace

std::optional<bool> parse_yes_no(std::string_view answer) {
    const std::string a = normalise(answer);
    if (a.empty()) return std::nullopt;
    static const std::array<std::string_view, 14> yes = {"yes", "y", "yeah", "yep", "sure", "ok", "okay",
                                                          "please", "yes please", "of course", "go ahead",
                                                          "definitely", "absolutely", "do it"};
    static const std::array<std::string_view, 8> no = {"no", "n", "nope", "not now", "no thanks",
                                                       "no thank you", "not yet", "skip it"};
    if (std::find(yes.begin(), yes.end(), a) != yes.end() || a == ascii_lower(_("yes"))) return true;
    if (std::find(no.begin(), no.end(), a) != no.end() || a == ascii_lower(_("no"))) return false;
    return std::nullopt;
}

std::optional<int> parse_count(std::string_view answer) {
    std::string a = normalise(answer);
    // "3 stages", "four stages": the number is the first word.
    const std::size_t space = a.find(' ');
    if (space != std::string::npos) {
        const std::string rest = a.substr(space + 1);
        if (rest != "stages" && rest != "stage" && rest != "steps" && rest != "step" && rest != "of them")
            return std::nullopt;
        a.erase(space);
    }
    if (a.empty()) return std::nullopt;
    if (std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (a.size() > 6) return 1000000;  // clearly out of any range; keeps the caller's message honest
        return std::stoi(a);
    }
    static const std::array<std::string_view, 21> words = {
        "zero",   "one",     "two",     "three",     "four",     "five",    "six",
        "seven",  "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    const auto it = std::find(words.begin(), words.end(), a);
    if (it == words.end()) return std::nullopt;
    return static_cast<int>(it - words.begin());
}

std::optional<std::size_t> parse_option(std::string_view answer,
                                        std::initializer_list<std::initializer_list<std::string_view>> options) {
    const std::string a = normalise(answer);
    if (a.empty()) return std::nullopt;
    std::size_t index = 0;
    for (const auto& words : options) {
        if (a == std::to_string(index + 1)) return index;
        for (std::string_view w : words)
            if (a == ascii_lower(w)) return index;
        ++index;
    }
    return std::nullopt;
}

pain_category guess_pain_category(std::string_view text) {
    const std::vector<std::string> words = words_of(text);
    pain_category found = pain_category::none;
    for (const category_words& cue : cues) {
        const bool named = std::any_of(cue.words.begin(), cue.words.end(),
                                       [&](std::string_view phrase) { return has_phrase(words, phrase); });
        if (!named) continue;
        // "Manual reports cost us hours": two categories are no evidence for either.
        if (found != pain_category::none) return pain_category::none;
        found = cue.category;
    }
    return found;
}

std::vector<pain_point> parse_pain_points(std::string_view answer) {
    std::vector<pain_point> out;
    for (pain_point p : split_pain_points(answer)) {
        const std::size_t colon = p.text.find(':');
        const std::optional<pain_category> named =
            colon == std::string::npos ? std::nullopt : category_prefix(std::string_view(p.text).substr(0, colon));
        if (named) {
            const std::string rest(trim(std::string_view(p.text).substr(colon + 1)));
            if (rest.empty()) continue;
            p.text = rest;
            p.category = *named;
        } else {
            p.category = guess_pain_category(p.text);
        }
        if (std::none_of(out.begin(), out.end(), [&](const pain_point& q) { return q.text == p.text; }))
            out.push_back(std::move(p));
    }
    return out;
}

}  // namespace bpm
