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

bool contains_word(std::string_view text, std::string_view word) {
    std::size_t at = 0;
    while ((at = text.find(word, at)) != std::string_view::npos) {
        const bool starts = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
        const std::size_t end = at + word.size();
        // A word may carry a plural or verb ending: "costs", "delayed".
        std::size_t e = end;
        while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e])) && e - end < 3) ++e;
        const bool ends = e == text.size() || !std::isalpha(static_cast<unsigned char>(text[e]));
        if (starts && ends) return true;
        at = end;
    }
    return false;
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
    const std::string t = ascii_lower(text);
    struct cue {
        pain_category category;
        std::initializer_list<std::string_view> words;
    };
    // Checked in order: "support costs too much" is about money first.
    static const std::array<cue, 4> cues = {{
        {pain_category::financial,
         {"expensive", "cost", "price", "pricing", "budget", "money", "roi", "afford", "spend", "fee", "cash",
          "margin", "revenue"}},
        {pain_category::support,
         {"support", "assistance", "help", "helpdesk", "service", "onboarding", "training", "documentation"}},
        {pain_category::productivity,
         {"time", "slow", "manual", "wasting", "waste", "hours", "productivity", "busy", "repetitive", "delay",
          "bandwidth", "capacity"}},
        {pain_category::process,
         {"process", "workflow", "complex", "complicated", "integration", "integrate", "silo", "approval",
          "compliance", "procedure", "visibility", "tools"}},
    }};
    for (const cue& c : cues)
        for (std::string_view w : c.words)
            if (contains_word(t, w)) return c.category;
    return pain_category::none;
}

std::vector<pain_point> parse_pain_points(std::string_view answer) {
    std::vector<pain_point> out;
    for (pain_point p : split_pain_points(answer)) {
        const std::size_t colon = p.text.find(':');
        std::optional<pain_category> explicit_category;
        if (colon != std::string::npos) {
            const std::string head = normalise(p.text.substr(0, colon));
            for (pain_category c : {pain_category::financial, pain_category::productivity, pain_category::process,
                                    pain_category::support, pain_category::other})
                if (head == pain_category_key(c) || head == ascii_lower(pain_category_title(c))) explicit_category = c;
        }
        if (explicit_category) {
            const std::string rest(trim(std::string_view(p.text).substr(colon + 1)));
            if (rest.empty()) continue;
            p.text = rest;
            p.category = *explicit_category;
        } else {
            p.category = guess_pain_category(p.text);
        }
        if (std::none_of(out.begin(), out.end(), [&](const pain_point& q) { return q.text == p.text; }))
            out.push_back(std::move(p));
    }
    return out;
}

}  // namespace bpm
