#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "accounts/model.hpp"

namespace concierge::accounts {

// Users are global (one login across offices); memberships are tenant-owned.
[[nodiscard]] std::optional<User> SelectUserByEmail(soci::session& sql, const std::string& email);
[[nodiscard]] std::optional<User> SelectUser(soci::session& sql, std::int64_t id);
[[nodiscard]] std::int64_t InsertUser(soci::session& sql, const User& user);

// Every membership of a user, with the building of resident apartments filled in.
[[nodiscard]] std::vector<Membership> SelectMemberships(soci::session& sql, std::int64_t user_id);
void InsertMembership(soci::session& sql, const Membership& membership);
void UpdatePasswordHash(soci::session& sql, std::int64_t user_id, const std::string& hash);

// Memberships of one office, with each user's e-mail, by user then id:
// `limit` of them from `offset`.
[[nodiscard]] std::vector<std::pair<Membership, std::string>> SelectTenantMemberships(
    soci::session& sql, std::int64_t tenant_id, std::int64_t offset, std::int64_t limit);
[[nodiscard]] std::int64_t CountTenantMemberships(soci::session& sql, std::int64_t tenant_id);
// Deletes a membership of `tenant_id`; returns its user, or nothing when absent.
[[nodiscard]] std::optional<std::int64_t> DeleteMembership(soci::session& sql,
                                                           std::int64_t tenant_id,
                                                           std::int64_t membership_id);

// The building an apartment of `tenant_id` belongs to, if it exists.
[[nodiscard]] std::optional<std::int64_t> SelectApartmentBuilding(soci::session& sql,
                                                                  std::int64_t tenant_id,
                                                                  std::int64_t apartment_id);
[[nodiscard]] bool BuildingExists(soci::session& sql, std::int64_t tenant_id,
                                  std::int64_t building_id);

}  // namespace concierge::accounts
