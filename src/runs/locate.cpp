#include "runs/locate.hpp"

#include <cstdlib>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/diagnostic.hpp"

namespace decarbfund::runs {

namespace {

namespace fs = std::filesystem;

bool is_dataset(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "dataset.yaml", ec);
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

std::string share_how(const ShareDir& share) { return share.kind; }

[[noreturn]] void not_found(const std::string& what, const std::string& field, const std::string& expected,
                            const std::vector<std::string>& looked) {
  core::Diagnostic d;
  d.code = "input.not_found";
  d.file = what;
  d.field = field;
  d.expected = expected;
  std::string places;
  for (const auto& l : looked) {
    places += (places.empty() ? "" : ", ") + l;
  }
  d.found = fmt::format("nothing (looked in {})", places);
  throw core::Error(d);
}

}  // namespace

ShareDir installed_share_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return {};
  }
  const fs::path share = (exe.parent_path() / kShareFromBin).lexically_normal();
  if (!is_dataset(share / kDefaultDataset)) {
    return {};
  }
  return {share, "installed"};
}

Located locate_dataset(const std::string& given, const ShareDir& share) {
  if (!given.empty()) {
    return {given, ""};
  }
  std::vector<std::string> looked = {"--data (not given)"};
  if (const auto e = env(kDataEnv); !e.empty()) {
    // An environment variable that names no dataset is a mistake to report, not to skip.
    if (!is_dataset(e)) {
      not_found(e, fmt::format("${}", kDataEnv), "a dataset folder holding dataset.yaml", {fmt::format("${}", kDataEnv)});
    }
    return {e, fmt::format("from ${}", kDataEnv)};
  }
  looked.push_back(fmt::format("${} (not set)", kDataEnv));
  if (!share.path.empty()) {
    const fs::path p = share.path / kDefaultDataset;
    if (is_dataset(p)) {
      return {p, share_how(share)};
    }
    looked.push_back(p.string());
  } else {
    looked.push_back("no installed share folder");
  }
  if (is_dataset(kDefaultDataset)) {
    return {kDefaultDataset, "in the current folder"};
  }
  looked.push_back(fmt::format("./{}", kDefaultDataset));
  not_found("dataset", "--data", "a dataset folder holding dataset.yaml", looked);
}

Located locate_scenario(const std::string& given, const ShareDir& share) {
  const std::string name = given.empty() ? std::string(kDefaultScenario) : given;
  if (!given.empty() && is_file(given)) {
    return {given, ""};
  }
  const bool bare = name.find('/') == std::string::npos;
  const std::string file = bare && fs::path(name).extension() != ".yaml" ? name + ".yaml" : name;
  std::vector<std::string> looked;
  const auto try_at = [&](const fs::path& p, std::string how) -> std::optional<Located> {
    if (is_file(p)) {
      return Located{p, given.empty() ? "default, " + how : std::move(how)};
    }
    looked.push_back(p.string());
    return std::nullopt;
  };
  if (bare) {
    if (const auto e = env(kScenariosEnv); !e.empty()) {
      if (auto l = try_at(fs::path(e) / file, fmt::format("from ${}", kScenariosEnv))) {
        return *l;
      }
    } else {
      looked.push_back(fmt::format("${} (not set)", kScenariosEnv));
    }
    if (!share.path.empty()) {
      if (auto l = try_at(share.path / "scenarios" / file, share_how(share))) {
        return *l;
      }
    } else {
      looked.push_back("no installed share folder");
    }
    if (auto l = try_at(fs::path("scenarios") / file, "in the current folder")) {
      return *l;
    }
  } else {
    // A path: under the share folder when it is not here (the docs' scenarios/x.yaml), else as
    // given, for the loader to say it is missing.
    if (fs::path(name).is_relative() && !share.path.empty() && is_file(share.path / name)) {
      return {share.path / name, share_how(share)};
    }
    return {name, ""};
  }
  not_found(name, "--scenario", "a scenario file, or the name of one in a scenarios folder", looked);
}

Located locate_input(const std::string& given, const ShareDir& share) {
  std::error_code ec;
  if (given.empty() || fs::exists(given, ec) || fs::path(given).is_absolute() || share.path.empty()) {
    return {given, ""};
  }
  const fs::path p = share.path / given;
  if (fs::exists(p, ec)) {
    return {p, share_how(share)};
  }
  return {given, ""};
}

std::string located_line(std::string_view what, const Located& located) {
  if (located.named()) {
    return "";
  }
  return fmt::format("{} {} ({})", what, located.path.string(), located.how);
}

}  // namespace decarbfund::runs
