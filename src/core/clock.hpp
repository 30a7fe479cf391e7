#pragma once

#include <atomic>

#include "core/date.hpp"

namespace concierge {

// Every piece of code reads time through a Clock so tests can move it.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still until told to move.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp Now() const override { return Timestamp{std::chrono::seconds{now_.load()}}; }
  void Set(Timestamp at) { now_ = at.time_since_epoch().count(); }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace concierge
