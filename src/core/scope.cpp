#include "core/scope.hpp"

namespace concierge {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kStaff:
      return "staff";
    case Role::kResident:
      return "resident";
    case Role::kKiosk:
      return "kiosk";
  }
  return "";
}

bool ParseRole(std::string_view text, Role& role) {
  for (Role candidate :
       {Role::kAdmin, Role::kManager, Role::kStaff, Role::kResident, Role::kKiosk}) {
    if (RoleName(candidate) == text) {
      role = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace concierge
