#pragma once
// Reading the model's JSON answers. A model is no trusted source: every answer is checked against
// the shape asked for before anything of it can reach a document.

#include <cstddef>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/model.h"

namespace bpm {

/// Longest text the assistant takes from the model for one field, in characters.
inline constexpr std::size_t max_ai_field_chars = 4000;
/// Longest persona or stage name the assistant takes from the model, in characters.
inline constexpr std::size_t max_ai_name_chars = 200;
/// Most pain points the assistant takes from the model for one persona.
inline constexpr std::size_t max_ai_pain_points = 30;
/// Most stages the assistant takes from the model for one persona, as the interview allows.
inline constexpr std::size_t max_ai_stages = 12;

/// The seller side of one stage, as the model suggests it.
struct stage_suggestion {
    std::string seller_actions;
    std::string content_type;
    std::string key_message;

    bool operator==(const stage_suggestion& o) const {
        return seller_actions == o.seller_actions && content_type == o.content_type && key_message == o.key_message;
    }
};

/// The JSON object in a model's answer, without the Markdown code fence or the words around it
/// that models add although asked not to; "" when there is no '{'.
std::string_view json_in_reply(std::string_view reply);

/// The suggestion in a model's answer: an object with three texts, none empty or longer than
/// max_ai_field_chars, api_key (when set) masked in each as decoded. Problems are one line, fit
/// to show and to tell the model.
result<stage_suggestion> suggestion_from_reply(std::string_view reply, std::string_view api_key = {});

/// The persona in a model's answer: an object with a non-empty "name" and optional "profile",
/// "pain_points" [{text, category}] and "stages" [{name, buyer_actions, ...}]; texts within the
/// limits above, categories among pain_category_key's, null taken as empty, api_key (when set)
/// masked in each text as decoded. Ids are left empty.
result<persona> persona_from_reply(std::string_view reply, std::string_view api_key = {});

}  // namespace bpm
