#pragma once

#include <cstddef>
#include <functional>

#include "bpm/model.h"

namespace bpm::test {

/// The benchmark document: personas × stages with realistic field lengths, the same every time.
document bench_document(std::size_t personas = 200, std::size_t stages = 12);

/// The median wall time of `runs` calls of fn, in milliseconds.
double median_ms(int runs, const std::function<void()>& fn);

}  // namespace bpm::test
