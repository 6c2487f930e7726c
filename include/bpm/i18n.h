#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace bpm {

/// Looks up the translation of a message id; the GUI installs one backed by wxTranslations.
using translator = std::function<std::string(const char* msgid)>;

/// Looks up the plural form of a message for a count.
using plural_translator = std::function<std::string(const char* singular, const char* plural, unsigned long n)>;

/// Installs the functions that translate core messages (English until they are set).
void set_translator(translator fn, plural_translator plural_fn = {});

/// The translation of msgid in the current language.
std::string translate(const char* msgid);

/// The translation of a message whose form depends on the count n.
std::string translate_plural(const char* singular, const char* plural, unsigned long n);

/// Replaces {1}, {2}, ... in pattern with the arguments, so translators may reorder them.
std::string format(std::string_view pattern, std::initializer_list<std::string_view> args);

/// format() for any number of string-like arguments.
template <class... Args>
std::string format(std::string_view pattern, const Args&... args) {
    return format(pattern, {std::string_view(args)...});
}

}  // namespace bpm
