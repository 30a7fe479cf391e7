#include "http/redis_throttle.hpp"

#include <charconv>

#include <hiredis/hiredis.h>

#include "core/log.hpp"

namespace concierge::http {

namespace {

// KEYS[1]: the bucket. ARGV: capacity, period in milliseconds.
// The bucket is a hash {t: last update in ms, n: tokens}; it expires once it
// would have refilled anyway, so idle clients cost no memory. Returns
// {allowed (0/1), milliseconds until a token is back}.
constexpr const char* kTokenBucketScript = R"lua(
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 't', 'n')
local tokens = capacity
if stored[1] and stored[2] then
  local elapsed = math.max(0, now - tonumber(stored[1]))
  tokens = math.min(capacity, tonumber(stored[2]) + elapsed * capacity / period)
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * period / capacity)
end
redis.call('HSET', KEYS[1], 't', tostring(now), 'n', tostring(tokens))
redis.call('PEXPIRE', KEYS[1], period)
return {allowed, wait}
)lua";

std::optional<int> Number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<RedisAddress> ParseRedisUrl(const std::string& url) {
  const Error bad =
      Error::Invalid("invalid_setting",
                     "CONCIERGE_REDIS_URL must look like redis://[:password@]host[:port][/db].");
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) {
    return Fail(bad);
  }
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  RedisAddress address;

  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view credentials = rest.substr(0, at);
    const auto colon = credentials.find(':');
    address.password =
        std::string(colon == std::string_view::npos ? credentials : credentials.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) {
      const auto number = Number(db);
      if (!number) {
        return Fail(bad);
      }
      address.database = *number;
    }
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    const auto port = Number(rest.substr(colon + 1));
    if (!port || *port == 0 || *port > 65535) {
      return Fail(bad);
    }
    address.port = *port;
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) {
    return Fail(bad);
  }
  address.host = std::string(rest);
  return address;
}

RedisThrottle::RedisThrottle(RedisAddress address, std::string key_prefix, const Clock& clock)
    : address_(std::move(address)), key_prefix_(std::move(key_prefix)), fallback_(clock) {}

RedisThrottle::~RedisThrottle() {
  Disconnect();
}

void RedisThrottle::Disconnect() {
  if (context_ != nullptr) {
    redisFree(context_);
    context_ = nullptr;
  }
}

bool RedisThrottle::Connect() {
  if (context_ != nullptr) {
    return true;
  }
  const timeval timeout{0, static_cast<suseconds_t>(kTimeout.count() * 1000)};
  context_ = redisConnectWithTimeout(address_.host.c_str(), address_.port, timeout);
  if (context_ == nullptr || context_->err != 0) {
    Disconnect();
    return false;
  }
  redisSetTimeout(context_, timeout);

  auto ok = [this](redisReply* reply) {
    const bool fine = reply != nullptr && reply->type != REDIS_REPLY_ERROR;
    if (reply != nullptr) {
      freeReplyObject(reply);
    }
    return fine;
  };
  if (!address_.password.empty() &&
      !ok(static_cast<redisReply*>(
          redisCommand(context_, "AUTH %b", address_.password.data(), address_.password.size())))) {
    Disconnect();
    return false;
  }
  if (address_.database != 0 &&
      !ok(static_cast<redisReply*>(redisCommand(context_, "SELECT %d", address_.database)))) {
    Disconnect();
    return false;
  }
  return true;
}

std::optional<ThrottleDecision> RedisThrottle::TakeInRedis(const std::string& key,
                                                           const Rate& rate) {
  if (!Connect()) {
    return std::nullopt;
  }
  const std::string full_key = key_prefix_ + key;
  const std::string capacity = std::to_string(rate.count);
  const std::string period_ms = std::to_string(rate.period.count() * 1000);
  auto* reply = static_cast<redisReply*>(redisCommand(
      context_, "EVAL %s 1 %b %b %b", kTokenBucketScript, full_key.data(), full_key.size(),
      capacity.data(), capacity.size(), period_ms.data(), period_ms.size()));
  if (reply == nullptr) {
    Disconnect();  // the connection is unusable after an I/O error
    return std::nullopt;
  }
  std::optional<ThrottleDecision> decision;
  if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
      reply->element[0]->type == REDIS_REPLY_INTEGER &&
      reply->element[1]->type == REDIS_REPLY_INTEGER) {
    const long long wait_ms = reply->element[1]->integer;
    const long long wait_s = std::max<long long>(1, (wait_ms + 999) / 1000);
    decision = ThrottleDecision{reply->element[0]->integer == 1,
                                std::chrono::seconds(reply->element[0]->integer == 1 ? 0 : wait_s)};
  }
  freeReplyObject(reply);
  return decision;
}

ThrottleDecision RedisThrottle::Take(const std::string& key, const Rate& rate) {
  if (std::chrono::steady_clock::now().time_since_epoch().count() >= skip_until_.load()) {
    std::lock_guard lock(mutex_);
    if (auto decision = TakeInRedis(key, rate)) {
      return *decision;
    }
    const auto now = std::chrono::steady_clock::now();
    skip_until_.store((now + kPauseAfterFailure).time_since_epoch().count());
    if (now - last_warning_ >= std::chrono::minutes(1)) {
      last_warning_ = now;
      log::Warn("redis unavailable; throttling in memory",
                {{"host", address_.host}, {"port", address_.port}});
    }
  }
  return fallback_.Take(key, rate);
}

bool RedisThrottle::Ping() {
  std::lock_guard lock(mutex_);
  if (!Connect()) {
    return false;
  }
  auto* reply = static_cast<redisReply*>(redisCommand(context_, "PING"));
  const bool fine = reply != nullptr && reply->type != REDIS_REPLY_ERROR;
  if (reply != nullptr) {
    freeReplyObject(reply);
  } else {
    Disconnect();
  }
  return fine;
}

}  // namespace concierge::http
