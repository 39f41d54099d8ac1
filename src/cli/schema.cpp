// `decarbfund schema`: print the dataset tables' columns as Markdown (docs/data-format.md embeds
// this output, so the docs follow the schema the loader checks).

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "data/schema.hpp"

namespace decarbfund::cli {

void add_schema(CLI::App& app, int& status) {
  auto* cmd = app.add_subcommand("schema", "Print the dataset format's tables and columns as Markdown");
  cmd->callback([&status] {
    for (const auto& t : data::dataset_tables()) {
      fmt::print("### `{}`\n\n{}.\n\n| column | type | unit | required | range | meaning |\n"
                 "|---|---|---|---|---|---|\n",
                 t.key, t.description);
      for (const auto& c : t.columns) {
        const char* type = c.type == data::ColumnType::text     ? "text"
                           : c.type == data::ColumnType::number ? "number"
                                                                : "integer";
        std::string range = c.type == data::ColumnType::text ? "" : fmt::format("{} … {}", c.min, c.max);
        fmt::print("| `{}` | {} | {} | {} | {} | {} |\n", c.name, type, c.unit,
                   c.required ? "yes" : "no", range, c.description);
      }
      fmt::print("\n");
    }
    status = kExitOk;
  });
}

}  // namespace decarbfund::cli
