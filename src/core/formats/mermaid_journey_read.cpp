#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <unordered_set>

#include "bpm/bpm_file.h"
#include "bpm/file_io.h"
#include "bpm/map_size.h"
#include "bpm/mermaid_journey.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// What Mermaid's journey grammar (packages/mermaid/src/diagrams/user-journey/parser/journey.jison,
// as jison 0.4.18 builds it) and its preprocessing (preprocess.ts, Diagram.ts) do, which this
// reader follows on the text as given, so that every place it names is the file's own:
// - line ends: CR LF and CR count as LF;
// - front matter: a first line "---", YAML, a line "---"; only its title is data;
// - directives "%%{word ... }%%" are taken out next, before anything else is read;
// - the diagram is a journey when its first word, after white space and "%%" comments, is
//   "journey" in lower case;
// - entity codes "#word;" are text, never a comment or a ';' (Mermaid shows "#35;" as '#');
// - at the start of each token, first match wins: '%' not before '{', or any character but '}'
//   before "%%", starts a comment to the line's end; white space; '#' a comment; "journey";
//   "title" + one space + [^#\n;]+; "accTitle" or "accDescr" + ':' + a line; "accDescr {" to '}';
//   "section" + one space + [^#:\n;]+; a task name [^#:\n;]+ which ":" + [^#\n;]+ must follow;
//   anything else (';', a lone ':') is an error;
// - a task's data splits at ':' into its score (Number()) and people (split at ','); more is
//   ignored. The last title wins; tasks before any section belong to none.

constexpr std::size_t npos = std::string_view::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether text[i..end) starts with word, ASCII case-insensitively (the grammar's keywords).
bool starts_with(std::string_view text, std::size_t i, std::size_t end, std::string_view word) {
    if (end - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = text[i + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

// Bytes of the entity code "#word;" that starts at text[i] ('#'), or 0 when none does.
std::size_t entity_length(std::string_view text, std::size_t i, std::size_t end) {
    std::size_t j = i + 1;
    while (j < end && is_word(text[j])) ++j;
    return j > i + 1 && j < end && text[j] == ';' ? j + 1 - i : 0;
}

// The character an entity code's word stands for, as a browser shows Mermaid's "&#NNN;" or
// "&name;": a decimal code point, or one of the names people use for the characters the grammar
// cannot hold; nothing for a line feed, which would split a line, or a character a map cannot hold.
std::optional<char32_t> entity_char(std::string_view word) {
    if (std::all_of(word.begin(), word.end(), is_digit)) {
        std::uint32_t v = 0;
        for (char c : word) {
            v = v * 10 + static_cast<std::uint32_t>(c - '0');
            if (v > 0x10FFFF) return std::nullopt;
        }
        const bool xml_char = v >= 0x20 ? !(v >= 0xD800 && v <= 0xDFFF) && v != 0xFFFE && v != 0xFFFF
                                        : v == '\t' || v == '\r';
        if (xml_char) return static_cast<char32_t>(v);
        return std::nullopt;
    }
    static constexpr std::pair<std::string_view, char32_t> names[] = {
        {"quot", '"'},  {"amp", '&'},    {"lt", '<'},    {"gt", '>'},     {"apos", '\''},   {"nbsp", 0xA0},
        {"num", '#'},   {"semi", ';'},   {"colon", ':'}, {"comma", ','},  {"percnt", '%'},
    };
    for (const auto& [name, c] : names)
        if (word == name) return c;
    return std::nullopt;
}

// Text as Mermaid shows it: each entity code entity_char knows as its character, the rest as written.
std::string decoded(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        if (raw[i] == '#') {
            if (const std::size_t n = entity_length(raw, i, raw.size())) {
                if (const auto c = entity_char(raw.substr(i + 1, n - 2))) {
                    append_utf8(out, *c);
                    i += n;
                    continue;
                }
            }
        }
        out.push_back(raw[i++]);
    }
    return out;
}

std::string decoded_trimmed(std::string_view raw) { return std::string(trim(decoded(trim(raw)))); }

// A section name as Mermaid draws it: "<br>", "<br/>" and "<br />" break the line.
std::string section_name(std::string_view raw) {
    raw = trim(raw);
    std::string out;
    std::size_t piece = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '<' || !starts_with(raw, i, raw.size(), "<br")) continue;
        std::size_t j = i + 3;
        while (j < raw.size() && is_space(raw[j])) ++j;
        if (j < raw.size() && raw[j] == '/') ++j;
        if (j >= raw.size() || raw[j] != '>') continue;
        out += decoded(raw.substr(piece, i - piece));
        out += '\n';
        piece = j + 1;
        i = j;
    }
    out += decoded(raw.substr(piece));
    return std::string(trim(out));
}

// A problem or warning, placed by its byte offset until the reader is done.
struct pending {
    std::size_t offset;
    std::string message;
};

// Reads one diagram, text[begin, end), into a map of one persona.
class journey_reader {
public:
    journey_reader(std::string_view text, std::size_t begin, std::size_t end)
        : source_(text), t_(text), begin_(begin), end_(end), pos_(begin) {}
    journey_reader(const journey_reader&) = delete;
    journey_reader& operator=(const journey_reader&) = delete;

    // Whether the diagram is a journey, as Mermaid tells one from other diagrams.
    bool starts_with_journey() {
        if (!prepare(false)) return false;
        skip_leading_comments();
        return at_diagram_keyword();
    }

    // A warning about what is around the diagram, placed in the whole text.
    void warn(std::size_t offset, std::string message) {
        note(warnings_, unlisted_warnings_, offset, std::move(message));
    }

    result<document> read(bool keyword_optional, std::string_view fallback_name) {
        if (end_ - begin_ > max_mermaid_bytes) {
            problem(begin_, format(_("the diagram holds {1} KB; a journey of more than {2} KB is not read"),
                                   std::to_string((end_ - begin_ + 1023) / 1024),
                                   std::to_string(max_mermaid_bytes / 1024)));
            return finish(fallback_name);
        }
        if (!prepare(true)) return finish(fallback_name);
        skip_leading_comments();
        if (at_diagram_keyword()) {
            pos_ += 7;
        } else if (!keyword_optional) {
            if (pos_ >= end_)
                problem(begin_, _("the diagram is empty: a Mermaid user journey starts with \"journey\""));
            else
                // TRANSLATORS: {1} is the start of the file's first line; "journey" is Mermaid's keyword
                problem(pos_, format(_("this is not a Mermaid user journey: it starts with \"{1}\", not \"journey\""),
                                     one_line_excerpt(t_.substr(pos_, line_end(pos_) - pos_), 30)));
            return finish(fallback_name);
        }
        while (true) {
            skip_blank();
            if (pos_ >= end_) break;
            if (!statement()) pos_ = line_end(pos_);
        }
        return finish(fallback_name);
    }

private:
    // Past max_reported_problems, problems and warnings are only counted.
    static void note(std::vector<pending>& list, std::size_t& unlisted, std::size_t offset, std::string message) {
        if (list.size() < max_reported_problems) list.push_back({offset, std::move(message)});
        else ++unlisted;
    }
    // A problem at an offset in the text being read: the source until prepare() is done, then the
    // text it leaves.
    void problem(std::size_t offset, std::string message) {
        note(problems_, unlisted_problems_, source_offset(offset), std::move(message));
    }
    void warn_here(std::size_t offset, std::string message) {
        note(warnings_, unlisted_warnings_, source_offset(offset), std::move(message));
    }

    std::size_t source_offset(std::size_t i) const {
        if (moves_.empty()) return i;
        const auto next =
            std::upper_bound(moves_.begin(), moves_.end(), i,
                             [](std::size_t v, const std::pair<std::size_t, std::size_t>& m) { return v < m.first; });
        const auto& move = *(next - 1);
        return move.second + (i - move.first);
    }

    // Takes out the front matter (its title kept) and then the directives, as Mermaid does before
    // it reads a diagram; the rest is read from cleaned_. False, with a problem when report, when
    // either cannot be read.
    bool prepare(bool report) {
        pos_ = begin_;
        if (!skip_front_matter(report)) return false;
        const std::size_t from = pos_;
        std::size_t copied = from;
        cleaned_.reserve(end_ - from);
        // Placed in the source until the text is cleaned: a directive's problem too.
        std::vector<std::pair<std::size_t, std::size_t>> moves = {{0, from}};
        for (std::size_t i = from; i < end_;) {
            const std::size_t d = t_[i] == '%' ? directive_end(i, report) : i;
            if (d == npos) return false;
            if (d == i) {
                ++i;
                continue;
            }
            cleaned_.append(t_.substr(copied, i - copied));
            i = copied = d;
            moves.push_back({cleaned_.size(), d});
        }
        cleaned_.append(t_.substr(copied, end_ - copied));
        moves_ = std::move(moves);
        t_ = cleaned_;
        end_ = cleaned_.size();
        pos_ = 0;
        return true;
    }

    // Past white space and "%%" comments, all that may come before the word journey.
    void skip_leading_comments() {
        while (pos_ < end_) {
            if (is_space(t_[pos_])) ++pos_;
            else if (starts_with(t_, pos_, end_, "%%")) pos_ = line_end(pos_);
            else return;
        }
    }

    // Whether the word journey, in lower case as Mermaid's detector wants it, starts the diagram.
    bool at_diagram_keyword() const { return t_.substr(pos_, 7) == "journey" && !is_word(at(pos_ + 7)); }

    char at(std::size_t i) const { return i < end_ ? t_[i] : '\0'; }

    // Where the line that holds i ends: its line break, or the end.
    std::size_t line_end(std::size_t i) const {
        while (i < end_ && !is_line_break(t_[i])) ++i;
        return i;
    }
    // Past the line break at i (CR LF is one).
    std::size_t after_line_break(std::size_t i) const {
        if (i < end_ && t_[i] == '\r' && at(i + 1) == '\n') return i + 2;
        return std::min(i + 1, end_);
    }
    std::size_t skip_spaces(std::size_t i) const {
        while (i < end_ && is_space(t_[i])) ++i;
        return i;
    }

    // Past white space from i, and past the comment lines Mermaid takes out before it reads: lines
    // that start with "%%" (but not "%%{") and hold more.
    std::size_t skip_spaces_and_comment_lines(std::size_t i) const {
        bool line_start = false;
        while (i < end_) {
            if (is_space(t_[i])) {
                line_start = line_start || is_line_break(t_[i]);
                ++i;
            } else if (line_start && starts_with(t_, i, end_, "%%") && at(i + 2) != '{' && i + 2 < end_ &&
                       !is_line_break(t_[i + 2])) {
                i = line_end(i);
            } else {
                break;
            }
        }
        return i;
    }

    bool at_journey_keyword() const {
        return starts_with(t_, pos_, end_, "journey") && !is_word(at(pos_ + 7));
    }

    // Where the directive that starts at i ends, as Mermaid's directiveRegex reads one:
    // "%%{" word [':'] and then either a word or anything up to "}%%", then "}%%" if it is there.
    // i when none starts there; npos, with a problem when report, when the "}%%" it needs is missing.
    std::size_t directive_end(std::size_t i, bool report) {
        if (!starts_with(t_, i, end_, "%%{")) return i;
        std::size_t j = skip_spaces(i + 3);
        if (!is_word(at(j))) return i;
        while (is_word(at(j))) ++j;
        if (const std::size_t colon = skip_spaces(j); at(colon) == ':') j = colon + 1;
        j = skip_spaces(j);
        if (is_word(at(j))) {
            while (is_word(at(j))) ++j;
            j = skip_spaces(j);
            return starts_with(t_, j, end_, "}%%") ? j + 3 : j;
        }
        const std::size_t close = t_.substr(0, end_).find("}%%", j);
        if (close == npos) {
            if (report) problem(i, _("this directive is not closed with }%%"));
            return npos;
        }
        return close + 3;
    }

    // Whether a comment starts at i by the grammar's second rule: any character but '}' before "%%".
    // JavaScript's "character" is a UTF-16 unit, half of one past U+FFFF (four UTF-8 bytes).
    bool second_comment_rule(std::size_t i) const {
        if (i >= end_ || t_[i] == '}' || static_cast<unsigned char>(t_[i]) >= 0xF0) return false;
        const std::size_t next = next_char_start(t_.substr(0, end_), i);
        return starts_with(t_, next, end_, "%%");
    }

    // Past white space, comments and directives, to where the next token starts.
    void skip_blank() {
        while (pos_ < end_) {
            const char c = t_[pos_];
            if (c == '%' && at(pos_ + 1) != '{') {
                pos_ = line_end(pos_);
            } else if (second_comment_rule(pos_)) {
                // The character may be a line end: the comment is the rest of the next line.
                pos_ = line_end(pos_ + 1);
            } else if (is_space(c)) {
                ++pos_;
            } else if (c == '#' && !entity_length(t_, pos_, end_)) {
                pos_ = line_end(pos_);
            } else {
                return;
            }
        }
    }

    // Where a run of text from i ends: at '#' (unless it starts an entity code), ';', a line end,
    // and ':' too when stop_at_colon.
    std::size_t run(std::size_t i, bool stop_at_colon) const {
        while (i < end_) {
            const char c = t_[i];
            if (c == '#') {
                const std::size_t n = entity_length(t_, i, end_);
                if (n == 0) break;
                i += n;
                continue;
            }
            if (c == ';' || is_line_break(c) || (stop_at_colon && c == ':')) break;
            ++i;
        }
        return i;
    }

    // Past the one white-space character a keyword needs after it (CR LF counts as one), or npos.
    std::size_t after_keyword(std::size_t i) const {
        if (i >= end_ || !is_space(t_[i])) return npos;
        return is_line_break(t_[i]) ? after_line_break(i) : i + 1;
    }

    // One statement at pos_; false, with a problem, when the grammar does not read it.
    bool statement() {
        const std::size_t at_start = pos_;
        if (at_journey_keyword()) {
            problem(pos_, _("\"journey\" may only start the diagram: Mermaid reads a task whose name starts with "
                            "this word as a second start (write its first letter as #106; or #74;)"));
            return false;
        }
        if (starts_with(t_, pos_, end_, "title")) {
            const std::size_t from = after_keyword(pos_ + 5);
            if (const std::size_t stop = from == npos ? npos : run(from, false); stop != npos && stop > from) {
                set_title(at_start, decoded_trimmed(t_.substr(from, stop - from)));
                pos_ = stop;
                return true;
            }
        }
        const bool acc_title = starts_with(t_, pos_, end_, "acctitle");
        if (acc_title || starts_with(t_, pos_, end_, "accdescr")) {
            const std::size_t k = skip_spaces(pos_ + 8);
            if (at(k) == ':') {
                // The text may start on a later line, but not be missing.
                const std::size_t text = skip_spaces_and_comment_lines(k + 1);
                if (text >= end_) {
                    problem(at_start, _("accTitle and accDescr need a text after ':'"));
                    pos_ = end_;
                    return false;
                }
                pos_ = line_end(text);
                warn_here(at_start, acc_title
                                        ? _("the accessible title (accTitle) is left out: a map has no place for it")
                                        : _("the accessible description (accDescr) is left out: a map has no "
                                            "place for it"));
                return true;
            }
            if (!acc_title && at(k) == '{') return description_block(at_start, skip_spaces(k + 1));
        }
        if (starts_with(t_, pos_, end_, "section")) {
            const std::size_t from = after_keyword(pos_ + 7);
            if (const std::size_t stop = from == npos ? npos : run(from, true); stop != npos && stop > from) {
                start_stage(at_start, section_name(t_.substr(from, stop - from)));
                pos_ = stop;
                return true;
            }
        }
        return task();
    }

    // "accDescr {" up to the '}' that ends it; Mermaid takes out comment lines first.
    bool description_block(std::size_t at_start, std::size_t i) {
        while (i < end_ && t_[i] != '}') {
            if (!is_line_break(t_[i])) {
                ++i;
                continue;
            }
            i = after_line_break(i);
            std::size_t k = i;
            while (k < end_ && is_space(t_[k])) ++k;
            if (starts_with(t_, k, end_, "%%") && at(k + 2) != '{' && !is_line_break(at(k + 2)) && k + 2 < end_)
                i = line_end(k);
        }
        if (i >= end_) {
            problem(at_start, _("this accDescr { is not closed with }"));
            pos_ = end_;
            return true;
        }
        warn_here(at_start, _("the accessible description (accDescr) is left out: a map has no place for it"));
        pos_ = i + 1;
        return true;
    }

    void set_title(std::size_t at_start, std::string title) {
        if (!check_text(at_start, title)) return;
        if (title_ && *title_ != title)
            warn_here(at_start,
                      _("the diagram has a title already: the last one names the persona, as Mermaid shows it"));
        // A title of spaces shows none: the persona is named as for none.
        if (title.empty()) title_.reset();
        else title_ = std::move(title);
    }

    // Text a map can hold: true, or false with a problem naming the first character it cannot.
    bool check_text(std::size_t at_start, std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (const std::size_t bytes = xml_invalid_char_bytes(text, i); bytes != 0) {
                const unsigned cp = bytes == 1              ? static_cast<unsigned char>(text[i])
                                    : text[i + 2] == '\xBE' ? 0xFFFE
                                                            : 0xFFFF;
                char code[8];
                std::snprintf(code, sizeof code, "%04X", cp);
                // TRANSLATORS: {1} is a character's code, such as 000C; maps are saved as .bpm files, which are XML
                problem(at_start, format(_("the character U+{1} cannot be kept: a map is saved as XML, which does not "
                                           "allow it"),
                                         code));
                return false;
            }
        }
        return true;
    }

    void start_stage(std::size_t at_start, std::string name) {
        check_text(at_start, name);
        stage& s = stages_.emplace_back();
        s.name = std::move(name);
        stage_people_.clear();
    }

    // "Task name: score: person, person" at pos_.
    bool task() {
        const std::size_t name_from = pos_;
        const char c = t_[pos_];
        if (c == ';') {
            problem(pos_, _("Mermaid cannot read ';' here: write #59; for a semicolon"));
            return false;
        }
        if (c == ':') {
            problem(pos_, _("a task needs a name before ':' (Task name: 5: Person, Person)"));
            return false;
        }
        const std::size_t name_end = run(pos_, true);
        if (at(name_end) == ';') {
            problem(name_end, _("Mermaid cannot read ';' here: write #59; for a semicolon"));
            return false;
        }
        const std::size_t data_from = name_end + 1;
        const std::size_t data_end = at(name_end) == ':' && !second_comment_rule(name_end) ? run(data_from, false) : 0;
        if (data_end <= data_from) {
            problem(name_end, _("a task needs ': score' after its name (Task name: 5: Person, Person)"));
            return false;
        }
        pos_ = data_end;
        if (at(pos_) == ';') {
            problem(pos_, _("Mermaid cannot read ';' here: write #59; for a semicolon"));
            return false;
        }

        journey_task t;
        t.text = decoded_trimmed(t_.substr(name_from, name_end - name_from));
        if (t.text.empty()) {
            problem(name_from, _("a task needs a name before ':' (Task name: 5: Person, Person)"));
            return false;
        }
        const std::string_view data = t_.substr(data_from, data_end - data_from);
        const std::size_t first_colon = data.find(':');
        const std::optional<int> score = read_score(data_from, data.substr(0, first_colon));
        if (!score) return false;
        t.score = *score;
        if (first_colon != npos) {
            const std::size_t second_colon = data.find(':', first_colon + 1);
            if (second_colon != npos)
                warn_here(data_from + second_colon,
                     _("the text after a task's second ':' is left out, as Mermaid leaves it out"));
            const std::string_view people =
                data.substr(first_colon + 1, second_colon - std::min(second_colon, first_colon + 1));
            for (std::size_t from = 0; from <= people.size();) {
                const std::size_t comma = std::min(people.find(',', from), people.size());
                std::string person = decoded_trimmed(people.substr(from, comma - from));
                if (!person.empty()) t.people.push_back(std::move(person));
                from = comma + 1;
            }
        }
        if (!check_text(name_from, t.text)) return false;
        for (const std::string& person : t.people)
            if (!check_text(name_from, person)) return false;
        add_task(name_from, std::move(t));
        return true;
    }

    // A score as Mermaid's Number() reads it, when it is a whole number from 1 to 5 ("5", " +5 ",
    // "05", "5.0"); nothing, with a problem, otherwise.
    std::optional<int> read_score(std::size_t data_from, std::string_view raw) {
        const std::string_view text = trim(raw);
        const std::size_t at_score = data_from + static_cast<std::size_t>(text.data() - raw.data());
        if (text.empty()) {
            problem(at_score, _("a task needs a score from 1 to 5 after ':' (Task name: 5: Person, Person)"));
            return std::nullopt;
        }
        std::string_view n = text;
        if (n.front() == '+') n.remove_prefix(1);
        while (n.size() > 1 && n.front() == '0' && is_digit(n[1])) n.remove_prefix(1);
        std::string_view fraction;
        if (const std::size_t dot = n.find('.'); dot != npos) {
            fraction = n.substr(dot + 1);
            n = n.substr(0, dot);
        }
        const bool whole = n.size() == 1 && n.front() >= '0' + min_journey_score &&
                           n.front() <= '0' + max_journey_score &&
                           std::all_of(fraction.begin(), fraction.end(), [](char c) { return c == '0'; });
        if (whole) return n.front() - '0';
        // TRANSLATORS: {1} is the score as written; a journey task's score is Mermaid's, from 1 to 5
        problem(at_score, format(_("score \"{1}\" is not a whole number from 1 to 5"), one_line_excerpt(text, 40)));
        return std::nullopt;
    }

    void add_task(std::size_t at_start, journey_task t) {
        if (stages_.empty()) {
            warn_here(at_start, _("tasks before the first section go to a stage without a name, as Mermaid draws them "
                             "without one"));
            stages_.emplace_back();
        }
        stage& s = stages_.back();
        if (!s.buyer_actions.empty()) s.buyer_actions += '\n';
        s.buyer_actions += t.text;
        for (const std::string& person : t.people) {
            if (!stage_people_.insert(person).second) continue;
            if (!s.key_influencers.empty()) s.key_influencers += ", ";
            s.key_influencers += person;
        }
        s.journey.push_back(std::move(t));
    }

    // Front matter at the diagram's start: its title is kept, the rest (how Mermaid draws) is not
    // data. False, with a problem when report, when it is not closed or its title cannot be read.
    bool skip_front_matter(bool report) {
        std::size_t i = pos_;
        for (int spaces = 0; spaces < 3 && at(i) == ' '; ++spaces) ++i;
        if (!starts_with(t_, i, end_, "---")) return true;
        std::size_t k = i + 3;
        while (at(k) == ' ' || at(k) == '\t') ++k;
        if (k < end_ && !is_line_break(t_[k])) return true;
        const std::size_t yaml = after_line_break(k);
        for (std::size_t line = yaml; line < end_; line = after_line_break(line_end(line))) {
            std::size_t j = line;
            for (int spaces = 0; spaces < 3 && at(j) == ' '; ++spaces) ++j;
            if (!starts_with(t_, j, end_, "---")) continue;
            j += 3;
            while (at(j) == ' ' || at(j) == '\t') ++j;
            if (j < end_ && !is_line_break(t_[j])) continue;
            const bool read = front_matter_title(yaml, line, report);
            pos_ = after_line_break(j);
            return read;
        }
        if (report) problem(pos_, _("the front matter is not closed with a line of ---"));
        return false;
    }

    // The top-level "title:" of front matter text[from, to): plain, "double-" or 'single-quoted'
    // on its line, as YAML writes it; other forms are refused rather than read wrong.
    bool front_matter_title(std::size_t from, std::size_t to, bool report) {
        bool ok = true, seen = false;
        for (std::size_t line = from; line < to; line = after_line_break(line_end(line))) {
            if (!starts_with(t_, line, to, "title")) continue;
            std::size_t k = line + 5;
            while (k < to && (t_[k] == ' ' || t_[k] == '\t')) ++k;
            if (at(k) != ':' || k >= to) continue;
            ++k;
            if (k < to && !is_space(t_[k])) continue;
            const std::size_t end = std::min(line_end(k), to);
            const std::string_view value = trim(t_.substr(k, end - k));
            const std::size_t value_at = value.empty() ? k : static_cast<std::size_t>(value.data() - t_.data());
            const auto refuse = [&](std::string message) {
                if (report) problem(value_at, std::move(message));
                ok = false;
            };
            if (seen) {
                refuse(_("the front matter has a second title, which YAML does not allow"));
                continue;
            }
            seen = true;
            const std::size_t next = after_line_break(end);
            const bool continued = next < to && (t_[next] == ' ' || t_[next] == '\t') &&
                                   trim(t_.substr(next, std::min(line_end(next), to) - next)).size() > 0;
            if (continued || value.empty() || std::string_view("|>[{&*!%@`").find(value.front()) != npos) {
                if (!value.empty() || continued)
                    refuse(_("write the front matter's title on its line, as plain or quoted text"));
                continue;
            }
            std::optional<std::string> title =
                value.front() == '"' || value.front() == '\'' ? quoted_scalar(value) : plain_scalar(value);
            if (!title) {
                refuse(_("the front matter's title is not YAML that this reader understands: write it on its line, "
                         "as plain or quoted text"));
                continue;
            }
            if (value.front() != '"' && value.front() != '\'' && *title == "null") continue;
            const std::string text(trim(*title));
            if (!text.empty() && (!report || check_text(value_at, text))) title_ = text;
        }
        return ok;
    }

    // A plain YAML scalar on one line, without its comment; nothing when YAML would read a mapping.
    static std::optional<std::string> plain_scalar(std::string_view value) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '#' && i > 0 && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
                value = trim(value.substr(0, i));
                break;
            }
            if (value[i] == ':' && (i + 1 == value.size() || value[i + 1] == ' ' || value[i + 1] == '\t'))
                return std::nullopt;
        }
        return std::string(value);
    }

    // A 'single-' or "double-quoted" YAML scalar closed on its line, with only a comment after it.
    static std::optional<std::string> quoted_scalar(std::string_view value) {
        const char quote = value.front();
        std::string out;
        std::size_t i = 1;
        for (; i < value.size(); ++i) {
            const char c = value[i];
            if (c == quote) {
                if (quote == '\'' && i + 1 < value.size() && value[i + 1] == '\'') {
                    out += '\'';
                    ++i;
                    continue;
                }
                break;
            }
            if (c != '\\' || quote == '\'') {
                out += c;
                continue;
            }
            if (++i >= value.size()) return std::nullopt;
            switch (value[i]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 't': out += '\t'; break;
                case ' ': out += ' '; break;
                default: return std::nullopt;
            }
        }
        if (i >= value.size()) return std::nullopt;
        const std::string_view rest = trim(value.substr(i + 1));
        if (!rest.empty() && rest.front() != '#') return std::nullopt;
        return out;
    }

    result<document> finish(std::string_view fallback_name) {
        std::vector<std::size_t> offsets;
        for (const auto* list : {&problems_, &warnings_})
            for (const pending& p : *list) offsets.push_back(p.offset);
        std::sort(offsets.begin(), offsets.end());
        offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
        const auto places = line_columns(source_, offsets);
        const auto located = [&](std::vector<pending>& list, std::size_t unlisted, bool warnings) {
            std::stable_sort(list.begin(), list.end(),
                             [](const pending& a, const pending& b) { return a.offset < b.offset; });
            std::vector<diagnostic> out;
            for (pending& p : list) {
                const auto [line, column] = places[static_cast<std::size_t>(
                    std::lower_bound(offsets.begin(), offsets.end(), p.offset) - offsets.begin())];
                out.push_back({std::move(p.message), line, column});
            }
            if (unlisted > 0)
                out.push_back({warnings ? format(_n("and {1} more warning", "and {1} more warnings", unlisted),
                                                 std::to_string(unlisted))
                                        : format(_n("and {1} more problem", "and {1} more problems", unlisted),
                                                 std::to_string(unlisted))});
            return out;
        };
        std::vector<diagnostic> warnings = located(warnings_, unlisted_warnings_, true);
        if (!problems_.empty()) {
            result<document> failed = result<document>::failure(located(problems_, unlisted_problems_, false));
            failed.warnings = std::move(warnings);
            return failed;
        }
        persona p;
        p.id = "persona-1";
        if (title_) {
            p.name = *title_;
        } else {
            p.name = std::string(fallback_name);
            // TRANSLATORS: {1} is the name given to the persona, taken from the file's name
            warnings.push_back({format(_("the diagram has no title: the persona is named \"{1}\" after the file"),
                                       p.name)});
        }
        p.stages = std::move(stages_);
        for (std::size_t i = 0; i < p.stages.size(); ++i) p.stages[i].id = "stage-" + std::to_string(i + 1);
        document doc;
        doc.personas.push_back(std::move(p));
        result<document> read = result<document>::success(std::move(doc));
        read.warnings = std::move(warnings);
        return read;
    }

    std::string_view source_;  // the whole text, where problems are placed
    std::string cleaned_;      // the diagram without front matter and directives
    std::vector<std::pair<std::size_t, std::size_t>> moves_;  // where cleaned_ continues in source_
    std::string_view t_;       // what is being read: source_, then cleaned_
    std::size_t begin_, end_, pos_;
    std::optional<std::string> title_;
    std::vector<stage> stages_;
    std::unordered_set<std::string> stage_people_;  // of the last stage, in its key influencers
    std::vector<pending> problems_, warnings_;
    std::size_t unlisted_problems_ = 0, unlisted_warnings_ = 0;
};

// A UTF-8 byte order mark is not part of the text positions people see.
std::string_view without_bom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return text;
}

std::optional<result<document>> invalid_utf8(std::string_view text) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad == npos) return std::nullopt;
    const auto [line, column] = line_column(text, bad);
    return result<document>::failure(
        diagnostic{_("invalid UTF-8 byte sequence; the file must be saved as UTF-8"), line, column});
}

// A fenced code block of Markdown (CommonMark 0.30, 4.5): its opening line and its content.
struct fenced_block {
    std::size_t fence;  // where the opening line starts
    std::size_t begin, end;
    std::string info;  // the first word after the fence, in lower case
};

// The next fenced code block at or after line start `from`, or nothing.
std::optional<fenced_block> next_fenced_block(std::string_view text, std::size_t from) {
    const auto line_end = [&](std::size_t i) { return std::min(text.find('\n', i), text.size()); };
    // The fence a line opens or closes: its character and length, and where its rest starts.
    const auto fence_of = [&](std::size_t line, char& mark, std::size_t& length) {
        std::size_t i = line;
        for (int spaces = 0; spaces < 3 && i < text.size() && text[i] == ' '; ++spaces) ++i;
        if (i >= text.size() || (text[i] != '`' && text[i] != '~')) return npos;
        mark = text[i];
        std::size_t j = i;
        while (j < text.size() && text[j] == mark) ++j;
        length = j - i;
        return length >= 3 ? j : npos;
    };
    for (std::size_t line = from; line < text.size(); line = line_end(line) + 1) {
        char mark = 0;
        std::size_t length = 0;
        const std::size_t rest = fence_of(line, mark, length);
        if (rest == npos) continue;
        const std::string_view info = trim(text.substr(rest, line_end(line) - rest));
        if (mark == '`' && info.find('`') != npos) continue;
        fenced_block block{line, std::min(line_end(line) + 1, text.size()), text.size(), {}};
        std::size_t word = 0;
        while (word < info.size() && !is_space(info[word])) ++word;
        block.info = ascii_lower(info.substr(0, word));
        for (std::size_t l = block.begin; l < text.size(); l = line_end(l) + 1) {
            char close_mark = 0;
            std::size_t close_length = 0;
            const std::size_t after = fence_of(l, close_mark, close_length);
            if (after != npos && close_mark == mark && close_length >= length &&
                trim(text.substr(after, line_end(l) - after)).empty()) {
                block.end = l;
                break;
            }
        }
        return block;
    }
    return std::nullopt;
}

}  // namespace

result<document> read_mermaid_journey(std::string_view text, std::string_view fallback_name) {
    text = without_bom(text);
    if (auto bad = invalid_utf8(text)) return std::move(*bad);
    return journey_reader(text, 0, text.size()).read(false, fallback_name);
}

result<document> read_markdown_journey(std::string_view text, std::string_view fallback_name) {
    text = without_bom(text);
    if (auto bad = invalid_utf8(text)) return std::move(*bad);
    std::optional<fenced_block> chosen;
    std::vector<std::size_t> left_out;
    for (auto block = next_fenced_block(text, 0); block;
         block = block->end < text.size()
                     ? next_fenced_block(text, std::min(text.find('\n', block->end), text.size()) + 1)
                     : std::nullopt) {
        const bool journey =
            block->info == "journey" ||
            (block->info == "mermaid" && journey_reader(text, block->begin, block->end).starts_with_journey());
        if (!journey) continue;
        if (chosen) left_out.push_back(block->fence);
        else chosen = block;
    }
    if (!chosen)
        return result<document>::failure(diagnostic{
            _("no journey diagram here: the file has no ```journey block, nor a ```mermaid block that starts with "
              "journey"),
            1, 1});
    journey_reader reader(text, chosen->begin, chosen->end);
    for (std::size_t fence : left_out)
        reader.warn(fence, _("only the first journey diagram is read: this one is left out"));
    return reader.read(chosen->info == "journey", fallback_name);
}

result<document> load_mermaid_journey(const std::string& path, bool markdown) {
    auto bytes = read_file(path, max_document_bytes);
    if (!bytes) return result<document>::failure_of(bytes);
    const std::string name = std::filesystem::path(path).stem().string();
    return markdown ? read_markdown_journey(*bytes.value, name) : read_mermaid_journey(*bytes.value, name);
}

}  // namespace bpm
