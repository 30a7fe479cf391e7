#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "http/router.hpp"

namespace concierge::http {

struct ThrottleDecision {
  bool allowed = true;
  // When refused: how long until the bucket holds a token again (>= 1 s).
  std::chrono::seconds retry_after{0};
};

// Token buckets by key. A bucket holds at most `rate.count` tokens, starts
// full and refills evenly, `rate.count` tokens per `rate.period`; a request
// takes one token or is refused. Taking is atomic per key, so N concurrent
// requests against a full bucket of size B are allowed exactly min(N, B)
// times. Implementations are thread-safe.
class Throttle {
 public:
  virtual ~Throttle() = default;
  [[nodiscard]] virtual ThrottleDecision Take(const std::string& key, const Rate& rate) = 0;
};

// Buckets in this process's memory. Time comes from `clock` (tests move it);
// resolution is the clock's, whole seconds.
class MemoryThrottle final : public Throttle {
 public:
  explicit MemoryThrottle(const Clock& clock) : clock_(clock) {}
  ThrottleDecision Take(const std::string& key, const Rate& rate) override;

 private:
  struct Bucket {
    double tokens = 0;
    Timestamp updated{};
    std::chrono::seconds period{0};
  };

  // Forgets buckets that have refilled completely (they behave exactly like
  // a missing one), so a flood of addresses cannot grow memory without
  // bound; caller holds mutex_.
  void Prune(Timestamp now);

  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The throttled scopes of the public endpoints and the one place that turns
// a refusal into 429 + Retry-After. Thread-safe.
class RateLimiter {
 public:
  // `rates` by scope name ("public_info"); a scope missing from it is a
  // programming error and throws at Guard time, i.e. at start-up.
  RateLimiter(std::shared_ptr<Throttle> throttle, std::map<std::string, Rate> rates)
      : throttle_(std::move(throttle)), rates_(std::move(rates)) {}

  // 429 (kTooManyRequests, with retry_after) when `client` has used up
  // `scope`'s bucket.
  [[nodiscard]] Status Check(const std::string& scope, const std::string& client) const;

  // `handler`, counted per client in `scope` before it runs: the signed-in
  // principal (user or kiosk device) when there is one, else the client
  // address (Request::client_address).
  [[nodiscard]] Handler Guard(const std::string& scope, Handler handler) const;

 private:
  std::shared_ptr<Throttle> throttle_;
  std::map<std::string, Rate> rates_;
};

// Who a request is counted as in a throttle: "principal:<email>" for a
// signed-in caller, else "address:<client address>".
[[nodiscard]] std::string ThrottleClientOf(const Call& call);

}  // namespace concierge::http
