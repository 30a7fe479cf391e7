#pragma once

#include <vector>

namespace concierge::storage {

// One numbered, forward-only schema change, embedded in the binary at build
// time from migrations/<dialect>/NNNN_name.sql.
struct MigrationFile {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<MigrationFile>& sqlite_migrations();

}  // namespace concierge::storage
