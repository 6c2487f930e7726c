#include "bpm/ai_prompts.h"

#include "bpm/utf8.h"

namespace bpm {

namespace {

// A model's context is small next to what a field may hold; beyond this a field adds nothing.
constexpr std::size_t max_prompt_field_bytes = 4000;

constexpr const char* strategist =
    "You are an expert B2B marketing and sales strategist working inside Buying Process Mapper, a tool that "
    "maps how buyer personas buy, stage by stage. Use only the facts you are given and never invent any.";

constexpr const char* json_only =
    " You answer with a single JSON object and nothing else: no Markdown, no code fences, no explanations.";

// A field's text for the persona listing: continuation lines indented under their label.
std::string field_text(std::string_view text, const char* indent) {
    const std::string t = shorten(trim(text), max_prompt_field_bytes);
    if (t.empty()) return "(not defined yet)";
    std::string out;
    for (char c : t) {
        if (c == '\r') continue;
        out += c;
        if (c == '\n') out += indent;
    }
    return out;
}

}  // namespace

std::string persona_context(const persona& p) {
    std::string out = "Persona: " + field_text(p.name, "  ") + "\n";
    if (p.pain_points.empty()) {
        out += "Pain points: (none given yet)\n";
    } else {
        out += "Pain points:\n";
        for (const pain_point& pp : p.pain_points) {
            out += "- " + field_text(pp.text, "  ");
            if (pp.category != pain_category::none) out += " (" + std::string(pain_category_key(pp.category)) + ")";
            out += "\n";
        }
    }
    if (!p.profile.empty()) {
        const std::pair<const char*, const std::string*> facts[] = {{"Role", &p.profile.role},
                                                                     {"Organisation", &p.profile.organisation},
                                                                     {"Segment", &p.profile.segment},
                                                                     {"Success metric", &p.profile.success_metric}};
        for (const auto& [label, value] : facts)
            if (!trim(*value).empty()) out += std::string(label) + ": " + field_text(*value, "  ") + "\n";
    }
    if (p.stages.empty()) return out + "Buying stages: none mapped yet\n";
    out += "Buying stages (" + std::to_string(p.stages.size()) + "), in order:\n";
    const std::pair<stage_field, const char*> fields[] = {
        {stage_field::buyer_actions, "Buyer actions"},   {stage_field::duration, "Duration"},
        {stage_field::key_influencers, "Key influencers"}, {stage_field::seller_actions, "Seller actions"},
        {stage_field::content_type, "Content type"},     {stage_field::key_message, "Key message"}};
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        const stage& s = p.stages[i];
        out += std::to_string(i + 1) + ". " + field_text(s.name, "   ") + "\n";
        for (const auto& [f, label] : fields) out += "   " + std::string(label) + ": " + field_text(s.field(f), "     ") + "\n";
    }
    return out;
}

chat_request summary_request(const persona& p) {
    chat_request r;
    r.temperature = 0.3;
    r.messages.push_back(
        {"system", std::string(strategist) +
                       " You write clear, practical summaries that teams use as the foundation of their marketing "
                       "and sales playbooks. Where a field is not defined yet, say so briefly. Write plain text "
                       "without Markdown, in the language the persona data is written in."});
    r.messages.push_back(
        {"user",
         "Write a summary of this persona's buying journey that highlights how the buyer's actions, the seller's "
         "efforts and the content line up at each stage.\n\n"
         "Start with exactly this layout, one line per stage, in the order given:\n"
         "Persona: <name> (<pain points, separated by semicolons>)\n"
         "<stage name>: Buyer Actions: <buyer actions>, Duration: <duration>, Influencers: <key influencers>, "
         "Seller Actions: <seller actions>, Content: <content type>, Key Message: <key message>\n\n"
         "Then add a blank line and at most four sentences on how well the seller actions and content fit what the "
         "buyer does at each stage, naming the most important gap to close.\n\n"
         "The persona:\n" +
             persona_context(p)});
    return r;
}

chat_request suggestion_request(const persona& p, const stage& s) {
    const std::size_t i = p.find_stage(s.id);
    chat_request r;
    r.temperature = 0.7;
    r.messages.push_back({"system", std::string(strategist) + json_only});
    r.messages.push_back(
        {"user",
         "Suggest the seller actions, the content type and the key message for the stage \"" +
             shorten(trim(s.name), 200) +
             "\" (stage " + std::to_string(i == npos ? 1 : i + 1) + " of " + std::to_string(p.stages.size()) +
             ") of this persona, so that they fit what the buyer does at that stage and address the persona's pain "
             "points. Where the stage already has seller actions, a content type or a key message, improve on "
             "them.\n\n"
             "Answer with exactly this JSON object, each value one to three sentences of plain text in the "
             "language the persona data is written in:\n"
             "{\"seller_actions\": \"...\", \"content_type\": \"...\", \"key_message\": \"...\"}\n\n"
             "The persona:\n" +
             persona_context(p)});
    return r;
}

chat_request notes_request(std::string_view notes) {
    chat_request r;
    r.temperature = 0.1;
    r.messages.push_back(
        {"system",
         std::string("You turn interview notes and call transcripts about a B2B buyer into structured data for "
                     "Buying Process Mapper. Use only what the notes say and never invent facts.") +
             json_only});
    r.messages.push_back(
        {"user",
         "Read the notes below and describe the one buyer persona they are about as a JSON object of exactly this "
         "shape:\n"
         "{\n"
         "  \"name\": \"a short name for the persona, such as Marketing Director\",\n"
         "  \"profile\": {\"role\": \"\", \"organisation\": \"\", \"segment\": \"\", \"success_metric\": \"\"},\n"
         "  \"pain_points\": [{\"text\": \"one distinct pain point\", \"category\": \"financial\"}],\n"
         "  \"stages\": [{\"name\": \"\", \"buyer_actions\": \"\", \"duration\": \"\", \"key_influencers\": \"\", "
         "\"seller_actions\": \"\", \"content_type\": \"\", \"key_message\": \"\"}]\n"
         "}\n"
         "Rules:\n"
         "- \"name\" is required; when the notes name no role, choose a short descriptive one.\n"
         "- \"category\" is one of \"financial\", \"productivity\", \"process\", \"support\", \"other\", or \"\" "
         "when unsure.\n"
         "- \"stages\" lists at most 12 stages in the order the buyer goes through them; when the notes describe "
         "no stages, use Awareness, Consideration and Decision and put under each what the notes say about it.\n"
         "- Use \"\" for anything the notes do not say. Write the values in the language of the notes.\n\n"
         "The notes:\n<<<\n" +
             std::string(trim(notes)) + "\n>>>"});
    return r;
}

chat_request question_request(const persona* p, std::string_view question, std::string_view open_question) {
    std::string system =
        "You are the assistant of Buying Process Mapper, helping a user map how a B2B buyer persona buys: its pain "
        "points and, for each buying stage, the buyer actions, duration, key influencers, seller actions, content "
        "type and key message. Answer the user's question briefly and practically, in at most three short "
        "paragraphs of plain text, in the language of the question. You cannot change the map yourself: the user "
        "does that by answering the interview or editing the grid.";
    if (p) system += "\n\nThe persona being mapped:\n" + persona_context(*p);
    if (!trim(open_question).empty())
        system += "\n\nThe interview is waiting for the answer to: " + shorten(trim(open_question), 1000);
    chat_request r;
    r.temperature = 0.5;
    r.messages.push_back({"system", std::move(system)});
    r.messages.push_back({"user", std::string(trim(question))});
    return r;
}

chat_request retry_request(chat_request request, std::string_view answer, std::string_view problem) {
    request.messages.push_back({"assistant", shorten(trim(answer), 8000)});
    request.messages.push_back({"user", "That answer could not be used: " + std::string(problem) +
                                            ". Answer again with only the JSON object, in the shape asked for."});
    return request;
}

}  // namespace bpm
