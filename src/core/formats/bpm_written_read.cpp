#include "bpm_written_read.h"

#include <cstring>
#include <string>

#include "bpm/bpm_file.h"
#include "bpm/map_size.h"
#include "bpm_canonical.h"
#include "id_places.h"
#include "part_bounds.h"
#include "xml_text.h"

namespace bpm {

namespace {

// The names this reader spells out where it compares them, as the writer's tables have them.
static_assert(bpm_root_name == "buying-process-map");
static_assert(bpm_stage_elements[0] == "name" && bpm_stage_elements[1] == "buyer-actions" &&
              bpm_stage_elements[2] == "duration" && bpm_stage_elements[3] == "key-influencers" &&
              bpm_stage_elements[4] == "seller-actions" && bpm_stage_elements[5] == "content-type" &&
              bpm_stage_elements[6] == "key-message");

// How an element the layout may hold next starts: as <name>, as <name /> (or <name/>), or not at
// all, when something else is there.
enum class tag { open, empty, absent };

// Reads the layout write_bpm writes, element by element in its order, each element's name,
// attributes and end compared where the layout has them. Every step returns false at the first
// byte the layout does not have there; the full reader then reads the text, so nothing here need
// say what is wrong, only never accept what the full reader would refuse, warn about or read
// otherwise (test_bpm_written_read and the bpm_load fuzz target compare the two).
class layout_reader {
public:
    layout_reader(std::string_view text, const progress_fn& progress)
        : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), progress_(progress) {}

    written_read read() {
        written_read out;
        document doc;
        const bool read = read_document(doc);
        if (!cancelled_ && !read) return out;
        if (cancelled_ || !keep_going(progress_, size(), size())) {
            out.cancelled = true;
            return out;
        }
        out.doc = std::move(doc);
        return out;
    }

private:
    std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }

    bool read_document(document& doc) {
        literal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        skip_space();
        if (!literal("<buying-process-map format-version=\"")) return false;
        int version = 0;
        for (; p_ != end_ && *p_ >= '0' && *p_ <= '9' && version <= bpm_format_version; ++p_)
            version = version * 10 + (*p_ - '0');
        if (version < 1 || version > bpm_format_version || !literal("\">")) return false;
        bound_ = framing_content_bytes();
        if (!read_metadata(doc.metadata) || !read_personas(doc)) return false;
        skip_space();
        if (!literal("</buying-process-map>")) return false;
        skip_space();
        return p_ == end_ && bound_ <= max_content_bytes;
    }

    bool read_metadata(document_metadata& m) {
        if (tag_of("metadata") != tag::open) return false;
        if (!field("title", m.title) || !field("created-by", m.created_by) || !timestamp("created-at", m.created_at) ||
            !timestamp("modified-at", m.modified_at) || !end_of("metadata"))
            return false;
        bound_ += empty_.metadata + max_written_bytes_per_text_byte * (m.title.size() + m.created_by.size() +
                                                                       m.created_at.size() + m.modified_at.size());
        return true;
    }

    bool read_personas(document& doc) {
        const tag t = tag_of("personas");
        if (t != tag::open) return t == tag::empty;
        for (;;) {
            skip_space();
            const char* const at = p_;
            if (!literal("<persona id=\"")) break;
            persona& p = doc.personas.emplace_back();
            if (!read_persona(p)) return false;
            cancelled_ = !keep_going(progress_, static_cast<std::size_t>(at - begin_), size());
            if (cancelled_) return false;
        }
        return end_of("personas");
    }

    // A persona, from the value of its id on.
    bool read_persona(persona& p) {
        if (!id(p.id, persona_ids_) || !literal(">")) return false;
        std::string status;
        if (!required_field("name", p.name) || !required_field("status", status)) return false;
        const auto s = persona_status_from_key(status);
        if (!s) return false;
        p.status = *s;
        if (!field("created-by", p.created_by) || !timestamp("last-updated-at", p.last_updated_at) ||
            !read_profile(p.profile) || !read_pain_points(p) || !read_stages(p) || !read_summary(p) ||
            !end_of("persona"))
            return false;
        std::size_t text = p.id.size() + p.name.size() + p.created_by.size() + p.last_updated_at.size() +
                           p.profile.role.size() + p.profile.organisation.size() + p.profile.segment.size() +
                           p.profile.success_metric.size();
        if (p.summary) text += p.summary->text.size() + p.summary->generated_at.size();
        bound_ += (p.summary ? empty_.persona_with_summary : empty_.persona) + max_written_bytes_per_text_byte * text;
        return true;
    }

    bool read_profile(persona_profile& pr) {
        const tag t = tag_of("profile");
        if (t != tag::open) return true;  // <profile /> and no profile read alike
        return field("role", pr.role) && field("organisation", pr.organisation) && field("segment", pr.segment) &&
               field("success-metric", pr.success_metric) && end_of("profile");
    }

    bool read_pain_points(persona& p) {
        if (tag_of("pain-points") != tag::open) return true;
        for (;;) {
            skip_space();
            if (!literal("<pain-point")) break;
            pain_point& pp = p.pain_points.emplace_back();
            std::string_view category;
            if (literal(" category=\"") && !attribute_value(category)) return false;
            const auto c = pain_category_from_key(category);
            if (!c) return false;
            pp.category = *c;
            const tag t = tag_end();
            if (t == tag::absent || (t == tag::open && (!text(pp.text) || !end_of_text("pain-point")))) return false;
            bound_ += empty_.pain_point + 2 * max_written_bytes_per_text_byte * pp.text.size();
        }
        return end_of("pain-points");
    }

    bool read_stages(persona& p) {
        if (tag_of("stages") != tag::open) return true;
        for (;;) {
            skip_space();
            if (!literal("<stage id=\"")) break;
            stage& s = p.stages.emplace_back();
            if (!id(s.id, stage_ids_) || !literal(">") || !required_field("name", s.name) ||
                !field("buyer-actions", s.buyer_actions) || !field("duration", s.duration) ||
                !field("key-influencers", s.key_influencers) || !field("seller-actions", s.seller_actions) ||
                !field("content-type", s.content_type) || !field("key-message", s.key_message) ||
                !read_journey(s) || !end_of("stage"))
                return false;
            const std::size_t text = s.id.size() + s.name.size() + s.buyer_actions.size() + s.duration.size() +
                                     s.key_influencers.size() + s.seller_actions.size() + s.content_type.size() +
                                     s.key_message.size();
            bound_ += empty_.stage + max_written_bytes_per_text_byte * text;
        }
        return end_of("stages");
    }

    // A stage's journey tasks, each <task score="1".."5"> with its text, then its people.
    bool read_journey(stage& s) {
        if (tag_of("journey") != tag::open) return true;
        for (;;) {
            skip_space();
            if (!literal("<task score=\"")) break;
            if (p_ == end_ || *p_ < '0' + min_journey_score || *p_ > '0' + max_journey_score) return false;
            journey_task& t = s.journey.emplace_back();
            t.score = *p_++ - '0';
            if (!literal("\">") || !required_field("text", t.text)) return false;
            bound_ += empty_.journey_task + max_written_bytes_per_text_byte * t.text.size();
            for (tag person = tag_of("person"); person != tag::absent; person = tag_of("person")) {
                std::string& name = t.people.emplace_back();
                if (!field_after(person, "person", name)) return false;
                bound_ += empty_.journey_person + max_written_bytes_per_text_byte * name.size();
            }
            if (!end_of("task")) return false;
        }
        return end_of("journey");
    }

    bool read_summary(persona& p) {
        skip_space();
        if (!literal("<summary source=\"")) return true;
        persona_summary& sum = p.summary.emplace();
        std::string_view source;
        if (!attribute_value(source)) return false;
        const auto s = summary_source_from_key(source);
        if (!s) return false;
        sum.source = *s;
        if (literal(" generated-at=\"")) {
            std::string_view at;
            if (!attribute_value(at) || !is_iso8601(at)) return false;
            sum.generated_at = at;
        }
        const tag t = tag_end();
        return t == tag::empty || (t == tag::open && text(sum.text) && end_of_text("summary"));
    }

    // The value of an id attribute, from its first character to its closing quote: an id the
    // full reader takes, and the first of its kind.
    bool id(std::string& out, id_places& used) {
        std::string_view value;
        if (!attribute_value(value) || !is_valid_id(value)) return false;
        if (!used.emplace(value, 0).second) return false;
        out = value;
        return true;
    }

    // An attribute's value up to its closing quote, which it moves past. Values with references or
    // white space other than spaces, which the full reader decodes, are not read here; none of the
    // values the layout has (ids, keys, timestamps) holds either.
    bool attribute_value(std::string_view& out) {
        const char* const start = p_;
        while (p_ != end_ && *p_ != '"') {
            const auto c = static_cast<unsigned char>(*p_);
            if (c < 0x20 || c == '&' || c == '<') return false;
            ++p_;
        }
        if (p_ == end_) return false;
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
    }

    // A field that may be left out; out keeps its value then. Names are string literals, so that
    // each comparison is a few compares of known length rather than a call: five loads of the
    // 200 x 12 map, 109.0M -> 98.9M instructions.
    template <std::size_t N>
    bool field(const char (&name)[N], std::string& out) {
        const tag t = tag_of(name);
        return t == tag::absent || field_after(t, name, out);
    }

    // A field that must be there, empty or not.
    template <std::size_t N>
    bool required_field(const char (&name)[N], std::string& out) {
        const tag t = tag_of(name);
        return t != tag::absent && field_after(t, name, out);
    }

    // The text and end of the field called name, whose start tag t was read.
    template <std::size_t N>
    bool field_after(tag t, const char (&name)[N], std::string& out) {
        if (t == tag::open) return text(out) && end_of_text(name);
        out.clear();
        return true;
    }

    // A field holding an ISO 8601 time, or nothing.
    template <std::size_t N>
    bool timestamp(const char (&name)[N], std::string& out) {
        return field(name, out) && (out.empty() || is_iso8601(out));
    }

    // The text of an element up to the '<' of its end, decoded; no more than one field holds.
    bool text(std::string& out) {
        const char* const stop = xml_read_plain_text(p_, end_, out);
        if (!stop || static_cast<std::size_t>(stop - p_) > max_field_bytes) return false;
        p_ = stop;
        return true;
    }

    // The end of an element whose text was just read: </name>.
    template <std::size_t N>
    bool end_of_text(const char (&name)[N]) { return literal("</") && literal(name) && literal(">"); }

    // The end of an element that holds elements: white space, then </name>.
    template <std::size_t N>
    bool end_of(const char (&name)[N]) {
        skip_space();
        return end_of_text(name);
    }

    // White space, then how the element called name starts there, moving past its start tag.
    template <std::size_t N>
    tag tag_of(const char (&name)[N]) {
        skip_space();
        if (!starts_with_at(0, "<") || !starts_with_at(1, name)) return tag::absent;
        const char* const save = p_;
        p_ += N;
        const tag t = tag_end();
        if (t == tag::absent) p_ = save;
        return t;
    }

    // The end of a start tag whose name and attributes were read: '>', "/>" or " />".
    tag tag_end() {
        if (literal(">")) return tag::open;
        if (literal("/>") || literal(" />")) return tag::empty;
        return tag::absent;
    }

    void skip_space() {
        while (p_ != end_ && (*p_ == '\n' || *p_ == '\t' || *p_ == ' ' || *p_ == '\r')) ++p_;
    }

    // Whether the string literal s is at offset from p_.
    template <std::size_t N>
    bool starts_with_at(std::size_t offset, const char (&s)[N]) const {
        return static_cast<std::size_t>(end_ - p_) >= offset + N - 1 && std::memcmp(p_ + offset, s, N - 1) == 0;
    }

    // Moves past the string literal s when it is at p_.
    template <std::size_t N>
    bool literal(const char (&s)[N]) {
        if (!starts_with_at(0, s)) return false;
        p_ += N - 1;
        return true;
    }

    const char* const begin_;
    const char* p_;
    const char* const end_;
    const progress_fn& progress_;
    const empty_parts& empty_ = empty_parts::get();
    // What the document may take when written, as the full reader bounds it, part by part.
    std::size_t bound_ = 0;
    id_places persona_ids_;
    id_places stage_ids_;
    bool cancelled_ = false;
};

}  // namespace

written_read read_written_bpm(std::string_view text, const progress_fn& progress) {
    return layout_reader(text, progress).read();
}

}  // namespace bpm
