#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "kiosk/model.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

struct RegisteredDevice {
  Device device;
  std::string secret;  // shown once; only its hash is kept
};

// Lobby devices: registered by office managers for one building, told their
// secret once, revocable. A device proves itself with the secret
// (Authorization: Kiosk <secret>); each proof records when it was last seen.
// Thread-safe.
class DeviceService {
 public:
  DeviceService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<RegisteredDevice> Register(const Scope& scope, std::int64_t building_id,
                                                  const std::string& name,
                                                  const audit::Actor& actor);
  [[nodiscard]] std::vector<Device> List(const Scope& scope,
                                         std::optional<std::int64_t> building_id);
  // Revoking twice changes nothing the second time. 404 outside the scope.
  [[nodiscard]] Result<Device> Revoke(const Scope& scope, std::int64_t id,
                                      const audit::Actor& actor);

  // The active device holding `secret`; nullopt for unknown or revoked ones.
  [[nodiscard]] std::optional<Device> Authenticate(const std::string& secret);
  // True when the device exists in that office and building and is not revoked.
  [[nodiscard]] bool IsActive(std::int64_t tenant_id, std::int64_t building_id,
                              std::int64_t device_id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::kiosk
