#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        return bpm::cli::run(args, std::cin, std::cout, std::cerr);
    } catch (const std::exception& e) {
        // The interview rescues its answers before its error gets here; nothing else holds any.
        std::cerr << "bpmap-cli: internal error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "bpmap-cli: internal error\n";
    }
    return 1;
}
