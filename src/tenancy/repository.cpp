#include "tenancy/repository.hpp"

#include <unordered_map>

#include "storage/database.hpp"
#include "storage/prepared.hpp"
#include "storage/rows.hpp"

namespace concierge::tenancy {

using storage::Int;
using storage::Text;

namespace {

constexpr const char* kBuildingColumns =
    "SELECT id, tenant_id, code, name, address, city, timezone, currency FROM buildings b";

Building ReadBuilding(const soci::row& row) {
  return Building{Int(row, 0),  Int(row, 1),  Text(row, 2), Text(row, 3),
                  Text(row, 4), Text(row, 5), Text(row, 6), Text(row, 7)};
}

constexpr const char* kApartmentColumns =
    "SELECT a.id, a.tenant_id, a.building_id, a.number, a.floor, a.owner_name, a.owner_email,"
    " a.occupant_name FROM apartments a";

Apartment ReadApartment(const soci::row& row) {
  Apartment apartment;
  apartment.id = Int(row, 0);
  apartment.tenant_id = Int(row, 1);
  apartment.building_id = Int(row, 2);
  apartment.number = Text(row, 3);
  apartment.floor = static_cast<int>(Int(row, 4));
  apartment.owner_name = Text(row, 5);
  apartment.owner_email = Text(row, 6);
  apartment.occupant_name = Text(row, 7);
  return apartment;
}

std::string ApartmentWhere(const Scope& scope, const ApartmentFilter& filter) {
  std::string where = " WHERE a.tenant_id = :tenant" + scope.BuildingFilter("a.building_id") +
                      scope.ApartmentFilter("a.id");
  if (filter.building_id) {
    where += " AND a.building_id = " + std::to_string(*filter.building_id);
  }
  return where;
}

void LoadShares(soci::session& sql, std::vector<Apartment>& apartments) {
  if (apartments.empty()) {
    return;
  }
  std::string ids;
  for (const auto& apartment : apartments) {
    ids += (ids.empty() ? "" : ",") + std::to_string(apartment.id);
  }
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT apartment_id, category, per_mille"
                                                 " FROM apartment_shares WHERE apartment_id IN (" +
                                                     ids + ")");
  std::unordered_map<std::int64_t, Apartment*> by_id;
  for (auto& apartment : apartments) {
    by_id[apartment.id] = &apartment;
  }
  for (const auto& row : rows) {
    if (const auto found = by_id.find(Int(row, 0)); found != by_id.end()) {
      found->second->shares[Text(row, 1)] = static_cast<int>(Int(row, 2));
    }
  }
}

// The apartment `rows` found by a unique key, with its shares.
std::optional<Apartment> FirstWithShares(soci::session& sql, soci::rowset<soci::row>& rows) {
  std::vector<Apartment> found;
  for (const auto& row : rows) {
    found.push_back(ReadApartment(row));
  }
  if (found.empty()) {
    return std::nullopt;
  }
  LoadShares(sql, found);
  return found.front();
}

}  // namespace

std::optional<Tenant> FindTenantBySlug(soci::session& sql, const std::string& slug) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, slug, name, timezone FROM tenants WHERE slug = :s",
       soci::use(slug));
  for (const auto& row : rows) {
    return Tenant{Int(row, 0), Text(row, 1), Text(row, 2), Text(row, 3)};
  }
  return std::nullopt;
}

std::optional<Tenant> FindTenant(soci::session& sql, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, slug, name, timezone FROM tenants WHERE id = :id", soci::use(id));
  for (const auto& row : rows) {
    return Tenant{Int(row, 0), Text(row, 1), Text(row, 2), Text(row, 3)};
  }
  return std::nullopt;
}

Tenant InsertTenant(soci::session& sql, Tenant tenant) {
  sql << "INSERT INTO tenants (slug, name, timezone) VALUES (:s, :n, :z)", soci::use(tenant.slug),
      soci::use(tenant.name), soci::use(tenant.timezone);
  tenant.id = storage::LastInsertId(sql);
  return tenant;
}

std::vector<Building> SelectBuildings(soci::session& sql, const Scope& scope) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBuildingColumns) + " WHERE b.tenant_id = :tenant" +
                          scope.BuildingFilter("b.id") + " ORDER BY b.code",
       soci::use(tenant));
  std::vector<Building> buildings;
  for (const auto& row : rows) {
    buildings.push_back(ReadBuilding(row));
  }
  return buildings;
}

std::optional<Building> SelectBuilding(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kBuildingColumns) +
                                                     " WHERE b.tenant_id = :tenant AND b.id = :id" +
                                                     scope.BuildingFilter("b.id"),
                                  soci::use(tenant), soci::use(id));
  for (const auto& row : rows) {
    return ReadBuilding(row);
  }
  return std::nullopt;
}

std::optional<Building> SelectBuildingByCode(soci::session& sql, const Scope& scope,
                                             const std::string& code) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kBuildingColumns) +
                          " WHERE b.tenant_id = :tenant AND b.code = :code" +
                          scope.BuildingFilter("b.id"),
       soci::use(tenant), soci::use(code));
  for (const auto& row : rows) {
    return ReadBuilding(row);
  }
  return std::nullopt;
}

std::int64_t InsertBuilding(soci::session& sql, const Scope& scope, const Building& b) {
  const std::int64_t tenant = scope.tenant_id();
  sql << "INSERT INTO buildings (tenant_id, code, name, address, city, timezone, currency)"
         " VALUES (:t, :code, :name, :address, :city, :tz, :cur)",
      soci::use(tenant), soci::use(b.code), soci::use(b.name), soci::use(b.address),
      soci::use(b.city), soci::use(b.timezone), soci::use(b.currency);
  return storage::LastInsertId(sql);
}

void UpdateBuilding(soci::session& sql, const Scope& scope, const Building& b) {
  const std::int64_t tenant = scope.tenant_id();
  RaiseBooksVersion(sql, tenant);
  sql << "UPDATE buildings SET code = :code, name = :name, address = :address, city = :city,"
         " timezone = :tz, currency = :cur WHERE id = :id AND tenant_id = :t",
      soci::use(b.code), soci::use(b.name), soci::use(b.address), soci::use(b.city),
      soci::use(b.timezone), soci::use(b.currency), soci::use(b.id), soci::use(tenant);
}

void DeleteBuilding(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  RaiseBooksVersion(sql, tenant);
  sql << "DELETE FROM buildings WHERE id = :id AND tenant_id = :t", soci::use(id),
      soci::use(tenant);
}

std::int64_t CountApartmentsOf(soci::session& sql, const Scope& scope, std::int64_t building_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM apartments WHERE tenant_id = :t AND building_id = :b",
      soci::use(tenant), soci::use(building_id), soci::into(count);
  return count;
}

std::int64_t CountApartments(soci::session& sql, const Scope& scope,
                             const ApartmentFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM apartments a" + ApartmentWhere(scope, filter), soci::use(tenant),
      soci::into(count);
  return count;
}

std::vector<Apartment> SelectApartments(soci::session& sql, const Scope& scope,
                                        const ApartmentFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kApartmentColumns) + ApartmentWhere(scope, filter) +
                          " ORDER BY a.building_id, a.number LIMIT " +
                          std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset),
       soci::use(tenant));
  std::vector<Apartment> apartments;
  for (const auto& row : rows) {
    apartments.push_back(ReadApartment(row));
  }
  LoadShares(sql, apartments);
  return apartments;
}

std::optional<std::int64_t> SelectApartmentBuilding(soci::session& sql, const Scope& scope,
                                                    std::int64_t id) {
  // Fixed text (so the prepared statement is shared by every caller); the
  // scope's buildings and apartments are checked here instead of in SQL.
  const std::int64_t tenant = scope.tenant_id();
  long long building = 0;
  const bool found = storage::Execute(
      sql, "SELECT a.building_id FROM apartments a WHERE a.tenant_id = :tenant AND a.id = :id",
      soci::use(tenant), soci::use(id), soci::into(building));
  if (!found || !scope.CanSeeApartment(building, id)) {
    return std::nullopt;
  }
  return building;
}

std::optional<Apartment> SelectApartment(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kApartmentColumns) +
                          " WHERE a.tenant_id = :tenant AND a.id = " + std::to_string(id) +
                          scope.BuildingFilter("a.building_id") + scope.ApartmentFilter("a.id"),
       soci::use(tenant));
  return FirstWithShares(sql, rows);
}

std::optional<Apartment> SelectApartmentByNumber(soci::session& sql, const Scope& scope,
                                                 std::int64_t building_id,
                                                 const std::string& number) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kApartmentColumns) +
                          " WHERE a.tenant_id = :tenant AND a.building_id = :b AND a.number = :n" +
                          scope.BuildingFilter("a.building_id") + scope.ApartmentFilter("a.id"),
       soci::use(tenant), soci::use(building_id), soci::use(number));
  return FirstWithShares(sql, rows);
}

std::int64_t InsertApartment(soci::session& sql, const Scope& scope, const Apartment& a) {
  const std::int64_t tenant = scope.tenant_id();
  sql << "INSERT INTO apartments (tenant_id, building_id, number, floor, owner_name, owner_email,"
         " occupant_name) VALUES (:t, :b, :n, :f, :on, :oe, :occ)",
      soci::use(tenant), soci::use(a.building_id), soci::use(a.number), soci::use(a.floor),
      soci::use(a.owner_name), soci::use(a.owner_email), soci::use(a.occupant_name);
  const std::int64_t id = storage::LastInsertId(sql);
  ReplaceShares(sql, scope, id, a.shares);
  return id;
}

void UpdateApartment(soci::session& sql, const Scope& scope, const Apartment& a) {
  const std::int64_t tenant = scope.tenant_id();
  RaiseBooksVersion(sql, tenant);
  sql << "UPDATE apartments SET number = :n, floor = :f, owner_name = :on, owner_email = :oe,"
         " occupant_name = :occ WHERE id = :id AND tenant_id = :t",
      soci::use(a.number), soci::use(a.floor), soci::use(a.owner_name), soci::use(a.owner_email),
      soci::use(a.occupant_name), soci::use(a.id), soci::use(tenant);
  ReplaceShares(sql, scope, a.id, a.shares);
}

void DeleteApartment(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  RaiseBooksVersion(sql, tenant);
  sql << "DELETE FROM apartments WHERE id = :id AND tenant_id = :t", soci::use(id),
      soci::use(tenant);
}

void ReplaceShares(soci::session& sql, const Scope& scope, std::int64_t apartment_id,
                   const Shares& shares) {
  const std::int64_t tenant = scope.tenant_id();
  sql << "DELETE FROM apartment_shares WHERE apartment_id = :a AND tenant_id = :t",
      soci::use(apartment_id), soci::use(tenant);
  for (const auto& [category, per_mille] : shares) {
    sql << "INSERT INTO apartment_shares (tenant_id, apartment_id, category, per_mille)"
           " VALUES (:t, :a, :c, :p)",
        soci::use(tenant), soci::use(apartment_id), soci::use(category), soci::use(per_mille);
  }
}

bool ApartmentIsInUse(soci::session& sql, const Scope& scope, std::int64_t apartment_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT (SELECT count(*) FROM ledger_entries WHERE tenant_id = :t AND apartment_id = :a)"
         " + (SELECT count(*) FROM memberships WHERE tenant_id = :t2 AND apartment_id = :a2)",
      soci::use(tenant), soci::use(apartment_id), soci::use(tenant), soci::use(apartment_id),
      soci::into(count);
  return count > 0;
}

bool BuildingHasLedgerEntries(soci::session& sql, const Scope& scope, std::int64_t building_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM ledger_entries WHERE tenant_id = :t AND building_id = :b",
      soci::use(tenant), soci::use(building_id), soci::into(count);
  return count > 0;
}

bool BuildingHasMembers(soci::session& sql, const Scope& scope, std::int64_t building_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM memberships WHERE tenant_id = :t AND building_id = :b",
      soci::use(tenant), soci::use(building_id), soci::into(count);
  return count > 0;
}

void RaiseBooksVersion(soci::session& sql, std::int64_t tenant_id) {
  storage::Execute(sql,
                   "INSERT INTO books_versions (tenant_id, version) VALUES (:t, 1)"
                   " ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1",
                   soci::use(tenant_id));
}

std::vector<std::pair<std::int64_t, int>> SelectCategoryShares(soci::session& sql,
                                                               const Scope& scope,
                                                               std::int64_t building_id,
                                                               const std::string& category) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.apartment_id, s.per_mille FROM apartment_shares s"
                      " JOIN apartments a ON a.id = s.apartment_id"
                      " WHERE a.tenant_id = :t AND a.building_id = :b AND s.category = :c" +
                          scope.BuildingFilter("a.building_id") + " ORDER BY a.number, a.id",
       soci::use(tenant), soci::use(building_id), soci::use(category));
  std::vector<std::pair<std::int64_t, int>> shares;
  for (const auto& row : rows) {
    shares.emplace_back(Int(row, 0), static_cast<int>(Int(row, 1)));
  }
  return shares;
}

}  // namespace concierge::tenancy
