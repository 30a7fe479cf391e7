#include "http/throttle.hpp"

#include <cmath>
#include <stdexcept>

#include "http/client_address.hpp"

namespace concierge::http {

void MemoryThrottle::Prune(Timestamp now) {
  constexpr std::size_t kPruneAbove = 10'000;
  if (buckets_.size() <= kPruneAbove) {
    return;
  }
  std::erase_if(buckets_, [&](const auto& entry) {
    return now - entry.second.updated >= entry.second.period;
  });
}

ThrottleDecision MemoryThrottle::Take(const std::string& key, const Rate& rate) {
  const Timestamp now = clock_.Now();
  const double capacity = rate.count;
  const double per_second = capacity / static_cast<double>(rate.period.count());

  std::lock_guard lock(mutex_);
  Prune(now);
  auto [found, inserted] = buckets_.try_emplace(key, Bucket{capacity, now, rate.period});
  Bucket& bucket = found->second;
  if (!inserted) {
    const auto elapsed = std::max<long long>(0, (now - bucket.updated).count());
    bucket.tokens = std::min(capacity, bucket.tokens + static_cast<double>(elapsed) * per_second);
    bucket.updated = now;
    bucket.period = rate.period;
  }

  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {true, std::chrono::seconds(0)};
  }
  const auto wait = static_cast<long long>(std::ceil((1.0 - bucket.tokens) / per_second));
  return {false, std::chrono::seconds(std::max<long long>(1, wait))};
}

Status RateLimiter::Check(const std::string& scope, const std::string& client) const {
  const auto rate = rates_.find(scope);
  if (rate == rates_.end()) {
    throw std::logic_error("no throttle rate for scope " + scope);
  }
  const ThrottleDecision decision = throttle_->Take(scope + ":" + client, rate->second);
  if (decision.allowed) {
    return {};
  }
  return Fail(Error{ErrorKind::kTooManyRequests,
                    "too_many_requests",
                    "Too many requests; try again later.",
                    {},
                    static_cast<long>(decision.retry_after.count())});
}

Handler RateLimiter::Guard(const std::string& scope, Handler handler) const {
  if (!rates_.contains(scope)) {
    throw std::logic_error("no throttle rate for scope " + scope);
  }
  return [this, scope, handler = std::move(handler)](const Call& call) -> Result<Response> {
    CONCIERGE_TRY(allowed, Check(scope, ThrottleClientOf(call)));
    return handler(call);
  };
}

std::string ThrottleClientOf(const Call& call) {
  if (call.principal != nullptr) {
    return "principal:" + call.principal->email;
  }
  const std::string& address =
      call.request.client_address.empty() ? call.request.peer_address : call.request.client_address;
  return "address:" + AddressBucket(address);
}

}  // namespace concierge::http
