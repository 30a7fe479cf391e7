#include "accounts/service.hpp"

#include <gtest/gtest.h>

#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::accounts {
namespace {

class AccountsServiceTest : public ::testing::Test {
 protected:
  AccountsServiceTest()
      : clock_(*ParseTimestamp("2026-01-01T00:00:00Z")),
        tokens_("a-test-secret-that-is-long-enough-for-hs256", std::chrono::seconds(600), clock_),
        audit_(database_.db(), clock_),
        service_(database_.db(), tokens_, audit_),
        office_(database_.AddTenant("office")) {}

  http::Request WithToken(const std::string& token) {
    http::Request request;
    request.headers.emplace_back("authorization", "Bearer " + token);
    return request;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  AccessTokens tokens_;
  audit::AuditService audit_;
  AccountsService service_;
  std::int64_t office_;
};

TEST_F(AccountsServiceTest, ManagerLogsInAndIsAuthenticatedOfficeWide) {
  ASSERT_TRUE(service_.CreateUser(
      {office_, "Maria@Example.com", "Maria", Role::kManager, "long enough password", {}, {}}));

  auto login = service_.Login("maria@example.com", "long enough password", "");
  ASSERT_TRUE(login) << login.error().detail;
  auto principal = service_.Authenticate(WithToken(login->access_token));
  ASSERT_TRUE(principal);
  ASSERT_TRUE(principal->has_value());
  EXPECT_EQ((*principal)->scope.role(), Role::kManager);
  EXPECT_EQ((*principal)->scope.tenant_id(), office_);
  EXPECT_TRUE((*principal)->scope.IsOfficeWide());
}

TEST_F(AccountsServiceTest, LoginsAreAuditedWithoutThePassword) {
  ASSERT_TRUE(service_.CreateUser(
      {office_, "m@example.com", "M", Role::kManager, "long enough password", {}, {}}));
  const audit::Actor actor{std::nullopt, "anonymous", "req-9", "10.0.0.9"};
  ASSERT_FALSE(service_.Login("m@example.com", "a wrong password", "", actor));
  ASSERT_TRUE(service_.Login("m@example.com", "long enough password", "", actor));

  const auto [count, events] = audit_.List(ScopeForTesting::Office(office_), {});
  ASSERT_EQ(count, 2);
  EXPECT_EQ(events[0].action, "auth.login_succeeded");
  EXPECT_EQ(events[1].action, "auth.login_failed");
  EXPECT_EQ(events[1].actor.request_id, "req-9");
  EXPECT_EQ(events[1].actor.client_address, "10.0.0.9");
  for (const auto& event : events) {
    EXPECT_EQ(event.detail.dump().find("password"), std::string::npos);
  }
}

TEST_F(AccountsServiceTest, AfterTheLimitEvenTheRightPasswordWaitsForTheCoolOff) {
  ASSERT_TRUE(service_.CreateUser(
      {office_, "m@example.com", "M", Role::kManager, "long enough password", {}, {}}));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service_.Login("m@example.com", "wrong password", "").error().kind,
              ErrorKind::kUnauthenticated);
  }
  auto locked = service_.Login("m@example.com", "long enough password", "");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().kind, ErrorKind::kTooManyRequests);
  EXPECT_EQ(locked.error().retry_after_seconds, 900);

  clock_.Advance(std::chrono::seconds(899));
  EXPECT_FALSE(service_.Login("m@example.com", "long enough password", ""));
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(service_.Login("m@example.com", "long enough password", ""));
}

TEST_F(AccountsServiceTest, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  ASSERT_TRUE(service_.CreateUser(
      {office_, "m@example.com", "M", Role::kManager, "long enough password", {}, {}}));
  auto wrong = service_.Login("m@example.com", "wrong password!", "");
  auto unknown = service_.Login("nobody@example.com", "long enough password", "");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong.error().detail, unknown.error().detail);
}

TEST_F(AccountsServiceTest, ResidentScopeCoversTheirApartmentOnly) {
  tenancy::TenancyService tenancy(database_.db());
  const Scope office = ScopeForTesting::Office(office_);
  tenancy::Building building;
  building.code = "B1";
  building.name = "B1";
  auto b = tenancy.CreateBuilding(office, building);
  tenancy::Apartment apartment;
  apartment.building_id = b->id;
  apartment.number = "1A";
  auto a = tenancy.CreateApartment(office, apartment);

  ASSERT_TRUE(service_.CreateUser(
      {office_, "r@example.com", "R", Role::kResident, "long enough password", {}, a->id}));
  auto login = service_.Login("r@example.com", "long enough password", "");
  auto principal = service_.Authenticate(WithToken(login->access_token));
  const Scope& scope = (*principal)->scope;
  EXPECT_EQ(scope.role(), Role::kResident);
  EXPECT_TRUE(scope.CanSeeApartment(b->id, a->id));
  EXPECT_FALSE(scope.CanSeeApartment(b->id, a->id + 1));
  EXPECT_TRUE(scope.CanSeeBuilding(b->id));
}

TEST_F(AccountsServiceTest, RefusesWeakPasswordsDuplicatesAndMissingTargets) {
  EXPECT_FALSE(
      service_.CreateUser({office_, "a@example.com", "A", Role::kManager, "short", {}, {}}));
  ASSERT_TRUE(service_.CreateUser(
      {office_, "a@example.com", "A", Role::kManager, "long enough password", {}, {}}));
  EXPECT_EQ(service_
                .CreateUser(
                    {office_, "A@example.com", "A", Role::kManager, "long enough password", {}, {}})
                .error()
                .code,
            "user_exists");
  EXPECT_FALSE(service_.CreateUser(
      {office_, "s@example.com", "S", Role::kStaff, "long enough password", {}, {}}));
  EXPECT_FALSE(service_.CreateUser(
      {office_, "r@example.com", "R", Role::kResident, "long enough password", {}, 999}));
}

TEST_F(AccountsServiceTest, ExpiredOrForeignTokensAreRefused) {
  ASSERT_TRUE(service_.CreateUser(
      {office_, "m@example.com", "M", Role::kManager, "long enough password", {}, {}}));
  auto login = service_.Login("m@example.com", "long enough password", "");
  clock_.Advance(std::chrono::seconds(601));
  EXPECT_FALSE(service_.Authenticate(WithToken(login->access_token)));

  http::Request no_token;
  auto anonymous = service_.Authenticate(no_token);
  ASSERT_TRUE(anonymous);
  EXPECT_FALSE(anonymous->has_value());
}

}  // namespace
}  // namespace concierge::accounts
