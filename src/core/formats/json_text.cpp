#include "json_text.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "bpm/json_format.h"
#include "bpm/tr.h"

namespace bpm {

namespace {

// Reads a JSON text to its end, keeping nothing but how deep it is nested.
class depth_check {
public:
    using json = nlohmann::json;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const json::string_t&) { return true; }
    bool string(json::string_t&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool key(json::string_t&) { return true; }
    bool start_object(std::size_t) { return open(); }
    bool start_array(std::size_t) { return open(); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        message = format(_("not valid JSON: {1}"), json_parse_error_text(e.what()));
        return false;
    }

    std::string message;

private:
    bool open() {
        if (++depth_ <= max_json_depth) return true;
        message = format(_("not valid JSON: nested more than {1} levels deep"), std::to_string(max_json_depth));
        return false;
    }
    bool close() {
        --depth_;
        return true;
    }

    std::size_t depth_ = 0;
};

}  // namespace

std::optional<std::string> json_text_problem(std::string_view text) {
    // nlohmann skips a byte order mark that starts a document; one inside a document, as a kept
    // value is written back, is no JSON.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") return _("not valid JSON: a byte order mark (U+FEFF) before the value");
    depth_check check;
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &check)) return std::nullopt;
    return check.message;
}

std::optional<std::string> compact_json_text(std::string_view valid, std::size_t limit) {
    std::string out;
    out.reserve(std::min(valid.size(), limit + 1));
    // Copies valid[from, to), unless that takes the text past limit.
    const auto copy = [&](std::size_t from, std::size_t to) {
        if (out.size() + (to - from) > limit) return false;
        out.append(valid.data() + from, to - from);
        return true;
    };
    std::size_t i = 0;
    while (i < valid.size()) {
        const char c = valid[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (c != '"') {
            // A number, a literal or punctuation, up to the next space or string.
            const std::size_t end = std::min(valid.find_first_of(" \t\n\r\"", i), valid.size());
            if (!copy(i, end)) return std::nullopt;
            i = end;
        } else {
            // A string, to its closing quote; an escape is two characters, or six for \uXXXX,
            // whose last four are plain.
            std::size_t from = i++;
            while (i < valid.size() && valid[i] != '"') {
                if (valid[i] == '\\') {
                    i += 2;
                } else if (valid[i] == '\xEF' &&
                           (valid.substr(i, 3) == "\xEF\xBF\xBE" || valid.substr(i, 3) == "\xEF\xBF\xBF")) {
                    if (!copy(from, i)) return std::nullopt;
                    out += valid[i + 2] == '\xBE' ? "\\ufffe" : "\\uffff";
                    i += 3;
                    from = i;
                } else {
                    ++i;
                }
            }
            i = std::min(i + 1, valid.size());
            if (!copy(from, i)) return std::nullopt;
        }
    }
    if (out.size() > limit) return std::nullopt;
    return out;
}

std::size_t extension_list::key_hash::operator()(std::size_t i) const { return std::hash<std::string>()((*items)[i].key); }

extension_list::added extension_list::add(extension e, std::size_t offset) {
    items_.push_back(std::move(e));
    offsets_.push_back(offset);
    const auto [it, is_new] = index_.insert(items_.size() - 1);
    if (is_new) return {std::string_view::npos, items_.back().key};
    items_[*it].json = std::move(items_.back().json);
    items_.pop_back();
    offsets_.pop_back();
    return {offsets_[*it], items_[*it].key};
}

std::vector<extension> extension_list::take() {
    index_.clear();
    offsets_.clear();
    std::vector<extension> out;
    out.swap(items_);
    return out;
}

std::string json_parse_error_text(std::string what) {
    // Drop "[json.exception.parse_error.101] " (or "[json.exception.out_of_range.406] "), then
    // "parse error at line 1, column 2: ".
    if (const auto bracket = what.find("] "); what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
        what = what.substr(bracket + 2);
    if (what.rfind("parse error", 0) == 0)
        if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    // "...; last read: '<bytes>'" can end mid-character; the position says enough.
    if (const auto last = what.find("; last read:"); last != std::string::npos) what.resize(last);
    return what;
}

}  // namespace bpm
