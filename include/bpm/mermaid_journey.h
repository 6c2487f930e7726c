#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/model.h"

namespace bpm {

/// Largest Mermaid diagram read, in bytes (1 MiB, twenty times Mermaid's own default limit of
/// 50,000 characters): whatever map one makes stays within the limits of fields and maps.
inline constexpr std::size_t max_mermaid_bytes = max_field_bytes;

/// The score written for a buyer action that no journey task of its stage records: the middle of
/// Mermaid's 1 to 5, drawn as a neutral face.
inline constexpr int neutral_journey_score = 3;

/// Reads a Mermaid user-journey diagram (a .mmd file's text) as Mermaid's journey grammar reads
/// it, front matter, directives, comments and #NNN; entity codes included, into a map of one
/// persona: the title names it (fallback_name when there is none), each section is a stage, each
/// task a line of the stage's buyer actions and a journey_task with its score and people, and the
/// distinct people of a section its key influencers (", "). Problems and warnings (what Mermaid
/// reads but the map does not keep) carry their line and column; any problem means no map.
result<document> read_mermaid_journey(std::string_view text, std::string_view fallback_name);

/// read_mermaid_journey of the first ```journey block of Markdown text (where the word journey
/// may be left out), or of the first ```mermaid block that holds a journey; lines and columns are
/// the Markdown text's. Later journey blocks are left out with a warning each.
result<document> read_markdown_journey(std::string_view text, std::string_view fallback_name);

/// Reads a .mmd file (markdown false) or the journey of a .md file (markdown true); a diagram
/// without a title names its persona after the file.
result<document> load_mermaid_journey(const std::string& path, bool markdown);

/// A persona's stages as a Mermaid user-journey diagram that Mermaid's grammar and
/// read_mermaid_journey read back to the same stage names, buyer actions and influencers: its name
/// as the title, a section per stage, a task per line of buyer actions. A line that a stored
/// journey task of its stage has as its text keeps that task's score and people; any other line
/// gets neutral_journey_score and the stage's influencers (split at ',', ';' and line ends) as
/// its people. What the grammar cannot hold is written as Mermaid's entity codes ("#35;" for '#').
std::string to_mermaid_journey(const persona& p);

}  // namespace bpm
