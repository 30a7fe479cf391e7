#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include "storage/database.hpp"

namespace concierge::storage {

// Lets writes from many threads share one commit (group commit).
//
// A durable commit costs a sync of the write-ahead log, which takes longer
// than the small writes it protects. Callers that arrive while a commit is
// under way queue up; the first of them then runs every queued job in one
// write transaction, each inside its own savepoint, and commits once for all.
// Run() returns only after the transaction holding its job has committed, so
// the caller may report the write as durable.
//
// A job that throws has its savepoint rolled back and its exception rethrown
// to its own caller; the other jobs of the batch are unaffected. When the
// commit itself fails, every job of the batch gets that failure.
class GroupCommit {
 public:
  explicit GroupCommit(Database& db, std::size_t max_batch = 128)
      : db_(db), max_batch_(max_batch) {}

  void Run(const std::function<void(soci::session&)>& job);

 private:
  struct Pending {
    const std::function<void(soci::session&)>* job = nullptr;
    std::exception_ptr error;
    bool done = false;
  };

  void RunBatch(const std::deque<Pending*>& batch);

  Database& db_;
  const std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::deque<Pending*> queue_;
  bool leading_ = false;
};

}  // namespace concierge::storage
