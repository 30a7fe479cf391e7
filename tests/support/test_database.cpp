#include "test_database.hpp"

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

#include "core/crypto.hpp"
#include "storage/migrations.hpp"

namespace concierge::testing {

namespace {

void RemoveFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix);
  }
}

}  // namespace

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  InitCrypto();
  path_ =
      (std::filesystem::temp_directory_path() /
       ("concierge-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
          .string();
  RemoveFiles(path_);
  auto url = storage::ParseDatabaseUrl("sqlite://" + path_);
  auto db = storage::Database::Open(*url, 4);
  if (!db) {
    throw std::runtime_error(db.error().detail);
  }
  db_ = std::move(*db);
  if (auto migrated = storage::Migrate(*db_); !migrated) {
    throw std::runtime_error(migrated.error().detail);
  }
}

TestDatabase::~TestDatabase() {
  db_.reset();
  RemoveFiles(path_);
}

std::int64_t TestDatabase::AddTenant(const std::string& slug) {
  return db_->Write([&](soci::session& sql) {
    sql << "INSERT INTO tenants (slug, name) VALUES (:s, :n)", soci::use(slug), soci::use(slug);
    return storage::LastInsertId(sql);
  });
}

}  // namespace concierge::testing
