#include "report/json_tables.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace decarbfund::report {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kByYear = "_by_year";

bool is_year(const std::string& key) {
  return key.size() == 4 && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TableCell cell(const json& v) {
  if (v.is_null()) {
    return std::monostate{};
  }
  if (v.is_boolean()) {
    return v.get<bool>();
  }
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(u);
    }
    return static_cast<double>(u);
  }
  if (v.is_number_integer()) {
    return v.get<std::int64_t>();
  }
  if (v.is_number()) {
    return v.get<double>();
  }
  if (v.is_string()) {
    return v.get<std::string>();
  }
  return v.dump();
}

/// An object whose values are arrays of scalars of one length (Monte Carlo's fan chart).
bool columnar(const json& o) {
  if (!o.is_object() || o.empty()) {
    return false;
  }
  std::size_t n = 0;
  bool first = true;
  for (const auto& [k, v] : o.items()) {
    if (!v.is_array() || v.empty() || (!first && v.size() != n)) {
      return false;
    }
    for (const auto& x : v) {
      if (x.is_object() || x.is_array()) {
        return false;
      }
    }
    n = v.size();
    first = false;
  }
  return true;
}

bool rows_of_objects(const json& a) {
  return a.is_array() && !a.empty() && std::all_of(a.begin(), a.end(), [](const json& x) { return x.is_object(); });
}

/// A row's cells by dotted column name, nested objects flattened, arrays as JSON text.
void flatten(const json& o, const std::string& prefix, std::vector<std::pair<std::string, TableCell>>& out) {
  for (const auto& [k, v] : o.items()) {
    const std::string name = prefix.empty() ? k : prefix + "." + k;
    if (v.is_object() && !v.empty()) {
      flatten(v, name, out);
    } else {
      out.emplace_back(name, cell(v));
    }
  }
}

class Builder {
 public:
  std::vector<Table> finish() {
    std::vector<Table> out;
    out.push_back(std::move(summary_));
    if (!year_columns_.empty()) {
      Table t{"by_year", {"year"}, {}};
      t.columns.insert(t.columns.end(), year_columns_.begin(), year_columns_.end());
      for (auto& [year, cells] : year_rows_) {
        cells.resize(year_columns_.size());
        std::vector<TableCell> row{year};
        row.insert(row.end(), cells.begin(), cells.end());
        t.rows.push_back(std::move(row));
      }
      out.push_back(std::move(t));
    }
    for (auto& t : others_) {
      out.push_back(std::move(t));
    }
    return out;
  }

  void walk(const json& o, const std::string& path) {
    for (const auto& [k, v] : o.items()) {
      const std::string p = path.empty() ? k : path + "." + k;
      if (ends_with(k, kByYear) && v.is_object()) {
        series(v, p.substr(0, p.size() - kByYear.size()), p);
      } else if (columnar(v)) {
        columns(v, p);
      } else if (v.is_object()) {
        walk(v, p);
      } else if (rows_of_objects(v)) {
        others_.push_back(table(v, p));
      } else {
        summary_.rows.push_back({p, cell(v)});
      }
    }
  }

  static Table table(const json& rows, const std::string& name) {
    Table t{name, {}, {}};
    std::vector<std::vector<std::pair<std::string, TableCell>>> flat;
    for (const auto& r : rows) {
      flat.emplace_back();
      flatten(r, "", flat.back());
      for (const auto& [c, v] : flat.back()) {
        if (std::find(t.columns.begin(), t.columns.end(), c) == t.columns.end()) {
          t.columns.push_back(c);
        }
      }
    }
    for (auto& f : flat) {
      std::vector<TableCell> row(t.columns.size());
      for (auto& [c, v] : f) {
        row[static_cast<std::size_t>(std::find(t.columns.begin(), t.columns.end(), c) - t.columns.begin())] =
            std::move(v);
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  }

 private:
  std::size_t column(const std::string& name) {
    const auto it = std::find(year_columns_.begin(), year_columns_.end(), name);
    if (it != year_columns_.end()) {
      return static_cast<std::size_t>(it - year_columns_.begin());
    }
    year_columns_.push_back(name);
    return year_columns_.size() - 1;
  }

  void put(const std::string& name, std::int64_t year, TableCell v) {
    const std::size_t c = column(name);
    auto& row = year_rows_[year];
    if (row.size() <= c) {
      row.resize(c + 1);
    }
    row[c] = std::move(v);
  }

  /// An object under a `_by_year` key: {year: value}, {year: {sub: value}} or {sub: {year: …}}.
  void series(const json& o, const std::string& name, const std::string& path) {
    for (const auto& [k, v] : o.items()) {
      if (is_year(k)) {
        const std::int64_t year = std::stoll(k);
        if (v.is_object()) {
          for (const auto& [sub, x] : v.items()) {
            put(name + "." + sub, year, cell(x));
          }
        } else {
          put(name, year, cell(v));
        }
      } else if (v.is_object()) {
        series(v, name + "." + k, path + "." + k);
      } else {
        summary_.rows.push_back({path + "." + k, cell(v)});
      }
    }
  }

  /// An object of equal-length arrays: by year when it has `years` (or `year`), else a table.
  void columns(const json& o, const std::string& path) {
    const char* years_key = o.contains("years") ? "years" : o.contains("year") ? "year" : nullptr;
    bool by_year = years_key != nullptr;
    if (by_year) {
      for (const auto& y : o[years_key]) {
        by_year = by_year && y.is_number_integer();
      }
    }
    if (by_year) {
      const auto& years = o[years_key];
      for (const auto& [k, v] : o.items()) {
        if (k == years_key) {
          continue;
        }
        for (std::size_t i = 0; i < years.size(); ++i) {
          put(path + "." + k, years[i].get<std::int64_t>(), cell(v[i]));
        }
      }
      return;
    }
    Table t{path, {}, {}};
    std::size_t n = 0;
    for (const auto& [k, v] : o.items()) {
      t.columns.push_back(k);
      n = v.size();
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<TableCell> row;
      for (const auto& [k, v] : o.items()) {
        row.push_back(cell(v[i]));
      }
      t.rows.push_back(std::move(row));
    }
    others_.push_back(std::move(t));
  }

  Table summary_{"summary", {"item", "value"}, {}};
  std::vector<std::string> year_columns_;
  std::map<std::int64_t, std::vector<TableCell>> year_rows_;
  std::vector<Table> others_;
};

std::string csv_field(const TableCell& c) {
  struct Visit {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& s) const {
      if (s.find_first_of(",\"\r\n") == std::string::npos) {
        return s;
      }
      std::string out = "\"";
      for (const char ch : s) {
        out += ch == '"' ? "\"\"" : std::string(1, ch);
      }
      return out + "\"";
    }
  };
  return std::visit(Visit{}, c);
}

}  // namespace

std::vector<Table> json_tables(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw core::Error("report", fmt::format("expected a JSON document, found one that does not parse ({})", e.what()));
  }
  Builder b;
  if (rows_of_objects(doc)) {
    auto tables = b.finish();
    tables.push_back(Builder::table(doc, "rows"));
    return tables;
  }
  if (doc.is_object()) {
    b.walk(doc, "");
  }
  return b.finish();
}

std::string csv_line(const std::vector<TableCell>& cells) {
  std::string out;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    out += (c == 0 ? "" : ",") + csv_field(cells[c]);
  }
  return out + "\n";
}

std::string table_csv(const Table& table) {
  std::string out = csv_line(std::vector<TableCell>(table.columns.begin(), table.columns.end()));
  for (const auto& row : table.rows) {
    out += csv_line(row);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> csv_files(std::string_view json) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : json_tables(json)) {
    out.emplace_back(t.name + ".csv", table_csv(t));
  }
  return out;
}

}  // namespace decarbfund::report
