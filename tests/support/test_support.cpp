#include "test_support.h"

#include "bpm/summary.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

extern char** environ;

namespace bpm::test {

namespace fs = std::filesystem;

temp_dir::temp_dir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        path_ = fs::temp_directory_path() / ("bpm-test-" + std::to_string(rd()));
        if (fs::create_directory(path_)) return;
    }
    throw std::runtime_error("cannot create a temporary folder");
}

temp_dir::~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string sample(const std::string& name) { return std::string(BPM_SOURCE_DIR) + "/resources/samples/" + name; }

std::string data(const std::string& name) { return std::string(BPM_TEST_DATA_DIR) + "/" + name; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

run_result run_program(const std::string& program, const std::vector<std::string>& args,
                       const std::string& stdin_text) {
    temp_dir io;
    const std::string in_path = io.file("stdin"), out_path = io.file("stdout"), err_path = io.file("stderr");
    spit(in_path, stdin_text);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    run_result r;
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        r.err = "cannot start " + program;
        return r;
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    r.exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

document rich_document() {
    document d;
    d.metadata = {"Q3 go-to-market <draft> & notes", "Ana Müller", "2026-11-01T08:00:00Z", "2026-11-02T17:30:05Z"};

    persona a;
    a.id = "persona-1";
    a.name = "Marketing Director";
    a.pain_points = {{"Too expensive", pain_category::financial},
                     {"Wastes time on reports", pain_category::productivity},
                     {"Workflow is too complex; too many tools", pain_category::process},
                     {"No one answers tickets", pain_category::support},
                     {"Board pressure", pain_category::other},
                     {"Uncategorised point", pain_category::none}};
    a.profile = {"VP Marketing", "Maison Éclat", "Luxury", "VIP client satisfaction"};
    stage s1;
    s1.id = "stage-1";
    s1.name = "Awareness";
    s1.buyer_actions = "Researches problems\non LinkedIn & in \"analyst\" reports <2024>";
    s1.duration = "1-2 weeks";
    s1.key_influencers = "  Peers, analysts  ";
    s1.seller_actions = "Publish 'thought leadership'";
    s1.content_type = "Blog post, whitepaper";
    s1.key_message = "Вы теряете время — we save it. 時間を節約";
    s1.journey = {{"Researches problems", 2, {"Peers", "Analysts & co"}}};
    stage s2;
    s2.id = "stage-2";
    s2.name = "Decision";
    s2.duration = "3–6 months";
    a.stages = {s1, s2};
    a.summary = persona_summary{"Persona: Marketing Director\nAwareness: …", summary_source::ai, "2026-11-02T17:00:00Z"};
    a.status = persona_status::completed;
    a.last_updated_at = "2026-11-02T17:30:05.250+02:00";
    a.created_by = "Ana Müller";
    d.personas.push_back(a);

    persona b;
    b.id = "p.two_2";
    b.name = "   ";
    b.status = persona_status::in_progress;
    d.personas.push_back(b);
    return d;
}

document commented_document() {
    document d = rich_document();
    comment duration;
    duration.id = "comment-0a1b2c3d4e5f";
    duration.persona_id = "persona-1";
    duration.stage_id = "stage-1";
    duration.field = "duration";
    duration.author = "Ana Müller";
    duration.created_at = "2026-11-20T09:15:00Z";
    duration.text = "Is 2 weeks realistic?";
    duration.replies = {{"comment-111111111111", "Ben", "2026-11-20T10:00:00Z", "Closer to 4 in enterprise."},
                        {"comment-222222222222", "", "", "Agreed — 3-5 weeks."}};
    comment stage;
    stage.id = "comment-333333333333";
    stage.persona_id = "persona-1";
    stage.stage_id = "stage-2";
    stage.author = "李华";
    stage.created_at = "2026-11-21T08:00:00+08:00";
    stage.text = "Split this stage in two?";
    comment role;
    role.id = "comment-444444444444";
    role.persona_id = "persona-1";
    role.field = "role";
    role.author = "Ben";
    role.text = "Title <b> & \"role\"\r\nsecond line";
    role.resolved = true;
    comment other;
    other.id = "comment-555555555555";
    other.persona_id = "p.two_2";
    other.text = "Who is this?";
    d.comments = {duration, stage, role, other};
    return d;
}

document document_with_old_summaries() {
    document d = rich_document();
    d.personas[0].last_updated_at = "2026-11-12T14:20:00Z";
    persona& other = d.personas[1];
    other.name = "Finance Lead";
    other.stages = d.personas[0].stages;
    other.summary = persona_summary{template_summary(other), summary_source::template_text, "2026-11-02T17:00:00Z"};
    other.stages[0].duration = "9 weeks";
    return d;
}

merge_conflict field_conflict(std::string persona_id, std::string stage_id, std::string field, std::string base,
                              std::string ours, std::string theirs) {
    merge_conflict c;
    c.persona_id = std::move(persona_id);
    c.stage_id = std::move(stage_id);
    c.field = std::move(field);
    c.base = std::move(base);
    c.ours = std::move(ours);
    c.theirs = std::move(theirs);
    return c;
}

merge_conflict removal(std::string persona_id, std::string stage_id, conflict_side by) {
    merge_conflict c;
    c.persona_id = std::move(persona_id);
    c.stage_id = std::move(stage_id);
    c.removed_by = by;
    return c;
}

}  // namespace bpm::test
