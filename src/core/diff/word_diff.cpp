#include "bpm/word_diff.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>

namespace bpm {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A word of a text: where the white space before it starts, where it starts and ends.
struct word {
    std::size_t lead, start, end;
};

std::vector<word> split_words(std::string_view text) {
    std::vector<word> words;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t lead = i;
        while (i < text.size() && is_space(text[i])) ++i;
        if (i == text.size()) break;
        const std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        words.push_back({lead, start, i});
    }
    return words;
}

// Builds the runs from an edit script over the two word lists.
class run_builder {
public:
    run_builder(std::string_view a, const std::vector<word>& aw, std::string_view b, const std::vector<word>& bw)
        : a_(a), aw_(aw), b_(b), bw_(bw) {}

    // The next word of both texts: new's, with the white space before it.
    void same(std::size_t j) {
        flush();
        push(word_run::kind::same, b_.substr(bw_[j].lead, bw_[j].end - bw_[j].lead));
    }
    void remove(std::size_t i) {
        if (removed_first_ == npos_) removed_first_ = i;
        removed_last_ = i;
    }
    void add(std::size_t j) {
        if (added_first_ == npos_) added_first_ = j;
        added_last_ = j;
    }
    std::vector<word_run> finish() {
        flush();
        return std::move(runs_);
    }

private:
    static constexpr std::size_t npos_ = std::numeric_limits<std::size_t>::max();

    void push(word_run::kind k, std::string_view text) {
        if (text.empty()) return;
        if (!runs_.empty() && runs_.back().what == k) runs_.back().text += text;
        else runs_.push_back({k, std::string(text)});
    }
    // A group of removed and added words between two same ones (each contiguous in its text):
    // the white space before it, then what went, then what came.
    void flush() {
        if (removed_first_ == npos_ && added_first_ == npos_) return;
        const word& first = added_first_ != npos_ ? bw_[added_first_] : aw_[removed_first_];
        const std::string_view text = added_first_ != npos_ ? b_ : a_;
        push(word_run::kind::same, text.substr(first.lead, first.start - first.lead));
        if (removed_first_ != npos_)
            push(word_run::kind::removed,
                 a_.substr(aw_[removed_first_].start, aw_[removed_last_].end - aw_[removed_first_].start));
        if (added_first_ != npos_)
            push(word_run::kind::added, b_.substr(bw_[added_first_].start, bw_[added_last_].end - bw_[added_first_].start));
        removed_first_ = removed_last_ = added_first_ = added_last_ = npos_;
    }

    std::string_view a_;
    const std::vector<word>& aw_;
    std::string_view b_;
    const std::vector<word>& bw_;
    std::vector<word_run> runs_;
    std::size_t removed_first_ = npos_, removed_last_ = npos_, added_first_ = npos_, added_last_ = npos_;
};

}  // namespace

std::vector<word_run> word_diff(std::string_view old_text, std::string_view new_text, std::size_t max_cells) {
    if (old_text == new_text) {
        if (new_text.empty()) return {};
        return {{word_run::kind::same, std::string(new_text)}};
    }
    const std::vector<word> aw = split_words(old_text), bw = split_words(new_text);
    const auto equal = [&](std::size_t i, std::size_t j) {
        return old_text.substr(aw[i].start, aw[i].end - aw[i].start) == new_text.substr(bw[j].start, bw[j].end - bw[j].start);
    };
    std::size_t prefix = 0;
    while (prefix < aw.size() && prefix < bw.size() && equal(prefix, prefix)) ++prefix;
    std::size_t suffix = 0;
    while (suffix < aw.size() - prefix && suffix < bw.size() - prefix &&
           equal(aw.size() - 1 - suffix, bw.size() - 1 - suffix))
        ++suffix;
    const std::size_t n = aw.size() - prefix - suffix, m = bw.size() - prefix - suffix;
    if (n == 0 && m == 0)  // only white space differs
        return {{word_run::kind::removed, std::string(old_text)}, {word_run::kind::added, std::string(new_text)}};

    run_builder out(old_text, aw, new_text, bw);
    for (std::size_t k = 0; k < prefix; ++k) out.same(k);
    const std::size_t width = m + 1;
    const bool fits = n > 0 && m > 0 && (n + 1) <= max_cells / width &&
                      std::min(n, m) < std::numeric_limits<std::uint16_t>::max();
    if (!fits) {
        for (std::size_t i = 0; i < n; ++i) out.remove(prefix + i);
        for (std::size_t j = 0; j < m; ++j) out.add(prefix + j);
    } else {
        // The middles' words as numbers, equal for equal words, so that each pair compares once cheaply.
        std::unordered_map<std::string_view, std::uint32_t> numbers;
        const auto number = [&](std::string_view text, const word& w) {
            return numbers.try_emplace(text.substr(w.start, w.end - w.start), std::uint32_t(numbers.size())).first->second;
        };
        std::vector<std::uint32_t> an(n), bn(m);
        for (std::size_t i = 0; i < n; ++i) an[i] = number(old_text, aw[prefix + i]);
        for (std::size_t j = 0; j < m; ++j) bn[j] = number(new_text, bw[prefix + j]);
        // lcs[i * width + j]: the longest common subsequence of the middles' words from i and j on.
        std::vector<std::uint16_t> lcs((n + 1) * width, 0);
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                lcs[i * width + j] = an[i] == bn[j]
                                         ? static_cast<std::uint16_t>(lcs[(i + 1) * width + j + 1] + 1)
                                         : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && an[i] == bn[j]) {
                out.same(prefix + j);
                ++i, ++j;
            } else if (j == m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
                out.remove(prefix + i++);
            } else {
                out.add(prefix + j++);
            }
        }
    }
    for (std::size_t k = suffix; k-- > 0;) out.same(bw.size() - 1 - k);
    return out.finish();
}

}  // namespace bpm
