// docs/data-format.md embeds `decarbfund schema`; this keeps the page and the loader's schema equal.

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "core/atomic_file.hpp"

namespace decarbfund::test {
namespace {

TEST(SchemaCli, DataFormatDocEmbedsTheSchema) {
  const auto r = run_cli("schema");
  ASSERT_EQ(r.status, 0);
  ASSERT_NE(r.out.find("### `sites`"), std::string::npos);
  const auto doc = core::read_file(kSource + "/docs/data-format.md");
  EXPECT_NE(doc.find(r.out), std::string::npos)
      << "docs/data-format.md is out of date: regenerate its Tables section with `decarbfund schema`";
}

}  // namespace
}  // namespace decarbfund::test
