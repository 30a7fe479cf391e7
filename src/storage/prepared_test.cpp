#include "storage/prepared.hpp"

#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "test_database.hpp"

namespace concierge::storage {
namespace {

class PreparedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->Write([](soci::session& sql) {
      sql << "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)";
    });
  }

  testing::TestDatabase database_;
  Database* db_ = &database_.db();
};

TEST_F(PreparedTest, OneStatementRunsManyTimesWithNewValues) {
  db_->Write([](soci::session& sql) {
    for (int id = 1; id <= 50; ++id) {
      const std::string name = "item " + std::to_string(id);
      Execute(sql, "INSERT INTO items (id, name) VALUES (:id, :name)", soci::use(id),
              soci::use(name));
    }
  });

  db_->Read([](soci::session& sql) {
    for (int id = 1; id <= 50; ++id) {
      std::string name;
      ASSERT_TRUE(
          Execute(sql, "SELECT name FROM items WHERE id = :id", soci::use(id), soci::into(name)));
      EXPECT_EQ(name, "item " + std::to_string(id));
    }
    std::string none;
    EXPECT_FALSE(
        Execute(sql, "SELECT name FROM items WHERE id = :id", soci::use(99), soci::into(none)));
  });
}

TEST_F(PreparedTest, ACachedSelectHoldsNoSnapshotOpenAfterwards) {
  db_->Write(
      [](soci::session& sql) { sql << "INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b')"; });
  // Two rows match: unless reset, the statement would stay on its first row.
  long long id = 0;
  db_->Read([&](soci::session& sql) {
    Execute(sql, "SELECT id FROM items ORDER BY id", soci::into(id));
  });
  EXPECT_EQ(id, 1);

  // A statement still running would keep a reader and make the checkpoint busy.
  db_->Write([](soci::session& sql) { sql << "INSERT INTO items (id, name) VALUES (3, 'c')"; });
  int busy = -1;
  int log_frames = 0;
  int checkpointed = 0;
  soci::session other("sqlite3", database_.path());
  other << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log_frames),
      soci::into(checkpointed);
  EXPECT_EQ(busy, 0);
}

TEST_F(PreparedTest, AFailedRunLeavesTheStatementUsable) {
  const std::string insert = "INSERT INTO items (id, name) VALUES (:id, :name)";
  db_->Write(
      [&](soci::session& sql) { Execute(sql, insert, soci::use(1), soci::use(std::string("x"))); });

  EXPECT_THROW(db_->Write([&](soci::session& sql) {
    Execute(sql, insert, soci::use(2), soci::use(std::string("x")));
  }),
               soci::soci_error);
  db_->Write(
      [&](soci::session& sql) { Execute(sql, insert, soci::use(3), soci::use(std::string("y"))); });

  const long long count = db_->Read([](soci::session& sql) {
    long long n = 0;
    Execute(sql, "SELECT count(*) FROM items", soci::into(n));
    return n;
  });
  EXPECT_EQ(count, 2);
}

TEST_F(PreparedTest, AFullCacheRunsNewTextUncachedAndKeepsWhatItHas) {
  db_->Write([](soci::session& sql) {
    for (int i = 0; i < 300; ++i) {
      long long n = -1;
      // Text that varies per call, as a misuse would produce.
      ASSERT_TRUE(Execute(sql, "SELECT " + std::to_string(i), soci::into(n)));
      EXPECT_EQ(n, i);
    }
    long long count = -1;
    ASSERT_TRUE(Execute(sql, "SELECT count(*) FROM items", soci::into(count)));
    EXPECT_EQ(count, 0);
  });
}

}  // namespace
}  // namespace concierge::storage
