#pragma once

#include <string>

#include "bpm/model.h"

namespace bpm {

/// The offline summary of a persona's journey, in the layout of the spec's Phase 5:
/// "Persona: NAME (PAIN POINTS)", then one line per stage with its six fields,
/// then the length of the whole cycle where durations are understood.
std::string template_summary(const persona& p);

}  // namespace bpm
