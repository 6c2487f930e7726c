#pragma once
// PNG encoding that tells its progress row by row, for pictures big enough to take seconds (the
// journey map of a persona with a hundred stages is 2,700 x 20,000 pixels).

#include <string>

#include "bpm/diagnostic.h"
#include "bpm/progress.h"

class wxImage;

/// The PNG bytes of image (RGB, 8 bits a channel, no alpha), telling progress (rows written, of
/// all); cancelled through it, nothing. Fails only when libpng does (out of memory).
bpm::result<std::string> EncodePng(const wxImage& image, const bpm::progress_fn& progress);
