#include "kiosk/announcements.hpp"

#include <gtest/gtest.h>

#include "accounts/scope_factory.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::kiosk {
namespace {

class AnnouncementServiceTest : public ::testing::Test {
 protected:
  AnnouncementServiceTest()
      : clock_(*ParseTimestamp("2026-12-03T10:00:00Z")),
        announcements_(database_.db(), clock_),
        tenant_(database_.AddTenant("office")),
        office_(ScopeForTesting::Office(tenant_)) {
    tenancy::TenancyService tenancy(database_.db());
    for (const char* code : {"B1", "B2"}) {
      tenancy::Building building;
      building.code = code;
      building.name = code;
      buildings_.push_back(tenancy.CreateBuilding(office_, building)->id);
    }
    tenancy::Apartment apartment;
    apartment.building_id = buildings_[0];
    apartment.number = "1A";
    apartment_ = tenancy.CreateApartment(office_, apartment)->id;
    for (const auto visibility :
         {Visibility::kPublic, Visibility::kResidents, Visibility::kStaff}) {
      Post(buildings_[0], visibility, std::nullopt);
    }
  }

  void Post(std::int64_t building, Visibility visibility, std::optional<Date> event_date) {
    Announcement announcement;
    announcement.building_id = building;
    announcement.title = VisibilityName(visibility);
    announcement.visibility = visibility;
    announcement.event_date = event_date;
    ASSERT_TRUE(announcements_.Create(office_, announcement, {}));
  }

  std::vector<std::string> TitlesFor(const Scope& scope) {
    std::vector<std::string> titles;
    for (const auto& announcement : announcements_.List(scope, std::nullopt)) {
      titles.push_back(announcement.title);
    }
    return titles;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  AnnouncementService announcements_;
  std::int64_t tenant_;
  Scope office_;
  std::vector<std::int64_t> buildings_;
  std::int64_t apartment_ = 0;
};

using Titles = std::vector<std::string>;

TEST_F(AnnouncementServiceTest, EachReaderSeesWhatTheirRoleMay) {
  EXPECT_EQ(TitlesFor(office_), (Titles{"staff", "residents", "public"}));
  EXPECT_EQ(TitlesFor(ScopeForTesting::Staff(tenant_, {buildings_[0]})),
            (Titles{"staff", "residents", "public"}));
  EXPECT_EQ(TitlesFor(ScopeForTesting::Staff(tenant_, {buildings_[1]})), Titles{});
  EXPECT_EQ(TitlesFor(ScopeForTesting::Resident(tenant_, {buildings_[0]}, {apartment_})),
            (Titles{"residents", "public"}));
  EXPECT_EQ(TitlesFor(accounts::ScopeFactory::ForKiosk(tenant_, buildings_[0])), Titles{"public"});
  EXPECT_EQ(TitlesFor(ScopeForTesting::Office(database_.AddTenant("other"))), Titles{});
}

TEST_F(AnnouncementServiceTest, PublicEventsAreListedUntilTheirDayHasPassed) {
  const Date today = *ParseDate("2026-12-03");
  Post(buildings_[0], Visibility::kPublic, *ParseDate("2026-12-02"));
  Post(buildings_[0], Visibility::kPublic, today);
  Post(buildings_[0], Visibility::kResidents, *ParseDate("2026-12-24"));
  const auto scope = accounts::ScopeFactory::ForKiosk(tenant_, buildings_[0]);
  const auto [news, events] = announcements_.PublicOf(scope, buildings_[0], today, 10);
  ASSERT_EQ(news.size(), 1u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event_date, today);
}

TEST_F(AnnouncementServiceTest, BadInputAndForeignIdsAreRefused) {
  Announcement untitled;
  untitled.building_id = buildings_[0];
  EXPECT_FALSE(announcements_.Create(office_, untitled, {}));
  const Scope other = ScopeForTesting::Office(database_.AddTenant("other"));
  Announcement foreign;
  foreign.building_id = buildings_[0];
  foreign.title = "not yours";
  EXPECT_FALSE(announcements_.Create(other, foreign, {}));
  const auto id = announcements_.List(office_, std::nullopt).front().id;
  const auto removed = announcements_.Remove(other, id, {});
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace concierge::kiosk
