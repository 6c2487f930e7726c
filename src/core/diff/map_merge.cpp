#include "bpm/map_merge.h"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "bpm/sequence_match.h"
#include "conflict_key.h"

namespace bpm {

namespace {

// Ids no version uses: "persona-N" and "stage-N" above the highest N any of them numbers.
class fresh_ids {
public:
    fresh_ids(const document& b, const document& o, const document& t) {
        for (const document* d : {&b, &o, &t}) {
            persona_ = std::max(persona_, number(d->new_persona_id()));
            stage_ = std::max(stage_, number(d->new_stage_id()));
        }
    }
    std::string persona() { return "persona-" + std::to_string(persona_++); }
    std::string stage() { return "stage-" + std::to_string(stage_++); }

private:
    static unsigned long number(const std::string& id) { return std::stoul(id.substr(id.rfind('-') + 1)); }
    unsigned long persona_ = 1, stage_ = 1;
};

merge_conflict conflict_at(std::string persona_id, std::string stage_id, std::string field) {
    merge_conflict c;
    c.persona_id = std::move(persona_id);
    c.stage_id = std::move(stage_id);
    c.field = std::move(field);
    return c;
}

// The keys of a list's items, as views into it.
template <class T, class Traits>
std::vector<std::string_view> keys_of(const std::vector<T>& items, const Traits& traits) {
    std::vector<std::string_view> keys;
    keys.reserve(items.size());
    for (const T& item : items) keys.push_back(traits.key(item));
    return keys;
}

// Merges three versions of a list of items with keys: which items the merge keeps (merged with
// traits.merge when all three have them), and in what order. Traits says how one kind of item is
// keyed, merged, compared and renamed, and records removal conflicts.
template <class T, class Traits>
std::vector<T> merge_list(const std::vector<T>& b, const std::vector<T>& o, const std::vector<T>& t, Traits& traits) {
    const std::vector<std::string_view> kb = keys_of(b, traits), ko = keys_of(o, traits), kt = keys_of(t, traits);
    const sequence_match mo = match_sequences(kb, ko), mt = match_sequences(kb, kt);
    // Per item of ours: its merged value when kept, and whether ours alone put it where it is,
    // moving it or adding it (so that theirs' insertions at the same place go after it). Per item
    // of theirs: an item only it brings, the ours item it is, and whether theirs moved one ours
    // left in place.
    std::vector<std::optional<T>> from_ours(o.size()), from_theirs(t.size());
    std::vector<bool> ours_placed(o.size(), false), theirs_moved(t.size(), false);
    std::vector<std::size_t> ours_of_theirs(t.size(), npos);

    for (std::size_t i = 0; i < b.size(); ++i) {
        const std::size_t j = mo.new_of_old[i], k = mt.new_of_old[i];
        if (j != npos) ours_placed[j] = mo.moved[j];
        if (j != npos && k != npos) {
            from_ours[j] = traits.merge(b[i], o[j], t[k]);
            ours_of_theirs[k] = j;
            theirs_moved[k] = mt.moved[k] && !mo.moved[j];
        } else if (j != npos) {
            if (traits.only_removals(b[i], o[j])) continue;
            traits.removed(o[j], conflict_side::theirs);
            from_ours[j] = o[j];
        } else if (k != npos) {
            if (traits.only_removals(b[i], t[k])) continue;
            traits.removed(t[k], conflict_side::ours);
            from_theirs[k] = t[k];
        }
    }

    // Items both added, paired by key: one item, merged against an empty one, when they are the
    // same one, else both.
    std::vector<std::size_t> added_o, added_t;
    std::vector<std::string_view> added_ko, added_kt;
    for (std::size_t j = 0; j < o.size(); ++j)
        if (mo.old_of_new[j] == npos) added_o.push_back(j), added_ko.push_back(ko[j]);
    for (std::size_t k = 0; k < t.size(); ++k)
        if (mt.old_of_new[k] == npos) added_t.push_back(k), added_kt.push_back(kt[k]);
    const sequence_match both = match_sequences(added_ko, added_kt);
    for (std::size_t a = 0; a < added_o.size(); ++a) {
        const std::size_t j = added_o[a], paired = both.new_of_old[a];
        ours_placed[j] = paired == npos;
        from_ours[j] = o[j];
        if (paired == npos) continue;
        const std::size_t k = added_t[paired];
        if (traits.same_addition(o[j], t[k])) {
            from_ours[j] = traits.join(o[j], t[k]);
            ours_of_theirs[k] = j;
        } else if constexpr (Traits::renames) {
            ours_placed[j] = true;
            from_theirs[k] = t[k];
            traits.rename(*from_theirs[k]);
        }
    }
    for (std::size_t c = 0; c < added_t.size(); ++c)
        if (both.old_of_new[c] == npos) from_theirs[added_t[c]] = t[added_t[c]];

    // The order: a circular list through a sentinel, node 0, first holding ours' items in ours'
    // order. Theirs' moves and additions then go in theirs' order, each after the item theirs has
    // before it, past the items ours alone put there and those theirs put there before it. Those
    // runs never split (nothing goes inside one), so where an insertion after a node goes is kept
    // as a union-find forest, past[n] leading to the last node of the run after n: linear time
    // however many items both versions move to one place.
    std::vector<T> value(1);
    std::vector<std::size_t> next(1, 0), prev(1, 0), past;
    std::vector<bool> ours_alone(1, false);
    const auto add = [&](T v, bool placed_by_ours) {
        value.push_back(std::move(v));
        next.push_back(0);
        prev.push_back(0);
        ours_alone.push_back(placed_by_ours);
        return value.size() - 1;
    };
    const auto link_after = [&](std::size_t at, std::size_t n) {
        next[n] = next[at];
        prev[n] = at;
        prev[next[at]] = n;
        next[at] = n;
    };
    std::vector<std::size_t> node_of_ours(o.size(), npos);
    for (std::size_t j = 0; j < o.size(); ++j) {
        if (!from_ours[j]) continue;
        node_of_ours[j] = add(std::move(*from_ours[j]), ours_placed[j]);
        link_after(prev[0], node_of_ours[j]);
    }
    for (std::size_t k = 0; k < t.size(); ++k)
        if (theirs_moved[k]) {
            const std::size_t n = node_of_ours[ours_of_theirs[k]];
            next[prev[n]] = next[n];
            prev[next[n]] = prev[n];
        }
    past.resize(value.size());
    for (std::size_t n = 0; n < value.size(); ++n) past[n] = n;
    for (std::size_t n = next[0]; n != 0; n = next[n])
        if (ours_alone[n]) past[prev[n]] = n;
    const auto end_of_run = [&](std::size_t n) {
        std::size_t root = n;
        while (past[root] != root) root = past[root];
        while (past[n] != root) n = std::exchange(past[n], root);
        return root;
    };
    std::size_t anchor = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        std::size_t n = npos;
        if (from_theirs[k]) {
            n = add(std::move(*from_theirs[k]), false);
            past.push_back(n);
        } else if (theirs_moved[k]) {
            n = node_of_ours[ours_of_theirs[k]];
            past[n] = n;
        }
        if (n != npos) {
            const std::size_t at = end_of_run(anchor);
            link_after(at, n);
            past[at] = n;
            anchor = n;
        } else if (ours_of_theirs[k] != npos) {
            anchor = node_of_ours[ours_of_theirs[k]];
        }
    }
    std::vector<T> merged;
    merged.reserve(value.size() - 1);
    for (std::size_t n = next[0]; n != 0; n = next[n]) merged.push_back(std::move(value[n]));
    return merged;
}

class merger {
public:
    merger(const document& b, const document& o, const document& t) : ids_(b, o, t) {}

    std::vector<merge_conflict> conflicts;

    // A text field: the version that changed it, or ours with a conflict recorded at where when
    // both did, differently.
    std::string field(merge_conflict where, const std::string& b, const std::string& o, const std::string& t) {
        if (o == t || t == b) return o;
        if (o == b) return t;
        where.base = b;
        where.ours = o;
        where.theirs = t;
        conflicts.push_back(std::move(where));
        return o;
    }

    // A timestamp that saving sets: the version that changed it, or when both did, the later (or
    // the earlier) as instants; one that is no timestamp loses to one that is, ours wins a tie.
    static std::string when(const std::string& b, const std::string& o, const std::string& t, bool later) {
        if (o == t || t == b) return o;
        if (o == b) return t;
        const std::optional<long long> at_o = epoch_from_iso8601(o), at_t = epoch_from_iso8601(t);
        if (!at_t) return o;
        if (!at_o) return t;
        return (later ? *at_t > *at_o : *at_t < *at_o) ? t : o;
    }

    // The extensions of the map, a persona or a stage (JSON members the map keeps unread) as one
    // value, as the journey tasks: both sides' different changes keep ours, theirs in the conflict.
    std::vector<extension> extensions(merge_conflict where, const std::vector<extension>& b,
                                      const std::vector<extension>& o, const std::vector<extension>& t) {
        if (o == t || t == b) return o;
        if (o == b) return t;
        field(std::move(where), extensions_text(b), extensions_text(o), extensions_text(t));
        return o;
    }

    document_metadata metadata(const document_metadata& b, const document_metadata& o, const document_metadata& t) {
        document_metadata m;
        m.title = field(conflict_at({}, {}, "title"), b.title, o.title, t.title);
        m.created_by = field(conflict_at({}, {}, "created_by"), b.created_by, o.created_by, t.created_by);
        m.created_at = when(b.created_at, o.created_at, t.created_at, false);
        m.modified_at = when(b.modified_at, o.modified_at, t.modified_at, true);
        return m;
    }

    std::vector<persona> personas(const std::vector<persona>& b, const std::vector<persona>& o,
                                  const std::vector<persona>& t) {
        persona_traits traits{*this};
        return merge_list(b, o, t, traits);
    }

    // Stage ids are unique in the whole map; the versions may each have added one under the same
    // id to different personas, or (by hand) moved one to another persona. Every copy but ours'
    // (or the first) gets a new id, and the conflicts about it follow.
    void unique_stage_ids(document& m, const document& ours) {
        std::unordered_map<std::string, std::size_t> uses;
        bool repeated = false;
        for (const persona& p : m.personas)
            for (const stage& s : p.stages) repeated |= ++uses[s.id] > 1;
        if (!repeated) return;
        const auto place = [](const std::string& persona_id, const std::string& stage_id) {
            return persona_id + '\n' + stage_id;
        };
        std::unordered_set<std::string> in_merged;
        for (const persona& p : m.personas)
            for (const stage& s : p.stages) in_merged.insert(place(p.id, s.id));
        // A repeated id stays with the persona that has it in ours, when the merge still has it
        // there, else with the first that has it.
        std::unordered_map<std::string, std::string> keeper;
        for (const persona& p : ours.personas)
            for (const stage& s : p.stages)
                if (uses[s.id] > 1 && in_merged.count(place(p.id, s.id))) keeper.emplace(s.id, p.id);
        std::unordered_map<std::string, std::string> renamed;  // place → new stage id
        for (persona& p : m.personas)
            for (stage& s : p.stages) {
                if (uses[s.id] < 2) continue;
                const auto [kept_by, first] = keeper.emplace(s.id, p.id);
                if (first || kept_by->second == p.id) continue;
                const std::string fresh = ids_.stage();
                renamed.emplace(place(p.id, s.id), fresh);
                s.id = fresh;
            }
        for (std::vector<merge_conflict>* list : {&conflicts, &m.conflicts})
            for (merge_conflict& c : *list)
                if (const auto it = renamed.find(place(c.persona_id, c.stage_id)); it != renamed.end())
                    c.stage_id = it->second;
        for (comment& c : m.comments)
            if (const auto it = renamed.find(place(c.persona_id, c.stage_id)); it != renamed.end()) c.stage_id = it->second;
    }

    // The comments, matched by id as personas are: each version's additions land, a removal lands
    // where the other version left the comment as it was, and one the other changed (a reply, a
    // resolve) is kept as that version has it; replies likewise within each comment. Theirs'
    // comments about a persona or stage this merge gave a new id follow it.
    std::vector<comment> comments(const document& b, const document& o, const document& t) {
        if (b.comments.empty() && o.comments.empty() && t.comments.empty()) return {};
        std::vector<comment> theirs = t.comments;
        if (!theirs_personas_.empty() || !theirs_stages_.empty()) {
            std::unordered_set<std::string_view> in_base;
            for (const comment& c : b.comments) in_base.insert(c.id);
            for (comment& c : theirs) {
                if (in_base.count(c.id)) continue;
                if (const auto s = theirs_stages_.find(c.persona_id + '\n' + c.stage_id); s != theirs_stages_.end())
                    c.stage_id = s->second;
                if (const auto p = theirs_personas_.find(c.persona_id); p != theirs_personas_.end()) c.persona_id = p->second;
            }
        }
        comment_traits traits{*this, o.comments};
        return merge_list(b.comments, o.comments, theirs, traits);
    }

private:
    struct pain_point_traits {
        static constexpr bool renames = false;
        merger& m;
        const std::string& persona_id;

        std::string_view key(const pain_point& p) const { return p.text; }
        bool only_removals(const pain_point& b, const pain_point& side) const { return b == side; }
        bool same_addition(const pain_point&, const pain_point&) const { return true; }
        pain_point join(const pain_point& o, const pain_point& t) { return merge({o.text, pain_category::none}, o, t); }
        pain_point merge(const pain_point& b, const pain_point& o, const pain_point& t) {
            merge_conflict where = conflict_at(persona_id, {}, "category");
            where.pain_point = o.text;
            const std::string category = m.field(std::move(where), std::string(pain_category_key(b.category)),
                                                 std::string(pain_category_key(o.category)),
                                                 std::string(pain_category_key(t.category)));
            return {o.text, pain_category_from_key(category).value_or(o.category)};
        }
        void removed(const pain_point& kept, conflict_side by) {
            merge_conflict c = conflict_at(persona_id, {}, {});
            c.pain_point = kept.text;
            c.removed_by = by;
            m.conflicts.push_back(std::move(c));
        }
    };

    struct stage_traits {
        static constexpr bool renames = true;
        merger& m;
        const std::string& persona_id;

        std::string_view key(const stage& s) const { return s.id; }
        bool only_removals(const stage& b, const stage& side) const { return b == side; }
        bool same_addition(const stage& o, const stage& t) const { return o.name == t.name; }
        stage join(const stage& o, const stage& t) {
            stage blank;
            blank.id = o.id;
            return merge(blank, o, t);
        }
        void rename(stage& s) {
            const std::string fresh = m.ids_.stage();
            m.theirs_stages_.emplace(persona_id + '\n' + s.id, fresh);
            s.id = fresh;
        }
        stage merge(const stage& b, const stage& o, const stage& t) {
            stage s;
            s.id = o.id;
            for (stage_field f : all_stage_fields)
                s.field(f) = m.field(conflict_at(persona_id, o.id, std::string(stage_field_key(f))), b.field(f),
                                     o.field(f), t.field(f));
            // The Mermaid tasks as one value: both sides' different changes keep ours, theirs in
            // the conflict, as people read tasks.
            if (o.journey == t.journey || t.journey == b.journey) {
                s.journey = o.journey;
            } else if (o.journey == b.journey) {
                s.journey = t.journey;
            } else {
                s.journey = o.journey;
                m.field(conflict_at(persona_id, o.id, "journey_tasks"), journey_tasks_text(b.journey),
                        journey_tasks_text(o.journey), journey_tasks_text(t.journey));
            }
            s.extensions = m.extensions(conflict_at(persona_id, o.id, "extensions"), b.extensions, o.extensions, t.extensions);
            return s;
        }
        void removed(const stage& kept, conflict_side by) {
            merge_conflict c = conflict_at(persona_id, kept.id, {});
            c.removed_by = by;
            m.conflicts.push_back(std::move(c));
        }
    };

    struct persona_traits {
        static constexpr bool renames = true;
        merger& m;

        std::string_view key(const persona& p) const { return p.id; }
        bool same_addition(const persona& o, const persona& t) const { return o.name == t.name; }
        persona join(const persona& o, const persona& t) {
            persona blank;
            blank.id = o.id;
            return merge(blank, o, t);
        }
        void rename(persona& p) {
            const std::string fresh = m.ids_.persona();
            m.theirs_personas_.emplace(p.id, fresh);
            p.id = fresh;
        }
        void removed(const persona& kept, conflict_side by) {
            merge_conflict c = conflict_at(kept.id, {}, {});
            c.removed_by = by;
            m.conflicts.push_back(std::move(c));
        }
        // Whether side is base without some of its stages and pain points, and nothing else changed.
        bool only_removals(const persona& b, const persona& side) const {
            persona kept = b;
            std::unordered_set<std::string_view> stages, points;
            for (const stage& s : side.stages) stages.insert(s.id);
            for (const pain_point& p : side.pain_points) points.insert(p.text);
            kept.stages.erase(std::remove_if(kept.stages.begin(), kept.stages.end(),
                                             [&](const stage& s) { return !stages.count(s.id); }),
                              kept.stages.end());
            kept.pain_points.erase(std::remove_if(kept.pain_points.begin(), kept.pain_points.end(),
                                                  [&](const pain_point& p) { return !points.count(p.text); }),
                                   kept.pain_points.end());
            return kept == side;
        }
        persona merge(const persona& b, const persona& o, const persona& t) {
            persona p;
            p.id = o.id;
            const auto text = [&](const char* key, std::string persona::*member) {
                p.*member = m.field(conflict_at(o.id, {}, key), b.*member, o.*member, t.*member);
            };
            const auto profile = [&](const char* key, std::string persona_profile::*member) {
                p.profile.*member = m.field(conflict_at(o.id, {}, key), b.profile.*member, o.profile.*member,
                                            t.profile.*member);
            };
            text("name", &persona::name);
            const std::string status =
                m.field(conflict_at(o.id, {}, "status"), std::string(persona_status_key(b.status)),
                        std::string(persona_status_key(o.status)), std::string(persona_status_key(t.status)));
            p.status = persona_status_from_key(status).value_or(o.status);
            text("created_by", &persona::created_by);
            p.last_updated_at = when(b.last_updated_at, o.last_updated_at, t.last_updated_at, true);
            profile("role", &persona_profile::role);
            profile("organisation", &persona_profile::organisation);
            profile("segment", &persona_profile::segment);
            profile("success_metric", &persona_profile::success_metric);
            pain_point_traits points{m, o.id};
            p.pain_points = merge_list(b.pain_points, o.pain_points, t.pain_points, points);
            stage_traits stages{m, o.id};
            p.stages = merge_list(b.stages, o.stages, t.stages, stages);
            p.summary = m.summary(o.id, b.summary, o.summary, t.summary);
            p.extensions = m.extensions(conflict_at(o.id, {}, "extensions"), b.extensions, o.extensions, t.extensions);
            return p;
        }
    };

    // A value one version changed, or ours when both did: for what only hand edits change and no
    // conflict is recorded for.
    template <class T>
    static const T& pick(const T& b, const T& o, const T& t) {
        return o == t || t == b ? o : o == b ? t : o;
    }

    struct reply_traits {
        static constexpr bool renames = true;
        std::string_view key(const comment_reply& r) const { return r.id; }
        bool only_removals(const comment_reply& b, const comment_reply& side) const { return b == side; }
        bool same_addition(const comment_reply& o, const comment_reply& t) const {
            return o.author == t.author && o.created_at == t.created_at && o.text == t.text;
        }
        comment_reply join(const comment_reply& o, const comment_reply&) { return o; }
        void rename(comment_reply& r) { r.id = new_comment_id({}); }
        comment_reply merge(const comment_reply& b, const comment_reply& o, const comment_reply& t) {
            return {o.id, pick(b.author, o.author, t.author), pick(b.created_at, o.created_at, t.created_at),
                    pick(b.text, o.text, t.text)};
        }
        // Removed by one version and changed by the other: kept, and nothing to settle.
        void removed(const comment_reply&, conflict_side) {}
    };

    struct comment_traits {
        static constexpr bool renames = true;
        merger& m;
        const std::vector<comment>& ours;  // for ids no comment or reply uses

        std::string_view key(const comment& c) const { return c.id; }
        bool only_removals(const comment& b, const comment& side) const { return b == side; }
        bool same_addition(const comment& o, const comment& t) const {
            return std::tie(o.persona_id, o.stage_id, o.field, o.author, o.created_at, o.text) ==
                   std::tie(t.persona_id, t.stage_id, t.field, t.author, t.created_at, t.text);
        }
        comment join(const comment& o, const comment& t) {
            comment c = o;
            c.resolved = o.resolved || t.resolved;
            reply_traits replies;
            c.replies = merge_list(std::vector<comment_reply>{}, o.replies, t.replies, replies);
            return c;
        }
        void rename(comment& c) { c.id = new_comment_id(ours); }
        comment merge(const comment& b, const comment& o, const comment& t) {
            comment c;
            c.id = o.id;
            const auto place = [](const comment& x) { return std::tie(x.persona_id, x.stage_id, x.field); };
            const comment& placed = place(o) == place(t) || place(t) == place(b) ? o : place(o) == place(b) ? t : o;
            c.persona_id = placed.persona_id;
            c.stage_id = placed.stage_id;
            c.field = placed.field;
            c.author = pick(b.author, o.author, t.author);
            c.created_at = pick(b.created_at, o.created_at, t.created_at);
            merge_conflict where = conflict_at(c.persona_id, c.stage_id, "text");
            where.comment_id = c.id;
            c.text = m.field(std::move(where), b.text, o.text, t.text);
            c.resolved = pick(b.resolved, o.resolved, t.resolved);
            reply_traits replies;
            c.replies = merge_list(b.replies, o.replies, t.replies, replies);
            return c;
        }
        // Removed by one version and replied to or resolved by the other: kept as that one left it.
        void removed(const comment&, conflict_side) {}
    };

    // A summary's text, source and time change together. The offline template's text is rebuilt
    // from the persona whenever it is shown, so two rewritten template summaries (or none) lose
    // nothing: ours is kept unless theirs was written later. An AI summary is written work: two
    // differing versions of which one is the AI's are a conflict.
    std::optional<persona_summary> summary(const std::string& persona_id, const std::optional<persona_summary>& b,
                                           const std::optional<persona_summary>& o,
                                           const std::optional<persona_summary>& t) {
        if (o == t || t == b) return o;
        if (o == b) return t;
        const auto by_ai = [](const std::optional<persona_summary>& s) { return s && s->source == summary_source::ai; };
        if (!by_ai(o) && !by_ai(t)) {
            if (!o || !t) return o;
            return when({}, o->generated_at, t->generated_at, true) == o->generated_at ? o : t;
        }
        const auto text = [](const std::optional<persona_summary>& s) { return s ? s->text : std::string(); };
        merge_conflict c = conflict_at(persona_id, {}, "summary");
        c.base = text(b);
        c.ours = text(o);
        c.theirs = text(t);
        conflicts.push_back(std::move(c));
        return o;
    }

    fresh_ids ids_;
    std::unordered_map<std::string, std::string> theirs_personas_;  // theirs' persona ids given a new one
    std::unordered_map<std::string, std::string> theirs_stages_;    // persona id '\n' stage id of theirs → new stage id
};

// The conflicts the versions carried that are still unresolved: those in both, and those one
// added since base; one resolved (gone) in one version since base is gone. New ones at the same
// place replace them.
std::vector<merge_conflict> carried_conflicts(const document& b, const document& o, const document& t,
                                              const std::vector<merge_conflict>& found) {
    const auto keys = [](const std::vector<merge_conflict>& list) {
        std::unordered_set<std::string> set;
        for (const merge_conflict& c : list) set.insert(conflict_key(c));
        return set;
    };
    const std::unordered_set<std::string> in_b = keys(b.conflicts), in_o = keys(o.conflicts), in_t = keys(t.conflicts);
    std::unordered_set<std::string> replaced;
    for (const merge_conflict& c : found) replaced.insert(conflict_place_key(c));
    std::vector<merge_conflict> kept;
    std::unordered_set<std::string> taken;
    const auto keep = [&](const merge_conflict& c, const std::string& key) {
        if (!replaced.count(conflict_place_key(c)) && taken.insert(key).second) kept.push_back(c);
    };
    for (const merge_conflict& c : o.conflicts) {
        const std::string key = conflict_key(c);
        if (in_t.count(key) || !in_b.count(key)) keep(c, key);
    }
    for (const merge_conflict& c : t.conflicts) {
        const std::string key = conflict_key(c);
        if (!in_o.count(key) && !in_b.count(key)) keep(c, key);
    }
    return kept;
}

// Puts the conflicts in the merged map's order: the map's fields, then per persona its removal,
// its fields, its pain points, its stages and its summary, each in the persona's order.
void sort_in_map_order(std::vector<merge_conflict>& conflicts, const document& m) {
    if (conflicts.size() < 2) return;
    std::unordered_map<std::string_view, std::size_t> persona_at;
    for (std::size_t i = 0; i < m.personas.size(); ++i) persona_at.emplace(m.personas[i].id, i);
    // Per persona with conflicts, where its stages and pain points are.
    std::unordered_map<std::size_t, std::unordered_map<std::string_view, std::size_t>> stage_at, point_at;
    using rank_t = std::tuple<std::size_t, int, std::size_t>;  // persona (0: the map), part, index in it
    const auto rank = [&](const merge_conflict& c) -> rank_t {
        if (c.persona_id.empty()) return {0, 0, 0};
        const auto found = persona_at.find(c.persona_id);
        if (found == persona_at.end()) return {m.personas.size() + 1, 0, 0};
        const std::size_t pi = found->second;
        const persona& p = m.personas[pi];
        if (!c.stage_id.empty()) {
            auto& at = stage_at[pi];
            if (at.empty())
                for (std::size_t k = 0; k < p.stages.size(); ++k) at.emplace(p.stages[k].id, k);
            const auto s = at.find(c.stage_id);
            return {pi + 1, 3, s == at.end() ? 0 : s->second};
        }
        if (c.pain_point) {
            auto& at = point_at[pi];
            if (at.empty())
                for (std::size_t k = 0; k < p.pain_points.size(); ++k) at.emplace(p.pain_points[k].text, k);
            const auto s = at.find(*c.pain_point);
            return {pi + 1, 2, s == at.end() ? 0 : s->second};
        }
        if (!c.comment_id.empty()) return {pi + 1, 5, 0};
        if (c.removed_by != conflict_side::none) return {pi + 1, 0, 0};
        return {pi + 1, c.field == "summary" ? 4 : 1, 0};
    };
    std::vector<std::pair<rank_t, std::size_t>> order;
    order.reserve(conflicts.size());
    for (std::size_t i = 0; i < conflicts.size(); ++i) order.push_back({rank(conflicts[i]), i});
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<merge_conflict> sorted;
    sorted.reserve(conflicts.size());
    for (const auto& [r, i] : order) sorted.push_back(std::move(conflicts[i]));
    conflicts = std::move(sorted);
}

}  // namespace

merge_result merge_maps(const document& base, const document& ours, const document& theirs) {
    merger m(base, ours, theirs);
    merge_result r;
    r.merged.metadata = m.metadata(base.metadata, ours.metadata, theirs.metadata);
    r.merged.personas = m.personas(base.personas, ours.personas, theirs.personas);
    r.merged.extensions = m.extensions(conflict_at({}, {}, "extensions"), base.extensions, ours.extensions, theirs.extensions);
    r.merged.comments = m.comments(base, ours, theirs);
    r.merged.conflicts = carried_conflicts(base, ours, theirs, m.conflicts);
    m.unique_stage_ids(r.merged, ours);
    sort_in_map_order(m.conflicts, r.merged);
    r.conflicts = std::move(m.conflicts);
    r.merged.conflicts.insert(r.merged.conflicts.end(), r.conflicts.begin(), r.conflicts.end());
    return r;
}

}  // namespace bpm
