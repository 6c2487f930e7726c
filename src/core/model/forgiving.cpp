#include "bpm/forgiving.h"

#include <array>
#include <cmath>

#include "bpm/utf8.h"

namespace bpm {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The digits at text[pos..pos+n) as a number, or -1 when they are not all digits.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return -1;
    int out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(text[i])) return -1;
        out = out * 10 + (text[i] - '0');
    }
    return out;
}

std::string two(int n) { return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; }

// "2026-11-20T09:15:00Z" for whole seconds since 1970, with ".fraction" before the Z when the
// fraction's digits (without trailing zeros) are not empty.
std::string utc_text(long long seconds, std::string fraction) {
    std::string iso = iso8601_from_epoch(seconds);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) iso.insert(iso.size() - 1, "." + fraction);
    return iso;
}

// The numbers read as seconds since 1970, and from there those read as milliseconds: 1973-03-03
// to the year 5138 either way. Smaller numbers are more likely years or placeholders.
constexpr double seconds_from = 1e8;
constexpr double seconds_below = 1e11;
constexpr double milliseconds_below = 1e14;

// Digits with an optional fraction ("1795424100", "1795424100482", "1795424100.25") read as
// timestamp_from_epoch reads numbers, exactly, since the digits are there to copy.
std::optional<timestamp_reading> epoch_digits(std::string_view text) {
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 14 || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;
    for (char c : whole)
        if (!is_digit(c)) return std::nullopt;
    for (char c : fraction)
        if (!is_digit(c)) return std::nullopt;
    long long n = 0;
    for (char c : whole) n = n * 10 + (c - '0');
    if (n < seconds_from) return std::nullopt;
    if (n < seconds_below) return timestamp_reading{utc_text(n, std::string(fraction)), timestamp_assumption::epoch_seconds};
    if (n >= milliseconds_below) return std::nullopt;
    const std::string milliseconds = std::to_string(1000 + n % 1000).substr(1);
    return timestamp_reading{utc_text(n / 1000, milliseconds + std::string(fraction)),
                             timestamp_assumption::epoch_milliseconds};
}

}  // namespace

std::optional<timestamp_reading> timestamp_from_epoch(double number) {
    if (!std::isfinite(number) || number < seconds_from || number >= milliseconds_below) return std::nullopt;
    const bool seconds = number < seconds_below;
    // Microseconds fit a double exactly below 2^53, and both ranges stay under 10^17 / 10^3 of it.
    const auto micro = static_cast<long long>(std::llround(number * (seconds ? 1e6 : 1e3)));
    const std::string fraction = std::to_string(1000000 + micro % 1000000).substr(1);
    return timestamp_reading{utc_text(micro / 1000000, fraction),
                             seconds ? timestamp_assumption::epoch_seconds : timestamp_assumption::epoch_milliseconds};
}

std::optional<timestamp_reading> forgiving_timestamp(std::string_view text) {
    if (is_iso8601(text)) return timestamp_reading{std::string(text), timestamp_assumption::none};
    const std::string_view s = trim(text);
    if (s.empty()) return std::nullopt;
    if (is_digit(s[0]) && (s.size() < 5 || s[4] != '-')) return epoch_digits(s);

    // YYYY-MM-DD, then an optional time and zone.
    if (digits(s, 0, 4) < 0 || s.size() < 10 || s[4] != '-' || digits(s, 5, 2) < 0 || s[7] != '-' ||
        digits(s, 8, 2) < 0)
        return std::nullopt;
    std::string iso(s.substr(0, 10));
    if (s.size() == 10) {
        iso += "T00:00:00Z";
        if (!is_iso8601(iso)) return std::nullopt;
        return timestamp_reading{iso, timestamp_assumption::midnight_utc};
    }
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    // HH:MM, then :SS, then a fraction.
    std::size_t pos = 11;
    if (digits(s, pos, 2) < 0 || pos + 2 >= s.size() || s[pos + 2] != ':' || digits(s, pos + 3, 2) < 0)
        return std::nullopt;
    iso += "T" + std::string(s.substr(pos, 5));
    pos += 5;
    if (pos < s.size() && s[pos] == ':') {
        if (digits(s, pos + 1, 2) < 0) return std::nullopt;
        iso += s.substr(pos, 3);
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            const std::size_t start = pos + 1;
            std::size_t end = start;
            while (end < s.size() && is_digit(s[end])) ++end;
            if (end == start) return std::nullopt;
            iso += "." + std::string(s.substr(start, end - start));
            pos = end;
        }
    } else {
        iso += ":00";
    }
    // The zone: none, Z, or an offset as +HH:MM, +HHMM or +HH.
    timestamp_assumption assumed = timestamp_assumption::none;
    const std::string_view zone = trim(s.substr(pos));
    if (zone.empty()) {
        iso += 'Z';
        assumed = timestamp_assumption::utc;
    } else if (zone == "Z" || zone == "z") {
        iso += 'Z';
    } else if (zone[0] == '+' || zone[0] == '-') {
        const int hours = digits(zone, 1, 2);
        int minutes = 0;
        if (zone.size() == 6 && zone[3] == ':') minutes = digits(zone, 4, 2);
        else if (zone.size() == 5) minutes = digits(zone, 3, 2);
        else if (zone.size() != 3) return std::nullopt;
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return std::nullopt;
        iso += zone[0] + two(hours) + ":" + two(minutes);
    } else {
        return std::nullopt;
    }
    if (!is_iso8601(iso)) return std::nullopt;
    return timestamp_reading{iso, assumed};
}

std::optional<status_reading> forgiving_status(std::string_view text) {
    // Lower case, and each run of '-', '_' and white space one space.
    std::string word;
    for (char c : trim(text)) {
        if (c == '-' || c == '_' || c == ' ' || c == '\t') {
            if (!word.empty() && word.back() != ' ') word += ' ';
        } else {
            word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    if (word == "in progress") return status_reading{persona_status::in_progress, false};
    if (word == "completed") return status_reading{persona_status::completed, false};
    static constexpr std::array<std::string_view, 15> in_progress = {
        "inprogress", "draft",   "wip",  "work in progress", "started", "ongoing",     "open",      "pending",
        "todo",       "to do",   "new",  "not started",      "active",  "incomplete",  "unfinished"};
    static constexpr std::array<std::string_view, 6> completed = {"complete", "done", "finished", "final", "closed",
                                                                  "finalised"};
    for (std::string_view w : in_progress)
        if (word == w) return status_reading{persona_status::in_progress, true};
    for (std::string_view w : completed)
        if (word == w) return status_reading{persona_status::completed, true};
    return std::nullopt;
}

}  // namespace bpm
