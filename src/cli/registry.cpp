// `decarbfund registry …`: the agreements registry (issue 4 §5, docs/deals.md "Monitoring a signed
// deal"). Each verb parses its arguments, loads deal files where needed and calls
// registry::Registry; every change is one transaction there. Bad input changes nothing (exit 2).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/lang_option.hpp"
#include "cli/report_outputs.hpp"
#include "cli/verbs.hpp"
#include "core/atomic_file.hpp"
#include "data/load_deal.hpp"
#include "registry/registry.hpp"
#include "report/registry_html.hpp"
#include "report/registry_report.hpp"
#include "report/xlsx_registry.hpp"

namespace decarbfund::cli {

namespace {

struct RegistryArgs : ReportArgs {
  std::string db;
  std::vector<std::string> files;
  std::string deal;
  std::string phase;
  std::string milestone;
  std::string what;  ///< a co-benefit's name (registry cobenefit)
  std::string obligation;       ///< a state obligation's id (registry obligation)
  std::string obligation_status;
  std::string expected;
  std::string date;
  std::string actor;
  std::string reason;
  std::string note;
  double progress = -1;
  double emissions = -1;
  std::optional<double> profit;
  double amount = 0;
  int year = 0;
  bool replace = false;
  bool performance = false;
  bool verify = false;
  bool head = false;
  std::string expect_head;
  std::string key_file;
};

}  // namespace

void add_registry(CLI::App& app, int& status) {
  auto* reg = app.add_subcommand("registry", "The agreements registry: deals, phases, monitoring, payments, audit");
  reg->require_subcommand(1);
  auto a = std::make_shared<RegistryArgs>();
  // Every verb takes the registry file and the audit key (needed to write and to verify a keyed
  // registry; $DECARBFUND_AUDIT_KEY_FILE when not given).
  auto db = [a](CLI::App* c) {
    c->add_option("db", a->db, "registry file (SQLite)")->required();
    c->add_option("--key-file", a->key_file,
                  fmt::format("audit key file (default: ${}; none: an unkeyed registry)", registry::kAuditKeyEnv));
  };
  const auto open = [a] { return registry::Registry(a->db, registry::AuditKey::resolve(a->key_file)); };
  auto actor = [a](CLI::App* c) { c->add_option("--actor", a->actor, "who makes the change")->required(); };

  auto* init = reg->add_subcommand("init", "Create a new registry file");
  db(init);
  init->callback([a, &status] {
    const auto key = registry::AuditKey::resolve(a->key_file);
    registry::Registry::init(a->db, key);
    fmt::print("created registry {} ({})\n", a->db,
               key.keyed() ? fmt::format("audit log keyed with {}, key id {}", key.source(), key.id())
                           : fmt::format("audit log without a key: give --key-file or set {} so that the chain "
                                         "cannot be recomputed by whoever can edit the file",
                                         registry::kAuditKeyEnv));
    status = kExitOk;
  });

  auto* keygen = reg->add_subcommand("keygen", "Create an audit key file (64 random hex digits, owner-only)");
  keygen->add_option("file", a->db, "key file to create (keep it outside the registry's directory and backups)")
      ->required();
  keygen->callback([a, &status] {
    registry::write_new_audit_key(a->db);
    fmt::print("wrote audit key {} (key id {})\n", a->db, registry::AuditKey::from_file(a->db).id());
    status = kExitOk;
  });

  auto* import = reg->add_subcommand("import", "Import deal files (all or none)");
  db(import);
  import->add_option("files", a->files,
                     "deal files (YAML, docs/deals.md), or a deal directory as shipped (its *.yaml but phases.yaml)")
      ->required();
  actor(import);
  import->callback([a, open, &status] {
    core::Diagnostics diags;
    std::vector<model::Deal> deals;
    std::vector<std::string> texts;
    // A directory stands for its deal files (data/nl/deals as it ships: phases.yaml is the phase
    // table, not a deal); a phase table named on its own is refused by name.
    std::vector<std::string> files;
    for (const auto& f : a->files) {
      std::error_code ec;
      if (std::filesystem::is_directory(f, ec)) {
        const auto in_dir = data::deal_files_in(f);
        if (in_dir.empty()) {
          diags.error(f, 0, "", "a directory with deal files (*.yaml other than phases.yaml)", "none",
                      "deal.dir");
        }
        for (const auto& p : in_dir) {
          files.push_back(p.string());
        }
      } else if (std::filesystem::path(f).filename() == data::kPhasesFile) {
        diags.error(f, 0, "", "a deal file", "the phase table (phases.yaml is not a deal; give the directory)",
                    "deal.not_a_deal");
      } else {
        files.push_back(f);
      }
    }
    for (const auto& f : files) {
      if (auto d = data::load_deal(f, diags)) {
        deals.push_back(std::move(*d));
        texts.push_back(core::read_file(f));
      }
    }
    if (diags.has_errors()) {
      throw core::Error(diags);  // nothing imported
    }
    auto r = open();
    r.import_deals(deals, texts, a->actor);
    fmt::print("imported {} deal(s) into {}\n", deals.size(), a->db);
    status = kExitOk;
  });

  auto* phase = reg->add_subcommand("phase", "Move a deal to another phase (allowed transitions only)");
  db(phase);
  phase->add_option("deal", a->deal, "deal id")->required();
  phase->add_option("phase", a->phase, "new phase")->required();
  phase->add_option("--date", a->date, "date of the change, YYYY-MM-DD")->required();
  phase->add_option("--reason", a->reason, "why (e.g. the signed document)")->required();
  actor(phase);
  phase->callback([a, open, &status] {
    const auto to = model::parse_phase(a->phase);
    if (!to) {
      core::Diagnostic d;
      d.code = "registry.invalid";
      d.key_path = "phase";
      d.expected = "one of exploration, eop, early_support, jloi, binding, implementation, paused, stopped";
      d.found = core::quote_found(a->phase);
      throw core::Error(d);
    }
    auto r = open();
    r.move_phase(a->deal, *to, a->date, a->actor, a->reason);
    fmt::print("{}: now {}\n", a->deal, a->phase);
    status = kExitOk;
  });

  auto* milestone = reg->add_subcommand("milestone", "Record progress on a deal's milestone");
  db(milestone);
  milestone->add_option("deal", a->deal, "deal id")->required();
  milestone->add_option("milestone", a->milestone, "milestone id (from the deal file)")->required();
  milestone->add_option("--date", a->date, "date, YYYY-MM-DD")->required();
  milestone->add_option("--progress", a->progress, "progress in % (100 = reached)")->required();
  milestone->add_option("--note", a->note, "what was seen");
  actor(milestone);
  milestone->callback([a, open, &status] {
    auto r = open();
    r.record_milestone(a->deal, a->milestone, a->date, a->progress, a->actor, a->note);
    fmt::print("{}: milestone {} at {:.0f} %\n", a->deal, a->milestone, a->progress);
    status = kExitOk;
  });

  auto* monitor = reg->add_subcommand("monitor", "Record a year's verified emissions (and profit)");
  db(monitor);
  monitor->add_option("deal", a->deal, "deal id")->required();
  monitor->add_option("year", a->year, "monitoring year")->required();
  monitor->add_option("--emissions", a->emissions, "verified emissions of the deal's sites, t CO2-eq")->required();
  monitor->add_option("--profit", a->profit, "realised profit of the business case, EUR (profit-share claw-back)");
  monitor->add_flag("--replace", a->replace, "correct a year already recorded");
  actor(monitor);
  monitor->callback([a, open, &status] {
    auto r = open();
    r.record_monitoring(a->deal, a->year, a->emissions, a->profit, a->actor, a->replace);
    const auto s = r.status(a->deal, a->year);
    fmt::print("{} {}: realised {:.0f} t of {:.0f} committed — {}\n", a->deal, a->year, s.realised_t, s.committed_t,
               registry::status_name(s.status));
    status = kExitOk;
  });

  auto* pay = reg->add_subcommand("pay", "Record a payment made to a deal");
  db(pay);
  pay->add_option("deal", a->deal, "deal id")->required();
  pay->add_option("--date", a->date, "payment date, YYYY-MM-DD")->required();
  pay->add_option("--amount", a->amount, "amount in EUR")->required();
  pay->add_flag("--performance", a->performance, "the payment is the performance-linked share");
  actor(pay);
  pay->callback([a, open, &status] {
    auto r = open();
    r.record_payment(a->deal, a->date, a->amount, a->performance, a->actor);
    fmt::print("{}: paid {:.2f} EUR on {}\n", a->deal, a->amount, a->date);
    status = kExitOk;
  });

  auto* cob = reg->add_subcommand("cobenefit", "Record a co-benefit's monitored value (NOx in t/yr …) in a year");
  db(cob);
  cob->add_option("deal", a->deal, "deal id")->required();
  cob->add_option("what", a->what, "the co-benefit as the deal file names it (NOx, NH3, natural gas …)")->required();
  cob->add_option("year", a->year, "year the value is for")->required();
  cob->add_option("--value", a->amount, "monitored value in the co-benefit's unit (the deal file's `unit`)")->required();
  actor(cob);
  cob->callback([a, open, &status] {
    auto r = open();
    r.record_co_benefit(a->deal, a->what, a->year, a->amount, a->actor);
    fmt::print("{}: {} in {} recorded\n", a->deal, a->what, a->year);
    status = kExitOk;
  });

  auto* obl = reg->add_subcommand("obligation",
                                  "Record the status of one of the state's obligations (late, met, open, cancelled)");
  db(obl);
  obl->add_option("deal", a->deal, "deal id")->required();
  obl->add_option("obligation", a->obligation, "the obligation's id in the deal file (government_commitments.obligations)")
      ->required();
  obl->add_option("--status", a->obligation_status, "late, met, open or cancelled")
      ->required()
      ->check(CLI::IsMember({"open", "met", "late", "cancelled"}));
  obl->add_option("--date", a->date, "date of the report (met: the day it was met), YYYY-MM-DD")->required();
  obl->add_option("--expected", a->expected, "late: the date it is now expected, YYYY-MM-DD");
  obl->add_option("--note", a->note, "what happened (free text)");
  actor(obl);
  obl->callback([a, open, &status] {
    auto r = open();
    const auto s = [&] {
      for (std::size_t i = 0; i < model::kObligationStatusNames.size(); ++i) {
        if (model::kObligationStatusNames[i] == a->obligation_status) {
          return static_cast<model::ObligationStatus>(i);
        }
      }
      return model::ObligationStatus::open;
    }();
    r.record_obligation(a->deal, a->obligation, s, a->date, a->expected, a->actor, a->note);
    fmt::print("{}: obligation {} {} on {}{}\n", a->deal, a->obligation, a->obligation_status, a->date,
               a->expected.empty() ? std::string() : ", expected " + a->expected);
    status = kExitOk;
  });

  auto* prod = reg->add_subcommand("production",
                                   "Record the production index of a deal's sites in a year (1 = the baseline's)");
  db(prod);
  prod->add_option("deal", a->deal, "deal id")->required();
  prod->add_option("year", a->year, "year the index is for")->required();
  prod->add_option("--index", a->amount, "production relative to the baseline year's (0.8: a fifth less)")->required();
  actor(prod);
  prod->callback([a, open, &status] {
    auto r = open();
    r.record_production(a->deal, a->year, a->amount, a->actor);
    fmt::print("{}: production index {} in {} recorded\n", a->deal, a->amount, a->year);
    status = kExitOk;
  });

  auto* st = reg->add_subcommand("status", "Status of one deal or all (on_track, at_risk, breached)");
  db(st);
  st->add_option("deal", a->deal, "deal id (default: all)");
  st->add_option("--year", a->year, "year judged (default: each deal's latest monitored year)");
  add_json_csv_options(st, *a);
  auto status_cb = [a, open, &status] {
    auto r = open();
    const auto rows = a->deal.empty() ? r.portfolio(a->year) : std::vector<registry::DealStatus>{r.status(a->deal, a->year)};
    const auto written = write_reports(*a, a->wants_json() ? report::registry_status_json(rows) : "");
    if (!a->json_to_stdout()) {
      fmt::print("{}", report::registry_status_text(rows));
    }
    print_written(written, true, a->json_to_stdout());
    status = kExitOk;
  };
  st->callback(status_cb);

  auto* report = reg->add_subcommand("report", "Portfolio report: every deal, totals");
  db(report);
  report->add_option("--year", a->year, "year judged (default: each deal's latest monitored year)");
  add_json_csv_options(report, *a);
  report->add_option("--xlsx", a->xlsx, "also write an Excel workbook (deals, totals, audit log) to this file");
  report->add_option("--html", a->html, "also write a self-contained HTML report to this file");
  add_lang_option(report, a->lang);
  report->callback([a, open, &status] {
    auto r = open();
    const auto rows = r.portfolio(a->year);
    // Render every file before writing any. The operator's own report: Audience::internal (the
    // audit log's change fields include realised profit, docs/deals.md "Confidential fields").
    std::string xlsx, html;
    if (!a->xlsx.empty() || !a->html.empty()) {
      const auto audit = r.audit_log();
      auto info = report::registry_run_info(a->db, a->year, audit);
      info.command = "decarbfund registry report " + a->db + (a->year != 0 ? fmt::format(" --year {}", a->year) : "") +
                     report::command_option("lang", a->lang == "en" ? "" : a->lang);
      xlsx = a->xlsx.empty() ? "" : report::registry_xlsx(rows, audit, info, report::Audience::internal, report_lang(a->lang));
      html = a->html.empty() ? "" : report::registry_html(rows, audit, info, report::Audience::internal, report_lang(a->lang));
    }
    const auto written = write_reports(*a, a->wants_json() ? report::registry_report_json(rows) : "", html, xlsx);
    if (!a->json_to_stdout()) {
      fmt::print("{}", report::registry_report_text(rows, a->db));
    }
    print_written(written, false, a->json_to_stdout());
    status = kExitOk;
  });

  auto* claw = reg->add_subcommand("clawback", "Claw-back due under a deal's rule");
  db(claw);
  claw->add_option("deal", a->deal, "deal id")->required();
  claw->add_option("--year", a->year, "up to this year (default: the latest monitored year)");
  add_json_csv_options(claw, *a);
  claw->callback([a, open, &status] {
    auto r = open();
    const auto c = r.claw_back(a->deal, a->year);
    // The operator's own terminal: the fund's staff see the business case's figures.
    const auto written =
        write_reports(*a, a->wants_json() ? report::claw_back_json(a->deal, c, report::Audience::internal) : "");
    if (!a->json_to_stdout()) {
      fmt::print("{}", report::claw_back_text(a->deal, c));
    }
    print_written(written, true, a->json_to_stdout());
    status = kExitOk;
  });

  auto* audit = reg->add_subcommand("audit", "List the audit log, --verify it, or print its --head");
  db(audit);
  audit->add_flag("--verify", a->verify,
                  "check the chain, the head record, the state and that rows and entries match; exit 1 on tampering");
  audit->add_option("--expect-head", a->expect_head,
                    "with --verify: a head printed earlier by --head (ENTRIES:HASH) that the log must still hold");
  audit->add_flag("--head", a->head, "print the log's head (ENTRIES:HASH) to publish and check later");
  audit->callback([a, open, &status] {
    auto r = open();
    if (a->head) {
      fmt::print("{}\n", r.audit_head().to_string());
      status = kExitOk;
      return;
    }
    std::optional<registry::AuditHead> expected;
    if (!a->expect_head.empty()) {
      expected = registry::AuditHead::parse(a->expect_head);
      if (!expected || !a->verify) {
        core::Diagnostic d;
        d.code = "registry.invalid";
        d.key_path = "--expect-head";
        d.expected = expected ? "--verify as well" : "ENTRIES:HASH as printed by `registry audit --head`";
        d.found = core::quote_found(a->expect_head);
        throw core::Error(d);
      }
    }
    if (a->verify) {
      const auto c = r.verify_audit(expected);
      if (c.ok) {
        fmt::print("audit log OK: {} entries ({}), chain, head record, state and rows verified{}; head {}\n",
                   c.entries, c.scheme == "sha256" ? "unkeyed SHA-256" : "HMAC-SHA256",
                   expected ? ", published head found" : "", c.head.to_string());
        status = kExitOk;
      } else {
        for (const auto& p : c.problems) {
          fmt::print(stderr, "tampering: {}\n", p);
        }
        status = 1;  // the answer is "no": the log does not verify
      }
      return;
    }
    for (const auto& e : r.audit_log()) {
      fmt::print("{:>5} {} {:<12} {:<16} {:<18} {}\n", e.seq, e.recorded_at, e.actor, e.action, e.deal_id,
                 e.hash.substr(0, 16));
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
