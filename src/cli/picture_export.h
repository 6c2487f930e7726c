#pragma once
// bpmap-cli export --format png|svg: the journey map of each persona as a picture, the same one
// the editor's File ▸ Export writes, drawn without a display.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "bpm/diagnostic.h"
#include "bpm/model.h"
#include "terminal_progress.h"

namespace bpm::cli {

/// The two picture formats.
enum class picture_format { png, svg };

/// The value of --scale: a number from 0.25 to 8, pixels per point of the map; a failure says
/// why in one line.
result<double> png_scale_option(const std::string& text);

/// Where each persona's picture goes: out itself for a single persona; for several, one file
/// each beside out, the persona's name (made safe for a file name) added to out's stem
/// (map.png: map-Emma-Rodriguez.png), never the same name twice.
std::vector<std::string> picture_paths(const std::string& out, const std::vector<const persona*>& personas);

/// Writes the pictures of the personas to picture_paths(out, personas), each atomically, with
/// scale (PNG only; none: the editor's, 2 or less for a map too large for that); when there are
/// several, prints each path written on out_text. Returns the exit code, having said on err why
/// it failed.
int export_pictures(const std::vector<const persona*>& personas, picture_format format, std::optional<double> scale,
                    const std::string& out, terminal_progress& progress, std::ostream& out_text, std::ostream& err);

}  // namespace bpm::cli
