#include "bpm/api_key_mask.h"

#include <algorithm>

namespace bpm {

namespace {

// Masks text from its start into out, deciding for each position before limit; returns where it
// stopped, which a mask may carry past limit. A decision at a position needs the key's length of
// bytes after it, or the end of the text.
std::size_t mask_into(std::string& out, std::string_view text, std::size_t limit, std::string_view key) {
    const std::size_t shortest = std::min(min_masked_key_start, key.size());
    std::size_t i = 0;
    while (i < limit) {
        const std::size_t at = std::min(text.find(key.front(), i), limit);
        out.append(text.substr(i, at - i));
        i = at;
        if (i == limit) break;
        const std::size_t most = std::min(key.size(), text.size() - i);
        std::size_t same = 0;
        while (same < most && text[i + same] == key[same]) ++same;
        if (same >= shortest) {
            out.append(api_key_placeholder);
            i += same;
        } else {
            out += text[i++];
        }
    }
    return i;
}

}  // namespace

std::string mask_api_key(std::string_view text, std::string_view key) {
    if (key.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    mask_into(out, text, text.size(), key);
    return out;
}

std::string api_key_masker::feed(std::string_view piece) {
    if (key_.empty()) return std::string(piece);
    held_.append(piece);
    if (held_.size() < key_.size()) return {};
    std::size_t limit = held_.size() - (key_.size() - 1);
    // A piece ends on a character boundary, so that no one shows half a character.
    while (limit > 0 && (static_cast<unsigned char>(held_[limit]) & 0xC0) == 0x80) --limit;
    std::string out;
    held_.erase(0, mask_into(out, held_, limit, key_));
    return out;
}

std::string api_key_masker::finish() {
    std::string out = mask_api_key(held_, key_);
    held_.clear();
    return out;
}

}  // namespace bpm
