#pragma once

// Word-at-a-time tests on bytes, for the .bpm reader and writer: text is scanned eight bytes at a
// time, or sixteen where the processor has SSE2 (every x86-64 one), for the few bytes that need a
// closer look.

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define BPM_BYTE_WORDS_SSE2 1
#if defined(_MSC_VER)
#include <intrin.h>
#endif
#endif

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

#if BPM_BYTE_WORDS_SSE2
// The sixteen bytes at p, and a mark (bit i for byte i) of those a test finds in them.
inline __m128i load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline __m128i splat16(unsigned char c) { return _mm_set1_epi8(static_cast<char>(c)); }
inline unsigned marks16(__m128i found) { return static_cast<unsigned>(_mm_movemask_epi8(found)); }
// Bytes of v below 0x20, as a mask for marks16: those that the unsigned minimum with 0x1F leaves as they are.
inline __m128i bytes16_below_space(__m128i v) { return _mm_cmpeq_epi8(_mm_min_epu8(v, splat16(0x1F)), v); }

// Index of the lowest bit of a non-zero mark.
inline std::size_t first_mark16(unsigned marks) {
#if defined(_MSC_VER)
    unsigned long i = 0;
    _BitScanForward(&i, marks);
    return i;
#else
    return static_cast<std::size_t>(__builtin_ctz(marks));
#endif
}
#endif

}  // namespace bpm::byte_words
