#pragma once
// Where the verbs find what the user did not name (issue 19, runs/locate.hpp): the dataset
// (--data, $DECARBFUND_DATA, the installed share folder, ./data/nl), scenarios by file or name,
// and the checkout-relative inputs of the docs' examples. A choice the binary made for the user is
// said on stderr, one line each ("decarbfund: dataset data/nl (in the current folder)"), unless the
// verb runs quietly.

#include <string>

namespace decarbfund::cli {

/// The dataset folder for --data `given`.
std::string locate_data(const std::string& given, bool quiet);

/// The scenario file for --scenario `given` (a file, or a name such as coalition-2023; empty: the
/// default scenario). `what` names it in the line ("scenario", "reference").
std::string locate_scenario(const std::string& given, bool quiet, const char* what = "scenario");

/// Another input named relative to the checkout (a deal file, a round, a directory): as given when
/// it exists, else under the installed share folder.
std::string locate_input(const std::string& given, bool quiet, const char* what);

}  // namespace decarbfund::cli
