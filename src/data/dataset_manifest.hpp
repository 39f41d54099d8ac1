#pragma once
// The dataset directory's manifest (dataset.yaml) and the helpers every table loader shares
// (docs/data-format.md): which CSV files make up a table, reading them through their schema,
// ids defined once. Internal to the data room: load_dataset.hpp is the front header.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/diagnostic.hpp"
#include "data/csv_reader.hpp"
#include "data/schema.hpp"
#include "model/model.hpp"

namespace decarbfund::data::detail {

/// The dataset.yaml manifest: which files make up each table.
struct Manifest {
  model::DatasetInfo info;
  std::map<std::string, std::vector<std::filesystem::path>> tables;
  bool has(std::string_view key) const { return tables.count(std::string(key)) > 0; }
};

/// Reads `dir`/dataset.yaml; nullopt (with diagnostics) when it cannot be used.
std::optional<Manifest> read_manifest(const std::filesystem::path& dir, core::Diagnostics& diags);

/// Parses dataset.yaml's text (`dir` resolves its table paths, which are not read).
std::optional<Manifest> parse_manifest(std::string_view text, const std::string& file,
                                       const std::filesystem::path& dir, core::Diagnostics& diags);

/// Reads every file of one table, calling row(reader, r) per row.
template <typename RowFn>
void read_table(const Manifest& m, std::string_view key, core::Diagnostics& diags, RowFn&& row) {
  auto it = m.tables.find(std::string(key));
  if (it == m.tables.end()) {
    return;
  }
  const auto* spec = find_table(key);
  for (const auto& path : it->second) {
    auto table = read_csv(path, diags);
    if (!table) {
      continue;
    }
    TableReader reader(*table, spec->columns, diags);
    for (std::size_t r = 0; r < reader.size(); ++r) {
      row(reader, r);
    }
  }
}

/// Remembers where each id was first defined, to report duplicates with both places.
class IdRegistry {
 public:
  /// Returns false (and reports) when `id` was seen before.
  bool add(TableReader& reader, std::size_t r, std::string_view column, const std::string& id) {
    auto [it, fresh] = first_.try_emplace(id, fmt::format("{}:{}", reader.file(), reader.line(r)));
    if (!fresh) {
      reader.error(r, column, "a unique id", fmt::format("\"{}\", already defined at {}", id, it->second));
    }
    return fresh;
  }

 private:
  std::unordered_map<std::string, std::string> first_;
};

/// `s` cut at every `sep` (an empty string gives one empty part).
inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string_view::npos) {
      end = s.size();
    }
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The table loaders, in load order (each adds its table's columns to `model`).
void load_clusters(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_infrastructure(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_sites(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_contracts(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_options(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_prices(const Manifest& m, model::Model& model, core::Diagnostics& diags);
void load_history(const Manifest& m, model::Model& model, core::Diagnostics& diags);
/// SDE++ rounds and categories, and each option's category (after load_options).
void load_sde(const Manifest& m, model::Model& model, core::Diagnostics& diags);
/// The lot's instruments and ledger (docs/budget.md).
void load_fund(const Manifest& m, model::Model& model, core::Diagnostics& diags);
/// The projects shared with lots 3 and 4 or outside funders (after load_fund and load_infrastructure).
void load_fund_shared(const Manifest& m, model::Model& model, core::Diagnostics& diags);

}  // namespace decarbfund::data::detail
