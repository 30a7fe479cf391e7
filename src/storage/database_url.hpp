#pragma once

#include <string>

#include "core/error.hpp"

namespace concierge::storage {

enum class Dialect { kSqlite, kPostgres };

// A parsed CONCIERGE_DATABASE_URL.
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  // SQLite: the database file path. PostgreSQL: empty.
  std::string path;
  // What SOCI's back end is given (PostgreSQL wants key=value, not a URI).
  std::string connect_string;
};

// Accepts sqlite:///absolute/file.db, sqlite://relative/file.db and
// postgresql://user:pass@host:port/dbname (also postgres://).
[[nodiscard]] Result<DatabaseUrl> ParseDatabaseUrl(const std::string& url);

}  // namespace concierge::storage
