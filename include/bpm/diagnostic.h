#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace bpm {

/// A problem found in input, with where it is (1-based line and column; 0 when unknown).
struct diagnostic {
    std::string message;
    std::size_t line = 0;
    std::size_t column = 0;

    /// "LINE:COL: message", or just the message when there is no position.
    std::string to_string() const;
};

/// What an operation came to: a value, the problems that stopped it (never both), or neither
/// because the user stopped it, which is no failure to show. result<> is for operations that
/// produce nothing but may fail.
template <class T = void>
class result {
public:
    /// What is kept on success: T, or std::monostate for result<>.
    using value_type = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

    /// The value, present exactly on success.
    std::optional<value_type> value;
    /// Why it failed (translated); empty on success and when cancelled.
    std::vector<diagnostic> problems;
    /// What did not stop it but the user should know (translated): an assumption made, data kept
    /// but not used, a value given twice. Kept on failure too.
    std::vector<diagnostic> warnings;

    /// A successful result (result<>::success() takes no value).
    static result success(value_type v = {}) {
        result r;
        r.value = std::move(v);
        return r;
    }
    /// A failed result with one problem.
    static result failure(diagnostic d) { return failure(std::vector<diagnostic>{std::move(d)}); }
    /// A failed result with one problem that has no position.
    static result failure(std::string message) { return failure(diagnostic{std::move(message)}); }
    /// A failed result with several problems (at least one).
    static result failure(std::vector<diagnostic> ds) {
        result r;
        r.problems = std::move(ds);
        return r;
    }
    /// An operation the user stopped.
    static result cancelled() {
        result r;
        r.cancelled_ = true;
        return r;
    }
    /// The failure or cancellation of another operation (which did not succeed), passed on.
    template <class U>
    static result failure_of(const result<U>& other) {
        result r;
        r.problems = other.problems;
        r.warnings = other.warnings;
        r.cancelled_ = other.was_cancelled();
        return r;
    }

    /// True on success.
    explicit operator bool() const { return value.has_value(); }
    /// True when the user stopped the operation.
    bool was_cancelled() const { return cancelled_; }
    /// The first problem's text, for callers that show only one line ("" on success and when cancelled).
    std::string error() const { return problems.empty() ? std::string() : problems.front().to_string(); }

private:
    bool cancelled_ = false;
};

/// 1-based line and column (in code points) of a byte offset in UTF-8 text.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset);

/// line_column of each of several byte offsets, given in ascending order, in one pass over text.
std::vector<std::pair<std::size_t, std::size_t>> line_columns(std::string_view text,
                                                              const std::vector<std::size_t>& offsets);

}  // namespace bpm
