#include "report/run_info.hpp"

#include "report/outlook_report.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "report/html_page.hpp"
#include "report/workbook.hpp"

namespace decarbfund::report {

namespace {

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string s;
  for (const auto& p : parts) {
    s += (s.empty() ? "" : sep) + p;
  }
  return s;
}

/// Each set field as (item, value), in the order the JSON `meta` blocks use.
std::vector<std::pair<std::string, std::string>> items(const RunInfo& info) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto add = [&out](const char* item, const std::string& value) {
    if (!value.empty()) {
      out.emplace_back(item, value);
    }
  };
  add("dataset", info.dataset);
  add("dataset_version", info.dataset_version);
  add("price_year", info.price_year > 0 ? std::to_string(info.price_year) : "");
  add("scenario", info.scenario);
  add("scenario_file", info.scenario_file);
  add("scenario_chain", join(info.scenario_chain, " → "));
  add("policy_version", info.policy_version);
  add("reference_scenario", info.reference_scenario);
  add("reference_policy_version", info.reference_policy_version);
  add("reference_world_replaced_by_scenario", join(info.reference_world_replaced, ", "));
  add("seed", info.seed ? std::to_string(*info.seed) : "");
  for (const auto& kv : info.more) {
    out.push_back(kv);
  }
  add("generator", kGenerator);
  add("command", info.command);
  return out;
}

}  // namespace

std::string dataset_created_utc(const std::string& version) {
  int y = 0, m = 0;
  char tail = 0;
  if (std::sscanf(version.c_str(), "%4d.%2d%c", &y, &m, &tail) == 2 && y >= 1980 && m >= 1 && m <= 12) {
    return fmt::format("{:04}-{:02}-01T00:00:00Z", y, m);
  }
  return "";
}

RunInfo dataset_run_info(const model::Model& model) {
  RunInfo info;
  info.dataset = model.info.name;
  info.dataset_version = model.info.version;
  info.price_year = model.info.price_year;
  info.created_utc = dataset_created_utc(model.info.version);
  return info;
}

namespace {

/// The package levers' line of a report's "about": the terminal's English, or `lang`'s.
std::string levers_line(const analysis::PackageLeverSummary& levers, Lang lang) {
  const Localizer tr(lang);
  return package_levers_text(levers, lang == Lang::en ? nullptr : &tr);
}

}  // namespace

RunInfo outlook_run_info(const model::Model& model, const analysis::Outlook& o, Lang lang) {
  RunInfo info = dataset_run_info(model);
  info.scenario = o.scenario;
  info.scenario_file = o.scenario_file;
  info.policy_version = o.policy_version;
  info.reference_scenario = o.reference_scenario;
  info.reference_policy_version = o.reference_policy_version;
  info.reference_world_replaced = o.reference_world_replaced;
  info.seed = o.seed;
  if (!o.deals_dir.empty()) {
    info.more.emplace_back("deals_dir", o.deals_dir);
  }
  if (o.levers.any()) {
    info.more.emplace_back("package_levers", levers_line(o.levers, lang));
  }
  return info;
}

RunInfo montecarlo_run_info(const model::Model& model, const analysis::MonteCarloResult& r, Lang lang) {
  const auto& s = *r.setup;
  RunInfo info = dataset_run_info(model);
  info.scenario = s.scenario;
  info.scenario_file = s.scenario_file;
  info.policy_version = s.policy_version;
  info.reference_scenario = s.reference_scenario;
  info.reference_policy_version = s.reference_policy_version;
  info.reference_world_replaced = s.reference_world_replaced;
  info.seed = s.seed;
  info.more.emplace_back("draws", std::to_string(r.draws));
  if (!s.deals_dir.empty()) {
    info.more.emplace_back("deals_dir", s.deals_dir);
  }
  if (s.levers.any()) {
    info.more.emplace_back("package_levers", levers_line(s.levers, lang));
  }
  return info;
}

void set_scenario(RunInfo& info, const model::Scenario& scenario) {
  info.scenario = scenario.name;
  info.scenario_file = scenario.file;
  info.scenario_chain = scenario.chain;
  info.policy_version = scenario.levy.version;
}

std::string command_option(const char* name, const std::string& value) {
  if (value.empty()) {
    return "";
  }
  if (value.find_first_of(" '\"\\$`") == std::string::npos) {
    return fmt::format(" --{} {}", name, value);
  }
  std::string quoted = "'";
  for (char c : value) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return fmt::format(" --{} {}'", name, quoted);
}

void add_about_sheet(Workbook& workbook, const RunInfo& info, const Localizer& tr) {
  auto& about =
      workbook.add_sheet(std::string(tr("sheet.about")), {std::string(tr("col.item")), std::string(tr("col.value"))});
  for (const auto& [item, value] : items(info)) {
    about.text(std::string(tr("about." + item))).text(value);
    about.next();
  }
}

std::string run_info_html(const RunInfo& info, const Localizer& tr) {
  std::vector<std::string> parts;
  for (const auto& [item, value] : items(info)) {
    parts.push_back(html_escape(std::string(tr("about." + item))) + " " + html_escape(value));
  }
  return join(parts, " · ");
}

}  // namespace decarbfund::report
