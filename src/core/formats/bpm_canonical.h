#pragma once

// The .bpm layout write_bpm writes, written in one pass straight into one buffer.

#include <array>
#include <string>
#include <string_view>

#include "bpm/model.h"

namespace bpm {

/// The root element of a .bpm file.
inline constexpr std::string_view bpm_root_name = "buying-process-map";

/// The elements of the stage fields, in all_stage_fields order.
inline constexpr std::array<std::string_view, 7> bpm_stage_elements = {
    "name", "buyer-actions", "duration", "key-influencers", "seller-actions", "content-type", "key-message"};

/// The .bpm bytes of a document, as write_bpm describes them, written straight into one buffer.
std::string write_canonical_bpm(const document& doc);

}  // namespace bpm
