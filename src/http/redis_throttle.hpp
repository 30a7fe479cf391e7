#pragma once

#include <atomic>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/throttle.hpp"

struct redisContext;

namespace concierge::http {

// Where a Redis server is: CONCIERGE_REDIS_URL, redis://[:password@]host[:port][/db].
struct RedisAddress {
  std::string host;
  int port = 6379;
  std::string password;
  int database = 0;
};

[[nodiscard]] Result<RedisAddress> ParseRedisUrl(const std::string& url);

// Token buckets in Redis, shared by every server instance that points at the
// same Redis: each Take is one Lua script, which Redis runs atomically, and
// which reads Redis's own clock, so instances need not agree on the time.
//
// When Redis cannot be reached, the bucket is taken from `fallback` (this
// process's memory) and a warning is logged at most once a minute: an outage
// neither opens the public endpoints to unlimited requests nor closes them.
// A Redis that does not answer costs one short timeout, after which Redis is
// left alone for a few seconds, so a stalled Redis cannot hold requests up.
// Thread-safe: one connection, used under a mutex and reopened after a failure.
// One connection is enough while a take is one short script; a pool would
// let concurrent requests reach Redis at once if that ever shows.
class RedisThrottle final : public Throttle {
 public:
  RedisThrottle(RedisAddress address, std::string key_prefix, const Clock& clock);
  // How long one Redis call may take, and how long Redis is skipped after one
  // failed.
  static constexpr std::chrono::milliseconds kTimeout{100};
  static constexpr std::chrono::seconds kPauseAfterFailure{5};
  ~RedisThrottle() override;
  RedisThrottle(const RedisThrottle&) = delete;
  RedisThrottle& operator=(const RedisThrottle&) = delete;

  ThrottleDecision Take(const std::string& key, const Rate& rate) override;

  // True when a PING succeeds (start-up reports it).
  [[nodiscard]] bool Ping();

 private:
  // Runs the script on the open connection (opening it first if needed);
  // nullopt when Redis did not answer properly. Caller holds mutex_.
  std::optional<ThrottleDecision> TakeInRedis(const std::string& key, const Rate& rate);
  bool Connect();
  void Disconnect();

  RedisAddress address_;
  std::string key_prefix_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
  MemoryThrottle fallback_;
  std::chrono::steady_clock::time_point last_warning_{};
  // Steady-clock nanoseconds before which Redis is not tried.
  std::atomic<std::int64_t> skip_until_{0};
};

}  // namespace concierge::http
