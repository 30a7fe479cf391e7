#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace concierge::accounts {

struct ThrottleLimits {
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds window{900};
  std::chrono::seconds cool_off{900};
};

// Limits password guessing per account and per client address.
//
// An attempt takes its slot *before* the password is checked, so fifty
// simultaneous guesses against a limit of five check at most five passwords.
// Once a key has used its slots, every attempt (even with the right
// password) is refused until the cool-off ends. Thread-safe; the counters
// live in this process.
class LoginThrottle {
 public:
  LoginThrottle(ThrottleLimits limits, const Clock& clock) : limits_(limits), clock_(clock) {}

  // Takes a slot for the account and the address, or answers how long to wait.
  [[nodiscard]] std::optional<std::chrono::seconds> Begin(const std::string& account,
                                                          const std::string& address);
  // The attempt was right: the account starts afresh; the address gives the
  // slot back. A wrong attempt needs no call: its slots stay taken until the
  // window passes.
  void Succeeded(const std::string& account, const std::string& address);

 private:
  struct Counter {
    int used = 0;
    Timestamp window_start{};
    Timestamp locked_until{};
  };

  // Takes a slot on `counter` or returns the wait; caller holds mutex_.
  std::optional<std::chrono::seconds> Take(Counter& counter, int limit, Timestamp now);
  // Forgets counters that no longer limit anything, so that a flood of
  // addresses cannot grow memory without bound; caller holds mutex_.
  void Prune(std::map<std::string, Counter>& counters, Timestamp now);

  ThrottleLimits limits_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Counter> accounts_;
  std::map<std::string, Counter> addresses_;
};

}  // namespace concierge::accounts
