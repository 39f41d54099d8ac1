#include "data/load_dataset.hpp"

#include "data/check_potential.hpp"
#include "data/dataset_manifest.hpp"

namespace decarbfund::data {

bool detail::parse_manifest_text(std::string_view text, const std::string& file, const std::filesystem::path& dir,
                                 core::Diagnostics& diags) {
  return parse_manifest(text, file, dir, diags).has_value();
}

std::optional<model::Model> load_dataset(const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto before = diags.error_count();
  auto manifest = detail::read_manifest(dir, diags);
  if (!manifest) {
    return std::nullopt;
  }
  model::Model model;
  model.info = manifest->info;
  detail::load_clusters(*manifest, model, diags);
  detail::load_infrastructure(*manifest, model, diags);
  detail::load_prices(*manifest, model, diags);
  detail::load_sites(*manifest, model, diags);
  detail::load_contracts(*manifest, model, diags);
  detail::load_options(*manifest, model, diags);
  detail::load_history(*manifest, model, diags);
  detail::load_sde(*manifest, model, diags);
  detail::load_fund(*manifest, model, diags);
  detail::load_fund_shared(*manifest, model, diags);
  if (diags.error_count() == before) {
    check_option_potential(model, diags);
  }
  if (diags.error_count() > before) {
    return std::nullopt;
  }
  return model;
}

model::Model load_dataset_or_throw(const std::filesystem::path& dir) {
  core::Diagnostics diags;
  auto model = load_dataset(dir, diags);
  if (!model) {
    throw core::Error(diags);
  }
  return std::move(*model);
}

}  // namespace decarbfund::data
