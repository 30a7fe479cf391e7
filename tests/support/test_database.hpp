#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace concierge::testing {

// A fresh, migrated SQLite database in a temporary file, removed afterwards.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  [[nodiscard]] storage::Database& db() { return *db_; }
  [[nodiscard]] const std::string& path() const { return path_; }

  // Inserts a tenant and returns its id.
  std::int64_t AddTenant(const std::string& slug);

 private:
  std::string path_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace concierge::testing
