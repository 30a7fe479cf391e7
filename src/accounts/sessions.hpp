#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "accounts/access_token.hpp"
#include "audit/model.hpp"
#include "storage/database.hpp"

namespace concierge::accounts {

struct SessionLimits {
  std::chrono::seconds idle{14 * 24 * 3600};      // a token unused this long expires
  std::chrono::seconds absolute{30 * 24 * 3600};  // a family ends this long after its login
  std::chrono::seconds grace{10};  // a rotated token still works for this many seconds
};

struct IssuedRefresh {
  std::string token;  // 256 random bits, base64url; only its hash is stored
  std::chrono::seconds lifetime{0};
};

struct Refreshed {
  std::string access_token;
  IssuedRefresh refresh;
};

// Refresh-token families (docs/security.md). Every login starts a family;
// every refresh rotates the presented token into a new one of the family.
// Presenting a token that was already rotated, after the grace window,
// revokes the whole family and is audited. Within the grace window the old
// token still mints a new sibling, so a lost response or several tabs
// refreshing at once log nobody out. Thread-safe.
class SessionService {
 public:
  SessionService(storage::Database& db, const AccessTokens& tokens, const Clock& clock,
                 SessionLimits limits)
      : db_(db), tokens_(tokens), clock_(clock), limits_(limits) {}

  [[nodiscard]] IssuedRefresh Start(std::int64_t user_id, std::int64_t tenant_id);

  // 401 for an unknown, expired or revoked token, or a reused one.
  [[nodiscard]] Result<Refreshed> Refresh(const std::string& token, const audit::Actor& actor);

  // Revokes the family of `token` (logout). Unknown tokens change nothing.
  void EndFamilyOf(const std::string& token, const audit::Actor& actor);

  // Revokes every family of a user (password changed, membership removed),
  // on the caller's transaction.
  static void RevokeAllOf(soci::session& sql, std::int64_t user_id, const std::string& reason,
                          const Clock& clock);

 private:
  storage::Database& db_;
  const AccessTokens& tokens_;
  const Clock& clock_;
  SessionLimits limits_;
};

}  // namespace concierge::accounts
