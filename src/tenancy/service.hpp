#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"
#include "tenancy/model.hpp"
#include "tenancy/repository.hpp"

namespace concierge::tenancy {

// Buildings and apartments: validation, uniqueness, and the rule that a
// building or apartment with books cannot disappear. Thread-safe.
class TenancyService {
 public:
  explicit TenancyService(storage::Database& db) : db_(db) {}

  [[nodiscard]] Result<std::vector<Building>> ListBuildings(const Scope& scope);
  [[nodiscard]] Result<Building> GetBuilding(const Scope& scope, std::int64_t id);
  [[nodiscard]] Result<Building> CreateBuilding(const Scope& scope, Building building);
  // `change` receives the stored building and edits it in place.
  [[nodiscard]] Result<Building> UpdateBuilding(const Scope& scope, std::int64_t id,
                                                const std::function<Status(Building&)>& change);
  [[nodiscard]] Status DeleteBuilding(const Scope& scope, std::int64_t id);

  // The page of apartments and the total count.
  [[nodiscard]] Result<std::pair<std::int64_t, std::vector<Apartment>>> ListApartments(
      const Scope& scope, const ApartmentFilter& filter);
  [[nodiscard]] Result<Apartment> GetApartment(const Scope& scope, std::int64_t id);
  [[nodiscard]] Result<Apartment> CreateApartment(const Scope& scope, Apartment apartment);
  [[nodiscard]] Result<Apartment> UpdateApartment(const Scope& scope, std::int64_t id,
                                                  const std::function<Status(Apartment&)>& change);
  [[nodiscard]] Status DeleteApartment(const Scope& scope, std::int64_t id);

 private:
  storage::Database& db_;
};

[[nodiscard]] Error BuildingNotFound();
[[nodiscard]] Error ApartmentNotFound();

}  // namespace concierge::tenancy
