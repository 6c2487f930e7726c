#include <cstring>
#include <string>

#include "bpm/bpm_file.h"
#include "bpm/utf8.h"
#include "bpm_canonical.h"
#include "byte_words.h"

namespace bpm {

namespace {

using namespace byte_words;

std::size_t extensions_size(const std::vector<extension>& es) {
    std::size_t n = 0;
    for (const extension& e : es) n += 48 + e.key.size() + e.json.size();
    return n;
}

// Bytes of output to reserve: the text plus the markup around each field.
std::size_t estimated_size(const document& doc) {
    std::size_t n = 1024 + extensions_size(doc.extensions);
    for (const persona& p : doc.personas) {
        n += 512 + p.name.size() + (p.summary ? p.summary->text.size() : 0) + extensions_size(p.extensions);
        for (const pain_point& pp : p.pain_points) n += 64 + pp.text.size();
        for (const stage& s : p.stages) {
            n += 320 + extensions_size(s.extensions);
            for (stage_field f : all_stage_fields) n += s.field(f).size();
            for (const journey_task& t : s.journey) {
                n += 96 + t.text.size();
                for (const std::string& person : t.people) n += 32 + person.size();
            }
        }
    }
    for (const merge_conflict& c : doc.conflicts)
        n += 256 + c.base.size() + c.ours.size() + c.theirs.size() + (c.pain_point ? c.pain_point->size() : 0);
    for (const comment& c : doc.comments) {
        n += 256 + c.author.size() + c.text.size();
        for (const comment_reply& r : c.replies) n += 160 + r.author.size() + r.text.size();
    }
    return n + n / 32;  // room for escapes
}

// Writes what pugixml wrote when it printed the document tree with one tab per level, byte for
// byte, so that files do not change; but CR in text as "&#13;", which XML readers do not turn
// into LF.
class writer {
public:
    std::string write(const document& doc) {
        out_.reserve(estimated_size(doc));
        out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
        out_ += bpm_root_name;
        out_ += " format-version=\"" + std::to_string(bpm_format_version_for(doc)) + "\">\n";
        start(1, "metadata");
        field(2, "title", doc.metadata.title);
        field(2, "created-by", doc.metadata.created_by);
        field(2, "created-at", doc.metadata.created_at);
        field(2, "modified-at", doc.metadata.modified_at);
        end(1, "metadata");
        if (doc.personas.empty()) {
            empty(1, "personas");
        } else {
            start(1, "personas");
            for (const persona& p : doc.personas) write_persona(p);
            end(1, "personas");
        }
        if (!doc.conflicts.empty()) {
            start(1, "conflicts");
            for (const merge_conflict& c : doc.conflicts) write_conflict(c);
            end(1, "conflicts");
        }
        if (!doc.comments.empty()) {
            start(1, "comments");
            for (const comment& c : doc.comments) write_comment(c);
            end(1, "comments");
        }
        write_extensions(1, doc.extensions);
        out_ += "</";
        out_ += bpm_root_name;
        out_ += ">\n";
        return std::move(out_);
    }

private:
    void write_persona(const persona& p) {
        open(2, "persona");
        attribute("id", p.id);
        out_ += ">\n";
        field(3, "name", p.name);
        field(3, "status", persona_status_key(p.status));
        field(3, "created-by", p.created_by);
        field(3, "last-updated-at", p.last_updated_at);
        start(3, "profile");
        field(4, "role", p.profile.role);
        field(4, "organisation", p.profile.organisation);
        field(4, "segment", p.profile.segment);
        field(4, "success-metric", p.profile.success_metric);
        end(3, "profile");
        if (p.pain_points.empty()) {
            empty(3, "pain-points");
        } else {
            start(3, "pain-points");
            for (const pain_point& pp : p.pain_points) {
                open(4, "pain-point");
                if (pp.category != pain_category::none) attribute("category", pain_category_key(pp.category));
                text_and_end("pain-point", pp.text);
            }
            end(3, "pain-points");
        }
        if (p.stages.empty()) {
            empty(3, "stages");
        } else {
            start(3, "stages");
            for (const stage& s : p.stages) {
                open(4, "stage");
                attribute("id", s.id);
                out_ += ">\n";
                for (std::size_t i = 0; i < all_stage_fields.size(); ++i)
                    field(5, bpm_stage_elements[i], s.field(all_stage_fields[i]));
                if (!s.journey.empty()) write_journey(s.journey);
                write_extensions(5, s.extensions);
                end(4, "stage");
            }
            end(3, "stages");
        }
        if (p.summary) {
            open(3, "summary");
            attribute("source", summary_source_key(p.summary->source));
            if (!p.summary->generated_at.empty()) attribute("generated-at", p.summary->generated_at);
            text_and_end("summary", p.summary->text);
        }
        write_extensions(3, p.extensions);
        end(2, "persona");
    }

    void write_journey(const std::vector<journey_task>& tasks) {
        start(5, "journey");
        for (const journey_task& t : tasks) {
            open(6, "task");
            attribute("score", std::to_string(t.score));
            out_ += ">\n";
            field(7, "text", t.text);
            for (const std::string& person : t.people) field(7, "person", person);
            end(6, "task");
        }
        end(5, "journey");
    }

    // A removal's values are written only when it has some, which merges never give it.
    void write_conflict(const merge_conflict& c) {
        open(2, "conflict");
        if (!c.persona_id.empty()) attribute("persona", c.persona_id);
        if (!c.stage_id.empty()) attribute("stage", c.stage_id);
        if (!c.field.empty()) attribute("field", c.field);
        if (!c.comment_id.empty()) attribute("comment", c.comment_id);
        if (c.removed_by != conflict_side::none) attribute("removed-by", conflict_side_key(c.removed_by));
        const bool values = c.removed_by == conflict_side::none || !c.base.empty() || !c.ours.empty() ||
                            !c.theirs.empty();
        if (!c.pain_point && !values) {
            out_ += " />\n";
            return;
        }
        out_ += ">\n";
        if (c.pain_point) field(3, "pain-point", *c.pain_point);
        if (values) {
            field(3, "base", c.base);
            field(3, "ours", c.ours);
            field(3, "theirs", c.theirs);
        }
        end(2, "conflict");
    }

    // The place a comment is about as attributes, "resolved" only when it is; its replies after its text.
    void write_comment(const comment& c) {
        open(2, "comment");
        attribute("id", c.id);
        attribute("persona", c.persona_id);
        if (!c.stage_id.empty()) attribute("stage", c.stage_id);
        if (!c.field.empty()) attribute("field", c.field);
        if (c.resolved) attribute("resolved", "true");
        out_ += ">\n";
        field(3, "author", c.author);
        field(3, "created-at", c.created_at);
        field(3, "text", c.text);
        for (const comment_reply& r : c.replies) {
            open(3, "reply");
            attribute("id", r.id);
            out_ += ">\n";
            field(4, "author", r.author);
            field(4, "created-at", r.created_at);
            field(4, "text", r.text);
            end(3, "reply");
        }
        end(2, "comment");
    }

    // Each extension on a line of its own, after the fields of its part, in the order they came.
    void write_extensions(std::size_t depth, const std::vector<extension>& extensions) {
        for (const extension& e : extensions) {
            open(depth, "extension");
            attribute("key", e.key);
            text_and_end("extension", e.json);
        }
    }

    // "<name" at depth: attributes and the end of the tag follow.
    void open(std::size_t depth, std::string_view name) {
        out_.append(depth, '\t');
        out_ += '<';
        out_ += name;
    }
    void start(std::size_t depth, std::string_view name) {
        open(depth, name);
        out_ += ">\n";
    }
    void end(std::size_t depth, std::string_view name) {
        out_.append(depth, '\t');
        out_ += "</";
        out_ += name;
        out_ += ">\n";
    }
    void empty(std::size_t depth, std::string_view name) {
        open(depth, name);
        out_ += " />\n";
    }
    void field(std::size_t depth, std::string_view name, std::string_view value) {
        open(depth, name);
        text_and_end(name, value);
    }

    // Ends an opened tag with value as its text, or as an empty element when value is empty. Text
    // that was all characters XML cannot carry leaves "<name></name>", as pugixml did.
    void text_and_end(std::string_view name, std::string_view value) {
        if (value.empty()) {
            out_ += " />\n";
            return;
        }
        out_ += '>';
        text(value);
        out_ += "</";
        out_ += name;
        out_ += ">\n";
    }

    // Element text: '&', '<' and '>' escaped, CR as a reference, the characters XML 1.0 cannot
    // carry left out.
    void text(std::string_view t) {
        std::size_t i = 0, copied = 0;
        const std::size_t n = t.size();
        while (i < n) {
            while (i + 8 <= n) {
                const std::uint64_t w = load8(t.data() + i);
                const std::uint64_t marks = bytes_below_space(w) | bytes_equal(w, '&') | bytes_equal(w, '<') |
                                            bytes_equal(w, '>') | bytes_equal(w, 0xEF);
                if (marks) {
                    i += first_marked(marks);
                    break;
                }
                i += 8;
            }
            if (i >= n) break;
            std::string_view replacement;
            std::size_t skip = 1;
            switch (t[i]) {
                case '&': replacement = "&amp;"; break;
                case '<': replacement = "&lt;"; break;
                case '>': replacement = "&gt;"; break;
                case '\r': replacement = "&#13;"; break;
                default:
                    skip = xml_invalid_char_bytes(t, i);
                    if (skip == 0) {
                        ++i;
                        continue;
                    }
            }
            out_.append(t.data() + copied, i - copied);
            out_ += replacement;
            i += skip;
            copied = i;
        }
        out_.append(t.data() + copied, n - copied);
    }

    // ' name="value"', escaped as pugixml escapes attributes; the value ends at a NUL, as
    // pugixml's C strings did.
    void attribute(std::string_view name, std::string_view value) {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        value = value.substr(0, value.find('\0'));
        for (char c : value) {
            switch (c) {
                case '&': out_ += "&amp;"; break;
                case '<': out_ += "&lt;"; break;
                case '"': out_ += "&quot;"; break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20) {
                        out_ += "&#";
                        out_ += static_cast<char>('0' + c / 10);
                        out_ += static_cast<char>('0' + c % 10);
                        out_ += ';';
                    } else {
                        out_ += c;
                    }
            }
        }
        out_ += '"';
    }

    std::string out_;
};

}  // namespace

std::string write_canonical_bpm(const document& doc) { return writer().write(doc); }

}  // namespace bpm
