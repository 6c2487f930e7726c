#pragma once

// What a reader of a map's text finds as it reads: problems and warnings, each at a byte offset of
// the text, placed by line and column in one pass over the text when the reading ends.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/bpm_file.h"
#include "bpm/diagnostic.h"
#include "bpm/model.h"

namespace bpm {

// The offset of a note without a place.
inline constexpr std::size_t nowhere = std::string_view::npos;

class read_notes {
public:
    // Makes a message that names a second place: its line and column.
    using message_at = std::function<std::string(std::size_t line, std::size_t column)>;

    explicit read_notes(std::string_view text) : text_(text) {}

    // A problem at offset; past max_reported_problems they are only counted, so a flood of them
    // takes no memory.
    void problem(std::string message, std::size_t offset) { add(problems_, unlisted_problems_, {offset, std::move(message), nowhere, {}}); }
    // A problem at offset whose message names where other is.
    void problem(std::size_t offset, std::size_t other, message_at message) {
        add(problems_, unlisted_problems_, {offset, {}, other, std::move(message)});
    }
    // A warning at offset, listed and counted as problems are.
    void warning(std::string message, std::size_t offset) { add(warnings_, unlisted_warnings_, {offset, std::move(message), nowhere, {}}); }
    // A warning at offset whose message make() makes, when it is listed.
    template <class Make>
    void warning_made(std::size_t offset, Make&& make) {
        if (warnings_.size() < max_reported_problems) add(warnings_, unlisted_warnings_, {offset, make(), nowhere, {}});
        else ++unlisted_warnings_;
    }
    // A warning at offset whose message names where other is.
    void warning(std::size_t offset, std::size_t other, message_at message) {
        add(warnings_, unlisted_warnings_, {offset, {}, other, std::move(message)});
    }

    // True once a problem was found.
    bool any_problem() const { return !problems_.empty() || unlisted_problems_ > 0; }

    // The document when no problem was found, else the problems as failed_load lists them; the
    // warnings either way, the ones past max_reported_problems counted in a last line.
    result<document> finish(document doc);

private:
    struct note {
        std::size_t offset;
        std::string message;
        std::size_t other = nowhere;
        message_at make;
    };

    static void add(std::vector<note>& notes, std::size_t& unlisted, note n);
    std::vector<diagnostic> placed(std::vector<note>& notes, std::size_t unlisted, bool warnings);

    std::string_view text_;
    std::vector<note> problems_;
    std::vector<note> warnings_;
    std::size_t unlisted_problems_ = 0;
    std::size_t unlisted_warnings_ = 0;
};

}  // namespace bpm
