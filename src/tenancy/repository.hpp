#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "tenancy/model.hpp"

namespace concierge::tenancy {

// All SQL of the tenancy module. Functions run on the caller's session so a
// service can compose them inside one transaction. Everything tenant-owned
// is filtered by the Scope; a row outside it is reported as absent.

// Tenants are not tenant-owned: only the command line creates and finds them.
[[nodiscard]] std::optional<Tenant> FindTenantBySlug(soci::session& sql, const std::string& slug);
[[nodiscard]] std::optional<Tenant> FindTenant(soci::session& sql, std::int64_t id);
[[nodiscard]] Tenant InsertTenant(soci::session& sql, Tenant tenant);

[[nodiscard]] std::vector<Building> SelectBuildings(soci::session& sql, const Scope& scope);
[[nodiscard]] std::optional<Building> SelectBuilding(soci::session& sql, const Scope& scope,
                                                     std::int64_t id);
[[nodiscard]] std::optional<Building> SelectBuildingByCode(soci::session& sql, const Scope& scope,
                                                           const std::string& code);
// Throws soci_error on a duplicate code (see storage::IsUniqueViolation).
[[nodiscard]] std::int64_t InsertBuilding(soci::session& sql, const Scope& scope,
                                          const Building& building);
void UpdateBuilding(soci::session& sql, const Scope& scope, const Building& building);
void DeleteBuilding(soci::session& sql, const Scope& scope, std::int64_t id);
[[nodiscard]] std::int64_t CountApartmentsOf(soci::session& sql, const Scope& scope,
                                             std::int64_t building_id);

struct ApartmentFilter {
  std::optional<std::int64_t> building_id;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

[[nodiscard]] std::int64_t CountApartments(soci::session& sql, const Scope& scope,
                                           const ApartmentFilter& filter);
[[nodiscard]] std::vector<Apartment> SelectApartments(soci::session& sql, const Scope& scope,
                                                      const ApartmentFilter& filter);
// The building of a visible apartment; a lighter SelectApartment for writers
// that need only to know the apartment is there.
[[nodiscard]] std::optional<std::int64_t> SelectApartmentBuilding(soci::session& sql,
                                                                  const Scope& scope,
                                                                  std::int64_t id);
[[nodiscard]] std::optional<Apartment> SelectApartment(soci::session& sql, const Scope& scope,
                                                       std::int64_t id);
[[nodiscard]] std::optional<Apartment> SelectApartmentByNumber(soci::session& sql,
                                                               const Scope& scope,
                                                               std::int64_t building_id,
                                                               const std::string& number);
[[nodiscard]] std::int64_t InsertApartment(soci::session& sql, const Scope& scope,
                                           const Apartment& apartment);
void UpdateApartment(soci::session& sql, const Scope& scope, const Apartment& apartment);
void DeleteApartment(soci::session& sql, const Scope& scope, std::int64_t id);
void ReplaceShares(soci::session& sql, const Scope& scope, std::int64_t apartment_id,
                   const Shares& shares);
// True when ledger entries or memberships refer to the apartment.
[[nodiscard]] bool ApartmentIsInUse(soci::session& sql, const Scope& scope,
                                    std::int64_t apartment_id);
[[nodiscard]] bool BuildingHasLedgerEntries(soci::session& sql, const Scope& scope,
                                            std::int64_t building_id);
[[nodiscard]] bool BuildingHasMembers(soci::session& sql, const Scope& scope,
                                      std::int64_t building_id);

// Raises the office's books version (books_versions): anything derived from
// the books, like a cached debt report, is stale after this transaction.
void RaiseBooksVersion(soci::session& sql, std::int64_t tenant_id);

// Shares in `category` of every apartment of a building, by apartment id.
// Apartments without a share in that category are left out.
[[nodiscard]] std::vector<std::pair<std::int64_t, int>> SelectCategoryShares(
    soci::session& sql, const Scope& scope, std::int64_t building_id, const std::string& category);

}  // namespace concierge::tenancy
