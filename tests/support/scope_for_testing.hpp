#pragma once

#include "core/scope.hpp"

namespace concierge {

// Tests may make a Scope without going through authentication.
struct ScopeForTesting {
  static Scope Office(std::int64_t tenant_id, Role role = Role::kManager) {
    return Scope(Scope::Key{}, tenant_id, 0, role, {}, {});
  }
  static Scope Staff(std::int64_t tenant_id, std::vector<std::int64_t> buildings) {
    return Scope(Scope::Key{}, tenant_id, 0, Role::kStaff, std::move(buildings), {});
  }
  static Scope Resident(std::int64_t tenant_id, std::vector<std::int64_t> buildings,
                        std::vector<std::int64_t> apartments) {
    return Scope(Scope::Key{}, tenant_id, 0, Role::kResident, std::move(buildings),
                 std::move(apartments));
  }
  static Scope Make(Role role) { return Scope(Scope::Key{}, 1, 1, role, {}, {}); }
};

}  // namespace concierge
