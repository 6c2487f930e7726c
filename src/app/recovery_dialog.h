#pragma once

#include <vector>

#include "bpm/recovery.h"
#include "prompts.h"

class wxWindow;

/// The dialog that lists the maps an editor that did not end normally left recovery copies of
/// (name, when it was last copied, how many personas, where its file is) and asks, for the one
/// selected, Recover or Discard; Later keeps them all for the next start.
RecoveryChoice ChooseRecovery(wxWindow* parent, const std::vector<bpm::recovery_copy>& copies);
