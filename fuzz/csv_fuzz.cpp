// Fuzzes the strict CSV reader and the schema-checked TableReader with the sites, options, prices
// and fund-ledger schemas: any input must give a table or diagnostics, never a crash or a sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data/csv_reader.hpp"
#include "data/schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace decarbfund;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  core::Diagnostics diags;
  auto table = data::parse_csv(text, "fuzz.csv", diags);
  if (!table) {
    return 0;
  }
  for (const char* key : {"sites", "options", "prices", "fund_instruments", "fund_ledger"}) {
    const auto* spec = data::find_table(key);
    data::TableReader reader(*table, spec->columns, diags);
    for (std::size_t r = 0; r < reader.size(); ++r) {
      for (const auto& c : spec->columns) {
        switch (c.type) {
          case data::ColumnType::text:
            reader.text(r, c.name);
            break;
          case data::ColumnType::number:
            reader.number(r, c.name);
            break;
          case data::ColumnType::integer:
            reader.integer(r, c.name);
            break;
        }
      }
      reader.choice(r, "levy_category", data::kLevyCategories);
    }
  }
  for (const auto& d : diags.all()) {
    (void)d.to_string();
  }
  return 0;
}
