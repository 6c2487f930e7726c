#include "read_notes.h"

#include <algorithm>

#include "bpm/tr.h"

namespace bpm {

void read_notes::add(std::vector<note>& notes, std::size_t& unlisted, note n) {
    if (notes.size() < max_reported_problems) notes.push_back(std::move(n));
    else ++unlisted;
}

std::vector<diagnostic> read_notes::placed(std::vector<note>& notes, std::size_t unlisted, bool warnings) {
    std::vector<std::size_t> offsets;
    for (const note& n : notes) {
        if (n.offset != nowhere) offsets.push_back(n.offset);
        if (n.other != nowhere) offsets.push_back(n.other);
    }
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    const auto places = line_columns(text_, offsets);
    const auto place = [&](std::size_t offset) {
        if (offset == nowhere) return std::pair<std::size_t, std::size_t>{0, 0};
        return places[static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), offset) - offsets.begin())];
    };
    std::vector<diagnostic> out;
    for (note& n : notes) {
        if (n.make) {
            const auto [line, column] = place(n.other);
            n.message = n.make(line, column);
        }
        const auto [line, column] = place(n.offset);
        out.push_back({std::move(n.message), line, column});
    }
    if (warnings && unlisted > 0)
        out.push_back({format(_n("and {1} more warning", "and {1} more warnings", unlisted), std::to_string(unlisted))});
    return out;
}

result<document> read_notes::finish(document doc) {
    result<document> r = any_problem() ? failed_load(placed(problems_, 0, false), unlisted_problems_)
                                       : result<document>::success(std::move(doc));
    r.warnings = placed(warnings_, unlisted_warnings_, true);
    return r;
}

}  // namespace bpm
