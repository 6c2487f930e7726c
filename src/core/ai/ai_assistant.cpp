#include "bpm/ai_assistant.h"

#include "bpm/ai_prompts.h"
#include "bpm/tr.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// Asks for JSON, and once more, telling the model what was wrong, when the answer does not fit.
template <class T>
result<T> ask_for_json(const ai_client& client, chat_request request,
                       result<T> (*read)(std::string_view, std::string_view), const cancel_token* cancel) {
    for (int round = 1;; ++round) {
        // Streamed though nobody watches: the pieces keep a slow local model from seeming idle.
        const result<std::string> reply = client.complete(request, {}, cancel);
        if (!reply) return result<T>::failure_of(reply);
        result<T> read_back = read(*reply.value, client.settings().api_key);
        if (read_back) return result<T>::success(std::move(*read_back.value));
        if (round == 2)
            return result<T>::failure(format(_("the AI's answer could not be used: {1}"), read_back.error()));
        request = retry_request(std::move(request), *reply.value, read_back.error());
    }
}

// The model's text fit for a field: trimmed, and without characters a .bpm file cannot hold.
std::string clean_text(std::string_view text) { return strip_xml_invalid_chars(trim(text)); }

}  // namespace

result<std::string> write_ai_summary(const ai_client& client, const persona& p, const token_callback& on_token,
                                     const cancel_token* cancel) {
    const result<std::string> written = client.complete(summary_request(p), on_token, cancel);
    if (!written) return written;
    std::string text = clean_text(*written.value);
    if (text.empty()) return result<std::string>::failure(_("the AI service sent an empty answer"));
    if (text.size() > max_field_bytes) return result<std::string>::failure(_("the AI's summary is too long to store"));
    return result<std::string>::success(std::move(text));
}

bool store_ai_summary(history& h, const std::string& persona_id, const std::string& text) {
    std::string clean = clean_text(text);
    if (clean.empty() || clean.size() > max_field_bytes || h.doc().find_persona(persona_id) == npos) return false;
    return h.submit(set_summary(persona_id, persona_summary{std::move(clean), summary_source::ai, h.now()}));
}

result<stage_suggestion> suggest_for_stage(const ai_client& client, const persona& p, std::string_view stage_id,
                                           const cancel_token* cancel) {
    const stage* s = p.stage_by_id(stage_id);
    if (!s) return result<stage_suggestion>::failure(_("that stage is no longer in the map"));
    return ask_for_json<stage_suggestion>(client, suggestion_request(p, *s), suggestion_from_reply, cancel);
}

bool apply_suggestion(history& h, const std::string& persona_id, const std::string& stage_id,
                      const stage_suggestion& s) {
    const persona* p = h.doc().persona_by_id(persona_id);
    const stage* st = p ? p->stage_by_id(stage_id) : nullptr;
    if (!st) return false;
    const std::pair<stage_field, const std::string*> fields[] = {{stage_field::seller_actions, &s.seller_actions},
                                                                 {stage_field::content_type, &s.content_type},
                                                                 {stage_field::key_message, &s.key_message}};
    bool changed = false;
    // TRANSLATORS: an undo step; {1} is a stage name, "Apply Suggestion for Awareness"
    batch edits(h, format(_("Apply Suggestion for {1}"), one_line_excerpt(st->name, 60)));
    for (const auto& [field, text] : fields) {
        const std::string clean = clean_text(*text);
        if (!clean.empty()) changed = edits.submit(set_stage_field(persona_id, stage_id, field, clean)) || changed;
    }
    edits.push();
    return changed;
}

result<persona> persona_from_notes(const ai_client& client, std::string_view notes, const cancel_token* cancel) {
    if (!is_valid_utf8(notes)) return result<persona>::failure(_("the notes are not valid UTF-8 text"));
    if (trim(notes).empty()) return result<persona>::failure(_("there are no notes to read"));
    if (notes.size() > max_notes_bytes)
        return result<persona>::failure(format(_("the notes are {1} KB long; at most {2} KB can be read at once"),
                                               std::to_string((notes.size() + 1023) / 1024),
                                               std::to_string(max_notes_bytes / 1024)));
    return ask_for_json<persona>(client, notes_request(notes), persona_from_reply, cancel);
}

std::string add_imported_persona(history& h, persona p) {
    const document& doc = h.doc();
    p.id = doc.new_persona_id();
    // The stages are not in the document yet, so each needs the next number after the last one.
    unsigned long next = std::stoul(doc.new_stage_id().substr(std::string_view("stage-").size()));
    for (stage& s : p.stages) s.id = "stage-" + std::to_string(next++);
    // As in the interview, two personas never share a name.
    const std::string base = p.name;
    for (int n = 2; doc.find_persona_by_name(p.name) != npos; ++n)
        // TRANSLATORS: a persona name made unique, "Marketing Director (2)"
        p.name = format(_("{1} ({2})"), base, std::to_string(n));
    p.status = persona_status::in_progress;
    p.summary.reset();
    p.last_updated_at.clear();
    std::string id = p.id;
    return h.submit(insert_persona(doc.personas.size(), std::move(p))) ? id : std::string();
}

result<std::string> answer_free_question(const ai_client& client, const persona* p, std::string_view question,
                                         std::string_view open_question, const token_callback& on_token,
                                         const cancel_token* cancel) {
    if (trim(question).empty()) return result<std::string>::failure(_("there is no question to answer"));
    result<std::string> answer = client.complete(question_request(p, question, open_question), on_token, cancel);
    if (answer) *answer.value = std::string(trim(*answer.value));
    return answer;
}

}  // namespace bpm
