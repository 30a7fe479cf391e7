#include "tenancy/service.hpp"

#include <gtest/gtest.h>

#include "scope_for_testing.hpp"
#include "test_database.hpp"

namespace concierge::tenancy {
namespace {

class TenancyServiceTest : public ::testing::Test {
 protected:
  TenancyServiceTest()
      : office_a_(database_.AddTenant("office-a")),
        office_b_(database_.AddTenant("office-b")),
        service_(database_.db()) {}

  Building MakeBuilding(const Scope& scope, const std::string& code) {
    Building building;
    building.code = code;
    building.name = "Building " + code;
    auto created = service_.CreateBuilding(scope, building);
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return *created;
  }

  Apartment MakeApartment(const Scope& scope, std::int64_t building_id, const std::string& number) {
    Apartment apartment;
    apartment.building_id = building_id;
    apartment.number = number;
    apartment.shares = {{"general", 500}};
    auto created = service_.CreateApartment(scope, apartment);
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return *created;
  }

  testing::TestDatabase database_;
  std::int64_t office_a_;
  std::int64_t office_b_;
  TenancyService service_;
};

TEST_F(TenancyServiceTest, AnotherOfficesBuildingIsNotFoundEverywhere) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Scope b = ScopeForTesting::Office(office_b_);
  const Building theirs = MakeBuilding(b, "B1");
  const Apartment their_flat = MakeApartment(b, theirs.id, "1A");

  EXPECT_EQ(service_.GetBuilding(a, theirs.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_.UpdateBuilding(a, theirs.id, [](Building&) { return Status{}; }).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(service_.DeleteBuilding(a, theirs.id).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(service_.ListBuildings(a)->empty());

  EXPECT_EQ(service_.GetApartment(a, their_flat.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_.DeleteApartment(a, their_flat.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_.ListApartments(a, {theirs.id, 0, 50}).error().kind, ErrorKind::kNotFound);
  Apartment intruder;
  intruder.building_id = theirs.id;
  intruder.number = "X";
  EXPECT_FALSE(service_.CreateApartment(a, intruder));
}

TEST_F(TenancyServiceTest, BuildingCodesAreUniqueWithinAnOfficeOnly) {
  const Scope a = ScopeForTesting::Office(office_a_);
  MakeBuilding(a, "B1");
  Building again;
  again.code = "B1";
  again.name = "Again";
  EXPECT_EQ(service_.CreateBuilding(a, again).error().code, "building_code_taken");
  MakeBuilding(ScopeForTesting::Office(office_b_), "B1");
}

TEST_F(TenancyServiceTest, InvalidBuildingNamesEveryBadField) {
  Building bad;
  bad.code = "has space";
  bad.timezone = "Nowhere/Special";
  bad.currency = "eur";
  auto created = service_.CreateBuilding(ScopeForTesting::Office(office_a_), bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().fields.size(), 4u);
}

// Amounts are cents everywhere; a yen "cent" would be sent to Stripe as 100 yen.
TEST_F(TenancyServiceTest, ACurrencyWithoutCentsIsRefused) {
  const Scope a = ScopeForTesting::Office(office_a_);
  for (const char* currency : {"JPY", "KWD"}) {
    Building building;
    building.code = std::string("B-") + currency;
    building.name = "Refused";
    building.timezone = "Europe/Athens";
    building.currency = currency;
    auto created = service_.CreateBuilding(a, building);
    ASSERT_FALSE(created) << currency;
    EXPECT_EQ(created.error().fields.count("currency"), 1u) << currency;
  }
  EXPECT_TRUE(service_.ListBuildings(a)->empty());
}

TEST_F(TenancyServiceTest, ABuildingWithApartmentsCannotBeDeleted) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Building building = MakeBuilding(a, "B1");
  MakeApartment(a, building.id, "1A");
  EXPECT_EQ(service_.DeleteBuilding(a, building.id).error().code, "building_not_empty");
}

// Other modules' tables refer to buildings and apartments; a to-do or an
// online charge is written here as those modules would store it.
TEST_F(TenancyServiceTest, ABuildingWithAToDoIsNotEmptyAndStays) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Building building = MakeBuilding(a, "B1");
  database_.db().Write([&](soci::session& sql) {
    sql << "INSERT INTO todos (tenant_id, building_id, title, created_at, updated_at)"
           " VALUES (:t, :b, 'Repaint', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')",
        soci::use(office_a_), soci::use(building.id);
  });

  auto deleted = service_.DeleteBuilding(a, building.id);

  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, "building_not_empty");
  EXPECT_TRUE(service_.GetBuilding(a, building.id));
}

TEST_F(TenancyServiceTest, AnApartmentWithAnOnlineChargeIsInUseAndStays) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Building building = MakeBuilding(a, "B1");
  const Apartment flat = MakeApartment(a, building.id, "1A");
  database_.db().Write([&](soci::session& sql) {
    sql << "INSERT INTO online_charges (tenant_id, building_id, apartment_id, amount_cents,"
           " currency, created_at) VALUES (:t, :b, :a, 5000, 'EUR', '2026-12-01T00:00:00Z')",
        soci::use(office_a_), soci::use(building.id), soci::use(flat.id);
  });

  auto deleted = service_.DeleteApartment(a, flat.id);

  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, "apartment_in_use");
  EXPECT_TRUE(service_.GetApartment(a, flat.id));
}

TEST_F(TenancyServiceTest, ResidentsSeeOnlyTheirOwnApartments) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Building building = MakeBuilding(a, "B1");
  const Apartment mine = MakeApartment(a, building.id, "1A");
  const Apartment theirs = MakeApartment(a, building.id, "1B");
  const Scope resident = ScopeForTesting::Resident(office_a_, {building.id}, {mine.id});

  EXPECT_TRUE(service_.GetApartment(resident, mine.id));
  EXPECT_EQ(service_.GetApartment(resident, theirs.id).error().kind, ErrorKind::kNotFound);
  auto listed = service_.ListApartments(resident, {std::nullopt, 0, 50});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->first, 1);
  EXPECT_EQ(listed->second.at(0).id, mine.id);
  EXPECT_EQ(listed->second.at(0).shares.at("general"), 500);
}

TEST_F(TenancyServiceTest, StaffSeeOnlyTheirAssignedBuildings) {
  const Scope a = ScopeForTesting::Office(office_a_);
  const Building assigned = MakeBuilding(a, "B1");
  const Building other = MakeBuilding(a, "B2");
  const Scope staff = ScopeForTesting::Staff(office_a_, {assigned.id});

  auto buildings = service_.ListBuildings(staff);
  ASSERT_EQ(buildings->size(), 1u);
  EXPECT_EQ(buildings->at(0).id, assigned.id);
  EXPECT_EQ(service_.GetBuilding(staff, other.id).error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace concierge::tenancy
