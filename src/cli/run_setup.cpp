#include "cli/run_setup.hpp"

#include <filesystem>

#include "core/diagnostic.hpp"
#include "data/load_dataset.hpp"
#include "data/load_deal.hpp"
#include "data/load_scenario.hpp"

namespace decarbfund::cli {

RunSetup load_run_setup(const std::string& data, const std::string& scenario, const std::string& reference,
                        const std::string& deals_dir, bool no_deals) {
  namespace fs = std::filesystem;
  RunSetup r{data::load_dataset_or_throw(data), data::load_scenario_or_throw(scenario), {}, {}};
  const std::string ref_path = reference.empty() ? r.scenario.target.reference_scenario : reference;
  if (ref_path.empty()) {
    throw core::Error(scenario, "target.reference: expected the reference scenario's path "
                                "(or pass --reference), found nothing");
  }
  r.reference = data::load_scenario_or_throw(ref_path);
  std::string dir = deals_dir;
  if (dir.empty() && fs::is_directory(fs::path(data) / "deals")) {
    dir = (fs::path(data) / "deals").string();
  }
  if (!dir.empty() && !no_deals) {
    r.deals = data::load_deal_book_or_throw(r.model, dir);
  }
  return r;
}

}  // namespace decarbfund::cli
