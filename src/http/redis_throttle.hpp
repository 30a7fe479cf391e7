#pragma once

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
// Thread-safe: one connection, used under a mutex and reopened after a failure.
class RedisThrottle final : public Throttle {
 public:
  RedisThrottle(RedisAddress address, std::string key_prefix, const Clock& clock);
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
};

}  // namespace concierge::http
