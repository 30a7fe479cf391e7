#include "kiosk/settings.hpp"

#include "audit/repository.hpp"
#include "kiosk/repository.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::kiosk {

Result<KioskSettings> SettingsService::Get(const Scope& scope, std::int64_t building_id) {
  return db_.Read([&](soci::session& sql) -> Result<KioskSettings> {
    if (!tenancy::SelectBuilding(sql, scope, building_id)) {
      return Fail(tenancy::BuildingNotFound());
    }
    return SelectSettings(sql, scope, building_id);
  });
}

Result<KioskSettings> SettingsService::Put(const Scope& scope, const KioskSettings& settings,
                                           const audit::Actor& actor) {
  if (settings.public_contact.size() > 500) {
    return Fail(Error::Field("public_contact", "At most 500 characters."));
  }
  if (settings.payment_instructions.size() > 2000) {
    return Fail(Error::Field("payment_instructions", "At most 2000 characters."));
  }
  return db_.Write([&](soci::session& sql) -> Result<KioskSettings> {
    if (!tenancy::SelectBuilding(sql, scope, settings.building_id)) {
      return Fail(tenancy::BuildingNotFound());
    }
    UpsertSettings(sql, scope, settings, FormatTimestamp(clock_.Now()));
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = settings.building_id;
    event.actor = actor;
    event.action = "kiosk.settings_changed";
    event.target_type = "building";
    event.target_id = std::to_string(settings.building_id);
    event.detail = {{"registration_open", settings.registration_open}};
    audit::Append(sql, event, clock_);
    return SelectSettings(sql, scope, settings.building_id);
  });
}

}  // namespace concierge::kiosk
