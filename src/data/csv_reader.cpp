#include "data/csv_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/huge_pages.hpp"
#include "core/utf8.hpp"

namespace decarbfund::data {

namespace {

long line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

/// Line ends in `text`, found with memchr (std::count looks at every byte; issue 21).
std::size_t count_newlines(std::string_view text) {
  std::size_t count = 0;
  for (const char *p = text.data(), *end = p + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
    ++count;
  }
  return count;
}

/// The bytes that end an unquoted field (or, a quote, are an error in one): one table lookup per
/// byte instead of four comparisons (issue 21).
constexpr auto kFieldStop = [] {
  std::array<bool, 256> stop{};
  for (const unsigned char c : {',', '"', '\n', '\r'}) {
    stop[c] = true;
  }
  return stop;
}();
bool is_field_stop(char c) { return kFieldStop[static_cast<unsigned char>(c)]; }

}  // namespace

std::optional<CsvTable> parse_csv(std::string_view text, const std::string& file,
                                  core::Diagnostics& diags) {
  auto table = parse_csv_view(text, file, diags);
  if (table) {
    // The cells' offsets count from the viewed text (after any byte-order mark): copy just that.
    table->text_.assign(table->borrowed_);
    table->borrowed_ = {};
  }
  return table;
}

std::optional<CsvTable> parse_csv_view(std::string_view text, const std::string& file,
                                       core::Diagnostics& diags) {
  if (text.size() > kMaxCsvBytes) {
    diags.error(file, 1, "", fmt::format("CSV text of at most {} bytes", kMaxCsvBytes),
                fmt::format("{} bytes", text.size()), "csv.too_large");
    return std::nullopt;
  }
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);  // a UTF-8 byte-order mark, as spreadsheets write it
  }
  if (auto bad = core::find_invalid_utf8(text); bad != std::string_view::npos) {
    diags.error(file, line_of(text, bad), "", "UTF-8 text",
                fmt::format("an invalid byte 0x{:02x}", static_cast<unsigned char>(text[bad])),
                "csv.encoding");
    return std::nullopt;
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    diags.error(file, line_of(text, nul), "", "text", "a NUL byte", "csv.encoding");
    return std::nullopt;
  }

  CsvTable table;
  table.file = file;
  table.borrowed_ = text;
  using Cell = CsvTable::Cell;
  auto& cells = table.cells_;
  const auto newlines = count_newlines(text);
  table.lines_.reserve(newlines);
  // Rows whose field count differs from the header's, reported after the whole file is read.
  struct Ragged {
    long line;
    std::size_t fields;
  };
  std::vector<Ragged> ragged;
  long line = 1;
  std::size_t i = 0;
  const auto n = text.size();
  bool header_seen = false;
  while (i < n) {
    // Comments and blank lines before the header; blank lines anywhere are skipped.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    if (!header_seen && text[i] == '#') {
      auto eol = text.find('\n', i);
      i = eol == std::string_view::npos ? n : eol + 1;
      ++line;
      continue;
    }
    const long row_line = line;
    const std::size_t row_begin = cells.size();  // this record's cells are cells[row_begin …]
    bool record_done = false;
    while (!record_done) {
      if (i < n && text[i] == '"') {
        const long quote_line = line;
        ++i;
        bool closed = false;
        // A quoted field is unescaped into the table's own text.
        const std::size_t begin = table.own_text_.size();
        while (i < n) {
          // The text up to the next quote in one piece (a note is a few hundred bytes).
          const std::size_t quote = std::min(text.find('"', i), n);
          const auto span = text.substr(i, quote - i);
          line += static_cast<long>(std::count(span.begin(), span.end(), '\n'));
          table.own_text_ += span;
          i = quote;
          if (i == n) {
            break;
          }
          if (i + 1 < n && text[i + 1] == '"') {
            table.own_text_ += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (!closed) {
          diags.error(file, quote_line, "", "a closing quote for the field opened here",
                      "end of file", "csv.quoting");
          return std::nullopt;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          diags.error(file, line, "", "',' or end of line after a closing quote",
                      core::quote_found(text.substr(i, 1)), "csv.quoting");
          return std::nullopt;
        }
        // Both fit in 31 bits: no text is longer than kMaxCsvBytes.
        cells.push_back(Cell{CsvTable::kOwnText | static_cast<std::uint32_t>(begin),
                             static_cast<std::uint32_t>(table.own_text_.size() - begin)});
      } else {
        const std::size_t start = i;
        while (i < n && !is_field_stop(text[i])) {
          ++i;
        }
        if (i < n && text[i] == '"') {
          diags.error(file, line, "", "a quote only at the start of a field",
                      core::quote_found(std::string(text.substr(start, i - start)) + '"'),
                      "csv.quoting");
          return std::nullopt;
        }
        cells.push_back(Cell{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i - start)});
      }
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else if (text[i] == '\r') {
        if (i + 1 < n && text[i + 1] == '\n') {
          i += 2;
        } else {
          diags.error(file, line, "", "a line ending of \\n or \\r\\n", "a lone \\r", "csv.quoting");
          return std::nullopt;
        }
        ++line;
        record_done = true;
      } else {  // '\n'
        ++i;
        ++line;
        record_done = true;
      }
    }
    const std::size_t fields = cells.size() - row_begin;
    if (!header_seen) {
      table.header_line = row_line;
      table.header.reserve(fields);
      for (std::size_t k = row_begin; k < cells.size(); ++k) {
        const Cell c = cells[k];
        const std::string_view from = (c.begin & CsvTable::kOwnText) != 0 ? table.own_text_ : text;
        table.header.emplace_back(from.substr(c.begin & ~CsvTable::kOwnText, c.size));
      }
      cells.clear();
      // Data rows hold as many cells as the header: one array for all of them (each cell takes
      // at least its separator's byte, so never more than the text has bytes).
      cells.reserve(std::min(fields * newlines, n + 1));
      core::prefer_huge_pages_for(cells);
      header_seen = true;
    } else if (fields != table.header.size()) {
      ragged.push_back({row_line, fields});
      cells.resize(row_begin);
    } else {
      table.lines_.push_back(row_line);
    }
  }
  if (!header_seen) {
    diags.error(file, 1, "", "a header row naming the columns", "an empty file", "csv.empty");
    return std::nullopt;
  }
  for (const auto& r : ragged) {
    diags.error(file, r.line, "", fmt::format("{} fields as in the header", table.header.size()),
                fmt::format("{}", r.fields), "csv.ragged_row");
  }
  return table;
}

bool CsvTable::add_row(long at_line, std::span<const std::string> fields) {
  if (fields.size() != header.size()) {
    return false;
  }
  std::size_t bytes = own_text_.size();
  for (const auto& f : fields) {
    bytes += f.size();
  }
  if (bytes > kMaxCsvBytes) {
    return false;
  }
  for (const auto& f : fields) {
    cells_.push_back(Cell{kOwnText | static_cast<std::uint32_t>(own_text_.size()), static_cast<std::uint32_t>(f.size())});
    own_text_ += f;
  }
  lines_.push_back(at_line);
  return true;
}

std::optional<CsvTable> read_csv(const std::filesystem::path& path, core::Diagnostics& diags) {
  const auto read = core::read_file(path, diags);
  if (!read) {
    return std::nullopt;
  }
  const std::string& text = *read;
  return parse_csv(text, path.string(), diags);
}

namespace {

/// A plain decimal, -?[0-9]+(.[0-9]+)? with at most 15 digits, read exactly as from_chars reads
/// it: the digits form an integer below 2^53 and 10^decimals (≤ 10^15) is exact too, so one
/// correctly rounded division gives the double nearest the decimal (Clinger 1990, "How to read
/// floating point numbers accurately", the fast path). Most cells of a data file are such numbers;
/// from_chars was a tenth of reading 100,000 applications (issue 21). nullopt: not of that form.
std::optional<double> parse_plain_decimal(std::string_view text) {
  constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char* p = text.data();
  const char* const end = p + text.size();
  const bool negative = p != end && *p == '-';
  p += negative ? 1 : 0;
  std::uint64_t digits = 0;
  int count = 0;
  int decimals = 0;
  const char* const int_begin = p;
  for (; p != end && *p >= '0' && *p <= '9'; ++p, ++count) {
    digits = digits * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  if (p == int_begin) {
    return std::nullopt;
  }
  if (p != end && *p == '.') {
    const char* const frac_begin = ++p;
    for (; p != end && *p >= '0' && *p <= '9'; ++p, ++count) {
      digits = digits * 10 + static_cast<std::uint64_t>(*p - '0');
    }
    decimals = static_cast<int>(p - frac_begin);
    if (decimals == 0) {
      return std::nullopt;
    }
  }
  if (p != end || count > 15) {
    return std::nullopt;
  }
  const double value = static_cast<double>(digits) / kPow10[decimals];
  return negative ? -value : value;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (auto plain = parse_plain_decimal(text)) {
    return plain;  // at most 15 digits: finite and below 1e15
  }
  if (text.empty() || text.size() > 64) {
    return std::nullopt;
  }
  std::string_view body = text;
  if (body.front() == '-') {
    body.remove_prefix(1);
  }
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body.front())) || body.front() == '.')) {
    return std::nullopt;  // rejects "nan", "inf", "+1", " 1"
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value,
                                   std::chars_format::general);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value) ||
      std::fabs(value) > 1e15) {
    return std::nullopt;
  }
  return value;
}

TableReader::TableReader(const CsvTable& table, std::span<const ColumnSpec> schema,
                         core::Diagnostics& diags)
    : table_(table), schema_(schema), diags_(diags), column_index_(schema.size(), -1) {
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const auto& name = table.header[c];
    for (std::size_t d = 0; d < c; ++d) {
      if (table.header[d] == name) {
        diags.error(table.file, table.header_line, name, "each column once",
                    "a duplicate column", "csv.duplicate_column");
        ok_ = false;
      }
    }
    auto it = std::find_if(schema.begin(), schema.end(),
                           [&](const ColumnSpec& s) { return s.name == name; });
    if (it == schema.end()) {
      std::string known;
      for (const auto& s : schema) {
        known += known.empty() ? "" : ", ";
        known += s.name;
      }
      diags.error(table.file, table.header_line, name, "one of the columns " + known,
                  "an unknown column", "csv.unknown_column");
      ok_ = false;
    } else {
      column_index_[static_cast<std::size_t>(it - schema.begin())] = static_cast<int>(c);
    }
  }
  for (std::size_t s = 0; s < schema.size(); ++s) {
    if (schema[s].required && column_index_[s] < 0) {
      diags.error(table.file, table.header_line, std::string(schema[s].name),
                  "a required column", "none", "csv.missing_column");
      ok_ = false;
    }
  }
}

std::size_t TableReader::slot(std::string_view column) const {
  // Loaders that ask by name read a row's columns in schema order, so the search starts at the
  // last column found: one or two comparisons per lookup instead of up to one per column.
  // A loader names a column by the same literal as its schema, which the compiler stores once:
  // equal addresses settle most lookups without comparing characters.
  const std::size_t n = schema_.size();
  for (std::size_t k = 0, s = next_slot_; k < n; ++k, s = s + 1 == n ? 0 : s + 1) {
    const auto name = schema_[s].name;
    if ((name.data() == column.data() && name.size() == column.size()) || name == column) {
      next_slot_ = s;
      return s;
    }
  }
  return n;
}

std::string_view TableReader::raw(std::size_t row, Column column) const { return value(row, column); }

void TableReader::error(std::size_t row, std::string_view column, std::string expected,
                        std::string found) {
  diags_.error(table_.file, line(row), std::string(column), std::move(expected), std::move(found));
}

// In the accessors below a diagnostic names the column by its schema entry: only a column in the
// schema can hold a value (value() is empty elsewhere), so that is the name the loader asked for.

std::string TableReader::text(std::size_t row, Column column) {
  const ColumnSpec* s = spec(column);
  const std::string_view cell = value(row, column);
  if (cell.empty() && s != nullptr && s->required) {
    error(row, s->name, s->description.empty() ? "a value" : std::string(s->description), "nothing");
  }
  return std::string(cell);
}

double TableReader::number(std::size_t row, Column column, double fallback) {
  const ColumnSpec* s = spec(column);
  const std::string_view cell = value(row, column);
  // Only an error message needs the unit: building it for every value cost an allocation a cell.
  auto unit = [s] { return s != nullptr && !s->unit.empty() ? fmt::format(" in {}", s->unit) : std::string(); };
  if (cell.empty()) {
    if (s != nullptr && s->required) {
      error(row, s->name, "a number" + unit(), "nothing");
    }
    return fallback;
  }
  auto parsed = parse_number(cell);
  if (!parsed) {
    error(row, s->name, "a finite decimal number" + unit() + " (at most 1e15)", core::quote_found(cell));
    return fallback;
  }
  if (*parsed < s->min || *parsed > s->max) {
    error(row, s->name, fmt::format("a number{} from {} to {}", unit(), s->min, s->max),
          core::quote_found(cell));
    return fallback;
  }
  return *parsed;
}

long TableReader::integer(std::size_t row, Column column, long fallback) {
  const ColumnSpec* s = spec(column);
  const std::string_view cell = value(row, column);
  if (cell.empty()) {
    if (s != nullptr && s->required) {
      error(row, s->name, "a whole number", "nothing");
    }
    return fallback;
  }
  long parsed = 0;
  auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), parsed);
  if (ec != std::errc() || ptr != cell.data() + cell.size()) {
    error(row, s->name, "a whole number", core::quote_found(cell));
    return fallback;
  }
  if (static_cast<double>(parsed) < s->min || static_cast<double>(parsed) > s->max) {
    error(row, s->name, fmt::format("a whole number from {} to {}", s->min, s->max),
          core::quote_found(cell));
    return fallback;
  }
  return parsed;
}

int TableReader::choice(std::size_t row, Column column, std::span<const std::string_view> allowed) {
  const ColumnSpec* s = spec(column);
  const std::string_view cell = value(row, column);
  if (cell.empty() && (s == nullptr || !s->required)) {
    return -1;
  }
  for (std::size_t k = 0; k < allowed.size(); ++k) {
    if (allowed[k] == cell) {
      return static_cast<int>(k);
    }
  }
  std::string list;
  for (auto a : allowed) {
    list += list.empty() ? "" : ", ";
    list += a;
  }
  // Here s is not null: an empty value outside the schema returned above.
  error(row, s->name, "one of " + list, cell.empty() ? "nothing" : core::quote_found(cell));
  return -1;
}

}  // namespace decarbfund::data
