// `decarbfund registry report --xlsx/--html` on a registry built as an operator builds it: deals,
// totals and the audit log as the JSON report and `registry audit` say them; the operator's
// report shows the audit log's change fields (Audience::internal); the same registry gives the
// same bytes; a missing directory is exit 2 naming the file, with no file left.

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"
#include "report/localizer.hpp"
#include "report/xlsx_reader.hpp"

namespace decarbfund {
namespace {

namespace fs = std::filesystem;

test::Run run(const std::string& args) { return test::run_cli(args, true); }

/// A registry with two deals, a monitored year with profit, and a payment.
std::string make_registry(const std::string& name) {
  const std::string db = ::testing::TempDir() + "/" + name + ".db";
  fs::remove(db);
  const std::string deals = test::kSource + "/data/nl/deals/";
  EXPECT_EQ(run("registry init " + db).status, 0);
  EXPECT_EQ(run("registry import " + db + " " + deals + "nobian.yaml " + deals + "tata-steel.yaml --actor tester").status, 0);
  auto r = run("registry monitor " + db + " nobian 2030 --emissions 288882 --profit 1500000 --actor nea");
  EXPECT_EQ(r.status, 0) << r.out;
  r = run("registry pay " + db + " nobian --date 2026-03-01 --amount 46250000 --actor rvo");
  EXPECT_EQ(r.status, 0) << r.out;
  return db;
}

TEST(RegistryReportCli, WorkbookAndPageHoldTheReportAndTheAuditLog) {
  const std::string db = make_registry("report-xlsx");
  const std::string dir = ::testing::TempDir();
  // stdout alone: with --json - the "wrote" lines go to stderr.
  const auto json =
      test::run_cli("registry report " + db + " --json - --xlsx " + dir + "/reg1.xlsx --html " + dir + "/reg1.html");
  ASSERT_EQ(json.status, 0) << json.out;
  const auto again = run("registry report " + db + " --xlsx " + dir + "/reg2.xlsx --html " + dir + "/reg2.html");
  ASSERT_EQ(again.status, 0) << again.out;
  const auto bytes = core::read_file(dir + "/reg1.xlsx");
  EXPECT_EQ(bytes, core::read_file(dir + "/reg2.xlsx"));
  const auto html = core::read_file(dir + "/reg1.html");
  EXPECT_EQ(html, core::read_file(dir + "/reg2.html"));

  const auto j = nlohmann::json::parse(json.out);
  const test::Xlsx x(bytes);
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"deals", "totals", "audit_log", "about"}));
  EXPECT_EQ(x.at("deals", "E1"), "committed (t CO2)");
  const int nobian = x.row_of("deals", "nobian");
  ASSERT_GT(nobian, 0);
  const auto& jn = j["deals"][static_cast<std::size_t>(nobian - 2)];
  ASSERT_EQ(jn["deal"], "nobian");
  EXPECT_EQ(x.number("deals", "D" + std::to_string(nobian)), 2030);
  EXPECT_DOUBLE_EQ(x.number("deals", "F" + std::to_string(nobian)), jn["realised_t"].get<double>());
  EXPECT_EQ(x.at("deals", "I" + std::to_string(nobian)), jn["status"].get<std::string>());
  EXPECT_DOUBLE_EQ(x.number("totals", "B" + std::to_string(x.row_of("totals", "paid"))),
                   j["totals"]["paid_eur"].get<double>());
  EXPECT_EQ(j["totals"]["paid_eur"].get<double>(), 46250000.0);

  // The audit log: init, import ×2, monitor, pay; hashes as `registry audit` lists them.
  const auto audit = run("registry audit " + db);
  ASSERT_EQ(audit.status, 0);
  EXPECT_EQ(x.at("audit_log", "F1"), "hash (SHA-256)");
  EXPECT_EQ(x.at("audit_log", "D2"), "init");
  EXPECT_EQ(x.at("audit_log", "D5"), "monitor");
  EXPECT_EQ(x.at("audit_log", "E5"), "nobian");
  EXPECT_EQ(x.at("audit_log", "A7"), "");
  EXPECT_NE(audit.out.find(x.at("audit_log", "F6").substr(0, 16)), std::string::npos) << audit.out;
  EXPECT_NE(x.at("audit_log", "G5").find("profit_eur=1500000"), std::string::npos);  // internal: the operator's report
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "audit_entries"))), "5");
  EXPECT_EQ(x.at("about", "B" + std::to_string(x.row_of("about", "last_audit_hash"))), x.at("audit_log", "F6"));

  for (const char* remote : {"src=\"http", "href=\"http", "url(http", "<script"}) {
    EXPECT_EQ(html.find(remote), std::string::npos) << remote;
  }
  EXPECT_NE(html.find("<td class=\"" + jn["status"].get<std::string>() + "\">"), std::string::npos);
  EXPECT_NE(html.find(fmt::format("<td>{}</td>", report::Localizer(report::Lang::en).num(jn["realised_t"].get<double>(), 0))), std::string::npos);
  EXPECT_NE(html.find("profit_eur=1500000"), std::string::npos);
}

TEST(RegistryReportCli, PageAndWorkbookInDutch) {
  const std::string db = make_registry("report-nl");
  const std::string dir = ::testing::TempDir();
  const auto r = run("registry report " + db + " --lang nl --xlsx " + dir + "/reg-nl.xlsx --html " + dir + "/reg-nl.html");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto html = core::read_file(dir + "/reg-nl.html");
  EXPECT_NE(html.find(R"(<html lang="nl">)"), std::string::npos);
  EXPECT_NE(html.find("<h1>Maatwerkafspraken: rapport van de portefeuille</h1>"), std::string::npos);
  const test::Xlsx x(core::read_file(dir + "/reg-nl.xlsx"));
  EXPECT_EQ(x.sheets, (std::vector<std::string>{"afspraken", "totalen", "auditlog", "over"}));
  // The audit log's times are dates: a serial day in 2026, not text.
  EXPECT_GT(x.number("auditlog", "B2"), 46000.0);
}

TEST(RegistryReportCli, MissingDirectoryIsExitTwoAndLeavesNoFile) {
  const std::string db = make_registry("report-bad");
  const std::string dir = ::testing::TempDir() + "/reg-bad";
  fs::create_directories(dir);
  const auto r = run("registry report " + db + " --html " + dir + "/ok.html --xlsx /nonexistent-dir/r.xlsx");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("/nonexistent-dir/r.xlsx"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
}  // namespace decarbfund
