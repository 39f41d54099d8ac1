#include "data/dataset_manifest.hpp"

#include <charconv>
#include <cstdio>
#include <set>


#include "core/atomic_file.hpp"
#include "data/yaml_diagnostics.hpp"
#include "data/yaml_document.hpp"

namespace decarbfund::data::detail {

namespace {

void yaml_error(core::Diagnostics& diags, const std::string& file, const YamlNode& n,
                std::string key, std::string expected) {
  core::Diagnostic d;
  d.code = "yaml.invalid";
  d.file = file;
  d.line = n.line();
  d.key_path = std::move(key);
  d.expected = std::move(expected);
  d.found = describe(n);
  diags.add(std::move(d));
}

}  // namespace

std::optional<Manifest> read_manifest(const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto path = dir / "dataset.yaml";
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    diags.error(dir.string(), 0, "", "a dataset directory holding dataset.yaml", "no such directory",
                "dataset.missing");
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    diags.error(file, 0, "", "the dataset manifest dataset.yaml", "no such file", "dataset.missing");
    return std::nullopt;
  }
  const auto text = core::read_file(path, diags);
  if (!text) {
    return std::nullopt;
  }
  return parse_manifest(*text, file, dir, diags);
}

std::optional<Manifest> parse_manifest(std::string_view text, const std::string& file,
                                       const std::filesystem::path& dir, core::Diagnostics& diags) {
  const auto parsed = parse_yaml(text, file, "yaml.syntax", diags);
  if (!parsed) {
    return std::nullopt;
  }
  const YamlNode root = *parsed;
  if (!root.is_map()) {
    yaml_error(diags, file, root, "", "a mapping with format_version, name, tables");
    return std::nullopt;
  }
  Manifest m;
  m.info.path = dir.string();
  static const std::set<std::string> kKeys = {"format_version", "name",       "version", "description",
                                              "base_year",      "price_year", "as_of",   "tables"};
  for (const auto& kv : root) {
    const auto key = kv.first.key_text();
    if (!kKeys.count(key)) {
      yaml_error(diags, file, kv.first, key,
                 "one of format_version, name, version, description, base_year, price_year, as_of, tables");
    }
  }
  auto get_int = [&](const char* key, int lo, int hi, int& out) {
    const auto n = root[key];
    const std::string& s = n.scalar();
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (n.is_scalar() && ec == std::errc() && end == s.data() + s.size() && v >= lo && v <= hi) {
      out = v;
      return;
    }
    yaml_error(diags, file, n, key, fmt::format("a whole number from {} to {}", lo, hi));
  };
  auto get_text = [&](const char* key, bool required, std::string& out) {
    const auto n = root[key];
    if (n.defined() && n.is_scalar() && !n.scalar().empty()) {
      out = n.scalar();
    } else if (required || n.defined()) {
      yaml_error(diags, file, n, key, "a text value");
    }
  };
  get_int("format_version", 1, 1000, m.info.format_version);
  if (m.info.format_version != 0 && m.info.format_version != kDatasetFormatVersion) {
    yaml_error(diags, file, root["format_version"], "format_version",
               fmt::format("format version {} (this build reads {})", kDatasetFormatVersion,
                           kDatasetFormatVersion));
  }
  get_text("name", true, m.info.name);
  get_text("version", true, m.info.version);
  get_text("description", false, m.info.description);
  get_int("base_year", 1990, 2100, m.info.base_year);
  get_int("price_year", 2000, 2100, m.info.price_year);
  // as_of (issue 18): what the dataset knows as of when; optional, a date YYYY-MM-DD.
  if (const auto n = root["as_of"]; n.defined()) {
    const std::string date = n.is_scalar() ? n.scalar() : std::string();
    int y = 0, mo = 0, d = 0;
    char tail = 0;
    if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3 && y >= 2000 &&
        y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      m.info.as_of = date;
      m.info.as_of_year = y;
    } else {
      yaml_error(diags, file, n, "as_of", "a date YYYY-MM-DD from 2000 to 2100 (what the dataset knows as of when)");
    }
  }
  const auto tables = root["tables"];
  if (!tables.defined() || !tables.is_map()) {
    yaml_error(diags, file, tables, "tables", "a mapping from table name to a list of CSV files");
    return std::nullopt;
  }
  for (const auto& kv : tables) {
    const auto key = kv.first.key_text();
    if (find_table(key) == nullptr) {
      std::string known;
      for (const auto& t : dataset_tables()) {
        known += known.empty() ? "" : ", ";
        known += t.key;
      }
      yaml_error(diags, file, kv.first, "tables." + key, "one of the tables " + known);
      continue;
    }
    std::vector<std::filesystem::path> files;
    auto add = [&](const YamlNode& f, const std::string& where) {
      if (!f.is_scalar() || f.scalar().empty()) {
        yaml_error(diags, file, f, where, "a CSV file path relative to the dataset directory");
        return;
      }
      std::filesystem::path rel(f.scalar());
      if (rel.is_absolute() || rel.lexically_normal().string().starts_with("..")) {
        yaml_error(diags, file, f, where, "a path inside the dataset directory");
        return;
      }
      files.push_back(dir / rel);
    };
    if (kv.second.is_sequence()) {
      for (std::size_t i = 0; i < kv.second.size(); ++i) {
        add(kv.second[i], fmt::format("tables.{}[{}]", key, i));
      }
    } else {
      add(kv.second, "tables." + key);
    }
    m.tables[key] = std::move(files);
  }
  for (const char* required : {"clusters", "sites"}) {
    if (!m.tables.count(required)) {
      yaml_error(diags, file, tables[required], std::string("tables.") + required,
                 "a list of CSV files (the table is required)");
    }
  }
  return m;
}


}  // namespace decarbfund::data::detail
