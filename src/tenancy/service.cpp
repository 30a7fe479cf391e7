#include "tenancy/service.hpp"

#include "tenancy/validation.hpp"

namespace concierge::tenancy {

Error BuildingNotFound() {
  return Error::NotFound("building_not_found", "No such building.");
}
Error ApartmentNotFound() {
  return Error::NotFound("apartment_not_found", "No such apartment.");
}

namespace {

Error DuplicateCode(const std::string& code) {
  return Error{ErrorKind::kConflict,
               "building_code_taken",
               "Another building of this office already has code " + code + ".",
               {{"code", "Already in use."}}};
}

Error DuplicateNumber(const std::string& number) {
  return Error{ErrorKind::kConflict,
               "apartment_number_taken",
               "The building already has an apartment " + number + ".",
               {{"number", "Already in use."}}};
}

// The schema knows every table that refers to a building or an apartment (votes,
// to-dos, online charges, lobby devices, ...), so the refused foreign key, not
// a list of tables kept here, decides whether the row is still in use.
template <typename Remove>
[[nodiscard]] bool RemovedUnlessReferenced(Remove&& remove) {
  try {
    remove();
    return true;
  } catch (const soci::soci_error& error) {
    if (!storage::IsForeignKeyViolation(error)) {
      throw;
    }
    return false;
  }
}

}  // namespace

Result<std::vector<Building>> TenancyService::ListBuildings(const Scope& scope) {
  return db_.Read([&](soci::session& sql) { return SelectBuildings(sql, scope); });
}

Result<Building> TenancyService::GetBuilding(const Scope& scope, std::int64_t id) {
  auto found = db_.Read([&](soci::session& sql) { return SelectBuilding(sql, scope, id); });
  if (!found) {
    return Fail(BuildingNotFound());
  }
  return *found;
}

Result<Building> TenancyService::CreateBuilding(const Scope& scope, Building building) {
  building.tenant_id = scope.tenant_id();
  if (auto valid = ValidateBuilding(building); !valid) {
    return Fail(valid.error());
  }
  return db_.Write([&](soci::session& sql) -> Result<Building> {
    if (SelectBuildingByCode(sql, scope, building.code)) {
      return Fail(DuplicateCode(building.code));
    }
    building.id = InsertBuilding(sql, scope, building);
    return building;
  });
}

Result<Building> TenancyService::UpdateBuilding(const Scope& scope, std::int64_t id,
                                                const std::function<Status(Building&)>& change) {
  return db_.Write([&](soci::session& sql) -> Result<Building> {
    auto building = SelectBuilding(sql, scope, id);
    if (!building) {
      return Fail(BuildingNotFound());
    }
    const std::string currency_before = building->currency;
    if (auto changed = change(*building); !changed) {
      return Fail(changed.error());
    }
    if (building->currency != currency_before && BuildingHasLedgerEntries(sql, scope, id)) {
      return Fail(Error{
          ErrorKind::kConflict,
          "currency_locked",
          "The building keeps its books in " + currency_before + "; its currency cannot change.",
          {{"currency", "Locked by the building's ledger entries."}}});
    }
    if (auto valid = ValidateBuilding(*building); !valid) {
      return Fail(valid.error());
    }
    auto same_code = SelectBuildingByCode(sql, scope, building->code);
    if (same_code && same_code->id != id) {
      return Fail(DuplicateCode(building->code));
    }
    tenancy::UpdateBuilding(sql, scope, *building);
    return *building;
  });
}

Status TenancyService::DeleteBuilding(const Scope& scope, std::int64_t id) {
  return db_.Write([&](soci::session& sql) -> Status {
    if (!SelectBuilding(sql, scope, id)) {
      return Fail(BuildingNotFound());
    }
    if (CountApartmentsOf(sql, scope, id) > 0 || BuildingHasMembers(sql, scope, id)) {
      return Fail(Error::Conflict(
          "building_not_empty", "Remove the building's apartments and staff before the building."));
    }
    if (!RemovedUnlessReferenced([&] { tenancy::DeleteBuilding(sql, scope, id); })) {
      return Fail(Error::Conflict("building_not_empty",
                                  "Votes, to-dos, online charges, lobby devices or other records "
                                  "still belong to the building; it cannot be removed."));
    }
    return {};
  });
}

Result<std::pair<std::int64_t, std::vector<Apartment>>> TenancyService::ListApartments(
    const Scope& scope, const ApartmentFilter& filter) {
  return db_.Read(
      [&](soci::session& sql) -> Result<std::pair<std::int64_t, std::vector<Apartment>>> {
        if (filter.building_id && !SelectBuilding(sql, scope, *filter.building_id)) {
          return Fail(BuildingNotFound());
        }
        return std::make_pair(CountApartments(sql, scope, filter),
                              SelectApartments(sql, scope, filter));
      });
}

Result<Apartment> TenancyService::GetApartment(const Scope& scope, std::int64_t id) {
  auto found = db_.Read([&](soci::session& sql) { return SelectApartment(sql, scope, id); });
  if (!found) {
    return Fail(ApartmentNotFound());
  }
  return *found;
}

Result<Apartment> TenancyService::CreateApartment(const Scope& scope, Apartment apartment) {
  apartment.tenant_id = scope.tenant_id();
  if (auto valid = ValidateApartment(apartment); !valid) {
    return Fail(valid.error());
  }
  return db_.Write([&](soci::session& sql) -> Result<Apartment> {
    if (!SelectBuilding(sql, scope, apartment.building_id)) {
      return Fail(Error{ErrorKind::kInvalidInput,
                        "building_not_found",
                        "No such building.",
                        {{"building_id", "No such building."}}});
    }
    if (SelectApartmentByNumber(sql, scope, apartment.building_id, apartment.number)) {
      return Fail(DuplicateNumber(apartment.number));
    }
    apartment.id = InsertApartment(sql, scope, apartment);
    return apartment;
  });
}

Result<Apartment> TenancyService::UpdateApartment(const Scope& scope, std::int64_t id,
                                                  const std::function<Status(Apartment&)>& change) {
  return db_.Write([&](soci::session& sql) -> Result<Apartment> {
    auto apartment = SelectApartment(sql, scope, id);
    if (!apartment) {
      return Fail(ApartmentNotFound());
    }
    if (auto changed = change(*apartment); !changed) {
      return Fail(changed.error());
    }
    if (auto valid = ValidateApartment(*apartment); !valid) {
      return Fail(valid.error());
    }
    auto same_number =
        SelectApartmentByNumber(sql, scope, apartment->building_id, apartment->number);
    if (same_number && same_number->id != id) {
      return Fail(DuplicateNumber(apartment->number));
    }
    tenancy::UpdateApartment(sql, scope, *apartment);
    return *apartment;
  });
}

Status TenancyService::DeleteApartment(const Scope& scope, std::int64_t id) {
  return db_.Write([&](soci::session& sql) -> Status {
    if (!SelectApartment(sql, scope, id)) {
      return Fail(ApartmentNotFound());
    }
    if (ApartmentIsInUse(sql, scope, id)) {
      return Fail(Error::Conflict("apartment_in_use",
                                  "An apartment with ledger entries or residents cannot be "
                                  "removed."));
    }
    if (!RemovedUnlessReferenced([&] { tenancy::DeleteApartment(sql, scope, id); })) {
      return Fail(Error::Conflict("apartment_in_use",
                                  "Online charges, registrations, personal links or other "
                                  "records still refer to the apartment; it cannot be removed."));
    }
    return {};
  });
}

}  // namespace concierge::tenancy
