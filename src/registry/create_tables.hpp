#pragma once
// The registry's format-4 tables: the state's obligations (issue 17 §2, registry/obligations.cpp)
// and intensity monitoring (issue 17 §4, registry/intensity.cpp).

#include <string>

struct sqlite3;

namespace decarbfund::registry::detail {

/// Creates the obligations and obligation_updates tables (format 4) in a new registry.
void create_obligation_tables(sqlite3* db, const std::string& path);
/// Creates the delivery_measure and production tables (format 4, registry/intensity.cpp).
void create_intensity_tables(sqlite3* db, const std::string& path);

}  // namespace decarbfund::registry::detail
