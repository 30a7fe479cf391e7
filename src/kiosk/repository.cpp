#include "kiosk/repository.hpp"

#include "kiosk/personal_links.hpp"
#include "storage/database.hpp"
#include "storage/rows.hpp"

namespace concierge::kiosk {

using storage::Int;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

constexpr const char* kDeviceColumns =
    "SELECT d.id, d.tenant_id, d.building_id, d.name, d.created_at, d.last_seen_at,"
    " d.revoked_at FROM kiosk_devices d";

Device ReadDevice(const soci::row& row) {
  return {Int(row, 0),  Int(row, 1),          Int(row, 2),         Text(row, 3),
          Text(row, 4), OptionalText(row, 5), OptionalText(row, 6)};
}

constexpr const char* kRegistrationColumns =
    "SELECT r.id, r.tenant_id, r.building_id, r.apartment_id, a.number, r.name, r.email,"
    " r.phone, r.state, r.device_id, r.created_at, r.decided_at, r.user_id"
    " FROM kiosk_registrations r JOIN apartments a ON a.id = r.apartment_id";

Registration ReadRegistration(const soci::row& row) {
  Registration registration;
  registration.id = Int(row, 0);
  registration.tenant_id = Int(row, 1);
  registration.building_id = Int(row, 2);
  registration.apartment_id = Int(row, 3);
  registration.apartment_number = Text(row, 4);
  registration.name = Text(row, 5);
  registration.email = Text(row, 6);
  registration.phone = Text(row, 7);
  (void)ParseRegistrationState(Text(row, 8), registration.state);
  registration.device_id = OptionalInt(row, 9);
  registration.created_at = Text(row, 10);
  registration.decided_at = OptionalText(row, 11);
  registration.user_id = OptionalInt(row, 12);
  return registration;
}

}  // namespace

std::int64_t InsertDevice(soci::session& sql, const Scope& scope, const Device& device,
                          const std::string& secret_hash, const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long building = device.building_id;
  long long created_by = scope.user_id();
  // Operator commands act as user 0, who is nobody.
  soci::indicator by_null = created_by > 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO kiosk_devices (tenant_id, building_id, name, secret_hash, created_by,"
         " created_at) VALUES (:t, :b, :n, :h, :u, :c)",
      soci::use(tenant), soci::use(building), soci::use(device.name), soci::use(secret_hash),
      soci::use(created_by, by_null), soci::use(now);
  return storage::LastInsertId(sql);
}

std::vector<Device> SelectDevices(soci::session& sql, const Scope& scope,
                                  std::optional<std::int64_t> building_id) {
  const long long tenant = scope.tenant_id();
  const long long building = building_id.value_or(0);
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeviceColumns) +
                          " WHERE d.tenant_id = :t AND (:b = 0 OR d.building_id = :b2)" +
                          scope.BuildingFilter("d.building_id") + " ORDER BY d.id",
       soci::use(tenant), soci::use(building), soci::use(building));
  std::vector<Device> devices;
  for (const auto& row : rows) {
    devices.push_back(ReadDevice(row));
  }
  return devices;
}

std::optional<Device> SelectDevice(soci::session& sql, const Scope& scope, std::int64_t id) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeviceColumns) + " WHERE d.tenant_id = :t AND d.id = :i" +
                          scope.BuildingFilter("d.building_id"),
       soci::use(tenant), soci::use(wanted));
  for (const auto& row : rows) {
    return ReadDevice(row);
  }
  return std::nullopt;
}

bool RevokeDevice(soci::session& sql, const Scope& scope, std::int64_t id, const std::string& now) {
  if (!SelectDevice(sql, scope, id)) {
    return false;
  }
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  sql << "UPDATE kiosk_devices SET revoked_at = :n"
         " WHERE tenant_id = :t AND id = :i AND revoked_at IS NULL",
      soci::use(now), soci::use(tenant), soci::use(wanted);
  return true;
}

std::optional<Device> SelectDeviceBySecretHash(soci::session& sql, const std::string& secret_hash) {
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeviceColumns) + " WHERE d.secret_hash = :h",
       soci::use(secret_hash));
  for (const auto& row : rows) {
    return ReadDevice(row);
  }
  return std::nullopt;
}

void TouchDevice(soci::session& sql, std::int64_t id, const std::string& now) {
  const long long wanted = id;
  sql << "UPDATE kiosk_devices SET last_seen_at = :n WHERE id = :i", soci::use(now),
      soci::use(wanted);
}

std::optional<std::int64_t> SelectBuildingTenant(soci::session& sql, std::int64_t building_id) {
  const long long wanted = building_id;
  long long tenant = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT tenant_id FROM buildings WHERE id = :b", soci::use(wanted),
      soci::into(tenant, found);
  if (!sql.got_data() || found != soci::i_ok) {
    return std::nullopt;
  }
  return tenant;
}

KioskSettings SelectSettings(soci::session& sql, const Scope& scope, std::int64_t building_id) {
  KioskSettings settings;
  settings.building_id = building_id;
  const long long tenant = scope.tenant_id();
  const long long building = building_id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT registration_open, public_contact, payment_instructions"
                      " FROM kiosk_settings WHERE tenant_id = :t AND building_id = :b" +
                          scope.BuildingFilter("building_id"),
       soci::use(tenant), soci::use(building));
  for (const auto& row : rows) {
    settings.registration_open = Int(row, 0) == 1;
    settings.public_contact = Text(row, 1);
    settings.payment_instructions = Text(row, 2);
  }
  return settings;
}

void UpsertSettings(soci::session& sql, const Scope& scope, const KioskSettings& settings,
                    const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long building = settings.building_id;
  const int open = settings.registration_open ? 1 : 0;
  sql << "INSERT INTO kiosk_settings (building_id, tenant_id, registration_open, public_contact,"
         " payment_instructions, updated_at) VALUES (:b, :t, :o, :c, :p, :n)"
         " ON CONFLICT (building_id) DO UPDATE SET registration_open = excluded.registration_open,"
         " public_contact = excluded.public_contact,"
         " payment_instructions = excluded.payment_instructions, updated_at = excluded.updated_at"
         " WHERE kiosk_settings.tenant_id = excluded.tenant_id",
      soci::use(building), soci::use(tenant), soci::use(open), soci::use(settings.public_contact),
      soci::use(settings.payment_instructions), soci::use(now);
}

std::int64_t InsertRegistration(soci::session& sql, const Scope& scope,
                                const Registration& registration, const std::string& client_address,
                                const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long building = registration.building_id;
  const long long apartment = registration.apartment_id;
  long long device = registration.device_id.value_or(0);
  soci::indicator device_null = registration.device_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO kiosk_registrations (tenant_id, building_id, apartment_id, name, email,"
         " phone, device_id, client_address, created_at)"
         " VALUES (:t, :b, :a, :n, :e, :p, :d, :c, :w)",
      soci::use(tenant), soci::use(building), soci::use(apartment), soci::use(registration.name),
      soci::use(registration.email), soci::use(registration.phone), soci::use(device, device_null),
      soci::use(client_address), soci::use(now);
  return storage::LastInsertId(sql);
}

std::vector<Registration> SelectRegistrations(soci::session& sql, const Scope& scope,
                                              std::optional<RegistrationState> state,
                                              std::int64_t offset, std::int64_t limit) {
  const long long tenant = scope.tenant_id();
  const std::string wanted = state ? RegistrationStateName(*state) : "";
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kRegistrationColumns) +
                          " WHERE r.tenant_id = :t AND (:s = '' OR r.state = :s2)" +
                          scope.BuildingFilter("r.building_id") +
                          " ORDER BY r.id LIMIT :l OFFSET :o",
       soci::use(tenant), soci::use(wanted), soci::use(wanted), soci::use(limit),
       soci::use(offset));
  std::vector<Registration> registrations;
  for (const auto& row : rows) {
    registrations.push_back(ReadRegistration(row));
  }
  return registrations;
}

std::int64_t CountRegistrations(soci::session& sql, const Scope& scope,
                                std::optional<RegistrationState> state) {
  const long long tenant = scope.tenant_id();
  const std::string wanted = state ? RegistrationStateName(*state) : "";
  long long count = 0;
  sql << "SELECT count(*) FROM kiosk_registrations r"
         " WHERE r.tenant_id = :t AND (:s = '' OR r.state = :s2)" +
             scope.BuildingFilter("r.building_id"),
      soci::use(tenant), soci::use(wanted), soci::use(wanted), soci::into(count);
  return count;
}

std::optional<Registration> SelectRegistration(soci::session& sql, const Scope& scope,
                                               std::int64_t id) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kRegistrationColumns) + " WHERE r.tenant_id = :t AND r.id = :i" +
                          scope.BuildingFilter("r.building_id"),
       soci::use(tenant), soci::use(wanted));
  for (const auto& row : rows) {
    return ReadRegistration(row);
  }
  return std::nullopt;
}

bool DecideRegistration(soci::session& sql, const Scope& scope, std::int64_t id,
                        RegistrationState state, std::int64_t decided_by,
                        std::optional<std::int64_t> user_id, const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  long long by = decided_by;
  soci::indicator by_null = by > 0 ? soci::i_ok : soci::i_null;
  long long user = user_id.value_or(0);
  soci::indicator user_null = user_id ? soci::i_ok : soci::i_null;
  const std::string name = RegistrationStateName(state);
  soci::statement update =
      (sql.prepare << "UPDATE kiosk_registrations SET state = :s, decided_at = :n,"
                      " decided_by = :by, user_id = :u"
                      " WHERE tenant_id = :t AND id = :i AND state = 'pending'" +
                          scope.BuildingFilter("building_id"),
       soci::use(name), soci::use(now), soci::use(by, by_null), soci::use(user, user_null),
       soci::use(tenant), soci::use(wanted));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

void InsertInvitation(soci::session& sql, const Scope& scope, std::int64_t user_id,
                      std::int64_t registration_id, const std::string& token_hash,
                      const std::string& now, const std::string& expires_at) {
  const long long tenant = scope.tenant_id();
  const long long user = user_id;
  const long long registration = registration_id;
  sql << "INSERT INTO account_invitations (tenant_id, user_id, registration_id, token_hash,"
         " created_at, expires_at) VALUES (:t, :u, :r, :h, :c, :e)",
      soci::use(tenant), soci::use(user), soci::use(registration), soci::use(token_hash),
      soci::use(now), soci::use(expires_at);
}

namespace {

constexpr const char* kLinkColumns =
    "SELECT l.id, l.building_id, l.apartment_id, l.created_at, l.revoked_at, l.last_used_at,"
    " l.tenant_id FROM personal_links l";

PersonalLink ReadLink(const soci::row& row) {
  return {storage::Int(row, 0),  storage::Int(row, 1),          storage::Int(row, 2),
          storage::Text(row, 3), storage::OptionalText(row, 4), storage::OptionalText(row, 5)};
}

}  // namespace

std::int64_t InsertPersonalLink(soci::session& sql, const Scope& scope, std::int64_t building_id,
                                std::int64_t apartment_id, const std::string& token_hash,
                                const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long building = building_id;
  const long long apartment = apartment_id;
  long long by = scope.user_id();
  soci::indicator by_null = by > 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO personal_links (tenant_id, building_id, apartment_id, token_hash,"
         " created_by, created_at) VALUES (:t, :b, :a, :h, :u, :c)",
      soci::use(tenant), soci::use(building), soci::use(apartment), soci::use(token_hash),
      soci::use(by, by_null), soci::use(now);
  return storage::LastInsertId(sql);
}

std::vector<PersonalLink> SelectPersonalLinks(soci::session& sql, const Scope& scope,
                                              std::int64_t apartment_id) {
  const long long tenant = scope.tenant_id();
  const long long apartment = apartment_id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kLinkColumns) +
                          " WHERE l.tenant_id = :t AND l.apartment_id = :a" +
                          scope.BuildingFilter("l.building_id") + " ORDER BY l.id",
       soci::use(tenant), soci::use(apartment));
  std::vector<PersonalLink> links;
  for (const auto& row : rows) {
    links.push_back(ReadLink(row));
  }
  return links;
}

std::optional<PersonalLink> SelectPersonalLink(soci::session& sql, const Scope& scope,
                                               std::int64_t id) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kLinkColumns) + " WHERE l.tenant_id = :t AND l.id = :i" +
                          scope.BuildingFilter("l.building_id"),
       soci::use(tenant), soci::use(wanted));
  for (const auto& row : rows) {
    return ReadLink(row);
  }
  return std::nullopt;
}

void RevokePersonalLink(soci::session& sql, const Scope& scope, std::int64_t id,
                        const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  sql << "UPDATE personal_links SET revoked_at = :n"
         " WHERE tenant_id = :t AND id = :i AND revoked_at IS NULL" +
             scope.BuildingFilter("building_id"),
      soci::use(now), soci::use(tenant), soci::use(wanted);
}

std::optional<std::pair<std::int64_t, PersonalLink>> SelectActiveLinkByHash(
    soci::session& sql, const std::string& token_hash) {
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kLinkColumns) +
                          " WHERE l.token_hash = :h AND l.revoked_at IS NULL",
       soci::use(token_hash));
  for (const auto& row : rows) {
    return std::make_pair(storage::Int(row, 6), ReadLink(row));
  }
  return std::nullopt;
}

void TouchPersonalLink(soci::session& sql, std::int64_t id, const std::string& now) {
  const long long wanted = id;
  sql << "UPDATE personal_links SET last_used_at = :n WHERE id = :i", soci::use(now),
      soci::use(wanted);
}

std::optional<UsedInvitation> UseInvitation(soci::session& sql, const std::string& token_hash,
                                            const std::string& now) {
  long long tenant = 0;
  long long user = 0;
  long long id = 0;
  sql << "SELECT id, tenant_id, user_id FROM account_invitations"
         " WHERE token_hash = :h AND accepted_at IS NULL AND expires_at >= :n",
      soci::use(token_hash), soci::use(now), soci::into(id), soci::into(tenant), soci::into(user);
  if (!sql.got_data()) {
    return std::nullopt;
  }
  sql << "UPDATE account_invitations SET accepted_at = :n WHERE id = :i", soci::use(now),
      soci::use(id);
  return UsedInvitation{tenant, user};
}

}  // namespace concierge::kiosk
