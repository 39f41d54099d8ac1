#pragma once
// The languages of the HTML and Excel reports (issue 20): Dutch for the ministry's memos and
// Kamerbrieven, English for everyone else. Every label of a report comes from one string table
// per language (strings_en.cpp, strings_nl.cpp), looked up by key through a Localizer
// (localizer.hpp), which also writes numbers the way each language does (nl 1.234,5; en 1,234.5).

#include <optional>
#include <string_view>

namespace decarbfund::report {

enum class Lang { en, nl };

/// "en" or "nl" (the `--lang` values), else nullopt.
std::optional<Lang> parse_lang(std::string_view code);

/// The code of a language as HTML's `lang` attribute and `--lang` spell it.
std::string_view lang_code(Lang lang);

}  // namespace decarbfund::report
