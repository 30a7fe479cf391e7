#include "accounts/repository.hpp"

#include "storage/database.hpp"
#include "storage/rows.hpp"

namespace concierge::accounts {

using storage::Int;
using storage::OptionalInt;
using storage::Text;

namespace {

constexpr const char* kUserColumns = "SELECT id, email, name, password_hash, is_active FROM users";

std::optional<User> FirstUser(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) {
    return User{Int(row, 0), Text(row, 1), Text(row, 2), Text(row, 3), Int(row, 4) != 0};
  }
  return std::nullopt;
}

}  // namespace

std::optional<User> SelectUserByEmail(soci::session& sql, const std::string& email) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUserColumns) + " WHERE email = :e", soci::use(email));
  return FirstUser(rows);
}

std::optional<User> SelectUser(soci::session& sql, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUserColumns) + " WHERE id = :id", soci::use(id));
  return FirstUser(rows);
}

std::int64_t InsertUser(soci::session& sql, const User& user) {
  const int active = user.is_active ? 1 : 0;
  sql << "INSERT INTO users (email, name, password_hash, is_active) VALUES (:e, :n, :h, :a)",
      soci::use(user.email), soci::use(user.name), soci::use(user.password_hash), soci::use(active);
  return storage::LastInsertId(sql);
}

std::vector<Membership> SelectMemberships(soci::session& sql, std::int64_t user_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT m.id, m.tenant_id, t.slug, m.user_id, m.role,"
                      " coalesce(m.building_id, a.building_id), m.apartment_id"
                      " FROM memberships m JOIN tenants t ON t.id = m.tenant_id"
                      " LEFT JOIN apartments a ON a.id = m.apartment_id"
                      " WHERE m.user_id = :u ORDER BY m.tenant_id, m.id",
       soci::use(user_id));
  std::vector<Membership> memberships;
  for (const auto& row : rows) {
    Membership membership;
    membership.id = Int(row, 0);
    membership.tenant_id = Int(row, 1);
    membership.tenant_slug = Text(row, 2);
    membership.user_id = Int(row, 3);
    if (!ParseRole(Text(row, 4), membership.role)) {
      continue;
    }
    membership.building_id = OptionalInt(row, 5);
    membership.apartment_id = OptionalInt(row, 6);
    memberships.push_back(std::move(membership));
  }
  return memberships;
}

void InsertMembership(soci::session& sql, const Membership& m) {
  const std::string role(RoleName(m.role));
  soci::indicator building_null = m.building_id ? soci::i_ok : soci::i_null;
  soci::indicator apartment_null = m.apartment_id ? soci::i_ok : soci::i_null;
  std::int64_t building = m.building_id.value_or(0);
  std::int64_t apartment = m.apartment_id.value_or(0);
  sql << "INSERT INTO memberships (tenant_id, user_id, role, building_id, apartment_id)"
         " VALUES (:t, :u, :r, :b, :a)",
      soci::use(m.tenant_id), soci::use(m.user_id), soci::use(role),
      soci::use(building, building_null), soci::use(apartment, apartment_null);
}

void UpdatePasswordHash(soci::session& sql, std::int64_t user_id, const std::string& hash) {
  sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(user_id);
}

std::vector<std::pair<Membership, std::string>> SelectTenantMemberships(soci::session& sql,
                                                                        std::int64_t tenant_id,
                                                                        std::int64_t offset,
                                                                        std::int64_t limit) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT m.id, m.user_id, m.role, coalesce(m.building_id, a.building_id),"
                      " m.apartment_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id"
                      " LEFT JOIN apartments a ON a.id = m.apartment_id"
                      " WHERE m.tenant_id = :t ORDER BY u.email, m.id LIMIT :l OFFSET :o",
       soci::use(tenant_id), soci::use(limit), soci::use(offset));
  std::vector<std::pair<Membership, std::string>> memberships;
  for (const auto& row : rows) {
    Membership membership;
    membership.id = Int(row, 0);
    membership.tenant_id = tenant_id;
    membership.user_id = Int(row, 1);
    if (!ParseRole(Text(row, 2), membership.role)) {
      continue;
    }
    membership.building_id = OptionalInt(row, 3);
    membership.apartment_id = OptionalInt(row, 4);
    memberships.emplace_back(std::move(membership), Text(row, 5));
  }
  return memberships;
}

std::int64_t CountTenantMemberships(soci::session& sql, std::int64_t tenant_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM memberships WHERE tenant_id = :t", soci::use(tenant_id),
      soci::into(count);
  return count;
}

std::optional<std::int64_t> DeleteMembership(soci::session& sql, std::int64_t tenant_id,
                                             std::int64_t membership_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id FROM memberships WHERE tenant_id = :t AND id = :id",
       soci::use(tenant_id), soci::use(membership_id));
  std::optional<std::int64_t> user;
  for (const auto& row : rows) {
    user = Int(row, 0);
  }
  if (user) {
    sql << "DELETE FROM memberships WHERE tenant_id = :t AND id = :id", soci::use(tenant_id),
        soci::use(membership_id);
  }
  return user;
}

std::optional<std::int64_t> SelectApartmentBuilding(soci::session& sql, std::int64_t tenant_id,
                                                    std::int64_t apartment_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT building_id FROM apartments WHERE tenant_id = :t AND id = :a",
       soci::use(tenant_id), soci::use(apartment_id));
  for (const auto& row : rows) {
    return Int(row, 0);
  }
  return std::nullopt;
}

bool BuildingExists(soci::session& sql, std::int64_t tenant_id, std::int64_t building_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM buildings WHERE tenant_id = :t AND id = :b", soci::use(tenant_id),
      soci::use(building_id), soci::into(count);
  return count > 0;
}

}  // namespace concierge::accounts
