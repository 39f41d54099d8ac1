// The deal assessment's flags as the committee reads them: every flag docs/deals.md lists has a
// one-line explanation in the page and the workbook.

#include <string>

#include <gtest/gtest.h>

#include "core/atomic_file.hpp"
#include "report/deal_report.hpp"

namespace decarbfund {
namespace {

TEST(DealReport, EveryDocumentedFlagIsExplained) {
  const auto doc = core::read_file(std::string(DECARBFUND_SOURCE_DIR) + "/docs/deals.md");
  const auto begin = doc.find("### Flags");
  ASSERT_NE(begin, std::string::npos);
  const auto end = doc.find("\n\n", doc.find('`', begin));  // the paragraph listing the codes
  int codes = 0;
  for (auto p = doc.find('`', begin); p < end; p = doc.find('`', p + 1)) {
    const auto q = doc.find('`', p + 1);
    const auto code = doc.substr(p + 1, q - p - 1);
    EXPECT_FALSE(report::deal_flag_explanation(code).empty()) << code;
    ++codes;
    p = q;
  }
  EXPECT_EQ(codes, 15);
  EXPECT_TRUE(report::deal_flag_explanation("not_a_flag").empty());
}

}  // namespace
}  // namespace decarbfund
