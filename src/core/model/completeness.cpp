#include "bpm/completeness.h"

#include "bpm/utf8.h"

namespace bpm {

field_count filled_stage_fields(const persona& p) {
    field_count count;
    for (const stage& s : p.stages) {
        for (stage_field f : all_stage_fields) {
            ++count.total;
            if (!trim(s.field(f)).empty()) ++count.filled;
        }
    }
    return count;
}

double completeness(const persona& p) {
    const field_count count = filled_stage_fields(p);
    return count.total == 0 ? 0.0 : double(count.filled) / double(count.total);
}

int completeness_percent(const persona& p) {
    const field_count count = filled_stage_fields(p);
    // Integer arithmetic: 20 of 21 fields must not round up to a misleading 100%.
    return count.total == 0 ? 0 : int(count.filled * 100 / count.total);
}

status_fit status_fit_of(const persona& p) {
    const field_count count = filled_stage_fields(p);
    const bool full = count.total > 0 && count.filled == count.total;
    if (p.status == persona_status::completed && !full) return status_fit::completed_with_gaps;
    if (p.status == persona_status::in_progress && full) return status_fit::in_progress_but_full;
    return status_fit::agrees;
}

persona_status settled_status(const persona& p) {
    switch (status_fit_of(p)) {
        case status_fit::completed_with_gaps: return persona_status::in_progress;
        case status_fit::in_progress_but_full: return persona_status::completed;
        case status_fit::agrees: break;
    }
    return p.status;
}

}  // namespace bpm
