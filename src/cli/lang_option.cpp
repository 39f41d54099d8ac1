#include "cli/lang_option.hpp"

#include <CLI/CLI.hpp>

namespace decarbfund::cli {

void add_lang_option(CLI::App* cmd, std::string& lang) {
  cmd->add_option("--lang", lang, "language of the HTML and Excel reports: nl or en")
      ->capture_default_str()
      ->check(CLI::IsMember({"nl", "en"}));
}

report::Lang report_lang(const std::string& lang) { return report::parse_lang(lang).value_or(report::Lang::en); }

}  // namespace decarbfund::cli
