#include "pdf_password.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <fstream>
#include <istream>
#include <optional>
#include <ostream>
#include <utility>

#include "bpm/pdf_export.h"
#include "bpm/tr.h"

namespace bpm::cli {

namespace {

// The first line of a stream, without its line end; nothing when the stream is empty. Reading
// stops past 4 KiB, far beyond the 127 bytes a password may take, so that a password file such
// as /dev/zero is refused for its length rather than read until memory runs out.
std::optional<std::string> first_line(std::istream& in) {
    constexpr std::size_t max_line_bytes = 4096;
    std::string line;
    char c = 0;
    while (line.size() <= max_line_bytes && in.get(c) && c != '\n') line.push_back(c);
    if (line.empty() && !in) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The terminal's settings before echo_off, and while it is on; for the signal handler.
termios settings_before{};
termios settings_quiet{};

// A signal that ends or stops the program while echo is off gives the terminal back first: the
// shell does not restore it, and the user would type blind. The handler runs once (SA_RESETHAND)
// and not blocked (SA_NODEFER), so raising the signal again ends the program as it would have; a
// stop (Ctrl+Z) returns when the program continues, and echo goes off again. Async-signal-safe.
extern "C" void give_terminal_back(int signal_number) {
    const int saved_errno = errno;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &settings_before);
    ::raise(signal_number);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &settings_quiet);
    struct sigaction again {};
    again.sa_handler = give_terminal_back;
    again.sa_flags = SA_RESETHAND | SA_NODEFER;
    ::sigaction(signal_number, &again, nullptr);
    errno = saved_errno;
}

// The signals after which the terminal is given back: interrupt (Ctrl+C), quit (Ctrl+\), a
// closed terminal, kill's default, and a stop from the terminal (Ctrl+Z).
constexpr int terminal_signals[] = {SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGTSTP};

// Turns the terminal's echo off for as long as it lives, and back on when a signal ends or stops
// the program meanwhile.
class echo_off {
public:
    echo_off() {
        if (::tcgetattr(STDIN_FILENO, &settings_before) != 0) return;  // not a terminal
        settings_quiet = settings_before;
        settings_quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        settings_quiet.c_lflag |= ECHONL;  // the Enter still ends the line on screen
        // The handlers first, so that no signal finds echo off without them.
        struct sigaction action {};
        action.sa_handler = give_terminal_back;
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < std::size(terminal_signals); ++i)
            ::sigaction(terminal_signals[i], &action, &previous_[i]);
        handling_ = true;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings_quiet);
    }
    ~echo_off() {
        if (!handling_) return;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings_before);
        for (std::size_t i = 0; i < std::size(terminal_signals); ++i)
            ::sigaction(terminal_signals[i], &previous_[i], nullptr);
    }
    echo_off(const echo_off&) = delete;
    echo_off& operator=(const echo_off&) = delete;

private:
    struct sigaction previous_[std::size(terminal_signals)] {};
    bool handling_ = false;
};

result<std::string> typed(std::istream& in, std::ostream& err) {
    const echo_off quiet;
    // TRANSLATORS: asked on the terminal; what is typed does not show
    err << _("Password for the PDF: ") << std::flush;
    const std::optional<std::string> first = first_line(in);
    if (!first) return result<std::string>::success({});
    // TRANSLATORS: asked on the terminal after "Password for the PDF: ", to catch a typing mistake
    err << _("The same password again: ") << std::flush;
    if (first_line(in) != first) return result<std::string>::failure(_("the two passwords typed differ"));
    return result<std::string>::success(*first);
}

}  // namespace

result<std::string> pdf_password(const std::map<std::string, std::string>& options, std::istream& in,
                                 std::ostream& err) {
    using result_type = result<std::string>;
    std::optional<std::string> password;
    if (const auto given = options.find("password"); given != options.end()) {
        if (given->second != "-") {
            password = given->second;
        } else if (::isatty(STDIN_FILENO)) {
            result_type answer = typed(in, err);
            if (!answer) return answer;
            password = std::move(answer.value);
        } else {
            password = first_line(in);
        }
    } else if (const auto file = options.find("password-file"); file != options.end()) {
        std::error_code ignored;
        if (std::filesystem::is_directory(file->second, ignored))
            return result_type::failure(format(_("the password file {1} is a folder"), file->second));
        std::ifstream stream(file->second, std::ios::binary);
        if (!stream) return result_type::failure(format(_("cannot read the password file {1}"), file->second));
        password = first_line(stream);
    } else {
        const char* variable = std::getenv(pdf_password_variable);
        if (!variable) return result_type::success({});
        // Set but empty is a mistake more often than a wish for an open PDF ("$PW" unset).
        if (!*variable)
            // TRANSLATORS: {1} is the environment variable's name, BPMAP_PDF_PASSWORD
            return result_type::failure(format(_("{1} is set but empty: give it the password, or unset it for a PDF "
                                                 "without one"),
                                               pdf_password_variable));
        password = variable;
    }
    // An empty password would leave the PDF open to anyone, which is not what was asked for.
    if (!password || password->empty()) return result_type::failure(_("the PDF password is empty"));
    // Refused before the map is read, rather than after it is laid out.
    if (result<> usable = check_pdf_password(*password); !usable) return result_type::failure_of(usable);
    return result_type::success(std::move(*password));
}

}  // namespace bpm::cli
