// Docs cannot drift (issue 14 §4): every example output in README.md and docs/*.md is produced by
// the program under test. An example is a fenced block right after a marker line
//
//   <!-- example: outlook --scenario scenarios/belastingplan-2026.yaml | lines 1-12 -->
//   ```text
//   $ decarbfund outlook --scenario scenarios/belastingplan-2026.yaml
//   …the output…
//   ```
//
// The test runs `decarbfund <args>` (stdout and stderr together, any exit status) and compares the
// block with "$ decarbfund <args>" followed by the output — all of it, or the selected line ranges
// with "…" where lines are left out. Commands of one page run in order in one scratch folder that
// links the checkout's data/, scenarios/, examples/ and tests/, so an example can read what an
// earlier one wrote (e.g. `sme generate --out apps.csv`) and none writes into the checkout.
//
// DECARBFUND_UPDATE_DOCS=1 rewrites the blocks with what the program prints (`make doc-examples`);
// the diff is then reviewed like any golden file (STYLE §2.7).
//
// No output without a marker: a fenced block that is not an example (no marker line right above
// its opening fence) fails the page's NoUnmarkedProgramOutput test when its first line looks like
// what the program prints:
//
//   "$ decarbfund …"                           a command with its output
//   "decarbfund: …"                            the notice of which dataset or scenario was chosen
//   "decarbfund <verb> — …"                    a report's header ("decarbfund outlook — dataset …")
//   "error: …"                                 an error message
//   "Target 20…"                               the target table
//   "<file>:<line>: … expected …"              a diagnostic ("x.yaml:6: key.path: expected …")
//
// Make such a block a marked example; output no single command produces (a recipe with sqlite3,
// a file the program wrote) goes in a block that does not start like these, and its prose names
// the test that pins it. Only fenced (```) blocks are checked; python.md's cell outputs are
// checked by ctest python.docs.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = DECARBFUND_SOURCE_DIR;
constexpr const char* kMarker = "<!-- example:";

struct Example {
  std::size_t marker_line = 0;  ///< 0-based index of the marker in the page
  std::size_t open = 0;         ///< index of the opening fence
  std::size_t close = 0;        ///< index of the closing fence
  std::string args;
  std::vector<std::pair<int, int>> ranges;  ///< 1-based, inclusive; empty = all lines
};

std::vector<std::string> read_lines(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// "lines 1-12, 20-25" → ranges; an empty or absent selector → all lines.
std::vector<std::pair<int, int>> parse_ranges(const std::string& selector) {
  std::vector<std::pair<int, int>> out;
  std::string s = trim(selector);
  if (s.rfind("lines", 0) != 0) {
    return out;
  }
  std::stringstream ss(s.substr(5));
  for (std::string part; std::getline(ss, part, ',');) {
    part = trim(part);
    const auto dash = part.find('-');
    const int a = std::stoi(part.substr(0, dash));
    const int b = dash == std::string::npos ? a : std::stoi(part.substr(dash + 1));
    out.emplace_back(a, b);
  }
  return out;
}

std::vector<Example> find_examples(const std::vector<std::string>& lines, const std::string& page) {
  std::vector<Example> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto pos = lines[i].find(kMarker);
    if (pos == std::string::npos) {
      continue;
    }
    Example e;
    e.marker_line = i;
    std::string body = lines[i].substr(pos + std::string(kMarker).size());
    const auto end = body.rfind("-->");
    if (end == std::string::npos) {
      ADD_FAILURE() << page << ":" << i + 1 << ": example marker without -->";
      continue;
    }
    body = body.substr(0, end);
    const auto bar = body.find(" | ");
    e.args = trim(body.substr(0, bar));
    if (bar != std::string::npos) {
      e.ranges = parse_ranges(body.substr(bar + 3));
    }
    if (i + 1 >= lines.size() || lines[i + 1].rfind("```", 0) != 0) {
      ADD_FAILURE() << page << ":" << i + 2 << ": expected a fenced block (```) after the example marker";
      continue;
    }
    e.open = i + 1;
    e.close = e.open + 1;
    while (e.close < lines.size() && lines[e.close].rfind("```", 0) != 0) {
      ++e.close;
    }
    if (e.close >= lines.size()) {
      ADD_FAILURE() << page << ":" << i + 2 << ": fenced block never closed";
      continue;
    }
    out.push_back(e);
  }
  return out;
}

/// Whether `first`, the first line of a fenced block that is not an example, looks like program
/// output (the rules of the header comment); `why` says which rule.
bool looks_like_output(const std::string& first, std::string& why) {
  const std::string s = first.substr(std::min(first.size(), first.find_first_not_of(" \t")));
  if (s.rfind("$ decarbfund", 0) == 0) {
    why = "a command with its output (\"$ decarbfund …\")";
    return true;
  }
  if (s.rfind("decarbfund: ", 0) == 0) {
    why = "the program's notice (\"decarbfund: …\")";
    return true;
  }
  if (s.rfind("decarbfund ", 0) == 0) {
    // "decarbfund <verb> [<verb>] — …": lower-case words up to the dash.
    const auto dash = s.find(" — ");
    const std::string verb = dash == std::string::npos ? "" : s.substr(11, dash - 11);
    if (!verb.empty() && std::all_of(verb.begin(), verb.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || c == '-' || c == ' ';
        })) {
      why = "a report's header (\"decarbfund " + verb + " — …\")";
      return true;
    }
  }
  if (s.rfind("error: ", 0) == 0) {
    why = "an error message (\"error: …\")";
    return true;
  }
  if (s.rfind("Target 20", 0) == 0) {
    why = "the target table (\"Target 20…\")";
    return true;
  }
  // "<file>:<line>: … expected …"
  const auto colon = s.find(':');
  if (colon != std::string::npos && colon > 0 && s.find_first_of(" \t") > colon) {
    std::size_t k = colon + 1;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])) != 0) {
      ++k;
    }
    if (k > colon + 1 && s.compare(k, 2, ": ") == 0 && s.find("expected ", k) != std::string::npos) {
      why = "a diagnostic (\"<file>:<line>: … expected …\")";
      return true;
    }
  }
  return false;
}

/// Fenced blocks of `lines` that are not examples and look like program output: (1-based line of
/// the opening fence, why).
std::vector<std::pair<std::size_t, std::string>> unmarked_output(const std::vector<std::string>& lines) {
  std::vector<std::pair<std::size_t, std::string>> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("```", 0) != 0) {
      continue;
    }
    const bool example = i > 0 && lines[i - 1].find(kMarker) != std::string::npos;
    std::size_t close = i + 1;
    while (close < lines.size() && lines[close].rfind("```", 0) != 0) {
      ++close;
    }
    std::string why;
    if (!example && close > i + 1 && looks_like_output(lines[i + 1], why)) {
      out.emplace_back(i + 1, why);
    }
    i = close;  // past the closing fence
  }
  return out;
}

/// Runs `decarbfund <args>` in `dir`; stdout and stderr, lines.
std::vector<std::string> run(const fs::path& dir, const std::string& args) {
  const std::string cmd = "cd '" + dir.string() + "' && '" + DECARBFUND_BINARY + "' " + args + " 2>&1";
  std::vector<std::string> lines;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << cmd;
    return lines;
  }
  std::string text;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) {
    text += buf.data();
  }
  pclose(pipe);
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    lines.push_back(line);
  }
  return lines;
}

/// What the block must hold: the command line, then the selected output lines.
std::vector<std::string> expected_block(const Example& e, const std::vector<std::string>& output) {
  std::vector<std::string> out = {"$ decarbfund " + e.args};
  if (e.ranges.empty()) {
    out.insert(out.end(), output.begin(), output.end());
    return out;
  }
  int last = 0;
  for (const auto& [a, b] : e.ranges) {
    if (a > last + 1) {
      out.emplace_back("…");
    }
    for (int k = a; k <= b && k <= static_cast<int>(output.size()); ++k) {
      out.push_back(output[static_cast<std::size_t>(k - 1)]);
    }
    last = b;
  }
  if (last < static_cast<int>(output.size())) {
    out.emplace_back("…");
  }
  return out;
}

/// A scratch folder linking the checkout's inputs.
fs::path scratch(const std::string& page) {
  fs::path dir = fs::temp_directory_path() / ("decarbfund-doc-" + page + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* sub : {"data", "scenarios", "examples", "tests", "docs"}) {
    fs::create_directory_symlink(kSource / sub, dir / sub);
  }
  return dir;
}

std::vector<fs::path> pages() {
  std::vector<fs::path> out = {kSource / "README.md"};
  for (const auto& entry : fs::directory_iterator(kSource / "docs")) {
    if (entry.path().extension() == ".md") {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class DocExamples : public ::testing::TestWithParam<fs::path> {};

TEST_P(DocExamples, MatchWhatTheProgramPrints) {
  const fs::path page = GetParam();
  auto lines = read_lines(page);
  const auto name = page.filename().string();
  const auto examples = find_examples(lines, name);
  if (examples.empty()) {
    GTEST_SKIP() << name << " has no examples";
  }
  const bool update = std::getenv("DECARBFUND_UPDATE_DOCS") != nullptr;
  const auto dir = scratch(page.stem().string());
  // Rewrite from the last block up, so earlier line indices stay valid.
  std::vector<std::pair<const Example*, std::vector<std::string>>> wanted;
  for (const auto& e : examples) {
    wanted.emplace_back(&e, expected_block(e, run(dir, e.args)));
  }
  bool changed = false;
  for (auto it = wanted.rbegin(); it != wanted.rend(); ++it) {
    const Example& e = *it->first;
    const std::vector<std::string> have(lines.begin() + static_cast<long>(e.open) + 1,
                                        lines.begin() + static_cast<long>(e.close));
    if (have == it->second) {
      continue;
    }
    if (update) {
      lines.erase(lines.begin() + static_cast<long>(e.open) + 1, lines.begin() + static_cast<long>(e.close));
      lines.insert(lines.begin() + static_cast<long>(e.open) + 1, it->second.begin(), it->second.end());
      changed = true;
      continue;
    }
    std::string diff;
    for (std::size_t k = 0; k < std::max(have.size(), it->second.size()); ++k) {
      const std::string a = k < have.size() ? have[k] : "<missing>";
      const std::string b = k < it->second.size() ? it->second[k] : "<missing>";
      if (a != b) {
        diff = "first difference in block line " + std::to_string(k + 1) + ":\n  page:    " + a + "\n  program: " + b;
        break;
      }
    }
    ADD_FAILURE() << name << ":" << e.marker_line + 1 << ": example `decarbfund " << e.args
                  << "` is not what the program prints (make doc-examples rewrites it)\n" << diff;
  }
  if (changed) {
    std::ofstream out(page);
    for (const auto& l : lines) {
      out << l << "\n";
    }
  }
  fs::remove_all(dir);
}

TEST_P(DocExamples, NoUnmarkedProgramOutput) {
  const fs::path page = GetParam();
  const auto name = page.filename().string();
  for (const auto& [line, why] : unmarked_output(read_lines(page))) {
    ADD_FAILURE() << name << ":" << line << ": a fenced block that looks like program output, " << why
                  << ", without an example marker: make it a marked example (<!-- example: ARGS -->, "
                  << "tests/docs/doc_examples_test.cpp) or, when no single command prints it, show it otherwise "
                  << "and name the test that pins it";
  }
}

TEST(DocExamplesRule, RecognisesProgramOutput) {
  std::string why;
  for (const char* out : {"$ decarbfund outlook", "decarbfund: dataset data/nl (in the current folder)",
                          "decarbfund outlook — dataset nl 2026.12", "decarbfund compare — dataset nl",
                          "decarbfund registry report — x", "error: x.csv:2: field 'a'", "Target 2030: additional",
                          "bad.csv:5: expected 14 fields", "scenarios/x.yaml:6: policy.levy.x: expected one of"}) {
    EXPECT_TRUE(looks_like_output(out, why)) << out;
  }
  for (const char* not_out : {"decarbfund serve --port 8080 --data data/nl", "decarbfund levy --input FILE.csv",
                              "name: coalition-2023", "exploration → eop", "$ sqlite3 deals.db \"UPDATE\"",
                              "application_id,firm_id", "2030: 167000   # committed", "{\"base\": \"x\"}",
                              "pct    = min(max_rate, base(theme) + bonus(size))"}) {
    EXPECT_FALSE(looks_like_output(not_out, why)) << not_out;
  }
  const std::vector<std::string> page = {"<!-- example: outlook -->", "```text", "$ decarbfund outlook", "```", "",
                                         "```", "Target 2030: x", "```", "```yaml", "name: x", "```"};
  const auto found = unmarked_output(page);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].first, 6U);
}

INSTANTIATE_TEST_SUITE_P(Pages, DocExamples, ::testing::ValuesIn(pages()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                           std::string n = param.param.stem().string();
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) {
                               c = '_';
                             }
                           }
                           return n;
                         });

}  // namespace
