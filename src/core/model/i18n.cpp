#include "bpm/i18n.h"

#include <utility>

namespace bpm {

namespace {

translator& current_translator() {
    static translator fn;
    return fn;
}

plural_translator& current_plural_translator() {
    static plural_translator fn;
    return fn;
}

}  // namespace

void set_translator(translator fn, plural_translator plural_fn) {
    current_translator() = std::move(fn);
    current_plural_translator() = std::move(plural_fn);
}

std::string translate_plural(const char* singular, const char* plural, unsigned long n) {
    const auto& fn = current_plural_translator();
    if (fn) return fn(singular, plural, n);
    return n == 1 ? singular : plural;
}

std::string translate(const char* msgid) {
    const auto& fn = current_translator();
    return fn ? fn(msgid) : std::string(msgid);
}

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            std::size_t j = i + 1;
            std::size_t index = 0;
            while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') {
                index = index * 10 + static_cast<std::size_t>(pattern[j] - '0');
                ++j;
            }
            if (j < pattern.size() && pattern[j] == '}' && j > i + 1 && index >= 1 && index <= args.size()) {
                out.append(*(args.begin() + (index - 1)));
                i = j;
                continue;
            }
        }
        out.push_back(pattern[i]);
    }
    return out;
}

}  // namespace bpm
