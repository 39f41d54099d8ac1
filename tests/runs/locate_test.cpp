// Where a run finds its dataset and scenarios (issue 19, runs/locate.hpp): --data, then
// $DECARBFUND_DATA, then the share folder, then ./data/nl; scenarios by file, name or a path under
// the share folder; and a message naming every place looked when nothing is found.

#include "runs/locate.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/diagnostic.hpp"

namespace decarbfund::runs {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = DECARBFUND_SOURCE_DIR;

/// A folder laid out as an installed share folder (data/nl, scenarios), by links to the checkout.
class Locate : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv(kDataEnv);
    ::unsetenv(kScenariosEnv);
    cwd_ = fs::current_path();
    root_ = fs::temp_directory_path() / ("decarbfund-locate-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "share" / "data");
    fs::create_directory_symlink(kSource / "data/nl", root_ / "share/data/nl");
    fs::create_directory_symlink(kSource / "scenarios", root_ / "share/scenarios");
    fs::create_directories(root_ / "empty");
    share_ = {root_ / "share", "installed"};
  }
  void TearDown() override {
    fs::current_path(cwd_);
    ::unsetenv(kDataEnv);
    ::unsetenv(kScenariosEnv);
    fs::remove_all(root_);
  }
  fs::path cwd_, root_;
  ShareDir share_;
};

TEST_F(Locate, DataGivenIsUsedAsItIsAndNotAnnounced) {
  const auto l = locate_dataset("somewhere/else", share_);
  EXPECT_EQ(l.path, "somewhere/else");
  EXPECT_TRUE(l.named());
  EXPECT_EQ(located_line("dataset", l), "");
}

TEST_F(Locate, DataComesFromTheEnvironmentThenTheShareFolderThenTheCurrentFolder) {
  fs::current_path(kSource);
  ::setenv(kDataEnv, (kSource / "tests/fixtures/tiny").c_str(), 1);
  auto l = locate_dataset("", share_);
  EXPECT_EQ(l.path, kSource / "tests/fixtures/tiny");
  EXPECT_EQ(located_line("dataset", l), "dataset " + (kSource / "tests/fixtures/tiny").string() + " (from $DECARBFUND_DATA)");
  ::unsetenv(kDataEnv);
  l = locate_dataset("", share_);
  EXPECT_EQ(l.path, root_ / "share/data/nl");
  EXPECT_EQ(l.how, "installed");
  l = locate_dataset("", ShareDir{});
  EXPECT_EQ(l.path, "data/nl");
  EXPECT_EQ(l.how, "in the current folder");
}

TEST_F(Locate, NoDatasetAnywhereNamesEveryPlaceLooked) {
  fs::current_path(root_ / "empty");
  try {
    locate_dataset("", ShareDir{});
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_STREQ(e.what(),
                 "dataset: field '--data': expected a dataset folder holding dataset.yaml, found nothing (looked in "
                 "--data (not given), $DECARBFUND_DATA (not set), no installed share folder, ./data/nl)");
  }
  // An environment variable that names no dataset is an error, not skipped.
  ::setenv(kDataEnv, (root_ / "empty").c_str(), 1);
  EXPECT_THROW(locate_dataset("", share_), core::Error);
}

TEST_F(Locate, ScenarioByFileByNameAndUnderTheShareFolder) {
  fs::current_path(kSource);
  EXPECT_EQ(locate_scenario("scenarios/coalition-2023.yaml", share_).path, "scenarios/coalition-2023.yaml");
  EXPECT_TRUE(locate_scenario("scenarios/coalition-2023.yaml", share_).named());
  // A name: the share folder's scenarios before ./scenarios.
  auto l = locate_scenario("coalition-2023", share_);
  EXPECT_EQ(l.path, root_ / "share/scenarios/coalition-2023.yaml");
  EXPECT_EQ(l.how, "installed");
  l = locate_scenario("coalition-2023.yaml", ShareDir{});
  EXPECT_EQ(l.path, fs::path("scenarios/coalition-2023.yaml"));
  EXPECT_EQ(l.how, "in the current folder");
  // No scenario named: the default, said to be the default.
  l = locate_scenario("", ShareDir{});
  EXPECT_EQ(l.path, fs::path("scenarios/belastingplan-2026.yaml"));
  EXPECT_EQ(l.how, "default, in the current folder");
  // From an empty folder, the docs' relative paths resolve under the share folder.
  fs::current_path(root_ / "empty");
  l = locate_scenario("scenarios/belastingplan-2026.yaml", share_);
  EXPECT_EQ(l.path, root_ / "share/scenarios/belastingplan-2026.yaml");
  ::setenv(kScenariosEnv, (kSource / "examples/scenarios").c_str(), 1);
  EXPECT_EQ(locate_scenario("tata-binding", share_).path, kSource / "examples/scenarios/tata-binding.yaml");
}

TEST_F(Locate, AnUnknownScenarioNamesEveryPlaceLooked) {
  fs::current_path(root_ / "empty");
  try {
    locate_scenario("no-such-policy", ShareDir{});
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_STREQ(e.what(),
                 "no-such-policy: field '--scenario': expected a scenario file, or the name of one in a scenarios "
                 "folder, found nothing (looked in $DECARBFUND_SCENARIOS (not set), no installed share folder, "
                 "scenarios/no-such-policy.yaml)");
  }
}

TEST_F(Locate, OtherInputsFallBackToTheShareFolder) {
  fs::current_path(root_ / "empty");
  EXPECT_EQ(locate_input("data/nl/rounds/veki-2024.yaml", share_).path,
            root_ / "share/data/nl/rounds/veki-2024.yaml");
  EXPECT_EQ(locate_input("mine.csv", share_).path, "mine.csv");  // not there either: the reader says so
  EXPECT_TRUE(locate_input("mine.csv", share_).named());
}

}  // namespace
}  // namespace decarbfund::runs
