#include "accounts/login_throttle.hpp"

namespace concierge::accounts {

std::optional<std::chrono::seconds> LoginThrottle::Take(Counter& counter, int limit,
                                                        Timestamp now) {
  if (counter.locked_until > now) {
    return counter.locked_until - now;
  }
  if (now - counter.window_start >= limits_.window) {
    counter.used = 0;
    counter.window_start = now;
  }
  if (counter.used >= limit) {
    counter.locked_until = now + limits_.cool_off;
    return limits_.cool_off;
  }
  ++counter.used;
  return std::nullopt;
}

void LoginThrottle::Prune(std::map<std::string, Counter>& counters, Timestamp now) {
  constexpr std::size_t kPruneAbove = 10'000;
  if (counters.size() <= kPruneAbove) {
    return;
  }
  std::erase_if(counters, [&](const auto& entry) {
    const Counter& counter = entry.second;
    return counter.locked_until <= now && now - counter.window_start >= limits_.window;
  });
}

std::optional<std::chrono::seconds> LoginThrottle::Begin(const std::string& account,
                                                         const std::string& address) {
  const Timestamp now = clock_.Now();
  std::lock_guard lock(mutex_);
  Prune(accounts_, now);
  Prune(addresses_, now);
  Counter& by_account = accounts_[account];
  Counter& by_address = addresses_[address];

  // Check both before taking either, so a refused attempt costs no slot.
  const Counter account_before = by_account;
  if (auto wait = Take(by_account, limits_.max_failures_per_account, now)) {
    return wait;
  }
  if (auto wait = Take(by_address, limits_.max_failures_per_address, now)) {
    by_account = account_before;
    return wait;
  }
  return std::nullopt;
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
  Counter& by_address = addresses_[address];
  if (by_address.used > 0) {
    --by_address.used;
  }
}

}  // namespace concierge::accounts
