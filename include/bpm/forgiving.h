#pragma once

// Values as people and other programs write them, read into the forms the model keeps, saying
// what was assumed on the way, for importers that accept more than the model's own spelling.

#include <optional>
#include <string>
#include <string_view>

#include "bpm/model.h"

namespace bpm {

/// What a forgiving reading of a timestamp assumed to reach the model's form.
enum class timestamp_assumption {
    none,                // nothing: the same instant and zone, spelt otherwise ("+0100", "z", a space for "T")
    utc,                 // no time zone was given: read as UTC
    midnight_utc,        // a date alone: read as its first second, in UTC
    epoch_seconds,       // a number: read as seconds since 1970-01-01T00:00:00Z
    epoch_milliseconds,  // a number too large for seconds: read as milliseconds since then
};

/// A timestamp in the model's form and what was assumed to get it.
struct timestamp_reading {
    std::string iso;  // accepted by parse_iso8601
    timestamp_assumption assumed = timestamp_assumption::none;
};

/// The timestamp text means: ISO 8601 as parse_iso8601 reads it comes back unchanged; also read
/// are a space or 't' for 'T', a lower-case 'z', offsets as +0100 or +01, no seconds, no zone (UTC),
/// a date alone (its midnight, UTC), and digits with an optional fraction, as
/// timestamp_from_epoch reads them. White space around it is ignored. nullopt for anything else,
/// such as a day or hour out of range.
std::optional<timestamp_reading> forgiving_timestamp(std::string_view text);

/// A number since 1970-01-01T00:00:00Z as a UTC timestamp, its fraction kept to the microsecond:
/// seconds from 10^8 (1973-03-03) up to 10^11 (the year 5138), milliseconds from there up to 10^14,
/// which cannot be mistaken for each other; nullopt for other numbers (years, placeholders such as 0).
std::optional<timestamp_reading> timestamp_from_epoch(double number);

/// A persona status and whether it was guessed from another word.
struct status_reading {
    persona_status status = persona_status::in_progress;
    bool guessed = false;  // a synonym such as "draft" or "done", not the status's key in another case or spacing
};

/// The status the text names, case-insensitively, with '-', '_' and spaces alike: "in_progress",
/// "In Progress", "completed", and the synonyms "draft", "wip", "started", "open", "pending",
/// "todo", "not started", "new" (in progress) and "complete", "done", "finished", "final", "closed"
/// (completed); nullopt for any other word.
std::optional<status_reading> forgiving_status(std::string_view text);

}  // namespace bpm
