#include "storage/group_commit.hpp"

#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_database.hpp"

namespace concierge::storage {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->Write([](soci::session& sql) {
      sql << "CREATE TABLE parents (id INTEGER PRIMARY KEY)";
      sql << "CREATE TABLE rows (value INTEGER NOT NULL UNIQUE, parent_id INTEGER"
             " REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)";
    });
  }

  std::vector<int> Values() {
    return db_->Read([](soci::session& sql) {
      std::vector<int> values(1000);
      sql << "SELECT value FROM rows ORDER BY value", soci::into(values);
      return values;
    });
  }

  testing::TestDatabase database_;
  Database* db_ = &database_.db();
};

TEST_F(GroupCommitTest, EveryJobOfManyThreadsIsCommittedOnce) {
  GroupCommit writes(*db_, 8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const int value = t * 100 + i;
        writes.Run([&](soci::session& sql) {
          sql << "INSERT INTO rows (value) VALUES (:v)", soci::use(value);
        });
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }

  EXPECT_EQ(Values().size(), 16U * 25U);
}

TEST_F(GroupCommitTest, AFailingJobIsRolledBackAloneAndItsCallerGetsTheError) {
  GroupCommit writes(*db_);
  writes.Run([](soci::session& sql) { sql << "INSERT INTO rows (value) VALUES (1)"; });

  EXPECT_THROW(writes.Run([](soci::session& sql) {
    sql << "INSERT INTO rows (value) VALUES (2)";
    throw std::runtime_error("refused half-way");
  }),
               std::runtime_error);
  EXPECT_THROW(writes.Run([](soci::session& sql) { sql << "INSERT INTO rows (value) VALUES (1)"; }),
               soci::soci_error);
  writes.Run([](soci::session& sql) { sql << "INSERT INTO rows (value) VALUES (3)"; });

  EXPECT_EQ(Values(), (std::vector<int>{1, 3}));
}

TEST_F(GroupCommitTest, ConcurrentFailuresLeaveTheOtherJobsOfTheirBatch) {
  GroupCommit writes(*db_, 4);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      try {
        writes.Run([&](soci::session& sql) {
          sql << "INSERT INTO rows (value) VALUES (:v)", soci::use(t);
          if (t % 3 == 0) {
            throw std::runtime_error("this job fails");
          }
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }

  EXPECT_EQ(failures.load(), 4);
  EXPECT_EQ(Values(), (std::vector<int>{1, 2, 4, 5, 7, 8, 10, 11}));
}

TEST_F(GroupCommitTest, AFailedCommitFailsEveryJobOfTheBatchAndKeepsNothing) {
  GroupCommit writes(*db_);

  // The foreign key is checked only at COMMIT, after the job itself succeeded.
  EXPECT_THROW(writes.Run([](soci::session& sql) {
    sql << "INSERT INTO rows (value, parent_id) VALUES (7, 42)";
  }),
               soci::soci_error);

  EXPECT_TRUE(Values().empty());
  writes.Run([](soci::session& sql) { sql << "INSERT INTO rows (value) VALUES (8)"; });
  EXPECT_EQ(Values(), (std::vector<int>{8}));
}

}  // namespace
}  // namespace concierge::storage
