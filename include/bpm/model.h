#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpm/comment.h"
#include "bpm/merge_conflict.h"

namespace bpm {

/// Kind of problem a pain point describes; the four categories of the spec plus "other".
enum class pain_category { none, financial, productivity, process, support, other };

/// One distinct pain point of a persona.
struct pain_point {
    std::string text;
    pain_category category = pain_category::none;

    bool operator==(const pain_point& o) const { return text == o.text && category == o.category; }
    bool operator!=(const pain_point& o) const { return !(*this == o); }
};

/// A member of a JSON object that the map has no field for, kept so that it is written back as it
/// came: its key, and its value as compact JSON text (any JSON value; no white space between tokens).
struct extension {
    std::string key;
    std::string json;

    bool operator==(const extension& o) const { return key == o.key && json == o.json; }
    bool operator!=(const extension& o) const { return !(*this == o); }
};

/// Extensions as people read them, one a line, key and JSON ("persona_goals: ["Lower CAC"]"), for
/// differences and merge conflicts; "" for none.
std::string extensions_text(const std::vector<extension>& extensions);

/// The seven fields of a buying stage, in the spec's column order.
enum class stage_field {
    name,
    buyer_actions,
    duration,
    key_influencers,
    seller_actions,
    content_type,
    key_message,
};

/// All stage fields in column order, for loops over a stage.
inline constexpr std::array<stage_field, 7> all_stage_fields = {
    stage_field::name,           stage_field::buyer_actions, stage_field::duration,
    stage_field::key_influencers, stage_field::seller_actions, stage_field::content_type,
    stage_field::key_message,
};

/// One task of a Mermaid user journey, kept for the emotion curve: what the buyer does, how it
/// felt on Mermaid's scale (1 worst to 5 best) and who took part.
struct journey_task {
    std::string text;
    int score = 3;
    std::vector<std::string> people;

    bool operator==(const journey_task& o) const { return text == o.text && score == o.score && people == o.people; }
    bool operator!=(const journey_task& o) const { return !(*this == o); }
};

/// Scores a journey task may have, as Mermaid's user journey defines them.
inline constexpr int min_journey_score = 1, max_journey_score = 5;

/// Journey tasks as people read them, one a line as Mermaid writes a task ("Try the demo: 4: CFO,
/// IT"), for differences and merge conflicts; "" for none.
std::string journey_tasks_text(const std::vector<journey_task>& tasks);

/// One step of a persona's buying journey.
struct stage {
    std::string id;
    std::string name;
    std::string buyer_actions;
    std::string duration;
    std::string key_influencers;
    std::string seller_actions;
    std::string content_type;
    std::string key_message;
    /// The tasks of the Mermaid journey section this stage was imported from (usually none).
    std::vector<journey_task> journey;
    /// Members of the stage's JSON object the map has no field for, in their order (usually none).
    std::vector<extension> extensions;

    /// The text of one field.
    const std::string& field(stage_field f) const;
    /// The text of one field, for writing.
    std::string& field(stage_field f);

    bool operator==(const stage& o) const;
    bool operator!=(const stage& o) const { return !(*this == o); }
};

/// Optional facts about who the persona is.
struct persona_profile {
    std::string role;
    std::string organisation;
    std::string segment;
    std::string success_metric;

    /// True when no field is filled.
    bool empty() const { return role.empty() && organisation.empty() && segment.empty() && success_metric.empty(); }

    bool operator==(const persona_profile& o) const {
        return role == o.role && organisation == o.organisation && segment == o.segment &&
               success_metric == o.success_metric;
    }
    bool operator!=(const persona_profile& o) const { return !(*this == o); }
};

/// Who wrote a persona's summary.
enum class summary_source { template_text, ai };

/// A generated summary of a persona's journey.
struct persona_summary {
    std::string text;
    summary_source source = summary_source::template_text;
    std::string generated_at;  // ISO 8601, may be empty

    bool operator==(const persona_summary& o) const {
        return text == o.text && source == o.source && generated_at == o.generated_at;
    }
    bool operator!=(const persona_summary& o) const { return !(*this == o); }
};

/// Whether the interview for a persona is finished.
enum class persona_status { in_progress, completed };

/// A buyer persona and how it buys.
struct persona {
    std::string id;
    std::string name;
    std::vector<pain_point> pain_points;
    persona_profile profile;
    std::vector<stage> stages;
    std::optional<persona_summary> summary;
    persona_status status = persona_status::in_progress;
    std::string last_updated_at;  // ISO 8601, may be empty
    std::string created_by;
    /// Members of the persona's JSON object the map has no field for, in their order (usually none).
    std::vector<extension> extensions;

    /// The pain point texts joined with "; ", as the spec's persona_pain_points.
    std::string pain_points_text() const;
    /// Index of the stage with this id, or npos.
    std::size_t find_stage(std::string_view stage_id) const;
    /// The stage with this id, or nullptr.
    const stage* stage_by_id(std::string_view stage_id) const;
    /// The stage with this id, for writing, or nullptr.
    stage* stage_by_id(std::string_view stage_id);

    bool operator==(const persona& o) const;
    bool operator!=(const persona& o) const { return !(*this == o); }
};

/// Facts about the map as a whole.
struct document_metadata {
    std::string title;
    std::string created_by;
    std::string created_at;   // ISO 8601, may be empty
    std::string modified_at;  // ISO 8601, may be empty

    bool operator==(const document_metadata& o) const {
        return title == o.title && created_by == o.created_by && created_at == o.created_at &&
               modified_at == o.modified_at;
    }
    bool operator!=(const document_metadata& o) const { return !(*this == o); }
};

/// A buying process map: metadata, an ordered list of personas, the conflicts a merge left
/// unresolved in them, and the team's comments on them.
struct document {
    document_metadata metadata;
    std::vector<persona> personas;
    std::vector<merge_conflict> conflicts;
    /// Comments on personas and stages, in the order they were written.
    std::vector<comment> comments;
    /// Members of the top-level JSON object the map has no field for, in their order (usually none).
    std::vector<extension> extensions;

    /// Index of the persona with this id, or npos.
    std::size_t find_persona(std::string_view persona_id) const;
    /// The persona with this id, or nullptr.
    const persona* persona_by_id(std::string_view persona_id) const;
    /// The persona with this id, for writing, or nullptr.
    persona* persona_by_id(std::string_view persona_id);
    /// Index of the first persona with this name (case-sensitive), or npos.
    std::size_t find_persona_by_name(std::string_view name) const;
    /// A persona id not used in this document ("persona-N").
    std::string new_persona_id() const;
    /// A stage id not used anywhere in this document ("stage-N").
    std::string new_stage_id() const;

    bool operator==(const document& o) const {
        return metadata == o.metadata && personas == o.personas && conflicts == o.conflicts &&
               comments == o.comments && extensions == o.extensions;
    }
    bool operator!=(const document& o) const { return !(*this == o); }
};

/// Returned by the find_ functions when nothing matches.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// Largest text one field may hold (1 MiB): files, the interview and the AI assistant refuse more.
inline constexpr std::size_t max_field_bytes = std::size_t(1) << 20;

/// Stable identifier of a stage field, as used in files ("buyer_actions").
std::string_view stage_field_key(stage_field f);
/// The stage field with this identifier.
std::optional<stage_field> stage_field_from_key(std::string_view key);
/// Translated column title of a stage field ("Buyer Actions").
std::string stage_field_title(stage_field f);

/// Stable identifier of a pain category ("financial"; "" for none).
std::string_view pain_category_key(pain_category c);
/// Translated title of a pain category ("Financial"; "" for none).
std::string pain_category_title(pain_category c);
/// The category with this identifier ("" gives none).
std::optional<pain_category> pain_category_from_key(std::string_view key);

/// Stable identifier of a status ("in_progress", "completed").
std::string_view persona_status_key(persona_status s);
/// The status with this identifier.
std::optional<persona_status> persona_status_from_key(std::string_view key);

/// Stable identifier of a summary source ("template", "ai").
std::string_view summary_source_key(summary_source s);
/// The summary source with this identifier.
std::optional<summary_source> summary_source_from_key(std::string_view key);

/// Splits "a; b;; c" into distinct, trimmed, non-empty pain points without category.
std::vector<pain_point> split_pain_points(std::string_view text);

/// True when id can name a persona or stage: 1–128 ASCII letters, digits, '-', '_' or '.'.
bool is_valid_id(std::string_view id);

/// The current time as ISO 8601 UTC with seconds ("2026-11-21T09:06:52Z").
std::string now_iso8601();
/// "2026-11-21T09:30:00Z" for seconds since 1970 (as in SOURCE_DATE_EPOCH), in UTC.
std::string iso8601_from_epoch(long long seconds);
/// A date and time as ISO 8601 text gives it; fractions of a second are not kept.
struct iso8601_time {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    char zone = 'Z';  // 'Z' for UTC, '+' or '-' before an offset
    int offset_hours = 0, offset_minutes = 0;
};

/// The date and time in text of the form YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM), or nullopt.
/// Any day up to 31 and a leap second (60) pass: calendars are the reader's concern.
std::optional<iso8601_time> parse_iso8601(std::string_view text);
/// True when text is an ISO 8601 date-time (date, 'T', time, optional fraction, Z or offset).
inline bool is_iso8601(std::string_view text) { return parse_iso8601(text).has_value(); }
/// Seconds since 1970 in UTC of an ISO 8601 date-time, its offset applied, so that times written
/// in different zones compare; nullopt when the text is not one.
std::optional<long long> epoch_from_iso8601(std::string_view text);

/// An ISO 8601 timestamp as people read it: "2026-11-12 14:20 UTC" or "2026-11-12 14:20 +02:00";
/// other text is returned unchanged.
std::string readable_timestamp(std::string_view iso);

/// The spec's standard stage names: Awareness, Consideration, Decision (translated).
std::vector<std::string> standard_stage_names();
/// "Stage 3": the name a new stage carries until it is given one (index counts from 0).
std::string placeholder_stage_name(std::size_t index);

}  // namespace bpm
