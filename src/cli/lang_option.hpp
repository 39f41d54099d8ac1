#pragma once
// `--lang nl|en` on every verb that writes an HTML or Excel report (issue 20): the language of
// those files' labels and number format. The terminal text and the JSON stay English.

#include <string>

#include "report/lang.hpp"

namespace CLI {
class App;
}

namespace decarbfund::cli {

/// Registers `--lang` (nl or en, default en) on `cmd`, stored in `lang`.
void add_lang_option(CLI::App* cmd, std::string& lang);

/// The report language of a checked `--lang` value.
report::Lang report_lang(const std::string& lang);

}  // namespace decarbfund::cli
