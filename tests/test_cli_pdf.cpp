// bpmap-cli export --format pdf end to end: the file a user gets, read back with the tools a
// user has (poppler-utils, qpdf).
#define BOOST_TEST_MODULE cli_pdf
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "bpm/bpm_file.h"
#include "bpm/duration.h"
#include "bench_document.h"
#include "test_support.h"

using namespace bpm;

namespace {

// Runs of white space (line breaks included) as one space, so wrapped text compares whole.
std::string squeezed(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

// The text of a PDF in drawing order: each cell's wrapped lines stay together.
std::string pdf_text(const std::string& pdf, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = extra;
    args.insert(args.end(), {"-raw", "-enc", "UTF-8", pdf, "-"});
    const auto r = test::run_program(BPM_PDFTOTEXT, args);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    return squeezed(r.out);
}

test::run_result cli(const std::vector<std::string>& args) { return test::run_program(BPM_CLI, args); }

// bpmap-cli with args, started on a new pseudo-terminal, as a user's shell would start it.
struct on_terminal {
    pid_t pid = -1;
    int terminal = -1;  // the master side: what the program shows is read here, typing written
    std::string shown;

    explicit on_terminal(const std::vector<std::string>& args) {
        std::vector<std::string> whole = {BPM_CLI};
        whole.insert(whole.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& a : whole) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid = forkpty(&terminal, nullptr, nullptr, nullptr);
        BOOST_TEST_REQUIRE(pid >= 0);
        if (pid == 0) {
            execv(BPM_CLI, argv.data());
            _exit(127);
        }
    }
    ~on_terminal() { close(terminal); }

    // Reads what the terminal shows until it ends or shows `until`; the bound only catches a hang.
    void read_until(const std::string& until) {
        for (int i = 0; i < 600 && (until.empty() || shown.find(until) == std::string::npos); ++i) {
            pollfd p = {terminal, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char buf[512];
            const ssize_t n = read(terminal, buf, sizeof buf);
            if (n <= 0) return;
            shown.append(buf, static_cast<std::size_t>(n));
        }
    }
    void type(const std::string& keys) {
        BOOST_TEST_REQUIRE(write(terminal, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
    }
    // The exit status, once the program has ended.
    int wait() {
        int status = 0;
        BOOST_TEST_REQUIRE(waitpid(pid, &status, 0) == pid);
        return status;
    }
};

// The sample with one more persona whose name and stages are Cyrillic.
std::string sample_with_cyrillic(const test::temp_dir& dir) {
    auto doc = load_bpm(test::sample("nlyzer-b2b-personas.bpm"));
    BOOST_TEST_REQUIRE(bool(doc));
    persona p;
    p.id = doc.value->new_persona_id();
    p.name = "Директор по закупкам";
    p.pain_points = {{"Долгие согласования бюджета", pain_category::financial}};
    stage s;
    s.id = doc.value->new_stage_id();
    s.name = "Осведомлённость";
    s.buyer_actions = "Читает отраслевые обзоры";
    s.key_message = "Ёмкий отчёт за пять минут";
    p.stages.push_back(s);
    doc.value->personas.push_back(p);
    const std::string path = dir.file("map.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(*doc.value, path)));
    return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_pdf_holds_every_persona_stage_and_field_of_the_map) {
    test::temp_dir dir;
    const std::string map = sample_with_cyrillic(dir), pdf = dir.file("map.pdf");
    const auto r = cli({"export", map, "--format", "pdf", "-o", pdf});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const std::string text = pdf_text(pdf);
    const document doc = *load_bpm(map).value;
    std::size_t checked = 0;
    for (const persona& p : doc.personas) {
        BOOST_TEST(text.find(squeezed(p.name)) != std::string::npos, "persona " << p.name);
        for (const pain_point& pain : p.pain_points) BOOST_TEST(text.find(squeezed(pain.text)) != std::string::npos, pain.text);
        for (const stage& s : p.stages)
            for (stage_field f : all_stage_fields) {
                if (s.field(f).empty()) continue;
                BOOST_TEST(text.find(squeezed(s.field(f))) != std::string::npos, p.name << ": " << s.field(f));
                ++checked;
            }
    }
    BOOST_TEST(checked > 280u);
    BOOST_TEST(text.find("Maison \xC3\x89" "clat") != std::string::npos);
    BOOST_TEST(text.find("Ёмкий отчёт за пять минут") != std::string::npos);

    const auto fonts = test::run_program(BPM_PDFFONTS, {pdf});
    BOOST_TEST(fonts.out.find("DejaVuSans") != std::string::npos);
    BOOST_TEST(fonts.out.find(" no ") == std::string::npos, "every font embedded:\n" << fonts.out);
    BOOST_TEST(test::run_program(BPM_QPDF, {"--check", pdf}).exit_code == 0);
    const auto info = test::run_program(BPM_PDFINFO, {pdf});
    BOOST_TEST(info.out.find("Title:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_sample_opens_with_an_overview_of_every_persona_its_stages_and_whole_cycle) {
    test::temp_dir dir;
    const std::string map = test::sample("nlyzer-b2b-personas.bpm"), pdf = dir.file("map.pdf");
    const auto r = cli({"export", map, "--format", "pdf", "-o", pdf});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const document doc = *load_bpm(map).value;

    // The overview; per persona its cover, stage table, summary (each on one page) and the
    // journey map on a page or two, as large as 7-point labels allow; nothing else.
    const auto info = test::run_program(BPM_PDFINFO, {pdf});
    const std::size_t at = info.out.find("Pages:");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const int pages = std::atoi(info.out.c_str() + at + 6);
    const auto all = test::run_program(BPM_PDFTOTEXT, {"-raw", "-enc", "UTF-8", pdf, "-"});
    std::vector<std::string> page_texts;
    for (std::size_t from = 0, end; (end = all.out.find('\f', from)) != std::string::npos; from = end + 1)
        page_texts.push_back(squeezed(all.out.substr(from, end - from)));
    BOOST_TEST_REQUIRE(page_texts.size() == static_cast<std::size_t>(pages));
    std::size_t journeys = 0, summaries = 0, continued = 0;
    for (const std::string& text : page_texts) {
        journeys += text.rfind("Journey map:", 0) == 0;
        summaries += text.rfind("Summary:", 0) == 0;
        continued += text.find("(continued)") != std::string::npos;
    }
    BOOST_TEST(summaries == doc.personas.size());
    BOOST_TEST(continued == 0u);
    BOOST_TEST(journeys >= doc.personas.size());
    BOOST_TEST(journeys <= 2 * doc.personas.size());
    BOOST_TEST(pages == static_cast<int>(1 + 3 * doc.personas.size() + journeys));
    BOOST_TEST(pages == 40);

    // Page 1: every persona, the duration of each of its stages and its whole cycle.
    const std::string first = pdf_text(pdf, {"-f", "1", "-l", "1"});
    BOOST_TEST(first.rfind("Overview: NLyzer B2B buyer personas", 0) == 0u);
    for (const persona& p : doc.personas) {
        BOOST_TEST(first.find(p.name.substr(0, p.name.find(" \xE2\x80\x94"))) != std::string::npos, p.name);
        for (const stage& s : p.stages) BOOST_TEST(first.find(s.duration) != std::string::npos, p.name << ": " << s.duration);
        const std::string cycle = format_day_range(*total_duration(p).known);
        BOOST_TEST(first.find(cycle) != std::string::npos, p.name << ": " << cycle);
    }

    // The outline opens with the overview, then each persona.
    const auto outline = test::run_program(BPM_QPDF, {"--json", "--json-key=outlines", pdf});
    BOOST_TEST_REQUIRE(outline.exit_code == 0, outline.err);
    const auto entries = nlohmann::json::parse(outline.out).at("outlines");
    BOOST_TEST_REQUIRE(entries.size() == doc.personas.size() + 1);
    BOOST_TEST(entries[0].at("title").get<std::string>() == "Overview");
    BOOST_TEST(entries[0].at("destpageposfrom1").get<int>() == 1);
    BOOST_TEST(entries[1].at("title").get<std::string>() == doc.personas[0].name);
    BOOST_TEST(entries[1].at("destpageposfrom1").get<int>() == 2);
}

BOOST_AUTO_TEST_CASE(one_persona_gives_only_its_pages) {
    test::temp_dir dir;
    const std::string all = dir.file("all.pdf"), one = dir.file("one.pdf");
    BOOST_TEST_REQUIRE(cli({"export", test::sample("nlyzer-b2b-personas.bpm"), "--format", "pdf", "-o", all}).exit_code == 0);
    const auto r = cli({"export", test::sample("nlyzer-b2b-personas.bpm"), "--format", "pdf", "-o", one, "--persona", "sophie"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const std::string text = pdf_text(one);
    BOOST_TEST(text.find("Sophie Laurent") != std::string::npos);
    BOOST_TEST(text.find("Emma Rodriguez") == std::string::npos);
    BOOST_TEST(std::filesystem::file_size(one) < std::filesystem::file_size(all));
    // The first page is drawn, not blank: a gray render has dark pixels.
    const auto png = test::run_program(BPM_PDFTOPPM, {"-gray", "-r", "30", "-f", "1", "-l", "1", one, dir.file("page")});
    BOOST_TEST_REQUIRE(png.exit_code == 0, png.err);
    std::string pixels;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        if (entry.path().extension() == ".pgm") pixels = test::slurp(entry.path().string());
    BOOST_TEST_REQUIRE(pixels.size() > 1000u);
    std::size_t dark = 0;
    for (std::size_t i = pixels.size() / 10; i < pixels.size(); ++i) dark += static_cast<unsigned char>(pixels[i]) < 128;
    BOOST_TEST(dark > 200u);
}

BOOST_AUTO_TEST_CASE(comments_end_the_pdf_with_the_open_comments) {
    test::temp_dir dir;
    const std::string map = dir.file("commented.bpm"), with = dir.file("with.pdf"), without = dir.file("without.pdf");
    BOOST_TEST_REQUIRE(bool(save_bpm(test::commented_document(), map)));
    const auto r = cli({"export", map, "--format", "pdf", "-o", with, "--comments"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    const std::string text = pdf_text(with);
    BOOST_TEST(text.find("Open comments") != std::string::npos, text);
    BOOST_TEST(text.find("Is 2 weeks realistic?") != std::string::npos);
    BOOST_TEST(text.find("Split this stage in two?") != std::string::npos);
    BOOST_TEST(text.find("Closer to 4 in enterprise.") != std::string::npos);
    BOOST_TEST_REQUIRE(cli({"export", map, "--format", "pdf", "-o", without}).exit_code == 0);
    BOOST_TEST(pdf_text(without).find("Open comments") == std::string::npos);
    const auto wrong = cli({"export", map, "--format", "csv", "-o", dir.file("x.csv"), "--comments"});
    BOOST_TEST(wrong.exit_code == 2);
    BOOST_TEST(wrong.err.find("--comments is for --format pdf") != std::string::npos, wrong.err);
}

// The whole map protected with AES-256 as PDF 2.0 defines it: unreadable without the password,
// whole with it, and printable at full resolution and readable by screen readers once opened.
BOOST_AUTO_TEST_CASE(a_password_protects_the_pdf_with_aes_256) {
    test::temp_dir dir;
    const std::string map = test::sample("nlyzer-b2b-personas.bpm"), pdf = dir.file("secret.pdf");
    test::spit(dir.file("password.txt"), "s3cret Passwört\n");
    const auto r = cli({"export", map, "--format", "pdf", "--password-file", dir.file("password.txt"), "-o", pdf});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.find("s3cret") == std::string::npos, r.err);

    const auto encryption = test::run_program(BPM_QPDF, {"--show-encryption", "--password=s3cret Passwört", pdf});
    BOOST_TEST_REQUIRE(encryption.exit_code == 0, encryption.err);
    for (const char* line : {"R = 6\n", "extract for accessibility: allowed\n", "extract for any purpose: allowed\n",
                             "print high resolution: allowed\n", "modify anything: not allowed\n",
                             "file encryption method: AESv3\n"})
        BOOST_TEST(encryption.out.find(line) != std::string::npos, "no \"" << line << "\" in\n" << encryption.out);

    BOOST_TEST(test::run_program(BPM_PDFTOTEXT, {pdf, "-"}).exit_code != 0);
    BOOST_TEST(test::run_program(BPM_PDFTOTEXT, {"-upw", "s3cret passwört", pdf, "-"}).exit_code != 0);
    const std::string text = pdf_text(pdf, {"-upw", "s3cret Passwört"});
    const document doc = *load_bpm(map).value;
    for (const persona& p : doc.personas)
        BOOST_TEST(text.find(squeezed(p.name)) != std::string::npos, p.name);

    const auto check = test::run_program(BPM_QPDF, {"--check", "--password=s3cret Passwört", pdf});
    BOOST_TEST(check.exit_code == 0, check.out << check.err);
    BOOST_TEST(check.out.find("No syntax or stream encoding errors found") != std::string::npos, check.out);
    BOOST_TEST(check.err.empty(), check.err);
    BOOST_TEST(test::run_program(BPM_QPDF, {"--requires-password", pdf}).exit_code == 0);
    BOOST_TEST(test::slurp(pdf).find("s3cret") == std::string::npos);
}

// libqpdf and the libraries it brings are loaded only by an export with a password, so that no
// other run pays for them (render/pdf_protection.h); glibc's loader tells which files it opens.
BOOST_AUTO_TEST_CASE(only_an_export_with_a_password_loads_libqpdf_and_none_loads_cairo) {
    test::temp_dir dir;
    const std::string map = test::sample("small-business-owner.bpm");
    test::spit(dir.file("password.txt"), "open sesame\n");
    setenv("LD_DEBUG", "files", 1);
    const auto plain = cli({"export", map, "--format", "pdf", "-o", dir.file("plain.pdf")});
    const auto protected_ =
        cli({"export", map, "--format", "pdf", "--password-file", dir.file("password.txt"), "-o", dir.file("p.pdf")});
    unsetenv("LD_DEBUG");
    BOOST_TEST_REQUIRE(plain.exit_code == 0, plain.err);
    BOOST_TEST_REQUIRE(protected_.exit_code == 0, protected_.err);
    BOOST_TEST(plain.err.find("libqpdf") == std::string::npos);
    BOOST_TEST(plain.err.find("libbpm_pdf_protection") == std::string::npos);
    // Nor cairo, which only pictures need (raster/cairo_library.h).
    BOOST_TEST(plain.err.find("libcairo") == std::string::npos);
    BOOST_TEST(protected_.err.find("libbpm_pdf_protection") != std::string::npos);
    BOOST_TEST(protected_.err.find("libqpdf") != std::string::npos);
}

// A password PDF cannot store as typed is refused before anything is written, saying why and
// never echoing the password.
BOOST_AUTO_TEST_CASE(a_password_pdf_cannot_encode_is_refused_and_no_file_is_written) {
    test::temp_dir dir;
    const std::string map = test::sample("small-business-owner.bpm"), pdf = dir.file("x.pdf");
    const std::pair<std::string, std::string> cases[] = {
        {"Tab\tSecret", "character 4 of the password is a control character"},
        {std::string(128, 'k'), "the password takes 128 bytes as UTF-8, and a PDF password holds at most 127"},
        {"Caf\xC3\xA9\xC2\xA0Secret", "character 5 of the password would be read differently"},
    };
    for (const auto& [password, problem] : cases) {
        test::spit(dir.file("password.txt"), password + "\n");
        const auto r = cli({"export", map, "--format", "pdf", "--password-file", dir.file("password.txt"), "-o", pdf});
        BOOST_TEST(r.exit_code == 1);
        BOOST_TEST(r.err.find("bpmap-cli: " + problem) == 0, r.err);
        BOOST_TEST(r.err.find("Secret") == std::string::npos, r.err);
        BOOST_TEST(r.err.find("kkkk") == std::string::npos, r.err);
        BOOST_TEST(r.out.empty());
        BOOST_TEST(!std::filesystem::exists(pdf));
    }
    setenv("BPMAP_PDF_PASSWORD", "lock\xF0\x9F\x94\x90", 1);
    const auto from_env = cli({"export", map, "--format", "pdf", "-o", pdf});
    unsetenv("BPMAP_PDF_PASSWORD");
    BOOST_TEST(from_env.exit_code == 1);
    BOOST_TEST(from_env.err.find("character 5 of the password is newer than Unicode 3.2") != std::string::npos, from_env.err);
    BOOST_TEST(!std::filesystem::exists(pdf));
}

BOOST_AUTO_TEST_CASE(a_failed_export_says_why_and_leaves_no_file) {
    test::temp_dir dir;
    const std::string missing = dir.file("no-such-folder/map.pdf");
    const auto r = cli({"export", test::sample("small-business-owner.bpm"), "--format", "pdf", "-o", missing});
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.find(missing) != std::string::npos, r.err);
    BOOST_TEST(!std::filesystem::exists(missing));
    BOOST_TEST(cli({"export", test::sample("small-business-owner.bpm"), "--format", "pdf", "-o", "-"}).exit_code == 2);
    BOOST_TEST(cli({"export", test::sample("small-business-owner.bpm"), "--format", "md", "-o", "-", "--password", "x"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(an_interrupted_export_leaves_no_file_and_exits_as_the_signal) {
    test::temp_dir dir;
    const std::string map = dir.file("big.bpm");
    BOOST_TEST_REQUIRE(bool(save_bpm(test::bench_document(300, 12), map)));
    const std::filesystem::path out_dir = dir.path() / "out";
    std::filesystem::create_directory(out_dir);
    const std::string out = (out_dir / "map.pdf").string();

    const std::vector<std::string> args = {BPM_CLI, "export", map, "--format", "pdf", "-o", out};
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    BOOST_TEST_REQUIRE(posix_spawn(&pid, BPM_CLI, nullptr, nullptr, argv.data(), environ) == 0);
    // The export has begun once its temporary file is beside the target (a bound that only
    // catches a hang).
    bool begun = false;
    for (int i = 0; i < 6000 && !begun; ++i) {
        begun = !std::filesystem::is_empty(out_dir);
        if (!begun) usleep(10000);
    }
    BOOST_TEST_REQUIRE(begun);
    kill(pid, SIGINT);
    int status = 0;
    BOOST_TEST_REQUIRE(waitpid(pid, &status, 0) == pid);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 128 + SIGINT);
    BOOST_TEST(std::filesystem::is_empty(out_dir));
}

BOOST_AUTO_TEST_CASE(a_password_from_a_file_standard_input_or_the_environment_stays_off_the_command_line) {
    test::temp_dir dir;
    test::spit(dir.file("password.txt"), "from-a-file\r\nsecond line\n");
    const std::string map = test::sample("small-business-owner.bpm");
    const auto from_file = cli({"export", map, "--format", "pdf", "-o", dir.file("a.pdf"), "--password-file",
                                dir.file("password.txt")});
    BOOST_TEST_REQUIRE(from_file.exit_code == 0, from_file.err);
    BOOST_TEST(pdf_text(dir.file("a.pdf"), {"-upw", "from-a-file"}).find("Small Business Owner") != std::string::npos);

    const auto from_stdin = test::run_program(
        BPM_CLI, {"export", map, "--format", "pdf", "-o", dir.file("b.pdf"), "--password", "-"}, "piped-in\n");
    BOOST_TEST_REQUIRE(from_stdin.exit_code == 0, from_stdin.err);
    BOOST_TEST(pdf_text(dir.file("b.pdf"), {"-upw", "piped-in"}).find("Small Business Owner") != std::string::npos);

    setenv("BPMAP_PDF_PASSWORD", "from-the-environment", 1);
    const auto from_env = cli({"export", map, "--format", "pdf", "-o", dir.file("c.pdf")});
    const auto flag_first = cli({"export", map, "--format", "pdf", "-o", dir.file("d.pdf"), "--password", "flag"});
    unsetenv("BPMAP_PDF_PASSWORD");
    BOOST_TEST_REQUIRE(from_env.exit_code == 0, from_env.err);
    BOOST_TEST(pdf_text(dir.file("c.pdf"), {"-upw", "from-the-environment"}).find("Small Business Owner") !=
               std::string::npos);
    BOOST_TEST_REQUIRE(flag_first.exit_code == 0, flag_first.err);
    BOOST_TEST(test::run_program(BPM_PDFTOTEXT, {"-upw", "flag", dir.file("d.pdf"), "-"}).exit_code == 0);

    const auto help = cli({"--help"});
    BOOST_TEST(help.out.find("can be read by every user of this computer") != std::string::npos, help.out);
}

BOOST_AUTO_TEST_CASE(a_missing_or_empty_password_is_refused_and_leaves_no_file) {
    test::temp_dir dir;
    const std::string map = test::sample("small-business-owner.bpm");
    const std::string pdf = dir.file("x.pdf");
    test::spit(dir.file("empty.txt"), "\n");
    const auto empty = cli({"export", map, "--format", "pdf", "-o", pdf, "--password-file", dir.file("empty.txt")});
    BOOST_TEST(empty.exit_code == 1);
    BOOST_TEST(empty.err == "bpmap-cli: the PDF password is empty\n");
    const auto missing = cli({"export", map, "--format", "pdf", "-o", pdf, "--password-file", dir.file("none.txt")});
    BOOST_TEST(missing.exit_code == 1);
    BOOST_TEST(missing.err.find("cannot read the password file " + dir.file("none.txt")) != std::string::npos,
               missing.err);
    const auto no_input = test::run_program(BPM_CLI, {"export", map, "--format", "pdf", "-o", pdf, "--password", "-"});
    BOOST_TEST(no_input.exit_code == 1);
    BOOST_TEST(!std::filesystem::exists(pdf));
    BOOST_TEST(cli({"export", map, "--format", "pdf", "-o", pdf, "--password", "a", "--password-file", "f"}).exit_code ==
               2);
    BOOST_TEST(cli({"export", map, "--format", "md", "-o", "-", "--password-file", "f"}).exit_code == 2);

    // Found by fault injection: /dev/zero was read until the kernel killed bpmap-cli, a folder
    // read as an empty password, and an empty variable silently gave an open PDF.
    const auto endless = cli({"export", map, "--format", "pdf", "-o", pdf, "--password-file", "/dev/zero"});
    BOOST_TEST(endless.exit_code == 1);
    BOOST_TEST(endless.err.find("character 1 of the password is a control character") != std::string::npos,
               endless.err);
    test::spit(dir.file("long.txt"), std::string(1 << 20, 'x'));
    const auto long_line = cli({"export", map, "--format", "pdf", "-o", pdf, "--password-file", dir.file("long.txt")});
    BOOST_TEST(long_line.exit_code == 1);
    BOOST_TEST(long_line.err.find("a PDF password holds at most 127") != std::string::npos, long_line.err);
    const auto folder = cli({"export", map, "--format", "pdf", "-o", pdf, "--password-file", dir.path().string()});
    BOOST_TEST(folder.exit_code == 1);
    BOOST_TEST(folder.err == "bpmap-cli: the password file " + dir.path().string() + " is a folder\n");
    setenv("BPMAP_PDF_PASSWORD", "", 1);
    const auto empty_variable = cli({"export", map, "--format", "pdf", "-o", pdf});
    unsetenv("BPMAP_PDF_PASSWORD");
    BOOST_TEST(empty_variable.exit_code == 1);
    BOOST_TEST(empty_variable.err == "bpmap-cli: BPMAP_PDF_PASSWORD is set but empty: give it the password, or unset "
                                     "it for a PDF without one\n");
    BOOST_TEST(!std::filesystem::exists(pdf));
}

BOOST_AUTO_TEST_CASE(on_a_terminal_the_password_is_asked_twice_without_echo) {
    test::temp_dir dir;
    const std::string pdf = dir.file("typed.pdf");
    on_terminal run({"export", test::sample("small-business-owner.bpm"), "--format", "pdf", "-o", pdf, "--password",
                     "-"});
    run.read_until("Password for the PDF: ");
    run.type("typed-pw\n");
    run.read_until("The same password again: ");
    run.type("typed-pw\n");
    run.read_until("");
    const int status = run.wait();
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0, run.shown);
    BOOST_TEST(run.shown.find("The same password again: ") != std::string::npos, run.shown);
    BOOST_TEST(run.shown.find("typed-pw") == std::string::npos, run.shown);
    BOOST_TEST(pdf_text(pdf, {"-upw", "typed-pw"}).find("Small Business Owner") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ctrl_c_or_a_kill_at_the_password_prompt_gives_the_terminal_its_echo_back) {
    // The prompt turns echo off; a signal that ended or stopped bpmap-cli there left it off, so
    // the shell showed nothing the user typed afterwards.
    // Whether the terminal echoes, as its slave side says.
    const auto echoes = [](int slave) {
        termios t{};
        BOOST_TEST_REQUIRE(tcgetattr(slave, &t) == 0);
        return (t.c_lflag & ECHO) != 0;
    };
    // (Ctrl+Z cannot be tried here: bpmap-cli leads its own session, whose process group is
    // orphaned, and the kernel stops no such group for a terminal's stop signals.)
    for (const std::string how : {"Ctrl+C", "SIGTERM"}) {
        BOOST_TEST_CONTEXT(how) {
            on_terminal run({"export", test::sample("small-business-owner.bpm"), "--format", "pdf", "-o", "never.pdf",
                             "--password", "-"});
            const int slave = open(ptsname(run.terminal), O_RDWR | O_NOCTTY);
            BOOST_TEST_REQUIRE(slave >= 0);
            run.read_until("Password for the PDF: ");
            BOOST_TEST_REQUIRE(run.shown.find("Password for the PDF: ") != std::string::npos, run.shown);
            BOOST_TEST(!echoes(slave));
            if (how == "SIGTERM") BOOST_TEST_REQUIRE(kill(run.pid, SIGTERM) == 0);
            else run.type("\x03");
            const int status = run.wait();
            BOOST_TEST(WIFSIGNALED(status), "ended by the signal, as it would have been");
            BOOST_TEST(WTERMSIG(status) == (how == "SIGTERM" ? SIGTERM : SIGINT));
            BOOST_TEST(echoes(slave), "the terminal echoes again");
            close(slave);
        }
    }
}
