#include "storage/database.hpp"

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "storage/migrations.hpp"

namespace concierge::storage {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("concierge-db-test-" + std::to_string(::getpid()) + ".db");
    Remove();
    auto url = ParseDatabaseUrl("sqlite://" + path_.string());
    ASSERT_TRUE(url);
    auto db = Database::Open(*url, 4);
    ASSERT_TRUE(db) << db.error().detail;
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, MigrateAppliesEveryFileOnceAndRecordsIt) {
  auto first = Migrate(*db_);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->version_before, 0);
  EXPECT_FALSE(first->applied.empty());
  EXPECT_TRUE(CheckSchemaCurrent(*db_));

  auto second = Migrate(*db_);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->version_after, first->version_after);
}

TEST_F(DatabaseTest, RefusesADatabaseNewerThanTheBinary) {
  ASSERT_TRUE(Migrate(*db_));
  db_->Write([](soci::session& sql) {
    sql << "INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')";
  });

  auto again = Migrate(*db_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "schema_too_new");
  EXPECT_FALSE(CheckSchemaCurrent(*db_));
}

TEST_F(DatabaseTest, WriteRollsBackWhenWorkReturnsAnError) {
  ASSERT_TRUE(Migrate(*db_));
  Status outcome = db_->Write([](soci::session& sql) -> Status {
    sql << "INSERT INTO tenants (slug, name) VALUES ('a', 'A')";
    return Fail(Error::Conflict("nope", "rolled back"));
  });
  EXPECT_FALSE(outcome);

  int count = -1;
  db_->Read([&](soci::session& sql) { sql << "SELECT count(*) FROM tenants", soci::into(count); });
  EXPECT_EQ(count, 0);
}

TEST_F(DatabaseTest, ForeignKeysAreEnforced) {
  ASSERT_TRUE(Migrate(*db_));
  EXPECT_THROW(db_->Write([](soci::session& sql) {
    sql << "INSERT INTO buildings (tenant_id, code, name) VALUES (424242, 'X', 'X')";
  }),
               soci::soci_error);
}

TEST_F(DatabaseTest, LedgerEntriesCannotBeUpdatedOrDeleted) {
  ASSERT_TRUE(Migrate(*db_));
  db_->Write([](soci::session& sql) {
    sql << "INSERT INTO tenants (slug, name) VALUES ('t', 'T')";
    sql << "INSERT INTO buildings (tenant_id, code, name) VALUES (1, 'B', 'B')";
    sql << "INSERT INTO apartments (tenant_id, building_id, number) VALUES (1, 1, '1')";
    sql << "INSERT INTO ledger_entries (tenant_id, building_id, apartment_id, kind, entry_date,"
           " due_date, amount_cents) VALUES (1, 1, 1, 'charge', '2025-01-01', '2025-01-10', 100)";
  });
  EXPECT_THROW(
      db_->Write([](soci::session& sql) { sql << "UPDATE ledger_entries SET amount_cents = 1"; }),
      soci::soci_error);
  EXPECT_THROW(db_->Write([](soci::session& sql) { sql << "DELETE FROM ledger_entries"; }),
               soci::soci_error);
}

TEST_F(DatabaseTest, ConcurrentWritersNeverSeeDatabaseLocked) {
  ASSERT_TRUE(Migrate(*db_));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        db_->Write([&](soci::session& sql) {
          int count = 0;
          sql << "SELECT count(*) FROM tenants", soci::into(count);
          const std::string slug = "t" + std::to_string(t) + "-" + std::to_string(i);
          sql << "INSERT INTO tenants (slug, name) VALUES (:s, 'x')", soci::use(slug);
        });
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int count = 0;
  db_->Read([&](soci::session& sql) { sql << "SELECT count(*) FROM tenants", soci::into(count); });
  EXPECT_EQ(count, 100);
}

TEST(DatabaseUrl, ConvertsPostgresUriToKeyValue) {
  auto url = ParseDatabaseUrl("postgresql://app:s3cret@127.0.0.1:5433/concierge");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->dialect, Dialect::kPostgres);
  EXPECT_EQ(url->connect_string,
            "dbname='concierge' host='127.0.0.1' port='5433' user='app' password='s3cret'");
}

TEST(DatabaseUrl, RefusesUnknownSchemes) {
  EXPECT_FALSE(ParseDatabaseUrl("mysql://x/y"));
  EXPECT_FALSE(ParseDatabaseUrl("sqlite://"));
}

}  // namespace
}  // namespace concierge::storage
