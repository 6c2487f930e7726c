#include "bpm/map_diff.h"

#include <tuple>

#include "bpm/sequence_match.h"
#include "conflict_key.h"

namespace bpm {

std::string_view change_kind_key(change_kind k) {
    switch (k) {
        case change_kind::document_field: return "document_field";
        case change_kind::persona_added: return "persona_added";
        case change_kind::persona_removed: return "persona_removed";
        case change_kind::persona_moved: return "persona_moved";
        case change_kind::persona_field: return "persona_field";
        case change_kind::pain_point_added: return "pain_point_added";
        case change_kind::pain_point_removed: return "pain_point_removed";
        case change_kind::pain_point_moved: return "pain_point_moved";
        case change_kind::pain_point_category: return "pain_point_category";
        case change_kind::stage_added: return "stage_added";
        case change_kind::stage_removed: return "stage_removed";
        case change_kind::stage_moved: return "stage_moved";
        case change_kind::stage_field: return "stage_field";
        case change_kind::conflict_added: return "conflict_added";
        case change_kind::conflict_resolved: return "conflict_resolved";
        case change_kind::comment_added: return "comment_added";
        case change_kind::comment_removed: return "comment_removed";
        case change_kind::comment_moved: return "comment_moved";
        case change_kind::comment_resolved: return "comment_resolved";
        case change_kind::comment_reopened: return "comment_reopened";
        case change_kind::comment_field: return "comment_field";
        case change_kind::reply_added: return "reply_added";
        case change_kind::reply_removed: return "reply_removed";
        case change_kind::reply_moved: return "reply_moved";
        case change_kind::reply_field: return "reply_field";
    }
    return {};
}

bool map_change::operator==(const map_change& o) const {
    const auto tied = [](const map_change& c) {
        return std::tie(c.kind, c.persona_id, c.persona_name, c.stage_id, c.stage_name, c.pain_point, c.field,
                        c.old_value, c.new_value, c.old_index, c.new_index, c.after_id, c.after_name, c.before_id,
                        c.before_name, c.conflict, c.comment, c.reply);
    };
    return tied(*this) == tied(o);
}

namespace {

// The views of each item's key, valid while items lives.
template <class T, class Key>
std::vector<std::string_view> keys_of(const std::vector<T>& items, Key key) {
    std::vector<std::string_view> keys;
    keys.reserve(items.size());
    for (const T& item : items) keys.push_back(key(item));
    return keys;
}

std::string_view persona_key(const persona& p) { return p.id; }
std::string_view stage_key(const stage& s) { return s.id; }
std::string_view pain_point_key(const pain_point& pp) { return pp.text; }
std::string_view comment_key(const comment& c) { return c.id; }
std::string_view reply_key(const comment_reply& r) { return r.id; }

std::string_view summary_source_of(const persona& p) { return p.summary ? summary_source_key(p.summary->source) : ""; }

class differ {
public:
    explicit differ(std::vector<map_change>& out) : out_(out) {}

    void metadata(const document_metadata& a, const document_metadata& b) {
        map_change where;
        where.kind = change_kind::document_field;
        field(where, "title", a.title, b.title);
        field(where, "created_by", a.created_by, b.created_by);
        field(where, "created_at", a.created_at, b.created_at);
        field(where, "modified_at", a.modified_at, b.modified_at);
    }

    // The map's extensions, after its metadata.
    void extensions(const std::vector<extension>& a, const std::vector<extension>& b) {
        map_change where;
        where.kind = change_kind::document_field;
        if (a != b) field(where, "extensions", extensions_text(a), extensions_text(b));
    }

    void personas(const std::vector<persona>& a, const std::vector<persona>& b) {
        const sequence_match m = match_sequences(keys_of(a, persona_key), keys_of(b, persona_key));
        for (std::size_t i = 0; i < a.size(); ++i)
            if (m.new_of_old[i] == npos) {
                map_change c = persona_change(change_kind::persona_removed, a[i]);
                c.old_index = i;
                out_.push_back(std::move(c));
            }
        const persona none;
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::size_t i = m.old_of_new[j];
            if (i == npos || m.moved[j]) {
                map_change c = persona_change(i == npos ? change_kind::persona_added : change_kind::persona_moved, b[j]);
                c.old_index = i;
                c.new_index = j;
                neighbours(c, b, j, persona_key, [](const persona& p) -> const std::string& { return p.name; });
                out_.push_back(std::move(c));
            }
            persona_body(i == npos ? none : a[i], b[j], i == npos);
        }
    }

    // The conflicts old has and new has not, then those new has and old has not (a conflict given
    // twice is two), named as the map that has them names their persona and stage.
    void conflicts(const document& a, const document& b) {
        std::vector<std::string> ka, kb;
        for (const merge_conflict& c : a.conflicts) ka.push_back(conflict_key(c));
        for (const merge_conflict& c : b.conflicts) kb.push_back(conflict_key(c));
        const sequence_match m = match_sequences({ka.begin(), ka.end()}, {kb.begin(), kb.end()});
        for (std::size_t i = 0; i < a.conflicts.size(); ++i)
            if (m.new_of_old[i] == npos)
                out_.push_back(conflict_change(change_kind::conflict_resolved, a, a.conflicts[i]));
        for (std::size_t j = 0; j < b.conflicts.size(); ++j)
            if (m.old_of_new[j] == npos) out_.push_back(conflict_change(change_kind::conflict_added, b, b.conflicts[j]));
    }

    // The comments old has and new has not, then each of new's with what changed in it.
    void comments(const document& a, const document& b) {
        if (a.comments.empty() && b.comments.empty()) return;
        const sequence_match m = match_sequences(keys_of(a.comments, comment_key), keys_of(b.comments, comment_key));
        for (std::size_t i = 0; i < a.comments.size(); ++i)
            if (m.new_of_old[i] == npos) {
                map_change c = comment_change(change_kind::comment_removed, a, a.comments[i]);
                c.old_index = i;
                out_.push_back(std::move(c));
            }
        for (std::size_t j = 0; j < b.comments.size(); ++j) {
            const comment& now = b.comments[j];
            const std::size_t i = m.old_of_new[j];
            const map_change where = comment_change(change_kind::comment_field, b, now);
            if (i == npos || m.moved[j]) {
                map_change c = where;
                c.kind = i == npos ? change_kind::comment_added : change_kind::comment_moved;
                c.old_index = i;
                c.new_index = j;
                out_.push_back(std::move(c));
                if (i == npos) continue;
            }
            const comment& was = a.comments[i];
            if (was.resolved != now.resolved) {
                map_change c = where;
                c.kind = now.resolved ? change_kind::comment_resolved : change_kind::comment_reopened;
                out_.push_back(std::move(c));
            }
            field(where, "persona_id", was.persona_id, now.persona_id);
            field(where, "stage_id", was.stage_id, now.stage_id);
            field(where, "field", was.field, now.field);
            field(where, "author", was.author, now.author);
            field(where, "created_at", was.created_at, now.created_at);
            field(where, "text", was.text, now.text);
            if (was.replies != now.replies) replies(where, was.replies, now.replies);
        }
    }

private:
    void replies(const map_change& where, const std::vector<comment_reply>& a, const std::vector<comment_reply>& b) {
        const sequence_match m = match_sequences(keys_of(a, reply_key), keys_of(b, reply_key));
        const auto change = [&](change_kind kind, const comment_reply& r) {
            map_change c = where;
            c.kind = kind;
            c.reply = r;
            return c;
        };
        for (std::size_t i = 0; i < a.size(); ++i)
            if (m.new_of_old[i] == npos) {
                map_change c = change(change_kind::reply_removed, a[i]);
                c.old_index = i;
                out_.push_back(std::move(c));
            }
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::size_t i = m.old_of_new[j];
            if (i == npos || m.moved[j]) {
                map_change c = change(i == npos ? change_kind::reply_added : change_kind::reply_moved, b[j]);
                c.old_index = i;
                c.new_index = j;
                out_.push_back(std::move(c));
                if (i == npos) continue;
            }
            const map_change in_reply = change(change_kind::reply_field, b[j]);
            field(in_reply, "author", a[i].author, b[j].author);
            field(in_reply, "created_at", a[i].created_at, b[j].created_at);
            field(in_reply, "text", a[i].text, b[j].text);
        }
    }

    static map_change comment_change(change_kind kind, const document& doc, const comment& about) {
        map_change c;
        c.kind = kind;
        c.comment = about;
        c.persona_id = about.persona_id;
        c.stage_id = about.stage_id;
        if (const persona* p = doc.persona_by_id(about.persona_id)) {
            c.persona_name = p->name;
            if (const stage* s = p->stage_by_id(about.stage_id)) c.stage_name = s->name;
        }
        return c;
    }

    static map_change persona_change(change_kind kind, const persona& p) {
        map_change c;
        c.kind = kind;
        c.persona_id = p.id;
        c.persona_name = p.name;
        return c;
    }

    // A persona's fields, pain points, stages and summary; an added one is compared with an
    // empty persona, whose status is none (and its name is in the line that adds it).
    void persona_body(const persona& a, const persona& b, bool added) {
        map_change where = persona_change(change_kind::persona_field, b);
        if (!added) field(where, "name", a.name, b.name);
        field(where, "status", added ? "" : persona_status_key(a.status), persona_status_key(b.status));
        field(where, "created_by", a.created_by, b.created_by);
        field(where, "last_updated_at", a.last_updated_at, b.last_updated_at);
        field(where, "role", a.profile.role, b.profile.role);
        field(where, "organisation", a.profile.organisation, b.profile.organisation);
        field(where, "segment", a.profile.segment, b.profile.segment);
        field(where, "success_metric", a.profile.success_metric, b.profile.success_metric);
        pain_points(where, a.pain_points, b.pain_points);
        stages(where, a.stages, b.stages);
        static const std::string no_text;
        field(where, "summary", a.summary ? a.summary->text : no_text, b.summary ? b.summary->text : no_text);
        field(where, "summary_source", summary_source_of(a), summary_source_of(b));
        field(where, "summary_generated_at", a.summary ? a.summary->generated_at : no_text,
              b.summary ? b.summary->generated_at : no_text);
        if (a.extensions != b.extensions) field(where, "extensions", extensions_text(a.extensions), extensions_text(b.extensions));
    }

    void pain_points(const map_change& persona, const std::vector<pain_point>& a, const std::vector<pain_point>& b) {
        const sequence_match m = match_sequences(keys_of(a, pain_point_key), keys_of(b, pain_point_key));
        const auto change = [&](change_kind kind, const pain_point& pp) {
            map_change c = persona;
            c.kind = kind;
            c.pain_point = pp.text;
            return c;
        };
        for (std::size_t i = 0; i < a.size(); ++i)
            if (m.new_of_old[i] == npos) {
                map_change c = change(change_kind::pain_point_removed, a[i]);
                c.old_value = pain_category_key(a[i].category);
                c.old_index = i;
                out_.push_back(std::move(c));
            }
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::size_t i = m.old_of_new[j];
            if (i == npos) {
                map_change c = change(change_kind::pain_point_added, b[j]);
                c.new_value = pain_category_key(b[j].category);
                c.new_index = j;
                out_.push_back(std::move(c));
                continue;
            }
            if (m.moved[j]) {
                map_change c = change(change_kind::pain_point_moved, b[j]);
                c.old_index = i;
                c.new_index = j;
                neighbours(c, b, j, pain_point_key, [](const pain_point& pp) -> const std::string& { return pp.text; });
                out_.push_back(std::move(c));
            }
            if (a[i].category != b[j].category) {
                map_change c = change(change_kind::pain_point_category, b[j]);
                c.old_value = pain_category_key(a[i].category);
                c.new_value = pain_category_key(b[j].category);
                out_.push_back(std::move(c));
            }
        }
    }

    void stages(const map_change& persona, const std::vector<stage>& a, const std::vector<stage>& b) {
        const sequence_match m = match_sequences(keys_of(a, stage_key), keys_of(b, stage_key));
        const auto change = [&](change_kind kind, const stage& s) {
            map_change c = persona;
            c.kind = kind;
            c.stage_id = s.id;
            c.stage_name = s.name;
            return c;
        };
        for (std::size_t i = 0; i < a.size(); ++i)
            if (m.new_of_old[i] == npos) {
                map_change c = change(change_kind::stage_removed, a[i]);
                c.old_index = i;
                out_.push_back(std::move(c));
            }
        const stage none;
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::size_t i = m.old_of_new[j];
            if (i == npos || m.moved[j]) {
                map_change c = change(i == npos ? change_kind::stage_added : change_kind::stage_moved, b[j]);
                c.old_index = i;
                c.new_index = j;
                neighbours(c, b, j, stage_key, [](const stage& s) -> const std::string& { return s.name; });
                out_.push_back(std::move(c));
            }
            // An added stage's name is in the line that adds it.
            const stage& before = i == npos ? none : a[i];
            const map_change where = change(change_kind::stage_field, b[j]);
            for (stage_field f : all_stage_fields)
                if (i != npos || f != stage_field::name) field(where, stage_field_key(f), before.field(f), b[j].field(f));
            if (before.journey != b[j].journey)
                field(where, "journey_tasks", journey_tasks_text(before.journey), journey_tasks_text(b[j].journey));
            if (before.extensions != b[j].extensions)
                field(where, "extensions", extensions_text(before.extensions), extensions_text(b[j].extensions));
        }
    }

    static map_change conflict_change(change_kind kind, const document& doc, const merge_conflict& conflict) {
        map_change c;
        c.kind = kind;
        c.conflict = conflict;
        c.persona_id = conflict.persona_id;
        c.stage_id = conflict.stage_id;
        if (const persona* p = doc.persona_by_id(conflict.persona_id)) {
            c.persona_name = p->name;
            if (const stage* s = p->stage_by_id(conflict.stage_id)) c.stage_name = s->name;
        }
        return c;
    }

    // Adds a field change, located as where, when the values differ.
    void field(const map_change& where, std::string_view key, std::string_view a, std::string_view b) {
        if (a == b) return;
        map_change c = where;
        c.field = key;
        c.old_value = a;
        c.new_value = b;
        out_.push_back(std::move(c));
    }

    // The items now on either side of items[j].
    template <class T, class Key, class Name>
    static void neighbours(map_change& c, const std::vector<T>& items, std::size_t j, Key key, Name name) {
        if (j > 0) {
            c.after_id = key(items[j - 1]);
            c.after_name = name(items[j - 1]);
        }
        if (j + 1 < items.size()) {
            c.before_id = key(items[j + 1]);
            c.before_name = name(items[j + 1]);
        }
    }

    std::vector<map_change>& out_;
};

}  // namespace

map_diff diff_maps(const document& older, const document& newer) {
    map_diff d;
    differ work(d.changes);
    work.metadata(older.metadata, newer.metadata);
    work.extensions(older.extensions, newer.extensions);
    work.personas(older.personas, newer.personas);
    // Conflicts last, as the README promises: what is left to settle ends the list.
    work.comments(older, newer);
    work.conflicts(older, newer);
    return d;
}

}  // namespace bpm
