#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.hpp"

namespace concierge::accounts {

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
  bool is_active = true;
};

// A user's role in one office; staff memberships name a building, resident
// memberships an apartment (and its building).
struct Membership {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::string tenant_slug;
  std::int64_t user_id = 0;
  Role role = Role::kResident;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> apartment_id;
};

struct NewUser {
  std::int64_t tenant_id = 0;
  std::string email;
  std::string name;
  Role role = Role::kResident;
  std::string password;
  std::vector<std::int64_t> building_ids;    // staff
  std::optional<std::int64_t> apartment_id;  // resident
};

}  // namespace concierge::accounts
