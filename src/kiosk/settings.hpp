#pragma once

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "kiosk/model.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

// What each building's kiosk offers: registration open or closed, the
// office's public contact, how to pay. Changes are audited. Thread-safe.
class SettingsService {
 public:
  SettingsService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // 404 for a building outside the scope.
  [[nodiscard]] Result<KioskSettings> Get(const Scope& scope, std::int64_t building_id);
  [[nodiscard]] Result<KioskSettings> Put(const Scope& scope, const KioskSettings& settings,
                                          const audit::Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::kiosk
