#include "bpm/duration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

struct token {
    enum kind_t { number, word, symbol } kind;
    std::string text;
    double value = 0;
};

// Lower-cased tokens; dashes of every kind become "-", parenthesised asides are dropped.
std::optional<std::vector<token>> tokenize(std::string_view in) {
    std::string s;
    int depth = 0;
    for (std::size_t i = 0; i < in.size();) {
        const char32_t c = next_code_point(in, i);
        if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 || c == 0xFF0D) {  // hyphens, dashes, minus
            if (depth == 0) s += " - ";
            continue;
        }
        // A wave dash or a tilde, full-width or not: "about" before a number, a range between two
        // ("1~2 weeks", "1〜2週間"), as Japanese and Chinese writing and much English shorthand use it.
        if (c == '~' || c == 0x301C || c == 0xFF5E) {
            if (depth == 0) s += " ~ ";
            continue;
        }
        if (c == '(') {
            ++depth;
            continue;
        }
        if (c == ')') {
            if (depth > 0) --depth;
            continue;
        }
        if (depth > 0) continue;
        if (c >= 0x80) return std::nullopt;  // other scripts: not a form we know
        s.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }

    std::vector<token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            ++i;
        } else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')) {
            std::size_t j = i;
            while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
            const std::string digits = s.substr(i, j - i);
            if (digits.size() > 9 || std::count(digits.begin(), digits.end(), '.') > 1) return std::nullopt;
            out.push_back({token::number, digits, std::strtod(digits.c_str(), nullptr)});
            i = j;
        } else if (c >= 'a' && c <= 'z') {
            std::size_t j = i;
            while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || s[j] == '.')) ++j;
            std::string w = s.substr(i, j - i);
            while (!w.empty() && w.back() == '.') w.pop_back();  // "approx.", "wks."
            out.push_back({token::word, w, 0});
            i = j;
        } else {
            out.push_back({token::symbol, std::string(1, c), 0});
            ++i;
        }
    }
    return out;
}

struct amount {
    double lo;
    double hi;
};

class parser {
public:
    explicit parser(std::vector<token> t) : tokens_(std::move(t)) {}

    std::optional<day_range> parse() {
        skip_words({"about", "around", "approx", "approximately", "roughly", "typically", "usually", "ca", "c",
                    "circa", "~", "est", "estimated"});
        enum { exact, at_most, at_least } bound = exact;
        if (accept_phrase({"up", "to"}) || accept_phrase({"less", "than"}) || accept_phrase({"under"}) ||
            accept_phrase({"within"}) || accept_phrase({"below"}) || accept_phrase({"<"}) ||
            accept_phrase({"no", "more", "than"}) || accept_phrase({"at", "most"}))
            bound = at_most;
        else if (accept_phrase({"over"}) || accept_phrase({"more", "than"}) || accept_phrase({"at", "least"}) ||
                 accept_phrase({">"}) || accept_phrase({"min"}) || accept_phrase({"minimum"}))
            bound = at_least;
        skip_words({"about", "around", "approx", "approximately", "roughly", "~"});
        const bool between = accept_phrase({"between"});

        auto low = span();
        if (!low) return std::nullopt;
        std::optional<std::pair<amount, double>> high;  // total, and the unit of its first term
        if (accept_phrase({"-"}) || accept_phrase({"~"}) || accept_phrase({"to"}) || accept_phrase({"or"}) ||
            (between && accept_phrase({"and"}))) {
            high = span();
            if (!high || high->second == 0) return std::nullopt;
        }
        if (accept_phrase({"+"})) open_ended_ = true;
        if (open_ended_) bound = at_least;
        if (pos_ != tokens_.size()) return std::nullopt;

        amount lo_days = low->first;
        if (low->second == 0) {
            // "1-2 weeks": the first number borrows the unit of the second.
            if (!high) return std::nullopt;
            lo_days = {lo_days.lo * high->second, lo_days.hi * high->second};
        }
        day_range r{lo_days.lo, high ? high->first.hi : lo_days.hi};
        if (r.min_days > r.max_days) return std::nullopt;
        if (bound == at_most) r.min_days = 0;
        if (bound == at_least) r.max_days = r.min_days;
        if (r.max_days <= 0 || r.max_days > 365.0 * 100) return std::nullopt;
        return r;
    }

private:
    // A sum of terms ("1 month and 2 weeks"), in days; or a bare count whose unit comes later
    // (unit 0). The second value is the unit of the first term, in days.
    std::optional<std::pair<amount, double>> span() {
        auto first = count();
        if (!first) return std::nullopt;
        if (accept_phrase({"+"})) open_ended_ = true;  // "6+ months"
        const auto unit_days = unit();
        if (!unit_days) return std::make_pair(*first, 0.0);
        amount total{first->lo * *unit_days, first->hi * *unit_days};
        while (true) {
            const std::size_t mark = pos_;
            accept_phrase({"and"});
            auto more = count();
            const auto more_unit = more ? unit() : std::nullopt;
            if (!more || !more_unit) {
                pos_ = mark;
                break;
            }
            total.lo += more->lo * *more_unit;
            total.hi += more->hi * *more_unit;
        }
        return std::make_pair(total, *unit_days);
    }

    std::optional<amount> count() {
        if (pos_ >= tokens_.size()) return std::nullopt;
        const token& t = tokens_[pos_];
        if (t.kind == token::number) {
            ++pos_;
            if (t.value <= 0) return std::nullopt;
            return amount{t.value, t.value};
        }
        if (t.kind != token::word) return std::nullopt;
        if (accept_phrase({"a", "few"}) || accept_phrase({"few"})) return amount{2, 4};
        if (accept_phrase({"a", "couple", "of"}) || accept_phrase({"a", "couple"}) || accept_phrase({"couple", "of"}))
            return amount{2, 2};
        if (accept_phrase({"several"})) return amount{3, 5};
        if (accept_phrase({"half", "a"}) || accept_phrase({"half", "an"}) || accept_phrase({"a", "half"}) ||
            accept_phrase({"half"}))
            return amount{0.5, 0.5};
        static const char* const words[] = {"one", "two",   "three", "four",   "five",   "six",
                                            "seven", "eight", "nine",  "ten", "eleven", "twelve"};
        for (int n = 0; n < 12; ++n)
            if (t.text == words[n]) {
                ++pos_;
                return amount{double(n + 1), double(n + 1)};
            }
        if (t.text == "a" || t.text == "an") {
            ++pos_;
            return amount{1, 1};
        }
        return std::nullopt;
    }

    std::optional<double> unit() {
        if (pos_ >= tokens_.size() || tokens_[pos_].kind != token::word) return std::nullopt;
        const std::size_t mark = pos_;
        const bool working = accept_phrase({"business"}) || accept_phrase({"working"}) || accept_phrase({"work"});
        if (pos_ >= tokens_.size()) {
            pos_ = mark;
            return std::nullopt;
        }
        const std::string& w = tokens_[pos_].text;
        auto is = [&](std::initializer_list<const char*> names) {
            for (const char* n : names)
                if (w == n) return true;
            return false;
        };
        std::optional<double> days;
        if (is({"day", "days", "d"})) days = working ? 7.0 / 5.0 : 1.0;
        else if (working) days = std::nullopt;
        else if (is({"hour", "hours", "hr", "hrs", "h"})) days = 1.0 / 24.0;
        else if (is({"week", "weeks", "wk", "wks", "w"})) days = 7;
        else if (is({"fortnight", "fortnights"})) days = 14;
        else if (is({"month", "months", "mo", "mos", "mth", "mths", "mon"})) days = 30;
        else if (is({"quarter", "quarters", "qtr", "qtrs", "q"})) days = 91;
        else if (is({"year", "years", "yr", "yrs", "y"})) days = 365;
        if (!days) {
            pos_ = mark;
            return std::nullopt;
        }
        ++pos_;
        return days;
    }

    bool accept_phrase(std::initializer_list<const char*> words) {
        std::size_t p = pos_;
        for (const char* w : words) {
            if (p >= tokens_.size() || tokens_[p].kind == token::number || tokens_[p].text != w) return false;
            ++p;
        }
        pos_ = p;
        return true;
    }

    void skip_words(std::initializer_list<const char*> words) {
        while (pos_ < tokens_.size()) {
            bool skipped = false;
            for (const char* w : words)
                if (tokens_[pos_].kind != token::number && tokens_[pos_].text == w) {
                    ++pos_;
                    skipped = true;
                    break;
                }
            if (!skipped) return;
        }
    }

    std::vector<token> tokens_;
    std::size_t pos_ = 0;
    bool open_ended_ = false;
};

// Value rounded for reading: halves below 10, whole numbers above.
double round_for_people(double v) { return v < 10 ? std::round(v * 2) / 2 : std::round(v); }

std::string number_text(double v) {
    if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
    return std::to_string(static_cast<long long>(std::floor(v))) + ".5";
}

}  // namespace

std::optional<day_range> parse_duration(std::string_view text) {
    if (trim(text).empty() || text.size() > 200) return std::nullopt;
    auto tokens = tokenize(text);
    if (!tokens || tokens->empty()) return std::nullopt;
    return parser(std::move(*tokens)).parse();
}

std::string format_day_range(const day_range& r) {
    enum unit_t { days, weeks, months, years } unit;
    double per;
    // A total of whole months reads as months ("1 month", not "4.5 weeks"); otherwise the size decides.
    auto whole = [&](double unit_days) {
        auto is_multiple = [&](double v) { return std::abs(v / unit_days - std::round(v / unit_days)) < 1e-9; };
        return r.max_days >= unit_days && is_multiple(r.min_days) && is_multiple(r.max_days);
    };
    if (whole(365)) unit = years, per = 365;
    else if (whole(30)) unit = months, per = 30;
    else if (whole(7) && r.max_days < 91) unit = weeks, per = 7;
    else if (r.max_days < 14) unit = days, per = 1;
    else if (r.max_days < 60) unit = weeks, per = 7;
    else if (r.max_days < 730) unit = months, per = 30;
    else unit = years, per = 365;

    const double lo = round_for_people(r.min_days / per);
    double hi = round_for_people(r.max_days / per);
    if (hi == 0) hi = 0.5;
    // Plural forms are chosen by the larger number; fractional amounts read as plural.
    const unsigned long n = hi == 1 ? 1 : 2;
    std::string amount_pattern;
    switch (unit) {
        case days: amount_pattern = _n("{1} day", "{1} days", n); break;
        case weeks: amount_pattern = _n("{1} week", "{1} weeks", n); break;
        case months: amount_pattern = _n("{1} month", "{1} months", n); break;
        case years: amount_pattern = _n("{1} year", "{1} years", n); break;
    }
    if (lo == hi) return format(amount_pattern, number_text(hi));
    if (lo == 0) {
        // TRANSLATORS: a duration with no lower bound, e.g. "up to 2 weeks"
        return format(_("up to {1}"), format(amount_pattern, number_text(hi)));
    }
    // TRANSLATORS: a range of two numbers, e.g. "2–4"; the dash is an en dash
    return format(amount_pattern, format(_("{1}–{2}"), number_text(lo), number_text(hi)));
}

cycle_length total_duration(const persona& p) {
    cycle_length total;
    for (const auto& s : p.stages) {
        const auto r = parse_duration(s.duration);
        if (!r) {
            ++total.stages_without_duration;
            continue;
        }
        if (!total.known) total.known = day_range{};
        total.known->min_days += r->min_days;
        total.known->max_days += r->max_days;
    }
    return total;
}

}  // namespace bpm
