#pragma once

#include <optional>
#include <vector>

#include "accounts/model.hpp"
#include "core/scope.hpp"

namespace concierge::accounts {

// The only maker of Scopes (core/scope.hpp), so a Scope proves its holder
// was authenticated or is a command run by the operator.
class ScopeFactory {
 public:
  // The caller's scope in `tenant_id`, from their memberships there; nullopt
  // when they have none. With several roles the strongest one counts.
  [[nodiscard]] static std::optional<Scope> ForMember(std::int64_t user_id, std::int64_t tenant_id,
                                                      const std::vector<Membership>& memberships);

  // A lobby device, or a caller holding a valid signed kiosk token, of one
  // building: sees that building only. Call only after verifying the
  // credential (the kiosk module does).
  [[nodiscard]] static Scope ForKiosk(std::int64_t tenant_id, std::int64_t building_id);

  // The holder of an apartment's personal link: a read-only resident view of
  // that one apartment. Call only after verifying the link.
  [[nodiscard]] static Scope ForPersonalLink(std::int64_t tenant_id, std::int64_t building_id,
                                             std::int64_t apartment_id);

  // An office-wide scope for commands the operator runs on the server itself
  // (import, seed-demo); never reachable from HTTP.
  [[nodiscard]] static Scope ForOperator(std::int64_t tenant_id);
};

}  // namespace concierge::accounts
