#pragma once
// Keeping the API key out of everything an AI service sends back. A service may quote the key (an
// error naming the key it refused, a model repeating what it was shown), a message may be cut
// to one short line, and a streamed answer arrives in pieces; so a start of the key is masked as
// the whole key is, and a key split between two pieces is masked too.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace bpm {

/// What stands for the key, or a start of it, in a masked text.
inline constexpr std::string_view api_key_placeholder = "[API key]";
/// The shortest start of the key masked on its own, as at the end of a message cut short.
inline constexpr std::size_t min_masked_key_start = 6;

/// text with each occurrence of key, and of any start of it at least min_masked_key_start bytes
/// long, replaced by api_key_placeholder; text unchanged when key is empty.
std::string mask_api_key(std::string_view text, std::string_view key);

/// Masks the key in a text that arrives in pieces: the pieces it returns, joined, equal
/// mask_api_key of the whole text, however the text was cut. Up to the key's length less one
/// byte is held back until the next piece or the end shows whether it begins the key.
class api_key_masker {
public:
    /// A masker for key; with an empty key, pieces pass unchanged and nothing is held back.
    explicit api_key_masker(std::string key = {}) : key_(std::move(key)) {}

    /// The masked text that piece completes; "" while all of it is held back.
    std::string feed(std::string_view piece);
    /// The end of the text: what was held back, masked.
    std::string finish();
    /// A whole text, masked with this masker's key.
    std::string mask(std::string_view text) const { return mask_api_key(text, key_); }

private:
    std::string key_;
    std::string held_;
};

}  // namespace bpm
