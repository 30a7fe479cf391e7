#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concierge {

namespace accounts {
class ScopeFactory;
}
struct ScopeForTesting;

enum class Role { kAdmin, kManager, kStaff, kResident, kKiosk };

[[nodiscard]] std::string_view RoleName(Role role);
// Parses "admin", "manager", ...; false when unknown.
[[nodiscard]] bool ParseRole(std::string_view text, Role& role);

// What an authenticated caller may see: one tenant, and within it either
// every building (admin, manager) or a list of buildings (staff, kiosk), or a
// list of apartments (resident). Every repository function that touches
// tenant-owned rows takes a Scope and filters on it.
//
// Only the auth layer (accounts::ScopeFactory) can make one, so a Scope in
// hand proves the caller was authenticated. Immutable; safe to share.
class Scope {
 public:
  class Key {
    friend class accounts::ScopeFactory;
    friend struct concierge::ScopeForTesting;
    Key() = default;
  };

  Scope(Key, std::int64_t tenant_id, std::int64_t user_id, Role role,
        std::vector<std::int64_t> building_ids, std::vector<std::int64_t> apartment_ids)
      : tenant_id_(tenant_id),
        user_id_(user_id),
        role_(role),
        building_ids_(std::move(building_ids)),
        apartment_ids_(std::move(apartment_ids)) {}

  [[nodiscard]] std::int64_t tenant_id() const { return tenant_id_; }
  [[nodiscard]] std::int64_t user_id() const { return user_id_; }
  [[nodiscard]] Role role() const { return role_; }

  // Admins and managers see every building of their tenant.
  [[nodiscard]] bool IsOfficeWide() const {
    return role_ == Role::kAdmin || role_ == Role::kManager;
  }
  [[nodiscard]] bool IsResident() const { return role_ == Role::kResident; }

  [[nodiscard]] bool CanSeeBuilding(std::int64_t building_id) const {
    return IsOfficeWide() || Contains(building_ids_, building_id);
  }
  // Residents see their own apartments only; staff every apartment of their buildings.
  [[nodiscard]] bool CanSeeApartment(std::int64_t building_id, std::int64_t apartment_id) const {
    if (IsResident()) {
      return Contains(apartment_ids_, apartment_id);
    }
    return CanSeeBuilding(building_id);
  }

  // SQL fragments to append to a WHERE clause; ids are integers, so the text
  // is safe to splice. Empty when the scope does not narrow that column.
  [[nodiscard]] std::string BuildingFilter(std::string_view column) const {
    return IsOfficeWide() ? std::string() : InList(column, building_ids_);
  }
  [[nodiscard]] std::string ApartmentFilter(std::string_view column) const {
    return IsResident() ? InList(column, apartment_ids_) : std::string();
  }

  [[nodiscard]] const std::vector<std::int64_t>& building_ids() const { return building_ids_; }
  [[nodiscard]] const std::vector<std::int64_t>& apartment_ids() const { return apartment_ids_; }

 private:
  static bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
  static std::string InList(std::string_view column, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) {
      return " AND 1 = 0";
    }
    std::string text = " AND " + std::string(column) + " IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      text += (i == 0 ? "" : ",") + std::to_string(ids[i]);
    }
    return text + ")";
  }

  std::int64_t tenant_id_;
  std::int64_t user_id_;
  Role role_;
  std::vector<std::int64_t> building_ids_;
  std::vector<std::int64_t> apartment_ids_;
};

}  // namespace concierge
