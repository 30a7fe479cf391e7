#pragma once

#include <vector>

#include "core/error.hpp"
#include "storage/database.hpp"
#include "storage/migration_files.hpp"

namespace concierge::storage {

struct MigrationReport {
  int version_before = 0;
  int version_after = 0;
  std::vector<int> applied;
};

// The migrations this binary carries for the database's dialect, in order.
[[nodiscard]] const std::vector<MigrationFile>& MigrationsFor(Dialect dialect);

// The highest version recorded in schema_migrations (0 on an empty database).
[[nodiscard]] Result<int> SchemaVersion(Database& db);

// Applies every migration newer than the database, each in its own
// transaction, recording it in schema_migrations. Refuses (and changes
// nothing) when the database is newer than this binary.
[[nodiscard]] Result<MigrationReport> Migrate(Database& db);

// Fails unless the database is exactly at this binary's newest version.
[[nodiscard]] Status CheckSchemaCurrent(Database& db);

}  // namespace concierge::storage
