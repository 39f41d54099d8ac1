#pragma once
// Where a run's inputs are (issue 19 "runs from anywhere"). The dataset is `--data` when given,
// else $DECARBFUND_DATA, else the installed share folder's data/nl, else ./data/nl; a scenario is
// a file as given, else a name ("coalition-2023") in $DECARBFUND_SCENARIOS, the installed share
// folder's scenarios/ or ./scenarios, and a relative path such as scenarios/coalition-2023.yaml
// that is not in the current folder is looked up in the share folder too (which mirrors the
// checkout: data/nl, scenarios, examples). Every front end (cli, python) asks here, and says
// which place it used when the user did not name it.
//
// The share folder is the front end's: the binary's is ../share/decarbfund beside its bin/
// (installed_share_dir), the Python package's is written next to it at build time.

#include <filesystem>
#include <string>
#include <string_view>

namespace decarbfund::runs {

inline constexpr const char* kDataEnv = "DECARBFUND_DATA";
inline constexpr const char* kScenariosEnv = "DECARBFUND_SCENARIOS";
/// The dataset under a share folder or the current folder.
inline constexpr const char* kDefaultDataset = "data/nl";
/// The scenario a run uses when none is named (the levy as proposed in Belastingplan 2026).
inline constexpr const char* kDefaultScenario = "belastingplan-2026";
/// From an installed binary's folder to its share folder (cmake/install.cmake).
inline constexpr const char* kShareFromBin = "../share/decarbfund";

/// A share folder and what to call it in messages ("installed", "the checkout").
struct ShareDir {
  std::filesystem::path path;  ///< empty: none
  std::string kind = "installed";
};

/// The binary's share folder: <folder of /proc/self/exe>/../share/decarbfund when it holds a
/// dataset; empty otherwise (a binary in a build tree has none, so it never reads an installed
/// dataset by surprise).
ShareDir installed_share_dir();

/// A file or folder a run reads, and how it was found.
struct Located {
  std::filesystem::path path;
  /// Empty when the user named it and it was there; else how it was found ("from
  /// $DECARBFUND_DATA", "installed", "in the current folder").
  std::string how;
  bool named() const { return how.empty(); }
};

/// The dataset folder (the one holding dataset.yaml) by the rule above. `given` is the --data
/// option (or an argument); when given it is used as it is. Throws core::Error naming every place
/// looked when none holds a dataset.
Located locate_dataset(const std::string& given, const ShareDir& share);

/// A scenario file by the rule above; `given` empty means kDefaultScenario. Throws core::Error
/// naming every place looked when no folder holds a scenario of that name; a path that is in
/// neither place is returned as given, for the loader to say it is missing.
Located locate_scenario(const std::string& given, const ShareDir& share);

/// Any other input file named relative to the checkout (a deal file, a round, the levy example):
/// `given` when it exists, else the same path under the share folder, else `given` unchanged (the
/// reader then says it is missing).
Located locate_input(const std::string& given, const ShareDir& share);

/// "dataset /usr/local/share/decarbfund/data/nl (installed)" — the line a front end prints when
/// it chose for the user; empty when the user named it.
std::string located_line(std::string_view what, const Located& located);

}  // namespace decarbfund::runs
