#include "storage/group_commit.hpp"

namespace concierge::storage {

void GroupCommit::Run(const std::function<void(soci::session&)>& job) {
  Pending mine;
  mine.job = &job;

  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leading_) {
      finished_.wait(lock);
      continue;
    }

    // Nobody is committing: lead the next batch (it may not hold our own job
    // when the queue is longer than one batch; then we go round again).
    leading_ = true;
    std::deque<Pending*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (Pending* pending : batch) {
      pending->done = true;
    }
    leading_ = false;
    finished_.notify_all();
  }

  if (mine.error) {
    std::rethrow_exception(mine.error);
  }
}

void GroupCommit::RunBatch(const std::deque<Pending*>& batch) {
  try {
    db_.Write([&](soci::session& sql) {
      for (Pending* pending : batch) {
        Execute(sql, "SAVEPOINT grouped_job");
        try {
          (*pending->job)(sql);
        } catch (...) {
          pending->error = std::current_exception();
          Execute(sql, "ROLLBACK TO grouped_job");
        }
        Execute(sql, "RELEASE grouped_job");
      }
    });
  } catch (...) {
    // Nothing of the batch is durable: every job reports the failure.
    for (Pending* pending : batch) {
      pending->error = std::current_exception();
    }
  }
}

}  // namespace concierge::storage
