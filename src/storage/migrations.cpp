#include "storage/migrations.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include "core/log.hpp"

namespace concierge::storage {

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";

// A migration file holds several statements; SOCI prepares one at a time, so
// hand the whole script to SQLite's own executor.
void ExecuteScript(soci::session& sql, const char* script) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  char* message = nullptr;
  if (sqlite_api::sqlite3_exec(backend->conn_, script, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : "unknown error";
    sqlite_api::sqlite3_free(message);
    throw soci::soci_error(text);
  }
}

int LatestKnown(Dialect dialect) {
  const auto& files = MigrationsFor(dialect);
  return files.empty() ? 0 : files.back().version;
}

Error NewerThanBinary(int found, int known) {
  return Error{ErrorKind::kConflict,
               "schema_too_new",
               "The database schema is at version " + std::to_string(found) +
                   " but this binary knows only up to " + std::to_string(known) +
                   "; run a newer Concierge.",
               {}};
}

}  // namespace

const std::vector<MigrationFile>& MigrationsFor(Dialect dialect) {
  static const std::vector<MigrationFile> kNone;
  return dialect == Dialect::kSqlite ? sqlite_migrations() : kNone;
}

Result<int> SchemaVersion(Database& db) {
  return db.Read([](soci::session& sql) {
    int tables = 0;
    sql << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
           "'schema_migrations'",
        soci::into(tables);
    int version = 0;
    if (tables > 0) {
      soci::indicator null_version = soci::i_ok;
      sql << "SELECT max(version) FROM schema_migrations", soci::into(version, null_version);
      if (null_version != soci::i_ok) {
        version = 0;
      }
    }
    return Result<int>(version);
  });
}

Result<MigrationReport> Migrate(Database& db) {
  db.Write([](soci::session& sql) { sql << kCreateTable; });
  auto before = SchemaVersion(db);
  if (!before) {
    return Fail(before.error());
  }
  const int known = LatestKnown(db.dialect());
  if (*before > known) {
    return Fail(NewerThanBinary(*before, known));
  }

  MigrationReport report;
  report.version_before = *before;
  for (const MigrationFile& file : MigrationsFor(db.dialect())) {
    if (file.version <= *before) {
      continue;
    }
    db.Write([&](soci::session& sql) {
      ExecuteScript(sql, file.sql);
      sql << "INSERT INTO schema_migrations (version, name) VALUES (:v, :n)",
          soci::use(file.version), soci::use(std::string(file.name));
    });
    log::Info("migration applied", {{"version", file.version}, {"name", file.name}});
    report.applied.push_back(file.version);
  }
  report.version_after = report.applied.empty() ? *before : report.applied.back();
  return report;
}

Status CheckSchemaCurrent(Database& db) {
  auto version = SchemaVersion(db);
  if (!version) {
    return Fail(version.error());
  }
  const int known = LatestKnown(db.dialect());
  if (*version > known) {
    return Fail(NewerThanBinary(*version, known));
  }
  if (*version < known) {
    return Fail(Error{ErrorKind::kUnavailable,
                      "schema_outdated",
                      "The database schema is at version " + std::to_string(*version) +
                          "; run `concierge migrate`.",
                      {}});
  }
  return {};
}

}  // namespace concierge::storage
