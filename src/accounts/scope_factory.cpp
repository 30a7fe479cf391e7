#include "accounts/scope_factory.hpp"

#include <algorithm>

namespace concierge::accounts {

namespace {

// Lower is stronger.
int Strength(Role role) {
  switch (role) {
    case Role::kAdmin:
      return 0;
    case Role::kManager:
      return 1;
    case Role::kStaff:
      return 2;
    case Role::kResident:
      return 3;
    case Role::kKiosk:
      return 4;
  }
  return 5;
}

void AddOnce(std::vector<std::int64_t>& ids, std::optional<std::int64_t> id) {
  if (id && std::find(ids.begin(), ids.end(), *id) == ids.end()) {
    ids.push_back(*id);
  }
}

}  // namespace

std::optional<Scope> ScopeFactory::ForMember(std::int64_t user_id, std::int64_t tenant_id,
                                             const std::vector<Membership>& memberships) {
  std::optional<Role> strongest;
  for (const auto& membership : memberships) {
    if (membership.tenant_id == tenant_id &&
        (!strongest || Strength(membership.role) < Strength(*strongest))) {
      strongest = membership.role;
    }
  }
  if (!strongest) {
    return std::nullopt;
  }

  std::vector<std::int64_t> buildings;
  std::vector<std::int64_t> apartments;
  for (const auto& membership : memberships) {
    if (membership.tenant_id != tenant_id || membership.role != *strongest) {
      continue;
    }
    AddOnce(buildings, membership.building_id);
    AddOnce(apartments, membership.apartment_id);
  }
  return Scope(Scope::Key{}, tenant_id, user_id, *strongest, std::move(buildings),
               std::move(apartments));
}

Scope ScopeFactory::ForKiosk(std::int64_t tenant_id, std::int64_t building_id) {
  return Scope(Scope::Key{}, tenant_id, 0, Role::kKiosk, {building_id}, {});
}

Scope ScopeFactory::ForPersonalLink(std::int64_t tenant_id, std::int64_t building_id,
                                    std::int64_t apartment_id) {
  return Scope(Scope::Key{}, tenant_id, 0, Role::kResident, {building_id}, {apartment_id});
}

Scope ScopeFactory::ForOperator(std::int64_t tenant_id) {
  return Scope(Scope::Key{}, tenant_id, 0, Role::kAdmin, {}, {});
}

}  // namespace concierge::accounts
