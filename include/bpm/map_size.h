#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bpm/diagnostic.h"
#include "bpm/model.h"

namespace bpm {

/// Largest content a map may hold (64 MiB), as content_bytes counts it: the .bpm and JSON readers
/// refuse more, so whatever loads can be written in either format and read back (issue 13).
inline constexpr std::size_t max_content_bytes = std::size_t(64) << 20;
/// Largest .bpm or JSON file read (64 MiB): content_bytes of a map is at least the size of either
/// writer's output for it, so every map the readers accept is written within this many bytes.
inline constexpr std::size_t max_document_bytes = max_content_bytes;

/// The most bytes one byte of text becomes in either written form ("\u0001" in JSON). So
/// content_bytes of a part is at most that of the same part with empty texts plus this much per
/// byte of its texts; twice this for a pain point, whose text JSON writes twice.
inline constexpr std::size_t max_written_bytes_per_text_byte = 6;

/// Bytes a whole map takes at most when written, as .bpm or as JSON, whichever is larger: every
/// text as that writer escapes it (one byte of text may become six), plus each element's markup,
/// plus the lines around the map. Assumes valid UTF-8 text, as the readers and edits keep it.
std::size_t content_bytes(const document& doc);
/// content_bytes's share for the metadata.
std::size_t content_bytes(const document_metadata& m);
/// Where an extension is kept: on the document (at the top of its JSON), a persona or a stage.
enum class extension_place { document, persona, stage };
/// content_bytes's share for one extension kept at that place.
std::size_t content_bytes(const extension& e, extension_place at);
/// content_bytes's share for a persona with its pain points and stages.
std::size_t content_bytes(const persona& p);
/// content_bytes's share for a persona's own fields, profile, summary and extensions, without its
/// pain points and stages.
std::size_t own_content_bytes(const persona& p);
/// content_bytes's share for one stage, its journey tasks included.
std::size_t content_bytes(const stage& s);
/// content_bytes's share for one journey task of a stage, its people included.
std::size_t content_bytes(const journey_task& t);
/// content_bytes's share for one person of a journey task.
std::size_t journey_person_content_bytes(std::string_view name);
/// content_bytes's share for one pain point.
std::size_t content_bytes(const pain_point& p);
/// content_bytes's share for one recorded conflict, counting with it the list that holds it.
std::size_t content_bytes(const merge_conflict& c);
/// content_bytes's share for one comment without its replies, counting with it the lists that
/// hold it and its replies.
std::size_t own_content_bytes(const comment& c);
/// content_bytes's share for one comment with its replies.
std::size_t content_bytes(const comment& c);
/// content_bytes's share for one reply of a comment.
std::size_t content_bytes(const comment_reply& r);
/// content_bytes's share for what every map has, empty or not: the lines around its content.
std::size_t framing_content_bytes();

/// The message for a map whose content_bytes are over max_content_bytes, for a problem placed
/// where the count first passed the limit: "the map holds 70 MB of content; the limit is 64 MB,
/// first passed here" (MB rounded up).
std::string content_limit_message(std::size_t bytes);

/// The problem to report when a document of this many bytes is over max_document_bytes.
std::optional<diagnostic> check_document_size(std::size_t bytes);

}  // namespace bpm
