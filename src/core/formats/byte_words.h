#pragma once

// Word-at-a-time tests on bytes, for the .bpm reader and writer: text is scanned eight bytes at a
// time for the few bytes that need a closer look.

#include <cstddef>
#include <cstdint>

namespace bpm::byte_words {

// Each test below marks the bytes it looks for by their high bit, exactly (no carry between
// bytes), so that the first one can be found without looking at the others.
inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t highs = ones * 0x80;
inline constexpr std::uint64_t lows = ones * 0x7F;

// The eight bytes at p, p[0] in the lowest byte on any machine (compilers make it one load).
inline std::uint64_t load8(const char* p) {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    return std::uint64_t(b[0]) | std::uint64_t(b[1]) << 8 | std::uint64_t(b[2]) << 16 | std::uint64_t(b[3]) << 24 |
           std::uint64_t(b[4]) << 32 | std::uint64_t(b[5]) << 40 | std::uint64_t(b[6]) << 48 | std::uint64_t(b[7]) << 56;
}

// Bytes of w equal to c.
inline constexpr std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    const std::uint64_t x = w ^ (ones * c);
    return ~(((x & lows) + lows) | x) & highs;
}
// Bytes of w below 0x20.
inline constexpr std::uint64_t bytes_below_space(std::uint64_t w) { return ~(((w & lows) + ones * 0x60) | w) & highs; }

// Index of the first marked byte of a non-zero mark.
inline constexpr std::size_t first_marked(std::uint64_t marks) {
    // The bytes before the lowest mark are 0xFF in (lowest - 1); their high bits, summed, count them.
    return static_cast<std::size_t>((((((marks & (0 - marks)) - 1) & highs) >> 7) * ones) >> 56);
}

}  // namespace bpm::byte_words
