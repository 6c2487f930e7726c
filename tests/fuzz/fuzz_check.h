#pragma once
// What the libFuzzer targets share: the property check that stops a run, so that libFuzzer keeps
// the input that broke it, and the input as text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace bpm::fuzz {

/// Stops the run with "property failed: what" when ok is false.
inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "property failed: %s\n", what);
    std::abort();
}

/// The fuzzer's bytes as a string_view.
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace bpm::fuzz
