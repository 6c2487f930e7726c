#include "cli_ai.h"

#include <ostream>

#include "bpm/ai_assistant.h"
#include "bpm/summary.h"
#include "bpm/tr.h"

namespace bpm::cli {

namespace {

constexpr const char* program = "bpmap-cli";

}  // namespace

std::optional<ai_settings> ai_settings_for_cli(std::ostream& err, bool send_api_key) {
    const result<ai_settings> s = ai_settings_from_environment(send_api_key);
    if (!s && send_api_key && ai_settings_from_environment(false)) {
        // Only the key stands in the way: say how to go on without it.
        // TRANSLATORS: {1} says why the key is not sent, ending "send no key if the service needs none"
        err << program << ": "
            << format(_("--ai: {1} (--no-api-key sends none); going on without the AI assistant"), s.error()) << "\n";
        return std::nullopt;
    }
    if (!s) {
        err << program << ": " << format(_("--ai: {1}; going on without the AI assistant"), s.error()) << "\n";
        return std::nullopt;
    }
    if (!s.value->configured()) {
        err << program << ": "
            << _("--ai: the AI assistant is not set up (set BPMAP_AI_URL and BPMAP_AI_MODEL); going on without it")
            << "\n";
        return std::nullopt;
    }
    return *s.value;
}

void print_ai_summaries(const ai_client& client, const std::vector<const persona*>& personas, std::ostream& out,
                        std::ostream& err, bool stream) {
    // After one failure the service is most likely down for the others too: no more waiting on it.
    bool use_ai = true;
    for (std::size_t i = 0; i < personas.size(); ++i) {
        const persona& p = *personas[i];
        if (i > 0) out << "\n";
        if (use_ai) {
            bool printed = false;
            const token_callback show = [&](std::string_view piece) {
                out << piece << std::flush;
                printed = true;
            };
            const result<std::string> written = write_ai_summary(client, p, stream ? show : token_callback());
            if (written) {
                if (!stream) out << *written.value;
                out << "\n";
                continue;
            }
            if (printed) out << "\n";
            use_ai = false;
            err << program << ": "
                << format(i + 1 < personas.size()
                              ? _("the AI could not write the summary of {1}: {2}; printing offline summaries from "
                                  "here on")
                              : _("the AI could not write the summary of {1}: {2}; printing the offline summary "
                                  "instead"),
                          p.name, written.error())
                << "\n";
        }
        out << template_summary(p);
    }
}

summary_writer ai_summary_writer(const ai_client& client, const history& h, interview& conversation) {
    return [&client, &h, &conversation,
            offline = template_summary_writer(h, conversation)](const std::string& persona_id) {
        const persona* p = h.doc().persona_by_id(persona_id);
        if (!p) return offline(persona_id);  // the interview says the map changed
        const result<std::string> written = write_ai_summary(client, *p);
        return written ? conversation.provide_summary(*written.value, summary_source::ai)
                       : conversation.summary_failed(written.error());
    };
}

free_question_handler ai_question_answerer(const ai_client& client, const history& h, const interview& conversation) {
    return [&client, &h, &conversation](const std::string& question, std::ostream& out) {
        const persona* p = h.doc().persona_by_id(conversation.persona_id());
        const std::vector<message> open = conversation.repeat_question();
        bool printed = false;
        const result<std::string> answer =
            answer_free_question(client, p, question, open.empty() ? std::string() : open.back().text,
                                 [&](std::string_view piece) {
                                     out << piece << std::flush;
                                     printed = true;
                                 });
        if (printed) out << "\n\n";
        if (!answer)
            print_messages({message{message_kind::error,
                                    format(_("The AI assistant could not answer: {1}"), answer.error()), {}, {}}},
                           out);
    };
}

}  // namespace bpm::cli
