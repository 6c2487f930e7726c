#include "terminal_interview.h"

#include <istream>
#include <ostream>

#include "bpm/summary.h"
#include "bpm/utf8.h"

namespace bpm::cli {

namespace {

constexpr std::size_t line_width = 78;

// Wraps each paragraph of text at spaces to line_width columns, every line starting with indent.
void print_wrapped(std::string_view text, const std::string_view base_indent, std::ostream& out) {
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    while (true) {
        std::string_view indent = base_indent;
        const std::size_t nl = text.find('\n');
        std::string_view paragraph = text.substr(0, nl);
        // A paragraph's own leading spaces indent all of its lines.
        std::string lead(indent);
        while (!paragraph.empty() && paragraph.front() == ' ') {
            lead += ' ';
            paragraph.remove_prefix(1);
        }
        indent = lead;
        std::string line(indent);
        std::size_t width = code_point_count(indent);
        bool line_has_word = false;
        while (!paragraph.empty()) {
            const std::size_t sp = paragraph.find(' ');
            const std::string_view word = paragraph.substr(0, sp);
            const std::size_t w = code_point_count(word);
            if (line_has_word && width + 1 + w > line_width) {
                out << line << '\n';
                line.assign(indent);
                width = code_point_count(indent);
                line_has_word = false;
            }
            if (line_has_word) {
                line += ' ';
                ++width;
            }
            line += word;
            width += w;
            line_has_word = line_has_word || !word.empty();
            if (sp == std::string_view::npos) break;
            paragraph.remove_prefix(sp + 1);
        }
        out << line << '\n';
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
}

}  // namespace

void print_messages(const std::vector<message>& messages, std::ostream& out) {
    for (const message& m : messages) {
        switch (m.kind) {
            case message_kind::info: print_wrapped(m.text, "", out); break;
            case message_kind::summary: print_wrapped(m.text, "    ", out); break;
            case message_kind::error: print_wrapped("! " + m.text, "", out); break;
            case message_kind::free_question:  // the face answers these; nothing to print
            case message_kind::summary_request:
            case message_kind::save_request: continue;
            case message_kind::question:
                print_wrapped(m.text, "", out);
                if (!m.hint.empty()) print_wrapped(m.hint, "  ", out);
                if (!m.choices.empty()) {
                    std::string line = "  [";
                    for (std::size_t i = 0; i < m.choices.size(); ++i)
                        line += (i ? " / " : "") + std::to_string(i + 1) + ". " + m.choices[i].label;
                    print_wrapped(line + "]", "   ", out);
                }
                break;
        }
        out << '\n';
    }
}

summary_writer template_summary_writer(const history& h, interview& conversation) {
    return [&h, &conversation](const std::string& persona_id) {
        const persona* p = h.doc().persona_by_id(persona_id);
        // A persona gone meanwhile gets no summary; the interview says so.
        return conversation.provide_summary(p ? template_summary(*p) : std::string(), summary_source::template_text);
    };
}

bool run_terminal_interview(interview& conversation, std::istream& in, std::ostream& out, bool echo,
                            const summary_writer& write_summary, const map_saver& save_map,
                            const free_question_handler& answer_question) {
    print_messages(conversation.start(), out);
    std::string line;
    while (!conversation.finished()) {
        out << "> " << std::flush;
        if (!std::getline(in, line)) {
            out << '\n';
            return false;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (echo) out << line;
        out << "\n\n";
        const std::vector<message> replies = conversation.answer(line);
        print_messages(replies, out);
        for (const message& m : replies) {
            if (m.kind == message_kind::summary_request) print_messages(write_summary(m.text), out);
            if (m.kind == message_kind::save_request) print_messages(save_map(), out);
            if (m.kind != message_kind::free_question) continue;
            if (answer_question) answer_question(m.text, out);
            print_messages(conversation.repeat_question(), out);
        }
    }
    return true;
}

}  // namespace bpm::cli
