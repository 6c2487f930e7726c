#include "largest_map.h"

#include "bpm/map_size.h"

namespace bpm::test {

namespace {

// The i-th shortest id: one character for the first 64, two for the next 4,096, and so on.
std::string short_id(std::size_t i) {
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::size_t length = 1, block = 64;
    while (i >= block) {
        i -= block;
        block *= 64;
        ++length;
    }
    std::string id(length, 'A');
    for (std::size_t k = length; k-- > 0; i /= 64) id[k] = digits[i % 64];
    return id;
}

// <name>text</name>, <name/> when text is empty and the element is required, else nothing.
void element(std::string& out, const char* name, const std::string& text, bool required = false) {
    if (!text.empty()) out += std::string("<") + name + ">" + text + "</" + name + ">";
    else if (required) out += std::string("<") + name + "/>";
}

void member(std::string& out, const char* key, const std::string& text) {
    if (text.empty()) return;
    if (out.back() != '{') out += ',';
    out += std::string("\"") + key + "\":\"" + text + "\"";
}

}  // namespace

document largest_map(std::size_t personas, std::size_t short_by) {
    document doc;
    for (std::size_t i = 0; i < personas; ++i) {
        doc.personas.emplace_back();
        doc.personas.back().id = "p" + std::to_string(i);
    }
    const std::size_t limit = max_content_bytes - short_by;
    std::size_t total = content_bytes(doc);
    for (std::size_t i = 0;; ++i) {
        stage s;
        s.id = short_id(i);
        const std::size_t bytes = content_bytes(s);
        if (total + bytes > limit) break;
        total += bytes;
        doc.personas[i % personas].stages.push_back(std::move(s));
    }
    // Each byte of the title adds one to the content, in either format.
    doc.metadata.title.assign(limit - total, 'x');
    return doc;
}

std::string compact_bpm(const document& doc) {
    std::string out = "<buying-process-map format-version=\"1\">";
    if (doc.metadata != document_metadata()) {
        out += "<metadata>";
        element(out, "title", doc.metadata.title);
        out += "</metadata>";
    }
    out += "<personas>";
    for (const persona& p : doc.personas) {
        out += "<persona id=\"" + p.id + "\">";
        element(out, "name", p.name, true);
        element(out, "status", std::string(persona_status_key(p.status)));
        out += "<stages>";
        for (const stage& s : p.stages) {
            out += "<stage id=\"" + s.id + "\">";
            element(out, "name", s.name, true);
            element(out, "buyer-actions", s.buyer_actions);
            element(out, "duration", s.duration);
            element(out, "key-influencers", s.key_influencers);
            element(out, "seller-actions", s.seller_actions);
            element(out, "content-type", s.content_type);
            element(out, "key-message", s.key_message);
            out += "</stage>";
        }
        out += "</stages></persona>";
    }
    return out + "</personas></buying-process-map>";
}

std::string compact_json(const document& doc) {
    std::string out = "{\"buying_process_mappings\":[";
    for (const persona& p : doc.personas) {
        if (&p != &doc.personas.front()) out += ',';
        out += "{\"persona_id\":\"" + p.id + "\",\"persona_name\":\"" + p.name + "\"";
        if (p.status != persona_status::in_progress)
            out += ",\"status\":\"" + std::string(persona_status_key(p.status)) + "\"";
        out += ",\"buying_stages\":[";
        for (const stage& s : p.stages) {
            if (&s != &p.stages.front()) out += ',';
            out += '{';
            for (stage_field f : all_stage_fields) member(out, std::string(stage_field_key(f)).c_str(), s.field(f));
            member(out, "stage_id", s.id);
            out += '}';
        }
        out += "]}";
    }
    out += "],\"document_metadata\":{";
    member(out, "title", doc.metadata.title);
    return out + "}}";
}

}  // namespace bpm::test
