#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "kiosk/model.hpp"

// The SQL of kiosk devices, settings and registrations. Every function that
// touches tenant-owned rows takes a Scope and filters on it, except the
// lookups by secret hash that establish who a caller is.
namespace concierge::kiosk {

struct PersonalLink;

[[nodiscard]] std::int64_t InsertDevice(soci::session& sql, const Scope& scope,
                                        const Device& device, const std::string& secret_hash,
                                        const std::string& now);
[[nodiscard]] std::vector<Device> SelectDevices(soci::session& sql, const Scope& scope,
                                                std::optional<std::int64_t> building_id);
[[nodiscard]] std::optional<Device> SelectDevice(soci::session& sql, const Scope& scope,
                                                 std::int64_t id);
// Sets revoked_at once; false when the device is not in scope.
[[nodiscard]] bool RevokeDevice(soci::session& sql, const Scope& scope, std::int64_t id,
                                const std::string& now);
// The device holding a secret with this hash, revoked or not (unscoped: this
// is how a device proves who it is).
[[nodiscard]] std::optional<Device> SelectDeviceBySecretHash(soci::session& sql,
                                                             const std::string& secret_hash);
void TouchDevice(soci::session& sql, std::int64_t id, const std::string& now);

// The office a building belongs to (unscoped: public endpoints name a
// building, and the office follows from it).
[[nodiscard]] std::optional<std::int64_t> SelectBuildingTenant(soci::session& sql,
                                                               std::int64_t building_id);

// Defaults (closed, empty) for a building without a row.
[[nodiscard]] KioskSettings SelectSettings(soci::session& sql, const Scope& scope,
                                           std::int64_t building_id);
void UpsertSettings(soci::session& sql, const Scope& scope, const KioskSettings& settings,
                    const std::string& now);

[[nodiscard]] std::int64_t InsertRegistration(soci::session& sql, const Scope& scope,
                                              const Registration& registration,
                                              const std::string& client_address,
                                              const std::string& now);
// Oldest first: `limit` of them from `offset`.
[[nodiscard]] std::vector<Registration> SelectRegistrations(soci::session& sql, const Scope& scope,
                                                            std::optional<RegistrationState> state,
                                                            std::int64_t offset = 0,
                                                            std::int64_t limit = 500);
[[nodiscard]] std::int64_t CountRegistrations(soci::session& sql, const Scope& scope,
                                              std::optional<RegistrationState> state);
[[nodiscard]] std::optional<Registration> SelectRegistration(soci::session& sql, const Scope& scope,
                                                             std::int64_t id);
// Moves a pending registration to `state`; false when it was no longer
// pending (a concurrent decision won), so each is decided exactly once.
[[nodiscard]] bool DecideRegistration(soci::session& sql, const Scope& scope, std::int64_t id,
                                      RegistrationState state, std::int64_t decided_by,
                                      std::optional<std::int64_t> user_id, const std::string& now);

// One invitation per registration (a UNIQUE constraint holds it).
void InsertInvitation(soci::session& sql, const Scope& scope, std::int64_t user_id,
                      std::int64_t registration_id, const std::string& token_hash,
                      const std::string& now, const std::string& expires_at);

// Personal links (personal_links.hpp).
[[nodiscard]] std::int64_t InsertPersonalLink(soci::session& sql, const Scope& scope,
                                              std::int64_t building_id, std::int64_t apartment_id,
                                              const std::string& token_hash,
                                              const std::string& now);
[[nodiscard]] std::vector<PersonalLink> SelectPersonalLinks(soci::session& sql, const Scope& scope,
                                                            std::int64_t apartment_id);
[[nodiscard]] std::optional<PersonalLink> SelectPersonalLink(soci::session& sql, const Scope& scope,
                                                             std::int64_t id);
void RevokePersonalLink(soci::session& sql, const Scope& scope, std::int64_t id,
                        const std::string& now);
// The active link with this token hash and its office (unscoped: holding the
// token is what proves the right to the page).
[[nodiscard]] std::optional<std::pair<std::int64_t, PersonalLink>> SelectActiveLinkByHash(
    soci::session& sql, const std::string& token_hash);
void TouchPersonalLink(soci::session& sql, std::int64_t id, const std::string& now);

struct UsedInvitation {
  std::int64_t tenant_id = 0;
  std::int64_t user_id = 0;
};

// Marks the unused, unexpired invitation with this hash as accepted and
// returns whose it is; nullopt when there is none (unscoped: holding the
// token is the proof). A second use finds nothing.
[[nodiscard]] std::optional<UsedInvitation> UseInvitation(soci::session& sql,
                                                          const std::string& token_hash,
                                                          const std::string& now);

}  // namespace concierge::kiosk
