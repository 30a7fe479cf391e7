#include "kiosk/devices.hpp"

#include "accounts/scope_factory.hpp"
#include "audit/repository.hpp"
#include "core/crypto.hpp"
#include "kiosk/repository.hpp"
#include "tenancy/repository.hpp"

namespace concierge::kiosk {

namespace {

constexpr std::size_t kMaxNameLength = 100;
// A device is marked seen at most this often, so polling devices do not
// turn every read into a write.
constexpr std::chrono::seconds kSeenResolution{60};

// The prefix tells a leaked secret's kind at a glance (and to scanners).
std::string NewSecret() {
  return "kd_" + RandomToken(32);
}

}  // namespace

Result<RegisteredDevice> DeviceService::Register(const Scope& scope, std::int64_t building_id,
                                                 const std::string& name,
                                                 const audit::Actor& actor) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return Fail(Error::Field("name", "Give the device a name of 1 to 100 characters."));
  }
  RegisteredDevice registered;
  registered.secret = NewSecret();
  const std::string now = FormatTimestamp(clock_.Now());
  return db_.Write([&](soci::session& sql) -> Result<RegisteredDevice> {
    if (!tenancy::SelectBuilding(sql, scope, building_id)) {
      return Fail(Error::Field("building_id", "No such building."));
    }
    Device device;
    device.building_id = building_id;
    device.name = name;
    const auto id = InsertDevice(sql, scope, device, Sha256Hex(registered.secret), now);
    registered.device = *SelectDevice(sql, scope, id);

    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = building_id;
    event.actor = actor;
    event.action = "kiosk.device_registered";
    event.target_type = "kiosk_device";
    event.target_id = std::to_string(id);
    event.detail = {{"name", name}};
    audit::Append(sql, event, clock_);
    return registered;
  });
}

std::vector<Device> DeviceService::List(const Scope& scope,
                                        std::optional<std::int64_t> building_id) {
  return db_.Read([&](soci::session& sql) { return SelectDevices(sql, scope, building_id); });
}

Result<Device> DeviceService::Revoke(const Scope& scope, std::int64_t id,
                                     const audit::Actor& actor) {
  const std::string now = FormatTimestamp(clock_.Now());
  return db_.Write([&](soci::session& sql) -> Result<Device> {
    const auto before = SelectDevice(sql, scope, id);
    if (!before) {
      return Fail(Error::NotFound("device_not_found", "No such kiosk device."));
    }
    if (!before->revoked_at) {
      (void)RevokeDevice(sql, scope, id, now);
      audit::Event event;
      event.tenant_id = scope.tenant_id();
      event.building_id = before->building_id;
      event.actor = actor;
      event.action = "kiosk.device_revoked";
      event.target_type = "kiosk_device";
      event.target_id = std::to_string(id);
      audit::Append(sql, event, clock_);
    }
    return *SelectDevice(sql, scope, id);
  });
}

std::optional<Device> DeviceService::Authenticate(const std::string& secret) {
  const std::string hash = Sha256Hex(secret);
  auto device = db_.Read([&](soci::session& sql) { return SelectDeviceBySecretHash(sql, hash); });
  if (!device || device->revoked_at) {
    return std::nullopt;
  }
  const Timestamp now = clock_.Now();
  const auto seen =
      device->last_seen_at ? ParseTimestamp(*device->last_seen_at) : Result<Timestamp>(Timestamp{});
  if (!seen || now - *seen >= kSeenResolution) {
    device->last_seen_at = FormatTimestamp(now);
    db_.Write([&](soci::session& sql) { TouchDevice(sql, device->id, *device->last_seen_at); });
  }
  return device;
}

bool DeviceService::IsActive(std::int64_t tenant_id, std::int64_t building_id,
                             std::int64_t device_id) {
  const Scope scope = accounts::ScopeFactory::ForKiosk(tenant_id, building_id);
  const auto device =
      db_.Read([&](soci::session& sql) { return SelectDevice(sql, scope, device_id); });
  return device && device->building_id == building_id && !device->revoked_at;
}

}  // namespace concierge::kiosk
