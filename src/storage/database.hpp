#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/error.hpp"
#include "storage/database_url.hpp"
#include "storage/prepared.hpp"

namespace concierge::storage {

template <typename T>
struct IsExpected : std::false_type {};
template <typename T, typename E>
struct IsExpected<tl::expected<T, E>> : std::true_type {};

// A pool of open sessions to one database.
//
// Thread safety: Read and Write may be called from any thread. SQLite allows
// one writer at a time, so Write serialises writers inside the process and
// takes the write lock up front (BEGIN IMMEDIATE): a transaction that reads and
// then writes can then never fail with "database is locked" half-way.
class Database {
 public:
  // Opens `pool_size` sessions and configures each (WAL, foreign keys, busy
  // timeout). Fails with a clear message when the database cannot be opened.
  [[nodiscard]] static Result<std::unique_ptr<Database>> Open(const DatabaseUrl& url,
                                                              std::size_t pool_size);
  ~Database();

  [[nodiscard]] Dialect dialect() const { return dialect_; }

  // Runs `work(session)` inside a read transaction, so that every query of it
  // sees one snapshot.
  template <typename Work>
  auto Read(Work&& work) {
    Lease lease(*this);
    return RunInTransaction(lease.session(), "BEGIN", std::forward<Work>(work));
  }

  // Runs `work(session)` inside a write transaction. Commits when `work`
  // returns normally (and, if it returns an expected, holds a value); rolls
  // back when it throws or returns an error.
  template <typename Work>
  auto Write(Work&& work) {
    std::lock_guard writer(write_mutex_);
    Lease lease(*this);
    return RunInTransaction(lease.session(), begin_write_, std::forward<Work>(work));
  }

 private:
  class Lease {
   public:
    explicit Lease(Database& db) : db_(db), position_(db.pool_->lease()) {}
    ~Lease() { db_.pool_->give_back(position_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session() { return db_.pool_->at(position_); }

   private:
    Database& db_;
    std::size_t position_;
  };

  Database(Dialect dialect, std::size_t pool_size);

  template <typename Work>
  static auto RunInTransaction(soci::session& sql, const char* begin, Work&& work) {
    using Outcome = decltype(work(sql));
    Execute(sql, begin);
    try {
      if constexpr (std::is_void_v<Outcome>) {
        work(sql);
        Execute(sql, "COMMIT");
      } else {
        Outcome outcome = work(sql);
        bool commit = true;
        if constexpr (IsExpected<Outcome>::value) {
          commit = outcome.has_value();
        }
        Execute(sql, commit ? "COMMIT" : "ROLLBACK");
        return outcome;
      }
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The original failure is the one worth reporting.
      }
      throw;
    }
  }

  Dialect dialect_;
  const char* begin_write_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::vector<std::unique_ptr<StatementCache>> caches_;  // one per session
  std::mutex write_mutex_;
};

// True when `error` is a UNIQUE constraint violation (both dialects).
[[nodiscard]] bool IsUniqueViolation(const soci::soci_error& error);

// True when `error` is a FOREIGN KEY violation (both dialects): a row still
// refers to the one a statement tried to remove.
[[nodiscard]] bool IsForeignKeyViolation(const soci::soci_error& error);

// The id of the row just inserted on `sql` (SQLite's last_insert_rowid).
[[nodiscard]] long long LastInsertId(soci::session& sql);

}  // namespace concierge::storage
