#include "storage/database.hpp"

#include <filesystem>

#include "core/log.hpp"

namespace concierge::storage {

Database::Database(Dialect dialect, std::size_t pool_size)
    : dialect_(dialect),
      begin_write_(dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() {
  // Cached statements must be finalised while their sessions are still open.
  for (std::size_t i = 0; i < caches_.size(); ++i) {
    ForgetStatementCache(pool_->at(i));
  }
  caches_.clear();
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseUrl& url, std::size_t pool_size) {
  if (url.dialect != Dialect::kSqlite) {
    // The PostgreSQL scale path (DESIGN.md section 7) needs its own migrations
    // and a server in CI; until both exist, refuse clearly instead of half-working.
    return Fail(Error::Invalid("unsupported_database",
                               "This version serves SQLite databases only (sqlite://...)."));
  }

  const auto parent = std::filesystem::path(url.path).parent_path();
  std::error_code ignored;
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ignored);
  }

  std::unique_ptr<Database> db(new Database(url.dialect, pool_size));
  try {
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& sql = db->pool_->at(i);
      sql.open("sqlite3", url.connect_string);
      sql << "PRAGMA foreign_keys = ON";
      sql << "PRAGMA busy_timeout = 5000";
      // FULL: a commit that returned has reached the disk; money is involved.
      sql << "PRAGMA synchronous = FULL";
      if (i == 0) {
        sql << "PRAGMA journal_mode = WAL";
      }
      db->caches_.push_back(std::make_unique<StatementCache>(sql));
      RegisterStatementCache(sql, db->caches_.back().get());
    }
  } catch (const std::exception& error) {
    log::Error("database open failed", {{"path", url.path}, {"error", error.what()}});
    return Fail(Error{ErrorKind::kUnavailable,
                      "database_unavailable",
                      "The database " + url.path + " could not be opened.",
                      {}});
  }
  return db;
}

bool IsUniqueViolation(const soci::soci_error& error) {
  const std::string text = error.what();
  return text.find("UNIQUE constraint failed") != std::string::npos ||
         text.find("duplicate key value") != std::string::npos;
}

bool IsForeignKeyViolation(const soci::soci_error& error) {
  const std::string text = error.what();
  return text.find("FOREIGN KEY constraint failed") != std::string::npos ||
         text.find("violates foreign key constraint") != std::string::npos;
}

long long LastInsertId(soci::session& sql) {
  // SQLite's back end answers from the connection, without a statement.
  long long id = 0;
  if (!sql.get_last_insert_id("", id)) {
    sql << "SELECT last_insert_rowid()", soci::into(id);
  }
  return id;
}

}  // namespace concierge::storage
