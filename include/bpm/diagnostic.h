#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// A value, or the problems that stopped it from being produced; never both.
template <class T>
struct result {
    std::optional<T> value;
    std::vector<diagnostic> problems;

    /// A successful result.
    static result success(T v) { return result{std::move(v), {}}; }
    /// A failed result with one problem.
    static result failure(diagnostic d) { return result{std::nullopt, {std::move(d)}}; }
    /// A failed result with several problems (at least one).
    static result failure(std::vector<diagnostic> ds) { return result{std::nullopt, std::move(ds)}; }

    explicit operator bool() const { return value.has_value(); }
    /// The first problem's text, for callers that show only one line.
    std::string error() const { return problems.empty() ? std::string() : problems.front().to_string(); }
};

/// The outcome of an operation that produces nothing but may fail (empty message: success).
struct status {
    std::string message;

    /// A success.
    static status ok() { return {}; }
    /// A failure with this message.
    static status fail(std::string m) { return {std::move(m)}; }

    explicit operator bool() const { return message.empty(); }
};

/// 1-based line and column (in code points) of a byte offset in UTF-8 text.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset);

}  // namespace bpm
