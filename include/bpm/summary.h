#pragma once

#include <string>

#include "bpm/history.h"
#include "bpm/model.h"

namespace bpm {

/// The offline summary of a persona's journey, in the layout of the spec's Phase 5:
/// "Persona: NAME (PAIN POINTS)", then one line per stage with its six fields,
/// then the length of the whole cycle where durations are understood.
std::string template_summary(const persona& p);

/// True when the persona's summary was written by the AI and has text: then it is shown as written.
bool has_ai_summary(const persona& p);

/// The summary that pages, exports and the editor show: an AI summary as it was written,
/// otherwise the template summary of the persona as it is now, so that a template summary
/// never tells of stages, durations or pain points the map no longer has.
std::string summary_text(const persona& p);

/// Whether the summary shown still tells of the persona as it is now.
enum class summary_freshness {
    /// Nothing says otherwise: no AI summary (a template one is rebuilt), an AI summary written
    /// at or after the persona's last change, or a persona without a readable date of change.
    current,
    /// An AI summary written before the persona's last change.
    stale,
    /// An AI summary without a readable date, of a persona with one: it may predate the change.
    unknown,
};

/// Compares when the AI summary was written with the persona's last change, as instants.
summary_freshness freshness_of_summary(const persona& p);

/// The warning to show with a summary that is not current: "Written before the last changes on
/// 2026-11-12 14:20 UTC", or a hedged one when the summary's date is unknown; "" when current.
std::string stale_summary_note(const persona& p);

/// Stores the offline summary as the persona's, stamped with the history's clock, as one undo
/// step; false when the persona is gone.
bool store_template_summary(history& h, const std::string& persona_id);

}  // namespace bpm
