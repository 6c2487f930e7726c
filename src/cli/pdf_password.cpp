#include "pdf_password.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <istream>
#include <optional>
#include <ostream>
#include <utility>

#include "bpm/pdf_export.h"
#include "bpm/tr.h"

namespace bpm::cli {

namespace {

// The first line of a stream, without its line end; nothing when the stream is empty.
std::optional<std::string> first_line(std::istream& in) {
    std::string line;
    if (!std::getline(in, line) && line.empty()) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Turns the terminal's echo off for as long as it lives.
class echo_off {
public:
    echo_off() : on_(::tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (!on_) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;  // the Enter still ends the line on screen
        on_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~echo_off() {
        if (on_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    echo_off(const echo_off&) = delete;
    echo_off& operator=(const echo_off&) = delete;

private:
    termios saved_{};
    bool on_;
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
        std::ifstream stream(file->second, std::ios::binary);
        if (!stream) return result_type::failure(format(_("cannot read the password file {1}"), file->second));
        password = first_line(stream);
    } else {
        const char* variable = std::getenv(pdf_password_variable);
        if (!variable || !*variable) return result_type::success({});
        password = variable;
    }
    // An empty password would leave the PDF open to anyone, which is not what was asked for.
    if (!password || password->empty()) return result_type::failure(_("the PDF password is empty"));
    // Refused before the map is read, rather than after it is laid out.
    if (result<> usable = check_pdf_password(*password); !usable) return result_type::failure_of(usable);
    return result_type::success(std::move(*password));
}

}  // namespace bpm::cli
