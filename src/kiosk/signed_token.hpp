#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/error.hpp"

namespace concierge::kiosk {

// What a lobby QR code is for; a token made for one purpose is refused for
// any other.
inline constexpr std::string_view kConnectPurpose = "kiosk_connect";

struct TokenClaims {
  std::string purpose;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::int64_t device_id = 0;
  Timestamp issued_at{};
  Timestamp expires_at{};  // valid up to and including this second
  std::string nonce;
  std::string key_id;  // set by Sign
};

// Signed kiosk tokens (DESIGN.md "Signed kiosk tokens"):
// base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload))),
// the payload a JSON object naming every claim and the key id. The MAC
// covers the encoded text, so no two spellings of one payload exist, and any
// changed character fails verification.
//
// Keys: the first signs, every configured one verifies (rotation: add the
// new key second, move it first once every instance knows it, drop the old
// one after a TTL). Immutable; thread-safe.
class TokenSigner {
 public:
  // `keys` must not be empty.
  TokenSigner(std::vector<SigningKey> keys, std::chrono::seconds ttl, const Clock& clock);

  // Claims for a new token: now, now + ttl and a random nonce.
  [[nodiscard]] TokenClaims NewClaims(std::string_view purpose, std::int64_t tenant_id,
                                      std::int64_t building_id, std::int64_t device_id) const;
  // Signs with the first key and records its id in the claims.
  [[nodiscard]] std::string Sign(TokenClaims claims) const;

  // Checks shape, key, MAC (in constant time), purpose, expiry and, when
  // given, the building. Errors are kInvalidInput with the code
  // "kiosk_token_expired" or "kiosk_token_invalid" and never say more than
  // that, so a forger learns nothing.
  [[nodiscard]] Result<TokenClaims> Verify(std::string_view token, std::string_view purpose,
                                           std::optional<std::int64_t> building_id) const;

  // The claims of a token whose MAC is right, whatever its purpose, building
  // or expiry: for auditing a refused token under its office. Never use it
  // to accept a token.
  [[nodiscard]] std::optional<TokenClaims> Authentic(std::string_view token) const;

  [[nodiscard]] std::chrono::seconds ttl() const { return ttl_; }

 private:
  std::vector<SigningKey> keys_;
  std::chrono::seconds ttl_;
  const Clock& clock_;
};

// The key used when CONCIERGE_KIOSK_SIGNING_KEYS is unset: derived from the
// secret key, so that it survives restarts without being stored anywhere.
[[nodiscard]] SigningKey DerivedSigningKey(const std::string& secret_key);

}  // namespace concierge::kiosk
