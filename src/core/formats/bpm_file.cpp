#include "bpm/bpm_file.h"

#include <array>
#include <cstdint>
#include <pugixml.hpp>
#include <unordered_map>

#include "bpm/file_io.h"
#include "bpm/map_size.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

constexpr const char* root_name = "buying-process-map";

// XML element names of the stage fields, in file order.
const char* stage_element(stage_field f) {
    switch (f) {
        case stage_field::name: return "name";
        case stage_field::buyer_actions: return "buyer-actions";
        case stage_field::duration: return "duration";
        case stage_field::key_influencers: return "key-influencers";
        case stage_field::seller_actions: return "seller-actions";
        case stage_field::content_type: return "content-type";
        case stage_field::key_message: return "key-message";
    }
    return "";
}

// stage_element() of each field of all_stage_fields, in that order.
const std::array<std::string_view, 7> stage_element_names = {
    stage_element(stage_field::name),           stage_element(stage_field::buyer_actions),
    stage_element(stage_field::duration),       stage_element(stage_field::key_influencers),
    stage_element(stage_field::seller_actions), stage_element(stage_field::content_type),
    stage_element(stage_field::key_message),
};

std::string quoted(std::string_view name) { return "<" + std::string(name) + ">"; }

// Reads a parsed pugixml tree into a document, collecting every problem it meets.
class reader {
public:
    reader(std::string_view text, const progress_fn& progress) : text_(text), progress_(progress) {}

    result<document> read() {
        if (auto too_big = check_document_size(text_.size())) return result<document>::failure(std::move(*too_big));
        if (trim(text_).empty()) {
            problem_at(0, _("the file is empty"));
            return fail();
        }
        const std::size_t bad = find_invalid_utf8(text_);
        if (bad != std::string_view::npos) {
            problem_at(bad, _("invalid UTF-8 byte sequence; the file must be saved as UTF-8"));
            return fail();
        }

        pugi::xml_document xml;
        const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
        const pugi::xml_parse_result parsed = xml.load_buffer(text_.data(), text_.size(), options, pugi::encoding_utf8);
        if (parsed.status == pugi::status_no_document_element) {
            problem_at(text_.find_first_not_of(" \t\r\n"),
                       format(_("no {1} element: this is not a Buying Process Mapper file"), quoted(root_name)));
            return fail();
        }
        if (!parsed) {
            problem_at(static_cast<std::size_t>(parsed.offset),
                       format(_("not a well-formed XML document: {1}"), parsed.description()));
            return fail();
        }

        pugi::xml_node root;
        for (pugi::xml_node n : xml.children()) {
            if (n.type() == pugi::node_doctype) {
                // Entity declarations are how XML bombs and external entity reads start;
                // no .bpm file needs one, so refuse rather than trust the parser to ignore it.
                problem(n, _("DOCTYPE declarations are not allowed in .bpm files"));
                return fail();
            }
            if (n.type() == pugi::node_element) {
                if (root) {
                    problem(n, _("more than one root element"));
                    return fail();
                }
                root = n;
            }
        }
        if (!root) {
            problem_at(0, format(_("no {1} element: this is not a Buying Process Mapper file"), quoted(root_name)));
            return fail();
        }
        if (std::string_view(root.name()) != root_name) {
            problem(root, format(_("expected root element {1}, found {2}: this is not a Buying Process Mapper file"),
                                 quoted(root_name), quoted(root.name())));
            return fail();
        }
        if (!read_version(root)) return fail();

        document doc;
        content_ = framing_content_bytes();
        read_root(root, doc);
        if (cancelled_ || !keep_going(progress_, text_.size(), text_.size())) return result<document>::cancelled();
        if (over_at_) problem(over_at_, content_limit_message(content_));
        if (!problems_.empty()) return fail();
        return result<document>::success(std::move(doc));
    }

private:
    result<document> fail() { return failed_load(std::move(problems_), unlisted_); }

    // Whether a new problem will be listed; past max_reported_problems they are only counted.
    bool listing() const { return problems_.size() < max_reported_problems; }

    // Finding a line and column reads the text up to the problem, so only the problems listed are
    // placed: a file with a million would otherwise take days.
    void problem_at(std::size_t offset, std::string message) {
        if (!listing()) {
            ++unlisted_;
            return;
        }
        const auto [line, column] = line_column(text_, offset);
        problems_.push_back({std::move(message), line, column});
    }

    // Adds the content_bytes of a part just read, at the element that holds it; false, noting the
    // element, once the map is over max_content_bytes. Past that nothing more is kept, so however
    // long the file, the document in memory stays within the limit.
    bool count(pugi::xml_node at, std::size_t bytes) {
        content_ += bytes;
        if (content_ <= max_content_bytes) return true;
        if (!over_at_) over_at_ = at;
        return false;
    }

    void problem(pugi::xml_node at, std::string message) {
        const std::ptrdiff_t offset = at.offset_debug();
        // Node offsets point past the markup that opens them; report its '<'.
        std::size_t pos = offset > 0 ? static_cast<std::size_t>(offset) : 0;
        const std::size_t open = text_.rfind('<', pos);
        if (open != std::string_view::npos) pos = open;
        problem_at(pos, std::move(message));
    }

    bool read_version(pugi::xml_node root) {
        const pugi::xml_attribute v = root.attribute("format-version");
        if (!v) {
            problem(root, format(_("{1} has no format-version attribute"), quoted(root_name)));
            return false;
        }
        const std::string_view s = v.value();
        // Counted up to a ceiling, so that a number of any length is read without overflow: past
        // it, the version is only known to be newer than any this reader knows.
        constexpr long ceiling = 1'000'000'000;
        long version = 0;
        bool digits = !s.empty();
        for (char c : s) {
            if (c < '0' || c > '9') digits = false;
            else if (version < ceiling) version = version * 10 + (c - '0');
        }
        if (!digits || version < 1) {
            problem(root, format(_("format-version \"{1}\" is not a positive whole number"), one_line_excerpt(s, 40)));
            return false;
        }
        if (version > bpm_format_version) {
            problem(root, format(_("this file uses format version {1}, written by a newer Buying Process Mapper; "
                                   "this version reads format {2} and older"),
                                 version < ceiling ? std::to_string(version) : one_line_excerpt(s, 40),
                                 std::to_string(bpm_format_version)));
            return false;
        }
        return true;
    }

    // Child elements of a container, checked against the names it may hold (each at most once
    // unless it is the repeated item), and any stray text reported.
    template <class Fn>
    void each_child(pugi::xml_node parent, std::initializer_list<const char*> allowed, const char* repeated, Fn&& fn) {
        std::uint32_t seen = 0;  // bit i: allowed[i] met already
        for (pugi::xml_node n : parent.children()) {
            if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
                if (!trim(n.value()).empty())
                    problem(parent, format(_("unexpected text inside {1}"), quoted(parent.name())));
                continue;
            }
            if (n.type() != pugi::node_element) continue;
            const std::string_view name = n.name();
            if (repeated && name == repeated) {
                fn(n, name);
                continue;
            }
            std::size_t index = 0;
            while (index < allowed.size() && name != *(allowed.begin() + index)) ++index;
            if (index == allowed.size()) {
                problem(n, format(_("unexpected element {1} inside {2}"), quoted(name), quoted(parent.name())));
                continue;
            }
            if (seen & (1u << index)) {
                problem(n, format(_("{1} appears twice inside {2}"), quoted(name), quoted(parent.name())));
                continue;
            }
            seen |= 1u << index;
            fn(n, name);
        }
    }

    void check_attributes(pugi::xml_node el, std::initializer_list<const char*> allowed) {
        for (pugi::xml_attribute a : el.attributes()) {
            bool known = false;
            for (const char* name : allowed)
                if (std::string_view(a.name()) == name) known = true;
            if (!known)
                problem(el, format(_("unexpected attribute \"{1}\" on {2}"), std::string(a.name()), quoted(el.name())));
        }
    }

    // The text of a field element; it may not hold elements, and not more than max_field_bytes.
    std::string text(pugi::xml_node el) {
        check_attributes(el, {});
        return text_content(el);
    }

    std::string text_content(pugi::xml_node el) {
        const pugi::xml_node first = el.first_child();
        if (!first) return {};
        std::string out;
        if (!first.next_sibling() && (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
            out = first.value();  // the usual case: one text node
            if (out.size() <= max_field_bytes) return out;
        } else {
            for (pugi::xml_node n : el.children()) {
                if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
                    out += n.value();
                } else if (n.type() == pugi::node_element) {
                    problem(n, format(_("unexpected element {1} inside {2}"), quoted(n.name()), quoted(el.name())));
                }
            }
        }
        if (out.size() > max_field_bytes) {
            problem(el, format(_("{1} holds {2} bytes of text, more than the {3} MB limit for one field"),
                               quoted(el.name()), std::to_string(out.size()), std::to_string(max_field_bytes >> 20)));
            return {};
        }
        return out;
    }

    // t, the timestamp called what in el, when it is empty or ISO 8601; a problem otherwise.
    std::string checked_timestamp(pugi::xml_node el, std::string t, const std::string& what) {
        if (!t.empty() && !is_iso8601(t))
            problem(el,
                    format(_("{1} is \"{2}\", not an ISO 8601 date and time such as 2026-11-21T09:30:00Z"), what, t));
        return t;
    }

    std::string timestamp(pugi::xml_node el) { return checked_timestamp(el, text(el), quoted(el.name())); }

    std::string timestamp_attribute(pugi::xml_node el, const char* name) {
        return checked_timestamp(el, el.attribute(name).value(), name);
    }

    // The id attribute of el, checked for shape and uniqueness; used maps ids to where they were first met.
    std::string id(pugi::xml_node el, std::unordered_map<std::string, std::ptrdiff_t>& used) {
        const pugi::xml_attribute a = el.attribute("id");
        if (!a) {
            problem(el, format(_("{1} has no id attribute"), quoted(el.name())));
            return {};
        }
        std::string value = a.value();
        if (!is_valid_id(value)) {
            problem(el, format(_("id \"{1}\" is not valid: use 1 to 128 letters, digits, '-', '_' or '.'"), value));
            return value;
        }
        const auto [it, inserted] = used.emplace(value, el.offset_debug());
        if (!inserted && !listing()) {
            ++unlisted_;
        } else if (!inserted) {
            const std::size_t first_line =
                line_column(text_, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, it->second))).first;
            problem(el, format(_("duplicate id \"{1}\" (first used on line {2})"), value, std::to_string(first_line)));
        }
        return value;
    }

    void require(pugi::xml_node el, const char* child) {
        if (!el.child(child)) problem(el, format(_("{1} has no {2} element"), quoted(el.name()), quoted(child)));
    }

    void read_root(pugi::xml_node root, document& doc) {
        check_attributes(root, {"format-version"});
        require(root, "personas");
        // The writer writes a <metadata> element whether or not the file has one.
        if (!root.child("metadata")) count(root, content_bytes(doc.metadata));
        each_child(root, {"metadata", "personas"}, nullptr, [&](pugi::xml_node n, std::string_view name) {
            if (name == "metadata") read_metadata(n, doc.metadata);
            else read_personas(n, doc);
        });
    }

    void read_metadata(pugi::xml_node el, document_metadata& m) {
        check_attributes(el, {});
        each_child(el, {"title", "created-by", "created-at", "modified-at"}, nullptr,
                   [&](pugi::xml_node n, std::string_view name) {
                       if (name == "title") m.title = text(n);
                       else if (name == "created-by") m.created_by = text(n);
                       else if (name == "created-at") m.created_at = timestamp(n);
                       else m.modified_at = timestamp(n);
                   });
        count(el, content_bytes(m));
    }

    void read_personas(pugi::xml_node el, document& doc) {
        check_attributes(el, {});
        each_child(el, {}, "persona", [&](pugi::xml_node n, std::string_view) {
            if (cancelled_) return;
            doc.personas.emplace_back();
            read_persona(n, doc.personas.back());
            if (!count(n, own_content_bytes(doc.personas.back()))) doc.personas.pop_back();
            cancelled_ = !keep_going(progress_, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, n.offset_debug())),
                                     text_.size());
        });
    }

    void read_persona(pugi::xml_node el, persona& p) {
        check_attributes(el, {"id"});
        p.id = id(el, persona_ids_);
        require(el, "name");
        require(el, "status");
        each_child(el, {"name", "status", "created-by", "last-updated-at", "profile", "pain-points", "stages", "summary"},
                   nullptr, [&](pugi::xml_node n, std::string_view name) {
                       if (name == "name") p.name = text(n);
                       else if (name == "status") read_status(n, p);
                       else if (name == "created-by") p.created_by = text(n);
                       else if (name == "last-updated-at") p.last_updated_at = timestamp(n);
                       else if (name == "profile") read_profile(n, p.profile);
                       else if (name == "pain-points") read_pain_points(n, p);
                       else if (name == "stages") read_stages(n, p);
                       else read_summary(n, p);
                   });
    }

    void read_status(pugi::xml_node el, persona& p) {
        const std::string s = text(el);
        if (const auto st = persona_status_from_key(s)) p.status = *st;
        else problem(el, format(_("status \"{1}\" is not one of in_progress, completed"), s));
    }

    void read_profile(pugi::xml_node el, persona_profile& pr) {
        check_attributes(el, {});
        each_child(el, {"role", "organisation", "segment", "success-metric"}, nullptr,
                   [&](pugi::xml_node n, std::string_view name) {
                       if (name == "role") pr.role = text(n);
                       else if (name == "organisation") pr.organisation = text(n);
                       else if (name == "segment") pr.segment = text(n);
                       else pr.success_metric = text(n);
                   });
    }

    void read_pain_points(pugi::xml_node el, persona& p) {
        check_attributes(el, {});
        each_child(el, {}, "pain-point", [&](pugi::xml_node n, std::string_view) {
            check_attributes(n, {"category"});
            pain_point pp;
            pp.text = text_content(n);
            const std::string cat = n.attribute("category").value();
            if (const auto c = pain_category_from_key(cat)) pp.category = *c;
            else
                problem(n, format(_("pain point category \"{1}\" is not one of financial, productivity, process, "
                                    "support, other"),
                                  cat));
            if (count(n, content_bytes(pp))) p.pain_points.push_back(std::move(pp));
        });
    }

    void read_stages(pugi::xml_node el, persona& p) {
        check_attributes(el, {});
        each_child(el, {}, "stage", [&](pugi::xml_node n, std::string_view) {
            check_attributes(n, {"id"});
            stage s;
            s.id = id(n, stage_ids_);
            require(n, "name");
            std::size_t next_field = 0;
            each_child(n,
                       {"name", "buyer-actions", "duration", "key-influencers", "seller-actions", "content-type",
                        "key-message"},
                       nullptr, [&](pugi::xml_node f, std::string_view name) {
                           // Fields usually come in file order; try the one after the last first.
                           for (std::size_t k = 0; k < all_stage_fields.size(); ++k) {
                               const std::size_t i = (next_field + k) % all_stage_fields.size();
                               if (name == stage_element_names[i]) {
                                   s.field(all_stage_fields[i]) = text(f);
                                   next_field = i + 1;
                                   break;
                               }
                           }
                       });
            if (count(n, content_bytes(s))) p.stages.push_back(std::move(s));
        });
    }

    void read_summary(pugi::xml_node el, persona& p) {
        check_attributes(el, {"source", "generated-at"});
        persona_summary sum;
        const pugi::xml_attribute source = el.attribute("source");
        if (!source) problem(el, _("<summary> has no source attribute"));
        else if (const auto s = summary_source_from_key(source.value())) sum.source = *s;
        else problem(el, format(_("summary source \"{1}\" is not one of template, ai"), std::string(source.value())));
        sum.generated_at = timestamp_attribute(el, "generated-at");
        sum.text = text_content(el);
        p.summary = std::move(sum);
    }

    std::string_view text_;
    const progress_fn& progress_;
    bool cancelled_ = false;
    std::vector<diagnostic> problems_;
    std::size_t unlisted_ = 0;  // problems found past max_reported_problems
    std::unordered_map<std::string, std::ptrdiff_t> persona_ids_;
    std::unordered_map<std::string, std::ptrdiff_t> stage_ids_;
    std::size_t content_ = 0;  // content_bytes of what was read so far
    pugi::xml_node over_at_;   // where content_ first passed max_content_bytes
};

// Collects pugixml output into a string.
struct string_writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// pugixml writes a CR in text as a raw byte, which every XML reader turns into LF; a character
// reference survives. Indentation uses only LF, so every CR in the output comes from text.
void escape_carriage_returns(std::string& xml) {
    if (xml.find('\r') == std::string::npos) return;
    std::string out;
    out.reserve(xml.size() + 64);
    for (char c : xml) {
        if (c == '\r') out += "&#13;";
        else out.push_back(c);
    }
    xml.swap(out);
}

// Bytes of output to reserve: the text plus the markup around each field.
std::size_t estimated_size(const document& doc) {
    std::size_t n = 1024;
    for (const persona& p : doc.personas) {
        n += 512 + p.name.size() + (p.summary ? p.summary->text.size() : 0);
        for (const pain_point& pp : p.pain_points) n += 64 + pp.text.size();
        for (const stage& s : p.stages) {
            n += 320;
            for (stage_field f : all_stage_fields) n += s.field(f).size();
        }
    }
    return n + n / 32;  // room for escapes
}

class writer {
public:
    // The tree is built and printed one persona at a time, so memory stays at one persona's worth
    // however large the map; the framing lines around the personas carry no user data.
    std::string write(const document& doc) {
        string_writer sink;
        sink.out.reserve(estimated_size(doc));
        sink.out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
        sink.out += root_name;
        sink.out += " format-version=\"" + std::to_string(bpm_format_version) + "\">\n";

        pugi::xml_document part;
        pugi::xml_node meta = part.append_child("metadata");
        field(meta, "title", doc.metadata.title);
        field(meta, "created-by", doc.metadata.created_by);
        field(meta, "created-at", doc.metadata.created_at);
        field(meta, "modified-at", doc.metadata.modified_at);
        meta.print(sink, "\t", pugi::format_indent, pugi::encoding_utf8, 1);

        if (doc.personas.empty()) {
            sink.out += "\t<personas />\n";
        } else {
            sink.out += "\t<personas>\n";
            for (const persona& p : doc.personas) {
                part.reset();
                write_persona(part, p);
                part.first_child().print(sink, "\t", pugi::format_indent, pugi::encoding_utf8, 2);
            }
            sink.out += "\t</personas>\n";
        }
        sink.out += "</";
        sink.out += root_name;
        sink.out += ">\n";
        escape_carriage_returns(sink.out);
        return std::move(sink.out);
    }

private:
    void write_persona(pugi::xml_node parent, const persona& p) {
        pugi::xml_node el = parent.append_child("persona");
        el.append_attribute("id") = p.id.c_str();
        field(el, "name", p.name);
        field(el, "status", persona_status_key(p.status));
        field(el, "created-by", p.created_by);
        field(el, "last-updated-at", p.last_updated_at);
        pugi::xml_node profile = el.append_child("profile");
        field(profile, "role", p.profile.role);
        field(profile, "organisation", p.profile.organisation);
        field(profile, "segment", p.profile.segment);
        field(profile, "success-metric", p.profile.success_metric);
        pugi::xml_node pains = el.append_child("pain-points");
        for (const pain_point& pp : p.pain_points) {
            pugi::xml_node n = field(pains, "pain-point", pp.text);
            if (pp.category != pain_category::none)
                n.append_attribute("category") = std::string(pain_category_key(pp.category)).c_str();
        }
        pugi::xml_node stages = el.append_child("stages");
        for (const stage& s : p.stages) {
            pugi::xml_node st = stages.append_child("stage");
            st.append_attribute("id") = s.id.c_str();
            for (stage_field f : all_stage_fields) field(st, stage_element(f), s.field(f));
        }
        if (p.summary) {
            pugi::xml_node sum = field(el, "summary", p.summary->text);
            // Attributes after the text node keep the element's attribute order stable.
            sum.append_attribute("source") = std::string(summary_source_key(p.summary->source)).c_str();
            if (!p.summary->generated_at.empty()) sum.append_attribute("generated-at") = p.summary->generated_at.c_str();
        }
    }

    pugi::xml_node field(pugi::xml_node parent, const char* name, std::string_view value) {
        pugi::xml_node el = parent.append_child(name);
        if (!value.empty()) {
            pugi::xml_node text = el.append_child(pugi::node_pcdata);
            if (has_xml_invalid_chars(value)) {
                // XML 1.0 cannot carry most control characters at all, not even escaped.
                const std::string clean = strip_xml_invalid_chars(value);
                text.set_value(clean.data(), clean.size());
            } else {
                text.set_value(value.data(), value.size());
            }
        }
        return el;
    }
};

}  // namespace

result<document> failed_load(std::vector<diagnostic> problems, std::size_t unlisted) {
    std::size_t more = unlisted;
    if (problems.size() > max_reported_problems) {
        more += problems.size() - max_reported_problems;
        problems.resize(max_reported_problems);
    }
    if (more > 0)
        problems.push_back({format(_n("and {1} more problem", "and {1} more problems", more), std::to_string(more))});
    return result<document>::failure(std::move(problems));
}

result<document> read_bpm(std::string_view bytes, const progress_fn& progress) {
    // A UTF-8 byte order mark is harmless but not part of the text positions people see.
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return reader(bytes, progress).read();
}

std::string write_bpm(const document& doc) { return writer().write(doc); }

result<document> load_bpm(const std::string& path, const progress_fn& progress) {
    auto bytes = read_file(path, max_document_bytes);
    if (!bytes) return result<document>::failure_of(bytes);
    return read_bpm(*bytes.value, progress);
}

result<> save_bpm(const document& doc, const std::string& path) { return write_file_atomic(path, write_bpm(doc)); }

}  // namespace bpm
