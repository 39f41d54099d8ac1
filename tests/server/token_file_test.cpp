#include "server/token_file.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

namespace decarbfund::server {
namespace {

namespace fs = std::filesystem;

fs::path write_tokens(const std::string& text) {
  const auto p = fs::temp_directory_path() / ("decarbfund-tokens-" + std::to_string(::getpid()));
  std::ofstream(p) << text;
  return p;
}

TEST(TokenFile, ReadsRolesAndHolders) {
  const auto p = write_tokens("# comment\n\nfund_manager fm-token-0123456789abcdefghij Fay Fund  \n"
                              "analyst an-token-0123456789abcdefghijk\n");
  core::Diagnostics diags;
  const auto t = load_token_file(p, diags);
  ASSERT_TRUE(t) << diags.to_string();
  EXPECT_EQ(t->size(), 2u);
  const auto fm = t->find("fm-token-0123456789abcdefghij");
  ASSERT_TRUE(fm);
  EXPECT_EQ(fm->role, Role::fund_manager);
  EXPECT_EQ(fm->who, "Fay Fund");
  const auto an = t->find("an-token-0123456789abcdefghijk");
  ASSERT_TRUE(an);
  EXPECT_EQ(an->who, "analyst");
  EXPECT_FALSE(t->find("an-token-0123456789abcdefghij"));  // a prefix is not the token
  EXPECT_FALSE(t->find(""));
  fs::remove(p);
}

TEST(TokenFile, EveryBadLineIsReportedWithoutEchoingTheToken) {
  const auto p = write_tokens("admin x-token-0123456789abcdefghijkl\n"
                              "analyst\n"
                              "analyst short-secret\n"
                              "viewer dup-token-0123456789abcdefghij\n"
                              "viewer dup-token-0123456789abcdefghij\n");
  core::Diagnostics diags;
  EXPECT_FALSE(load_token_file(p, diags));
  ASSERT_EQ(diags.all().size(), 4u);
  EXPECT_EQ(diags.all()[0].line, 1);
  EXPECT_EQ(diags.all()[0].expected, "one of viewer, researcher, analyst, fund_manager");
  EXPECT_EQ(diags.all()[1].line, 2);
  EXPECT_EQ(diags.all()[1].code, "tokens.missing");
  EXPECT_EQ(diags.all()[2].line, 3);
  EXPECT_EQ(diags.all()[2].found, "12 characters");
  EXPECT_EQ(diags.to_string().find("short-secret"), std::string::npos);
  EXPECT_EQ(diags.all()[3].line, 5);
  EXPECT_EQ(diags.all()[3].code, "tokens.duplicate");
  fs::remove(p);
}

TEST(TokenFile, BearerHeaderParsing) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("Bearer   abc"), "abc");
  EXPECT_EQ(bearer_token("Basic abc"), "");
  EXPECT_EQ(bearer_token("Bearer "), "");
  EXPECT_EQ(bearer_token(""), "");
}

}  // namespace
}  // namespace decarbfund::server
