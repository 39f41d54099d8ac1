#pragma once
// The report texts of one language: (key, text) pairs, one table per language
// (strings_en.cpp, strings_nl.cpp), with the same keys in both (tests/report/string_table_test.cpp
// checks it, and that a key's `{}` placeholders are the same in both). A text may hold fmt
// placeholders, filled by Localizer::format. Adding a label: one line in each table.

#include <span>
#include <string_view>

#include "report/lang.hpp"

namespace decarbfund::report {

struct StringEntry {
  std::string_view key;
  std::string_view text;
};

/// The table of `lang`, in the order it is written.
std::span<const StringEntry> string_table(Lang lang);

/// The tables themselves (one file each).
std::span<const StringEntry> strings_en();
std::span<const StringEntry> strings_nl();

}  // namespace decarbfund::report
