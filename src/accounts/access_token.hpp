#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace concierge::accounts {

struct AccessClaims {
  std::int64_t user_id = 0;
  std::int64_t tenant_id = 0;
  Timestamp expires_at;
};

// Short-lived JWT access tokens (HS256 through libjwt). libjwt checks only the
// signature, so the algorithm and the expiry are checked here. Thread-safe.
class AccessTokens {
 public:
  AccessTokens(std::string secret, std::chrono::seconds ttl, const Clock& clock)
      : secret_(std::move(secret)), ttl_(ttl), clock_(clock) {}

  [[nodiscard]] std::string Issue(std::int64_t user_id, std::int64_t tenant_id) const;
  // 401 for anything but a well-signed, unexpired HS256 access token.
  [[nodiscard]] Result<AccessClaims> Verify(const std::string& token) const;

  [[nodiscard]] std::chrono::seconds ttl() const { return ttl_; }

 private:
  std::string secret_;
  std::chrono::seconds ttl_;
  const Clock& clock_;
};

}  // namespace concierge::accounts
