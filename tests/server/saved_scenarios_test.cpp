#include "server/saved_scenarios.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/diagnostic.hpp"

namespace decarbfund::server {
namespace {

namespace fs = std::filesystem;

TEST(SavedScenarios, SurviveAReopenOfTheFile) {
  const auto p = fs::temp_directory_path() / ("decarbfund-saved-" + std::to_string(::getpid()) + ".sqlite");
  fs::remove(p);
  std::int64_t id = 0;
  {
    SavedScenarios db(p);
    id = db.add("first", R"({"base":"coalition-2023"})", "Ada").id;
    db.add("second", R"({"base":"klimaatakkoord"})", "Bo");
  }
  SavedScenarios db(p);
  const auto s = db.get(id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "first");
  EXPECT_EQ(s->diff, R"({"base":"coalition-2023"})");
  EXPECT_EQ(s->created_by, "Ada");
  EXPECT_EQ(s->created_at.size(), 20u);  // 2026-01-01T00:00:00Z
  const auto all = db.list(10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "second");  // newest first
  EXPECT_FALSE(db.get(id + 100));
  fs::remove(p);
}

TEST(SavedScenarios, AnUnopenableFileIsAnError) {
  EXPECT_THROW(SavedScenarios(fs::path("/nonexistent-dir/x/saved.sqlite")), core::Error);
}

}  // namespace
}  // namespace decarbfund::server
